import { describe, expect, it } from 'vitest';
import { makeCollection, makeHistory, makeOrder, makeSingleInstallmentOrder } from './builders';
import { totalOf } from './ledger';
import { defaultPolicies, type FinancePolicies } from './policy';
import { replayAccount } from './replay';

const daily: FinancePolicies = { ...defaultPolicies, interest: [{ ...defaultPolicies.interest[0]!, method: 'daily' }] };
const perPosting: FinancePolicies = { ...defaultPolicies, interest: [{ ...defaultPolicies.interest[0]!, rounding: 'per_posting' }] };

describe('crediting (CCP 695.221)', () => {
  it('T1: credits the current month, then the oldest unpaid principal, and leaves interest for last', () => {
    // $500/month due on the 1st; Jan and Feb unpaid; $800 received Mar 10.
    const result = replayAccount(makeHistory({ collections: [makeCollection('2024-03-10', 80_000)] }), '2024-03-10');
    const [jan, feb, mar] = result.installments;
    expect(mar).toMatchObject({ dueDate: '2024-03-01', unpaidCents: 0 });
    expect(jan).toMatchObject({ dueDate: '2024-01-01', unpaidCents: 20_000 });
    expect(feb).toMatchObject({ dueDate: '2024-02-01', unpaidCents: 50_000 });
    expect(result.balances.interestPaidCents).toBe(0);
    expect(result.balances.interestCents).toBeGreaterThan(0);
  });

  it('prorates support due the same day on two orders by what each is owed, whatever their ids (one rule with proration across cases)', () => {
    // $300 and $100 a month, both due on the 1st; $200 received on March 10 pays March's current support 3 : 1.
    const split = (ids: [string, string]) => {
      const orders = [
        makeOrder({ id: ids[0], monthlyAmountCents: 30_000, effectiveFrom: '2024-03-01' }),
        makeOrder({ id: ids[1], monthlyAmountCents: 10_000, effectiveFrom: '2024-02-01' }),
      ];
      const result = replayAccount(makeHistory({ orders, collections: [makeCollection('2024-03-10', 20_000)] }), '2024-03-10');
      const paid = (id: string) => result.installments.filter((i) => i.orderId === id && i.dueDate === '2024-03-01').map((i) => i.amountCents - i.unpaidCents);
      return [paid(ids[0]), paid(ids[1])];
    };
    expect(split(['order-a', 'order-b'])).toEqual([[15_000], [5_000]]);
    expect(split(['order-z', 'order-b'])).toEqual([[15_000], [5_000]]);
    // An odd cent goes to the larger debt: $100.01 against $300 and $100 is $75.01 and $25.00 ($75.0075 and $25.0025).
    const odd = replayAccount(
      makeHistory({
        orders: [
          makeOrder({ id: 'x', monthlyAmountCents: 10_000, effectiveFrom: '2024-03-01' }),
          makeOrder({ id: 'y', monthlyAmountCents: 30_000, effectiveFrom: '2024-03-01' }),
        ],
        collections: [makeCollection('2024-03-10', 10_001)],
      }),
      '2024-03-10',
    );
    expect(odd.installments.map((i) => [i.orderId, i.amountCents - i.unpaidCents])).toEqual([
      ['x', 2_500],
      ['y', 7_501],
    ]);
  });

  it('pays interest only after all principal (CCP 695.221(c)), and holds any excess as futures', () => {
    const result = replayAccount(makeHistory({ collections: [makeCollection('2024-03-10', 160_000)] }), '2024-03-10');
    expect(result.balances.principalCents).toBe(0);
    // Jan accrued two months ($8.33), Feb one ($4.17): $12.50, paid from the remaining $100.
    expect(result.balances.interestPaidCents).toBe(1_250);
    expect(result.balances.futuresCents).toBe(10_000 - 1_250);
  });

  it('credited interest before principal for collections before 2009 (the order before AB 2669)', () => {
    const history = makeHistory({ orders: [makeOrder({ effectiveFrom: '2008-01-01' })], collections: [makeCollection('2008-03-10', 80_000)] });
    const result = replayAccount(history, '2008-03-10');
    expect(result.balances.interestPaidCents).toBe(1_250);
    expect(result.installments[0]!.unpaidCents).toBe(50_000 - (30_000 - 1_250));
  });

  it('applies a federal tax offset to arrears only, never to the current month (45 CFR 302.51(a)(3))', () => {
    const history = makeHistory({ collections: [makeCollection('2024-03-10', 60_000, { source: 'federal_tax_offset' })] });
    const [jan, feb, mar] = replayAccount(history, '2024-03-10').installments;
    expect(jan!.unpaidCents).toBe(0);
    expect(feb!.unpaidCents).toBe(40_000);
    expect(mar!.unpaidCents).toBe(50_000);
  });

  it('applies futures to installments as they fall due (45 CFR 302.51(b))', () => {
    const history = makeHistory({ collections: [makeCollection('2024-01-01', 120_000)] });
    const result = replayAccount(history, '2024-03-31');
    expect(result.installments.map((i) => i.unpaidCents)).toEqual([0, 0, 30_000]);
    expect(result.balances.futuresCents).toBe(0);
  });
});

describe('interest (CCP 685.010, 685.020)', () => {
  it('T2: one unpaid $500 installment for 12 months accrues exactly $50.00 with cumulative rounding', () => {
    const history = makeHistory({
      orders: [makeSingleInstallmentOrder('2024-01-01', 50_000)],
    });
    expect(replayAccount(history, '2025-01-31').balances.interestCents).toBe(5_000);
  });

  it('T2: the same posted month by month with each posting rounded gives $50.04 — why the policy is pinned down', () => {
    const history = makeHistory({
      orders: [makeSingleInstallmentOrder('2024-01-01', 50_000)],
    });
    expect(replayAccount(history, '2025-01-31', perPosting).balances.interestCents).toBe(5_004);
  });

  it('accrues daily on each day’s unpaid principal under the daily method (365-day year)', () => {
    const history = makeHistory({
      orders: [makeSingleInstallmentOrder('2025-01-01', 36_500)],
    });
    // $365 × 10% / 365 = 10 cents a day; 31 days of January.
    expect(replayAccount(history, '2025-01-31', daily).balances.interestCents).toBe(300);
    expect(replayAccount(history, '2025-02-01', daily).balances.interestAccruedUnpostedCents).toBe(10);
  });

  it('counts each day once when a new policy version changes the method, daily then back to monthly', () => {
    const [monthly] = defaultPolicies.interest;
    const changing: FinancePolicies = {
      ...defaultPolicies,
      interest: [monthly!, { ...monthly!, effectiveFrom: '2025-03-15', method: 'daily' }, { ...monthly!, effectiveFrom: '2025-05-15', method: 'monthly' }],
    };
    const history = makeHistory({ orders: [makeSingleInstallmentOrder('2025-01-01', 36_500)] });
    // Monthly: $365 × 10% / 12 = 304 1/6 cents at the 1 February anniversary.
    expect(replayAccount(history, '2025-02-28', changing).balances.interestCents).toBe(304);
    // Daily from the last anniversary (1 February) at 10 cents a day: 58 days to 31 March, 30 more to 30 April.
    expect(replayAccount(history, '2025-04-30', changing).balances.interestCents).toBe(Math.round(304 + 1 / 6 + 580 + 300));
    // Monthly again: the 1 May anniversary counts the one day since daily accrual stopped (30 April), 1 June a whole month.
    expect(replayAccount(history, '2025-06-30', changing).balances.interestCents).toBe(Math.round(304 + 1 / 6 + 580 + 300 + 10 + 304 + 1 / 6));
  });

  it('charges 7% on support that fell due before 1983', () => {
    const history = makeHistory({
      orders: [
        makeOrder({
          effectiveFrom: '1982-12-01',
          terms: [
            { effectiveFrom: '1982-12-01', reason: 'original', frequency: 'monthly', amountCents: 120_000, isReserved: false },
            { effectiveFrom: '1983-01-01', reason: 'termination', frequency: 'monthly', amountCents: 0, isReserved: false },
          ],
        }),
      ],
    });
    // $1,200 × 7% / 12 = $7.00 a month.
    expect(replayAccount(history, '1983-01-31').balances.interestCents).toBe(700);
  });

  it('caps interest at 6% while the obligor is on active duty (SCRA)', () => {
    const base = makeHistory({
      orders: [makeSingleInstallmentOrder('2024-01-01', 120_000)],
    });
    const onDuty = { ...base, activeDuty: [{ from: '2024-02-01', to: '2024-03-31' } as const] };
    // Feb and Mar anniversaries at 6% ($6.00 each), Apr at 10% ($10.00).
    expect(replayAccount(onDuty, '2024-04-30').balances.interestCents).toBe(2_200);
  });

  it('uses a court-ordered or out-of-state rate when the order has one', () => {
    const history = makeHistory({
      orders: [makeSingleInstallmentOrder('2024-01-01', 100_000, { interestRateOverrideBasisPoints: 1_200 })],
    });
    expect(replayAccount(history, '2024-02-29').balances.interestCents).toBe(1_000);
  });

  it('T3: an arrears payment plan does not restart interest; it keeps running on each original installment', () => {
    // Six unpaid months, then $100 a month paid from July: principal falls oldest first, interest keeps accruing.
    const orders = [
      makeOrder({
        terms: [
          { effectiveFrom: '2024-01-01', reason: 'original', frequency: 'monthly', amountCents: 100_000, isReserved: false },
          { effectiveFrom: '2024-07-01', reason: 'termination', frequency: 'monthly', amountCents: 0, isReserved: false },
        ],
      }),
    ];
    const collections = (['2024-07-15', '2024-08-15', '2024-09-15'] as const).map((d) => makeCollection(d, 10_000));
    const result = replayAccount(makeHistory({ orders, collections }), '2024-09-30');
    expect(result.installments[0]!.unpaidCents).toBe(70_000);
    expect(result.balances.principalCents).toBe(570_000);
    expect(result.balances.interestCents).toBeGreaterThan(0);
    expect(result.balances.interestPaidCents).toBe(0);
  });

  it('never compounds: interest is never charged on interest', () => {
    const history = makeHistory({
      orders: [makeSingleInstallmentOrder('2020-01-01', 120_000)],
    });
    // Five years on $1,200 at 10% simple = $600.00 exactly.
    expect(replayAccount(history, '2025-01-31').balances.interestCents).toBe(60_000);
  });
});

describe('charging', () => {
  it('charges nothing for installments falling due during an incarceration suspension (FC 4007.5)', () => {
    const history = makeHistory({ suspensions: [{ from: '2024-03-01', to: '2024-05-31' }] });
    expect(replayAccount(history, '2024-06-30').installments.map((i) => i.dueDate)).toEqual(['2024-01-01', '2024-02-01', '2024-06-01']);
  });

  it('follows modifications and stops at a termination', () => {
    const order = makeOrder({
      terms: [
        { effectiveFrom: '2024-01-01', reason: 'original', frequency: 'monthly', amountCents: 50_000, isReserved: false },
        { effectiveFrom: '2024-03-01', reason: 'modification', frequency: 'monthly', amountCents: 60_000, isReserved: false },
        { effectiveFrom: '2024-05-01', reason: 'termination', frequency: 'monthly', amountCents: 0, isReserved: false },
      ],
    });
    const result = replayAccount(makeHistory({ orders: [order] }), '2024-12-31');
    expect(result.installments.map((i) => i.amountCents)).toEqual([50_000, 50_000, 60_000, 60_000]);
  });

  it('charges semi-monthly on the 1st and 15th, bi-weekly every 14 days and weekly every 7', () => {
    const term = (frequency: 'semi_monthly' | 'biweekly' | 'weekly') =>
      makeOrder({ terms: [{ effectiveFrom: '2024-01-01', reason: 'original', frequency, amountCents: 10_000, isReserved: false }] });
    expect(replayAccount(makeHistory({ orders: [term('semi_monthly')] }), '2024-02-29').installments.map((i) => i.dueDate)).toEqual([
      '2024-01-01',
      '2024-01-15',
      '2024-02-01',
      '2024-02-15',
    ]);
    expect(replayAccount(makeHistory({ orders: [term('biweekly')] }), '2024-02-29').installments).toHaveLength(5);
    expect(replayAccount(makeHistory({ orders: [term('weekly')] }), '2024-01-31').installments).toHaveLength(5);
  });
});

describe('ledger', () => {
  it('agrees with the balances: receivables, futures and collections add up', () => {
    const history = makeHistory({ collections: [makeCollection('2024-02-20', 30_000), makeCollection('2024-06-03', 210_000)] });
    const { ledger: book, balances } = replayAccount(history, '2024-09-30');
    const ledger = book.balances();
    expect(totalOf(ledger, 'principal_receivable:')).toBe(balances.principalCents);
    expect(totalOf(ledger, 'interest_receivable:')).toBe(balances.interestCents);
    expect(0 - totalOf(ledger, 'futures_held')).toBe(balances.futuresCents);
    expect(totalOf(ledger, 'collections_received')).toBe(balances.collectedCents);
  });
});

describe('futures held while something is owed', () => {
  it('pays the month’s unpaid support at month end from a tax offset that found no arrears on its day', () => {
    // The offset arrives the day January falls due: arrears-only, so it cannot pay January's current support.
    const history = makeHistory({ collections: [makeCollection('2024-01-01', 70_000, { source: 'federal_tax_offset' })] });
    const onTheDay = replayAccount(history, '2024-01-01');
    expect(onTheDay.balances).toMatchObject({ futuresCents: 70_000, principalCents: 50_000 });
    const atMonthEnd = replayAccount(history, '2024-01-31');
    expect(atMonthEnd.balances).toMatchObject({ futuresCents: 20_000, principalCents: 0 });
  });
});

describe('distribution in the replay (42 USC 657)', () => {
  it('T6: current assistance — passes $100 through and keeps the rest against URA', () => {
    const history = makeHistory({
      assistance: [{ from: '2024-01-01', to: null, monthlyGrantCents: 60_000 }],
      collections: [makeCollection('2024-01-10', 50_000)],
    });
    const { balances } = replayAccount(history, '2024-01-31');
    expect(balances.distributedCents).toEqual({ family: 10_000, federal: 20_000, state: 20_000 });
    expect(balances.uraCents).toBe(20_000);
  });

  it('T5: former assistance — pays the family’s arrears before assigned arrears, then keeps assigned ones up to URA', () => {
    // A year on CalWORKs ($200 a month, URA $2,400) with nothing paid: $6,000 of assigned arrears. Then 2024, off aid.
    const history = makeHistory({
      orders: [makeOrder({ effectiveFrom: '2023-01-01' })],
      assistance: [{ from: '2023-01-01', to: '2023-12-31', monthlyGrantCents: 20_000 }],
      collections: [makeCollection('2024-03-10', 130_000), makeCollection('2024-04-10', 150_000)],
    });
    const march = replayAccount(history, '2024-03-31').balances;
    expect(march.distributedCents).toEqual({ family: 130_000, federal: 0, state: 0 });
    expect(march.assignedPrincipalCents).toBe(600_000);
    const april = replayAccount(history, '2024-04-30').balances;
    // April: $500 current and $200 left of February to the family; $800 of January 2023's assigned support retained.
    expect(april.distributedCents).toEqual({ family: 200_000, federal: 40_000, state: 40_000 });
    expect(april.uraCents).toBe(160_000);
    expect(april.assignedPrincipalCents).toBe(520_000);
  });
});

describe('adjustments with reason codes', () => {
  it('misapplied receipt: from its correction the collection never counted, and the replay shows the difference', () => {
    const collections = [makeCollection('2024-02-05', 100_000, { id: 'r-wrong' })];
    const before = replayAccount(makeHistory({ collections }), '2024-03-31').balances;
    const corrected = replayAccount(
      makeHistory({ collections, adjustments: [{ id: 'a1', kind: 'misapplied_receipt', effectiveOn: '2024-03-15', collectionId: 'r-wrong' }] }),
      '2024-03-31',
    ).balances;
    expect(before.principalCents).toBe(50_000);
    expect(corrected.principalCents).toBe(150_000);
    expect(corrected.collectedCents).toBe(0);
  });

  it('refund of over-collection (22 CCR 119905): pays back futures, and never more than is held', () => {
    const collections = [makeCollection('2024-01-01', 80_000)];
    const refunded = replayAccount(
      makeHistory({ collections, adjustments: [{ id: 'a1', kind: 'refund_over_collection', effectiveOn: '2024-01-20', amountCents: 30_000 }] }),
      '2024-01-31',
    ).balances;
    expect(refunded).toMatchObject({ futuresCents: 0, refundedCents: 30_000 });
    expect(() =>
      replayAccount(
        makeHistory({ collections, adjustments: [{ id: 'a2', kind: 'refund_over_collection', effectiveOn: '2024-01-20', amountCents: 30_001 }] }),
        '2024-01-31',
      ),
    ).toThrow(/exceeds the 30000 cents held/);
  });

  it('compromise (FC 17560): writes off assigned arrears or interest, never family arrears', () => {
    const history = makeHistory({
      orders: [makeOrder({ effectiveFrom: '2023-01-01' })],
      assistance: [{ from: '2023-01-01', to: '2023-06-30', monthlyGrantCents: 50_000 }],
      adjustments: [{ id: 'a1', kind: 'compromise', effectiveOn: '2024-01-15', amountCents: 100_000, appliesTo: 'assigned_principal' }],
    });
    const { balances } = replayAccount(history, '2024-01-31');
    expect(balances.assignedPrincipalCents).toBe(300_000 - 100_000);
    expect(balances.unassignedPrincipalCents).toBe(7 * 50_000);
    expect(balances.principalWrittenOffCents).toBe(100_000);
    const tooMuch = {
      ...history,
      adjustments: [{ id: 'a2', kind: 'compromise', effectiveOn: '2024-01-15', amountCents: 300_001, appliesTo: 'assigned_principal' } as const],
    };
    expect(() => replayAccount(tooMuch, '2024-01-31')).toThrow(/exceeds what is owed/);
  });

  it('court arrears determination: a lower amount reduces the oldest arrears, a higher one adds arrears due that day', () => {
    const lower = replayAccount(
      makeHistory({ adjustments: [{ id: 'a1', kind: 'court_arrears_determination', effectiveOn: '2024-04-10', principalCents: 120_000 }] }),
      '2024-04-30',
    );
    // Jan–Mar ($1,500) determined to be $1,200: January falls to $200; April's current support is not arrears.
    expect(lower.installments.map((i) => i.unpaidCents)).toEqual([20_000, 50_000, 50_000, 50_000]);
    const higher = replayAccount(
      makeHistory({ adjustments: [{ id: 'a2', kind: 'court_arrears_determination', effectiveOn: '2024-04-10', principalCents: 200_000 }] }),
      '2024-04-30',
    );
    expect(higher.balances.principalCents).toBe(250_000);
    expect(higher.installments.at(-1)).toMatchObject({ dueDate: '2024-04-10', amountCents: 50_000 });
  });
});
