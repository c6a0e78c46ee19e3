import { describe, expect, it } from 'vitest';
import { makeCollection, makeHistory, makeOrder } from './builders';
import { payoffQuote, paymentHistory } from './payoff';
import { defaultPolicies } from './policy';
import { replayAccount } from './replay';

const interest = defaultPolicies.interest[0]!;

describe('payoff quote', () => {
  it('owes every installment due by the good-through date with interest to that day, and a per-diem on the unpaid principal', () => {
    // $500 a month from January, nothing paid; good through March 15: three installments and Jan's and Feb's interest.
    const quote = payoffQuote(replayAccount(makeHistory(), '2024-03-15'), interest);
    expect(quote.principalCents).toBe(150_000);
    // Jan accrued two months ($8.33), Feb one ($4.17) at 10% a year.
    expect(quote.interestCents).toBe(1_250);
    expect(quote.totalCents).toBe(151_250);
    // $1,500 × 10% / 365 = $0.41 a day.
    expect(quote.perDiemCents).toBe(41);
  });

  it('charges support falling due before the good-through date, and nothing once the account is paid', () => {
    const early = payoffQuote(replayAccount(makeHistory(), '2024-03-31'), interest);
    const later = payoffQuote(replayAccount(makeHistory(), '2024-04-02'), interest);
    expect(later.principalCents - early.principalCents).toBe(50_000);
    const paid = makeHistory({
      orders: [
        makeOrder({
          terms: [
            { effectiveFrom: '2024-01-01', reason: 'original', frequency: 'monthly', amountCents: 50_000, isReserved: false },
            { effectiveFrom: '2024-02-01', reason: 'termination', frequency: 'monthly', amountCents: 0, isReserved: false },
          ],
        }),
      ],
      collections: [makeCollection('2024-01-10', 50_000)],
    });
    expect(payoffQuote(replayAccount(paid, '2024-06-01'), interest)).toEqual({ principalCents: 0, interestCents: 0, totalCents: 0, perDiemCents: 0 });
  });

  it('uses 7% for support due before 1983 (IRMO Thompson)', () => {
    const old = makeHistory({
      orders: [
        makeOrder({
          effectiveFrom: '1982-01-01',
          terms: [
            { effectiveFrom: '1982-01-01', reason: 'original', frequency: 'monthly', amountCents: 365_000, isReserved: false },
            { effectiveFrom: '1982-02-01', reason: 'termination', frequency: 'monthly', amountCents: 0, isReserved: false },
          ],
        }),
      ],
    });
    // $3,650 × 7% / 365 = $0.70 a day.
    expect(payoffQuote(replayAccount(old, '1982-01-15'), interest).perDiemCents).toBe(70);
  });
});

describe('payment history', () => {
  it('sums support charged and collected per month, and the part paid by wage withholding', () => {
    const history = makeHistory({ collections: [makeCollection('2024-01-20', 50_000), makeCollection('2024-02-05', 20_000, { source: 'voluntary' })] });
    const months = paymentHistory(replayAccount(history, '2024-03-31').installments, history.collections, '2023-12', '2024-03');
    expect(months).toEqual([
      { month: '2023-12', chargedCents: 0, collectedCents: 0, wageWithholdingCents: 0 },
      { month: '2024-01', chargedCents: 50_000, collectedCents: 50_000, wageWithholdingCents: 50_000 },
      { month: '2024-02', chargedCents: 50_000, collectedCents: 20_000, wageWithholdingCents: 0 },
      { month: '2024-03', chargedCents: 50_000, collectedCents: 0, wageWithholdingCents: 0 },
    ]);
  });
});
