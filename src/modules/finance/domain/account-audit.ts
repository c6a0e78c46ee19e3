/**
 * The account audit (FC 17526, CSS Letter 15-12): month by month, support ordered against collected,
 * principal and interest paid, interest charged, and the balances at each month's end — current
 * support, arrears and interest shown separately (CCP 695.211). Built from the ledger entries alone.
 *
 * @example monthlyAudit(replayAccount(history, '2025-06-30').ledger)
 */
import { monthOf, nextMonth, type CalendarDate } from '../../../platform/dates';
import type { Ledger } from './ledger';
import type { ReplayResult } from './replay';

/** One month of an account audit (the API's MonthlyAuditRowSchema in contract.ts describes it). */
export interface MonthlyAuditRow {
  /** YYYY-MM */
  month: string;
  orderedCents: number;
  collectedCents: number;
  principalPaidCents: number;
  interestChargedCents: number;
  interestPaidCents: number;
  principalBalanceCents: number;
  interestBalanceCents: number;
  futuresBalanceCents: number;
}

export function monthlyAudit(ledger: Ledger): MonthlyAuditRow[] {
  const rows = new Map<string, MonthlyAuditRow>();
  let principal = 0;
  let interest = 0;
  let futures = 0;
  for (let i = 0; i < ledger.length; i++) {
    const month = monthOf(ledger.dateOf(i));
    let row = rows.get(month);
    if (!row) {
      row = {
        month,
        orderedCents: 0,
        collectedCents: 0,
        principalPaidCents: 0,
        interestChargedCents: 0,
        interestPaidCents: 0,
        principalBalanceCents: 0,
        interestBalanceCents: 0,
        futuresBalanceCents: 0,
      };
      rows.set(month, row);
    }
    const r = row;
    ledger.eachPosting(i, (account, amountCents) => {
      const kind = account.slice(0, account.indexOf(':') === -1 ? undefined : account.indexOf(':'));
      if (kind === 'support_charged') r.orderedCents -= amountCents;
      else if (kind === 'collections_received') r.collectedCents += amountCents;
      else if (kind === 'interest_charged') r.interestChargedCents -= amountCents;
      else if (kind === 'principal_receivable') {
        principal += amountCents;
        if (amountCents < 0) r.principalPaidCents -= amountCents;
      } else if (kind === 'interest_receivable') {
        interest += amountCents;
        if (amountCents < 0) r.interestPaidCents -= amountCents;
      } else if (kind === 'futures_held') futures -= amountCents;
    });
    row.principalBalanceCents = principal;
    row.interestBalanceCents = interest;
    row.futuresBalanceCents = futures;
  }
  return withQuietMonths([...rows.values()]);
}

/** Months with no entry still appear, with nothing moving and the balances carried. */
function withQuietMonths(rows: MonthlyAuditRow[]): MonthlyAuditRow[] {
  const filled: MonthlyAuditRow[] = [];
  for (const row of rows) {
    const previous = filled.at(-1);
    if (previous) {
      for (let month = nextMonth(previous.month); month < row.month; month = nextMonth(month)) {
        filled.push({ ...previous, month, orderedCents: 0, collectedCents: 0, principalPaidCents: 0, interestChargedCents: 0, interestPaidCents: 0 });
      }
    }
    filled.push(row);
  }
  return filled;
}

export interface StatementSummary {
  /** Support due in the as-of month and not yet paid. */
  currentDueCents: number;
  /** Unpaid support due before the as-of month. */
  arrearsCents: number;
  /** Posted interest not yet paid, plus interest accrued since the last posting. */
  interestCents: number;
  futuresCents: number;
  totalOwedCents: number;
}

/** The statement's headline figures, with current support, arrears and interest kept apart (CCP 695.211). */
export function statementSummary(result: ReplayResult, asOf: CalendarDate): StatementSummary {
  const month = monthOf(asOf);
  let currentDueCents = 0;
  let arrearsCents = 0;
  for (const inst of result.installments) {
    if (monthOf(inst.dueDate) === month) currentDueCents += inst.unpaidCents;
    else arrearsCents += inst.unpaidCents;
  }
  const interestCents = result.balances.interestCents + result.balances.interestAccruedUnpostedCents;
  return {
    currentDueCents,
    arrearsCents,
    interestCents,
    futuresCents: result.balances.futuresCents,
    totalOwedCents: currentDueCents + arrearsCents + interestCents,
  };
}
