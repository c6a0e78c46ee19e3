/**
 * Double-entry ledger entries: every effect is an entry whose postings sum to zero (debits positive,
 * credits negative). Accounts are named `kind:orderId` so that balances per order and per kind add up.
 *
 * @example
 *   makeEntry('e1', '2024-01-01', 'charge', [debit('principal_receivable:o1', 50_000), credit('support_charged:o1', 50_000)]);
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

export const debit = (account: string, amountCents: Cents): Posting => ({ account, amountCents });
export const credit = (account: string, amountCents: Cents): Posting => ({ account, amountCents: -amountCents });

export function makeEntry(id: string, date: CalendarDate, kind: EntryKind, ref: string, postings: Posting[]): LedgerEntry {
  let sum = 0;
  let hasZero = false;
  for (const p of postings) {
    if (!Number.isSafeInteger(p.amountCents)) throw new Error(`Invariant broken: posting ${p.account} of entry ${id} is not whole cents`);
    sum += p.amountCents;
    if (p.amountCents === 0) hasZero = true;
  }
  if (sum !== 0) throw new Error(`Invariant broken: entry ${id} postings sum to ${sum}, not 0`);
  return { id, date, kind, ref, postings: hasZero ? postings.filter((p) => p.amountCents !== 0) : postings };
}

/** Balance of every account over the entries dated on or before `asOf` (all when absent). */
export function accountBalances(entries: LedgerEntry[], asOf?: CalendarDate): Map<string, Cents> {
  const balances = new Map<string, Cents>();
  for (const entry of entries) {
    if (asOf !== undefined && entry.date > asOf) continue;
    for (const p of entry.postings) balances.set(p.account, (balances.get(p.account) ?? 0) + p.amountCents);
  }
  return balances;
}

/** Sum of balances of accounts whose name starts with `prefix` (e.g. 'principal_receivable:'). */
export function totalOf(balances: Map<string, Cents>, prefix: string): Cents {
  let total = 0;
  for (const [account, amount] of balances) if (account.startsWith(prefix)) total += amount;
  return total;
}
