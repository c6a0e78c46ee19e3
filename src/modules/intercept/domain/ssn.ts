/**
 * SSN keys for matching. Matching never compares SSNs directly: it compares keys, which in the database
 * are blind indexes (HMACs) and in the offline analyst tool the digits themselves. A person's keys are
 * the exact SSN and nine "masked" forms (one digit position blanked), so that two SSNs one digit apart
 * share a masked key; a claimant's SSN also yields its eight adjacent-digit transpositions (OCSE's
 * altered-SSN match, Release 10-01).
 */
import { isIssuableSsn } from '../../../platform/pii/ssn-rules';

/**
 * Nine digits; area not 000 or 666, group not 00, serial not 0000 (SSA rules). Area 9xx is kept: claim
 * files carry ITINs for claimants without an SSN, and Concord's demo data uses that never-issued area.
 */
export function isPlausibleSsn(ssn: string): boolean {
  return isIssuableSsn(ssn);
}

/**
 * A number a file puts where it has no SSN: all one digit (000000000, 999999999). Such a number says
 * nothing about who the person is, so it is read as missing.
 */
export function isPlaceholderSsn(ssn: string): boolean {
  return /^(\d)\1{8}$/.test(ssn);
}

/**
 * Nine digits that can serve as evidence: any but a placeholder. An SSN that fails SSA's rules (group 00,
 * serial 0000) but is the same in both files still says the two are one person (`exact_invalid`).
 */
export function isUsableSsn(ssn: string | null): ssn is string {
  return !!ssn && /^\d{9}$/.test(ssn) && !isPlaceholderSsn(ssn);
}

/** The SSN with digit `position` (0–8) replaced by `*`. */
export function maskedSsn(ssn: string, position: number): string {
  return `${ssn.slice(0, position)}*${ssn.slice(position + 1)}`;
}

/** The SSN with each pair of adjacent digits swapped in turn (pairs of equal digits give nothing new). */
export function transpositions(ssn: string): string[] {
  const found: string[] = [];
  for (let i = 0; i < 8; i++) {
    if (ssn[i] === ssn[i + 1]) continue;
    found.push(`${ssn.slice(0, i)}${ssn[i + 1]}${ssn[i]}${ssn.slice(i + 2)}`);
  }
  return found;
}

export interface SsnKeys<K> {
  exact: K;
  /** Index = the blanked position. */
  masked: K[];
}

export interface ClaimantSsnKeys<K> extends SsnKeys<K> {
  transposed: K[];
  /** Whether the SSN passes SSA's rules (`isPlausibleSsn`): the same number that does not is a weaker level. */
  plausible: boolean;
}

/** How SSNs become keys: blind indexes in the database, plain numbers offline. */
export interface KeyScheme<K> {
  person(ssn: string): SsnKeys<K>;
  claimant(ssn: string): ClaimantSsnKeys<K>;
}

/** Keys made by applying `key` (e.g. an HMAC) to the SSN, its masked forms and its transpositions. */
export function textKeys<K>(key: (text: string) => K): KeyScheme<K> {
  const person = (ssn: string): SsnKeys<K> => ({ exact: key(ssn), masked: Array.from({ length: 9 }, (_, i) => key(maskedSsn(ssn, i))) });
  return { person, claimant: (ssn) => ({ ...person(ssn), transposed: transpositions(ssn).map(key), plausible: isPlausibleSsn(ssn) }) };
}

const powers = [100_000_000, 10_000_000, 1_000_000, 100_000, 10_000, 1_000, 100, 10, 1];

/**
 * Offline keys: the SSN as a number, and for position i the number with digit i set to zero (each
 * position has its own map, so that is unambiguous). No strings are built: a million claims a second.
 */
export const digitKeys: KeyScheme<number> = {
  person(ssn) {
    const exact = Number(ssn);
    const masked = new Array<number>(9);
    for (let i = 0; i < 9; i++) masked[i] = exact - (ssn.charCodeAt(i) - 48) * powers[i]!;
    return { exact, masked };
  },
  claimant(ssn) {
    const { exact, masked } = digitKeys.person(ssn);
    const transposed: number[] = [];
    for (let i = 0; i < 8; i++) {
      const a = ssn.charCodeAt(i) - 48;
      const b = ssn.charCodeAt(i + 1) - 48;
      if (a !== b) transposed.push(exact + (b - a) * powers[i]! + (a - b) * powers[i + 1]!);
    }
    return { exact, masked, transposed, plausible: isPlausibleSsn(ssn) };
  },
};

/**
 * How many of the `digits` decimal digits of two numbers (SSNs: nine; dates as YYYYMMDD: eight) differ —
 * counted no further than `enough` (two SSNs of strangers differ in most digits, and four say as much as nine).
 */
export function digitsApart(a: number, b: number, digits = 9, enough = digits): number {
  let apart = 0;
  for (let i = 0; i < digits && apart < enough; i++) {
    if (a % 10 !== b % 10) apart += 1;
    a = Math.floor(a / 10);
    b = Math.floor(b / 10);
  }
  return apart;
}

export type SsnAgreement = 'exact' | 'exact_invalid' | 'transposed' | 'one_digit' | 'two_digits' | 'three_digits' | 'different' | 'missing';

/**
 * How two SSNs agree, from their keys: the same (a number that fails SSA's rules: `exact_invalid`), two
 * adjacent digits transposed, one digit off (they share a masked key), two or three digits off (numeric
 * keys only: a blind index hides the digits, so there they are `different`), or different (four or more).
 */
export function compareSsnKeys<K>(claimant: ClaimantSsnKeys<K> | null, person: SsnKeys<K> | null): SsnAgreement {
  if (!claimant || !person) return 'missing';
  if (claimant.exact === person.exact) return claimant.plausible ? 'exact' : 'exact_invalid';
  if (claimant.transposed.includes(person.exact)) return 'transposed';
  for (let i = 0; i < 9; i++) if (claimant.masked[i] === person.masked[i]) return 'one_digit';
  return typeof claimant.exact === 'number' ? digitsOff(digitsApart(claimant.exact, person.exact as number, 9, 4)) : 'different';
}

/** The level of two SSNs not one digit apart (nor transposed) by how many digits differ. */
export function digitsOff(apart: number): SsnAgreement {
  return apart === 2 ? 'two_digits' : apart === 3 ? 'three_digits' : 'different';
}
