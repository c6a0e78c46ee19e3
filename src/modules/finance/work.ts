/** Finance's queues on the home page: audit requests and complaints by deadline, adjustments to approve. */
import { rowFilter } from '../../platform/auth/scope';
import type { WorkQueue } from '../../platform/work/work';
import { openAuditRequestsCount, pendingAdjustmentsCount } from './store';

export const financeQueues: readonly WorkQueue[] = [
  {
    key: 'finance.audit_requests',
    label: 'Account audits and complaints',
    href: '/finance',
    permissions: ['finance.audits'],
    count: (tx, actor, today) => openAuditRequestsCount(tx, rowFilter(actor), today),
  },
  {
    key: 'finance.adjustments',
    label: 'Adjustments to approve',
    href: '/finance',
    permissions: ['finance.approve'],
    count: (tx, actor, today) => pendingAdjustmentsCount(tx, rowFilter(actor), today),
  },
];
