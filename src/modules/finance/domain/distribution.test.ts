import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { inForce } from './policy';
import { defaultDistributionPolicies, distributeCollection, totalTo, type DistributionInput } from './distribution';

const policy = inForce(defaultDistributionPolicies, '2024-06-01');
const before2020 = inForce(defaultDistributionPolicies, '2019-06-01');
const input = (overrides: Partial<DistributionInput>): DistributionInput => ({
  status: 'never',
  currentCents: 0,
  arrearsCents: 0,
  interestCents: 0,
  isTaxOffset: false,
  childCount: 1,
  buckets: { unassignedArrearsCents: 0, assignedArrearsCents: 0, uraCents: 0 },
  policy,
  ...overrides,
});

describe('distribution (42 USC 657, California policy)', () => {
  it('T4: never assistance — current and arrears all go to the family (657(a)(4))', () => {
    const { lines } = distributeCollection(
      input({ currentCents: 50_000, arrearsCents: 20_000, buckets: { unassignedArrearsCents: 100_000, assignedArrearsCents: 0, uraCents: 0 } }),
    );
    expect(totalTo(lines, 'family')).toBe(70_000);
    expect(totalTo(lines, 'state') + totalTo(lines, 'federal')).toBe(0);
  });

  it('T5: former assistance, family first (AB 135) — family arrears before assigned; assigned retained up to URA, split by FMAP', () => {
    const { lines, bucketsAfter } = distributeCollection(
      input({
        status: 'former',
        currentCents: 50_000,
        arrearsCents: 50_000,
        buckets: { unassignedArrearsCents: 30_000, assignedArrearsCents: 200_000, uraCents: 200_000 },
      }),
    );
    expect(totalTo(lines, 'family')).toBe(80_000);
    expect(totalTo(lines, 'federal')).toBe(10_000);
    expect(totalTo(lines, 'state')).toBe(10_000);
    expect(bucketsAfter).toEqual({ unassignedArrearsCents: 0, assignedArrearsCents: 180_000, uraCents: 180_000 });
  });

  it('T5: a federal tax offset in the same case also pays family arrears first since May 2020', () => {
    const { lines } = distributeCollection(
      input({
        status: 'former',
        arrearsCents: 100_000,
        isTaxOffset: true,
        buckets: { unassignedArrearsCents: 30_000, assignedArrearsCents: 200_000, uraCents: 200_000 },
      }),
    );
    expect(lines.filter((l) => l.payee === 'family').map((l) => l.amountCents)).toEqual([30_000]);
    expect(totalTo(lines, 'federal') + totalTo(lines, 'state')).toBe(70_000);
  });

  it('paid assigned arrears first from a tax offset received before May 2020 (CCP 695.221(e))', () => {
    const { lines } = distributeCollection(
      input({
        status: 'former',
        arrearsCents: 100_000,
        isTaxOffset: true,
        policy: before2020,
        buckets: { unassignedArrearsCents: 30_000, assignedArrearsCents: 80_000, uraCents: 200_000 },
      }),
    );
    expect(totalTo(lines, 'federal') + totalTo(lines, 'state')).toBe(80_000);
    expect(totalTo(lines, 'family')).toBe(20_000);
  });

  it('T6: current assistance, one child — $100 passed through, the rest retained and split; URA falls by what is retained', () => {
    const { lines, bucketsAfter } = distributeCollection(
      input({ status: 'current', currentCents: 50_000, buckets: { unassignedArrearsCents: 0, assignedArrearsCents: 0, uraCents: 60_000 } }),
    );
    expect(lines).toEqual([
      { payee: 'family', paid: 'pass_through', amountCents: 10_000 },
      { payee: 'federal', paid: 'current', amountCents: 20_000 },
      { payee: 'state', paid: 'current', amountCents: 20_000 },
    ]);
    expect(bucketsAfter.uraCents).toBe(20_000);
  });

  it('passes through up to $200 with two or more children', () => {
    const { lines } = distributeCollection(
      input({ status: 'current', currentCents: 50_000, childCount: 3, buckets: { unassignedArrearsCents: 0, assignedArrearsCents: 0, uraCents: 100_000 } }),
    );
    expect(lines[0]).toEqual({ payee: 'family', paid: 'pass_through', amountCents: 20_000 });
  });

  it('never keeps more than URA: the excess goes to the family (657(a)(1))', () => {
    const { lines, bucketsAfter } = distributeCollection(
      input({ status: 'current', currentCents: 50_000, buckets: { unassignedArrearsCents: 0, assignedArrearsCents: 0, uraCents: 15_000 } }),
    );
    expect(totalTo(lines, 'federal') + totalTo(lines, 'state')).toBe(15_000);
    expect(totalTo(lines, 'family')).toBe(35_000);
    expect(bucketsAfter.uraCents).toBe(0);
  });

  it('gives the family assigned-arrears collections under the AB 207 former-assistance passthrough, when on', () => {
    const { lines } = distributeCollection(
      input({
        status: 'former',
        arrearsCents: 40_000,
        policy: { ...policy, isFormerAssistancePassthrough: true },
        buckets: { unassignedArrearsCents: 0, assignedArrearsCents: 100_000, uraCents: 100_000 },
      }),
    );
    expect(totalTo(lines, 'family')).toBe(40_000);
  });

  it('distributes every cent, keeps within URA and never lets a bucket go below zero (property)', () => {
    fc.assert(
      fc.property(
        fc.record({
          status: fc.constantFrom('current' as const, 'former' as const, 'never' as const),
          currentCents: fc.integer({ min: 0, max: 200_000 }),
          arrearsCents: fc.integer({ min: 0, max: 500_000 }),
          interestCents: fc.integer({ min: 0, max: 50_000 }),
          isTaxOffset: fc.boolean(),
          childCount: fc.integer({ min: 1, max: 5 }),
          buckets: fc.record({
            unassignedArrearsCents: fc.integer({ min: 0, max: 500_000 }),
            assignedArrearsCents: fc.integer({ min: 0, max: 500_000 }),
            uraCents: fc.integer({ min: 0, max: 900_000 }),
          }),
          fmap: fc.integer({ min: 5_000, max: 8_300 }),
          passthrough: fc.boolean(),
        }),
        ({ fmap, passthrough, ...rest }) => {
          const { lines, bucketsAfter } = distributeCollection({
            ...rest,
            policy: { ...policy, fmapBasisPoints: fmap, isFormerAssistancePassthrough: passthrough },
          });
          const total = lines.reduce((sum, l) => sum + l.amountCents, 0);
          expect(total).toBe(rest.currentCents + rest.arrearsCents + rest.interestCents);
          expect(lines.every((l) => Number.isSafeInteger(l.amountCents) && l.amountCents > 0)).toBe(true);
          const retained = totalTo(lines, 'state') + totalTo(lines, 'federal');
          expect(retained).toBeLessThanOrEqual(rest.buckets.uraCents);
          expect(bucketsAfter.uraCents).toBe(rest.buckets.uraCents - retained);
          expect(Math.min(bucketsAfter.unassignedArrearsCents, bucketsAfter.assignedArrearsCents, bucketsAfter.uraCents)).toBeGreaterThanOrEqual(0);
          if (rest.status === 'never') expect(retained).toBe(0);
        },
      ),
      { numRuns: 500 },
    );
  });
});
