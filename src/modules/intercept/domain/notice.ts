/**
 * A notice to withhold, as a state machine (pure): what each answer of the insurer does to it, and
 * which answers are impossible. The insurer's "remitted" is a promise: money counts only when a
 * state disbursement unit receipt matches it (`receipts.ts`).
 *
 *   issued ──will_withhold──▶ will_withhold ──remitted──▶ remitted ──remitted (periodic, partial)──▶ remitted
 *     │  └─────────────remitted───────────────────────────▲
 *     ├─already_paid─▶ already_paid (paid after the insurer received the notice) | not_binding (before: Ins. Code 13550(e))
 *     └─denied─▶ denied                     a decided contest may end any open notice as released
 *
 * already_paid, not_binding, denied and released take no more answers. An open contest holds the notice:
 * no remittance may be promised. A remittance cannot predate the notice, cannot take the promised total
 * above the amount to withhold, and for periodic payments cannot exceed the per-payment limit of the
 * payment it was withheld from (CCP 704.130(c), 706.052).
 *
 * @example answerNotice(notice, { answer: 'remitted', sentOn: '2026-11-02', amountCents: 50_000 })
 */
import { addMonthsClamped, type CalendarDate } from '../../../platform/dates';
import { AppError, type ErrorCode } from '../../../platform/errors';
import { formatCents } from '../../../platform/money';
import { perPaymentLimit } from './withholding';

export const noticeStatuses = ['issued', 'will_withhold', 'already_paid', 'not_binding', 'denied', 'remitted', 'released'] as const;
export type NoticeStatus = (typeof noticeStatuses)[number];

/** Statuses that take no more answers. */
export const closedNoticeStatuses: readonly NoticeStatus[] = ['already_paid', 'not_binding', 'denied', 'released'];

export interface NoticeState {
  status: NoticeStatus;
  kind: 'lump_sum' | 'periodic';
  noticeDate: CalendarDate;
  /** When the insurer received the notice, if known; the notice date otherwise. */
  insurerReceivedOn: CalendarDate | null;
  withholdCents: number;
  promisedCents: number;
  perPaymentBasisPoints: number | null;
  firstPaymentOn: CalendarDate | null;
  onHold: boolean;
}

export type InsurerAnswer =
  | { answer: 'will_withhold' }
  | { answer: 'denied' }
  | { answer: 'already_paid'; paidOn: CalendarDate }
  | { answer: 'remitted'; sentOn: CalendarDate; amountCents: number; paymentGrossCents?: number };

/** The notice's new fields after an answer, and the answer's date and amount (for its record). */
export interface NoticeAnswerEffect {
  change: { status: NoticeStatus; promisedCents?: number; firstPaymentOn?: CalendarDate; recheckOn?: CalendarDate };
  onDate: CalendarDate | null;
  amountCents: number | null;
}

/** A periodic payment's notice is checked again a year after its first payment. */
export const recheckAfterMonths = 12;

/** Which answers each status can take. */
const allowed: Record<NoticeStatus, readonly InsurerAnswer['answer'][]> = {
  issued: ['will_withhold', 'already_paid', 'denied', 'remitted'],
  will_withhold: ['already_paid', 'denied', 'remitted'],
  remitted: ['remitted'],
  already_paid: [],
  not_binding: [],
  denied: [],
  released: [],
};

const refuse = (code: ErrorCode, message: string, path?: string): never => {
  throw new AppError(path ? 'validation' : 'conflict', code, message, path ? [{ path, message }] : undefined);
};

export function answerNotice(notice: NoticeState, input: InsurerAnswer): NoticeAnswerEffect {
  if (closedNoticeStatuses.includes(notice.status)) refuse('notice_closed', `This notice is ${notice.status.replace('_', ' ')}; it takes no more answers.`);
  if (!allowed[notice.status].includes(input.answer)) {
    refuse('answer_not_allowed', `A notice that is ${notice.status.replace('_', ' ')} cannot be answered "${input.answer.replace('_', ' ')}".`);
  }
  switch (input.answer) {
    case 'will_withhold':
    case 'denied':
      return { change: { status: input.answer }, onDate: null, amountCents: null };
    case 'already_paid': {
      // Ins. Code 13550(e): a notice that reached the insurer after the claim was paid does not bind it.
      const reachedOn = notice.insurerReceivedOn ?? notice.noticeDate;
      return { change: { status: input.paidOn < reachedOn ? 'not_binding' : 'already_paid' }, onDate: input.paidOn, amountCents: null };
    }
    case 'remitted': {
      if (notice.onHold) refuse('notice_on_hold', 'The obligor has contested this notice: hold the payment and remit nothing until the contest is decided.');
      if (input.sentOn < notice.noticeDate) refuse('remitted_before_notice', 'A remittance cannot be sent before the notice date.', '/sentOn');
      const left = notice.withholdCents - notice.promisedCents;
      if (input.amountCents > left) {
        refuse(
          'remittance_above_notice',
          `The notice asks for ${formatCents(notice.withholdCents)} and ${formatCents(notice.promisedCents)} was already remitted: at most ${formatCents(Math.max(0, left))} more.`,
          '/amountCents',
        );
      }
      if (notice.kind === 'periodic') {
        if (input.paymentGrossCents === undefined)
          refuse('payment_gross_required', 'A periodic payment: give the gross payment the remittance was withheld from.', '/paymentGrossCents');
        const limit = perPaymentLimit(input.paymentGrossCents!, notice.perPaymentBasisPoints ?? 10_000);
        if (input.amountCents > limit) {
          refuse(
            'remittance_above_payment_limit',
            `At most ${formatCents(limit)} may be withheld from a payment of ${formatCents(input.paymentGrossCents!)}.`,
            '/amountCents',
          );
        }
      }
      const isFirstPeriodic = notice.kind === 'periodic' && !notice.firstPaymentOn;
      return {
        change: {
          status: 'remitted',
          promisedCents: notice.promisedCents + input.amountCents,
          ...(isFirstPeriodic ? { firstPaymentOn: input.sentOn, recheckOn: addMonthsClamped(input.sentOn, recheckAfterMonths) } : {}),
        },
        onDate: input.sentOn,
        amountCents: input.amountCents,
      };
    }
  }
}
