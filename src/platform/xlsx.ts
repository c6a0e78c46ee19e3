/** Workbooks for report exports (exceljs): a sheet of rows under a bold, frozen header line, text neutralised (export-cells.ts). */
import ExcelJS from 'exceljs';
import { AppError } from './errors';
import { safeCell } from './export-cells';
import { unpackZip } from './zip';

export type SheetColumn = Partial<ExcelJS.Column> & { header: string; key: string };

export function addTableSheet(workbook: ExcelJS.Workbook, name: string, columns: SheetColumn[], rows: Record<string, unknown>[]): ExcelJS.Worksheet {
  const sheet = workbook.addWorksheet(name);
  sheet.columns = columns;
  for (const row of rows) sheet.addRow(Object.fromEntries(Object.entries(row).map(([key, value]) => [key, safeCell(value)])));
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  return sheet;
}

export function newWorkbook(): ExcelJS.Workbook {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Concord';
  return workbook;
}

export async function workbookBuffer(workbook: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** What an uploaded workbook may hold: a claim template is a few hundred kilobytes when unpacked. */
export interface WorkbookLimits {
  maxEntries: number;
  /** Bytes of all parts unpacked, counted as they inflate (a zip's own size fields can lie). */
  maxUnpackedBytes: number;
  maxRows: number;
  maxColumns: number;
  maxCellLength: number;
}

export const uploadLimits: WorkbookLimits = { maxEntries: 100, maxUnpackedBytes: 4 * 2 ** 20, maxRows: 2_000, maxColumns: 50, maxCellLength: 10_000 };

const tooLarge = (what: string) =>
  new AppError('too_large', 'workbook_too_large', `The workbook is larger than an upload may be: ${what}.`, [{ path: 'file', message: what }]);

/**
 * Unpacks every part of an uploaded XLSX with a running count and refuses it, before exceljs builds it
 * in memory, when it holds too many parts or unpacks to more than the limit (a zip bomb stops at the
 * limit, whatever its headers claim). Not a zip at all: a validation error.
 */
export async function assertWorkbookWithinLimits(bytes: Buffer, limits: WorkbookLimits = uploadLimits): Promise<void> {
  await unpackZip(
    bytes,
    limits,
    {
      tooLarge,
      unreadable: (why) =>
        new AppError(
          'validation',
          'workbook_unreadable',
          why === 'not a zip file' ? 'The file is not an XLSX workbook.' : 'The file is not a readable XLSX workbook.',
          [{ path: 'file', message: why === 'not a zip file' ? 'not an .xlsx file' : 'damaged .xlsx file' }],
        ),
    },
    false,
  );
}

/** Refuses a loaded sheet with more rows, columns or longer cells than an upload may have. */
export function assertSheetWithinLimits(sheet: ExcelJS.Worksheet, limits: WorkbookLimits = uploadLimits): void {
  if (sheet.rowCount > limits.maxRows) throw tooLarge(`${sheet.rowCount} rows on sheet ${sheet.name} (at most ${limits.maxRows})`);
  if (sheet.columnCount > limits.maxColumns) throw tooLarge(`${sheet.columnCount} columns on sheet ${sheet.name} (at most ${limits.maxColumns})`);
  sheet.eachRow((row) =>
    row.eachCell((cell) => {
      if (String(cell.text ?? '').length > limits.maxCellLength)
        throw tooLarge(`a cell longer than ${limits.maxCellLength} characters at ${sheet.name}!${cell.address}`);
    }),
  );
}
