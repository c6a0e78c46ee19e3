/** Reading the analysts' CSV files: a header naming the columns, people checked line by line (a problem names the file, line and field), and a file cut into line ranges for the worker threads. */
import fs from 'node:fs';
import Papa from 'papaparse';
import { AppError, type ErrorCode } from '../../platform/errors';
import type { PersonFacts } from './domain/match';
import { isCalendarDate } from '../../platform/dates';

export const personColumns = ['ssn', 'first_name', 'last_name', 'date_of_birth', 'address_line1', 'zip'] as const;

/** A problem at a line of an input file: with `field`, a bad value; without, a line that cannot be read. */
export class LineError extends AppError {
  constructor(
    code: ErrorCode,
    readonly file: string,
    readonly line: number,
    message: string,
    readonly field: string = '',
    readonly reason: string = message,
    /** The lines of the file it covers (a quote left open reads several as one). */
    readonly span = 1,
    /** A doubtful value kept as written (compared all the same), rather than read as missing. */
    readonly isKept = false,
  ) {
    super('validation', code, message);
  }
}

/**
 * Where a run puts what it skips instead of stopping (skip-and-report): a bad value is reported and read
 * as missing (the line is still matched on its other fields); a line that cannot be read is reported and
 * left out. Without one, the first problem stops the run (`--strict`).
 */
export type ReportProblem = (problem: LineProblem) => void;

/** What a report says of a problem (a `LineError` says it too, when the problem stops the run). */
export type LineProblem = Pick<LineError, 'file' | 'line' | 'field' | 'reason' | 'span' | 'isKept'>;

/** A data line's values in the order [id, ...personColumns], and its line number. */
type Row = { values: string[]; line: number };

const ssnPattern = /^\d{9}$/;
const datePattern = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A bad value: stops the run, or is reported and read as missing (''). Reported, it is a plain object:
 * an error's stack, taken for each of a file's thousands of doubtful dates, was a second of a run.
 */
function badValue(report: ReportProblem | undefined, code: ErrorCode, file: string, line: number, field: string, reason: string, isKept = false): string {
  if (!report) throw new LineError(code, file, line, `${file} line ${line}, field ${field}: ${reason}.`, field, reason, 1, isKept);
  report({ file, line, field, reason, span: 1, isKept });
  return '';
}

/** A line's person; a bad value stops the run, or with `report` is reported and read as missing. An empty id is never read past. */
export function personOf({ values, line }: Row, file: string, report?: ReportProblem): PersonFacts {
  const [id, rawSsn, firstName, lastName, rawDob, addressLine1, zip] = values as [string, string, string, string, string, string, string];
  let ssn = rawSsn.includes('-') ? rawSsn.replace(/-/g, '') : rawSsn;
  let dob = rawDob;
  if (!id) throw new LineError('missing_id', file, line, `${file} line ${line}: the id is empty.`, '', 'the id is empty');
  if (ssn && !ssnPattern.test(ssn)) ssn = badValue(report, 'bad_ssn', file, line, 'ssn', 'not nine digits');
  if (dob && !datePattern.test(dob)) dob = badValue(report, 'bad_date', file, line, 'date_of_birth', 'not YYYY-MM-DD');
  // An impossible date is kept for comparison: its day and month may be swapped (1980-13-05), which is evidence.
  else if (dob && !isCalendarDate(dob)) badValue(report, 'bad_date', file, line, 'date_of_birth', 'not a real calendar date', true);
  return {
    id,
    ssn: ssn || null,
    firstName: firstName || null,
    lastName: lastName || null,
    dateOfBirth: dob || null,
    addressLine1: addressLine1 || null,
    zip: zip || null,
  };
}

/**
 * A share of a file in whole lines: bytes [start, end), the number of its first line, and the file's
 * header line (which a share after the first does not hold) — so that threads each read their own share.
 */
export interface LineRange {
  start: number;
  end: number;
  firstLine: number;
  header: string;
  headerLine: number;
}

/**
 * Splits a file into `parts` shares of about the same size, each starting at the start of a line (the
 * header line stays in the first), in one pass that counts the line feeds before each share. Also
 * returns the number of line feeds plus one: at least the file's number of lines.
 */
export async function splitLines(file: string, parts: number): Promise<{ ranges: LineRange[]; lines: number }> {
  const size = fs.statSync(file).size;
  const targets = Array.from({ length: parts - 1 }, (_, k) => Math.floor((size * (k + 1)) / parts));
  const starts: { start: number; firstLine: number }[] = [{ start: 0, firstLine: 1 }];
  // The header is the first line that is not blank; no share but the first starts before its end.
  let header: { text: string; line: number } | null = null;
  let pending: Buffer[] = [];
  let lines = 1;
  let offset = 0;
  for await (const chunk of fs.createReadStream(file) as AsyncIterable<Buffer>) {
    let from = 0;
    for (let at = chunk.indexOf(10); at !== -1; at = chunk.indexOf(10, at + 1)) {
      const position = offset + at;
      lines += 1;
      if (!header) {
        const text = Buffer.concat([...pending, chunk.subarray(from, at)]).toString('utf8');
        pending = [];
        from = at + 1;
        if (text.trim() !== '') header = { text, line: lines - 1 };
        else continue;
      }
      // The first line feed at or after a target ends the share before it.
      while (starts.length < parts && targets[starts.length - 1]! <= position + 1) starts.push({ start: position + 1, firstLine: lines });
    }
    if (!header) pending.push(chunk.subarray(from));
    offset += chunk.length;
  }
  while (starts.length < parts) starts.push({ start: size, firstLine: lines });
  const found = header ?? { text: Buffer.concat(pending).toString('utf8'), line: 1 };
  return { ranges: starts.map((s, k) => ({ ...s, end: starts[k + 1]?.start ?? size, header: found.text, headerLine: found.line })), lines };
}

/** The positions of [idColumn, ...personColumns] in the header line's fields, or a LineError. */
function pickColumns(fields: string[], file: string, idColumn: string, line: number): { picks: number[]; width: number } {
  const header = fields.map((f, i) => (i === 0 ? f.replace(/^\uFEFF/, '') : f).trim().toLowerCase());
  const missing = [idColumn, ...personColumns].filter((c) => !header.includes(c));
  if (missing.length > 0) throw new LineError('missing_columns', file, line, `${file} line ${line}: missing column(s) ${missing.join(', ')}.`);
  return { picks: [idColumn, ...personColumns].map((c) => header.indexOf(c)), width: header.length };
}

/**
 * Reads a CSV file, or one share of it (Papa Parse, streamed), and hands its data lines to `each` in
 * batches, values in the order [idColumn, ...personColumns] and trimmed, with their line numbers. The
 * header must name those columns (in any order; others are ignored); every line must have as many fields
 * as the header; blank lines are skipped but counted. A field with a line break in it (or a quote left
 * open) is refused, so line numbers stay exact. `each` may return a promise (e.g. output backpressure):
 * reading waits for it.
 */
export async function readRows(
  file: string,
  idColumn: string,
  each: (rows: Row[], bytesRead: number) => void | Promise<void>,
  range?: LineRange,
  skipLine?: ReportProblem,
): Promise<void> {
  if (range && range.end <= range.start) return;
  const input = fs.createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 16, start: range?.start, end: range && range.end - 1 });
  // A share after the first starts after the header: its columns are taken from the header line given.
  const fromHeader = range && range.start > 0 ? pickColumns(Papa.parse<string[]>(range.header).data[0] ?? [], file, idColumn, range.headerLine) : null;
  let line = range ? range.firstLine - 1 : 0;
  let picks: number[] | null = fromHeader?.picks ?? null;
  let width = fromHeader?.width ?? 0;
  let failure: Error | null = null;
  const unreadable = (problem: LineError) => {
    if (!skipLine) throw problem;
    skipLine(problem);
  };
  await new Promise<void>((resolve, reject) => {
    Papa.parse<string[]>(input, {
      skipEmptyLines: false,
      chunk: (results, parser) => {
        if (failure) return; // rows already read when the parser was stopped
        const rows: Row[] = [];
        try {
          for (const fields of results.data) {
            line += 1;
            if (fields.length === 1 && fields[0] === '') continue;
            if (!picks) {
              ({ picks, width } = pickColumns(fields, file, idColumn, line));
              continue;
            }
            if (fields.length !== width) {
              const reason = `${fields.length} fields where the header has ${width}`;
              unreadable(new LineError('bad_field_count', file, line, `${file} line ${line}: ${reason}.`, '', reason));
              continue;
            }
            const values = new Array<string>(picks.length);
            let broken = false;
            for (let i = 0; i < picks.length && !broken; i++) {
              const value = fields[picks[i]!]!.trim();
              if (value.includes('\n') || value.includes('\r')) {
                const field = i === 0 ? idColumn : personColumns[i - 1]!;
                // The lines read as one are counted, so the next line's number is still the file's.
                const swallowed = fields.reduce((n, f) => n + (f.match(/\n/g)?.length ?? 0), 0);
                const reason = `has a line break (or a quote left open)${skipLine && swallowed > 0 ? `: ${swallowed + 1} lines read as one, left out` : ''}`;
                unreadable(new LineError('line_break', file, line, `${file} line ${line}, field ${field}: ${reason}.`, field, reason, swallowed + 1));
                line += swallowed;
                broken = true;
              }
              values[i] = value;
            }
            if (!broken) rows.push({ values, line });
          }
          const waited = each(rows, input.bytesRead);
          if (waited) {
            parser.pause();
            waited.then(() => parser.resume(), fail);
          }
        } catch (error) {
          fail(error as Error);
        }
        function fail(error: Error) {
          failure ??= error;
          parser.abort();
        }
      },
      complete: () => (failure ? reject(failure) : resolve()),
      error: (error) => reject(error),
    });
  });
}
