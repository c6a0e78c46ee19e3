import { describe, expect, it } from 'vitest';
import { AppError } from '../../../platform/errors';
import { answerNotice, type NoticeState } from './notice';
import { withholdingFor } from './withholding';

const issued: NoticeState = { status: 'issued', kind: 'lump_sum', noticeDate: '2026-10-01', remittedCents: 0, firstPaymentOn: null };
const refusal = (work: () => unknown) => {
  try {
    work();
  } catch (error) {
    return error instanceof AppError ? error.code : 'other';
  }
  return 'none';
};

describe('withholding (Ins. Code 13550)', () => {
  it('is the past due, at most the claim, and at most half of a disability-income payment', () => {
    expect(withholdingFor({ claimType: 'life_beneficiary', amountCents: 500_000 }, 120_000)).toEqual({ withholdCents: 120_000, capRule: 'claim_amount' });
    expect(withholdingFor({ claimType: 'life_beneficiary', amountCents: 50_000 }, 120_000)).toEqual({ withholdCents: 50_000, capRule: 'claim_amount' });
    expect(withholdingFor({ claimType: 'disability_income', amountCents: 100_001 }, 120_000)).toEqual({
      withholdCents: 50_000,
      capRule: 'disability_50_percent',
    });
    expect(withholdingFor({ claimType: 'disability_income', amountCents: 100_000 }, 20_000).withholdCents).toBe(20_000);
  });
});

describe('a notice to withhold as a state machine', () => {
  it('records that the insurer will withhold, or denies', () => {
    expect(answerNotice(issued, { answer: 'will_withhold' })).toEqual({ change: { status: 'will_withhold' }, onDate: null, amountCents: null });
    expect(answerNotice(issued, { answer: 'denied' }).change.status).toBe('denied');
  });

  it('does not bind when the claim was paid before the notice (13550(e)), and is paid otherwise', () => {
    expect(answerNotice(issued, { answer: 'already_paid', paidOn: '2026-09-30' })).toMatchObject({ change: { status: 'not_binding' }, onDate: '2026-09-30' });
    expect(answerNotice(issued, { answer: 'already_paid', paidOn: '2026-10-01' }).change.status).toBe('already_paid');
  });

  it('adds remittances, and starts a periodic payment’s yearly re-check at its first one', () => {
    expect(answerNotice({ ...issued, remittedCents: 10_000 }, { answer: 'remitted', receivedOn: '2026-10-05', amountCents: 5_000 })).toEqual({
      change: { status: 'remitted', remittedCents: 15_000 },
      onDate: '2026-10-05',
      amountCents: 5_000,
    });
    const periodic = { ...issued, kind: 'periodic', noticeDate: '2026-01-15' } as const;
    expect(answerNotice(periodic, { answer: 'remitted', receivedOn: '2026-02-28', amountCents: 1 }).change).toMatchObject({
      firstPaymentOn: '2026-02-28',
      recheckOn: '2027-02-28',
    });
    expect(
      answerNotice({ ...periodic, firstPaymentOn: '2026-02-28' }, { answer: 'remitted', receivedOn: '2026-03-28', amountCents: 1 }).change,
    ).not.toHaveProperty('recheckOn');
  });

  it('refuses a remittance before the notice, and any answer once denied or not binding', () => {
    expect(refusal(() => answerNotice(issued, { answer: 'remitted', receivedOn: '2026-09-30', amountCents: 1 }))).toBe('remitted_before_notice');
    expect(refusal(() => answerNotice({ ...issued, status: 'denied' }, { answer: 'will_withhold' }))).toBe('notice_closed');
    expect(refusal(() => answerNotice({ ...issued, status: 'not_binding' }, { answer: 'remitted', receivedOn: '2026-10-02', amountCents: 1 }))).toBe(
      'notice_closed',
    );
    expect(refusal(() => answerNotice({ ...issued, status: 'remitted' }, { answer: 'remitted', receivedOn: '2026-10-02', amountCents: 1 }))).toBe('none');
  });
});
