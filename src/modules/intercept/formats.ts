/**
 * Claim files from insurers, in two documented formats, read as a stream (a 100 MB file is never held in
 * memory): each line gives either a claim or the list of its problems (line, field, reason).
 *
 * CSV (UTF-8, header line, any column order; dates YYYY-MM-DD; amount in dollars with cents):
 *   claim_number, claim_type, payment_type (lump_sum | periodic), amount, loss_date,
 *   claimant_ssn, claimant_first_name, claimant_last_name, claimant_date_of_birth,
 *   claimant_address_line1, claimant_city, claimant_state, claimant_zip
 *
 * Fixed width (one 191-character record per line, blank fields space-filled; modelled on the OCSE
 * insurance match standard input file):
 *   1–2 record id "IM" · 3–10 processing date CCYYMMDD · 11–19 claimant SSN · 20–39 last name ·
 *   40–54 first name · 55–62 date of birth CCYYMMDD · 63–102 address line · 103–127 city · 128–129 state ·
 *   130–138 ZIP (5 or 9) · 139–168 claim number · 169–170 claim type code · 171 payment type (L or P) ·
 *   172–183 amount in cents, zero-filled · 184–191 loss date CCYYMMDD
 *
 * Either way the claimant needs an SSN, or else a date of birth and an address (as OCSE requires).
 */
import readline from 'node:readline';
import { pipeline, type Readable } from 'node:stream';
import { CsvError, parse } from 'csv-parse';
import { type CalendarDate, isCalendarDate } from '../../platform/dates';
import { isPlausibleSsn } from './domain/ssn';

import { claimTypes, csvColumnHelp, csvColumns, exemptClaimTypes, fixedWidthLength, reportableClaimTypes } from './contract';

export { claimTypes, csvColumnHelp, csvColumns, exemptClaimTypes, fixedWidthLength, reportableClaimTypes };
export type ClaimType = (typeof claimTypes)[number];

/** Two-character codes of the fixed-width layout, in the order of `claimTypes`. */
export const claimTypeCodes: Record<string, ClaimType> = Object.fromEntries(claimTypes.map((t, i) => [String(i + 1).padStart(2, '0'), t]));

export interface ClaimLine {
  claimNumber: string;
  claimType: ClaimType;
  paymentType: 'lump_sum' | 'periodic';
  amountCents: number;
  lossDate: CalendarDate | null;
  ssn: string | null;
  firstName: string;
  lastName: string;
  dateOfBirth: CalendarDate | null;
  addressLine1: string | null;
  city: string | null;
  state: string | null;
  zip: string | null;
}

export interface LineProblem {
  field: string;
  reason: string;
}

export type ReadLine = { line: number; claim: ClaimLine; problems?: undefined } | { line: number; claim?: undefined; problems: LineProblem[] };

type Raw = Partial<Record<(typeof csvColumns)[number], string>>;

const ccyymmdd = (value: string) => (/^\d{8}$/.test(value) ? `${value.slice(0, 4)}-${value.slice(4, 6)}-${value.slice(6, 8)}` : value);

/** The longest value each field may hold: a longer one (a 10 MB field) refuses its line, never the file. */
const fieldLimits: Record<(typeof csvColumns)[number], number> = {
  claim_number: 30,
  claim_type: 40,
  payment_type: 20,
  amount: 20,
  loss_date: 10,
  claimant_ssn: 11,
  claimant_first_name: 60,
  claimant_last_name: 60,
  claimant_date_of_birth: 10,
  claimant_address_line1: 120,
  claimant_city: 60,
  claimant_state: 2,
  claimant_zip: 10,
};

/** A NUL or other control character (tab aside), or the replacement character of bytes that are not UTF-8: binary in a text field. */
function hasBinary(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if ((code < 32 && code !== 9) || code === 127 || code === 0xfffd) return true;
  }
  return false;
}

/** Checks one line's values; the same rules for both formats. */
function validate(raw: Raw, amountCents: number | null): { claim?: ClaimLine; problems: LineProblem[] } {
  const problems: LineProblem[] = [];
  const problem = (field: string, reason: string) => problems.push({ field, reason });
  // Bounds and binary bytes first: a field that fails them is reported once and read no further.
  const unusable = new Set<string>();
  for (const column of csvColumns) {
    const value = raw[column] ?? '';
    if (value.length > fieldLimits[column]) {
      problem(column, `is longer than ${fieldLimits[column]} characters`);
      unusable.add(column);
    } else if (hasBinary(value)) {
      problem(column, 'holds control or binary characters');
      unusable.add(column);
    }
  }
  if (unusable.size > 0) return { problems };
  const text = (field: keyof Raw) => (raw[field] ?? '').trim();
  const claimNumber = text('claim_number');
  if (!claimNumber) problem('claim_number', 'is required');
  const claimType = text('claim_type') as ClaimType;
  if (!claimTypes.includes(claimType)) problem('claim_type', `must be one of ${claimTypes.join(', ')}`);
  const paymentType = text('payment_type');
  if (paymentType !== 'lump_sum' && paymentType !== 'periodic') problem('payment_type', 'must be lump_sum or periodic');
  if (amountCents === null || !Number.isSafeInteger(amountCents) || amountCents <= 0) problem('amount', 'must be a positive amount in dollars and cents');
  const dateField = (field: keyof Raw) => {
    const value = text(field);
    if (value && isCalendarDate(value)) return value;
    if (value) problem(field, 'is not a date (YYYY-MM-DD)');
    return null;
  };
  const lossDate = dateField('loss_date');
  const dateOfBirth = dateField('claimant_date_of_birth');
  const ssn = text('claimant_ssn').replace(/-/g, '');
  if (ssn && !/^\d{9}$/.test(ssn)) problem('claimant_ssn', 'must be nine digits');
  else if (ssn && !isPlausibleSsn(ssn)) problem('claimant_ssn', 'is never issued (area 000 or 666; group 00; serial 0000)');
  const firstName = text('claimant_first_name');
  const lastName = text('claimant_last_name');
  if (!lastName) problem('claimant_last_name', 'is required');
  if (!firstName) problem('claimant_first_name', 'is required');
  const addressLine1 = text('claimant_address_line1');
  const zip = text('claimant_zip');
  if (zip && !/^\d{5}(\d{4})?$/.test(zip.replace('-', ''))) problem('claimant_zip', 'must be 5 or 9 digits');
  if (!ssn && !(dateOfBirth && addressLine1)) problem('claimant_ssn', 'is required unless the date of birth and the address are given');
  if (problems.length > 0) return { problems };
  return {
    problems,
    claim: {
      claimNumber,
      claimType,
      paymentType: paymentType as ClaimLine['paymentType'],
      amountCents: amountCents!,
      lossDate,
      ssn: ssn || null,
      firstName,
      lastName,
      dateOfBirth,
      addressLine1: addressLine1 || null,
      city: text('claimant_city') || null,
      state: text('claimant_state').toUpperCase() || null,
      zip: zip ? zip.replace('-', '').slice(0, 5) : null,
    },
  };
}

/** "1,234.56" or "1234" dollars → cents, without floating point; null when it is not an amount. */
export function dollarsToCents(text: string): number | null {
  const match = /^\$?(\d{1,9})(?:\.(\d{1,2}))?$/.exec(text.replace(/,/g, '').trim());
  if (!match) return null;
  return Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
}

/** Why a line could not be read as CSV, in words that never repeat the line's values. */
const csvReasons: Record<string, string> = {
  INVALID_OPENING_QUOTE: 'has a quote inside an unquoted value (quote the whole value, or remove the quote)',
  CSV_INVALID_CLOSING_QUOTE: 'has text after a closing quote',
  CSV_QUOTE_NOT_CLOSED: 'opens a quote that is never closed',
  CSV_RECORD_INCONSISTENT_FIELDS_LENGTH: 'has the wrong number of values',
};

/** A line the CSV parser could not read, as a problem naming its line and field (never its value). */
function unreadableLine(error: CsvError): ReadLine {
  const field = typeof error.column === 'string' ? error.column : 'line';
  return { line: Number(error.lines) || 0, problems: [{ field, reason: csvReasons[error.code] ?? 'could not be read as CSV' }] };
}

export async function* readCsvClaims(input: Readable): AsyncGenerator<ReadLine> {
  // A line the parser cannot read is skipped and reported as a refused line; the rest of the file is read.
  const unreadable: ReadLine[] = [];
  // pipeline, not pipe: the input breaking (a dropped upload) ends the read with its error.
  const parser = pipeline(
    input,
    parse({
      columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()),
      skip_empty_lines: true,
      relax_column_count: true,
      info: true,
      bom: true,
      skip_records_with_error: true,
      on_skip: (error) => void unreadable.push(unreadableLine(error as CsvError)),
    }),
    () => undefined,
  );
  let checked = false;
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: Raw; info: { lines: number } }>) {
      yield* unreadable.splice(0);
      if (!checked) {
        const missing = csvColumns.filter((c) => !(c in record));
        if (missing.length > 0) {
          yield { line: 1, problems: missing.map((field) => ({ field, reason: 'column is missing from the header' })) };
          return;
        }
        checked = true;
      }
      const { claim, problems } = validate(record, dollarsToCents(record.amount ?? ''));
      yield claim ? { line: info.lines, claim } : { line: info.lines, problems };
    }
  } catch (error) {
    // What cannot be skipped (a quote left open at the end of the file) ends the file as one refused line.
    if (!(error instanceof CsvError)) throw error;
    unreadable.push(unreadableLine(error));
  }
  yield* unreadable.splice(0);
}

const fixedFields: [keyof Raw | 'record_id' | 'processing_date', number, number][] = [
  ['record_id', 1, 2],
  ['processing_date', 3, 10],
  ['claimant_ssn', 11, 19],
  ['claimant_last_name', 20, 39],
  ['claimant_first_name', 40, 54],
  ['claimant_date_of_birth', 55, 62],
  ['claimant_address_line1', 63, 102],
  ['claimant_city', 103, 127],
  ['claimant_state', 128, 129],
  ['claimant_zip', 130, 138],
  ['claim_number', 139, 168],
  ['claim_type', 169, 170],
  ['payment_type', 171, 171],
  ['amount', 172, 183],
  ['loss_date', 184, 191],
];
export const fixedRecordLength = 191;

export async function* readFixedWidthClaims(input: Readable): AsyncGenerator<ReadLine> {
  let line = 0;
  for await (const text of readline.createInterface({ input, crlfDelay: Infinity })) {
    line += 1;
    if (!text.trim()) continue;
    if (text.length !== fixedRecordLength) {
      yield { line, problems: [{ field: 'record', reason: `is ${text.length} characters long, not ${fixedRecordLength}` }] };
      continue;
    }
    const raw: Record<string, string> = {};
    for (const [field, from, to] of fixedFields) raw[field] = text.slice(from - 1, to).trim();
    const problems: LineProblem[] = [];
    if (raw.record_id !== 'IM') problems.push({ field: 'record_id', reason: 'must be IM' });
    const amount = /^\d{12}$/.test(raw.amount!) ? Number(raw.amount) : null;
    const paymentCode = raw.payment_type;
    const values: Raw = {
      ...raw,
      claim_type: claimTypeCodes[raw.claim_type!] ?? `code ${raw.claim_type}`,
      payment_type: paymentCode === 'L' ? 'lump_sum' : paymentCode === 'P' ? 'periodic' : `code ${paymentCode}`,
      claimant_date_of_birth: ccyymmdd(raw.claimant_date_of_birth!),
      loss_date: ccyymmdd(raw.loss_date!),
    };
    const checked = validate(values, amount);
    problems.push(...checked.problems);
    yield checked.claim && problems.length === 0 ? { line, claim: checked.claim } : { line, problems };
  }
}

/** One claim as a fixed-width record (for tests, examples and insurers building files). */
export function toFixedWidth(claim: ClaimLine, processingDate: string): string {
  const code = Object.entries(claimTypeCodes).find(([, t]) => t === claim.claimType)![0];
  const field = (value: string | null, width: number) => (value ?? '').slice(0, width).padEnd(width, ' ');
  const date = (value: string | null) => field(value ? value.replace(/-/g, '') : null, 8);
  return [
    'IM',
    date(processingDate),
    field(claim.ssn, 9),
    field(claim.lastName, 20),
    field(claim.firstName, 15),
    date(claim.dateOfBirth),
    field(claim.addressLine1, 40),
    field(claim.city, 25),
    field(claim.state, 2),
    field(claim.zip, 9),
    field(claim.claimNumber, 30),
    code,
    claim.paymentType === 'lump_sum' ? 'L' : 'P',
    String(claim.amountCents).padStart(12, '0'),
    date(claim.lossDate),
  ].join('');
}

/** Ins. Code 13550(b)–(c): a claim of an exempt kind, or under $1,000, is recorded as not reportable. */
export function reportabilityOf(claim: Pick<ClaimLine, 'claimType' | 'amountCents'>, thresholdCents = 100_000): string {
  if ((exemptClaimTypes as readonly string[]).includes(claim.claimType)) return `exempt_kind:${claim.claimType}`;
  if (claim.amountCents < thresholdCents) return 'below_threshold';
  return 'reportable';
}

/**
 * Which format a claim file is in, from its first line: the CSV header (it names claim_number) or a
 * fixed-width record (191 characters starting "IM"); null when it is neither.
 */
export function detectClaimFormat(firstBytes: string): 'csv' | 'fixed' | null {
  const firstLine = firstBytes
    .replace(/^\uFEFF/, '')
    .split('\n')[0]!
    .replace(/\r$/, '');
  if (firstLine.startsWith('IM') && firstLine.length === fixedWidthLength) return 'fixed';
  const names = firstLine.split(',').map((c) => c.trim().replace(/^"|"$/g, '').toLowerCase());
  if (names.includes('claim_number')) return 'csv';
  return null;
}

/** A claim's cells in the order of `csvColumns` (what is missing is empty): samples and the insurer's lookup. */
export function csvCells(c: { [K in keyof ClaimLine]?: (K extends 'amountCents' ? number : string) | null }): string[] {
  return [
    c.claimNumber ?? '',
    c.claimType ?? '',
    c.paymentType ?? '',
    c.amountCents === undefined || c.amountCents === null ? '' : (c.amountCents / 100).toFixed(2),
    c.lossDate ?? '',
    c.ssn ?? '',
    c.firstName ?? '',
    c.lastName ?? '',
    c.dateOfBirth ?? '',
    c.addressLine1 ?? '',
    c.city ?? '',
    c.state ?? '',
    c.zip ?? '',
  ];
}

/** A CSV template (the header line) and a sample file in each format, with invented claimants and no SSN. */
export function claimFileExamples(): { template: string; sampleCsv: string; sampleFixed: string } {
  const header = csvColumns.join(',');
  const sample: ClaimLine[] = [
    {
      claimNumber: 'SAMPLE-0001',
      claimType: 'liability',
      paymentType: 'lump_sum',
      amountCents: 1_250_000,
      lossDate: '2026-09-14',
      ssn: null,
      firstName: 'Jordan',
      lastName: 'Sample',
      dateOfBirth: '1984-03-02',
      addressLine1: '100 Example Way',
      city: 'Fresno',
      state: 'CA',
      zip: '93721',
    },
    {
      claimNumber: 'SAMPLE-0002',
      claimType: 'disability_income',
      paymentType: 'periodic',
      amountCents: 240_000,
      lossDate: null,
      ssn: null,
      firstName: 'Riley',
      lastName: 'Example',
      dateOfBirth: '1979-11-23',
      addressLine1: '200 Sample St',
      city: 'Oakland',
      state: 'CA',
      zip: '94612',
    },
  ];
  const csvLine = (c: ClaimLine) => csvCells(c).join(',');
  return {
    template: `${header}\n`,
    sampleCsv: `${[header, ...sample.map(csvLine)].join('\n')}\n`,
    sampleFixed: `${sample.map((c) => toFixedWidth(c, '20261201')).join('\n')}\n`,
  };
}

/** The formats in words, for the upload route's description in the API reference. */
export const claimFileFormatsDescription = [
  'Two formats, detected from the first line.',
  '',
  `**CSV** (UTF-8, a header line, any column order): ${csvColumns.map((c) => `\`${c}\` — ${csvColumnHelp[c]}`).join('; ')}.`,
  '',
  `**Fixed width** (one ${fixedWidthLength}-character record per line, modelled on the OCSE insurance match file): 1–2 "IM" · 3–10 processing date CCYYMMDD · 11–19 SSN · 20–39 last name · 40–54 first name · 55–62 date of birth · 63–102 address · 103–127 city · 128–129 state · 130–138 ZIP · 139–168 claim number · 169–170 claim type code (${Object.entries(
    claimTypeCodes,
  )
    .map(([code, type]) => `${code} ${type}`)
    .join(', ')}) · 171 payment type L or P · 172–183 amount in cents · 184–191 loss date.`,
  '',
  'A template and samples: GET /api/intercept/formats/template.csv, sample.csv and sample-fixed-width.txt. A refused line is listed with its line, field and reason (GET /api/intercept/files/{id}/errors); correct those lines and send them as a new file.',
].join('\n');
