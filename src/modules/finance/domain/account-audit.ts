/**
 * The account audit (FC 17526, CSS Letter 15-12): month by month, support ordered against collected,
 * principal and interest paid, interest charged, and the balances at each month's end — current
 * support, arrears and interest shown separately (CCP 695.211). Built from the ledger entries alone.
 *
 * @example monthlyAudit(replayAccount(history, '2025-06-30').ledger)
 */
import { monthOf, nextMonth, type CalendarDate } from '../../../platform/dates';
import type { Cents } from '../../../platform/money';
import { totalTo, type Payee } from './distribution';
import type { Ledger } from './ledger';
import type { CaseHistory, DistributionRecord, ReplayResult } from './replay';
import type { CollectionSource } from './types';

/** One month of an account audit (the API's MonthlyAuditRowSchema in contract.ts describes it). */
export interface MonthlyAuditRow {
  /** YYYY-MM */
  month: string;
  orderedCents: number;
  collectedCents: number;
  principalPaidCents: number;
  /** Interest charged in the month: posted, and in the as-of month also what has accrued and posts at month end. */
  interestChargedCents: number;
  /** Of the interest charged, accrued since the last posting and not yet on the ledger (the as-of month only). */
  interestAccruedCents: number;
  interestPaidCents: number;
  principalBalanceCents: number;
  interestBalanceCents: number;
  futuresBalanceCents: number;
}

/** A month's flows before anything moves. */
const nothingMoved = {
  orderedCents: 0,
  collectedCents: 0,
  principalPaidCents: 0,
  interestChargedCents: 0,
  interestAccruedCents: 0,
  interestPaidCents: 0,
} as const satisfies Partial<MonthlyAuditRow>;

export function monthlyAudit(ledger: Ledger): MonthlyAuditRow[] {
  const rows = new Map<string, MonthlyAuditRow>();
  let principal = 0;
  let interest = 0;
  let futures = 0;
  for (let i = 0; i < ledger.length; i++) {
    const month = monthOf(ledger.dateOf(i));
    let row = rows.get(month);
    if (!row) {
      row = { month, ...nothingMoved, principalBalanceCents: 0, interestBalanceCents: 0, futuresBalanceCents: 0 };
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

const quietAfter = (previous: MonthlyAuditRow, month: string): MonthlyAuditRow => ({ ...previous, month, ...nothingMoved });

/** Months with no entry still appear, with nothing moving and the balances carried. */
function withQuietMonths(rows: MonthlyAuditRow[]): MonthlyAuditRow[] {
  const filled: MonthlyAuditRow[] = [];
  for (const row of rows) {
    const previous = filled.at(-1);
    if (previous) for (let month = nextMonth(previous.month); month < row.month; month = nextMonth(month)) filled.push(quietAfter(previous, month));
    filled.push(row);
  }
  return filled;
}

/**
 * The audit's months through the as-of month, as the statement shows them: interest accrued since the
 * last posting (mid-month, it posts at month end) is counted in the as-of month's interest charged and
 * owed, and named in its own column, so that the last month's interest owed is the headline's interest.
 */
export function auditMonths(result: ReplayResult, asOf: CalendarDate): MonthlyAuditRow[] {
  const rows = monthlyAudit(result.ledger);
  const month = monthOf(asOf);
  const last = rows.at(-1);
  if (!last) return rows;
  for (let m = nextMonth(last.month); m <= month; m = nextMonth(m)) rows.push(quietAfter(rows.at(-1)!, m));
  const accrued = result.balances.interestAccruedUnpostedCents;
  const final = rows.at(-1)!;
  final.interestAccruedCents = accrued;
  final.interestChargedCents += accrued;
  final.interestBalanceCents += accrued;
  return rows;
}

export interface StatementSummary {
  /** Support due in the as-of month and not yet paid. */
  currentDueCents: number;
  /** Unpaid support due before the as-of month. */
  arrearsCents: number;
  /** Of the arrears, support that fell due in a month of assistance: assigned to the state (DRA). */
  assignedArrearsCents: number;
  /** Of the arrears, support owed to the family. */
  familyArrearsCents: number;
  /** Posted interest not yet paid, plus interest accrued since the last posting. */
  interestCents: number;
  /** Of the interest, accrued since the last posting (posts at month end). */
  interestAccruedCents: number;
  futuresCents: number;
  totalOwedCents: number;
}

/** The statement's headline figures, with current support, arrears and interest kept apart (CCP 695.211). */
export function statementSummary(result: ReplayResult, asOf: CalendarDate): StatementSummary {
  const month = monthOf(asOf);
  let currentDueCents = 0;
  let assignedArrearsCents = 0;
  let familyArrearsCents = 0;
  for (const inst of result.installments) {
    if (monthOf(inst.dueDate) === month) currentDueCents += inst.unpaidCents;
    else if (inst.isAssigned) assignedArrearsCents += inst.unpaidCents;
    else familyArrearsCents += inst.unpaidCents;
  }
  const arrearsCents = assignedArrearsCents + familyArrearsCents;
  const interestCents = result.balances.interestCents + result.balances.interestAccruedUnpostedCents;
  return {
    currentDueCents,
    arrearsCents,
    assignedArrearsCents,
    familyArrearsCents,
    interestCents,
    interestAccruedCents: result.balances.interestAccruedUnpostedCents,
    futuresCents: result.balances.futuresCents,
    totalOwedCents: currentDueCents + arrearsCents + interestCents,
  };
}

/** One payment and where its dollars went on the day it was received. */
export interface PaymentLine {
  receiptId: string;
  receivedOn: CalendarDate;
  amountCents: Cents;
  source: CollectionSource;
  /** Reversed by an approved misapplied-receipt correction: nothing of it stays on the account. */
  isReversed: boolean;
  currentCents: Cents;
  /** Support due before the month received, assigned and owed to the family. */
  arrearsCents: Cents;
  interestCents: Cents;
  /** More than was owed on the day: held and applied as support falls due. */
  heldAsFuturesCents: Cents;
  familyCents: Cents;
  stateCents: Cents;
  federalCents: Cents;
}

/** Money held as futures, applied when support fell due: what it paid and who received it. */
export interface HeldAppliedLine {
  date: CalendarDate;
  /** The installment it paid, the day's support (`DATE:support_due`), or `arrears`. */
  ref: string;
  currentCents: Cents;
  arrearsCents: Cents;
  interestCents: Cents;
  familyCents: Cents;
  stateCents: Cents;
  federalCents: Cents;
}

/** What one distribution paid and who received it. */
function paidBy(d: DistributionRecord | undefined) {
  const to = (payee: Payee) => (d ? totalTo(d.lines, payee) : 0);
  return {
    currentCents: d?.currentCents ?? 0,
    arrearsCents: d ? d.unassignedArrearsCents + d.assignedArrearsCents : 0,
    interestCents: d?.interestCents ?? 0,
    familyCents: to('family'),
    stateCents: to('state'),
    federalCents: to('federal'),
  };
}

/** Every payment received by the as-of date, in the order received, with what it paid and who received it. */
export function paymentLines(history: CaseHistory, result: ReplayResult, asOf: CalendarDate): PaymentLine[] {
  const byReceipt = new Map(result.distributions.map((d) => [d.ref, d]));
  // Reversed once the correction is in effect, as the replay reverses it.
  const reversed = new Set(history.adjustments.flatMap((a) => (a.kind === 'misapplied_receipt' && a.effectiveOn <= asOf ? [a.collectionId] : [])));
  return history.collections
    .filter((c) => c.receivedOn <= asOf)
    .sort((a, b) => (a.receivedOn === b.receivedOn ? (a.id < b.id ? -1 : a.id > b.id ? 1 : 0) : a.receivedOn < b.receivedOn ? -1 : 1))
    .map((c) => {
      const isReversed = reversed.has(c.id);
      const paid = paidBy(isReversed ? undefined : byReceipt.get(c.id));
      const applied = paid.currentCents + paid.arrearsCents + paid.interestCents;
      return {
        receiptId: c.id,
        receivedOn: c.receivedOn,
        amountCents: c.amountCents,
        source: c.source,
        isReversed,
        ...paid,
        heldAsFuturesCents: isReversed ? 0 : c.amountCents - applied,
      };
    });
}

/** The distributions of money held as futures, in order: every distribution that is not a payment's own. */
export function heldAppliedLines(history: CaseHistory, result: ReplayResult): HeldAppliedLine[] {
  const receipts = new Set(history.collections.map((c) => c.id));
  return result.distributions.filter((d) => !receipts.has(d.ref)).map((d) => ({ date: d.date, ref: d.ref, ...paidBy(d) }));
}

/** Everything an account statement shows: the headline, the months, each payment, who received the money, URA. */
export interface AccountStatement {
  asOf: CalendarDate;
  summary: StatementSummary;
  months: MonthlyAuditRow[];
  payments: PaymentLine[];
  /** Money held as futures and applied later: with the payments, all that each payee received. */
  heldApplied: HeldAppliedLine[];
  /** All that distribution sent to each payee by the as-of date (payments and futures applied later). */
  paidTo: Record<Payee, Cents>;
  /** Unreimbursed assistance still recoverable. */
  uraCents: Cents;
}

export function accountStatement(history: CaseHistory, result: ReplayResult, asOf: CalendarDate): AccountStatement {
  return {
    asOf,
    summary: statementSummary(result, asOf),
    months: auditMonths(result, asOf),
    payments: paymentLines(history, result, asOf),
    heldApplied: heldAppliedLines(history, result),
    paidTo: { ...result.balances.distributedCents },
    uraCents: result.balances.uraCents,
  };
}
