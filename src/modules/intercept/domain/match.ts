/**
 * The claimant matching engine (pure): candidates found by SSN keys (exact, transposed, one digit off)
 * and by date of birth with the last name's initial (for claims without an SSN or with a wrong one);
 * each candidate scored Fellegi-Sunter style — the sum over fields of log2(m/u) for the level at which
 * the field agrees — with every field's contribution kept as evidence; three outcomes by thresholds.
 *
 * @example
 *   const index = new ObligorIndex(obligors.map(prepareObligor(digitKeys)));
 *   const result = matchClaimant(index, prepareClaimant(claimant, digitKeys), defaultMatchPolicy, nicknames);
 */
import { compareNames, normalizeName, type NameAgreement, type NicknameIndex } from './names';
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
  address: string;
  zip: string;
}

const addressOf = (line: string | null) => normalizeName(line);

/** A person's facts normalised for comparison, with the SSN keys already made (or null). */
export function preparePerson<S>(p: PersonFacts, keys: S | null): Prepared<S> {
  return {
    id: p.id,
    keys,
    firstName: normalizeName(p.firstName),
    lastName: normalizeName(p.lastName),
    dateOfBirth: p.dateOfBirth,
    address: addressOf(p.addressLine1),
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
  if (!a || !b) return 'missing';
  if (a === b) return 'exact';
  const [ya, ma, da] = [a.slice(0, 4), a.slice(5, 7), a.slice(8, 10)];
  const [yb, mb, db] = [b.slice(0, 4), b.slice(5, 7), b.slice(8, 10)];
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

const weightCache = new WeakMap<object, number>();
function weightOf(levels: Record<string, { m: number; u: number }>, agreement: string): number {
  const level = levels[agreement];
  if (!level) return 0;
  let weight = weightCache.get(level);
  if (weight === undefined) {
    weight = Math.round(Math.log2(level.m / level.u) * 100) / 100;
    weightCache.set(level, weight);
  }
  return weight;
}

export function scorePair<K>(claimant: Prepared<ClaimantSsnKeys<K>>, obligor: Prepared<SsnKeys<K>>, policy: MatchPolicy, nicknames: NicknameIndex): Scored {
  const options = { similarAt: policy.similarAt };
  const lastName = compareNames(claimant.lastName, obligor.lastName, options);
  const evidence: Evidence[] = [
    { field: 'ssn', agreement: compareSsnKeys(claimant.keys, obligor.keys), weight: 0 },
    // A last name that is one of a compound name counts as exact; nicknames apply to given names only.
    { field: 'lastName', agreement: lastName, weight: 0 },
    { field: 'firstName', agreement: compareNames(claimant.firstName, obligor.firstName, { ...options, nicknames }), weight: 0 },
    { field: 'dateOfBirth', agreement: compareDates(claimant.dateOfBirth, obligor.dateOfBirth), weight: 0 },
    { field: 'address', agreement: compareAddresses(claimant, obligor), weight: 0 },
  ];
  let score = 0;
  for (const e of evidence) {
    e.weight = weightOf(policy[e.field], e.agreement);
    score += e.weight;
  }
  return { obligorId: obligor.id, score: Math.round(score * 100) / 100, evidence };
}

/** Keys → obligor positions, as heads of chains in an Int32Array (1,000,000 obligors × 11 keys stay compact). */
class Chains<K> {
  private readonly heads = new Map<K, number>();
  private readonly next: Int32Array;
  constructor(size: number) {
    this.next = new Int32Array(size).fill(-1);
  }
  add(key: K, position: number): void {
    const head = this.heads.get(key);
    if (head !== undefined) this.next[position] = head;
    this.heads.set(key, position);
  }
  collect(key: K, into: number[]): void {
    for (let p = this.heads.get(key) ?? -1; p !== -1; p = this.next[p]!) if (!into.includes(p)) into.push(p);
  }
}

/** Birth date and last-name initial as one small integer (a fast map key): YYYYMMDD × 32 + letter. */
function birthKey(date: string, lastName: string): number {
  return (Number(date.slice(0, 4)) * 10_000 + Number(date.slice(5, 7)) * 100 + Number(date.slice(8, 10))) * 32 + (lastName.charCodeAt(0) - 64);
}

export class ObligorIndex<K, P extends Prepared<SsnKeys<K>> = Prepared<SsnKeys<K>>> {
  private readonly exact: Chains<K>;
  private readonly masked: Chains<K>[];
  private readonly byBirth: Chains<number>;

  constructor(readonly obligors: P[]) {
    const n = obligors.length;
    this.exact = new Chains(n);
    this.masked = Array.from({ length: 9 }, () => new Chains<K>(n));
    this.byBirth = new Chains(n);
    obligors.forEach((o, i) => {
      if (o.keys) {
        this.exact.add(o.keys.exact, i);
        o.keys.masked.forEach((k, position) => this.masked[position]!.add(k, i));
      }
      if (o.dateOfBirth && o.lastName) this.byBirth.add(birthKey(o.dateOfBirth, o.lastName), i);
    });
  }

  /** Positions of obligors worth scoring against this claimant. */
  candidates(claimant: Prepared<ClaimantSsnKeys<K>>): number[] {
    const found: number[] = [];
    if (claimant.keys) {
      this.exact.collect(claimant.keys.exact, found);
      for (const k of claimant.keys.transposed) this.exact.collect(k, found);
      claimant.keys.masked.forEach((k, position) => this.masked[position]!.collect(k, found));
    }
    const dob = claimant.dateOfBirth;
    if (dob && claimant.lastName) {
      this.byBirth.collect(birthKey(dob, claimant.lastName), found);
      // The day and month keyed the other way round.
      const swapped = `${dob.slice(0, 4)}-${dob.slice(8, 10)}-${dob.slice(5, 7)}`;
      if (swapped !== dob) this.byBirth.collect(birthKey(swapped, claimant.lastName), found);
    }
    return found;
  }
}

export interface MatchResult {
  claimantId: string;
  outcome: Outcome;
  best: Scored | null;
  /** The second-best candidate, when there is one (shown in review). */
  runnerUp: Scored | null;
  candidateCount: number;
}

export function decide(best: Scored | null, runnerUp: Scored | null, policy: MatchPolicy): Outcome {
  if (!best || best.score < policy.reviewThreshold) return 'no_match';
  if (best.score < policy.matchThreshold) return 'review';
  if (runnerUp && runnerUp.score >= policy.reviewThreshold && best.score - runnerUp.score < policy.ambiguityMargin) return 'review';
  return 'match';
}

export function matchClaimant<K>(
  index: ObligorIndex<K, Prepared<SsnKeys<K>>>,
  claimant: Prepared<ClaimantSsnKeys<K>>,
  policy: MatchPolicy,
  nicknames: NicknameIndex,
): MatchResult {
  const positions = index.candidates(claimant);
  let best: Scored | null = null;
  let runnerUp: Scored | null = null;
  for (const position of positions) {
    const scored = scorePair(claimant, index.obligors[position]!, policy, nicknames);
    if (!best || scored.score > best.score || (scored.score === best.score && scored.obligorId < best.obligorId)) {
      runnerUp = best;
      best = scored;
    } else if (!runnerUp || scored.score > runnerUp.score) runnerUp = scored;
  }
  return { claimantId: claimant.id, outcome: decide(best, runnerUp, policy), best, runnerUp, candidateCount: positions.length };
}
