/** Liens' queues on the home page: liens to record, releases due, payoff and wrong-person demands to answer. */
import { rowFilter } from '../../platform/auth/scope';
import { countDates, type WorkQueue } from '../../platform/work/work';
import { releasesDue } from './releases';
import { liensToRecordCount, parentLienRequestsCount, payoffDemandsToAnswerCount, wrongPersonDemandsCount } from './store';

export const lienQueues: readonly WorkQueue[] = [
  {
    key: 'liens.to_record',
    label: 'Liens to record',
    href: '/liens',
    permissions: ['liens.manage'],
    count: (tx, actor, today) => liensToRecordCount(tx, rowFilter(actor), today),
  },
  {
    key: 'liens.releases_due',
    label: 'Lien releases due',
    href: '/liens',
    permissions: ['liens.manage'],
    async count(tx, actor, today) {
      const due = (await releasesDue(tx, actor)).filter((r) => r.dueBy !== null);
      return countDates(
        due.map((r) => r.dueBy),
        today,
      );
    },
  },
  {
    key: 'liens.payoff_demands',
    label: 'Payoff demands to answer',
    href: '/payoffs',
    permissions: ['liens.manage'],
    count: (tx, actor, today) => payoffDemandsToAnswerCount(tx, rowFilter(actor), today),
  },
  {
    key: 'liens.wrong_person',
    label: 'Wrong-person demands to decide',
    href: '/liens',
    permissions: ['liens.manage'],
    count: (tx, actor, today) => wrongPersonDemandsCount(tx, rowFilter(actor), today),
  },
  {
    key: 'liens.parent_requests',
    label: "Parents' payoff and release requests",
    href: '/liens',
    permissions: ['liens.manage'],
    count: (tx, actor, today) => parentLienRequestsCount(tx, rowFilter(actor), today),
  },
];
