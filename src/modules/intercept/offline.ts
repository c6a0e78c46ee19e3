/**
 * File-to-file matching for analysts (`concord intercept match`), with no database: the obligors file is
 * read into an index, the claims file is streamed through the matcher, and one line per claim is written.
 * Also writes the labelled synthetic files the accuracy and speed benchmarks use.
 *
 * Formats (CSV with a header line; UTF-8; dates YYYY-MM-DD; SSN nine digits or empty):
 *   obligors.csv  obligor_id,ssn,first_name,last_name,date_of_birth,address_line1,zip
 *   claims.csv    claim_id,ssn,first_name,last_name,date_of_birth,address_line1,zip
 *   matches.csv   claim_id,outcome,obligor_id,score,runner_up_id,runner_up_score,evidence
 * `obligor_id`, `score` and `evidence` name the best candidate scoring at least the review threshold (empty
 * for no match); `runner_up_*` the second-best at or above it. `evidence` lists field=agreement:weight
 * separated by semicolons, e.g. `ssn=exact:19.83;lastName=exact:6.49`.
 */
import fs from 'node:fs';
import { once } from 'node:events';
import Papa from 'papaparse';
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

/** A data line's values in the order [id, ...personColumns], and its line number. */
type Row = { values: string[]; line: number };

const ssnPattern = /^\d{9}$/;
const datePattern = /^\d{4}-\d{2}-\d{2}$/;

function personOf({ values, line }: Row, file: string): PersonFacts {
  const [id, rawSsn, firstName, lastName, dob, addressLine1, zip] = values as [string, string, string, string, string, string, string];
  const ssn = rawSsn.includes('-') ? rawSsn.replace(/-/g, '') : rawSsn;
  if (!id) throw new AppError('validation', 'missing_id', `${file} line ${line}: the id is empty.`);
  if (ssn && !ssnPattern.test(ssn)) throw new AppError('validation', 'bad_ssn', `${file} line ${line}, field ssn: not nine digits.`);
  if (dob && !datePattern.test(dob)) throw new AppError('validation', 'bad_date', `${file} line ${line}, field date_of_birth: not YYYY-MM-DD.`);
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
 * Reads a CSV file (Papa Parse, streamed) and hands its data lines to `each` in batches, values in the
 * order [idColumn, ...personColumns] and trimmed, with their line numbers. The header must name those
 * columns (in any order; others are ignored); every line must have as many fields as the header; blank
 * lines are skipped but counted. A field with a line break in it (or a quote left open) is refused, so
 * line numbers stay exact. `each` may return a promise (e.g. output backpressure): reading waits for it.
 */
async function readRows(file: string, idColumn: string, each: (rows: Row[], bytesRead: number) => void | Promise<void>): Promise<void> {
  const input = fs.createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 20 });
  let line = 0;
  let picks: number[] | null = null;
  let width = 0;
  let failure: Error | null = null;
  await new Promise<void>((resolve, reject) => {
    Papa.parse<string[]>(input, {
      skipEmptyLines: false,
      chunk: (results, parser) => {
        const rows: Row[] = [];
        try {
          for (const fields of results.data) {
            line += 1;
            if (fields.length === 1 && fields[0] === '') continue;
            if (!picks) {
              const header = fields.map((f, i) => (i === 0 ? f.replace(/^\uFEFF/, '') : f).trim().toLowerCase());
              const missing = [idColumn, ...personColumns].filter((c) => !header.includes(c));
              if (missing.length > 0) throw new AppError('validation', 'missing_columns', `${file} line 1: missing column(s) ${missing.join(', ')}.`);
              picks = [idColumn, ...personColumns].map((c) => header.indexOf(c));
              width = header.length;
              continue;
            }
            if (fields.length !== width) {
              throw new AppError('validation', 'bad_field_count', `${file} line ${line}: ${fields.length} fields where the header has ${width}.`);
            }
            const values = picks.map((i) => fields[i]!.trim());
            const broken = values.findIndex((v) => v.includes('\n') || v.includes('\r'));
            if (broken >= 0) {
              const field = broken === 0 ? idColumn : personColumns[broken - 1];
              throw new AppError('validation', 'line_break', `${file} line ${line}, field ${field}: has a line break (or a quote left open).`);
            }
            rows.push({ values, line });
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
  const obligors: ReturnType<typeof prepare>[] = [];
  await readRows(options.obligors, 'obligor_id', (rows) => {
    for (const row of rows) obligors.push(prepare(personOf(row, options.obligors)));
  });
  const index = new ObligorIndex(obligors);
  const total = fs.statSync(options.claims).size;
  const out = fs.createWriteStream(options.out);
  out.write('claim_id,outcome,obligor_id,score,runner_up_id,runner_up_score,evidence\n');
  const summary: MatchFilesSummary = { obligors: obligors.length, claims: 0, match: 0, review: 0, noMatch: 0, seconds: 0 };
  await readRows(options.claims, 'claim_id', (rows, bytesRead) => {
    const lines = rows.map((row) => {
      const result = matchClaimant(index, prepareClaimant(personOf(row, options.claims), digitKeys), policy, options.nicknames);
      summary.claims += 1;
      if (result.outcome === 'match') summary.match += 1;
      else if (result.outcome === 'review') summary.review += 1;
      else summary.noMatch += 1;
      return [
        result.claimantId,
        result.outcome,
        result.best?.obligorId ?? '',
        result.best?.score ?? '',
        result.runnerUp?.obligorId ?? '',
        result.runnerUp?.score ?? '',
        evidenceText(result),
      ];
    });
    options.onProgress?.(bytesRead, total);
    if (!out.write(stringify(lines))) return once(out, 'drain').then(() => undefined);
  });
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
