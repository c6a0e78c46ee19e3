/**
 * Which promised remittance a state disbursement unit receipt pays (pure). A receipt quotes a notice;
 * it matches an unpaid promise of that notice for the same amount, received on or after the day the
 * insurer said it sent it and within the policy's window. Anything else is an exception for staff:
 * the money is held at the disbursement unit, never posted on a guess.
 *
 * @example matchReceipt({ amountCents: 50_000, receivedOn: '2026-11-04' }, notice, promises) // { kind: 'matched', answerId }
 */
import { addDays, type CalendarDate } from '../../../platform/dates';
import { closedNoticeStatuses, type NoticeStatus } from './notice';
import { defaultWithholdingPolicy } from './withholding';

export const receiptExceptionReasons = ['unknown_notice', 'notice_on_hold', 'notice_closed', 'no_promise', 'amount_or_date_differs', 'above_notice'] as const;
export type ReceiptExceptionReason = (typeof receiptExceptionReasons)[number];

export interface PromisedRemittance {
  answerId: string;
  amountCents: number;
  sentOn: CalendarDate;
  /** Already paid by another receipt. */
  isPaid: boolean;
}

export interface ReceiptNotice {
  status: NoticeStatus;
  onHold: boolean;
  withholdCents: number;
  remittedCents: number;
}

export type ReceiptMatch = { kind: 'matched'; answerId: string } | { kind: 'exception'; reason: ReceiptExceptionReason };

export function matchReceipt(
  receipt: { amountCents: number; receivedOn: CalendarDate },
  notice: ReceiptNotice | undefined,
  promises: readonly PromisedRemittance[],
  windowDays = defaultWithholdingPolicy.receiptMatchWindowDays,
): ReceiptMatch {
  if (!notice) return { kind: 'exception', reason: 'unknown_notice' };
  if (notice.onHold) return { kind: 'exception', reason: 'notice_on_hold' };
  // A notice the insurer paid around, that was denied or released, takes no money: staff decide.
  if (closedNoticeStatuses.includes(notice.status)) return { kind: 'exception', reason: 'notice_closed' };
  if (notice.remittedCents + receipt.amountCents > notice.withholdCents) return { kind: 'exception', reason: 'above_notice' };
  const open = promises.filter((p) => !p.isPaid);
  if (open.length === 0) return { kind: 'exception', reason: 'no_promise' };
  const fits = open
    .filter((p) => p.amountCents === receipt.amountCents && receipt.receivedOn >= p.sentOn && receipt.receivedOn <= addDays(p.sentOn, windowDays))
    .sort((a, b) => (a.sentOn < b.sentOn ? -1 : a.sentOn > b.sentOn ? 1 : a.answerId < b.answerId ? -1 : 1));
  return fits[0] ? { kind: 'matched', answerId: fits[0].answerId } : { kind: 'exception', reason: 'amount_or_date_differs' };
}
