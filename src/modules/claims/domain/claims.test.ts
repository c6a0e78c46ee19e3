import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocate, defaultAllocationPolicies } from './allocation';
import { dueDate, federalFiscal, quarterOf, quartersEndingWith, quartersOfStateFiscalYear, shiftQuarter, stateFiscal } from './calendar';
import { claimShares, claimTotals, ocse396, validateClaim, type ClaimLines } from './claim';
import { claimLineCodes, defaultClaimPolicies, federalShareCents } from './policy';

const policy = defaultClaimPolicies[0]!;
const line = (currentCents: number, adjustmentCents = 0, estimateCents = 0) => ({ currentCents, adjustmentCents, estimateCents });

describe('quarters and fiscal years', () => {
  it('places a calendar quarter in the state (July–June) and federal (October–September) fiscal years', () => {
    expect(quarterOf('2026-02-10')).toBe('2026-Q1');
    expect(stateFiscal('2026-Q1')).toEqual({ year: '2025-26', quarter: 3 });
    expect(stateFiscal('2025-Q3')).toEqual({ year: '2025-26', quarter: 1 });
    expect(federalFiscal('2025-Q4')).toEqual({ year: 2026, quarter: 1 });
    expect(federalFiscal('2026-Q3')).toEqual({ year: 2026, quarter: 4 });
    expect(quartersOfStateFiscalYear('2025-26')).toEqual(['2025-Q3', '2025-Q4', '2026-Q1', '2026-Q2']);
    expect(shiftQuarter('2026-Q1', -1)).toBe('2025-Q4');
    expect(quartersEndingWith('2026-Q3', 8)).toEqual(['2024-Q4', '2025-Q1', '2025-Q2', '2025-Q3', '2025-Q4', '2026-Q1', '2026-Q2', '2026-Q3']);
  });

  it('is due 15 days after the quarter ends', () => {
    expect(dueDate('2026-Q3', policy.dueDaysAfterQuarterEnd)).toBe('2026-10-15');
    expect(dueDate('2026-Q4', 15)).toBe('2027-01-15');
  });
});

describe('federal and state shares', () => {
  it('gives 66% of each line, rounded half away from zero to the cent, and none for incentive-funded and non-IV-D lines', () => {
    expect(federalShareCents(100_00, 6_600)).toBe(66_00);
    // $0.25 × 66% = 16.5 cents → 17; -$0.25 → -17.
    expect(federalShareCents(25, 6_600)).toBe(17);
    expect(federalShareCents(-25, 6_600)).toBe(-17);
    const shares = claimShares({ salaries: line(1_000_00), incentive_funded: line(500_00), non_ivd: line(200_00), income_fees: line(10_00) }, policy);
    const of = (code: string) => shares.find((s) => s.code === code)!.columns;
    expect(of('salaries')).toMatchObject({ A: 1_000_00, B: 660_00 });
    expect(of('incentive_funded')).toMatchObject({ A: 500_00, B: 0 });
    expect(of('non_ivd')).toMatchObject({ A: 200_00, B: 0 });
    // Program income is subtracted before FFP.
    expect(claimTotals(shares)).toMatchObject({ A: 1_690_00, B: 660_00 - 6_60, stateCents: 1_690_00 - 653_40 });
  });

  it('builds OCSE-396 rows whose totals equal the sum of the lines behind them, for any claims', () => {
    const amount = fc.integer({ min: 0, max: 5_000_000_00 });
    const lines = fc.record(
      Object.fromEntries(
        claimLineCodes.map((c) => [
          c,
          fc.record({ currentCents: amount, adjustmentCents: fc.integer({ min: -1_000_000, max: 1_000_000 }), estimateCents: amount }),
        ]),
      ) as Record<string, fc.Arbitrary<{ currentCents: number; adjustmentCents: number; estimateCents: number }>>,
    );
    fc.assert(
      fc.property(fc.array(lines, { minLength: 1, maxLength: 5 }), (claims) => {
        const all = claims.flatMap((c) => claimShares(c as ClaimLines, policy));
        const rows = new Map(ocse396(all).map((r) => [r.line, r.columns]));
        for (const col of ['A', 'B', 'C', 'D', 'E', 'F'] as const) {
          const sum = (code: string) => all.filter((l) => l.ocse396 === code).reduce((a, l) => a + l.columns[col], 0);
          expect(rows.get('1b')![col]).toBe(sum('1b'));
          expect(rows.get('3')![col]).toBe(sum('1a') + sum('1b') + sum('1c') - sum('2a') - sum('2b'));
          expect(rows.get('7')![col]).toBe(rows.get('3')![col] + sum('4') + sum('5'));
          // The statewide total is the sum of each claim's own total.
          expect(rows.get('7')![col]).toBe(claims.reduce((a, c) => a + claimTotals(claimShares(c as ClaimLines, policy))[col], 0));
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('claim validation', () => {
  const context = { allocationCents: { administration: 1_000_000_00 }, claimedBeforeCents: { administration: 600_000_00 }, stateQuarter: 2 };
  const timeStudy = { kind: 'time_study' as const, ivdHours: 10_000, nonIvdHours: 0, staffCount: 20 };

  it('passes a complete claim within its allocation', () => {
    expect(validateClaim({ lines: { salaries: line(300_000_00) }, attachments: [timeStudy] }, context, policy)).toEqual([]);
  });

  it('names the field of every problem: negative amounts, over allocation without a reason, missing attachments, non-IV-D time not set apart', () => {
    const problems = validateClaim(
      { lines: { salaries: line(500_000_00), benefits: line(-1, 0, -5) }, attachments: [{ ...timeStudy, kind: 'time_certification', nonIvdHours: 120 }] },
      { ...context, stateQuarter: 1 },
      policy,
    );
    expect(problems.map((p) => p.path)).toEqual([
      '/lines/benefits/currentCents',
      '/lines/benefits/estimateCents',
      '/overAllocationJustification',
      '/attachments',
      '/lines/non_ivd/currentCents',
    ]);
    expect(problems[2]!.message).toBe('Claimed administration this fiscal year ($1,099,999.99) is over the allocation ($1,000,000.00): explain why.');
    expect(problems[3]!.message).toBe('A time study summary must be attached this quarter.');
  });

  it('accepts an over-allocation claim with a justification, and asks for a time certification in the first and third state quarters', () => {
    const claim = {
      lines: { salaries: line(500_000_00) },
      attachments: [timeStudy],
      overAllocationJustification: 'Board-approved augmentation for the call centre',
    };
    expect(validateClaim(claim, context, policy)).toEqual([]);
    expect(validateClaim(claim, { ...context, stateQuarter: 3 }, policy).map((p) => p.message)).toEqual([
      'A time certification summary must be attached this quarter.',
    ]);
  });
});

describe('allocation methodology', () => {
  const methodology = defaultAllocationPolicies[0]!;
  const inputs = {
    openCases: 18_800,
    averageCostPerFteCents: 120_000_00,
    callCenterCents: 500_000_00,
    operatingExpensesCents: 1_500_000_00,
    priorAllocationCents: 10_000_000_00,
    phaseInYear: 1,
  };

  it('phases an underfunded LCSA up to its baseline over three years, showing the working', () => {
    // 100 FTEs × $120,000 + $500,000 + $1,500,000 = $14,000,000; $4,000,000 short; a third in year one.
    const year1 = allocate(inputs, methodology);
    expect(year1).toMatchObject({ baselineCents: 14_000_000_00, allocationCents: 11_333_333_33, isHeldHarmless: false });
    expect(year1.steps[0]).toEqual({ label: 'FTEs needed: 18,800 cases ÷ 188 cases per FTE', value: '100.00' });
    expect(allocate({ ...inputs, phaseInYear: 3 }, methodology).allocationCents).toBe(14_000_000_00);
    expect(allocate({ ...inputs, phaseInYear: 5 }, methodology).allocationCents).toBe(14_000_000_00);
  });

  it('never lowers an allocation (hold harmless)', () => {
    const above = allocate({ ...inputs, priorAllocationCents: 15_000_000_00 }, methodology);
    expect(above).toMatchObject({ allocationCents: 15_000_000_00, isHeldHarmless: true });
    expect(above.steps.at(-1)!.label).toContain('held harmless');
  });
});
