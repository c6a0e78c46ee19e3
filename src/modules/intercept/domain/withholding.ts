/**
 * What an insurer is told to withhold from a claim payment (Ins. Code 13550): the obligor's past-due
 * balance, at most the claim, and at most half of a disability-income payment. Versioned policy.
 *
 * @example withholdingFor({ claimType: 'disability_income', amountCents: 100_000 }, 80_000) // { withholdCents: 50_000, capRule: 'disability_50_percent' }
 */
export interface WithholdingPolicy {
  effectiveFrom: string;
  /** Ins. Code 13550: withholding from a disability-income payment is limited to 50% of the claim. */
  disabilityCapBasisPoints: number;
  /** [GAP] Days the obligor has to contest, stated on the copy; DCSS's notice text was not available. */
  contestDays: number;
}
export const defaultWithholdingPolicy: WithholdingPolicy = { effectiveFrom: '2020-01-01', disabilityCapBasisPoints: 5_000, contestDays: 30 };

/** What the insurer is told to withhold: the past-due balance, capped for disability income. */
export function withholdingFor(claim: { claimType: string; amountCents: number }, pastDueCents: number, policy = defaultWithholdingPolicy) {
  const isDisability = claim.claimType === 'disability_income';
  const cap = isDisability ? Math.floor((claim.amountCents * policy.disabilityCapBasisPoints) / 10_000) : claim.amountCents;
  return { withholdCents: Math.min(pastDueCents, cap), capRule: isDisability ? 'disability_50_percent' : 'claim_amount' };
}
