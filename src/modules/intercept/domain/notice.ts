/**
 * A notice to withhold, as a state machine (pure): what each answer of the insurer does to it. A notice
 * that was denied or does not bind takes no more answers; "already paid" before the notice date means
 * the notice does not bind (Ins. Code 13550(e)); a remittance cannot predate the notice, adds to what
 * was remitted and, for a periodic payment, starts the yearly re-check from its first payment.
 *
 * @example answerNotice(notice, { answer: 'remitted', receivedOn: '2026-11-02', amountCents: 50_000 })
 */
import { addMonthsClamped, type CalendarDate } from '../../../platform/dates';
import { AppError } from '../../../platform/errors';

export type NoticeStatus = 'issued' | 'will_withhold' | 'already_paid' | 'not_binding' | 'denied' | 'remitted';

export interface NoticeState {
  status: NoticeStatus;
  kind: 'lump_sum' | 'periodic';
  noticeDate: CalendarDate;
  remittedCents: number;
  firstPaymentOn: CalendarDate | null;
}

export type InsurerAnswer =
  | { answer: 'will_withhold' }
  | { answer: 'denied' }
  | { answer: 'already_paid'; paidOn: CalendarDate }
  | { answer: 'remitted'; receivedOn: CalendarDate; amountCents: number };

/** The notice's new fields after an answer, and the answer's date and amount (for its record). */
export interface NoticeAnswerEffect {
  change: { status: NoticeStatus; remittedCents?: number; firstPaymentOn?: CalendarDate; recheckOn?: CalendarDate };
  onDate: CalendarDate | null;
  amountCents: number | null;
}

/** A periodic payment's notice is checked again a year after its first payment. */
export const recheckAfterMonths = 12;

export function answerNotice(notice: NoticeState, input: InsurerAnswer): NoticeAnswerEffect {
  if (notice.status === 'denied' || notice.status === 'not_binding') {
    throw new AppError('conflict', 'notice_closed', `This notice is ${notice.status.replace('_', ' ')}; it takes no more answers.`);
  }
  switch (input.answer) {
    case 'will_withhold':
    case 'denied':
      return { change: { status: input.answer }, onDate: null, amountCents: null };
    case 'already_paid':
      // Ins. Code 13550(e): a notice received after the claim was paid does not bind the insurer.
      return { change: { status: input.paidOn < notice.noticeDate ? 'not_binding' : 'already_paid' }, onDate: input.paidOn, amountCents: null };
    case 'remitted': {
      if (input.receivedOn < notice.noticeDate) {
        throw new AppError('validation', 'remitted_before_notice', 'A remittance cannot be received before the notice date.', [
          { path: '/receivedOn', message: 'on or after the notice date' },
        ]);
      }
      const isFirstPeriodic = notice.kind === 'periodic' && !notice.firstPaymentOn;
      return {
        change: {
          status: 'remitted',
          remittedCents: notice.remittedCents + input.amountCents,
          ...(isFirstPeriodic ? { firstPaymentOn: input.receivedOn, recheckOn: addMonthsClamped(input.receivedOn, recheckAfterMonths) } : {}),
        },
        onDate: input.receivedOn,
        amountCents: input.amountCents,
      };
    }
  }
}
