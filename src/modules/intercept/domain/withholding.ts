/**
 * What an insurer is told to withhold from a claim payment (Ins. Code 13550): the obligor's past-due
 * balance, at most the claim, and at most half of a disability-income payment — for periodic payments,
 * half of each payment (CCP 704.130(c), with the earnings-withholding limits of CCP 706.052). Versioned policy.
 *
 * @example withholdingFor({ claimType: 'disability_income', amountCents: 100_000, paymentType: 'lump_sum' }, 80_000) // { withholdCents: 50_000, capRule: 'disability_50_percent', perPaymentBasisPoints: null }
 */
export interface WithholdingPolicy {
  effectiveFrom: string;
  /** Ins. Code 13550: withholding from a disability-income payment is limited to 50% of the claim. */
  disabilityCapBasisPoints: number;
  /**
   * CCP 704.130(c) and 706.052: while disability benefits are paid periodically, each payment may be
   * withheld from no more than an earnings assignment for support allows — 50% of the payment.
   */
  disabilityPerPaymentBasisPoints: number;
  /** [GAP] No per-payment limit was found for other periodic payments (annuities): the whole payment, until the notice's amount is reached. */
  otherPerPaymentBasisPoints: number;
  /** [GAP] Days the obligor has to contest, stated on the copy; DCSS's notice text was not available. */
  contestDays: number;
  /** [GAP] Days after the insurer's stated sending date within which a disbursement unit receipt matches its remittance. */
  receiptMatchWindowDays: number;
}
export const defaultWithholdingPolicy: WithholdingPolicy = {
  effectiveFrom: '2020-01-01',
  disabilityCapBasisPoints: 5_000,
  disabilityPerPaymentBasisPoints: 5_000,
  otherPerPaymentBasisPoints: 10_000,
  contestDays: 30,
  receiptMatchWindowDays: 30,
};

const share = (cents: number, basisPoints: number) => Math.floor((cents * basisPoints) / 10_000);

/** What the insurer is told to withhold: the past-due balance, capped for disability income; for periodic payments, the share of each payment. */
export function withholdingFor(
  claim: { claimType: string; amountCents: number; paymentType: 'lump_sum' | 'periodic' },
  pastDueCents: number,
  policy = defaultWithholdingPolicy,
) {
  const isDisability = claim.claimType === 'disability_income';
  const cap = isDisability ? share(claim.amountCents, policy.disabilityCapBasisPoints) : claim.amountCents;
  const perPaymentBasisPoints =
    claim.paymentType === 'periodic' ? (isDisability ? policy.disabilityPerPaymentBasisPoints : policy.otherPerPaymentBasisPoints) : null;
  return { withholdCents: Math.min(pastDueCents, cap), capRule: isDisability ? 'disability_50_percent' : 'claim_amount', perPaymentBasisPoints };
}

/** The most that may be withheld from one periodic payment of `grossCents`. */
export function perPaymentLimit(grossCents: number, perPaymentBasisPoints: number): number {
  return share(grossCents, perPaymentBasisPoints);
}
