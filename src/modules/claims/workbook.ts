/**
 * The claim as an XLSX workbook: the template the app provides (prefilled with the claim as saved), and
 * the import of a filled-in template. Import errors name the sheet, the cell and the reason; a file with
 * any error changes nothing.
 */
import ExcelJS from 'exceljs';
import type { Actor } from '../../platform/auth/actor';
import { authorize } from '../../platform/auth/scope';
import type { Tx } from '../../platform/db/connect';
import { AppError, type FieldError } from '../../platform/errors';
import { assertSheetWithinLimits, assertWorkbookWithinLimits, newWorkbook, workbookBuffer } from '../../platform/xlsx';
import type { ClaimDetail } from './contract';
import { adjustmentExceptions, attachmentKinds, claimLineCodes, type AdjustmentException, type AttachmentKind, type ClaimLineCode } from './domain/policy';
import type { AdjustmentItem, Attachment, ClaimLines } from './domain/claim';
import { isQuarter } from './domain/calendar';
import { policyFor, saveClaim } from './service';
import { claimOfQuarter } from './store';
import { neutralised } from '../../platform/export-cells';

const claimSheet = 'Claim';
const attachmentSheet = 'Time reports';
const adjustmentSheet = 'Adjustments';
const firstLineRow = 4;

export async function claimTemplate(tx: Tx, actor: Actor, lcsaId: string, quarter: string): Promise<Buffer> {
  authorize(actor, 'claims.prepare');
  const saved = await claimOfQuarter(tx, lcsaId, quarter);
  const lines = (saved?.lines ?? {}) as ClaimLines;
  const attachments = (saved?.attachments ?? []) as Attachment[];
  const workbook = newWorkbook();
  const sheet = workbook.addWorksheet(claimSheet);
  sheet.getCell('A1').value = `Administrative expenditure claim — ${lcsaId}, ${quarter}`;
  sheet.getCell('A1').font = { bold: true, size: 13 };
  sheet.getCell('A2').value = 'Enter dollars and cents. Program income as a positive amount. Keep the codes in column A.';
  sheet.getRow(3).values = ['Code', 'Line', 'Current quarter ($)', 'Prior-quarter adjustments ($)', 'Next-quarter estimate ($)'];
  sheet.getRow(3).font = { bold: true };
  sheet.columns = [{ width: 26 }, { width: 50 }, { width: 20 }, { width: 26 }, { width: 24 }];
  for (const [i, def] of policyFor(quarter).lines.entries()) {
    const amounts = lines[def.code];
    sheet.getRow(firstLineRow + i).values = [
      def.code,
      def.label,
      (amounts?.currentCents ?? 0) / 100,
      (amounts?.adjustmentCents ?? 0) / 100,
      (amounts?.estimateCents ?? 0) / 100,
    ];
    for (const col of [3, 4, 5]) sheet.getRow(firstLineRow + i).getCell(col).numFmt = '#,##0.00';
  }
  const justificationRow = firstLineRow + policyFor(quarter).lines.length + 1;
  sheet.getCell(`A${justificationRow}`).value = 'Over-allocation justification';
  sheet.getCell(`B${justificationRow}`).value = neutralised(saved?.overAllocationJustification ?? '');
  const times = workbook.addWorksheet(attachmentSheet);
  times.getRow(1).values = ['Kind', 'IV-D hours', 'Non-IV-D hours', 'Staff', 'Note'];
  times.getRow(1).font = { bold: true };
  times.columns = [{ width: 22 }, { width: 12 }, { width: 16 }, { width: 8 }, { width: 50 }];
  for (const [i, a] of attachments.entries()) times.getRow(2 + i).values = [a.kind, a.ivdHours, a.nonIvdHours, a.staffCount, a.note ?? ''];
  const adjusted = workbook.addWorksheet(adjustmentSheet);
  adjusted.getRow(1).values = ['Line code', 'Quarter adjusted', 'Amount ($)', 'Reason', 'Exception (45 CFR 95.19)', 'Reference'];
  adjusted.getRow(1).font = { bold: true };
  adjusted.columns = [{ width: 26 }, { width: 16 }, { width: 14 }, { width: 40 }, { width: 34 }, { width: 30 }];
  for (const [i, a] of ((saved?.adjustments ?? []) as AdjustmentItem[]).entries()) {
    adjusted.getRow(2 + i).values = [a.line, a.quarter, a.amountCents / 100, neutralised(a.reason), a.exception ?? '', neutralised(a.reference ?? '')];
    adjusted.getRow(2 + i).getCell(3).numFmt = '#,##0.00';
  }
  return workbookBuffer(workbook);
}

function cellText(cell: ExcelJS.Cell): string {
  const value = cell.value;
  if (value === null || value === undefined) return '';
  if (typeof value === 'object' && 'result' in value) return String(value.result ?? '');
  if (typeof value === 'object' && 'richText' in value) return value.richText.map((t) => t.text).join('');
  return String(value);
}

/** Whole cents from a cell holding dollars (a number, or text like "1,234.50"); null if it is not an amount. */
function centsOf(cell: ExcelJS.Cell): number | null {
  const text = cellText(cell).replace(/[$,\s]/g, '');
  if (text === '') return 0;
  if (!/^-?\d+(\.\d+)?$/.test(text)) return null;
  const cents = Math.round(Number(text) * 100);
  return Math.abs(Number(text) * 100 - cents) > 1e-6 ? null : cents;
}

/** Reads a filled-in template into a claim, or throws one validation error listing every bad cell. */
export async function readClaimWorkbook(
  bytes: Buffer,
): Promise<{ lines: ClaimLines; attachments: Attachment[]; adjustments: AdjustmentItem[]; overAllocationJustification: string }> {
  await assertWorkbookWithinLimits(bytes);
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(new Uint8Array(bytes).buffer);
  } catch {
    throw new AppError('validation', 'claim_file_unreadable', 'The file is not an XLSX workbook.', [
      { path: 'file', message: 'an .xlsx file made from the template' },
    ]);
  }
  const errors: FieldError[] = [];
  const sheet = workbook.getWorksheet(claimSheet);
  if (!sheet)
    throw new AppError('validation', 'claim_file_invalid', `The workbook has no sheet named "${claimSheet}".`, [
      { path: claimSheet, message: 'sheet missing' },
    ]);
  assertSheetWithinLimits(sheet);
  const lines: ClaimLines = {};
  let justification = '';
  sheet.eachRow((row, rowNumber) => {
    if (rowNumber < firstLineRow) return;
    const code = cellText(row.getCell(1)).trim();
    if (code === '') return;
    if (code === 'Over-allocation justification') {
      justification = cellText(row.getCell(2)).trim();
      return;
    }
    if (!(claimLineCodes as readonly string[]).includes(code)) {
      errors.push({ path: `${claimSheet}!A${rowNumber}`, message: `unknown line code "${code}"` });
      return;
    }
    const amounts = { currentCents: 0, adjustmentCents: 0, estimateCents: 0 };
    for (const [col, key, letter] of [
      [3, 'currentCents', 'C'],
      [4, 'adjustmentCents', 'D'],
      [5, 'estimateCents', 'E'],
    ] as const) {
      const cents = centsOf(row.getCell(col));
      if (cents === null)
        errors.push({ path: `${claimSheet}!${letter}${rowNumber}`, message: `"${cellText(row.getCell(col))}" is not an amount in dollars and cents` });
      else amounts[key] = cents;
    }
    lines[code as ClaimLineCode] = amounts;
  });
  const attachments: Attachment[] = [];
  workbook.getWorksheet(attachmentSheet)?.eachRow((row, rowNumber) => {
    if (rowNumber === 1) return;
    const kind = cellText(row.getCell(1)).trim();
    if (kind === '') return;
    if (!(attachmentKinds as readonly string[]).includes(kind)) {
      errors.push({ path: `${attachmentSheet}!A${rowNumber}`, message: `"${kind}" is not time_study or time_certification` });
      return;
    }
    const counts: number[] = [];
    for (const [col, letter] of [
      [2, 'B'],
      [3, 'C'],
      [4, 'D'],
    ] as const) {
      const text = cellText(row.getCell(col)).trim() || '0';
      if (!/^\d+$/.test(text)) errors.push({ path: `${attachmentSheet}!${letter}${rowNumber}`, message: `"${text}" is not a whole number` });
      counts.push(Number(text));
    }
    const note = cellText(row.getCell(5)).trim();
    attachments.push({ kind: kind as AttachmentKind, ivdHours: counts[0]!, nonIvdHours: counts[1]!, staffCount: counts[2]!, ...(note ? { note } : {}) });
  });
  const adjustments: AdjustmentItem[] = [];
  workbook.getWorksheet(adjustmentSheet)?.eachRow((row, rowNumber) => {
    if (rowNumber === 1) return;
    const [line, quarter, , reason, exception, reference] = [1, 2, 3, 4, 5, 6].map((col) => cellText(row.getCell(col)).trim());
    if (!line && !quarter && !reason) return;
    const at = (letter: string) => `${adjustmentSheet}!${letter}${rowNumber}`;
    if (!(claimLineCodes as readonly string[]).includes(line!)) errors.push({ path: at('A'), message: `unknown line code "${line}"` });
    if (!isQuarter(quarter!)) errors.push({ path: at('B'), message: `"${quarter}" is not a quarter like 2025-Q2` });
    const amountCents = centsOf(row.getCell(3));
    if (amountCents === null) errors.push({ path: at('C'), message: `"${cellText(row.getCell(3))}" is not an amount in dollars and cents` });
    if ((reason ?? '').length < 3 || (reason ?? '').length > 500) errors.push({ path: at('D'), message: 'say why, in 3 to 500 characters' });
    if ((reference ?? '').length > 200) errors.push({ path: at('F'), message: 'at most 200 characters' });
    if (exception && !(adjustmentExceptions as readonly string[]).includes(exception))
      errors.push({ path: at('E'), message: `"${exception}" is not one of ${adjustmentExceptions.join(', ')}` });
    adjustments.push({
      line: line as ClaimLineCode,
      quarter: quarter!,
      amountCents: amountCents ?? 0,
      reason: reason!,
      ...(exception ? { exception: exception as AdjustmentException } : {}),
      ...(reference ? { reference } : {}),
    });
  });
  if (errors.length > 0) {
    throw new AppError(
      'validation',
      'claim_file_invalid',
      `The workbook has ${errors.length} error${errors.length === 1 ? '' : 's'}: ${errors.map((e) => `${e.path} ${e.message}`).join('; ')}.`,
      errors,
    );
  }
  return { lines, attachments, adjustments, overAllocationJustification: justification };
}

/** Imports a filled-in template as a new version of the LCSA's claim; a file with errors changes nothing. */
export async function importClaimWorkbook(tx: Tx, actor: Actor, lcsaId: string, quarter: string, bytes: Buffer): Promise<ClaimDetail> {
  authorize(actor, 'claims.prepare');
  const read = await readClaimWorkbook(bytes);
  return saveClaim(tx, actor, { lcsaId, quarter, ...read }, 'xlsx import');
}
