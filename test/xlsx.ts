/** A downloaded workbook's sheet as rows of cell values (header first), for asserting what an export holds. */
import ExcelJS from 'exceljs';

export async function sheetValues(payload: Buffer, sheetName: string): Promise<unknown[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(payload as unknown as ArrayBuffer);
  const sheet = workbook.getWorksheet(sheetName);
  if (!sheet) throw new Error(`The workbook has no sheet ${sheetName}.`);
  const rows: unknown[][] = [];
  sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return rows;
}
