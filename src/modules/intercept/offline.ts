/**
 * File-to-file matching for analysts (`concord intercept match`), with no database: the obligors file is
 * read into an index, the claims file is streamed through the matcher, and one line per claim is written.
 * Also writes the labelled synthetic files the accuracy and speed benchmarks use.
 *
 * Formats (CSV with a header line; UTF-8; dates YYYY-MM-DD; SSN nine digits or empty):
 *   obligors.csv  obligor_id,ssn,first_name,last_name,date_of_birth,address_line1,zip
 *   claims.csv    claim_id,ssn,first_name,last_name,date_of_birth,address_line1,zip
 *   matches.csv   claim_id,outcome,obligor_id,score,runner_up_id,runner_up_score,evidence
 * `evidence` lists field=agreement:weight separated by semicolons, e.g. `ssn=exact:19.83;lastName=exact:6.49`.
 */
import fs from 'node:fs';
import { once } from 'node:events';
import { parse } from 'csv-parse';
import { stringify } from 'csv-stringify/sync';
import { AppError } from '../../platform/errors';
import {
  defaultMatchPolicy,
  matchClaimant,
  ObligorIndex,
  prepareClaimant,
  prepareObligor,
  type MatchPolicy,
  type MatchResult,
  type PersonFacts,
} from './domain/match';
import type { NicknameIndex } from './domain/names';
import { digitKeys } from './domain/ssn';
import type { LabelledClaimant } from './synthetic';

export const personColumns = ['ssn', 'first_name', 'last_name', 'date_of_birth', 'address_line1', 'zip'] as const;

type Row = Record<string, string>;

function personOf(row: Row, id: string, file: string, line: number): PersonFacts {
  const ssn = row.ssn?.replace(/-/g, '') ?? '';
  const dob = row.date_of_birth ?? '';
  if (ssn && !/^\d{9}$/.test(ssn)) throw new AppError('validation', 'bad_ssn', `${file} line ${line}, field ssn: not nine digits.`);
  if (dob && !/^\d{4}-\d{2}-\d{2}$/.test(dob)) throw new AppError('validation', 'bad_date', `${file} line ${line}, field date_of_birth: not YYYY-MM-DD.`);
  return {
    id,
    ssn: ssn || null,
    firstName: row.first_name || null,
    lastName: row.last_name || null,
    dateOfBirth: dob || null,
    addressLine1: row.address_line1 || null,
    zip: row.zip || null,
  };
}

/** Streams CSV rows with their 1-based line numbers; the header must have `idColumn` and the person columns. */
async function* readRows(file: string, idColumn: string): AsyncGenerator<{ row: Row; line: number; bytes: number }> {
  const parser = fs.createReadStream(file).pipe(parse({ columns: true, skip_empty_lines: true, trim: true, info: true }));
  let checked = false;
  for await (const record of parser as AsyncIterable<{ record: Row; info: { lines: number; bytes: number } }>) {
    if (!checked) {
      const missing = [idColumn, ...personColumns].filter((c) => !(c in record.record));
      if (missing.length > 0) throw new AppError('validation', 'missing_columns', `${file} line 1: missing column(s) ${missing.join(', ')}.`);
      checked = true;
    }
    yield { row: record.record, line: record.info.lines, bytes: record.info.bytes };
  }
}

export function evidenceText(result: MatchResult): string {
  return result.best ? result.best.evidence.map((e) => `${e.field}=${e.agreement}:${e.weight}`).join(';') : '';
}

export interface MatchFilesOptions {
  obligors: string;
  claims: string;
  out: string;
  policy?: MatchPolicy;
  nicknames: NicknameIndex;
  /** Called with bytes of the claims file read so far and its size. */
  onProgress?: (done: number, total: number) => void;
}

export interface MatchFilesSummary {
  obligors: number;
  claims: number;
  match: number;
  review: number;
  noMatch: number;
  seconds: number;
}

export async function matchFiles(options: MatchFilesOptions): Promise<MatchFilesSummary> {
  const startedAt = performance.now();
  const policy = options.policy ?? defaultMatchPolicy;
  const prepare = prepareObligor(digitKeys);
  const obligors = [];
  for await (const { row, line } of readRows(options.obligors, 'obligor_id')) obligors.push(prepare(personOf(row, row.obligor_id!, options.obligors, line)));
  const index = new ObligorIndex(obligors);
  const total = fs.statSync(options.claims).size;
  const out = fs.createWriteStream(options.out);
  out.write('claim_id,outcome,obligor_id,score,runner_up_id,runner_up_score,evidence\n');
  const summary: MatchFilesSummary = { obligors: obligors.length, claims: 0, match: 0, review: 0, noMatch: 0, seconds: 0 };
  let buffered: unknown[][] = [];
  for await (const { row, line, bytes } of readRows(options.claims, 'claim_id')) {
    const result = matchClaimant(index, prepareClaimant(personOf(row, row.claim_id!, options.claims, line), digitKeys), policy, options.nicknames);
    summary.claims += 1;
    if (result.outcome === 'match') summary.match += 1;
    else if (result.outcome === 'review') summary.review += 1;
    else summary.noMatch += 1;
    buffered.push([
      result.claimantId,
      result.outcome,
      result.best?.obligorId ?? '',
      result.best?.score ?? '',
      result.runnerUp?.obligorId ?? '',
      result.runnerUp?.score ?? '',
      evidenceText(result),
    ]);
    if (buffered.length === 5_000) {
      if (!out.write(stringify(buffered))) await once(out, 'drain');
      buffered = [];
      options.onProgress?.(bytes, total);
    }
  }
  if (buffered.length > 0) out.write(stringify(buffered));
  out.end();
  await once(out, 'finish');
  options.onProgress?.(total, total);
  summary.seconds = (performance.now() - startedAt) / 1000;
  return summary;
}

/** Writes the synthetic labelled files: obligors.csv, claims.csv and truth.csv (claim_id,obligor_id). */
export function writeSyntheticFiles(dir: string, population: { obligors: PersonFacts[]; claimants: LabelledClaimant[] }): void {
  fs.mkdirSync(dir, { recursive: true });
  const person = (p: PersonFacts) => [p.id, p.ssn ?? '', p.firstName ?? '', p.lastName ?? '', p.dateOfBirth ?? '', p.addressLine1 ?? '', p.zip ?? ''];
  const write = (name: string, header: string[], rows: unknown[][]) => {
    const fd = fs.openSync(`${dir}/${name}`, 'w');
    fs.writeSync(fd, stringify([header]));
    for (let i = 0; i < rows.length; i += 50_000) fs.writeSync(fd, stringify(rows.slice(i, i + 50_000)));
    fs.closeSync(fd);
  };
  write('obligors.csv', ['obligor_id', ...personColumns], population.obligors.map(person));
  write('claims.csv', ['claim_id', ...personColumns], population.claimants.map(person));
  write(
    'truth.csv',
    ['claim_id', 'obligor_id'],
    population.claimants.map((c) => [c.id, c.trueObligorId ?? '']),
  );
}
