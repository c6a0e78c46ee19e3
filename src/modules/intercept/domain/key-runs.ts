/**
 * Keys → obligor positions for integer keys from 0 to 2³¹ − 1: an open-addressing table in typed arrays
 * (Fibonacci hashing, linear probing, at most half full), filled once; a key with several positions
 * has them laid out together in `runs`. A million obligors' eleven key sets are built in about a second
 * and leave nothing for the garbage collector, where Maps of a million entries do not.
 */
export class KeyRuns {
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
