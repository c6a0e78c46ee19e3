/**
 * One obligor, several cases (several families): a collection received for the obligor is prorated across
 * all of the obligor's cases (45 CFR 302.51/302.52; OCSE AT-97-17, AT-07-05; the domain page's 1.3).
 *
 * Policy [GAP] — DCSS's lump-sum guidelines were not available, so the documented choice is:
 * 1. current support due this month first, each case's share in proportion to its unpaid current support
 *    (skipped for arrears-only sources such as tax offsets, 45 CFR 302.51(a)(3));
 * 2. then arrears, in proportion to each case's unpaid arrears (principal and posted interest);
 * 3. anything left is held as futures on the cases in proportion to their monthly support, or, if none
 *    has current support, on the case with the largest arrears that was paid.
 * Each step splits by largest remainder, so the parts are whole cents and sum to the collection exactly.
 * Every case's part is then credited and distributed by that case's own rules (CCP 695.221, 42 USC 657).
 */
import { allocateByWeights, type Cents } from '../../../platform/money';

export interface ObligorCase {
  caseId: string;
  /** Current support due this month and not yet paid. */
  currentDueCents: Cents;
  /** Unpaid principal due before this month plus posted, unpaid interest. */
  arrearsCents: Cents;
  /** The case's monthly support, for placing futures. */
  monthlySupportCents: Cents;
}

export interface ProratedPart {
  caseId: string;
  amountCents: Cents;
  currentCents: Cents;
  arrearsCents: Cents;
  futuresCents: Cents;
}

export function prorateAcrossCases(amountCents: Cents, cases: ObligorCase[], options: { isArrearsOnly: boolean }): ProratedPart[] {
  if (cases.length === 0) throw new Error('prorateAcrossCases needs at least one case');
  const sorted = [...cases].sort((a, b) => (a.caseId < b.caseId ? -1 : a.caseId > b.caseId ? 1 : 0));
  let left = amountCents;
  const take = (weights: number[]): Cents[] => {
    const owed = weights.reduce((a, b) => a + b, 0);
    const amount = Math.min(left, owed);
    // When the money covers everything owed each case gets exactly what it is owed; otherwise proportional shares.
    left -= amount;
    return amount === owed ? weights : allocateByWeights(amount, weights);
  };
  const current = options.isArrearsOnly ? sorted.map(() => 0) : take(sorted.map((c) => c.currentDueCents));
  const arrears = take(sorted.map((c) => c.arrearsCents));
  let futures = sorted.map(() => 0);
  if (left > 0) {
    const weights = sorted.map((c) => c.monthlySupportCents);
    if (weights.some((w) => w > 0)) futures = allocateByWeights(left, weights);
    else {
      let largest = 0;
      sorted.forEach((c, i) => {
        if (c.arrearsCents > sorted[largest]!.arrearsCents) largest = i;
      });
      futures[largest] = left;
    }
  }
  return sorted.map((c, i) => ({
    caseId: c.caseId,
    currentCents: current[i]!,
    arrearsCents: arrears[i]!,
    futuresCents: futures[i]!,
    amountCents: current[i]! + arrears[i]! + futures[i]!,
  }));
}
