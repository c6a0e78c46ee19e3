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
 * Each step splits by `prorate`, so the parts are whole cents and sum to the collection exactly.
 * Every case's part is then credited and distributed by that case's own rules (CCP 695.221, 42 USC 657).
 */
import { allocateByWeights, type Cents } from '../../../platform/money';

/**
 * [Policy] One rule wherever money falls short of several debts owed at once — across an obligor's
 * cases, and across a case's orders due the same day (replay.ts): each is paid in proportion to what it
 * is owed, in whole cents that sum to the amount (at most what is owed in all). The remainder cents go
 * one each to the largest fractional remainders; among equal remainders, to the larger debt; then to the
 * larger `tieBreak`, which the caller states from the debts themselves (within a case, the older order;
 * across cases, the larger arrears, or current support for the arrears step). Only debts equal in all of
 * these are told apart by their place in the list (by id): which of two indistinguishable debts holds
 * the odd cent is all an id can decide.
 */
export function prorate(amountCents: Cents, owed: readonly Cents[], tieBreak?: readonly number[]): Cents[] {
  const total = owed.reduce((a, b) => a + b, 0);
  // Enough for every debt: each gets exactly what it is owed.
  return amountCents >= total ? [...owed] : allocateByWeights(amountCents, owed, tieBreak);
}

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
  const take = (owed: Cents[], tieBreak: Cents[]): Cents[] => {
    const shares = prorate(left, owed, tieBreak);
    left -= shares.reduce((a, b) => a + b, 0);
    return shares;
  };
  const arrearsOwed = sorted.map((c) => c.arrearsCents);
  const currentOwed = sorted.map((c) => c.currentDueCents);
  const current = options.isArrearsOnly ? sorted.map(() => 0) : take(currentOwed, arrearsOwed);
  const arrears = take(arrearsOwed, currentOwed);
  let futures = sorted.map(() => 0);
  if (left > 0) {
    const weights = sorted.map((c) => c.monthlySupportCents);
    if (weights.some((w) => w > 0)) futures = allocateByWeights(left, weights, arrearsOwed);
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
