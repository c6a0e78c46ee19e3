/**
 * The account statement, as a PDF and as the rows of the CSV audit: the headline (current support,
 * arrears assigned and owed to the family, interest with what has accrued since the last posting,
 * CCP 695.211), who received the money (family, state, federal) and URA, each payment with its date,
 * source and where its dollars went, and the month-by-month audit of ordered against paid (FC 17526).
 * Used by the API and by the offline `concord finance audit`. pdf-lib draws it; the 14 standard fonts
 * need no files.
 */
import { newReport, type ReportColumn } from '../../platform/pdf/report';
import { formatCents } from '../../platform/money';
import { sourceLabels } from './contract';
import type { AccountStatement, HeldAppliedLine, MonthlyAuditRow, PaymentLine } from './domain/account-audit';

export interface StatementInput {
  /** Case number (or the interchange file's case id). */
  caseLabel: string;
  /** For example the LCSA's name; omitted offline. */
  issuer?: string;
  statement: AccountStatement;
  /** When the statement was produced (ISO timestamp); fixed in tests for reproducible bytes. */
  producedAt: Date;
}

interface Column<Row> extends ReportColumn {
  value: (row: Row) => string;
}

const money = <Row>(title: string, width: number, value: (row: Row) => number): Column<Row> => ({ title, width, value: (r) => formatCents(value(r)) });

const monthColumns: Column<MonthlyAuditRow>[] = [
  { title: 'Month', width: 52, value: (r) => r.month, isText: true },
  money('Ordered', 73, (r) => r.orderedCents),
  money('Collected', 73, (r) => r.collectedCents),
  money('Principal paid', 73, (r) => r.principalPaidCents),
  money('Interest charged', 73, (r) => r.interestChargedCents),
  money('Not yet posted', 66, (r) => r.interestAccruedCents),
  money('Interest paid', 73, (r) => r.interestPaidCents),
  money('Principal owed', 80, (r) => r.principalBalanceCents),
  money('Interest owed', 73, (r) => r.interestBalanceCents),
  money('Held (futures)', 76, (r) => r.futuresBalanceCents),
];

/** What money paid and who received it: the columns a payment and money held and applied share. */
const paidColumns = <Row extends Omit<HeldAppliedLine, 'date' | 'ref'>>(): Column<Row>[] => [
  money('Current', 56, (r) => r.currentCents),
  money('Arrears', 56, (r) => r.arrearsCents),
  money('Interest', 52, (r) => r.interestCents),
  money('To family', 56, (r) => r.familyCents),
  money('To state', 56, (r) => r.stateCents),
  money('To federal', 56, (r) => r.federalCents),
];

const paymentColumns: Column<PaymentLine>[] = [
  { title: 'Received', width: 54, value: (r) => r.receivedOn, isText: true },
  { title: 'Receipt', width: 98, value: (r) => (r.isReversed ? `${r.receiptId} (reversed)` : r.receiptId), isText: true },
  { title: 'Source', width: 90, value: (r) => sourceLabels[r.source], isText: true },
  money('Amount', 60, (r) => r.amountCents),
  ...paidColumns<PaymentLine>(),
  money('Held', 52, (r) => r.heldAsFuturesCents),
];

const heldColumns: Column<HeldAppliedLine>[] = [
  { title: 'Applied', width: 54, value: (r) => r.date, isText: true },
  { title: 'To', width: 188, value: (r) => (r.ref === 'arrears' ? 'arrears' : 'support due that day'), isText: true },
  ...paidColumns<HeldAppliedLine>(),
];

export async function renderStatementPdf(input: StatementInput): Promise<Uint8Array> {
  const { statement } = input;
  const report = await newReport({
    title: `Account statement — case ${input.caseLabel} as of ${statement.asOf}`,
    subject: 'Child support account statement: current support, arrears and interest, payments and who received them',
    producedAt: input.producedAt,
  });
  const table = <Row>(title: string, columns: Column<Row>[], rows: Row[], empty: string) =>
    report.table(
      title,
      columns,
      rows.map((row) => columns.map((c) => c.value(row))),
      empty,
    );
  report.line('Child support account statement', 'title', 22);
  report.line(`Case ${input.caseLabel}${input.issuer ? ` · ${input.issuer}` : ''} · as of ${statement.asOf}`, 'body', 22);
  const s = statement.summary;
  report.figures([
    ['Current support due this month', s.currentDueCents],
    ['Arrears (unpaid support from earlier months)', s.arrearsCents],
    ['  assigned to the state (fell due while the family received CalWORKs)', s.assignedArrearsCents],
    ['  owed to the family', s.familyArrearsCents],
    ['Interest (10% simple, unpaid)', s.interestCents],
    ['  of it accrued since the last posting (posted at month end)', s.interestAccruedCents],
    ['Total owed', s.totalOwedCents, true],
    ['Held for future support', s.futuresCents],
  ]);
  report.line('Who received the payments (42 USC 657)', 'heading', 18);
  report.figures([
    ['Paid to the family', statement.paidTo.family],
    ['Retained by the state (assistance reimbursement)', statement.paidTo.state],
    ['Retained by the federal government', statement.paidTo.federal],
    ['Unreimbursed assistance still recoverable (URA)', statement.uraCents],
  ]);
  table('Payments: date, source, what each paid and who received it', paymentColumns, statement.payments, 'No payments received by this date.');
  if (statement.heldApplied.length > 0) table('Money held for future support, applied as it fell due', heldColumns, statement.heldApplied, '');
  table('Month by month: support ordered and paid, interest, balances at month end', monthColumns, statement.months, 'No support charged by this date.');
  return report.finish(`Case ${input.caseLabel} · as of ${statement.asOf}`);
}

/** The CSV audit's columns that move: on the totals row, each is the sum of the rows above it. */
const summedColumns = [
  'orderedCents',
  'collectedCents',
  'principalPaidCents',
  'interestChargedCents',
  'interestAccruedCents',
  'interestPaidCents',
  'amountCents',
  'currentCents',
  'arrearsCents',
  'interestCents',
  'heldAsFuturesCents',
  'familyCents',
  'stateCents',
  'federalCents',
] as const;

/** The CSV audit's columns: each row is a month, a payment, money held and applied, or the totals (`section`); cells a row has no use for are empty. */
const csvColumns = [
  'section',
  'caseId',
  'asOf',
  'month',
  'date',
  'receiptId',
  'source',
  'isReversed',
  ...summedColumns,
  'principalBalanceCents',
  'interestBalanceCents',
  'futuresBalanceCents',
  'currentDueCents',
  'arrearsOwedCents',
  'assignedArrearsCents',
  'familyArrearsCents',
  'interestOwedCents',
  'uraCents',
  'totalOwedCents',
] as const;
type CsvColumn = (typeof csvColumns)[number];
export type CsvRow = Record<CsvColumn, string | number>;

/**
 * The CSV audit of one case: every month, every payment, money held and applied, and one row of totals.
 * On the totals row each column that moves is the sum of the rows above it (what was ordered, collected
 * and paid; what each payment and each application of held money paid, and each payee received), and the
 * columns that stand are the figures as of the date: the balances, what is owed (the headline's figures:
 * current support due, arrears assigned and owed to the family, interest with what has accrued), URA.
 * Every row carries the case id and the date.
 */
export function statementCsvRows(caseId: string, statement: AccountStatement): CsvRow[] {
  const row = (cells: Partial<Record<CsvColumn, string | number>>): CsvRow =>
    Object.fromEntries(csvColumns.map((column) => [column, cells[column] ?? ''])) as CsvRow;
  const base = { caseId, asOf: statement.asOf };
  const months = statement.months.map((m) => row({ section: 'month', ...base, ...m }));
  const payments = statement.payments.map(({ receivedOn, isReversed, ...p }) =>
    row({ section: 'payment', ...base, date: receivedOn, ...p, isReversed: isReversed ? 'yes' : 'no' }),
  );
  const held = statement.heldApplied.map(({ ref, ...h }) => row({ section: 'held_applied', ...base, receiptId: ref, ...h }));
  const above = [...months, ...payments, ...held];
  const sum = (column: CsvColumn) => above.reduce((total, r) => total + (typeof r[column] === 'number' ? r[column] : 0), 0);
  const last = statement.months.at(-1);
  const s = statement.summary;
  return [
    ...above,
    row({
      section: 'total',
      ...base,
      ...Object.fromEntries(summedColumns.map((column) => [column, sum(column)])),
      principalBalanceCents: last?.principalBalanceCents ?? 0,
      interestBalanceCents: last?.interestBalanceCents ?? 0,
      futuresBalanceCents: s.futuresCents,
      currentDueCents: s.currentDueCents,
      arrearsOwedCents: s.arrearsCents,
      assignedArrearsCents: s.assignedArrearsCents,
      familyArrearsCents: s.familyArrearsCents,
      interestOwedCents: s.interestCents,
      uraCents: statement.uraCents,
      totalOwedCents: s.totalOwedCents,
    }),
  ];
}
