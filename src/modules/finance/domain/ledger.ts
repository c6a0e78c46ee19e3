/**
 * The double-entry ledger a replay writes: every effect is an entry whose postings sum to zero (debits
 * positive, credits negative). Accounts are named `kind:orderId` so that balances per order and per kind
 * add up.
 *
 * A replay writes tens of millions of entries in a batch, so the ledger keeps them flat (one array of
 * entry cells, one of posting cells) rather than as an object per entry and per posting: a batch that
 * keeps every entry alive until it returns would otherwise have the engine move its objects to the old
 * generation and run several times slower. `LedgerEntry` objects are built only when asked for:
 * `entry(i)`, `entries()`.
 *
 * @example
 *   const ledger = new Ledger('case-1');
 *   ledger.open('2024-01-01', 'charge', 'o1:2024-01-01').debit('principal_receivable:o1', 50_000).credit('support_charged:o1', 50_000).close();
 *   ledger.entries(); // [{ id: 'case-1:1', date: '2024-01-01', kind: 'charge', ref: 'o1:2024-01-01', postings: [...] }]
 */
import type { CalendarDate } from '../../../platform/dates';
import type { Cents } from '../../../platform/money';

export type EntryKind = 'charge' | 'interest' | 'collection' | 'futures_applied' | 'distribution' | 'adjustment';

export interface Posting {
  account: string;
  amountCents: Cents;
}

export interface LedgerEntry {
  id: string;
  date: CalendarDate;
  kind: EntryKind;
  postings: Posting[];
  /** The collection, installment or order the entry is about. */
  ref: string;
}

export class Ledger {
  /**
   * Four cells per entry: date, kind, ref, and where its postings end (an index into `postings`, whose
   * entry i's postings start where entry i − 1's end). Two cells per posting: account, amount. One array
   * each, written by index at the end.
   */
  private readonly rows: (CalendarDate | EntryKind | string | number)[];
  private readonly postings: (string | Cents)[];
  /** Entries closed (an open entry's cells follow them in `rows`), and posting cells in use. */
  private count = 0;
  private used = 0;
  /** The first posting cell of the entry being written, or −1 when none is open. */
  private openedAt = -1;

  /**
   * Entry ids are `${idPrefix}:${n}`, n counting from 1 in the order entries were written. A writer that
   * knows about how many entries it will write says so, and the columns are made that long at once
   * rather than grown step by step (they still grow past it).
   */
  constructor(
    readonly idPrefix: string,
    expectedEntries = 0,
  ) {
    this.rows = new Array(expectedEntries * 4);
    this.postings = new Array(expectedEntries * 5);
  }

  get length(): number {
    return this.count;
  }

  /** Starts an entry; its postings follow (`debit`, `credit`, `reserve`) and `close` ends it. */
  open(date: CalendarDate, kind: EntryKind, ref: string): this {
    if (this.openedAt !== -1) throw new Error(`Invariant broken: an entry was opened on ${date} before the one on ${this.dateOf(this.count)} was closed`);
    this.openedAt = this.used;
    const rows = this.rows;
    const at = this.count * 4;
    rows[at] = date;
    rows[at + 1] = kind;
    rows[at + 2] = ref;
    rows[at + 3] = this.openedAt;
    return this;
  }

  debit(account: string, amountCents: Cents): this {
    const cells = this.postings;
    const at = this.used;
    cells[at] = account;
    cells[at + 1] = amountCents;
    this.used = at + 2;
    return this;
  }

  credit(account: string, amountCents: Cents): this {
    // 0 − x, not −x: a credit of 0 stays an integer (−0 is not), so the amounts stay small integers.
    return this.debit(account, 0 - amountCents);
  }

  /** A debit whose amount is known only once the entry's other postings are written; `fill` sets it. */
  reserve(account: string): number {
    this.debit(account, 0);
    return this.used - 1;
  }

  fill(slot: number, amountCents: Cents): void {
    this.postings[slot] = amountCents;
  }

  /** Ends the entry: its postings must be whole cents summing to zero; postings of zero are dropped. */
  close(): void {
    const cells = this.postings;
    let sum = 0;
    let kept = this.openedAt;
    for (let i = this.openedAt; i < this.used; i += 2) {
      const amount = cells[i + 1] as Cents;
      if (!Number.isSafeInteger(amount)) throw new Error(`Invariant broken: posting ${cells[i]} of entry ${this.idOf(this.count + 1)} is not whole cents`);
      sum += amount;
      if (amount === 0) continue;
      if (kept !== i) {
        cells[kept] = cells[i]!;
        cells[kept + 1] = amount;
      }
      kept += 2;
    }
    if (sum !== 0) throw new Error(`Invariant broken: entry ${this.idOf(this.count + 1)} postings sum to ${sum}, not 0`);
    this.used = kept;
    this.rows[this.count * 4 + 3] = kept;
    this.count += 1;
    this.openedAt = -1;
  }

  /** Drops the open entry (it turned out to move nothing). */
  discard(): void {
    this.used = this.openedAt;
    this.openedAt = -1;
  }

  private idOf(n: number): string {
    return `${this.idPrefix}:${n}`;
  }

  dateOf(i: number): CalendarDate {
    return this.rows[i * 4] as CalendarDate;
  }

  kindOf(i: number): EntryKind {
    return this.rows[i * 4 + 1] as EntryKind;
  }

  /** Calls `visit` with each posting of entry i, in the order written. */
  eachPosting(i: number, visit: (account: string, amountCents: Cents) => void): void {
    const end = this.rows[i * 4 + 3] as number;
    for (let p = i === 0 ? 0 : (this.rows[i * 4 - 1] as number); p < end; p += 2) visit(this.postings[p] as string, this.postings[p + 1] as Cents);
  }

  entry(i: number): LedgerEntry {
    const postings: Posting[] = [];
    this.eachPosting(i, (account, amountCents) => postings.push({ account, amountCents }));
    return { id: this.idOf(i + 1), date: this.dateOf(i), kind: this.kindOf(i), ref: this.rows[i * 4 + 2] as string, postings };
  }

  entries(): LedgerEntry[] {
    return Array.from({ length: this.length }, (_, i) => this.entry(i));
  }

  /** Balance of every account over the entries dated on or before `asOf` (all when absent). */
  balances(asOf?: CalendarDate): Map<string, Cents> {
    const balances = new Map<string, Cents>();
    for (let i = 0; i < this.length; i++) {
      if (asOf !== undefined && this.dateOf(i) > asOf) continue;
      this.eachPosting(i, (account, amount) => balances.set(account, (balances.get(account) ?? 0) + amount));
    }
    return balances;
  }
}

/** Sum of balances of accounts whose name starts with `prefix` (e.g. 'principal_receivable:'). */
export function totalOf(balances: Map<string, Cents>, prefix: string): Cents {
  let total = 0;
  for (const [account, amount] of balances) if (account.startsWith(prefix)) total += amount;
  return total;
}
