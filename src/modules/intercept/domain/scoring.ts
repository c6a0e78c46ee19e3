/**
 * Scoring a claimant against an obligor (pure), Fellegi-Sunter style: each of five fields (SSN, last
 * name, first name, date of birth, address) agrees at a level, and the pair's score is the sum over
 * fields of log2(m/u) for that level, with every field's contribution kept as evidence. Also the
 * policy (levels, probabilities, thresholds) and how people are prepared for comparison.
 *
 * @example const { score, evidence } = scorePair(prepareClaimant(c, digitKeys), prepareObligor(digitKeys)(o), defaultMatchPolicy, nicknames);
 */
import { compareNames, normalizeAddress, normalizeName, type NameAgreement, type NicknameIndex } from './names';
import { compareSsnKeys, isPlausibleSsn, type ClaimantSsnKeys, type KeyScheme, type SsnAgreement, type SsnKeys } from './ssn';

export type DobAgreement = 'exact' | 'day_month_swapped' | 'one_part_off' | 'different' | 'missing';
export type AddressAgreement = 'same' | 'same_zip' | 'different' | 'missing';
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
  /** Total weight at or above which a candidate is a match; at or above review, a person looks at it. */
  matchThreshold: number;
  reviewThreshold: number;
  /** A match whose runner-up is within this many points is ambiguous and goes to review. */
  ambiguityMargin: number;
}

/**
 * [GAP] No published DCSS weights: these m and u values are Concord's, chosen from the structure of the
 * data (SSNs are near-unique; names and birth dates repeat) and tuned on the labelled synthetic benchmark
 * (`npm run bench -- intercept-accuracy`). A new version with a later effectiveFrom replaces them.
 */
export const defaultMatchPolicy: MatchPolicy = {
  effectiveFrom: '2020-01-01',
  ssn: {
    exact: { m: 0.93, u: 0.000_001 },
    transposed: { m: 0.02, u: 0.000_01 },
    one_digit: { m: 0.03, u: 0.000_1 },
    different: { m: 0.02, u: 0.999_89 },
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
    exact: { m: 0.93, u: 0.000_1 },
    day_month_swapped: { m: 0.02, u: 0.000_1 },
    one_part_off: { m: 0.03, u: 0.003 },
    different: { m: 0.02, u: 0.996_8 },
  },
  address: {
    same: { m: 0.55, u: 0.000_1 },
    same_zip: { m: 0.15, u: 0.01 },
    different: { m: 0.3, u: 0.989_9 },
  },
  similarAt: 0.9,
  matchThreshold: 24,
  reviewThreshold: 12,
  ambiguityMargin: 6,
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

/** An obligor ready for the index: normalised names, SSN keys (null for a missing or implausible SSN). */
export function prepareObligor<K>(scheme: KeyScheme<K>): (person: PersonFacts) => Prepared<SsnKeys<K>> {
  return (p) => preparePerson(p, p.ssn && isPlausibleSsn(p.ssn) ? scheme.person(p.ssn) : null);
}

export function prepareClaimant<K>(p: PersonFacts, scheme: KeyScheme<K>): Prepared<ClaimantSsnKeys<K>> {
  return preparePerson(p, p.ssn && isPlausibleSsn(p.ssn) ? scheme.claimant(p.ssn) : null);
}

export function compareDates(a: string | null, b: string | null): DobAgreement {
  return compareBirths(dateNumber(a), dateNumber(b));
}

/** Two dates as YYYYMMDD numbers (0: missing): the same, day and month swapped, one part off, or not. */
export function compareBirths(a: number, b: number): DobAgreement {
  if (!a || !b) return 'missing';
  if (a === b) return 'exact';
  const [ya, ma, da] = [Math.floor(a / 10_000), Math.floor(a / 100) % 100, a % 100];
  const [yb, mb, db] = [Math.floor(b / 10_000), Math.floor(b / 100) % 100, b % 100];
  if (ya === yb && ma === db && da === mb) return 'day_month_swapped';
  const same = Number(ya === yb) + Number(ma === mb) + Number(da === db);
  return same === 2 ? 'one_part_off' : 'different';
}

export function compareAddresses(a: { address: string; zip: string }, b: { address: string; zip: string }): AddressAgreement {
  if (!a.zip || !b.zip) return 'missing';
  if (a.zip !== b.zip) return 'different';
  return a.address && a.address === b.address ? 'same' : 'same_zip';
}

export interface Evidence {
  field: 'ssn' | 'lastName' | 'firstName' | 'dateOfBirth' | 'address';
  agreement: string;
  /** log2(m/u), rounded to a hundredth; 0 when either side is missing. */
  weight: number;
}

export interface Scored {
  obligorId: string;
  score: number;
  evidence: Evidence[];
}

export type Field = Evidence['field'];
export const fields: readonly Field[] = ['ssn', 'lastName', 'firstName', 'dateOfBirth', 'address'];

/** Each field's agreement levels ('missing' is none of them: it weighs 0). */
const levelsOf: Record<Field, readonly string[]> = {
  ssn: ['exact', 'transposed', 'one_digit', 'different'],
  lastName: ['exact', 'nickname', 'similar', 'different'],
  firstName: ['exact', 'nickname', 'similar', 'different'],
  dateOfBirth: ['exact', 'day_month_swapped', 'one_part_off', 'different'],
  address: ['same', 'same_zip', 'different'],
};

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
    this.weights = Float64Array.from(levels, (level) => Math.round(Math.log2(policyLevels[level]!.m / policyLevels[level]!.u) * 100) / 100);
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

/** How the five fields of a pair agree, in the order of `fields`. */
function agreementsOf<K>(claimant: Prepared<ClaimantSsnKeys<K>>, obligor: Prepared<SsnKeys<K>>, policy: MatchPolicy, nicknames: NicknameIndex): string[] {
  return [
    compareSsnKeys(claimant.keys, obligor.keys),
    // A last name that is one of a compound name counts as exact; nicknames apply to given names only.
    compareNames(claimant.lastName, obligor.lastName, policy),
    compareNames(claimant.firstName, obligor.firstName, policy, nicknames),
    compareBirths(claimant.birth, obligor.birth),
    compareAddresses(claimant, obligor),
  ];
}

/** A pair's total weight, rounded to a hundredth as the evidence is. */
export const rounded = (sum: number) => Math.round(sum * 100) / 100;

export function scorePair<K>(claimant: Prepared<ClaimantSsnKeys<K>>, obligor: Prepared<SsnKeys<K>>, policy: MatchPolicy, nicknames: NicknameIndex): Scored {
  return scored(obligor.id, agreementsOf(claimant, obligor, policy, nicknames), policy);
}

/** An obligor's score and evidence from how the pair's fields agree (in the order of `fields`). */
export function scored(obligorId: string, agreements: string[], policy: MatchPolicy): Scored {
  const weights = weightsOf(policy);
  const evidence = fields.map((field, i): Evidence => ({ field, agreement: agreements[i]!, weight: weights[field].of(agreements[i]!) }));
  return { obligorId, score: rounded(evidence.reduce((sum, e) => sum + e.weight, 0)), evidence };
}
