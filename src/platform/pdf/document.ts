/** A new PDF with Concord's metadata and the two standard fonts every document uses. */
import { PDFDocument, StandardFonts, type PDFFont } from 'pdf-lib';

export async function newPdf(meta: { title: string; subject?: string; producedAt: Date }): Promise<{ pdf: PDFDocument; regular: PDFFont; bold: PDFFont }> {
  const pdf = await PDFDocument.create();
  pdf.setTitle(meta.title);
  if (meta.subject) pdf.setSubject(meta.subject);
  pdf.setProducer('Concord');
  pdf.setLanguage('en-US');
  pdf.setCreationDate(meta.producedAt);
  pdf.setModificationDate(meta.producedAt);
  return { pdf, regular: await pdf.embedFont(StandardFonts.Helvetica), bold: await pdf.embedFont(StandardFonts.HelveticaBold) };
}
