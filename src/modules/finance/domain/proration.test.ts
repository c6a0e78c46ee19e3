import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocateByWeights } from '../../../platform/money';
import { prorateAcrossCases, type ObligorCase } from './obligor';
import { prorate } from './proration';

const twoFamilies: ObligorCase[] = [
  { caseId: 'a', currentDueCents: 30_000, arrearsCents: 100_000, monthlySupportCents: 30_000 },
  { caseId: 'b', currentDueCents: 10_000, arrearsCents: 300_000, monthlySupportCents: 10_000 },
];

describe('proration across one obligor’s cases (45 CFR 302.51/302.52; policy in obligor.ts)', () => {
  it('pays current support of every family before any arrears, pro rata when it falls short', () => {
    const parts = prorateAcrossCases(20_000, twoFamilies, { isArrearsOnly: false });
    expect(parts.map((p) => [p.caseId, p.currentCents, p.arrearsCents])).toEqual([
      ['a', 15_000, 0],
      ['b', 5_000, 0],
    ]);
  });

  it('pays all current support in full, then prorates the rest by arrears owed', () => {
    const parts = prorateAcrossCases(80_000, twoFamilies, { isArrearsOnly: false });
    expect(parts.map((p) => [p.currentCents, p.arrearsCents])).toEqual([
      [30_000, 10_000],
      [10_000, 30_000],
    ]);
  });

  it('sends a tax offset to arrears only, pro rata by arrears (45 CFR 302.51(a)(3))', () => {
    const parts = prorateAcrossCases(40_000, twoFamilies, { isArrearsOnly: true });
    expect(parts.map((p) => [p.currentCents, p.arrearsCents])).toEqual([
      [0, 10_000],
      [0, 30_000],
    ]);
  });

  it('holds money beyond everything owed as futures in proportion to monthly support', () => {
    const parts = prorateAcrossCases(440_000 + 40_000, twoFamilies, { isArrearsOnly: false });
    expect(parts.map((p) => p.futuresCents)).toEqual([30_000, 10_000]);
  });

  it('splits an odd cent by largest remainder so the parts add up exactly', () => {
    const cases = ['x', 'y', 'z'].map((caseId) => ({ caseId, currentDueCents: 10_000, arrearsCents: 0, monthlySupportCents: 10_000 }));
    expect(prorateAcrossCases(100, cases, { isArrearsOnly: false }).map((p) => p.amountCents)).toEqual([34, 33, 33]);
  });

  it('conserves every cent and never gives a case more current or arrears than it is owed', () => {
    const caseArb = fc.record({
      currentDueCents: fc.integer({ min: 0, max: 500_000 }),
      arrearsCents: fc.integer({ min: 0, max: 50_000_000 }),
      monthlySupportCents: fc.integer({ min: 0, max: 500_000 }),
    });
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100_000_000 }), fc.array(caseArb, { minLength: 1, maxLength: 6 }), fc.boolean(), (amount, raw, isArrearsOnly) => {
        const cases = raw.map((c, i) => ({ ...c, caseId: `case-${i}` }));
        const parts = prorateAcrossCases(amount, cases, { isArrearsOnly });
        expect(parts.reduce((sum, p) => sum + p.amountCents, 0)).toBe(amount);
        for (const p of parts) {
          const owed = cases.find((c) => c.caseId === p.caseId)!;
          expect(p.currentCents).toBeLessThanOrEqual(isArrearsOnly ? 0 : owed.currentDueCents);
          expect(p.arrearsCents).toBeLessThanOrEqual(owed.arrearsCents);
          expect(p.currentCents + p.arrearsCents + p.futuresCents).toBe(p.amountCents);
        }
      }),
    );
  });

  it('never lets ids or the order cases are listed in move a cent: only what each case is owed decides its part', () => {
    const caseArb = fc.record({
      currentDueCents: fc.integer({ min: 0, max: 5_000 }),
      arrearsCents: fc.integer({ min: 0, max: 50_000 }),
      monthlySupportCents: fc.integer({ min: 0, max: 5_000 }),
    });
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 200_000 }),
        // Few distinct amounts, so that equal debts (and equal remainders) are common.
        fc.array(fc.oneof(caseArb, fc.constant({ currentDueCents: 1_000, arrearsCents: 3_000, monthlySupportCents: 1_000 })), { minLength: 1, maxLength: 6 }),
        fc.boolean(),
        fc.array(fc.nat(), { minLength: 6, maxLength: 6 }),
        (amount, owed, isArrearsOnly, keys) => {
          const split = (name: (i: number) => string, order: (a: number, b: number) => number) => {
            const cases = owed.map((c, i) => ({ ...c, caseId: name(i) })).sort((a, b) => order(Number(a.caseId.slice(2)), Number(b.caseId.slice(2))));
            const parts = new Map(prorateAcrossCases(amount, cases, { isArrearsOnly }).map((p) => [Number(p.caseId.slice(2)), p]));
            // Each case's part beside what it was owed, as a set: cases owed exactly the same are interchangeable.
            return owed.map((c, i) => JSON.stringify([c, parts.get(i)!.currentCents, parts.get(i)!.arrearsCents, parts.get(i)!.futuresCents])).sort();
          };
          const given = split(
            (i) => `a-${i}`,
            (a, b) => a - b,
          );
          // Renamed so that ids sort the other way round, and listed in a shuffled order.
          expect(
            split(
              (i) => `${String.fromCharCode(122 - i)}-${i}`,
              (a, b) => keys[a]! - keys[b]! || a - b,
            ),
          ).toEqual(given);
        },
      ),
    );
  });

  it('gives an odd cent to the larger debt, not to the case whose id sorts first', () => {
    const cases = [
      { caseId: 'a', currentDueCents: 10_000, arrearsCents: 0, monthlySupportCents: 10_000 },
      { caseId: 'b', currentDueCents: 30_000, arrearsCents: 0, monthlySupportCents: 30_000 },
    ];
    expect(prorateAcrossCases(10_001, cases, { isArrearsOnly: false }).map((p) => p.currentCents)).toEqual([2_500, 7_501]);
    // Remainders 3/5, 3/5, 3/5, 1/5 of a cent: the two cents to equal remainders and debts go by the tie-break (5 first), then the list.
    expect(prorate(3, [1, 1, 1, 2], [0, 0, 5, 0])).toEqual([1, 0, 1, 1]);
  });

  it('allocateByWeights keeps exact sums even where total × weight passes 2^53', () => {
    const shares = allocateByWeights(100_000_000, [9_000_000_000_001, 3, 7_000_000_000_000]);
    expect(shares.reduce((a, b) => a + b, 0)).toBe(100_000_000);
    expect(allocateByWeights(500, [0, 0])).toEqual([0, 0]);
  });
});
