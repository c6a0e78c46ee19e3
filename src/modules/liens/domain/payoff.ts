/**
 * Payoff demands and subordination, as versioned policy (the domain page's 4.3 and 4.4).
 *
 * Demands: a title or escrow company sends the borrower's identifiers and documents (letterhead, a copy
 * of the recorded abstract or lien, the borrower's authorization to release information; Orange, Alameda,
 * San Diego LCSAs). Concord checks the identifiers against the registry — the SSN finds the obligor, the
 * date of birth and driver's licence must agree, and other obligors of the same name are flagged, since
 * identifiers should come from the borrower and not the abstract. The answer is due in 15 calendar days
 * (Contra Costa, San Mateo). The documents must be uploaded — a ticked box is not a document — and staff
 * check each before a payoff is issued, unless the policy in force allows an automatic answer
 * (`automaticAnswer`, stated and audited with each answer it gives). [GAP] Which problems stop an
 * automatic answer is not in the sources: Concord answers at once only when the policy allows it, the SSN,
 * name and date of birth agree, the licence does not disagree, every required document has been uploaded,
 * and the obligor is not family-violence flagged (such a demand always goes to staff); anything else goes
 * to staff review.
 *
 * Subordination: an obligor on a wage assignment with a good payment history may have the lien
 * subordinated to a new first deed of trust (practitioner source in 4.3). [GAP] "Good history" is not
 * defined: Concord asks for wage withholding in each of the last 6 months and at least 90% of the support
 * charged in the last 12 months collected.
 */
import { addDays, type CalendarDate } from '../../../platform/dates';

/** The documents a payoff demand can come with. */
export const demandDocuments = ['letterhead', 'recorded_lien_copy', 'borrower_authorization', 'statement_of_information'] as const;
export type DemandDocument = (typeof demandDocuments)[number];

export interface PayoffPolicy {
  effectiveFrom: CalendarDate;
  respondWithinDays: number;
  requiredDocuments: DemandDocument[];
  /** How far ahead a good-through date may be: further out the quote means little. [GAP] */
  maxGoodThroughDays: number;
  /**
   * [GAP] Whether Concord may answer a clean demand at once, once every required document is uploaded,
   * before staff have looked at the documents. Each automatic answer is audited with this policy's date.
   */
  automaticAnswer: boolean;
}

export const defaultPayoffPolicies: PayoffPolicy[] = [
  {
    effectiveFrom: '2003-07-01',
    respondWithinDays: 15,
    requiredDocuments: ['letterhead', 'recorded_lien_copy', 'borrower_authorization'],
    maxGoodThroughDays: 60,
    automaticAnswer: true,
  },
];

export interface IdentityFacts {
  /** Registry records of obligors with the SSN given (several LCSAs may each hold a record of one parent). */
  ssnMatches: number;
  /** The last name given is the registry's (first names vary too much to require). */
  isNameMatch: boolean;
  dateOfBirth: 'match' | 'mismatch' | 'not_on_file';
  driversLicense: 'match' | 'mismatch' | 'not_on_file' | 'not_given';
  /** Other obligors with liens who share the borrower's first and last name but not the SSN. */
  sameNameOthers: number;
}

export interface IdentityCheck extends IdentityFacts {
  missingDocuments: DemandDocument[];
  /** Why the demand needs staff review; empty when Concord may answer at once. */
  problems: string[];
  warnings: string[];
}

export function checkIdentity(
  facts: IdentityFacts,
  uploaded: readonly DemandDocument[],
  policy: PayoffPolicy,
  options: { isFamilyViolenceFlagged: boolean } = { isFamilyViolenceFlagged: false },
): IdentityCheck {
  const missingDocuments = policy.requiredDocuments.filter((d) => !uploaded.includes(d));
  const problems: string[] = [];
  if (!policy.automaticAnswer) problems.push('The policy in force has staff answer every demand.');
  if (options.isFamilyViolenceFlagged) problems.push('The obligor is protected (family violence): staff answer every demand.');
  const warnings: string[] = [];
  if (facts.ssnMatches === 0) problems.push('No obligor in the registry has this SSN.');
  else {
    if (!facts.isNameMatch) problems.push('The last name differs from the registry’s.');
    if (facts.dateOfBirth === 'mismatch') problems.push('The date of birth differs from the registry’s.');
    if (facts.dateOfBirth === 'not_on_file') problems.push('The registry has no date of birth to check.');
    if (facts.driversLicense === 'mismatch') problems.push('The driver’s licence differs from the registry’s.');
    if (facts.driversLicense === 'not_on_file') warnings.push('The registry has no driver’s licence to check.');
    if (facts.driversLicense === 'not_given') warnings.push('No driver’s licence was given.');
  }
  if (missingDocuments.length > 0) problems.push(`Documents not uploaded: ${missingDocuments.map((d) => d.replace(/_/g, ' ')).join(', ')}.`);
  if (facts.sameNameOthers > 0)
    warnings.push(
      `${facts.sameNameOthers} other obligor${facts.sameNameOthers === 1 ? '' : 's'} with liens share${facts.sameNameOthers === 1 ? 's' : ''} this name: confirm the identifiers came from the borrower, not from an abstract.`,
    );
  return { ...facts, missingDocuments, problems, warnings };
}

export function demandDueBy(receivedOn: CalendarDate, policy: PayoffPolicy): CalendarDate {
  return addDays(receivedOn, policy.respondWithinDays);
}

/** The demand letter's wording, versioned: a letter always says which version it is. */
export interface DemandLetterVersion {
  effectiveFrom: CalendarDate;
  version: string;
  paragraphs: string[];
}

export const demandLetterVersions: DemandLetterVersion[] = [
  {
    effectiveFrom: '2026-01-01',
    version: 'LPD-2026.1',
    paragraphs: [
      'This is the statewide payoff of every child support lien recorded against the borrower named above, in every California county and by every local child support agency. One payment of the amount shown releases them all.',
      'The amount is good through the date shown. For each day after it, add the per-diem interest shown. The amount may change if a payment is returned or if further arrears are reported; ask for an updated demand if escrow does not close by the good-through date.',
      'Pay the California State Disbursement Unit and quote the demand number. Once the payment posts, the release of every lien (or, where current support continues, an acknowledgment of satisfaction of matured installments) is issued within 5 days, in one packet covering every county.',
    ],
  },
];

export interface SubordinationPolicy {
  effectiveFrom: CalendarDate;
  /** Months, ending with the last full month, that must each have a wage-withholding collection. */
  wageWithholdingMonths: number;
  /** Months whose charged support is compared with what was collected. */
  historyMonths: number;
  minimumPaidShare: number;
}

export const defaultSubordinationPolicies: SubordinationPolicy[] = [
  { effectiveFrom: '2003-07-01', wageWithholdingMonths: 6, historyMonths: 12, minimumPaidShare: 0.9 },
];

export interface SubordinationEligibility {
  isEligible: boolean;
  reasons: string[];
  monthsWithWageWithholding: number;
  paidShare: number | null;
}

/** `months`: the last `historyMonths` full months, oldest first, of support charged and collected. */
export function subordinationEligibility(
  months: { chargedCents: number; collectedCents: number; wageWithholdingCents: number }[],
  policy: SubordinationPolicy,
): SubordinationEligibility {
  const recent = months.slice(-policy.wageWithholdingMonths);
  const monthsWithWageWithholding = recent.filter((m) => m.wageWithholdingCents > 0).length;
  const charged = months.reduce((a, m) => a + m.chargedCents, 0);
  const collected = months.reduce((a, m) => a + m.collectedCents, 0);
  const paidShare = charged === 0 ? null : Math.round((collected / charged) * 1_000) / 1_000;
  const reasons: string[] = [];
  if (monthsWithWageWithholding < policy.wageWithholdingMonths)
    reasons.push(`Wage withholding paid in ${monthsWithWageWithholding} of the last ${policy.wageWithholdingMonths} months (all are needed).`);
  if (paidShare === null) reasons.push('No support was charged in the period: there is no wage assignment to rely on.');
  else if (paidShare < policy.minimumPaidShare)
    reasons.push(
      `${Math.round(paidShare * 100)}% of the support charged in the last ${policy.historyMonths} months was paid (at least ${policy.minimumPaidShare * 100}% is needed).`,
    );
  return { isEligible: reasons.length === 0, reasons, monthsWithWageWithholding, paidShare };
}
