/**
 * A report as a PDF, landscape US Letter: a title, lines of text, label–amount figures and tables whose
 * header repeats on every page they run onto, with page numbers. The account statement and the federal
 * reports (OCSE-34, OCSE-396) are drawn with it. pdf-lib with the standard fonts, so no font files.
 *
 * @example
 *   const pdf = await renderReportPdf({ title: 'OCSE-34 2026-Q3', tables: [{ title: 'Collections', columns, rows }], footer: 'OCSE-34', producedAt });
 */
import { rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import { formatCents } from '../money';
import { newPdf } from './document';

export interface ReportColumn {
  title: string;
  width: number;
  /** Text left-aligned (dates, ids, labels); figures are right-aligned. */
  isText?: boolean;
}

const pageSize: [number, number] = [792, 612]; // US Letter, landscape: ten money columns fit.
const margin = 40;

const lookalikes: Record<string, string> = { '\u2212': '-', '\u2011': '-', '\u00a0': ' ', '\u2009': ' ', '\u202f': ' ' };

/** The text with what the standard fonts cannot draw (WinAnsi) replaced by a look-alike or "?". */
export function drawable(text: string, font: PDFFont): string {
  const known = new Set(font.getCharacterSet());
  return [...text].map((c) => (known.has(c.codePointAt(0)!) ? c : (lookalikes[c] ?? '?'))).join('');
}

/** The text, shortened with an ellipsis in the middle when it is wider than the column (an id keeps both ends). */
function fitted(text: string, font: PDFFont, size: number, width: number): string {
  if (font.widthOfTextAtSize(text, size) <= width) return text;
  let keep = text.length - 1;
  const cut = (n: number) => `${text.slice(0, Math.ceil(n / 2))}…${text.slice(text.length - Math.floor(n / 2))}`;
  while (keep > 2 && font.widthOfTextAtSize(cut(keep), size) > width) keep -= 1;
  return cut(keep);
}

function drawRow(page: PDFPage, font: PDFFont, y: number, columns: ReportColumn[], cells: string[], size: number): void {
  let x = margin;
  cells.forEach((raw, i) => {
    const column = columns[i]!;
    const text = fitted(drawable(raw, font), font, size, column.width - 6);
    const offset = column.isText ? 0 : column.width - 6 - font.widthOfTextAtSize(text, size);
    page.drawText(text, { x: x + offset, y, size, font, color: rgb(0, 0, 0) });
    x += column.width;
  });
}

export interface ReportWriter {
  /** A line of text; `gap` is the room it takes. */
  line(text: string, style?: 'title' | 'heading' | 'body', gap?: number): void;
  /** Label–amount rows; a label starting with two spaces is indented (a part of the row above). */
  figures(rows: [label: string, cents: number, isTotal?: boolean][]): void;
  /** A titled table, or the `empty` sentence when it has no rows. */
  table(title: string, columns: ReportColumn[], rows: string[][], empty: string): void;
  /** Numbers every page with the footer and returns the bytes. */
  finish(footer: string): Promise<Uint8Array>;
}

export async function newReport(meta: { title: string; subject?: string; producedAt: Date }): Promise<ReportWriter> {
  const { pdf, regular, bold } = await newPdf(meta);
  let page = pdf.addPage(pageSize);
  let y = pageSize[1] - margin;
  const newPageIfBelow = (room: number) => {
    if (y >= margin + room) return;
    page = pdf.addPage(pageSize);
    y = pageSize[1] - margin;
  };
  const styles = { title: { font: bold, size: 16 }, heading: { font: bold, size: 12 }, body: { font: regular, size: 11 } };
  const writer: ReportWriter = {
    line(text, style = 'body', gap) {
      const { font, size } = styles[style];
      const room = gap ?? size + 6;
      newPageIfBelow(room);
      page.drawText(drawable(text, font), { x: margin, y, size, font });
      y -= room;
    },
    figures(rows) {
      for (const [label, cents, isTotal] of rows) {
        newPageIfBelow(16);
        const indent = label.startsWith('  ') ? 16 : 0;
        page.drawText(drawable(label.trim(), isTotal ? bold : regular), { x: margin + indent, y, size: 10, font: isTotal ? bold : regular });
        const amount = formatCents(cents);
        page.drawText(amount, { x: margin + 380 - regular.widthOfTextAtSize(amount, 10), y, size: 10, font: regular });
        y -= 14;
      }
      y -= 8;
    },
    table(title, columns, rows, empty) {
      writer.line(title, 'heading', 18);
      if (rows.length === 0) return writer.line(empty, 'body', 20);
      const header = () =>
        drawRow(
          page,
          bold,
          y,
          columns,
          columns.map((c) => c.title),
          8,
        );
      newPageIfBelow(40);
      header();
      y -= 14;
      for (const cells of rows) {
        if (y < margin + 20) {
          page = pdf.addPage(pageSize);
          y = pageSize[1] - margin;
          header();
          y -= 14;
        }
        drawRow(page, regular, y, columns, cells, 8);
        y -= 12;
      }
      y -= 12;
    },
    async finish(footer) {
      const pages = pdf.getPages();
      const text = drawable(footer, regular);
      pages.forEach((p, i) => p.drawText(`${text} · page ${i + 1} of ${pages.length}`, { x: margin, y: margin / 2, size: 8, font: regular }));
      return pdf.save();
    },
  };
  return writer;
}

/** A whole report at once: title, heading lines, then its tables. */
export async function renderReportPdf(report: {
  title: string;
  subject?: string;
  heading: string[];
  tables: { title: string; columns: ReportColumn[]; rows: string[][]; empty?: string }[];
  footer: string;
  producedAt: Date;
}): Promise<Uint8Array> {
  const writer = await newReport(report);
  writer.line(report.title, 'title', 22);
  for (const text of report.heading) writer.line(text, 'body', 16);
  writer.line('', 'body', 8);
  for (const table of report.tables) writer.table(table.title, table.columns, table.rows, table.empty ?? 'Nothing to report.');
  return writer.finish(report.footer);
}
