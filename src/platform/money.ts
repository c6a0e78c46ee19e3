/**
 * Money is integer cents (`Cents`), checked with Number.isSafeInteger; never floats.
 *
 * @example
 *   divideRoundHalfUp(50_000 * 1_000, 10_000 * 12) // 417 (= $4.1667 rounded to $4.17)
 */
export type Cents = number;

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
