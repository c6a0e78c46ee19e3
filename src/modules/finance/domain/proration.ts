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
