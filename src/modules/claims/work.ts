/** Claims' queue on the home page: the claims waiting for this role's step (prepare, approve, certify, review), by due date. */
import type { WorkQueue } from '../../platform/work/work';
import { claimInbox } from './service';

export const claimQueues: readonly WorkQueue[] = [
  {
    key: 'claims.inbox',
    label: 'Expenditure claims waiting for you',
    href: '/claims',
    permissions: ['claims.prepare', 'claims.approve', 'claims.certify', 'claims.review'],
    async count(tx, actor, today) {
      const items = await claimInbox(tx, actor);
      const dates = items.map((i) => i.dueBy).sort();
      return { open: items.length, overdue: items.filter((i) => i.dueBy < today).length, nextDue: (dates[0] as typeof today | undefined) ?? null };
    },
  },
];
