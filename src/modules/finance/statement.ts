/**
 * The account statement as a PDF: the headline balances (current support, arrears and interest apart,
 * CCP 695.211) and the month-by-month audit of ordered against paid (FC 17526). Used by the API and by
 * the offline `concord finance audit --format pdf`. pdf-lib draws it; the 14 standard fonts need no files.
 */
import { rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import { newPdf } from '../../platform/pdf/document';
import { formatCents } from '../../platform/money';
import type { MonthlyAuditRow } from './contract';
import type { StatementSummary } from './domain/account-audit';
import type { CalendarDate } from '../../platform/dates';

export interface StatementInput {
  /** Case number (or the interchange file's case id). */
  caseLabel: string;
  /** For example the LCSA's name; omitted offline. */
  issuer?: string;
  asOf: CalendarDate;
  summary: StatementSummary;
  months: MonthlyAuditRow[];
  /** When the statement was produced (ISO timestamp); fixed in tests for reproducible bytes. */
  producedAt: Date;
}

const pageSize: [number, number] = [792, 612]; // US Letter, landscape: eight money columns fit.
const margin = 40;
const columns: { title: string; width: number; value: (row: MonthlyAuditRow) => string }[] = [
  { title: 'Month', width: 62, value: (r) => r.month },
  { title: 'Ordered', width: 84, value: (r) => formatCents(r.orderedCents) },
  { title: 'Collected', width: 84, value: (r) => formatCents(r.collectedCents) },
  { title: 'Principal paid', width: 84, value: (r) => formatCents(r.principalPaidCents) },
  { title: 'Interest charged', width: 84, value: (r) => formatCents(r.interestChargedCents) },
  { title: 'Interest paid', width: 84, value: (r) => formatCents(r.interestPaidCents) },
  { title: 'Principal owed', width: 90, value: (r) => formatCents(r.principalBalanceCents) },
  { title: 'Interest owed', width: 84, value: (r) => formatCents(r.interestBalanceCents) },
  { title: 'Held (futures)', width: 56, value: (r) => formatCents(r.futuresBalanceCents) },
];

function drawRow(page: PDFPage, font: PDFFont, y: number, cells: string[], size: number): void {
  let x = margin;
  cells.forEach((text, i) => {
    const width = columns[i]!.width;
    // Money right-aligned in its column; the month left-aligned.
    const offset = i === 0 ? 0 : width - 6 - font.widthOfTextAtSize(text, size);
    page.drawText(text, { x: x + offset, y, size, font, color: rgb(0, 0, 0) });
    x += width;
  });
}

export async function renderStatementPdf(input: StatementInput): Promise<Uint8Array> {
  const { pdf, regular, bold } = await newPdf({
    title: `Account statement — case ${input.caseLabel} as of ${input.asOf}`,
    subject: 'Child support account statement: current support, arrears and interest',
    producedAt: input.producedAt,
  });
  let page = pdf.addPage(pageSize);
  let y = pageSize[1] - margin;
  const line = (text: string, font: PDFFont, size: number, gap = size + 6) => {
    page.drawText(text, { x: margin, y, size, font });
    y -= gap;
  };
  line('Child support account statement', bold, 16, 22);
  line(`Case ${input.caseLabel}${input.issuer ? ` · ${input.issuer}` : ''} · as of ${input.asOf}`, regular, 11, 22);
  const s = input.summary;
  for (const [label, cents] of [
    ['Current support due this month', s.currentDueCents],
    ['Arrears (unpaid support from earlier months)', s.arrearsCents],
    ['Interest (10% simple, unpaid)', s.interestCents],
    ['Total owed', s.totalOwedCents],
    ['Held for future support', s.futuresCents],
  ] as const) {
    page.drawText(label, { x: margin, y, size: 11, font: label === 'Total owed' ? bold : regular });
    const amount = formatCents(cents);
    page.drawText(amount, { x: margin + 360 - regular.widthOfTextAtSize(amount, 11), y, size: 11, font: regular });
    y -= 16;
  }
  y -= 10;
  line('Month by month: support ordered and paid, interest, balances at month end', bold, 12, 20);
  const header = () => {
    drawRow(
      page,
      bold,
      y,
      columns.map((c) => c.title),
      8,
    );
    y -= 14;
  };
  header();
  for (const row of input.months) {
    if (y < margin + 20) {
      page = pdf.addPage(pageSize);
      y = pageSize[1] - margin;
      header();
    }
    drawRow(
      page,
      regular,
      y,
      columns.map((c) => c.value(row)),
      8,
    );
    y -= 12;
  }
  const pages = pdf.getPages();
  pages.forEach((p, i) =>
    p.drawText(`Case ${input.caseLabel} · as of ${input.asOf} · page ${i + 1} of ${pages.length}`, { x: margin, y: margin / 2, size: 8, font: regular }),
  );
  return pdf.save();
}
