/**
 * Scoring a claimant against an obligor (pure), Fellegi-Sunter style: each of five fields (SSN, last
 * name, first name, date of birth, address) agrees at a level, and the pair's score is the sum over
 * fields of log2(m/u) for that level, with every field's contribution kept as evidence. Also the
 * policy (levels, probabilities, thresholds) and how people are prepared for comparison.
 *
 * @example const { score, evidence } = scorePair(prepareClaimant(c, digitKeys), prepareObligor(digitKeys)(o), defaultMatchPolicy, nicknames);
 */
import { compareNames, normalizeAddress, normalizeName, type NameAgreement, type NicknameIndex } from './names';
import { compareSsnKeys, digitsApart, isUsableSsn, type ClaimantSsnKeys, type KeyScheme, type SsnAgreement, type SsnKeys } from './ssn';

export type DobAgreement = 'exact' | 'day_month_swapped' | 'one_digit' | 'one_part_off' | 'same_year' | 'different' | 'missing';
export type AddressAgreement = 'same' | 'same_line' | 'same_zip' | 'different' | 'missing';
export type Outcome = 'match' | 'review' | 'no_match';

/** Probabilities that a field agrees at a level among true matches (m) and among non-matches (u). */
type Levels<L extends string> = Record<Exclude<L, 'missing'>, { m: number; u: number }>;

export interface MatchPolicy {
  effectiveFrom: string;
  ssn: Levels<SsnAgreement>;
  lastName: Levels<NameAgreement>;
  firstName: Levels<NameAgreement>;
  dateOfBirth: Levels<DobAgreement>;
  address: Levels<AddressAgreement>;
  /** Jaro-Winkler at or above this makes two names similar. */
  similarAt: number;
  /**
   * Term-frequency adjustment of an exact name for common names, in bits at most (0: none): GARCIA, which
   * many obligors share, says less than the average name — the exact level's weight plus log2(u / the
   * share of obligors with that name) when that is negative, down by this many bits at most. A rare name
   * is not weighed up: that would let far more candidates reach the review band only on their names.
   */
  termFrequencyCap: number;
  /** Total weight at or above which a candidate is a match; at or above review, a person looks at it. */
  matchThreshold: number;
  reviewThreshold: number;
  /** A match whose runner-up is within this many points is ambiguous and goes to review. */
  ambiguityMargin: number;
  /**
   * [Policy] A best candidate whose SSN is given on both sides and wholly different (four digits or
   * more) is never matched automatically, whatever the rest weighs: it goes to review. Twins, juniors and
   * relatives at one address agree on nearly everything else, and their weights add up as though those
   * agreements were independent; a parent wrongly noticed costs more than a claim a person looks at.
   */
  differentSsnGoesToReview: boolean;
}

/**
 * [GAP] No published DCSS weights: these m and u values are Concord's priors, chosen from the structure
 * of the data (SSNs are near-unique; names and birth dates repeat). A file-to-file run estimates its own
 * from the files (estimate.ts) and uses these only as the starting point; the database's intake uses them
 * as they are. The thresholds were chosen on the FEBRL-style labelled benchmark (`npm run bench --
 * intercept-accuracy`, 200,000 claims with one to four errors each): at 15, precision 0.9995 with the
 * estimates and 0.9997 with the priors; at 20 recall was 0.5 points lower (claims with no SSN whose
 * birth date is a digit off went to review) for 10 fewer false matches in 200,000 claims. A new version
 * with a later effectiveFrom replaces them.
 */
export const defaultMatchPolicy: MatchPolicy = {
  effectiveFrom: '2026-12-06',
  ssn: {
    exact: { m: 0.9, u: 0.000_001 },
    exact_invalid: { m: 0.005, u: 0.000_01 },
    transposed: { m: 0.02, u: 0.000_01 },
    one_digit: { m: 0.03, u: 0.000_1 },
    two_digits: { m: 0.03, u: 0.000_3 },
    three_digits: { m: 0.01, u: 0.000_1 },
    different: { m: 0.005, u: 0.999_49 },
  },
  lastName: {
    exact: { m: 0.9, u: 0.01 },
    nickname: { m: 0.9, u: 0.01 },
    similar: { m: 0.07, u: 0.03 },
    different: { m: 0.03, u: 0.96 },
  },
  firstName: {
    exact: { m: 0.84, u: 0.02 },
    nickname: { m: 0.08, u: 0.005 },
    similar: { m: 0.05, u: 0.03 },
    different: { m: 0.03, u: 0.945 },
  },
  dateOfBirth: {
    exact: { m: 0.9, u: 0.000_1 },
    day_month_swapped: { m: 0.02, u: 0.000_1 },
    one_digit: { m: 0.03, u: 0.002 },
    one_part_off: { m: 0.02, u: 0.003 },
    same_year: { m: 0.02, u: 0.02 },
    different: { m: 0.01, u: 0.974_8 },
  },
  address: {
    same: { m: 0.55, u: 0.000_1 },
    same_line: { m: 0.03, u: 0.000_01 },
    same_zip: { m: 0.12, u: 0.01 },
    different: { m: 0.3, u: 0.989_89 },
  },
  similarAt: 0.9,
  termFrequencyCap: 3,
  matchThreshold: 15,
  reviewThreshold: 12,
  ambiguityMargin: 6,
  differentSsnGoesToReview: true,
};

export interface PersonFacts {
  id: string;
  ssn: string | null;
  firstName: string | null;
  lastName: string | null;
  dateOfBirth: string | null;
  addressLine1: string | null;
  zip: string | null;
}

export interface Prepared<S> {
  id: string;
  keys: S | null;
  firstName: string;
  lastName: string;
  dateOfBirth: string | null;
  /** The date of birth as the number YYYYMMDD (0 when missing), for fast comparison. */
  birth: number;
  address: string;
  zip: string;
}

/** "1980-04-07" → 19800407; null → 0. */
export function dateNumber(date: string | null): number {
  return date ? Number(date.slice(0, 4)) * 10_000 + Number(date.slice(5, 7)) * 100 + Number(date.slice(8, 10)) : 0;
}

/** A person's facts normalised for comparison, with the SSN keys already made (or null). */
export function preparePerson<S>(p: PersonFacts, keys: S | null): Prepared<S> {
  return {
    id: p.id,
    keys,
    firstName: normalizeName(p.firstName),
    lastName: normalizeName(p.lastName),
    dateOfBirth: p.dateOfBirth,
    birth: dateNumber(p.dateOfBirth),
    address: normalizeAddress(p.addressLine1),
    zip: (p.zip ?? '').slice(0, 5),
  };
}

/** An obligor ready for the index: normalised names, SSN keys (null for a missing SSN or a placeholder: `isUsableSsn`). */
export function prepareObligor<K>(scheme: KeyScheme<K>): (person: PersonFacts) => Prepared<SsnKeys<K>> {
  return (p) => preparePerson(p, isUsableSsn(p.ssn) ? scheme.person(p.ssn) : null);
}

export function prepareClaimant<K>(p: PersonFacts, scheme: KeyScheme<K>): Prepared<ClaimantSsnKeys<K>> {
  return preparePerson(p, isUsableSsn(p.ssn) ? scheme.claimant(p.ssn) : null);
}

export function compareDates(a: string | null, b: string | null): DobAgreement {
  return compareBirths(dateNumber(a), dateNumber(b));
}

/**
 * Two dates as YYYYMMDD numbers (0: missing), from the closest level down: the same, day and month
 * swapped, one digit of the eight off (1980-04-07 and 1989-04-07), one part off (the same year, and
 * the same month or day), the same year only (a file that knows only the year writes 01-01), or not.
 * An impossible date (1980-02-30) is compared as written.
 */
export function compareBirths(a: number, b: number): DobAgreement {
  if (!a || !b) return 'missing';
  if (a === b) return 'exact';
  const [ya, ma, da] = [Math.floor(a / 10_000), Math.floor(a / 100) % 100, a % 100];
  const [yb, mb, db] = [Math.floor(b / 10_000), Math.floor(b / 100) % 100, b % 100];
  if (ya === yb && ma === db && da === mb) return 'day_month_swapped';
  const same = Number(ya === yb) + Number(ma === mb) + Number(da === db);
  // One digit off is one part off by one digit (two parts off are two digits at least).
  if (same === 2 && (ya !== yb ? digitsApart(ya, yb, 4) : ma !== mb ? digitsApart(ma, mb, 2) : digitsApart(da, db, 2)) === 1) return 'one_digit';
  if (ya !== yb) return 'different';
  return same === 2 ? 'one_part_off' : 'same_year';
}

/** The same line in the same ZIP; the same line in another ZIP (a ZIP mistyped or a neighbouring one); the same ZIP only; or neither. */
export function compareAddresses(a: { address: string; zip: string }, b: { address: string; zip: string }): AddressAgreement {
  if (!a.zip || !b.zip) return 'missing';
  const sameLine = !!a.address && a.address === b.address;
  if (a.zip !== b.zip) return sameLine ? 'same_line' : 'different';
  return sameLine ? 'same' : 'same_zip';
}

export interface Evidence {
  field: 'ssn' | 'lastName' | 'firstName' | 'dateOfBirth' | 'address';
  agreement: string;
  /** log2(m/u), rounded to a hundredth; 0 when either side is missing. */
  weight: number;
  /** On the names: they agree at this level with the claimant's first and last names the other way round. */
  swapped?: boolean;
}

export interface Scored {
  obligorId: string;
  score: number;
  evidence: Evidence[];
}

export type Field = Evidence['field'];
export const fields: readonly Field[] = ['ssn', 'lastName', 'firstName', 'dateOfBirth', 'address'];

/** Each field's agreement levels ('missing' is none of them: it weighs 0). */
export const levelsOf: Record<Field, readonly string[]> = {
  ssn: ['exact', 'exact_invalid', 'transposed', 'one_digit', 'two_digits', 'three_digits', 'different'],
  lastName: ['exact', 'nickname', 'similar', 'different'],
  firstName: ['exact', 'nickname', 'similar', 'different'],
  dateOfBirth: ['exact', 'day_month_swapped', 'one_digit', 'one_part_off', 'same_year', 'different'],
  address: ['same', 'same_line', 'same_zip', 'different'],
};

/** A level's weight: log2(m/u), rounded to a hundredth, as scores and evidence carry it. */
export function levelWeight({ m, u }: { m: number; u: number }): number {
  return Math.round(Math.log2(m / u) * 100) / 100;
}

/**
 * A field's weight per level (log2(m/u), rounded to a hundredth), in the order of `levelsOf`, and its
 * highest weight (0 when every level weighs less, since a missing field weighs 0). Scoring finds a
 * level's place by comparing it with at most four constant strings, in a loop the compiler inlines (a
 * quarter faster than `indexOf`): a keyed look-up by level name on a plain object is megamorphic and was
 * half the cost of scoring.
 */
export class FieldWeights {
  readonly weights: Float64Array;
  readonly best: number;
  constructor(
    readonly levels: readonly string[],
    policyLevels: Record<string, { m: number; u: number }>,
  ) {
    this.weights = Float64Array.from(levels, (level) => levelWeight(policyLevels[level]!));
    this.best = Math.max(0, ...this.weights);
  }
  of(agreement: string): number {
    for (let i = 0; i < this.levels.length; i++) if (this.levels[i] === agreement) return this.weights[i]!;
    return 0;
  }
}

export interface Weights {
  ssn: FieldWeights;
  lastName: FieldWeights;
  firstName: FieldWeights;
  dateOfBirth: FieldWeights;
  address: FieldWeights;
  /** The most a name that is given and not exact can weigh: similar or different (and a first name, a nickname). */
  lastInexact: number;
  firstInexact: number;
}

/** The weights of a policy, made once per policy. */
const weightTables = new WeakMap<MatchPolicy, Weights>();
export function weightsOf(policy: MatchPolicy): Weights {
  let table = weightTables.get(policy);
  if (!table) {
    const of = (field: Field) => new FieldWeights(levelsOf[field], policy[field]);
    const [lastName, firstName] = [of('lastName'), of('firstName')];
    table = {
      ssn: of('ssn'),
      lastName,
      firstName,
      dateOfBirth: of('dateOfBirth'),
      address: of('address'),
      // Last names are compared without nicknames (see agreementsOf).
      lastInexact: Math.max(lastName.of('similar'), lastName.of('different')),
      firstInexact: Math.max(firstName.of('nickname'), firstName.of('similar'), firstName.of('different')),
    };
    weightTables.set(policy, table);
  }
  return table;
}

/** How a pair's names agree (last, first) in each order: as written, and when the other is given, with the claimant's swapped. */
export interface NameOrders {
  straight: [string, string];
  swapped: [string, string] | null;
}

/**
 * The names' agreements to score: the claimant's first and last names swapped when that weighs more
 * (a file that put each in the other's column), else as written.
 */
export function namesChosen(orders: NameOrders, weights: Weights, adjustments: NameAdjustments): { agreements: [string, string]; swapped: boolean } {
  const swapped = !!orders.swapped && namesWeight(orders.swapped, weights, adjustments) > namesWeight(orders.straight, weights, adjustments);
  return { agreements: swapped ? orders.swapped! : orders.straight, swapped };
}

function namesWeight([last, first]: [string, string], weights: Weights, [lastAdjustment, firstAdjustment]: NameAdjustments): number {
  return weights.lastName.of(last) + (last === 'exact' ? lastAdjustment : 0) + weights.firstName.of(first) + (first === 'exact' ? firstAdjustment : 0);
}

/** The term-frequency adjustments of an exact last and first name, by the obligor's names (see `termFrequencyCap`). */
export type NameAdjustments = [number, number];

/** How many of the obligors have each name, as a share (0 for a name none has). */
export interface NameShares {
  last(name: string): number;
  first(name: string): number;
}

/** The adjustment of an exact name that a `share` of obligors have, for a field whose exact level has `u` (rounded to a hundredth). */
export function termFrequencyAdjustment(u: number, share: number, cap: number): number {
  if (cap <= 0 || share <= u) return 0;
  return Math.round(Math.max(-cap, Math.log2(u / share)) * 100) / 100;
}

/** The adjustments for an obligor's names, from the shares of obligors with each. */
export function adjustmentsFor(obligor: { lastName: string; firstName: string }, shares: NameShares | undefined, policy: MatchPolicy): NameAdjustments {
  if (!shares) return [0, 0];
  return [
    termFrequencyAdjustment(policy.lastName.exact.u, shares.last(obligor.lastName), policy.termFrequencyCap),
    termFrequencyAdjustment(policy.firstName.exact.u, shares.first(obligor.firstName), policy.termFrequencyCap),
  ];
}

/**
 * Whether a claimant's names may be an obligor's the other way round: the claimant's first name begins
 * with the obligor's last name's letter, or the claimant's last name with the first name's. Otherwise
 * the swapped order is not compared (it could not agree at any level that weighs).
 */
export function maySwap(claimant: { firstName: string; lastName: string }, obligorLast: string, obligorFirst: string): boolean {
  return (
    (!!claimant.firstName && !!obligorLast && claimant.firstName.charCodeAt(0) === obligorLast.charCodeAt(0)) ||
    (!!claimant.lastName && !!obligorFirst && claimant.lastName.charCodeAt(0) === obligorFirst.charCodeAt(0))
  );
}

/** How the five fields of a pair agree, in the order of `fields`. */
function agreementsOf<K>(
  claimant: Prepared<ClaimantSsnKeys<K>>,
  obligor: Prepared<SsnKeys<K>>,
  policy: MatchPolicy,
  nicknames: NicknameIndex,
): NameOrders & { rest: string[] } {
  // A last name that is one of a compound name counts as exact; nicknames apply to given names only.
  const names = (surname: string, given: string): [string, string] => [
    compareNames(surname, obligor.lastName, policy),
    compareNames(given, obligor.firstName, policy, nicknames),
  ];
  const straight = names(claimant.lastName, claimant.firstName);
  return {
    straight,
    swapped:
      (straight[0] === 'exact' && straight[1] === 'exact') || !maySwap(claimant, obligor.lastName, obligor.firstName)
        ? null
        : names(claimant.firstName, claimant.lastName),
    rest: [compareSsnKeys(claimant.keys, obligor.keys), compareBirths(claimant.birth, obligor.birth), compareAddresses(claimant, obligor)],
  };
}

/** A pair's total weight, rounded to a hundredth as the evidence is. */
export const rounded = (sum: number) => Math.round(sum * 100) / 100;

/** A pair scored in full; `shares` (the obligors' name frequencies) adjusts exact names for how common they are. */
export function scorePair<K>(
  claimant: Prepared<ClaimantSsnKeys<K>>,
  obligor: Prepared<SsnKeys<K>>,
  policy: MatchPolicy,
  nicknames: NicknameIndex,
  shares?: NameShares,
): Scored {
  const { rest, ...names } = agreementsOf(claimant, obligor, policy, nicknames);
  return scored(obligor.id, rest, names, policy, adjustmentsFor(obligor, shares, policy));
}

/**
 * An obligor's score and evidence from how the pair's fields agree: SSN, date of birth and address
 * (`rest`), and the names in both orders, an exact name adjusted for how common the obligor's is.
 */
export function scored(obligorId: string, [ssn, dateOfBirth, address]: string[], names: NameOrders, policy: MatchPolicy, adjustments: NameAdjustments): Scored {
  const weights = weightsOf(policy);
  const { agreements, swapped } = namesChosen(names, weights, adjustments);
  const byField = [ssn!, agreements[0], agreements[1], dateOfBirth!, address!];
  const evidence = fields.map((field, i): Evidence => {
    const adjustment = byField[i] === 'exact' ? (field === 'lastName' ? adjustments[0] : field === 'firstName' ? adjustments[1] : 0) : 0;
    const e: Evidence = { field, agreement: byField[i]!, weight: rounded(weights[field].of(byField[i]!) + adjustment) };
    if (swapped && (field === 'lastName' || field === 'firstName')) e.swapped = true;
    return e;
  });
  return { obligorId, score: rounded(evidence.reduce((sum, e) => sum + e.weight, 0)), evidence };
}
