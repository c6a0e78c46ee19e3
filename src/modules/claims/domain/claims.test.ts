import fc from 'fast-check';
import type { CalendarDate } from '../../../platform/dates';
import { describe, expect, it } from 'vitest';
import { allocate, defaultAllocationPolicies } from './allocation';
import { dueDate, federalFiscal, quarterOf, quartersEndingWith, quartersOfStateFiscalYear, shiftQuarter, stateFiscal } from './calendar';
import { claimingDeadline, claimShares, claimTotals, federalDeadlines, ocse396, validateClaim, type ClaimLines } from './claim';
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
    // Program income is subtracted before FFP; costs paid with incentives and non-IV-D costs are in neither share.
    expect(claimTotals(shares)).toMatchObject({ A: 1_690_00, B: 660_00 - 6_60, stateCents: 1_000_00 - 10_00 - 653_40 });
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
          expect(rows.get('3')![col]).toBe(sum('1a') + sum('1b') + sum('1c') + sum('1d') - sum('2a') - sum('2b'));
          expect(rows.get('7')![col]).toBe(rows.get('3')![col] + sum('4') + sum('5'));
          // The statewide total is the sum of each claim's own total.
          expect(rows.get('7')![col]).toBe(claims.reduce((a, c) => a + claimTotals(claimShares(c as ClaimLines, policy))[col], 0));
        }
        // The statewide state share is the sum of each claim's.
        expect(rows.get('15')!.B).toBe(claims.reduce((a, c) => a + claimTotals(claimShares(c as ClaimLines, policy)).stateCents, 0));
      }),
      { numRuns: 200 },
    );
  });
});

describe('the whole OCSE-396: Sections B and C', () => {
  const shares = claimShares(
    {
      salaries: line(1_000_00, 100_00, 1_200_00),
      incentive_funded: line(300_00, 0, 300_00),
      incentive_exemption: line(50_00),
      non_ivd: line(200_00, 20_00, 200_00),
      income_fees: line(10_00),
      edp_mo: line(100_00),
    },
    policy,
  );
  const entries = {
    collectionsAdjustmentCents: -5_00,
    fplsFeesCents: 3_00,
    csenetFeesCents: 2_00,
    preOffsetFeesCents: 1_00,
    adjustmentCents: 4_00,
    incentiveEstimateCents: 900_00,
  };
  const rows = new Map(ocse396(shares, 40_00, entries).map((r) => [r.line, r]));

  it('nets line 14 as line 7 less the IV-A collections kept and the fees charged, plus the adjustments', () => {
    const seven = rows.get('7')!.columns;
    // 66% of (1,000 − 10 + 100) = 719.40; adjustments 66% of 100 = 66; estimate 66% of 1,200 = 792.
    expect(seven).toMatchObject({ B: 719_40, D: 66_00, F: 792_00 });
    expect(rows.get('14')!.columns).toMatchObject({ B: 719_40 - 40_00 - 3_00 - 2_00 - 1_00 + 4_00, D: 66_00 + 5_00, F: 792_00 });
    expect(rows.get('9')!.columns).toMatchObject({ B: 40_00, D: -5_00 });
    expect(rows.get('16')!.columns.E).toBe(900_00);
    expect(rows.get('1d')!.columns).toMatchObject({ A: 50_00, B: 0 });
    expect(rows.get('3')!.columns.A).toBe(1_000_00 + 300_00 + 50_00 + 200_00 - 10_00);
  });

  it('gives a state share (line 15) without the costs paid with incentives (1a, 1d) or the non-IV-D costs (1c)', () => {
    // Current: (1,000 − 660) − (10 − 6.60) + (100 − 66) = 370.60; adjustments 100 − 66 = 34; estimate 1,200 − 792 = 408.
    expect(rows.get('15')!.columns).toMatchObject({ B: 370_60, D: 34_00, F: 408_00 });
    // Without the exclusion the state share would be line 7 less its federal share: 1,740 − 719.40.
    expect(rows.get('15')!.columns.B).not.toBe(rows.get('7')!.columns.A - rows.get('7')!.columns.B);
    expect(claimTotals(shares).stateCents).toBe(370_60);
    expect(rows.get('14')!.open).toEqual(['B', 'D', 'F']);
  });

  it('knows the federal deadlines: 45 days after the quarter, final after the December 31 following the federal fiscal year, two years to claim', () => {
    expect(federalDeadlines('2026-Q3', policy)).toEqual({ dueBy: '2026-11-14', finalAfter: '2026-12-31' });
    expect(federalDeadlines('2026-Q4', policy)).toEqual({ dueBy: '2027-02-14', finalAfter: '2027-12-31' });
    // Spent in 2024-Q1: the two-year period begins 2024-04-01 and ends 2026-03-31.
    expect(claimingDeadline('2024-Q1', policy)).toBe('2026-03-31');
  });
});

describe('claim validation', () => {
  const context = {
    allocationCents: { administration: 1_000_000_00 },
    claimedBeforeCents: { administration: 600_000_00 },
    stateQuarter: 2,
    quarter: '2025-Q4',
    today: '2026-01-05' as CalendarDate,
  };
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

  it('refuses a claim for a quarter that has not ended', () => {
    const claim = { lines: { salaries: line(300_000_00) }, attachments: [timeStudy] };
    expect(validateClaim(claim, { ...context, today: '2025-12-31' }, policy)).toEqual([
      { path: '/quarter', message: '2025-Q4 ends on 2025-12-31: its claim can be submitted from 2026-01-01, once the quarter has ended.' },
    ]);
    expect(validateClaim(claim, { ...context, today: '2026-01-01' }, policy)).toEqual([]);
  });

  it('asks for prior-quarter adjustments itemised by the quarter they adjust, each earlier than the claim', () => {
    const lines = { salaries: line(300_000_00, 150_00) };
    const item = { line: 'salaries' as const, quarter: '2025-Q2', amountCents: 100_00, reason: 'Time study correction' };
    expect(validateClaim({ lines, attachments: [timeStudy], adjustments: [item] }, context, policy)).toEqual([
      {
        path: '/lines/salaries/adjustmentCents',
        message: 'Salaries and wages: the prior-quarter adjustments are $150.00 but those itemised by quarter add up to $100.00.',
      },
    ]);
    const itemised = [item, { ...item, quarter: '2025-Q3', amountCents: 50_00 }];
    expect(validateClaim({ lines, attachments: [timeStudy], adjustments: itemised }, context, policy)).toEqual([]);
    const later = [item, { ...item, quarter: '2025-Q4', amountCents: 50_00 }];
    expect(validateClaim({ lines, attachments: [timeStudy], adjustments: later }, context, policy).map((p) => p.path)).toEqual(['/adjustments/1/quarter']);
  });

  it('enforces the two-year claiming limit on increases, with the exceptions of 45 CFR 95.19 and their references', () => {
    // The 2025-Q4 report is due 2026-02-14; an expenditure of 2023-Q4 had to be claimed by 2025-12-31, one of 2024-Q1 by 2026-03-31.
    const claimWith = (quarter: string, amountCents: number, extra = {}) => ({
      lines: { salaries: line(300_000_00, amountCents) },
      attachments: [timeStudy],
      adjustments: [{ line: 'salaries' as const, quarter, amountCents, reason: 'Late invoice', ...extra }],
    });
    expect(validateClaim(claimWith('2024-Q1', 100_00), context, policy)).toEqual([]);
    const late = validateClaim(claimWith('2023-Q4', 100_00), context, policy);
    expect(late).toEqual([
      {
        path: '/adjustments/0/quarter',
        message:
          'Salaries and wages: an expenditure of 2023-Q4 had to be claimed by 2025-12-31 (two years, 45 CFR 95.7); the report carrying this claim is filed by 2026-02-14. Remove it, or give the exception that applies (45 CFR 95.19).',
      },
    ]);
    // A decrease returns money: never too late.
    expect(validateClaim(claimWith('2021-Q1', -100_00), context, policy)).toEqual([]);
    // An exception lets it through, with its reference.
    expect(validateClaim(claimWith('2023-Q4', 100_00, { exception: 'audit_exception', reference: 'State audit 2025-14' }), context, policy)).toEqual([]);
    expect(validateClaim(claimWith('2023-Q4', 100_00, { exception: 'good_cause' }), context, policy).map((p) => p.path)).toEqual(['/adjustments/0/reference']);
    // Submitted late, the claim is judged on the day: 2024-Q1 is out of time after 2026-03-31.
    expect(validateClaim(claimWith('2024-Q1', 100_00), { ...context, today: '2026-04-01' }, policy).map((p) => p.path)).toEqual(['/adjustments/0/quarter']);
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
