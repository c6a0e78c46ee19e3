/**
 * Finding candidates (pure): the obligors a claimant could be, by several independent blocking rules,
 * so that no one corrupted field hides a pair (`blockingRules`) — SSN keys (exact, transposed, one digit
 * off); birth date with either name's initial (both orders, and day and month swapped); birth year,
 * month-and-day, or ZIP with the last name's phonetic code and the first name's initial (both orders) —
 * held in typed arrays so that a million obligors fit in little memory and a look-up reads one run of
 * positions; each candidate is scored field by field only as far as it can still reach the review threshold.
 */
import { compareInexactNames, namesExact, phoneticCode, type NameAgreement, type NicknameIndex } from './names';
import {
  compareBirths,
  maySwap,
  rounded,
  scored,
  termFrequencyAdjustment,
  type AddressAgreement,
  type MatchPolicy,
  type NameShares,
  type Prepared,
  type Scored,
  type Weights,
} from './scoring';
import { KeyRuns } from './key-runs';
import { digitsApart, digitsOff, type ClaimantSsnKeys, type SsnAgreement, type SsnKeys } from './ssn';

/**
 * Birth date (YYYYMMDD) and last-name initial as one integer below 2³¹ (a fast key): YYYYMMDD × 32 +
 * letter, the year taken modulo 5000 (a year past 4999 only shares keys, and keys only find candidates).
 */
export function birthKey(birth: number, lastName: string): number {
  return (birth % 50_000_000) * 32 + (lastName.charCodeAt(0) - 64);
}

/**
 * A phonetic code with a number (a birth date, year, month and day, a ZIP) and another text (an
 * initial, another code) as one non-negative integer: a hash, so unequal things may share a
 * key, which only adds a candidate to score. −1 (no key) when the code, the initial or the number is missing.
 */
export function namesKey(number: number, code: string, other: string): number {
  if (!code || !other || !number) return -1;
  return mixedKey(number, textHash(code), textHash(other));
}

/** Three integers as one non-negative integer (a hash: unequal things may share a key). */
function mixedKey(a: number, b: number, c: number): number {
  // Mixed as MurmurHash3 finalises, after each part: XOR-ing the parts alone lets unrelated ones cancel out.
  let hash = Math.imul(b ^ a, 0x85ebca6b);
  hash = Math.imul(hash ^ (hash >>> 13) ^ c, 0xc2b2ae35);
  return (hash ^ (hash >>> 16)) & 0x7fffffff;
}

/** The textHash of an empty address line (an obligor without one has no address key). */
const noAddress = textHash('');

/**
 * An address line (its textHash) with a number — the ZIP, or a name's initial — as one key; −1 (no
 * key) when either is missing.
 */
export function addressKey(addressHash: number, number: number): number {
  return addressHash === noAddress || number <= 0 ? -1 : mixedKey(number, addressHash, 0x2545f491);
}

/** The blocking rules: the tables after the SSN keys' ten, in order, each a key made from an obligor's record. */
export const blockingRules = [
  'birth date (or with day and month swapped) and the last name’s initial',
  'birth date and the first name’s phonetic code',
  'birth year and both names’ phonetic codes, either way round',
  'birth month and day and both names’ phonetic codes',
  'ZIP, the last name’s phonetic code and the first initial, either way round',
  'ZIP and address line (a household, whatever the names)',
  'address line and the last name’s initial, either way round (a ZIP mistyped or changed)',
  'SSN digits 1–3, the last name’s phonetic code and the first initial, either way round',
  'SSN digits 4–6, the last name’s phonetic code and the first initial, either way round',
  'SSN digits 7–9, the last name’s phonetic code and the first initial, either way round',
] as const;

/** The blocking rules keyed on a third of the SSN (two digits off leave one third whole). */
const ssnThirds = blockingRules.length - 3;

/**
 * A third of an SSN held as a number (0: digits 1–3) with a name's phonetic code and the other's
 * initial as one key; −1 for none.
 */
export function ssnThirdKey(ssn: number, third: number, code: string, initial: string): number {
  const digits = Math.floor(ssn / 1000 ** (2 - third)) % 1000;
  return namesKey(1 + third * 1000 + digits, code, initial);
}

/** YYYYMMDD with the day and the month the other way round. */
export const swappedBirth = (birth: number) => Math.floor(birth / 10_000) * 10_000 + (birth % 100) * 100 + (Math.floor(birth / 100) % 100);

/** Strings → small integers, 0 for the empty string. */
export class Vocabulary {
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

/** [Policy] Names are weighed by how common they are only among at least this many obligors with one. */
export const termFrequencyMinimum = 1_000;

/** Per name id, the term-frequency adjustment of an exact last name and of an exact first name. */
export interface NameTables {
  last: Float64Array;
  first: Float64Array;
}

/** A five-digit ZIP as its number plus one (0 for none); other texts (foreign codes) get vocabulary ids above these. */
export const otherZips = 100_001;
export function zipNumber(zip: string): number {
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
export function textHash(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash;
}

/**
 * Per obligor, what scoring reads, as integers in one 64-byte record (one cache line), so that scoring a
 * candidate touches one record and small shared tables rather than objects all over the heap.
 */
export const EXACT = 0; // the SSN key (−1: no SSN)
export const MASKED = 1; // nine masked keys, at 1–9
export const BIRTH = 10; // YYYYMMDD (0: none)
export const ZIP = 11; // the ZIP: zipNumber, or otherZips + its id (0: none)
export const LAST = 12; // the last name's id (0: none)
export const FIRST = 13; // the first name's id (0: none)
export const ADDRESS = 14; // the address line's textHash
export const TEXT = 15; // in a SharedObligorIndex, where the id and address line are in its texts
export const RECORD = 16;

/** A claimant in the index's terms, worked out once: key ids (−1: not in the index), ZIP and address hash; phonetic codes once asked for. */
export class Probe<K> {
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
    /** A name's phonetic code: the index's, for a name an obligor has (most), else worked out. */
    private readonly codeOf: (name: string) => string,
  ) {}
  /** The names' phonetic codes, once asked for. */
  get lastCode(): string {
    return (this.last ??= this.codeOf(this.claimant.lastName));
  }
  get firstCode(): string {
    return (this.first ??= this.codeOf(this.claimant.firstName));
  }
}

/** The index's key tables: the exact SSN, the nine masked forms, then one per blocking rule. */
export const keyTables = 10 + blockingRules.length;

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
  protected byFirstBirth!: KeyRuns;
  protected byYear!: KeyRuns;
  protected byDay!: KeyRuns;
  protected byZip!: KeyRuns;
  protected byHousehold!: KeyRuns;
  protected byLine!: KeyRuns;
  protected bySsnThird!: KeyRuns[];
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
  touch(positions: number[], from = 0): void {
    let sum = 0;
    for (let i = from; i < positions.length; i++) sum |= this.records[positions[i]! * RECORD]!;
    this.touched = sum;
  }

  /** The obligor id at a position. */
  abstract idAt(position: number): string;
  /** How many positions the index has (some may be blank: see `isBlank`). */
  abstract get size(): number;

  /** A position no obligor fills, or one with nothing to compare (no SSN, birth date or name). */
  isBlank(position: number): boolean {
    const at = position * RECORD;
    return this.records[at + EXACT] === -1 && !this.records[at + BIRTH] && !this.records[at + LAST] && !this.records[at + FIRST];
  }
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

  /** Table t over the first `size` records: record field t (the exact key, then the nine masked ones); then the blocking rules' keys. */
  protected buildTable(t: number, table: KeyRuns, size: number): void {
    const keys = new Int32Array(size);
    for (let i = 0; i < size; i++) keys[i] = t < 10 ? this.records[i * RECORD + t]! : this.ruleKey(t - 10, i * RECORD);
    if (t < MASKED || t >= MASKED + 9) return table.fill(keys);
    // Two obligors side by side in a masked key's run with different SSNs are one digit apart: in a run
    // with more than one SSN, each SSN's stretch of obligors meets another's, so each gets a marked obligor.
    table.fill(keys, (position, before) => {
      if (this.records[position * RECORD + EXACT] === this.records[before * RECORD + EXACT]) return;
      for (const p of [position, before]) Atomics.or(this.neighbours, p >>> 5, 1 << (p & 31));
    });
  }

  /** An obligor's key under blocking rule `rule` (see `blockingRules`), from its record at `at`; −1 for none. */
  private ruleKey(rule: number, at: number): number {
    const birth = this.records[at + BIRTH]!;
    const [lastId, firstId] = [this.records[at + LAST]!, this.records[at + FIRST]!];
    const [lastCode, firstName] = [this.codes[lastId]!, this.names.words[firstId]!];
    switch (rule) {
      case 0:
        return birth && lastId ? birthKey(birth, this.names.words[lastId]!) : -1;
      case 1:
        return namesKey(birth, this.codes[firstId]!, ' ');
      case 2:
        return namesKey(Math.floor(birth / 10_000), lastCode, this.codes[firstId]!);
      case 3:
        return namesKey(birth % 10_000, lastCode, this.codes[firstId]!);
      case 4:
        return namesKey(Math.max(0, this.records[at + ZIP]!), lastCode, firstName.slice(0, 1));
      case 5:
        return addressKey(this.records[at + ADDRESS]!, this.records[at + ZIP]!);
      case 6:
        return lastId ? addressKey(this.records[at + ADDRESS]!, this.names.words[lastId]!.charCodeAt(0)) : -1;
      default: {
        // Only where keys are the SSNs as numbers: a blind index hides the digits.
        const ssn = this.records[at + EXACT]!;
        return this.numeric && ssn !== -1 ? ssnThirdKey(ssn, rule - ssnThirds, lastCode, firstName.slice(0, 1)) : -1;
      }
    }
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
    [this.exact, this.masked] = [tables[0]!, tables.slice(1, 10)];
    [this.byBirth, this.byFirstBirth, this.byYear, this.byDay, this.byZip, this.byHousehold, this.byLine] = tables.slice(10, 10 + ssnThirds) as [
      KeyRuns,
      KeyRuns,
      KeyRuns,
      KeyRuns,
      KeyRuns,
      KeyRuns,
      KeyRuns,
    ];
    this.bySsnThird = tables.slice(10 + ssnThirds);
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
      this.codeOf,
    );
  }

  /** A name's phonetic code from the vocabulary when an obligor has the name (a look-up), else Double Metaphone's. */
  private readonly codeOf = (name: string): string => {
    const id = this.names.idOf(name);
    return id === -1 ? phoneticCode(name) : this.codes[id]!;
  };

  /**
   * Positions of obligors worth scoring against this claimant: under the first rules (SSN keys; birth
   * date and last initial), the further ones (the names' phonetic codes with parts of the birth date or
   * the ZIP), or all. `matchClaimant` asks for the further ones only when the first find no automatic match.
   */
  candidates(claimant: Prepared<ClaimantSsnKeys<K>>, probe = this.probe(claimant), rules: 'first' | 'further' | 'all' = 'all', found: number[] = []): number[] {
    if (rules !== 'further') this.firstCandidates(claimant, probe, found);
    if (rules !== 'first') {
      this.furtherCandidates(claimant, probe, found);
      this.addressCandidates(claimant, probe, found);
    }
    return found;
  }

  private firstCandidates(claimant: Prepared<ClaimantSsnKeys<K>>, probe: Probe<K>, found: number[]): void {
    this.ssnCandidates(probe, found);
    this.birthCandidates(claimant, found);
  }

  /** The candidates of one rule alone, for estimation: SSN keys; or the ZIP, the last name's phonetic code and the first initial, as written. */
  candidatesOfRule(claimant: Prepared<ClaimantSsnKeys<K>>, probe: Probe<K>, rule: 'ssn' | 'names'): number[] {
    const found: number[] = [];
    if (rule === 'ssn') this.ssnCandidates(probe, found);
    else if (claimant.lastName && claimant.firstName) this.byZip.collect(namesKey(Math.max(0, probe.zip), probe.lastCode, claimant.firstName[0]!), found);
    return found;
  }

  private ssnCandidates(probe: Probe<K>, found: number[]): void {
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
  }

  private birthCandidates(claimant: Prepared<ClaimantSsnKeys<K>>, found: number[]): void {
    const { birth, lastName } = claimant;
    if (birth && lastName) {
      this.byBirth.collect(birthKey(birth, lastName), found);
      // The day and month keyed the other way round.
      const swapped = swappedBirth(birth);
      if (swapped !== birth) this.byBirth.collect(birthKey(swapped, lastName), found);
    }
  }

  private furtherCandidates(claimant: Prepared<ClaimantSsnKeys<K>>, probe: Probe<K>, found: number[]): void {
    const { birth, lastName, firstName } = claimant;
    if (!lastName || !firstName) return;
    const lastCode = probe.lastCode;
    const firstCode = probe.firstCode;
    const zip = Math.max(0, probe.zip);
    if (birth) {
      const year = Math.floor(birth / 10_000);
      const day = birth % 10_000;
      // A last name wrong at its first letter; the names swapped (the first as written is the last).
      this.byFirstBirth.collect(namesKey(birth, firstCode, ' '), found);
      this.byFirstBirth.collect(namesKey(birth, lastCode, ' '), found);
      // A birth date wrong in its month or day (or only its year known), or in its year: the names as written, and swapped.
      this.byYear.collect(namesKey(year, lastCode, firstCode), found);
      this.byYear.collect(namesKey(year, firstCode, lastCode), found);
      this.byDay.collect(namesKey(day, lastCode, firstCode), found);
      this.byDay.collect(namesKey(day, firstCode, lastCode), found);
    }
    // A birth date missing or wrong throughout: the names as written, and swapped.
    this.byZip.collect(namesKey(zip, lastCode, firstName[0]!), found);
    this.byZip.collect(namesKey(zip, firstCode, lastName[0]!), found);
    // Two or three SSN digits off leave a third of it whole (more often than not): the names as written, and swapped.
    if (this.numeric && probe.hasKeys) {
      for (let third = 0; third < 3; third++) {
        this.bySsnThird[third]!.collect(ssnThirdKey(probe.exact, third, lastCode, firstName[0]!), found);
        this.bySsnThird[third]!.collect(ssnThirdKey(probe.exact, third, firstCode, lastName[0]!), found);
      }
    }
  }

  /** The household (names and birth date no matter), and the address line under either initial (the ZIP no matter). */
  private addressCandidates(claimant: Prepared<ClaimantSsnKeys<K>>, probe: Probe<K>, found: number[]): void {
    if (probe.zip > 0) this.byHousehold.collect(addressKey(probe.addressHash, probe.zip), found);
    const { lastName, firstName } = claimant;
    if (lastName) this.byLine.collect(addressKey(probe.addressHash, lastName.charCodeAt(0)), found);
    if (firstName && firstName[0] !== lastName[0]) this.byLine.collect(addressKey(probe.addressHash, firstName.charCodeAt(0)), found);
  }

  private ssnAt(probe: Probe<K>, at: number): SsnAgreement {
    const exact = this.records[at + EXACT]!;
    if (!probe.hasKeys || exact === -1) return 'missing';
    if (exact === probe.exact) return probe.claimant.keys!.plausible ? 'exact' : 'exact_invalid';
    if (probe.transposed.includes(exact)) return 'transposed';
    for (let i = 0; i < 9; i++) if (this.records[at + MASKED + i] === probe.masked[i]) return 'one_digit';
    // Numeric keys are the SSNs themselves; blind indexes hide the digits (see compareSsnKeys).
    return this.numeric ? digitsOff(digitsApart(exact, probe.exact, 9, 4)) : 'different';
  }

  /** Compares ids and hashes from the record; the address lines themselves only when their hashes agree. */
  private addressAt(probe: Probe<K>, position: number, at: number): AddressAgreement {
    const zip = this.records[at + ZIP]!;
    if (!probe.zip || !zip) return 'missing';
    const address = probe.claimant.address;
    const sameLine = !!address && this.records[at + ADDRESS] === probe.addressHash && address === this.addressOf(position);
    if (zip !== probe.zip) return sameLine ? 'same_line' : 'different';
    return sameLine ? 'same' : 'same_zip';
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
    const straight = this.namesAt(probe, at, false, policy, nicknames);
    const rest = [this.ssnAt(probe, at), compareBirths(probe.claimant.birth, this.records[at + BIRTH]!), this.addressAt(probe, position, at)];
    const [lastId, firstId] = [this.records[at + LAST]!, this.records[at + FIRST]!];
    const swapped =
      (straight[0] === 'exact' && straight[1] === 'exact') || !maySwap(probe.claimant, this.names.words[lastId]!, this.names.words[firstId]!)
        ? null
        : this.namesAt(probe, at, true, policy, nicknames);
    const tables = this.adjustments(policy);
    return scored(this.idAt(position), rest, { straight, swapped }, policy, [tables.last[lastId]!, tables.first[firstId]!]);
  }

  /** How many obligors have each name id as their last and as their first name, and how many have one at all. */
  private nameCounts: { last: Int32Array; first: Int32Array; withLast: number; withFirst: number } | null = null;
  private readonly adjustmentTables = new WeakMap<MatchPolicy, NameTables>();

  /** Counts the names of the first `size` records (once every record holds its final name ids). */
  protected countNames(size: number): void {
    const [last, first] = [new Int32Array(this.names.words.length), new Int32Array(this.names.words.length)];
    for (let i = 0; i < size; i++) {
      last[this.records[i * RECORD + LAST]!]! += 1;
      first[this.records[i * RECORD + FIRST]!]! += 1;
    }
    this.nameCounts = { last, first, withLast: size - last[0]!, withFirst: size - first[0]! };
  }

  /** The term-frequency adjustment of an exact last and first name, per name id, under a policy (made once per policy). */
  adjustments(policy: MatchPolicy): NameTables {
    let tables = this.adjustmentTables.get(policy);
    if (!tables) {
      const counts = this.nameCounts!;
      // Among fewer obligors than that, every name is both rare and common: no adjustment.
      const table = (u: number, of: Int32Array, total: number) =>
        total < termFrequencyMinimum
          ? new Float64Array(of.length)
          : Float64Array.from(of, (n) => termFrequencyAdjustment(u, n / total, policy.termFrequencyCap));
      tables = { last: table(policy.lastName.exact.u, counts.last, counts.withLast), first: table(policy.firstName.exact.u, counts.first, counts.withFirst) };
      this.adjustmentTables.set(policy, tables);
    }
    return tables;
  }

  /** The shares of obligors with each name, as `scorePair` takes them. */
  nameShares(): NameShares {
    const counts = this.nameCounts!;
    const share = (of: Int32Array, total: number) => (name: string) => {
      const id = this.names.idOf(name);
      return id > 0 && total >= termFrequencyMinimum ? of[id]! / total : 0;
    };
    return { last: share(counts.last, counts.withLast), first: share(counts.first, counts.withFirst) };
  }

  /** How the claimant's names (as written, or swapped: each in the other's column) and the record's agree: [last, first]. */
  private namesAt(probe: Probe<K>, at: number, swapped: boolean, policy: MatchPolicy, nicknames: NicknameIndex): [string, string] {
    const [lastId, firstId] = [this.records[at + LAST]!, this.records[at + FIRST]!];
    const surname = swapped ? probe.claimant.firstName : probe.claimant.lastName;
    const given = swapped ? probe.claimant.lastName : probe.claimant.firstName;
    return [
      this.plainNameAt(lastId, surname) ?? this.inexactNameAt(lastId, surname, swapped ? probe.firstCode : probe.lastCode, policy),
      this.plainNameAt(firstId, given) ?? this.inexactNameAt(firstId, given, swapped ? probe.lastCode : probe.firstCode, policy, nicknames),
    ];
  }

  /**
   * The names' weight in one order (the claimant's as written, or swapped), or −Infinity as soon as it
   * cannot reach `need`: whether each is missing or exact first; a name that is neither is compared
   * further (nickname, phonetic code, Jaro-Winkler) only while its best inexact level could still reach
   * it, the last name, then the first.
   */
  private namesWeight(
    probe: Probe<K>,
    at: number,
    swapped: boolean,
    need: number,
    policy: MatchPolicy,
    nicknames: NicknameIndex,
    weights: Weights,
    tables: NameTables,
  ): number {
    const [lastId, firstId] = [this.records[at + LAST]!, this.records[at + FIRST]!];
    const surname = swapped ? probe.claimant.firstName : probe.claimant.lastName;
    const given = swapped ? probe.claimant.lastName : probe.claimant.firstName;
    const last = this.plainNameAt(lastId, surname);
    const first = this.plainNameAt(firstId, given);
    // An exact name weighs its level adjusted for how common the obligor's is.
    const firstHigh = first ? weights.firstName.of(first) + (first === 'exact' ? tables.first[firstId]! : 0) : weights.firstInexact;
    const lastHigh = last ? weights.lastName.of(last) + (last === 'exact' ? tables.last[lastId]! : 0) : weights.lastInexact;
    if (lastHigh + firstHigh < need) return -Infinity;
    const lastWeight = last ? lastHigh : weights.lastName.of(this.inexactNameAt(lastId, surname, swapped ? probe.firstCode : probe.lastCode, policy));
    if (lastWeight + firstHigh < need) return -Infinity;
    return (
      lastWeight + (first ? firstHigh : weights.firstName.of(this.inexactNameAt(firstId, given, swapped ? probe.lastCode : probe.firstCode, policy, nicknames)))
    );
  }

  /**
   * The pair's total weight if it reaches `floor`, else NaN — without comparing the names when even
   * their best agreement could not lift the pair to the floor: the cheap fields first; then the names as
   * written and, unless both are exact, swapped (`namesWeight`), the better order counting. The same
   * total as `scorePair` for every pair at or above the floor.
   */
  scoreAt(probe: Probe<K>, position: number, policy: MatchPolicy, nicknames: NicknameIndex, weights: Weights, tables: NameTables, floor: number): number {
    const at = position * RECORD;
    // Weights are hundredths, so a sum 0.01 under the floor cannot round up to it.
    const reach = floor - 0.01;
    const sum =
      weights.ssn.of(this.ssnAt(probe, at)) +
      weights.dateOfBirth.of(compareBirths(probe.claimant.birth, this.records[at + BIRTH]!)) +
      weights.address.of(this.addressAt(probe, position, at));
    // The names at best: both at their best level (term frequencies only ever take from an exact name).
    const best = weights.lastName.best + weights.firstName.best;
    if (sum + best < reach) return NaN;
    let names = this.namesWeight(probe, at, false, reach - sum, policy, nicknames, weights, tables);
    // Swapped too, where the initials allow (when both agree exactly as written, swapped counts for no more).
    if (maySwap(probe.claimant, this.names.words[this.records[at + LAST]!]!, this.names.words[this.records[at + FIRST]!]!)) {
      names = Math.max(names, this.namesWeight(probe, at, true, reach - sum, policy, nicknames, weights, tables));
    }
    if (names === -Infinity) return NaN;
    const total = rounded(sum + names);
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
    this.countNames(obligors.length);
  }
  idAt(position: number): string {
    return this.obligors[position]!.id;
  }
  get size(): number {
    return this.obligors.length;
  }
  protected addressOf(position: number): string {
    return this.obligors[position]!.address;
  }
}
