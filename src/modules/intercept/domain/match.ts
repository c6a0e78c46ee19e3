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
import { compareCodedNames, compareNames, normalizeAddress, normalizeName, phoneticCode, type NameAgreement, type NicknameIndex } from './names';
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
 * level's place with `indexOf` on five constant strings: a keyed look-up by level name on a plain object
 * is megamorphic and was half the cost of scoring.
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
    return this.weights[this.levels.indexOf(agreement)] ?? 0;
  }
}

interface Weights {
  ssn: FieldWeights;
  lastName: FieldWeights;
  firstName: FieldWeights;
  dateOfBirth: FieldWeights;
  address: FieldWeights;
}

/** The weights of a policy, made once per policy. */
const weightTables = new WeakMap<MatchPolicy, Weights>();
function weightsOf(policy: MatchPolicy): Weights {
  let table = weightTables.get(policy);
  if (!table) {
    const of = (field: Field) => new FieldWeights(levelsOf[field], policy[field]);
    table = { ssn: of('ssn'), lastName: of('lastName'), firstName: of('firstName'), dateOfBirth: of('dateOfBirth'), address: of('address') };
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
  const weights = weightsOf(policy);
  const agreements = agreementsOf(claimant, obligor, policy, nicknames);
  const evidence = fields.map((field, i): Evidence => ({ field, agreement: agreements[i]!, weight: weights[field].of(agreements[i]!) }));
  return { obligorId: obligor.id, score: rounded(evidence.reduce((sum, e) => sum + e.weight, 0)), evidence };
}

/**
 * Keys → obligor positions for integer keys from 0 to 2³¹ − 1: an open-addressing table in typed arrays
 * (Fibonacci hashing, linear probing, at most half full); each key heads a chain of positions through
 * `next`. A million obligors' eleven key sets are built in about a second and leave nothing for the
 * garbage collector, where Maps of a million entries do not.
 */
class IntChains {
  /**
   * Slot i holds its key at 2i and the head of its chain at 2i + 1 (−1: empty), so a look-up reads one
   * place. Heads and links are position × 2 + 1 when more positions follow in `next`, position × 2 when
   * not: most keys belong to one obligor, and their look-up never reads `next`.
   */
  private readonly slots: Int32Array;
  private readonly next: Int32Array;
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
    const bits = IntChains.bits(size);
    const buffer = memory ?? new ArrayBuffer(IntChains.bytes(size));
    this.slots = new Int32Array(buffer, 0, 2 << bits);
    this.next = new Int32Array(buffer, (2 << bits) * 4, size);
    this.present = new Int32Array(buffer, ((2 << bits) + size) * 4, 1 << (bits - 4));
    if (builds) {
      this.slots.fill(-1);
      this.next.fill(-1);
    }
    this.shift = 32 - bits;
    this.mask = (1 << bits) - 1;
    this.presentShift = 32 - (bits + 1);
  }
  private static bits(size: number): number {
    return Math.max(5, Math.ceil(Math.log2(size * 2 + 1)));
  }
  /** Bytes of memory a table for positions below `size` takes. */
  static bytes(size: number): number {
    const bits = IntChains.bits(size);
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
  add(key: number, position: number): void {
    const i = this.slot(key);
    const head = this.slots[2 * i + 1]!;
    this.next[position] = head;
    this.slots[2 * i] = key;
    this.slots[2 * i + 1] = position * 2 + (head === -1 ? 0 : 1);
    const bit = this.bit(key);
    this.present[bit >>> 5]! |= 1 << (bit & 31);
  }
  /**
   * Adds position i under keys[i] for every i whose key is not −1, in the order of the slots the keys
   * hash to (a counting sort by the slot's leading bits): the table is then written a page at a time,
   * where adding in position order would miss the cache and the TLB on nearly every key. The chains
   * come out as `add` in position order would make them.
   */
  addAll(keys: Int32Array): void {
    const bucketBits = Math.min(12, 32 - this.shift);
    const toBucket = 32 - this.shift - bucketBits;
    const starts = new Int32Array((1 << bucketBits) + 1);
    for (let i = 0; i < keys.length; i++) {
      if (keys[i] !== -1) starts[((Math.imul(keys[i]!, 0x9e3779b1) >>> this.shift) >>> toBucket) + 1]! += 1;
    }
    for (let b = 1; b < starts.length; b++) starts[b]! += starts[b - 1]!;
    const order = new Int32Array(starts[starts.length - 1]!);
    for (let i = 0; i < keys.length; i++) {
      if (keys[i] !== -1) order[starts[(Math.imul(keys[i]!, 0x9e3779b1) >>> this.shift) >>> toBucket]!++] = i;
    }
    for (const i of order) this.add(keys[i]!, i);
  }
  collect(key: number, into: number[]): void {
    if (key < 0) return;
    const bit = this.bit(key);
    if ((this.present[bit >>> 5]! & (1 << (bit & 31))) === 0) return;
    for (let link = this.slots[2 * this.slot(key) + 1]!; link !== -1;) {
      const p = link >>> 1;
      if (!into.includes(p)) into.push(p);
      link = link & 1 ? this.next[p]! : -1;
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
const RECORD = 16;

/** A claimant in the index's terms: key ids (−1: not in the index) and phonetic codes, worked out once. */
interface Probe<K> {
  claimant: Prepared<ClaimantSsnKeys<K>>;
  hasKeys: boolean;
  exact: number;
  masked: number[];
  transposed: number[];
  lastCode: string;
  firstCode: string;
  /** The ZIP as the records have it (0: none; −1: one no obligor has) and the address line's textHash. */
  zip: number;
  addressHash: number;
}

/** The index's key tables: the exact SSN, the nine masked forms, birth date and initial. */
const keyTables = 11;

/**
 * How threads that each index the same obligors build the key tables once, together: table t is built
 * by part t mod parts, in shared memory, and every part waits until all are built. Each part still makes
 * its own records and vocabularies (the same, since it reads the same obligors in the same order).
 */
export interface TableSharing {
  /** The positions the tables are made for: at least the number of obligors. */
  size: number;
  /** One buffer per key table, of `IntChains.bytes(size)`: from `sharedKeyTables`. */
  tables: SharedArrayBuffer[];
  /** [parts that have built their tables, 1 once any part has failed], shared. */
  state: Int32Array;
  part: number;
  parts: number;
}

/** Shared memory for the key tables of an index of at most `size` obligors (see `TableSharing`). */
export function sharedKeyTables(size: number): Pick<TableSharing, 'size' | 'tables' | 'state'> {
  return {
    size,
    tables: Array.from({ length: keyTables }, () => new SharedArrayBuffer(IntChains.bytes(size))),
    state: new Int32Array(new SharedArrayBuffer(8)),
  };
}

/** Tells the other parts that this one has failed, so that none waits for it. */
export function abandonSharing(state: Int32Array): void {
  Atomics.store(state, 1, 1);
  Atomics.notify(state, 0);
}

/** Waits (in a worker thread) until every part has built its tables, or one has failed. */
function awaitTables({ state, parts }: TableSharing): void {
  Atomics.add(state, 0, 1);
  Atomics.notify(state, 0);
  for (;;) {
    if (Atomics.load(state, 1) !== 0) throw new Error('Another thread building the index failed.');
    const built = Atomics.load(state, 0);
    if (built >= parts) return;
    Atomics.wait(state, 0, built, 1_000);
  }
}

export class ObligorIndex<K, P extends Prepared<SsnKeys<K>> = Prepared<SsnKeys<K>>> {
  private readonly records: Int32Array;
  private readonly exact: IntChains;
  private readonly masked: IntChains[];
  private readonly byBirth: IntChains;
  /** Key → integer: numbers are their own (0 to 2³¹ − 1); other keys (blind-index strings) get ids. */
  private readonly keyIds = new Map<K, number>();
  private readonly numeric: boolean;
  private readonly names = new Vocabulary();
  private readonly codes: string[] = [''];
  private readonly zips = new Vocabulary();

  constructor(
    readonly obligors: P[],
    sharing?: TableSharing,
  ) {
    const n = obligors.length;
    const size = sharing?.size ?? n;
    if (n > size) throw new RangeError(`${n} obligors, but the shared tables were made for ${size}.`);
    this.numeric = typeof obligors.find((o) => o.keys)?.keys?.exact === 'number';
    this.records = new Int32Array(n * RECORD);
    const builds = Array.from({ length: keyTables }, (_, t) => !sharing || t % sharing.parts === sharing.part);
    const tables = Array.from({ length: keyTables }, (_, t) => new IntChains(size, sharing?.tables[t], builds[t]));
    [this.exact, this.byBirth, this.masked] = [tables[0]!, tables[10]!, tables.slice(1, 10)];
    const birthKeys = new Int32Array(n).fill(-1);
    obligors.forEach((o, i) => {
      const at = i * RECORD;
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
      if (o.birth && o.lastName) birthKeys[i] = birthKey(o.birth, o.lastName);
    });
    // Table t holds record field t (the exact key, then the nine masked ones); the last, birth keys.
    const keys = new Int32Array(n);
    for (let t = 0; t < keyTables; t++) {
      if (!builds[t]) continue;
      if (t === 10) tables[t]!.addAll(birthKeys);
      else {
        for (let i = 0; i < n; i++) keys[i] = this.records[i * RECORD + t]!;
        tables[t]!.addAll(keys);
      }
    }
    if (sharing) awaitTables(sharing);
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
    return {
      claimant,
      hasKeys: !!keys,
      exact: keys ? this.keyOf(keys.exact) : -1,
      // Numeric keys are their own ids: the claimant's arrays serve as they are.
      masked: !keys ? [] : this.numeric ? (keys.masked as number[]) : keys.masked.map((k) => this.keyOf(k)),
      transposed: !keys ? [] : this.numeric ? (keys.transposed as number[]) : keys.transposed.map((k) => this.keyOf(k)),
      lastCode: phoneticCode(claimant.lastName),
      firstCode: phoneticCode(claimant.firstName),
      zip: this.zipOf(claimant.zip),
      addressHash: textHash(claimant.address),
    };
  }

  /** Positions of obligors worth scoring against this claimant. */
  candidates(claimant: Prepared<ClaimantSsnKeys<K>>, probe = this.probe(claimant)): number[] {
    const found: number[] = [];
    if (probe.hasKeys) {
      this.exact.collect(probe.exact, found);
      for (const k of probe.transposed) this.exact.collect(k, found);
      for (let position = 0; position < 9; position++) this.masked[position]!.collect(probe.masked[position]!, found);
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
    return address === this.obligors[position]!.address ? 'same' : 'same_zip';
  }

  private nameAt(id: number, name: string, code: string, policy: MatchPolicy, nicknames?: NicknameIndex): NameAgreement {
    if (!name || !id) return 'missing';
    return compareCodedNames(name, code, this.names.words[id]!, this.codes[id]!, policy, nicknames);
  }

  /**
   * The pair's total weight if it reaches `floor`, else NaN — without comparing the names when even
   * their best agreement could not lift the pair to the floor (cheap fields first, then the last name,
   * then the first). The same total as `scorePair` for every pair at or above the floor.
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
    sum += weights.lastName.of(this.nameAt(this.records[at + LAST]!, probe.claimant.lastName, probe.lastCode, policy));
    if (sum + weights.firstName.best < reach) return NaN;
    sum += weights.firstName.of(this.nameAt(this.records[at + FIRST]!, probe.claimant.firstName, probe.firstCode, policy, nicknames));
    const total = rounded(sum);
    return total >= floor ? total : NaN;
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
function ahead<K>(index: ObligorIndex<K>, position: number, score: number, other: number, otherScore: number): boolean {
  return other === -1 || score > otherScore || (score === otherScore && index.obligors[position]!.id < index.obligors[other]!.id);
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
  const probe = index.probe(claimant);
  const positions = index.candidates(claimant, probe);
  const weights = weightsOf(policy);
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
  const bestScored = best === -1 ? null : scorePair(claimant, index.obligors[best]!, policy, nicknames);
  const runnerUpScored = runnerUp === -1 ? null : scorePair(claimant, index.obligors[runnerUp]!, policy, nicknames);
  return {
    claimantId: claimant.id,
    outcome: decide(bestScored, runnerUpScored, policy),
    best: bestScored,
    runnerUp: runnerUpScored,
    candidateCount: positions.length,
  };
}
