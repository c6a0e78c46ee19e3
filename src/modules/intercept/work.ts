/** Intercept's queue on the home page: match candidates waiting for review, due before the purge. */
import { rowFilter } from '../../platform/auth/scope';
import { inForce } from '../../platform/versioned';
import type { WorkQueue } from '../../platform/work/work';
import { defaultReviewPurgePolicies } from './review';
import { reviewsWaitingCount } from './store';

export const interceptQueues: readonly WorkQueue[] = [
  {
    key: 'intercept.reviews',
    label: 'Intercept matches to review',
    href: '/intercept',
    permissions: ['intercept.review'],
    count: (tx, actor, today) => reviewsWaitingCount(tx, rowFilter(actor), today, inForce(defaultReviewPurgePolicies, today).purgeReviewAfterDays),
  },
];
