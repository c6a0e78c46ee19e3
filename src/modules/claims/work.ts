/** Claims' queue on the home page: the claims waiting for this role's step (prepare, approve, certify, review), by due date. */
import { countDates, type WorkQueue } from '../../platform/work/work';
import { claimInbox } from './service';

export const claimQueues: readonly WorkQueue[] = [
  {
    key: 'claims.inbox',
    label: 'Expenditure claims waiting for you',
    href: '/claims',
    permissions: ['claims.prepare', 'claims.approve', 'claims.certify', 'claims.review'],
    async count(tx, actor, today) {
      return countDates(
        (await claimInbox(tx, actor)).map((i) => i.dueBy),
        today,
      );
    },
  },
];
