import { describe, expect, it } from 'vitest';
import { AppError } from '../../../platform/errors';
import { answerNotice, noticeStatuses, type InsurerAnswer, type NoticeState } from './notice';
import { matchReceipt, type PromisedRemittance } from './receipts';
import { perPaymentLimit, withholdingFor } from './withholding';

const issued: NoticeState = {
  status: 'issued',
  kind: 'lump_sum',
  noticeDate: '2026-10-01',
  insurerReceivedOn: null,
  withholdCents: 100_000,
  promisedCents: 0,
  perPaymentBasisPoints: null,
  firstPaymentOn: null,
  onHold: false,
};
const refusal = (work: () => unknown) => {
  try {
    work();
  } catch (error) {
    return error instanceof AppError ? error.code : 'other';
  }
  return 'none';
};
const remit = (amountCents: number, sentOn = '2026-10-05', paymentGrossCents?: number): InsurerAnswer => ({
  answer: 'remitted',
  sentOn: sentOn as never,
  amountCents,
  ...(paymentGrossCents === undefined ? {} : { paymentGrossCents }),
});

describe('withholding (Ins. Code 13550; CCP 704.130(c), 706.052)', () => {
  it('is the past due, at most the claim, and at most half of a disability-income payment', () => {
    const lump = { paymentType: 'lump_sum' as const };
    expect(withholdingFor({ ...lump, claimType: 'life_beneficiary', amountCents: 500_000 }, 120_000)).toEqual({
      withholdCents: 120_000,
      capRule: 'claim_amount',
      perPaymentBasisPoints: null,
    });
    expect(withholdingFor({ ...lump, claimType: 'life_beneficiary', amountCents: 50_000 }, 120_000).withholdCents).toBe(50_000);
    expect(withholdingFor({ ...lump, claimType: 'disability_income', amountCents: 100_001 }, 120_000)).toMatchObject({
      withholdCents: 50_000,
      capRule: 'disability_50_percent',
    });
    expect(withholdingFor({ ...lump, claimType: 'disability_income', amountCents: 100_000 }, 20_000).withholdCents).toBe(20_000);
  });

  it('limits each periodic disability payment to half of it, and other periodic payments by the stated policy', () => {
    expect(withholdingFor({ paymentType: 'periodic', claimType: 'disability_income', amountCents: 240_000 }, 500_000).perPaymentBasisPoints).toBe(5_000);
    expect(withholdingFor({ paymentType: 'periodic', claimType: 'annuity_payment', amountCents: 240_000 }, 500_000).perPaymentBasisPoints).toBe(10_000);
    expect(perPaymentLimit(200_001, 5_000)).toBe(100_000);
  });
});

describe('a notice to withhold as a state machine', () => {
  it('records that the insurer will withhold, or denies', () => {
    expect(answerNotice(issued, { answer: 'will_withhold' })).toEqual({ change: { status: 'will_withhold' }, onDate: null, amountCents: null });
    expect(answerNotice(issued, { answer: 'denied' }).change.status).toBe('denied');
  });

  it('does not bind when the claim was paid before the insurer received the notice (13550(e))', () => {
    expect(answerNotice(issued, { answer: 'already_paid', paidOn: '2026-09-30' })).toMatchObject({ change: { status: 'not_binding' }, onDate: '2026-09-30' });
    expect(answerNotice(issued, { answer: 'already_paid', paidOn: '2026-10-01' }).change.status).toBe('already_paid');
    // Mailed on the 1st, received on the 6th: paid on the 4th, the notice did not bind.
    const received = { ...issued, insurerReceivedOn: '2026-10-06' } as const;
    expect(answerNotice(received, { answer: 'already_paid', paidOn: '2026-10-04' }).change.status).toBe('not_binding');
    expect(answerNotice(received, { answer: 'already_paid', paidOn: '2026-10-06' }).change.status).toBe('already_paid');
  });

  it('records a remittance as a promise, and starts a periodic payment’s yearly re-check at its first one', () => {
    expect(answerNotice({ ...issued, status: 'remitted', promisedCents: 10_000 }, remit(5_000))).toEqual({
      change: { status: 'remitted', promisedCents: 15_000 },
      onDate: '2026-10-05',
      amountCents: 5_000,
    });
    const periodic = { ...issued, kind: 'periodic', noticeDate: '2026-01-15', perPaymentBasisPoints: 5_000 } as const;
    expect(answerNotice(periodic, remit(1, '2026-02-28', 10)).change).toMatchObject({ firstPaymentOn: '2026-02-28', recheckOn: '2027-02-28' });
    expect(answerNotice({ ...periodic, firstPaymentOn: '2026-02-28' }, remit(1, '2026-03-28', 10)).change).not.toHaveProperty('recheckOn');
  });

  it('refuses a remittance above what the notice asks, in total', () => {
    expect(refusal(() => answerNotice(issued, remit(100_001)))).toBe('remittance_above_notice');
    expect(refusal(() => answerNotice({ ...issued, status: 'remitted', promisedCents: 60_000 }, remit(40_001)))).toBe('remittance_above_notice');
    expect(refusal(() => answerNotice({ ...issued, status: 'remitted', promisedCents: 60_000 }, remit(40_000)))).toBe('none');
  });

  it('refuses a periodic remittance above the per-payment limit, or without the gross payment', () => {
    const periodic = { ...issued, kind: 'periodic', perPaymentBasisPoints: 5_000 } as const;
    expect(refusal(() => answerNotice(periodic, remit(30_001, '2026-10-05', 60_000)))).toBe('remittance_above_payment_limit');
    expect(refusal(() => answerNotice(periodic, remit(30_000, '2026-10-05', 60_000)))).toBe('none');
    expect(refusal(() => answerNotice(periodic, remit(30_000)))).toBe('payment_gross_required');
  });

  it('refuses a remittance before the notice, or while a contest holds the notice', () => {
    expect(refusal(() => answerNotice(issued, remit(1, '2026-09-30')))).toBe('remitted_before_notice');
    expect(refusal(() => answerNotice({ ...issued, onHold: true }, remit(1)))).toBe('notice_on_hold');
  });

  it('takes no answer once closed, and refuses every impossible transition', () => {
    const answers: InsurerAnswer[] = [{ answer: 'will_withhold' }, { answer: 'denied' }, { answer: 'already_paid', paidOn: '2026-10-02' }, remit(1)];
    const possible: Record<string, string[]> = {
      issued: ['will_withhold', 'denied', 'already_paid', 'remitted'],
      will_withhold: ['denied', 'already_paid', 'remitted'],
      remitted: ['remitted'],
    };
    for (const status of noticeStatuses) {
      for (const answer of answers) {
        const outcome = refusal(() => answerNotice({ ...issued, status }, answer));
        const expected = (possible[status] ?? []).includes(answer.answer) ? 'none' : possible[status] ? 'answer_not_allowed' : 'notice_closed';
        expect(`${status} + ${answer.answer}: ${outcome}`).toBe(`${status} + ${answer.answer}: ${expected}`);
      }
    }
  });
});

describe('a disbursement unit receipt against promised remittances', () => {
  const notice = { status: 'remitted' as const, onHold: false, withholdCents: 100_000, remittedCents: 0 };
  const promises: PromisedRemittance[] = [
    { answerId: 'b', amountCents: 40_000, sentOn: '2026-10-10', isPaid: false },
    { answerId: 'a', amountCents: 40_000, sentOn: '2026-10-05', isPaid: false },
    { answerId: 'c', amountCents: 20_000, sentOn: '2026-10-05', isPaid: true },
  ];
  const receipt = (amountCents: number, receivedOn: string) => ({ amountCents, receivedOn: receivedOn as never });

  it('matches the oldest unpaid promise of the same amount received within the window after it was sent', () => {
    expect(matchReceipt(receipt(40_000, '2026-10-12'), notice, promises)).toEqual({ kind: 'matched', answerId: 'a' });
    expect(matchReceipt(receipt(40_000, '2026-10-07'), notice, promises)).toEqual({ kind: 'matched', answerId: 'a' });
    expect(matchReceipt(receipt(40_000, '2026-11-08'), notice, promises)).toEqual({ kind: 'matched', answerId: 'b' });
  });

  it('is an exception for an unknown notice, a hold, a closed notice, no promise, another amount or date, or more than the notice asks', () => {
    const reason = (...args: Parameters<typeof matchReceipt>) => {
      const m = matchReceipt(...args);
      return m.kind === 'exception' ? m.reason : m.kind;
    };
    expect(reason(receipt(40_000, '2026-10-12'), undefined, promises)).toBe('unknown_notice');
    expect(reason(receipt(40_000, '2026-10-12'), { ...notice, onHold: true }, promises)).toBe('notice_on_hold');
    expect(reason(receipt(40_000, '2026-10-12'), { ...notice, status: 'released' }, promises)).toBe('notice_closed');
    expect(reason(receipt(40_000, '2026-10-12'), { ...notice, status: 'already_paid' }, promises)).toBe('notice_closed');
    expect(reason(receipt(20_000, '2026-10-12'), notice, [promises[2]!])).toBe('no_promise');
    expect(reason(receipt(39_999, '2026-10-12'), notice, promises)).toBe('amount_or_date_differs');
    expect(reason(receipt(40_000, '2026-10-04'), notice, promises)).toBe('amount_or_date_differs');
    expect(reason(receipt(40_000, '2026-12-01'), notice, promises)).toBe('amount_or_date_differs');
    expect(reason(receipt(40_000, '2026-10-12'), { ...notice, remittedCents: 60_001 }, promises)).toBe('above_notice');
  });
});
