/**
 * Property tests over random account histories (fast-check prints the seed and the shrunk history on
 * failure, so a failure replays exactly).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, monthOf, quarterEnd, quarterStart, type CalendarDate } from '../../../platform/dates';
import { addCaseOcse34, ocse34Lines, ocse34SourceLines, type Ocse34Figures } from './ocse34';
import { accountStatement } from './account-audit';
import { totalOf } from './ledger';
import { defaultPolicies, type FinancePolicies } from './policy';
import { replayAccount, type CaseHistory } from './replay';
import { collectionSources, type Adjustment, type OrderTerm } from './types';

const start = '2015-01-01';
const dayArb = (maxDays: number) => fc.integer({ min: 0, max: maxDays }).map((n) => addDays(start, n));

const termArb: fc.Arbitrary<Omit<OrderTerm, 'effectiveFrom'>> = fc.record({
  reason: fc.constantFrom('modification' as const, 'termination' as const),
  frequency: fc.constantFrom('monthly' as const, 'semi_monthly' as const, 'biweekly' as const, 'weekly' as const),
  amountCents: fc.integer({ min: 0, max: 150_000 }),
  isReserved: fc.boolean(),
});

const orderArb = (id: string) =>
  fc
    .record({
      issued: dayArb(1_500),
      extra: fc.array(fc.tuple(fc.integer({ min: 1, max: 1_500 }), termArb), { maxLength: 3 }),
      firstAmount: fc.integer({ min: 1, max: 150_000 }),
    })
    .map(({ issued, extra, firstAmount }) => {
      const terms: OrderTerm[] = [{ effectiveFrom: issued, reason: 'original', frequency: 'monthly', amountCents: firstAmount, isReserved: false }];
      for (const [offset, term] of extra) {
        const effectiveFrom = addDays(issued, offset);
        if (terms.some((t) => t.effectiveFrom === effectiveFrom)) continue;
        terms.push({ ...term, effectiveFrom, amountCents: term.reason === 'termination' || term.isReserved ? 0 : term.amountCents });
      }
      return { id, issuedOn: issued, terms };
    });

const historyArb: fc.Arbitrary<CaseHistory> = fc
  .record({
    orders: fc.oneof(fc.tuple(orderArb('o1')), fc.tuple(orderArb('o1'), orderArb('o2'))),
    collections: fc.array(fc.record({ day: dayArb(3_300), amountCents: fc.integer({ min: 1, max: 400_000 }), source: fc.constantFrom(...collectionSources) }), {
      maxLength: 25,
    }),
    suspensions: fc.array(fc.tuple(dayArb(3_000), fc.integer({ min: 0, max: 400 })), { maxLength: 2 }),
    activeDuty: fc.array(fc.tuple(dayArb(3_000), fc.integer({ min: 0, max: 400 })), { maxLength: 1 }),
    assistance: fc.array(fc.tuple(dayArb(3_000), fc.option(fc.integer({ min: 0, max: 1_500 })), fc.integer({ min: 0, max: 120_000 })), { maxLength: 2 }),
    childCount: fc.integer({ min: 1, max: 4 }),
    adjustments: fc.array(
      fc.tuple(
        dayArb(3_300),
        fc.constantFrom('misapplied_receipt' as const, 'refund_over_collection' as const, 'compromise' as const, 'court_arrears_determination' as const),
        fc.integer({ min: 1, max: 300_000 }),
        fc.boolean(),
        fc.nat(30),
      ),
      { maxLength: 3 },
    ),
  })
  .map(({ orders, collections, suspensions, activeDuty, assistance, childCount, adjustments }) => ({
    caseId: 'case',
    orders: [...orders],
    collections: collections.map((c, i) => ({ id: `c${String(i).padStart(3, '0')}`, receivedOn: c.day, amountCents: c.amountCents, source: c.source })),
    suspensions: suspensions.map(([from, days]) => ({ from, to: addDays(from, days) })),
    activeDuty: activeDuty.map(([from, days]) => ({ from, to: addDays(from, days) })),
    assistance: assistance.map(([from, days, monthlyGrantCents]) => ({ from, to: days === null ? null : addDays(from, days), monthlyGrantCents })),
    childCount,
    adjustments: adjustments.map(([effectiveOn, kind, amountCents, flag, n], i): Adjustment => {
      const id = `adj${i}`;
      switch (kind) {
        case 'misapplied_receipt':
          return { id, kind, effectiveOn, collectionId: `c${String(n).padStart(3, '0')}` };
        case 'refund_over_collection':
          return { id, kind, effectiveOn, amountCents };
        case 'compromise':
          return { id, kind, effectiveOn, amountCents, appliesTo: flag ? 'assigned_principal' : 'interest' };
        case 'court_arrears_determination':
          return { id, kind, effectiveOn, principalCents: amountCents };
      }
    }),
  }));

/** Replays, or returns null when an adjustment asks for more than the balance holds (refused, as it must be). */
function replayOrRefused(history: CaseHistory, asOf: CalendarDate, policies?: FinancePolicies) {
  try {
    return replayAccount(history, asOf, policies);
  } catch (error) {
    expect(error).toMatchObject({ code: 'adjustment_exceeds_balance' });
    return null;
  }
}

const asOf = '2024-12-31';
const policiesArb: fc.Arbitrary<FinancePolicies> = fc
  .record({ method: fc.constantFrom('monthly' as const, 'daily' as const), rounding: fc.constantFrom('cumulative' as const, 'per_posting' as const) })
  .map(({ method, rounding }) => ({ ...defaultPolicies, interest: [{ ...defaultPolicies.interest[0]!, method, rounding }] }));

describe('account engine properties', () => {
  it('conserves money: every entry balances, and every collected cent is principal, interest or futures', () => {
    fc.assert(
      fc.property(historyArb, policiesArb, (history, policies) => {
        const result = replayOrRefused(history, asOf, policies);
        if (!result) return;
        const { balances, installments } = result;
        const entries = result.ledger.entries();
        for (const entry of entries) expect(entry.postings.reduce((sum, p) => sum + p.amountCents, 0)).toBe(0);
        const principalPaid = balances.chargedCents - balances.principalCents;
        expect(balances.collectedCents + balances.principalWrittenOffCents + balances.interestForgivenCents).toBe(
          principalPaid + balances.interestPaidCents + balances.futuresCents + balances.refundedCents,
        );
        const ledger = result.ledger.balances();
        expect(totalOf(ledger, 'principal_receivable:')).toBe(balances.principalCents);
        expect(totalOf(ledger, 'interest_receivable:')).toBe(balances.interestCents);
        expect(0 - totalOf(ledger, 'futures_held')).toBe(balances.futuresCents);
        for (const i of installments) expect(i.unpaidCents >= 0 && i.unpaidCents <= i.amountCents).toBe(true);
        expect(balances.interestCents).toBeGreaterThanOrEqual(0);
        expect(balances.futuresCents).toBeGreaterThanOrEqual(0);
        // Everything applied is distributed: collected = distributed + futures still held.
        const distributed = balances.distributedCents.family + balances.distributedCents.state + balances.distributedCents.federal;
        expect(distributed).toBe(balances.collectedCents - balances.futuresCents - balances.refundedCents);
        expect(totalOf(ledger, 'collections_distributed')).toBe(distributed);
        expect(0 - totalOf(ledger, 'payable:family')).toBe(balances.distributedCents.family);
        expect(balances.uraCents).toBeGreaterThanOrEqual(0);
        expect(balances.assignedPrincipalCents + balances.unassignedPrincipalCents).toBe(balances.principalCents);
        if (history.assistance.length === 0) expect(balances.distributedCents.state + balances.distributedCents.federal).toBe(0);
        // Futures exist only when nothing is owed.
        if (balances.futuresCents > 0) expect(balances.principalCents + balances.interestCents).toBe(0);
      }),
      { numRuns: Number(process.env.FC_RUNS ?? 150) },
    );
  });

  it('states every dollar once: the payments and the money held and applied add up to what each payee received, the headline to the last month', () => {
    fc.assert(
      fc.property(historyArb, dayArb(3_600), (history, cut) => {
        const result = replayOrRefused(history, cut);
        if (!result) return;
        const statement = accountStatement(history, result, cut);
        const lines = [...statement.payments, ...statement.heldApplied];
        for (const payee of ['family', 'state', 'federal'] as const)
          expect(lines.reduce((sum, l) => sum + l[`${payee}Cents`], 0)).toBe(result.balances.distributedCents[payee]);
        for (const p of statement.payments) {
          const applied = p.currentCents + p.arrearsCents + p.interestCents + p.heldAsFuturesCents;
          expect(p.isReversed ? 0 : p.amountCents).toBe(applied);
          expect(p.familyCents + p.stateCents + p.federalCents).toBe(applied - p.heldAsFuturesCents);
        }
        const s = statement.summary;
        expect(s.assignedArrearsCents + s.familyArrearsCents).toBe(s.arrearsCents);
        expect(s.currentDueCents + s.arrearsCents).toBe(result.balances.principalCents);
        const last = statement.months.at(-1);
        if (!last) return;
        // Mid-month, interest accrued since the last posting is in the last month's row as in the headline.
        expect(last.month).toBe(monthOf(cut));
        expect(last.interestBalanceCents).toBe(s.interestCents);
        expect(last.interestAccruedCents).toBe(s.interestAccruedCents);
        expect(last.principalBalanceCents).toBe(result.balances.principalCents);
      }),
      { numRuns: Number(process.env.FC_RUNS ?? 150) },
    );
  });

  it('reports a quarter on the OCSE-34 that adds up: undistributed at the start, plus collections and adjustments, is what was distributed and what is left', () => {
    fc.assert(
      fc.property(historyArb, fc.integer({ min: 0, max: 40 }), (history, q) => {
        if (!replayOrRefused(history, asOf)) return;
        const quarter = `${2015 + Math.floor(q / 4)}-Q${(q % 4) + 1}`;
        const [from, to] = [quarterStart(quarter), quarterEnd(quarter)];
        const figures: Ocse34Figures = new Map();
        addCaseOcse34(figures, history, from, to);
        const lines = ocse34Lines(figures);
        expect(lines.line5).toBe(lines.distributedTotal + lines.undistributedTotal);
        // Line 2 is every receipt of the quarter that counts, each once, on the line of its source.
        const misapplied = new Set(history.adjustments.flatMap((a) => (a.kind === 'misapplied_receipt' && a.effectiveOn <= to ? [a.collectionId] : [])));
        const received = history.collections.filter((c) => !misapplied.has(c.id) && c.receivedOn >= from && c.receivedOn <= to);
        expect(lines.line2Total).toBe(received.reduce((sum, c) => sum + c.amountCents, 0));
        for (const c of received) expect(figures.get(ocse34SourceLines[c.source])!.some((i) => i.ref === c.id)).toBe(true);
        // What is left is what the replay holds at the quarter's end, aged from receipts no later than it.
        expect(lines.undistributedTotal).toBe(replayAccount(history, to).balances.futuresCents);
        for (const [key, items] of figures) if (key.startsWith('undistributed:')) for (const i of items) expect(i.date <= to).toBe(true);
      }),
      { numRuns: Number(process.env.FC_RUNS ?? 150) },
    );
  });

  it('replays to an earlier date as a prefix of a replay to a later one (replay equals incremental posting)', () => {
    fc.assert(
      fc.property(historyArb, dayArb(3_600), (history, cut) => {
        // A receipt later found misapplied is meant to change the past: leave those corrections out here.
        const settled = { ...history, adjustments: history.adjustments.filter((a) => a.kind !== 'misapplied_receipt') };
        const earlier = replayOrRefused(settled, cut);
        const later = replayOrRefused(settled, asOf > cut ? asOf : cut);
        if (!earlier || !later) return;
        expect(later.ledger.entries().filter((e) => e.date <= cut)).toEqual(earlier.ledger.entries());
      }),
      { numRuns: Number(process.env.FC_RUNS ?? 100) },
    );
  });

  it('splits money between orders due the same day by what each is owed: renaming the orders or listing them in another order moves no cent', () => {
    // Two or three orders issued on the first of different months (so their support falls due on the same days), any collections.
    const sameDayArb = fc.record({
      months: fc.uniqueArray(fc.integer({ min: 0, max: 60 }), { minLength: 2, maxLength: 3 }),
      amounts: fc.array(fc.integer({ min: 1, max: 150_000 }), { minLength: 3, maxLength: 3 }),
      collections: fc.array(
        fc.record({ day: dayArb(3_300), amountCents: fc.integer({ min: 1, max: 400_000 }), source: fc.constantFrom(...collectionSources) }),
        {
          maxLength: 20,
        },
      ),
      assistance: fc.array(fc.tuple(dayArb(3_000), fc.option(fc.integer({ min: 0, max: 1_500 })), fc.integer({ min: 0, max: 120_000 })), { maxLength: 2 }),
    });
    fc.assert(
      fc.property(sameDayArb, fc.boolean(), ({ months, amounts, collections, assistance }, reverse) => {
        const issued = (m: number) => `${2015 + Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}-01` as CalendarDate;
        const history = (id: (i: number) => string): CaseHistory => {
          const orders = months.map((m, i) => ({
            id: id(i),
            issuedOn: issued(m),
            terms: [{ effectiveFrom: issued(m), reason: 'original' as const, frequency: 'monthly' as const, amountCents: amounts[i]!, isReserved: false }],
          }));
          return {
            caseId: 'case',
            orders: reverse ? orders.reverse() : orders,
            collections: collections.map((c, i) => ({ id: `c${String(i).padStart(3, '0')}`, receivedOn: c.day, amountCents: c.amountCents, source: c.source })),
            suspensions: [],
            activeDuty: [],
            assistance: assistance.map(([from, days, monthlyGrantCents]) => ({ from, to: days === null ? null : addDays(from, days), monthlyGrantCents })),
            childCount: 1,
            adjustments: [],
          };
        };
        // Per order (by its place in `months`): what it was paid and the interest it was charged, day by day.
        const byOrder = (id: (i: number) => string) => {
          const result = replayAccount(history(id), asOf);
          const orders = months.map((_, i) =>
            result.installments.filter((inst) => inst.orderId === id(i)).map((inst) => [inst.dueDate, inst.unpaidCents, inst.interestPostedCents]),
          );
          const { byOrder: owed, ...balances } = result.balances;
          // Distributions name the installment paid (its order's id in it): each id as the order's place; those of
          // one day are listed by installment id, so compared as a set.
          const distributions = result.distributions.map((d) => months.reduce((text, _, i) => text.replaceAll(id(i), `#${i}`), JSON.stringify(d))).sort();
          return { orders, owed: months.map((_, i) => owed[id(i)]), balances, distributions };
        };
        // Ids that sort the other way round.
        expect(byOrder((i) => `order-${String.fromCharCode(122 - i)}`)).toEqual(byOrder((i) => `order-${String.fromCharCode(97 + i)}`));
      }),
      { numRuns: Number(process.env.FC_RUNS ?? 60) },
    );
  });

  it('gives the same result whatever order the history lists its collections in', () => {
    fc.assert(
      fc.property(historyArb, fc.infiniteStream(fc.nat()), (history, randoms) => {
        const shuffled = {
          ...history,
          collections: [...history.collections]
            .map((c) => ({ c, key: randoms.next().value as number }))
            .sort((a, b) => a.key - b.key)
            .map(({ c }) => c),
        };
        expect(replayOrRefused(shuffled, asOf)).toEqual(replayOrRefused(history, asOf));
      }),
      { numRuns: 60 },
    );
  });
});
