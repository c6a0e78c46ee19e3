/**
 * The candidate index built by several threads together in shared memory (the offline file-to-file
 * run, offline.ts): each thread reads its share of the obligors, the threads exchange their
 * vocabularies, and each fills its part of the key tables, waiting for the others at barriers.
 */
import { BIRTH, CandidateIndex, EXACT, FIRST, keyTables, LAST, MASKED, otherZips, RECORD, TEXT, Vocabulary, ZIP } from './candidate-index';
import { KeyRuns } from './key-runs';
import type { Prepared } from './scoring';
import type { SsnKeys } from './ssn';

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
    this.countNames(size);
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
  get size(): number {
    return this.memory.size;
  }
  protected addressOf(position: number): string {
    return this.text(position, 1);
  }
}
