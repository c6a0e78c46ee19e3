/**
 * The OCSE-34 (quarterly report of collections and distribution) of one case for one quarter, from the
 * replay: line 1 undistributed at the start, line 2 collections by source, line 3 net adjustments, the
 * distribution rows by assistance column, and what is undistributed at the end with its age. The service
 * adds the cases up per LCSA and statewide; every figure keeps the receipts behind it (the drill-down).
 *
 * Form structure: the domain page's claims section 3.1 (OMB 0970-0181). Identity, per case and so per
 * report: line 1 + line 2 + line 3 = distributed in the quarter + undistributed at its end.
 *
 * [Policy] choices where the form asks for what Concord does not model:
 * - Line 2 by source: federal tax offset 2a, state tax offset 2b, unemployment insurance 2c, insurance
 *   intercept (an administrative remedy) 2d, wage withholding 2e, voluntary payments, lien payoffs and
 *   other sources 2h. Interstate (2f) and international (2g) collections are not distinguished: none.
 * - Columns by the family's CalWORKs status in the month the money was distributed: current assistance
 *   (A), former assistance (C), never assistance (F). Foster care (B, D) and Medicaid-only (E) are not
 *   modelled: zero. Line 4 (sent outside IV-D), medical support and fees withheld: zero.
 * - Line 3 is the refunds of over-collection made in the quarter (negative). A receipt found misapplied by
 *   the quarter's end is left out of the quarter, as the replay leaves it out; one found misapplied later
 *   stays in the quarter as filed.
 * - Undistributed at the end is the money held as futures; it is the newest money received (futures are
 *   applied oldest first), aged from its receipt date to the quarter's end in the bands below.
 */
import { addDays, daysBetween, monthIndexOf, type CalendarDate } from '../../../platform/dates';
import type { Cents } from '../../../platform/money';
import { AssistanceCalendar } from './assistance';
import type { AssistanceStatus } from './distribution';
import type { FinancePolicies } from './policy';
import { replayAccount, type CaseHistory } from './replay';
import type { CollectionSource } from './types';

export const ocse34SourceLines = {
  federal_tax_offset: '2a',
  state_tax_offset: '2b',
  unemployment_insurance: '2c',
  insurance_intercept: '2d',
  wage_withholding: '2e',
  voluntary: '2h',
  lien_payoff: '2h',
  other: '2h',
} as const satisfies Record<CollectionSource, string>;
export type SourceLine = '2a' | '2b' | '2c' | '2d' | '2e' | '2f' | '2g' | '2h';
export const sourceLines: SourceLine[] = ['2a', '2b', '2c', '2d', '2e', '2f', '2g', '2h'];

export type Ocse34Column = 'A' | 'C' | 'F';
export const ocse34Columns: Ocse34Column[] = ['A', 'C', 'F'];
const columnOf: Record<AssistanceStatus, Ocse34Column> = { current: 'A', former: 'C', never: 'F' };

export type DistributionRow = 'passed_through' | 'assistance_reimbursement_federal' | 'assistance_reimbursement_state' | 'to_family';
export const distributionRows: DistributionRow[] = ['passed_through', 'assistance_reimbursement_federal', 'assistance_reimbursement_state', 'to_family'];

/** Age bands of undistributed money at the quarter's end, in days since receipt (upper bounds, inclusive). */
export const ageBands = [
  { band: '0-30', upTo: 30 },
  { band: '31-90', upTo: 90 },
  { band: '91-180', upTo: 180 },
  { band: '181-365', upTo: 365 },
  { band: 'over-365', upTo: Number.POSITIVE_INFINITY },
] as const;
export type AgeBand = (typeof ageBands)[number]['band'];

/** One amount behind a figure: the receipt (or, for money held and applied, the distribution's reference) and its date. */
export interface Ocse34Item {
  caseId: string;
  ref: string;
  date: CalendarDate;
  amountCents: Cents;
}

/** Every figure of the report with the items behind it, keyed by figure: `line1`, `2a`…`2h`, `line3`, `A:to_family`…, `undistributed:0-30`…. */
export type Ocse34Figures = Map<string, Ocse34Item[]>;

export const figureKeys = {
  line1: 'line1',
  source: (line: SourceLine) => line,
  line3: 'line3',
  distributed: (column: Ocse34Column, row: DistributionRow) => `${column}:${row}`,
  undistributed: (band: AgeBand) => `undistributed:${band}`,
};

function add(figures: Ocse34Figures, key: string, item: Ocse34Item): void {
  if (item.amountCents === 0) return;
  const items = figures.get(key);
  if (items) items.push(item);
  else figures.set(key, [item]);
}

/** The case's figures for the quarter `from`–`to`, added to `figures`. */
export function addCaseOcse34(figures: Ocse34Figures, history: CaseHistory, from: CalendarDate, to: CalendarDate, policies?: FinancePolicies): void {
  // The case as known at the quarter's end: a receipt found misapplied by then never counted (as in the
  // replay); one found misapplied later counts in this quarter, as filed.
  const known = history.adjustments.filter((a) => a.effectiveOn <= to);
  const misapplied = new Set(known.flatMap((a) => (a.kind === 'misapplied_receipt' ? [a.collectionId] : [])));
  const counted = history.collections.filter((c) => !misapplied.has(c.id));
  const asFiled: CaseHistory = { ...history, collections: counted, adjustments: known.filter((a) => a.kind !== 'misapplied_receipt') };
  const caseId = history.caseId;
  const before = replayAccount(asFiled, dayBefore(from), policies);
  const after = replayAccount(asFiled, to, policies);
  // Line 1: held at the end of the previous quarter, as the newest receipts then.
  for (const item of heldAsNewest(counted, before.balances.futuresCents, dayBefore(from), caseId)) add(figures, figureKeys.line1, item);
  for (const c of counted)
    if (c.receivedOn >= from && c.receivedOn <= to)
      add(figures, figureKeys.source(ocse34SourceLines[c.source]), { caseId, ref: c.id, date: c.receivedOn, amountCents: c.amountCents });
  for (const a of known)
    if (a.kind === 'refund_over_collection' && a.effectiveOn >= from && a.effectiveOn <= to)
      add(figures, figureKeys.line3, { caseId, ref: a.id, date: a.effectiveOn, amountCents: -a.amountCents });
  const calendar = new AssistanceCalendar(history.assistance);
  for (const d of after.distributions) {
    if (d.date < from || d.date > to) continue;
    const column = columnOf[calendar.status(monthIndexOf(d.date))];
    for (const line of d.lines) {
      const row: DistributionRow =
        line.payee === 'federal'
          ? 'assistance_reimbursement_federal'
          : line.payee === 'state'
            ? 'assistance_reimbursement_state'
            : line.paid === 'pass_through'
              ? 'passed_through'
              : 'to_family';
      add(figures, figureKeys.distributed(column, row), { caseId, ref: d.ref, date: d.date, amountCents: line.amountCents });
    }
  }
  for (const item of heldAsNewest(counted, after.balances.futuresCents, to, caseId)) {
    const age = daysBetween(item.date, to);
    add(figures, figureKeys.undistributed(ageBands.find((b) => age <= b.upTo)!.band), item);
  }
}

/** Money held as futures on a date, attributed to the newest receipts up to that date (futures are applied oldest first). */
function heldAsNewest(collections: CaseHistory['collections'], heldCents: Cents, on: CalendarDate, caseId: string): Ocse34Item[] {
  const items: Ocse34Item[] = [];
  let left = heldCents;
  const received = collections
    .filter((c) => c.receivedOn <= on)
    .sort((a, b) => (a.receivedOn === b.receivedOn ? (a.id < b.id ? 1 : -1) : a.receivedOn < b.receivedOn ? 1 : -1));
  for (const c of received) {
    if (left === 0) break;
    const part = Math.min(left, c.amountCents);
    items.push({ caseId, ref: c.id, date: c.receivedOn, amountCents: part });
    left -= part;
  }
  return items;
}

const dayBefore = (date: CalendarDate): CalendarDate => addDays(date, -1);

export const totalOf = (figures: Ocse34Figures, key: string): Cents => (figures.get(key) ?? []).reduce((sum, i) => sum + i.amountCents, 0);

/** The report's lines from the figures: every total is the sum of its items, and the totals of the lines that make it. */
export function ocse34Lines(figures: Ocse34Figures) {
  const line1 = totalOf(figures, figureKeys.line1);
  const line2 = Object.fromEntries(sourceLines.map((l) => [l, totalOf(figures, figureKeys.source(l))])) as Record<SourceLine, Cents>;
  const line2Total = sourceLines.reduce((sum, l) => sum + line2[l], 0);
  const line3 = totalOf(figures, figureKeys.line3);
  const distributed = Object.fromEntries(
    ocse34Columns.map((column) => [column, Object.fromEntries(distributionRows.map((row) => [row, totalOf(figures, figureKeys.distributed(column, row))]))]),
  ) as Record<Ocse34Column, Record<DistributionRow, Cents>>;
  const distributedTotal = ocse34Columns.reduce((sum, c) => sum + distributionRows.reduce((s, r) => s + distributed[c][r], 0), 0);
  const undistributed = Object.fromEntries(ageBands.map(({ band }) => [band, totalOf(figures, figureKeys.undistributed(band))])) as Record<AgeBand, Cents>;
  const undistributedTotal = ageBands.reduce((sum, { band }) => sum + undistributed[band], 0);
  return {
    line1,
    line2,
    line2Total,
    line3,
    /** Line 4: sent outside the IV-D program (not modelled). */
    line4: 0,
    line5: line1 + line2Total + line3,
    distributed,
    distributedTotal,
    undistributed,
    undistributedTotal,
  };
}
export type Ocse34Lines = ReturnType<typeof ocse34Lines>;
