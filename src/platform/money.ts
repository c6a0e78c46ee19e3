/**
 * Money is integer cents (`Cents`), checked with Number.isSafeInteger; never floats.
 *
 * @example
 *   divideRoundHalfUp(50_000 * 1_000, 10_000 * 12) // 417 (= $4.1667 rounded to $4.17)
 */

/**
 * Units as flavoured numbers: a plain number (a literal, a sum) is accepted as either, but a value typed in
 * one unit is refused where the other is expected, so a rate cannot be passed as an amount or the other
 * way round. A flavour rather than a strict brand, so that the replay's arithmetic needs no casts.
 */
export type Cents = number & { readonly __unit?: 'cents' };

/** A rate in hundredths of a percent: 1000 = 10%. */
export type BasisPoints = number & { readonly __unit?: 'basis_points' };

export function assertCents(value: number, what: string): Cents {
  if (!Number.isSafeInteger(value)) throw new Error(`${what} must be whole cents, got ${value}`);
  return value;
}

/** numerator / denominator rounded half away from zero, for non-negative denominators; exact on integers. */
export function divideRoundHalfUp(numerator: number, denominator: number): number {
  if (denominator <= 0) throw new Error('denominator must be positive');
  const sign = numerator < 0 ? -1 : 1;
  const magnitude = Math.abs(numerator);
  const quotient = Math.floor(magnitude / denominator);
  const remainder = magnitude - quotient * denominator;
  return sign * (remainder * 2 >= denominator ? quotient + 1 : quotient);
}

export function formatCents(amountCents: Cents): string {
  const sign = amountCents < 0 ? '-' : '';
  const magnitude = Math.abs(amountCents);
  return `${sign}$${Math.floor(magnitude / 100).toLocaleString('en-US')}.${String(magnitude % 100).padStart(2, '0')}`;
}

/**
 * Splits `totalCents` in proportion to `weights` by the largest-remainder method: every share is whole
 * cents, the shares sum to the total exactly, and leftover cents go to the largest fractional parts;
 * among equal parts, to the larger weight, then to the larger `tieBreak` (if given), then to the earlier
 * in the list. All-zero weights split nothing (every share 0) unless `total` is 0.
 *
 * @example allocateByWeights(100, [1, 1, 1]) // [34, 33, 33]
 */
export function allocateByWeights(totalCents: Cents, weights: readonly number[], tieBreak?: readonly number[]): Cents[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (sum <= 0 || totalCents === 0) return weights.map(() => 0);
  if (totalCents < 0 || weights.some((w) => w < 0 || !Number.isSafeInteger(w)))
    throw new Error('allocateByWeights takes a non-negative total and whole non-negative weights');
  // BigInt: a total times a weight can pass 2^53 (a $1M collection against $100M of arrears).
  const [total, whole] = [BigInt(totalCents), BigInt(sum)];
  const shares = weights.map((w) => Number((total * BigInt(w)) / whole));
  let left = totalCents - shares.reduce((a, b) => a + b, 0);
  const byRemainder = weights
    .map((w, i) => ({ i, w, rest: (total * BigInt(w)) % whole, tie: tieBreak?.[i] ?? 0 }))
    .sort((a, b) => (a.rest !== b.rest ? (a.rest > b.rest ? -1 : 1) : b.w - a.w || b.tie - a.tie || a.i - b.i));
  for (const { i } of byRemainder) {
    if (left === 0) break;
    shares[i]! += 1;
    left -= 1;
  }
  return shares;
}
