import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { demoCounties } from './seed';
import { generateDemoCase, pickCounty } from './generator';

const counties = demoCounties();
const asOf = '2026-10-31';

describe('demo data generator', () => {
  it('gives the same case for the same seed and index, and a different one for another seed', () => {
    expect(generateDemoCase(counties, { seed: 3, index: 17, asOf })).toEqual(generateDemoCase(counties, { seed: 3, index: 17, asOf }));
    expect(generateDemoCase(counties, { seed: 4, index: 17, asOf }).people[0]!.id).not.toBe(
      generateDemoCase(counties, { seed: 3, index: 17, asOf }).people[0]!.id,
    );
  });

  it('makes valid, realistic cases: SSNs only from areas 900–999, dates in order, nothing after as-of', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 999 }), fc.integer({ min: 0, max: 1_000_000 }), (seed, index) => {
        const demo = generateDemoCase(counties, { seed, index, asOf });
        const obligor = demo.people.find((p) => p.role === 'obligor')!;
        const custodial = demo.people.find((p) => p.role === 'custodial_party')!;
        const children = demo.people.filter((p) => p.role === 'child');
        expect(children.length).toBeGreaterThanOrEqual(1);
        for (const person of demo.people) {
          if (person.ssn) expect(Number(person.ssn.slice(0, 3))).toBeGreaterThanOrEqual(900);
          expect(person.dateOfBirth <= demo.openedOn).toBe(true);
          expect(person.state).toBe('CA');
        }
        for (const child of children) expect(child.dateOfBirth > obligor.dateOfBirth && child.dateOfBirth > custodial.dateOfBirth).toBe(true);
        expect(demo.openedOn <= asOf).toBe(true);
        expect(counties.find((c) => c.fips === demo.countyFips)?.lcsaId).toBe(demo.lcsaId);
        if (demo.order) {
          expect(demo.order.issuedOn >= demo.openedOn && demo.order.issuedOn <= asOf).toBe(true);
          const dates = demo.order.terms.map((t) => t.effectiveFrom);
          expect([...dates].sort()).toEqual(dates);
          expect(new Set(dates).size).toBe(dates.length);
          for (const term of demo.order.terms) expect(Number.isSafeInteger(term.amountCents) && term.amountCents >= 0).toBe(true);
        }
        if (demo.status === 'closed') expect(demo.closedOn! >= demo.openedOn).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('spreads cases across counties in proportion to population', () => {
    const total = 4_000;
    const inLosAngeles = Array.from({ length: total }, (_, i) => generateDemoCase(counties, { seed: 1, index: i, asOf })).filter(
      (c) => c.countyFips === '06037',
    ).length;
    // Los Angeles holds about a quarter of California's people.
    expect(inLosAngeles / total).toBeGreaterThan(0.22);
    expect(inLosAngeles / total).toBeLessThan(0.29);
  });

  it('picks every county for some share of the unit interval', () => {
    const picked = new Set(Array.from({ length: 200_000 }, (_, i) => pickCounty(counties, i / 200_000).fips));
    expect(picked.size).toBe(58);
  });
});
