/**
 * File-to-file matching for analysts (`concord intercept match`), with no database: the obligors file is
 * read into an index, the claims file is streamed through the matcher, and one line per claim is written,
 * on two worker threads where there are two cores (`matchFiles`). Also writes the labelled synthetic
 * files the accuracy and speed benchmarks use.
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
import os from 'node:os';
import { finished } from 'node:stream/promises';
import { stringify } from 'csv-stringify/sync';
import Papa from 'papaparse';
import { AppError } from '../../platform/errors';
import { startWorker } from '../../platform/worker';
import {
  abandonSharing,
  defaultMatchPolicy,
  matchClaimant,
  ObligorIndex,
  prepareClaimant,
  prepareObligor,
  sharedKeyTables,
  type MatchPolicy,
  type MatchResult,
  type PersonFacts,
  type TableSharing,
} from './domain/match';
import type { NicknameIndex } from './domain/names';
import { digitKeys } from './domain/ssn';
import type { LabelledClaimant } from './synthetic';

export const personColumns = ['ssn', 'first_name', 'last_name', 'date_of_birth', 'address_line1', 'zip'] as const;

/** A problem at a line of an input file. */
export class LineError extends AppError {
  constructor(
    code: string,
    readonly file: string,
    readonly line: number,
    message: string,
  ) {
    super('validation', code, message);
  }
}

/** A data line's values in the order [id, ...personColumns], and its line number. */
type Row = { values: string[]; line: number; ordinal: number };

const ssnPattern = /^\d{9}$/;
const datePattern = /^\d{4}-\d{2}-\d{2}$/;

function personOf({ values, line }: Row, file: string): PersonFacts {
  const [id, rawSsn, firstName, lastName, dob, addressLine1, zip] = values as [string, string, string, string, string, string, string];
  const ssn = rawSsn.includes('-') ? rawSsn.replace(/-/g, '') : rawSsn;
  if (!id) throw new LineError('missing_id', file, line, `${file} line ${line}: the id is empty.`);
  if (ssn && !ssnPattern.test(ssn)) throw new LineError('bad_ssn', file, line, `${file} line ${line}, field ssn: not nine digits.`);
  if (dob && !datePattern.test(dob)) throw new LineError('bad_date', file, line, `${file} line ${line}, field date_of_birth: not YYYY-MM-DD.`);
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
async function readRows(
  file: string,
  idColumn: string,
  each: (rows: Row[], bytesRead: number) => void | Promise<void>,
  keep: (ordinal: number) => boolean = () => true,
): Promise<void> {
  const input = fs.createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 16 });
  let line = 0;
  let ordinal = -1;
  let picks: number[] | null = null;
  let width = 0;
  let failure: Error | null = null;
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
              const header = fields.map((f, i) => (i === 0 ? f.replace(/^\uFEFF/, '') : f).trim().toLowerCase());
              const missing = [idColumn, ...personColumns].filter((c) => !header.includes(c));
              if (missing.length > 0) throw new LineError('missing_columns', file, line, `${file} line ${line}: missing column(s) ${missing.join(', ')}.`);
              picks = [idColumn, ...personColumns].map((c) => header.indexOf(c));
              width = header.length;
              continue;
            }
            ordinal += 1;
            if (!keep(ordinal)) continue;
            if (fields.length !== width) {
              throw new LineError('bad_field_count', file, line, `${file} line ${line}: ${fields.length} fields where the header has ${width}.`);
            }
            const values = new Array<string>(picks.length);
            for (let i = 0; i < picks.length; i++) {
              const value = fields[picks[i]!]!.trim();
              if (value.includes('\n') || value.includes('\r')) {
                const field = i === 0 ? idColumn : personColumns[i - 1];
                throw new LineError('line_break', file, line, `${file} line ${line}, field ${field}: has a line break (or a quote left open).`);
              }
              values[i] = value;
            }
            rows.push({ values, line, ordinal });
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
  /** Threads that match (each takes every n-th block of claims; they build the index's key tables together); default: the cores, at most 2. */
  threads?: number;
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

type Counts = Omit<MatchFilesSummary, 'seconds'>;

/** What one thread is given: the files, the policy, and which blocks of claims are its own. */
export interface PartOptions {
  obligors: string;
  claims: string;
  policy: MatchPolicy;
  nicknames: NicknameIndex;
  part: number;
  parts: number;
  /** With more than one part: memory in which the parts build the index's key tables together. */
  sharing?: Pick<TableSharing, 'size' | 'tables' | 'state'>;
}

/** Claims are dealt to the threads in blocks of this many, in turn; each block's lines are written whole. */
export const claimsPerBlock = 4_096;

/** One block of output: its number, its lines of matches.csv, what it counted, and how far the claims file was read. */
export interface Block {
  block: number;
  text: string;
  counts: Counts;
  bytesRead: number;
}

const noCounts = (): Counts => ({ obligors: 0, claims: 0, match: 0, review: 0, noMatch: 0 });

const csvField = (value: string) => (/[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);

/** One line of matches.csv. */
function matchLine(result: MatchResult): string {
  const { best, runnerUp } = result;
  return `${csvField(result.claimantId)},${result.outcome},${csvField(best?.obligorId ?? '')},${best?.score ?? ''},${csvField(runnerUp?.obligorId ?? '')},${runnerUp?.score ?? ''},${evidenceText(result)}\n`;
}

/**
 * One thread's share of a file-to-file match: reads the obligors into an index, reads the claims file and
 * matches the claims of its own blocks (block b belongs to part b mod parts), handing each finished
 * block to `emit`. Each part checks its own lines; together they check every line, and the caller
 * reports the first problem in file order.
 */
export async function matchPart(options: PartOptions, emit: (block: Block) => void): Promise<void> {
  const prepare = prepareObligor(digitKeys);
  const obligors: ReturnType<typeof prepare>[] = [];
  await readRows(options.obligors, 'obligor_id', (rows) => {
    for (const row of rows) obligors.push(prepare(personOf(row, options.obligors)));
  });
  const index = new ObligorIndex(obligors, options.sharing && { ...options.sharing, part: options.part, parts: options.parts });
  let pending: Block | null = null;
  const flush = () => {
    if (pending) emit(pending);
    pending = null;
  };
  const own = (ordinal: number) => Math.floor(ordinal / claimsPerBlock) % options.parts === options.part;
  let claims = 0;
  await readRows(
    options.claims,
    'claim_id',
    (rows, bytesRead) => {
      for (const row of rows) {
        const block = Math.floor(row.ordinal / claimsPerBlock);
        claims += 1;
        const person = personOf(row, options.claims);
        if (pending?.block !== block) {
          flush();
          pending = { block, text: '', counts: { ...noCounts(), obligors: obligors.length }, bytesRead };
        }
        const result = matchClaimant(index, prepareClaimant(person, digitKeys), options.policy, options.nicknames);
        pending.text += matchLine(result);
        pending.bytesRead = bytesRead;
        pending.counts.claims += 1;
        if (result.outcome === 'match') pending.counts.match += 1;
        else if (result.outcome === 'review') pending.counts.review += 1;
        else pending.counts.noMatch += 1;
      }
    },
    // The other parts' lines are counted but left to them: each checks its own, and the first problem in file order wins.
    own,
  );
  flush();
  // The first part also reports on an empty claims file, so that the obligors are counted.
  if (options.part === 0 && claims === 0) emit({ block: 0, text: '', counts: { ...noCounts(), obligors: obligors.length }, bytesRead: 0 });
}

/**
 * Matches a claims file against an obligors file and writes matches.csv (to a temporary name, renamed
 * when complete: a failed run leaves no partial file). With more than one thread, the threads build the
 * index's key tables once between them, in shared memory, and each matches every n-th block of claims;
 * blocks are written in the claims file's order.
 * A problem in a file stops the run with the first problem in file order.
 */
export async function matchFiles(options: MatchFilesOptions): Promise<MatchFilesSummary> {
  const startedAt = performance.now();
  const parts = Math.max(1, Math.floor(options.threads ?? Math.min(2, os.availableParallelism())));
  const base = { obligors: options.obligors, claims: options.claims, policy: options.policy ?? defaultMatchPolicy, nicknames: options.nicknames };
  const total = fs.statSync(options.claims).size;
  const partial = `${options.out}.partial`;
  const out = fs.createWriteStream(partial);
  const written = finished(out);
  written.catch(() => undefined); // awaited below; a write error before then is not unhandled
  out.write('claim_id,outcome,obligor_id,score,runner_up_id,runner_up_score,evidence\n');
  const summary: MatchFilesSummary = { ...noCounts(), seconds: 0 };
  const waiting = new Map<number, Block>();
  let next = 0;
  let read = 0;
  const receive = (block: Block) => {
    if (out.destroyed) return;
    waiting.set(block.block, block);
    for (let ready = waiting.get(next); ready; ready = waiting.get(next)) {
      waiting.delete(next);
      out.write(ready.text);
      summary.obligors = ready.counts.obligors;
      for (const key of ['claims', 'match', 'review', 'noMatch'] as const) summary[key] += ready.counts[key];
      read = Math.max(read, ready.bytesRead);
      options.onProgress?.(read, total);
      next += 1;
    }
  };
  try {
    if (parts === 1) await matchPart({ ...base, part: 0, parts: 1 }, receive);
    else await inThreads(base, parts, receive);
    out.end();
    await written;
    fs.renameSync(partial, options.out);
  } catch (error) {
    out.destroy();
    fs.rmSync(partial, { force: true });
    throw error;
  }
  options.onProgress?.(total, total);
  summary.seconds = (performance.now() - startedAt) / 1000;
  return summary;
}

/** Runs `matchPart` in `parts` worker threads; a failure is the one the earliest part of the files shows. */
async function inThreads(base: Omit<PartOptions, 'part' | 'parts'>, parts: number, receive: (block: Block) => void): Promise<void> {
  const failures: { order: number; error: Error }[] = [];
  // The key tables are built once, a share by each thread, in memory all of them read.
  const sharing = sharedKeyTables(await countLines(base.obligors));
  await Promise.all(
    Array.from({ length: parts }, (_, part) => {
      // 64 MB for young objects: measured 19.5 s → 17.9 s at 1,000,000 × 1,000,000 (the default is 16).
      const worker = startWorker(new URL('./offline-worker.ts', import.meta.url), { ...base, part, parts, sharing }, { youngGenerationMb: 64 });
      return new Promise<void>((resolve) => {
        worker.on('message', (message: { block?: Block; failure?: { code: string; kind: string; message: string; order: number } }) => {
          if (message.block) receive(message.block);
          if (message.failure) {
            const { kind, code, message: text, order } = message.failure;
            failures.push({ order, error: kind ? new AppError(kind as AppError['kind'], code, text) : new Error(text) });
          }
        });
        worker.on('error', (error) => {
          failures.push({ order: Number.MAX_SAFE_INTEGER, error });
          abandonSharing(sharing.state);
          resolve();
        });
        worker.on('exit', () => resolve());
      });
    }),
  );
  if (failures.length > 0) throw failures.sort((a, b) => a.order - b.order)[0]!.error;
}

/** The number of line feeds in a file, plus one: at least its number of lines. */
async function countLines(file: string): Promise<number> {
  let lines = 1;
  for await (const chunk of fs.createReadStream(file) as AsyncIterable<Buffer>) {
    for (let at = chunk.indexOf(10); at !== -1; at = chunk.indexOf(10, at + 1)) lines += 1;
  }
  return lines;
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
