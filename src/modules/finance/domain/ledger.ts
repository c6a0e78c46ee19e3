/**
 * The double-entry ledger a replay writes: every effect is an entry whose postings sum to zero (debits
 * positive, credits negative). Accounts are named `kind:orderId` so that balances per order and per kind
 * add up.
 *
 * A replay writes tens of millions of entries in a batch, so the ledger keeps them in columns (one array
 * per field, the postings of all entries in two more) rather than as an object per entry and per posting.
 * `LedgerEntry` objects are built only when asked for: `entry(i)`, `entries()`.
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
  private readonly dates: CalendarDate[] = [];
  private readonly kinds: EntryKind[] = [];
  private readonly refs: string[] = [];
  /** Entry i's postings are at [ends[i − 1] (or 0), ends[i]) of `accounts` and `amounts`. */
  private readonly ends: number[] = [];
  private readonly accounts: string[] = [];
  private readonly amounts: Cents[] = [];
  /** The first posting of the entry being written, or −1 when none is open. */
  private openedAt = -1;

  /** Entry ids are `${idPrefix}:${n}`, n counting from 1 in the order entries were written. */
  constructor(readonly idPrefix: string) {}

  get length(): number {
    return this.ends.length;
  }

  /** Starts an entry; its postings follow (`debit`, `credit`, `reserve`) and `close` ends it. */
  open(date: CalendarDate, kind: EntryKind, ref: string): this {
    if (this.openedAt !== -1) throw new Error(`Invariant broken: an entry was opened on ${date} before the one on ${this.dates.at(-1)} was closed`);
    this.openedAt = this.amounts.length;
    this.dates.push(date);
    this.kinds.push(kind);
    this.refs.push(ref);
    return this;
  }

  debit(account: string, amountCents: Cents): this {
    this.accounts.push(account);
    this.amounts.push(amountCents);
    return this;
  }

  credit(account: string, amountCents: Cents): this {
    // 0 − x, not −x: a credit of 0 stays an integer (−0 is not), so the amounts stay small integers.
    return this.debit(account, 0 - amountCents);
  }

  /** A debit whose amount is known only once the entry's other postings are written; `fill` sets it. */
  reserve(account: string): number {
    this.debit(account, 0);
    return this.amounts.length - 1;
  }

  fill(slot: number, amountCents: Cents): void {
    this.amounts[slot] = amountCents;
  }

  /** Ends the entry: its postings must be whole cents summing to zero; postings of zero are dropped. */
  close(): void {
    const start = this.openedAt;
    let sum = 0;
    let kept = start;
    for (let i = start; i < this.amounts.length; i++) {
      const amount = this.amounts[i]!;
      if (!Number.isSafeInteger(amount))
        throw new Error(`Invariant broken: posting ${this.accounts[i]} of entry ${this.idOf(this.length + 1)} is not whole cents`);
      sum += amount;
      if (amount === 0) continue;
      if (kept !== i) {
        this.amounts[kept] = amount;
        this.accounts[kept] = this.accounts[i]!;
      }
      kept += 1;
    }
    if (sum !== 0) throw new Error(`Invariant broken: entry ${this.idOf(this.length + 1)} postings sum to ${sum}, not 0`);
    if (kept !== this.amounts.length) {
      this.amounts.length = kept;
      this.accounts.length = kept;
    }
    this.ends.push(kept);
    this.openedAt = -1;
  }

  /** Drops the open entry (it turned out to move nothing). */
  discard(): void {
    this.amounts.length = this.openedAt;
    this.accounts.length = this.openedAt;
    this.dates.pop();
    this.kinds.pop();
    this.refs.pop();
    this.openedAt = -1;
  }

  private idOf(n: number): string {
    return `${this.idPrefix}:${n}`;
  }

  dateOf(i: number): CalendarDate {
    return this.dates[i]!;
  }

  kindOf(i: number): EntryKind {
    return this.kinds[i]!;
  }

  /** Calls `visit` with each posting of entry i, in the order written. */
  eachPosting(i: number, visit: (account: string, amountCents: Cents) => void): void {
    for (let p = i === 0 ? 0 : this.ends[i - 1]!, end = this.ends[i]!; p < end; p++) visit(this.accounts[p]!, this.amounts[p]!);
  }

  entry(i: number): LedgerEntry {
    const postings: Posting[] = [];
    this.eachPosting(i, (account, amountCents) => postings.push({ account, amountCents }));
    return { id: this.idOf(i + 1), date: this.dates[i]!, kind: this.kinds[i]!, ref: this.refs[i]!, postings };
  }

  entries(): LedgerEntry[] {
    return Array.from({ length: this.length }, (_, i) => this.entry(i));
  }

  /** Balance of every account over the entries dated on or before `asOf` (all when absent). */
  balances(asOf?: CalendarDate): Map<string, Cents> {
    const balances = new Map<string, Cents>();
    for (let i = 0; i < this.length; i++) {
      if (asOf !== undefined && this.dates[i]! > asOf) continue;
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
