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
import { compareInexactNames, compareNames, namesExact, normalizeAddress, normalizeName, phoneticCode, type NameAgreement, type NicknameIndex } from './names';
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
class FieldWeights {
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

interface Weights {
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
function weightsOf(policy: MatchPolicy): Weights {
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
const rounded = (sum: number) => Math.round(sum * 100) / 100;

export function scorePair<K>(claimant: Prepared<ClaimantSsnKeys<K>>, obligor: Prepared<SsnKeys<K>>, policy: MatchPolicy, nicknames: NicknameIndex): Scored {
  return scored(obligor.id, agreementsOf(claimant, obligor, policy, nicknames), policy);
}

/** An obligor's score and evidence from how the pair's fields agree (in the order of `fields`). */
function scored(obligorId: string, agreements: string[], policy: MatchPolicy): Scored {
  const weights = weightsOf(policy);
  const evidence = fields.map((field, i): Evidence => ({ field, agreement: agreements[i]!, weight: weights[field].of(agreements[i]!) }));
  return { obligorId, score: rounded(evidence.reduce((sum, e) => sum + e.weight, 0)), evidence };
}

/**
 * Keys → obligor positions for integer keys from 0 to 2³¹ − 1: an open-addressing table in typed arrays
 * (Fibonacci hashing, linear probing, at most half full), filled once; a key with several positions
 * has them laid out together in `runs`. A million obligors' eleven key sets are built in about a second
 * and leave nothing for the garbage collector, where Maps of a million entries do not.
 */
class KeyRuns {
  /**
   * Slot i holds its key at 2i and at 2i + 1 (−1: empty) either the key's one position × 2, or, for a
   * key with more, the start of its run in `runs` × 2 + 1. A run lists the positions in order, the last
   * as its ones' complement (negative). Most keys belong to one obligor, and their look-up reads one
   * place; a key with more reads its positions one after another, not each from somewhere else.
   */
  private readonly slots: Int32Array;
  private readonly runs: Int32Array;
  private readonly shift: number;
  private readonly mask: number;
  /**
   * One bit per hash of the keys present (four to eight bits per key: half a megabyte for a million):
   * most look-ups are for keys that are not there (transposed and masked SSNs), and this small table,
   * which stays in the processor's cache, answers most of them without reading the large one.
   */
  private readonly present: Int32Array;
  private readonly presentShift: number;
  /** The table for positions below `size`, in `memory` if given (shared: only its builder clears it). */
  constructor(size: number, memory?: SharedArrayBuffer, builds = true) {
    const bits = KeyRuns.bits(size);
    const buffer = memory ?? new ArrayBuffer(KeyRuns.bytes(size));
    this.slots = new Int32Array(buffer, 0, 2 << bits);
    this.runs = new Int32Array(buffer, (2 << bits) * 4, size);
    this.present = new Int32Array(buffer, ((2 << bits) + size) * 4, 1 << (bits - 4));
    if (builds) this.slots.fill(-1);
    this.shift = 32 - bits;
    this.mask = (1 << bits) - 1;
    this.presentShift = 32 - (bits + 1);
  }
  private static bits(size: number): number {
    return Math.max(5, Math.ceil(Math.log2(size * 2 + 1)));
  }
  /** Bytes of memory a table for positions below `size` takes. */
  static bytes(size: number): number {
    const bits = KeyRuns.bits(size);
    return ((2 << bits) + size + (1 << (bits - 4))) * 4;
  }
  /** The key's slot: where it is, or the empty slot where it would go. */
  private slot(key: number): number {
    let i = Math.imul(key, 0x9e3779b1) >>> this.shift;
    while (this.slots[2 * i + 1] !== -1 && this.slots[2 * i] !== key) i = (i + 1) & this.mask;
    return i;
  }
  private bit(key: number): number {
    return Math.imul(key ^ (key >>> 15), 0x85ebca6b) >>> this.presentShift;
  }
  /**
   * Fills the table: position i under keys[i] for every i whose key is not −1. The positions are taken
   * in the order of the slots their keys hash to (a counting sort by the slot's leading bits), so that
   * the slots and the runs are written a page at a time, where taking them in position order would
   * miss the cache and the TLB on nearly every key: first each key's slot is found and its positions
   * counted there, then the runs are laid out in slot order, then filled. `joined` hears of each
   * position in a run with the one before it.
   */
  fill(keys: Int32Array, joined?: (position: number, before: number) => void): void {
    const bucketBits = Math.min(12, 32 - this.shift);
    const toBucket = 32 - this.shift - bucketBits;
    const starts = new Int32Array((1 << bucketBits) + 1);
    for (let i = 0; i < keys.length; i++) {
      if (keys[i] !== -1) starts[((Math.imul(keys[i]!, 0x9e3779b1) >>> this.shift) >>> toBucket) + 1]! += 1;
    }
    for (let b = 1; b < starts.length; b++) starts[b]! += starts[b - 1]!;
    // Positions and their keys side by side in slot order, so that the passes below read both in sequence.
    const order = new Int32Array(starts[starts.length - 1]!);
    const ordered = new Int32Array(order.length);
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i]!;
      if (key === -1) continue;
      const at = starts[(Math.imul(key, 0x9e3779b1) >>> this.shift) >>> toBucket]!++;
      order[at] = i;
      ordered[at] = key;
    }
    // Each key in its slot, which counts its positions; `ordered` then keeps the slot instead of the key.
    for (let j = 0; j < order.length; j++) {
      const key = ordered[j]!;
      const i = this.slot(key);
      const count = this.slots[2 * i + 1]!;
      this.slots[2 * i] = key;
      this.slots[2 * i + 1] = count === -1 ? 1 : count + 1;
      ordered[j] = i;
      const bit = this.bit(key);
      this.present[bit >>> 5]! |= 1 << (bit & 31);
    }
    // A key with more than one position gets its run's start, as −2 − where the next of them goes.
    let end = 0;
    for (let i = 1; i < this.slots.length; i += 2) {
      const count = this.slots[i]!;
      if (count <= 1) continue;
      this.slots[i] = -2 - end;
      end += count;
    }
    for (let j = 0; j < order.length; j++) {
      const i = 2 * ordered[j]! + 1;
      const to = this.slots[i]!;
      if (to === 1) this.slots[i] = order[j]! * 2;
      else {
        this.runs[-2 - to] = order[j]!;
        this.slots[i] = to - 1;
      }
    }
    // Each run now ends where the next starts: the slots get their runs' starts, the runs their ends.
    let start = 0;
    for (let i = 1; i < this.slots.length; i += 2) {
      const to = this.slots[i]!;
      if (to > -2) continue;
      const runEnd = -2 - to;
      this.slots[i] = start * 2 + 1;
      if (joined) for (let at = start + 1; at < runEnd; at++) joined(this.runs[at]!, this.runs[at - 1]!);
      this.runs[runEnd - 1] = ~this.runs[runEnd - 1]!;
      start = runEnd;
    }
  }
  collect(key: number, into: number[]): void {
    if (key < 0) return;
    const bit = this.bit(key);
    if ((this.present[bit >>> 5]! & (1 << (bit & 31))) === 0) return;
    const link = this.slots[2 * this.slot(key) + 1]!;
    if (link === -1) return;
    if ((link & 1) === 0) {
      const position = link >>> 1;
      if (!into.includes(position)) into.push(position);
      return;
    }
    for (let at = link >>> 1; ; at++) {
      const entry = this.runs[at]!;
      const position = entry < 0 ? ~entry : entry;
      if (!into.includes(position)) into.push(position);
      if (entry < 0) return;
    }
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

/** Strings → small integers, 0 for the empty string. */
class Vocabulary {
  readonly words: string[] = [''];
  private readonly ids = new Map<string, number>([['', 0]]);
  add(word: string): number {
    let id = this.ids.get(word);
    if (id === undefined) {
      id = this.words.push(word) - 1;
      this.ids.set(word, id);
    }
    return id;
  }
  /** The word's id, or −1 when it is not in the vocabulary. */
  idOf(word: string): number {
    return this.ids.get(word) ?? -1;
  }
}

/** A five-digit ZIP as its number plus one (0 for none); other texts (foreign codes) get vocabulary ids above these. */
const otherZips = 100_001;
function zipNumber(zip: string): number {
  if (zip.length !== 5) return zip ? -1 : 0;
  let value = 0;
  for (let i = 0; i < 5; i++) {
    const digit = zip.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value + 1;
}

/** A 32-bit FNV-1a hash of a text: unequal hashes mean unequal texts, so most comparisons need no string. */
function textHash(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash;
}

/**
 * Per obligor, what scoring reads, as integers in one 64-byte record (one cache line), so that scoring a
 * candidate touches one record and small shared tables rather than objects all over the heap.
 */
const EXACT = 0; // the SSN key (−1: no SSN)
const MASKED = 1; // nine masked keys, at 1–9
const BIRTH = 10; // YYYYMMDD (0: none)
const ZIP = 11; // the ZIP: zipNumber, or otherZips + its id (0: none)
const LAST = 12; // the last name's id (0: none)
const FIRST = 13; // the first name's id (0: none)
const ADDRESS = 14; // the address line's textHash
const TEXT = 15; // in a SharedObligorIndex, where the id and address line are in its texts
const RECORD = 16;

/** A claimant in the index's terms, worked out once: key ids (−1: not in the index), ZIP and address hash; phonetic codes once asked for. */
class Probe<K> {
  private last: string | undefined;
  private first: string | undefined;
  constructor(
    readonly claimant: Prepared<ClaimantSsnKeys<K>>,
    readonly hasKeys: boolean,
    readonly exact: number,
    readonly masked: number[],
    readonly transposed: number[],
    /** The ZIP as the records have it (0: none; −1: one no obligor has) and the address line's textHash. */
    readonly zip: number,
    readonly addressHash: number,
  ) {}
  /** The names' phonetic codes: most claims' candidates are decided without them (see scoreAt). */
  get lastCode(): string {
    return (this.last ??= phoneticCode(this.claimant.lastName));
  }
  get firstCode(): string {
    return (this.first ??= phoneticCode(this.claimant.firstName));
  }
}

/** The index's key tables: the exact SSN, the nine masked forms, birth date and initial. */
const keyTables = 11;

/**
 * What finds and scores candidates, whoever holds the obligors: a record of integers per obligor
 * position, the key tables over them, and the vocabularies of names and foreign ZIP codes. Two kinds:
 * `ObligorIndex` over prepared obligors in memory, and `SharedObligorIndex`, which threads build
 * together in shared memory, each from its share of a file.
 */
export abstract class CandidateIndex<K> {
  protected exact!: KeyRuns;
  protected masked!: KeyRuns[];
  protected byBirth!: KeyRuns;
  /** Key → integer: numbers are their own (0 to 2³¹ − 1); other keys (blind-index strings) get ids. */
  private readonly keyIds = new Map<K, number>();
  protected names = new Vocabulary();
  protected codes: string[] = [''];
  protected zips = new Vocabulary();

  /**
   * @param neighbours one bit per position, set by `buildTable` when the obligor's SSN has a neighbour:
   *   another obligor's SSN one digit off from it (they share a masked key).
   */
  protected constructor(
    protected readonly records: Int32Array,
    private readonly numeric: boolean,
    private readonly neighbours: Int32Array,
  ) {}

  /** Where `touch` leaves what it read, so that the reads are not optimised away. */
  private touched = 0;

  /**
   * Reads the first word of each position's record, one after another, before the records are scored:
   * each read is a likely cache miss, and misses issued together overlap, where the scoring of one
   * candidate between them made them wait in turn (about 8% of the matching loop, measured A/B).
   */
  touch(positions: number[]): void {
    let sum = 0;
    for (const position of positions) sum |= this.records[position * RECORD]!;
    this.touched = sum;
  }

  /** The obligor id at a position. */
  abstract idAt(position: number): string;
  /** The obligor's normalised address line. */
  protected abstract addressOf(position: number): string;

  /** Fills the record at a position from a prepared obligor (names and foreign ZIPs as ids of this index's vocabularies). */
  protected writeRecord(position: number, o: Prepared<SsnKeys<K>>): void {
    const at = position * RECORD;
    this.records[at + EXACT] = -1;
    this.records.fill(-1, at + MASKED, at + MASKED + 9);
    if (o.keys) {
      this.records[at + EXACT] = this.addKey(o.keys.exact);
      for (let position = 0; position < 9; position++) this.records[at + MASKED + position] = this.addKey(o.keys.masked[position]!);
    }
    this.records[at + BIRTH] = o.birth;
    this.records[at + ZIP] = this.zipOf(o.zip, true);
    this.records[at + ADDRESS] = textHash(o.address);
    this.records[at + LAST] = this.addName(o.lastName);
    this.records[at + FIRST] = this.addName(o.firstName);
  }

  /** Table t over the first `size` records: record field t (the exact key, then the nine masked ones); the last, birth date and initial. */
  protected buildTable(t: number, table: KeyRuns, size: number): void {
    const keys = new Int32Array(size);
    for (let i = 0; i < size; i++) {
      const at = i * RECORD;
      if (t < 10) keys[i] = this.records[at + t]!;
      else {
        const [birth, lastName] = [this.records[at + BIRTH]!, this.names.words[this.records[at + LAST]!]!];
        keys[i] = birth && lastName ? birthKey(birth, lastName) : -1;
      }
    }
    if (t < MASKED || t >= MASKED + 9) return table.fill(keys);
    // Two obligors side by side in a masked key's run with different SSNs are one digit apart: in a run
    // with more than one SSN, each SSN's stretch of obligors meets another's, so each gets a marked obligor.
    table.fill(keys, (position, before) => {
      if (this.records[position * RECORD + EXACT] === this.records[before * RECORD + EXACT]) return;
      for (const p of [position, before]) Atomics.or(this.neighbours, p >>> 5, 1 << (p & 31));
    });
  }

  /** Bytes of memory the neighbour bits of `size` positions take. */
  static neighbourBytes(size: number): number {
    return 4 * Math.max(1, Math.ceil(size / 32));
  }

  /** Whether any of the first `count` positions found has an SSN with a neighbour one digit off. */
  private anyNeighbour(found: number[], count: number): boolean {
    for (let i = 0; i < count; i++) if ((this.neighbours[found[i]! >>> 5]! & (1 << (found[i]! & 31))) !== 0) return true;
    return false;
  }

  protected useTables(tables: KeyRuns[]): void {
    [this.exact, this.byBirth, this.masked] = [tables[0]!, tables[10]!, tables.slice(1, 10)];
  }

  private addKey(key: K): number {
    if (this.numeric) {
      if (typeof key !== 'number' || !Number.isInteger(key) || key < 0 || key > 0x7fffffff)
        throw new RangeError(`Key ${String(key)} is not an integer from 0 to 2^31 - 1.`);
      return key;
    }
    let id = this.keyIds.get(key);
    if (id === undefined) this.keyIds.set(key, (id = this.keyIds.size));
    return id;
  }

  private keyOf(key: K): number {
    return this.numeric ? (key as number) : (this.keyIds.get(key) ?? -1);
  }

  private addName(name: string): number {
    const id = this.names.add(name);
    if (id === this.codes.length) this.codes.push(phoneticCode(name));
    return id;
  }

  /** A ZIP as the records have it; a code that is not five digits is added to the vocabulary when `adds`, else −1 if no obligor has it. */
  private zipOf(zip: string, adds = false): number {
    const number = zipNumber(zip);
    if (number !== -1) return number;
    const id = adds ? this.zips.add(zip) : this.zips.idOf(zip);
    return id === -1 ? -1 : otherZips + id;
  }

  /** The claimant in the index's terms. */
  probe(claimant: Prepared<ClaimantSsnKeys<K>>): Probe<K> {
    const keys = claimant.keys;
    return new Probe(
      claimant,
      !!keys,
      keys ? this.keyOf(keys.exact) : -1,
      // Numeric keys are their own ids: the claimant's arrays serve as they are.
      !keys ? [] : this.numeric ? (keys.masked as number[]) : keys.masked.map((k) => this.keyOf(k)),
      !keys ? [] : this.numeric ? (keys.transposed as number[]) : keys.transposed.map((k) => this.keyOf(k)),
      this.zipOf(claimant.zip),
      textHash(claimant.address),
    );
  }

  /** Positions of obligors worth scoring against this claimant. */
  candidates(claimant: Prepared<ClaimantSsnKeys<K>>, probe = this.probe(claimant)): number[] {
    const found: number[] = [];
    if (probe.hasKeys) {
      this.exact.collect(probe.exact, found);
      const exact = found.length;
      for (const k of probe.transposed) this.exact.collect(k, found);
      // The masked keys find the obligors whose SSN is the claimant's or one digit off it. When the
      // claimant's is in the index and has no neighbour one digit off, they would find only its obligors
      // again: a quarter of the benchmark's claims, whose nine look-ups would each miss the cache.
      if (exact === 0 || this.anyNeighbour(found, exact)) {
        for (let position = 0; position < 9; position++) this.masked[position]!.collect(probe.masked[position]!, found);
      }
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

  private ssnAt(probe: Probe<K>, at: number): SsnAgreement {
    const exact = this.records[at + EXACT]!;
    if (!probe.hasKeys || exact === -1) return 'missing';
    if (exact === probe.exact) return 'exact';
    if (probe.transposed.includes(exact)) return 'transposed';
    for (let i = 0; i < 9; i++) if (this.records[at + MASKED + i] === probe.masked[i]) return 'one_digit';
    return 'different';
  }

  /** Compares ids and hashes from the record; the address lines themselves only when their hashes agree. */
  private addressAt(probe: Probe<K>, position: number, at: number): AddressAgreement {
    const zip = this.records[at + ZIP]!;
    if (!probe.zip || !zip) return 'missing';
    if (zip !== probe.zip) return 'different';
    const address = probe.claimant.address;
    if (!address || this.records[at + ADDRESS] !== probe.addressHash) return 'same_zip';
    return address === this.addressOf(position) ? 'same' : 'same_zip';
  }

  /** How the claimant's name and the name with this id agree when that is cheap to find: missing, or exact; else null. */
  private plainNameAt(id: number, name: string): 'missing' | 'exact' | null {
    if (!name || !id) return 'missing';
    return namesExact(name, this.names.words[id]!) ? 'exact' : null;
  }

  /** How they agree when they are both given and not exact. */
  private inexactNameAt(id: number, name: string, code: string, policy: MatchPolicy, nicknames?: NicknameIndex): NameAgreement {
    return compareInexactNames(name, code, this.names.words[id]!, this.codes[id]!, policy, nicknames);
  }

  /**
   * The candidate at a position scored, with its evidence, from its record: what `scorePair` gives for
   * the claimant and the obligor there (`agreementsOf`, field by field, on what the record holds).
   */
  scoredAt(probe: Probe<K>, position: number, policy: MatchPolicy, nicknames: NicknameIndex): Scored {
    const at = position * RECORD;
    const [lastId, firstId] = [this.records[at + LAST]!, this.records[at + FIRST]!];
    const { lastName, firstName } = probe.claimant;
    const agreements = [
      this.ssnAt(probe, at),
      this.plainNameAt(lastId, lastName) ?? this.inexactNameAt(lastId, lastName, probe.lastCode, policy),
      this.plainNameAt(firstId, firstName) ?? this.inexactNameAt(firstId, firstName, probe.firstCode, policy, nicknames),
      compareBirths(probe.claimant.birth, this.records[at + BIRTH]!),
      this.addressAt(probe, position, at),
    ];
    return scored(this.idAt(position), agreements, policy);
  }

  /**
   * The pair's total weight if it reaches `floor`, else NaN — without comparing the names when even
   * their best agreement could not lift the pair to the floor: the cheap fields first; then whether each
   * name is missing or exact; a name that is neither is compared further (nickname, phonetic code,
   * Jaro-Winkler) only while its best inexact level could still lift the pair to the floor, the last
   * name, then the first. The same total as `scorePair` for every pair at or above the floor.
   */
  scoreAt(probe: Probe<K>, position: number, policy: MatchPolicy, nicknames: NicknameIndex, weights: Weights, floor: number): number {
    const at = position * RECORD;
    // Weights are hundredths, so a sum 0.01 under the floor cannot round up to it.
    const reach = floor - 0.01;
    let sum =
      weights.ssn.of(this.ssnAt(probe, at)) +
      weights.dateOfBirth.of(compareBirths(probe.claimant.birth, this.records[at + BIRTH]!)) +
      weights.address.of(this.addressAt(probe, position, at));
    if (sum + weights.lastName.best + weights.firstName.best < reach) return NaN;
    const [lastId, firstId] = [this.records[at + LAST]!, this.records[at + FIRST]!];
    const { lastName, firstName } = probe.claimant;
    const last = this.plainNameAt(lastId, lastName);
    const first = this.plainNameAt(firstId, firstName);
    const firstHigh = first ? weights.firstName.of(first) : weights.firstInexact;
    if (sum + (last ? weights.lastName.of(last) : weights.lastInexact) + firstHigh < reach) return NaN;
    sum += weights.lastName.of(last ?? this.inexactNameAt(lastId, lastName, probe.lastCode, policy));
    if (sum + firstHigh < reach) return NaN;
    sum += weights.firstName.of(first ?? this.inexactNameAt(firstId, firstName, probe.firstCode, policy, nicknames));
    const total = rounded(sum);
    return total >= floor ? total : NaN;
  }
}

/** An index over prepared obligors held in memory (the database's matchable obligors; tests). */
export class ObligorIndex<K, P extends Prepared<SsnKeys<K>> = Prepared<SsnKeys<K>>> extends CandidateIndex<K> {
  constructor(readonly obligors: P[]) {
    super(
      new Int32Array(obligors.length * RECORD),
      typeof obligors.find((o) => o.keys)?.keys?.exact === 'number',
      new Int32Array(CandidateIndex.neighbourBytes(obligors.length) / 4),
    );
    obligors.forEach((o, i) => this.writeRecord(i, o));
    const tables = Array.from({ length: keyTables }, () => new KeyRuns(obligors.length));
    tables.forEach((table, t) => this.buildTable(t, table, obligors.length));
    this.useTables(tables);
  }
  idAt(position: number): string {
    return this.obligors[position]!.id;
  }
  protected addressOf(position: number): string {
    return this.obligors[position]!.address;
  }
}

/**
 * Memory for a `SharedObligorIndex` of at most `size` positions, which its threads build together:
 * the records, the obligors' ids and address lines (`textBytes`: at least the obligors file's size), the
 * key tables, the neighbour bits (see CandidateIndex), and [threads done reading, 1 once one has failed,
 * threads done with their tables].
 */
export interface SharedIndexMemory {
  size: number;
  records: SharedArrayBuffer;
  texts: SharedArrayBuffer;
  tables: SharedArrayBuffer[];
  neighbours: SharedArrayBuffer;
  state: Int32Array;
}

export function sharedIndexMemory(size: number, textBytes: number): SharedIndexMemory {
  return {
    size,
    records: new SharedArrayBuffer(size * RECORD * 4),
    texts: new SharedArrayBuffer(Math.max(1, textBytes)),
    tables: Array.from({ length: keyTables }, () => new SharedArrayBuffer(KeyRuns.bytes(size))),
    neighbours: new SharedArrayBuffer(CandidateIndex.neighbourBytes(size)),
    state: new Int32Array(new SharedArrayBuffer(12)),
  };
}

/** Tells the other threads that this one has failed, so that none waits for it. */
export function abandonSharing(state: Int32Array): void {
  Atomics.store(state, 1, 1);
  Atomics.notify(state, 0);
  Atomics.notify(state, 2);
}

/** Waits (in a worker thread) until every one of `parts` threads has reached this point (counted at `slot`), or one has failed. */
function barrier(state: Int32Array, slot: number, parts: number): void {
  Atomics.add(state, slot, 1);
  Atomics.notify(state, slot);
  for (;;) {
    // Arrivals first: a thread that passed this point and failed later (on a claim, say) has not failed here.
    const arrived = Atomics.load(state, slot);
    if (arrived >= parts) return;
    if (Atomics.load(state, 1) !== 0) throw new Error('Another thread building the index failed.');
    Atomics.wait(state, slot, arrived, 1_000);
  }
}

/** The words a thread met in its share of the obligors, in the order it met them, and its count of obligors. */
export interface PartVocabulary {
  names: string[];
  codes: string[];
  zips: string[];
  obligors: number;
}

/**
 * An index over numeric SSN keys that `parts` threads build together in shared memory, each from its
 * own share of the obligors — positions `from` to `to` (exclusive), whose ids and address lines it
 * writes in the texts from byte `textFrom` on (a share's texts take no more bytes than its lines). Each
 * thread `add`s its obligors, hands `vocabulary()` to the others, and calls `complete` with every
 * thread's, in order: each then holds the same vocabularies, and they build the key tables, a share each.
 */
export class SharedObligorIndex extends CandidateIndex<number> {
  private readonly texts: Uint8Array;
  private textAt: number;
  private count = 0;
  private readonly encoder = new TextEncoder();
  private readonly decoder = new TextDecoder();

  constructor(
    private readonly memory: SharedIndexMemory,
    private readonly share: { part: number; parts: number; from: number; to: number; textFrom: number; textTo: number },
  ) {
    super(new Int32Array(memory.records), true, new Int32Array(memory.neighbours));
    this.texts = new Uint8Array(memory.texts);
    this.textAt = share.textFrom;
    // Positions of the share that no obligor fills (blank lines) have no keys and never come up.
    for (let position = share.from; position < share.to; position++) {
      const at = position * RECORD;
      this.records.fill(-1, at + EXACT, at + MASKED + 9);
      this.records.fill(0, at + BIRTH, at + RECORD);
    }
  }

  /** Adds the obligor at a position of this thread's share. */
  add(position: number, o: Prepared<SsnKeys<number>>): void {
    if (position < this.share.from || position >= this.share.to) throw new RangeError(`Position ${position} is outside this thread's share.`);
    this.writeRecord(position, o);
    const at = this.textAt;
    const view = this.texts.subarray(at + 4, this.share.textTo);
    const id = this.encoder.encodeInto(o.id, view);
    const address = this.encoder.encodeInto(o.address, view.subarray(id.written));
    if (id.read !== o.id.length || address.read !== o.address.length) throw new RangeError('The obligors’ texts outgrew their share of memory.');
    if (id.written > 0xffff || address.written > 0xffff) throw new RangeError(`Obligor ${o.id}: an id or address line over 65,535 bytes.`);
    this.texts[at] = id.written >>> 8;
    this.texts[at + 1] = id.written & 0xff;
    this.texts[at + 2] = address.written >>> 8;
    this.texts[at + 3] = address.written & 0xff;
    this.records[position * RECORD + TEXT] = at;
    this.textAt = at + 4 + id.written + address.written;
    this.count += 1;
  }

  vocabulary(): PartVocabulary {
    return { names: this.names.words, codes: this.codes, zips: this.zips.words, obligors: this.count };
  }

  /** Takes every thread's vocabulary (in thread order), renumbers this share's names and ZIPs, and builds the key tables with the others. */
  complete(all: PartVocabulary[]): number {
    const [names, zips] = [new Vocabulary(), new Vocabulary()];
    const codes = [''];
    for (const part of all) {
      part.names.forEach((word, i) => names.add(word) === codes.length && codes.push(part.codes[i]!));
      part.zips.forEach((word) => zips.add(word));
    }
    const nameIds = this.names.words.map((word) => names.idOf(word));
    const zipIds = this.zips.words.map((word) => zips.idOf(word));
    for (let position = this.share.from; position < this.share.to; position++) {
      const at = position * RECORD;
      this.records[at + LAST] = nameIds[this.records[at + LAST]!]!;
      this.records[at + FIRST] = nameIds[this.records[at + FIRST]!]!;
      if (this.records[at + ZIP]! >= otherZips) this.records[at + ZIP] = otherZips + zipIds[this.records[at + ZIP]! - otherZips]!;
    }
    [this.names, this.codes, this.zips] = [names, codes, zips];
    const { part, parts } = this.share;
    const { size, tables: memory, state } = this.memory;
    barrier(state, 0, parts);
    const tables = Array.from({ length: keyTables }, (_, t) => new KeyRuns(size, memory[t], t % parts === part));
    tables.forEach((table, t) => t % parts === part && this.buildTable(t, table, size));
    barrier(state, 2, parts);
    this.useTables(tables);
    return all.reduce((sum, p) => sum + p.obligors, 0);
  }

  /** The id (`field` 0) or the address line (1) at a position, decoded alone: each is asked for on its own. */
  private text(position: number, field: 0 | 1): string {
    const at = this.records[position * RECORD + TEXT]!;
    const idBytes = (this.texts[at]! << 8) | this.texts[at + 1]!;
    const from = at + 4 + (field === 0 ? 0 : idBytes);
    const bytes = field === 0 ? idBytes : (this.texts[at + 2]! << 8) | this.texts[at + 3]!;
    return this.decoder.decode(this.texts.subarray(from, from + bytes));
  }
  idAt(position: number): string {
    return this.text(position, 0);
  }
  protected addressOf(position: number): string {
    return this.text(position, 1);
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

/** Candidates rank by score, then by obligor id: the same two come first whatever order they were found in. */
function ahead<K>(index: CandidateIndex<K>, position: number, score: number, other: number, otherScore: number): boolean {
  return other === -1 || score > otherScore || (score === otherScore && index.idAt(position) < index.idAt(other));
}

/**
 * The claimant's outcome against the index. Only candidates at or above the review threshold can be
 * the best or the runner-up (one below it changes no outcome), so the others are dropped as soon as
 * they cannot reach it; the evidence is written out for the best two alone.
 */
export function matchClaimant<K>(index: CandidateIndex<K>, claimant: Prepared<ClaimantSsnKeys<K>>, policy: MatchPolicy, nicknames: NicknameIndex): MatchResult {
  const probe = index.probe(claimant);
  const positions = index.candidates(claimant, probe);
  const weights = weightsOf(policy);
  index.touch(positions);
  let [best, runnerUp] = [-1, -1];
  let [bestScore, runnerUpScore] = [0, 0];
  for (const position of positions) {
    const score = index.scoreAt(probe, position, policy, nicknames, weights, policy.reviewThreshold);
    if (Number.isNaN(score)) continue;
    if (ahead(index, position, score, best, bestScore)) {
      [runnerUp, runnerUpScore] = [best, bestScore];
      [best, bestScore] = [position, score];
    } else if (ahead(index, position, score, runnerUp, runnerUpScore)) [runnerUp, runnerUpScore] = [position, score];
  }
  const bestScored = best === -1 ? null : index.scoredAt(probe, best, policy, nicknames);
  const runnerUpScored = runnerUp === -1 ? null : index.scoredAt(probe, runnerUp, policy, nicknames);
  return {
    claimantId: claimant.id,
    outcome: decide(bestScored, runnerUpScored, policy),
    best: bestScored,
    runnerUp: runnerUpScored,
    candidateCount: positions.length,
  };
}
