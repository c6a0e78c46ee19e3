/** Workbooks for report exports (exceljs): a sheet of rows under a bold, frozen header line. */
import ExcelJS from 'exceljs';

export type SheetColumn = Partial<ExcelJS.Column> & { header: string; key: string };

export function addTableSheet(workbook: ExcelJS.Workbook, name: string, columns: SheetColumn[], rows: Record<string, unknown>[]): ExcelJS.Worksheet {
  const sheet = workbook.addWorksheet(name);
  sheet.columns = columns;
  for (const row of rows) sheet.addRow(row);
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
