/**
 * Every exported cell, CSV or XLSX, goes through here: text a spreadsheet would run as a formula (it starts
 * with = + - @, a tab or a carriage return) is written with a leading apostrophe, so `=HYPERLINK(…)` in a
 * name or a file name arrives as text. A plain number written as text ("-12.50") is left alone.
 *
 * @example neutralised('=HYPERLINK("http://x")') // "'=HYPERLINK(\"http://x\")"
 */
import { stringify, type Input, type Options } from 'csv-stringify/sync';

const formulaStart = /^[=+\-@\t\r]/;
const plainNumber = /^-?\d+(\.\d+)?$/;

export function neutralised(text: string): string {
  return formulaStart.test(text) && !plainNumber.test(text) ? `'${text}` : text;
}

/** A cell value with its text neutralised; numbers, dates and empty cells pass as they are. */
export function safeCell<T>(value: T): T | string {
  return typeof value === 'string' ? neutralised(value) : value;
}

/** CSV text of the rows (csv-stringify), every text cell neutralised. */
export function toCsv(rows: Input, options: Options = {}): string {
  return stringify(rows, { ...options, cast: { ...options.cast, string: (value) => neutralised(value) } });
}
