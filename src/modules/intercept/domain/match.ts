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
  /** The date of birth as the number YYYYMMDD (0 when missing), for fast comparison. */
  birth: number;
  address: string;
  zip: string;
}

/** "1980-04-07" → 19800407; null → 0. */
export function dateNumber(date: string | null): number {
  return date ? Number(date.slice(0, 4)) * 10_000 + Number(date.slice(5, 7)) * 100 + Number(date.slice(8, 10)) : 0;
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
    birth: dateNumber(p.dateOfBirth),
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
  return compareBirths(dateNumber(a), dateNumber(b));
}

/** Two dates as YYYYMMDD numbers (0: missing): the same, day and month swapped, one part off, or not. */
function compareBirths(a: number, b: number): DobAgreement {
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

type Field = Evidence['field'];
const fields: readonly Field[] = ['ssn', 'lastName', 'firstName', 'dateOfBirth', 'address'];
interface Weights {
  /** Each field's weight per agreement level, log2(m/u) rounded to a hundredth. */
  of: Record<Field, Record<string, number>>;
  /** Each field's highest weight (0 when every level weighs less: a missing field weighs 0). */
  best: Record<Field, number>;
}

/** The weights of a policy, made once per policy. */
const weightTables = new WeakMap<MatchPolicy, Weights>();
function weightsOf(policy: MatchPolicy): Weights {
  let table = weightTables.get(policy);
  if (!table) {
    const of = Object.fromEntries(
      fields.map((field) => [
        field,
        Object.fromEntries(Object.entries(policy[field]).map(([level, { m, u }]) => [level, Math.round(Math.log2(m / u) * 100) / 100])),
      ]),
    ) as Weights['of'];
    const best = Object.fromEntries(fields.map((field) => [field, Math.max(0, ...Object.values(of[field]))])) as Weights['best'];
    table = { of, best };
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
const rounded = (sum: number) => Math.round(sum * 100) / 100;

/**
 * A pair's total weight if it reaches `floor`, else NaN — without comparing the names when even their
 * best agreement could not lift the pair to the floor (cheap fields first, then the last name, then the
 * first). The same total as `scorePair` for every pair at or above the floor.
 */
function scoreFrom<K>(
  claimant: Prepared<ClaimantSsnKeys<K>>,
  obligor: Prepared<SsnKeys<K>>,
  policy: MatchPolicy,
  nicknames: NicknameIndex,
  { of, best }: Weights,
  floor: number,
): number {
  // Weights are hundredths, so a sum 0.01 under the floor cannot round up to it.
  const reach = floor - 0.01;
  let sum =
    (of.ssn[compareSsnKeys(claimant.keys, obligor.keys)] ?? 0) +
    (of.dateOfBirth[compareBirths(claimant.birth, obligor.birth)] ?? 0) +
    (of.address[compareAddresses(claimant, obligor)] ?? 0);
  if (sum + best.lastName + best.firstName < reach) return NaN;
  sum += of.lastName[compareNames(claimant.lastName, obligor.lastName, policy)] ?? 0;
  if (sum + best.firstName < reach) return NaN;
  sum += of.firstName[compareNames(claimant.firstName, obligor.firstName, policy, nicknames)] ?? 0;
  const total = rounded(sum);
  return total >= floor ? total : NaN;
}

export function scorePair<K>(claimant: Prepared<ClaimantSsnKeys<K>>, obligor: Prepared<SsnKeys<K>>, policy: MatchPolicy, nicknames: NicknameIndex): Scored {
  const { of } = weightsOf(policy);
  const agreements = agreementsOf(claimant, obligor, policy, nicknames);
  const evidence = fields.map((field, i): Evidence => ({ field, agreement: agreements[i]!, weight: of[field][agreements[i]!] ?? 0 }));
  return { obligorId: obligor.id, score: rounded(evidence.reduce((sum, e) => sum + e.weight, 0)), evidence };
}

/** How a set of keys finds obligor positions: each key heads a chain through `next` (one Int32Array for all). */
interface Chains<K> {
  add(key: K, position: number): void;
  collect(key: K, into: number[]): void;
}

function collectChain(next: Int32Array, head: number, into: number[]): void {
  for (let p = head; p !== -1; p = next[p]!) if (!into.includes(p)) into.push(p);
}

/** Chains for any key (the blind-index strings of the database path). */
class MapChains<K> implements Chains<K> {
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
    collectChain(this.next, this.heads.get(key) ?? -1, into);
  }
}

/**
 * Chains for keys that are integers from 0 to 2³¹ − 1 (SSNs as numbers, birth keys): an open-addressing
 * table in typed arrays, at most half full. A million obligors' eleven key sets are built in well under
 * a second and leave almost nothing for the garbage collector, where Maps of a million entries do not.
 */
class IntChains implements Chains<number> {
  private readonly keys: Int32Array;
  private readonly heads: Int32Array;
  private readonly next: Int32Array;
  private readonly shift: number;
  private readonly mask: number;
  constructor(size: number) {
    const bits = Math.max(4, Math.ceil(Math.log2(size * 2 + 1)));
    this.keys = new Int32Array(1 << bits);
    this.heads = new Int32Array(1 << bits).fill(-1);
    this.next = new Int32Array(size).fill(-1);
    this.shift = 32 - bits;
    this.mask = (1 << bits) - 1;
  }
  /** The key's slot: where it is, or the empty slot where it would go (Fibonacci hashing, linear probing). */
  private slot(key: number): number {
    let i = Math.imul(key, 0x9e3779b1) >>> this.shift;
    while (this.heads[i] !== -1 && this.keys[i] !== key) i = (i + 1) & this.mask;
    return i;
  }
  add(key: number, position: number): void {
    if (!Number.isInteger(key) || key < 0 || key > 0x7fffffff) throw new RangeError(`Key ${key} is not an integer from 0 to 2^31 - 1.`);
    const i = this.slot(key);
    this.next[position] = this.heads[i]!;
    this.keys[i] = key;
    this.heads[i] = position;
  }
  collect(key: number, into: number[]): void {
    collectChain(this.next, this.heads[this.slot(key)]!, into);
  }
}

/**
 * Birth date (YYYYMMDD) and last-name initial as one integer below 2³¹ (a fast key): YYYYMMDD × 32 +
 * letter, the year taken modulo 5000 (a year past 4999 only shares keys, and keys only find candidates).
 */
function birthKey(birth: number, lastName: string): number {
  return (birth % 50_000_000) * 32 + (lastName.charCodeAt(0) - 64);
}

/** YYYYMMDD with the day and the month the other way round. */
const swappedBirth = (birth: number) => Math.floor(birth / 10_000) * 10_000 + (birth % 100) * 100 + (Math.floor(birth / 100) % 100);

export class ObligorIndex<K, P extends Prepared<SsnKeys<K>> = Prepared<SsnKeys<K>>> {
  private readonly exact: Chains<K>;
  private readonly masked: Chains<K>[];
  private readonly byBirth: IntChains;

  constructor(readonly obligors: P[]) {
    const n = obligors.length;
    this.byBirth = new IntChains(n);
    const numeric = typeof obligors.find((o) => o.keys)?.keys?.exact === 'number';
    const chains = () => (numeric ? (new IntChains(n) as unknown as Chains<K>) : new MapChains<K>(n));
    this.exact = chains();
    this.masked = Array.from({ length: 9 }, chains);
    obligors.forEach((o, i) => {
      if (o.keys) {
        this.exact.add(o.keys.exact, i);
        o.keys.masked.forEach((k, position) => this.masked[position]!.add(k, i));
      }
      if (o.birth && o.lastName) this.byBirth.add(birthKey(o.birth, o.lastName), i);
    });
  }

  /** Positions of obligors worth scoring against this claimant. */
  candidates(claimant: Prepared<ClaimantSsnKeys<K>>): number[] {
    const found: number[] = [];
    if (claimant.keys) {
      this.exact.collect(claimant.keys.exact, found);
      for (const k of claimant.keys.transposed) this.exact.collect(k, found);
      for (let position = 0; position < 9; position++) this.masked[position]!.collect(claimant.keys.masked[position]!, found);
    }
    const birth = claimant.birth;
    if (birth && claimant.lastName) {
      this.byBirth.collect(birthKey(birth, claimant.lastName), found);
      // The day and month keyed the other way round.
      const swapped = swappedBirth(birth);
      if (swapped !== birth) this.byBirth.collect(birthKey(swapped, claimant.lastName), found);
    }
    return found;
  }
}

export interface MatchResult {
  claimantId: string;
  outcome: Outcome;
  /** The best candidate scoring at least the review threshold (none: no match). */
  best: Scored | null;
  /** The second-best candidate at or above the review threshold, when there is one (shown in review). */
  runnerUp: Scored | null;
  candidateCount: number;
}

export function decide(best: Scored | null, runnerUp: Scored | null, policy: MatchPolicy): Outcome {
  if (!best || best.score < policy.reviewThreshold) return 'no_match';
  if (best.score < policy.matchThreshold) return 'review';
  if (runnerUp && runnerUp.score >= policy.reviewThreshold && best.score - runnerUp.score < policy.ambiguityMargin) return 'review';
  return 'match';
}

/**
 * The claimant's outcome against the index. Only candidates at or above the review threshold can be
 * the best or the runner-up (one below it changes no outcome), so the others are dropped as soon as
 * they cannot reach it; the evidence is written out for the best two alone.
 */
export function matchClaimant<K>(
  index: ObligorIndex<K, Prepared<SsnKeys<K>>>,
  claimant: Prepared<ClaimantSsnKeys<K>>,
  policy: MatchPolicy,
  nicknames: NicknameIndex,
): MatchResult {
  const positions = index.candidates(claimant);
  const weights = weightsOf(policy);
  let [best, runnerUp] = [-1, -1];
  let [bestScore, runnerUpScore] = [0, 0];
  for (const position of positions) {
    const score = scoreFrom(claimant, index.obligors[position]!, policy, nicknames, weights, policy.reviewThreshold);
    if (Number.isNaN(score)) continue;
    // Ranked by score, then by obligor id: the same two whatever order the candidates came in.
    const ahead = (other: number, otherScore: number) =>
      other === -1 || score > otherScore || (score === otherScore && index.obligors[position]!.id < index.obligors[other]!.id);
    if (ahead(best, bestScore)) {
      [runnerUp, runnerUpScore] = [best, bestScore];
      [best, bestScore] = [position, score];
    } else if (ahead(runnerUp, runnerUpScore)) [runnerUp, runnerUpScore] = [position, score];
  }
  const scored = (position: number) => (position === -1 ? null : scorePair(claimant, index.obligors[position]!, policy, nicknames));
  const [bestScored, runnerUpScored] = [scored(best), scored(runnerUp)];
  return {
    claimantId: claimant.id,
    outcome: decide(bestScored, runnerUpScored, policy),
    best: bestScored,
    runnerUp: runnerUpScored,
    candidateCount: positions.length,
  };
}
