/** Training's queues on the home page: the learner's own courses to complete, and (for managers) learners overdue. */
import { rowFilter } from '../../platform/auth/scope';
import type { WorkQueue } from '../../platform/work/work';
import { myOpenAssignmentsCount, overdueLearnersCount } from './store';

export const trainingQueues: readonly WorkQueue[] = [
  {
    key: 'training.my_courses',
    label: 'My courses to complete',
    href: '/training',
    permissions: ['training.learn'],
    count: (tx, actor, today) => (actor.userId ? myOpenAssignmentsCount(tx, actor.userId, today) : Promise.resolve({ open: 0, overdue: 0, nextDue: null })),
  },
  {
    key: 'training.learners_overdue',
    label: 'Learners overdue',
    href: '/training',
    permissions: ['training.manage'],
    count: (tx, actor, today) => overdueLearnersCount(tx, rowFilter(actor), today),
  },
];
