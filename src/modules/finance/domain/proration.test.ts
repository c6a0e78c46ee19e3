import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocateByWeights } from '../../../platform/money';
import { prorateAcrossCases, type ObligorCase } from './proration';

const twoFamilies: ObligorCase[] = [
  { caseId: 'a', currentDueCents: 30_000, arrearsCents: 100_000, monthlySupportCents: 30_000 },
  { caseId: 'b', currentDueCents: 10_000, arrearsCents: 300_000, monthlySupportCents: 10_000 },
];

describe('proration across one obligor’s cases (45 CFR 302.51/302.52; policy in proration.ts)', () => {
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

  it('allocateByWeights keeps exact sums even where total × weight passes 2^53', () => {
    const shares = allocateByWeights(100_000_000, [9_000_000_000_001, 3, 7_000_000_000_000]);
    expect(shares.reduce((a, b) => a + b, 0)).toBe(100_000_000);
    expect(allocateByWeights(500, [0, 0])).toEqual([0, 0]);
  });
});
