import { describe, expect, it } from 'vitest';
import { checkIdentity, defaultPayoffPolicies, defaultSubordinationPolicies, demandDueBy, subordinationEligibility, type IdentityFacts } from './payoff';

const policy = defaultPayoffPolicies[0]!;
const allDocuments = ['letterhead', 'recorded_lien_copy', 'borrower_authorization'] as const;
const matching: IdentityFacts = { ssnMatches: 1, isNameMatch: true, dateOfBirth: 'match', driversLicense: 'match', sameNameOthers: 0 };

describe('payoff demand identity checks (policy in payoff.ts)', () => {
  it('answers at once when SSN, name, date of birth and licence agree and the documents were uploaded', () => {
    expect(checkIdentity(matching, allDocuments, policy)).toMatchObject({ problems: [], warnings: [], missingDocuments: [] });
  });

  it('sends every demand on a family-violence-flagged obligor to staff, and every demand when the policy allows no automatic answer', () => {
    expect(checkIdentity(matching, allDocuments, policy, { isFamilyViolenceFlagged: true }).problems).toEqual([
      'The obligor is protected (family violence): staff answer every demand.',
    ]);
    expect(checkIdentity(matching, allDocuments, { ...policy, automaticAnswer: false }).problems).toEqual([
      'The policy in force has staff answer every demand.',
    ]);
  });

  it('sends a demand to review when an identifier disagrees or a required document is missing', () => {
    expect(checkIdentity({ ...matching, ssnMatches: 0 }, allDocuments, policy).problems).toEqual(['No obligor in the registry has this SSN.']);
    expect(checkIdentity({ ...matching, dateOfBirth: 'mismatch' }, allDocuments, policy).problems).toEqual(['The date of birth differs from the registry’s.']);
    expect(checkIdentity({ ...matching, driversLicense: 'mismatch' }, allDocuments, policy).problems).toHaveLength(1);
    expect(checkIdentity({ ...matching, isNameMatch: false }, allDocuments, policy).problems).toHaveLength(1);
    const missing = checkIdentity(matching, ['letterhead'], policy);
    expect(missing.missingDocuments).toEqual(['recorded_lien_copy', 'borrower_authorization']);
    expect(missing.problems).toEqual(['Documents not uploaded: recorded lien copy, borrower authorization.']);
  });

  it('warns, without stopping, of other obligors with the same name and of a licence it cannot check', () => {
    const check = checkIdentity({ ...matching, driversLicense: 'not_given', sameNameOthers: 2 }, allDocuments, policy);
    expect(check.problems).toEqual([]);
    expect(check.warnings).toEqual([
      'No driver’s licence was given.',
      '2 other obligors with liens share this name: confirm the identifiers came from the borrower, not from an abstract.',
    ]);
  });

  it('is due 15 calendar days after receipt', () => {
    expect(demandDueBy('2026-11-24', policy)).toBe('2026-12-09');
  });
});

describe('subordination eligibility (wage assignment and payment history)', () => {
  const subordination = defaultSubordinationPolicies[0]!;
  const paidByWages = { chargedCents: 50_000, collectedCents: 50_000, wageWithholdingCents: 50_000 };

  it('is eligible with wage withholding in each of the last 6 months and 90% of 12 months paid', () => {
    const months = [
      ...Array.from({ length: 6 }, () => ({ chargedCents: 50_000, collectedCents: 40_000, wageWithholdingCents: 0 })),
      ...Array.from({ length: 6 }, () => paidByWages),
    ];
    // 6 × 400 + 6 × 500 = 5,400 of 6,000 = 90%.
    expect(subordinationEligibility(months, subordination)).toEqual({ isEligible: true, reasons: [], monthsWithWageWithholding: 6, paidShare: 0.9 });
  });

  it('is not eligible when a recent month had no wage withholding, or too little was paid', () => {
    const gap = [...Array.from({ length: 11 }, () => paidByWages), { chargedCents: 50_000, collectedCents: 50_000, wageWithholdingCents: 0 }];
    expect(subordinationEligibility(gap, subordination).reasons).toEqual(['Wage withholding paid in 5 of the last 6 months (all are needed).']);
    const short = Array.from({ length: 12 }, () => ({ chargedCents: 50_000, collectedCents: 44_000, wageWithholdingCents: 44_000 }));
    expect(subordinationEligibility(short, subordination)).toMatchObject({ isEligible: false, paidShare: 0.88 });
    expect(
      subordinationEligibility(
        Array.from({ length: 12 }, () => ({ chargedCents: 0, collectedCents: 0, wageWithholdingCents: 0 })),
        subordination,
      ).isEligible,
    ).toBe(false);
  });
});
