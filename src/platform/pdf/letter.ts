/**
 * A plain letter as a PDF (notices, demand letters): a title, facts as label–value rows, and paragraphs
 * wrapped to the page, with page numbers. pdf-lib with a standard font, so no font files are needed.
 *
 * @example
 *   const pdf = await renderLetter({ title: 'Notice', facts: [['Claim', 'A-1']], paragraphs: ['Withhold…'], footer: 'Notice N-1', producedAt: new Date() });
 */
import type { PDFFont, PDFPage } from 'pdf-lib';
import { newPdf } from './document';

export interface Letter {
  title: string;
  /** Lines under the title: sender, date, reference. */
  heading?: string[];
  facts: [string, string][];
  paragraphs: string[];
  footer: string;
  producedAt: Date;
}

const pageSize: [number, number] = [612, 792]; // US Letter, portrait
const margin = 56;

/** Splits text into lines no wider than `width` at `size` (words kept whole; WinAnsi text only). */
export function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = [];
  let current = '';
  for (const word of text.split(/\s+/)) {
    const candidate = current ? `${current} ${word}` : word;
    if (font.widthOfTextAtSize(candidate, size) <= width || !current) current = candidate;
    else {
      lines.push(current);
      current = word;
    }
  }
  if (current) lines.push(current);
  return lines;
}

export async function renderLetter(letter: Letter): Promise<Uint8Array> {
  return renderLetters(letter.title, [letter], letter.producedAt);
}

/**
 * Several letters in one PDF (a package: one recorder's documents, say), each from a new page, with the
 * fonts embedded once; every page is numbered within its letter.
 */
export async function renderLetters(title: string, letters: Omit<Letter, 'producedAt'>[], producedAt: Date): Promise<Uint8Array> {
  const { pdf, regular, bold } = await newPdf({ title, producedAt });
  const width = pageSize[0] - 2 * margin;
  for (const letter of letters) {
    const pages: PDFPage[] = [pdf.addPage(pageSize)];
    let page = pages[0]!;
    let y = pageSize[1] - margin;
    const ensureRoom = (height: number) => {
      if (y - height < margin + 24) {
        page = pdf.addPage(pageSize);
        pages.push(page);
        y = pageSize[1] - margin;
      }
    };
    const write = (text: string, font: PDFFont, size: number) => {
      ensureRoom(size + 4);
      page.drawText(text, { x: margin, y, size, font });
      y -= size + 5;
    };
    for (const line of wrap(letter.title, bold, 15, width)) write(line, bold, 15);
    y -= 6;
    for (const line of letter.heading ?? []) write(line, regular, 10);
    y -= 8;
    for (const [label, value] of letter.facts) {
      const lines = wrap(value, regular, 10, width - 190);
      ensureRoom(lines.length * 15);
      page.drawText(label, { x: margin, y, size: 10, font: bold });
      for (const line of lines) {
        page.drawText(line, { x: margin + 190, y, size: 10, font: regular });
        y -= 15;
      }
    }
    y -= 8;
    for (const paragraph of letter.paragraphs) {
      for (const line of wrap(paragraph, regular, 10.5, width)) write(line, regular, 10.5);
      y -= 7;
    }
    pages.forEach((p, i) => p.drawText(`${letter.footer} · page ${i + 1} of ${pages.length}`, { x: margin, y: margin / 2, size: 8, font: regular }));
  }
  return pdf.save();
}
