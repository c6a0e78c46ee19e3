import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { inForce } from './policy';
import { arrearsCategoryOrder, defaultDistributionPolicies, distributeCollection, totalTo, type DistributionInput } from './distribution';

const policy = inForce(defaultDistributionPolicies, '2024-06-01');
const before2020 = inForce(defaultDistributionPolicies, '2019-06-01');
const input = (overrides: Partial<DistributionInput>): DistributionInput => ({
  status: 'never',
  currentCents: 0,
  unassignedArrearsCents: 0,
  assignedArrearsCents: 0,
  interestCents: 0,
  childCount: 1,
  uraCents: 0,
  policy,
  ...overrides,
});

describe('distribution (42 USC 657, California policy)', () => {
  it('T4: never assistance — current and arrears all go to the family (657(a)(4))', () => {
    const { lines } = distributeCollection(input({ currentCents: 50_000, unassignedArrearsCents: 20_000 }));
    expect(totalTo(lines, 'family')).toBe(70_000);
    expect(totalTo(lines, 'state') + totalTo(lines, 'federal')).toBe(0);
  });

  it('T5: former assistance — current and family arrears to the family; assigned arrears retained up to URA, split by FMAP', () => {
    const { lines, uraAfterCents } = distributeCollection(
      input({ status: 'former', currentCents: 50_000, unassignedArrearsCents: 30_000, assignedArrearsCents: 20_000, uraCents: 200_000 }),
    );
    expect(totalTo(lines, 'family')).toBe(80_000);
    expect(totalTo(lines, 'federal')).toBe(10_000);
    expect(totalTo(lines, 'state')).toBe(10_000);
    expect(uraAfterCents).toBe(180_000);
  });

  it('orders arrears family first in former assistance, tax offsets too from May 2020 (AB 135), assigned first before (CCP 695.221(e))', () => {
    expect(arrearsCategoryOrder('former', false, policy)).toEqual(['unassigned', 'assigned']);
    expect(arrearsCategoryOrder('former', true, policy)).toEqual(['unassigned', 'assigned']);
    expect(arrearsCategoryOrder('former', true, before2020)).toEqual(['assigned', 'unassigned']);
    expect(arrearsCategoryOrder('former', false, before2020)).toEqual(['unassigned', 'assigned']);
    expect(arrearsCategoryOrder('current', false, policy)).toEqual(['assigned', 'unassigned']);
  });

  it('T6: current assistance, one child — $100 passed through, the rest retained and split; URA falls by what is retained', () => {
    const { lines, uraAfterCents } = distributeCollection(input({ status: 'current', currentCents: 50_000, uraCents: 60_000 }));
    expect(lines).toEqual([
      { payee: 'family', paid: 'pass_through', amountCents: 10_000 },
      { payee: 'federal', paid: 'current', amountCents: 20_000 },
      { payee: 'state', paid: 'current', amountCents: 20_000 },
    ]);
    expect(uraAfterCents).toBe(20_000);
  });

  it('passes through up to $200 with two or more children', () => {
    const { lines } = distributeCollection(input({ status: 'current', currentCents: 50_000, childCount: 3, uraCents: 100_000 }));
    expect(lines[0]).toEqual({ payee: 'family', paid: 'pass_through', amountCents: 20_000 });
  });

  it('never keeps more than URA: the excess goes to the family (657(a)(1))', () => {
    const { lines, uraAfterCents } = distributeCollection(input({ status: 'current', currentCents: 50_000, uraCents: 15_000 }));
    expect(totalTo(lines, 'federal') + totalTo(lines, 'state')).toBe(15_000);
    expect(totalTo(lines, 'family')).toBe(35_000);
    expect(uraAfterCents).toBe(0);
  });

  it('gives the family assigned-arrears collections under the AB 207 former-assistance passthrough, when on', () => {
    const { lines } = distributeCollection(
      input({ status: 'former', assignedArrearsCents: 40_000, uraCents: 100_000, policy: { ...policy, isFormerAssistancePassthrough: true } }),
    );
    expect(totalTo(lines, 'family')).toBe(40_000);
  });

  it('distributes every cent and keeps within URA (property)', () => {
    fc.assert(
      fc.property(
        fc.record({
          status: fc.constantFrom('current' as const, 'former' as const, 'never' as const),
          currentCents: fc.integer({ min: 0, max: 200_000 }),
          unassignedArrearsCents: fc.integer({ min: 0, max: 500_000 }),
          assignedArrearsCents: fc.integer({ min: 0, max: 500_000 }),
          interestCents: fc.integer({ min: 0, max: 50_000 }),
          childCount: fc.integer({ min: 1, max: 5 }),
          uraCents: fc.integer({ min: 0, max: 900_000 }),
          fmap: fc.integer({ min: 5_000, max: 8_300 }),
          passthrough: fc.boolean(),
        }),
        ({ fmap, passthrough, ...rest }) => {
          const { lines, uraAfterCents } = distributeCollection({
            ...rest,
            policy: { ...policy, fmapBasisPoints: fmap, isFormerAssistancePassthrough: passthrough },
          });
          const total = lines.reduce((sum, l) => sum + l.amountCents, 0);
          expect(total).toBe(rest.currentCents + rest.unassignedArrearsCents + rest.assignedArrearsCents + rest.interestCents);
          expect(lines.every((l) => Number.isSafeInteger(l.amountCents) && l.amountCents > 0)).toBe(true);
          const retained = totalTo(lines, 'state') + totalTo(lines, 'federal');
          expect(retained).toBeLessThanOrEqual(rest.uraCents);
          expect(uraAfterCents).toBe(rest.uraCents - retained);
          expect(retained).toBeLessThanOrEqual(rest.assignedArrearsCents + (rest.status === 'current' ? rest.currentCents : 0));
        },
      ),
      { numRuns: 500 },
    );
  });
});
