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
 * separated by semicolons, e.g. `ssn=exact:19.83;lastName=exact:6.49` (a name field read with the names
 * the other way round: `lastName(swapped)=exact:6.49`).
 */
import fs from 'node:fs';
import os from 'node:os';
import { finished } from 'node:stream/promises';
import { toCsv } from '../../platform/export-cells';
import { AppError, type ErrorCode } from '../../platform/errors';
import { startWorker } from '../../platform/worker';
import {
  abandonSharing,
  defaultMatchPolicy,
  matchClaimant,
  prepareClaimant,
  prepareObligor,
  sharedIndexMemory,
  SharedObligorIndex,
  type MatchPolicy,
  type MatchResult,
  type PartVocabulary,
  type PersonFacts,
  type Prepared,
  type SharedIndexMemory,
} from './domain/match';
import { defaultEstimateSize, estimateFromCounts, pairCounts, randomPerClaim, type Estimate, type EstimateSize, type PairCounts } from './domain/estimate';
import type { NicknameIndex } from './domain/names';
import { digitKeys, type ClaimantSsnKeys } from './domain/ssn';
import type { LabelledClaimant } from './synthetic';
import { LineError, personColumns, personOf, readRows, splitLines, type LineProblem, type LineRange } from './offline-files';

export function evidenceText(result: MatchResult): string {
  return result.best ? result.best.evidence.map((e) => `${e.field}${e.swapped ? '(swapped)' : ''}=${e.agreement}:${e.weight}`).join(';') : '';
}

export interface MatchFilesOptions {
  obligors: string;
  claims: string;
  out: string;
  /** The weights and thresholds: the prior when estimating, else the model as it is. */
  policy?: MatchPolicy;
  /** Estimate m and u from the two files (the default: `defaultEstimateSize`); false: `policy` as it is (saved parameters). */
  estimate?: EstimateSize | false;
  nicknames: NicknameIndex;
  /** Threads that share the work (each reads a share of each file into, or through, one index in shared memory); default: the cores, at most 2. */
  threads?: number;
  /** Called with bytes of the claims file read so far and its size. */
  onProgress?: (done: number, total: number) => void;
  /** Stop at the first bad value or line (the run writes nothing); by default they are skipped and reported. */
  isStrict?: boolean;
  /** Where the skipped values and lines are reported (CSV: file,line,field,reason); default: the output's name with `.errors.csv`. */
  errorsOut?: string;
}

/** A value read as missing, or a line left out, as the errors file reports it. */
export interface SkippedProblem {
  file: string;
  line: number;
  field: string;
  reason: string;
  done: 'line left out' | 'read as missing' | 'compared as written';
}

/** The errors file beside an output file: `matches.csv` → `matches.errors.csv`. */
export const errorsFileOf = (out: string) => (out.endsWith('.csv') ? `${out.slice(0, -4)}.errors.csv` : `${out}.errors.csv`);

export interface MatchFilesSummary {
  obligors: number;
  claims: number;
  match: number;
  review: number;
  noMatch: number;
  /** Lines left out (they could not be read), values read as missing, and doubtful values compared as written, in both files. */
  linesLeftOut: number;
  valuesMissing: number;
  valuesDoubtful: number;
  /** The errors file written, when anything was skipped. */
  errorsFile: string | null;
  /** The parameters estimated from the files and how EM converged (null: the policy given was used as it is). */
  estimate: Estimate | null;
  seconds: number;
}

type Counts = Pick<MatchFilesSummary, 'obligors' | 'claims' | 'match' | 'review' | 'noMatch'>;

/** What one thread is given: the files, the policy, its shares of the two files, and the memory of the index. */
export interface PartOptions {
  obligors: string;
  claims: string;
  policy: MatchPolicy;
  nicknames: NicknameIndex;
  part: number;
  parts: number;
  obligorsRange: LineRange;
  /** The index positions of this part's share of the obligors: the data lines after the header, from 0. */
  positions: { from: number; to: number };
  claimsRange: LineRange;
  memory: SharedIndexMemory;
  isStrict: boolean;
  /** Estimate the weights from the files (`policy` is then the prior); null: use `policy` as it is. */
  estimate: EstimateSize | null;
}

/**
 * How a part hands something to the others and receives every part's, in part order: first its
 * vocabulary, then (when the weights are estimated) its counts for estimation.
 */
export type Exchange = <T extends PartVocabulary | PairCounts>(mine: T) => Promise<T[]>;

/** A part hands on its lines of output in blocks of this many claims. */
export const claimsPerBlock = 4_096;

/** One block of output: its lines of matches.csv, what it counted, and how much of the part's share of the claims file was read. */
export interface Block {
  text: string;
  counts: Counts;
  bytesRead: number;
  /** What this part skipped since its last block (the obligors' problems come with its first). */
  problems: SkippedProblem[];
  /** The weights estimated from the files (the first part's first block after estimation carries them). */
  estimate?: Estimate;
}

const noCounts = (): Counts => ({ obligors: 0, claims: 0, match: 0, review: 0, noMatch: 0 });

const csvField = (value: string) => (/[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);

/** One line of matches.csv. */
function matchLine(result: MatchResult): string {
  const { best, runnerUp } = result;
  return `${csvField(result.claimantId)},${result.outcome},${csvField(best?.obligorId ?? '')},${best?.score ?? ''},${csvField(runnerUp?.obligorId ?? '')},${runnerUp?.score ?? ''},${evidenceText(result)}\n`;
}

/**
 * One thread's share of a file-to-file match: reads its share of the obligors into the shared index,
 * trades vocabularies with the other parts and builds the key tables with them, then reads and matches
 * its share of the claims file, handing each finished block, in order, to `emit` (at least one block, so
 * that the obligors are counted). Each part checks its own lines; together they check every line, and
 * the caller reports the first problem in file order.
 */
export async function matchPart(options: PartOptions, exchange: Exchange, emit: (block: Block) => void): Promise<void> {
  const { obligorsRange: range, positions } = options;
  const index = new SharedObligorIndex(options.memory, { part: options.part, parts: options.parts, ...positions, textFrom: range.start, textTo: range.end });
  const prepare = prepareObligor(digitKeys);
  let problems: SkippedProblem[] = [];
  const report = (problem: LineProblem, done: SkippedProblem['done']) =>
    problems.push({ file: problem.file, line: problem.line, field: problem.field, reason: problem.reason, done });
  const valueMissing = options.isStrict ? undefined : (problem: LineProblem) => report(problem, problem.isKept ? 'compared as written' : 'read as missing');
  const lineLeftOut = options.isStrict ? undefined : (problem: LineProblem) => report(problem, 'line left out');
  /** The line's person, or null when the line is left out (no id). */
  const personOrSkip = (row: Parameters<typeof personOf>[0], file: string) => {
    try {
      return personOf(row, file, valueMissing);
    } catch (error) {
      if (!lineLeftOut || !(error instanceof LineError)) throw error;
      lineLeftOut(error);
      return null;
    }
  };
  // A left-out obligor line keeps its place in the index, as a person with nothing to match on.
  const nobody = { id: '', ssn: null, firstName: null, lastName: null, dateOfBirth: null, addressLine1: null, zip: null };
  await readRows(
    options.obligors,
    'obligor_id',
    (rows) => {
      for (const row of rows) {
        const position = row.line - range.headerLine - 1;
        if (position < positions.from || position >= positions.to) {
          throw new LineError(
            'line_ends',
            options.obligors,
            row.line,
            `${options.obligors} line ${row.line}: lines must end with a line feed (\\n or \\r\\n).`,
          );
        }
        index.add(position, prepare(personOrSkip(row, options.obligors) ?? nobody));
      }
    },
    range,
    lineLeftOut &&
      ((problem) => {
        lineLeftOut(problem);
        for (let line = problem.line; line < problem.line + problem.span; line++) {
          const position = line - range.headerLine - 1;
          if (position >= positions.from && position < positions.to) index.add(position, prepare(nobody));
        }
      }),
  );
  const obligors = index.complete(await exchange(index.vocabulary()));
  const fresh = (bytesRead: number): Block => {
    const taken = problems;
    problems = [];
    return { text: '', counts: { ...noCounts(), obligors }, bytesRead, problems: taken };
  };
  let block = fresh(0);
  let policy = options.policy;
  const matchOne = (claimant: Prepared<ClaimantSsnKeys<number>>, bytesRead: number) => {
    const result = matchClaimant(index, claimant, policy, options.nicknames);
    block.text += matchLine(result);
    block.counts.claims += 1;
    if (result.outcome === 'match') block.counts.match += 1;
    else if (result.outcome === 'review') block.counts.review += 1;
    else block.counts.noMatch += 1;
    if (block.counts.claims === claimsPerBlock) {
      emit(block);
      block = fresh(bytesRead);
    }
  };
  // With estimation, the claims wait while every part counts pairs from the sample (the file's first
  // claims: the lines of it in this part's share) and the parameters are estimated from all the counts,
  // the same in every part whatever the number of parts; then they are matched, in order.
  const size = options.estimate;
  const sampleEnd = size ? options.claimsRange.headerLine + size.claims : 0;
  let waiting: { claimant: Prepared<ClaimantSsnKeys<number>>; seed: number }[] | null = size ? [] : null;
  let sampled = 0;
  const estimateNow = async (bytesRead: number) => {
    const claims = waiting!;
    waiting = null;
    const counts = pairCounts(index, claims.slice(0, sampled), options.policy, options.nicknames, randomPerClaim(size!));
    const estimate = estimateFromCounts(await exchange(counts), options.policy);
    policy = estimate.policy;
    if (options.part === 0) block.estimate = estimate;
    for (const { claimant } of claims) matchOne(claimant, bytesRead);
  };
  await readRows(
    options.claims,
    'claim_id',
    (rows, bytesRead) => {
      for (const row of rows) {
        const claimant = personOrSkip(row, options.claims);
        if (!claimant) continue;
        const prepared = prepareClaimant(claimant, digitKeys);
        if (!waiting) matchOne(prepared, bytesRead);
        else {
          waiting.push({ claimant: prepared, seed: row.line });
          if (row.line <= sampleEnd) sampled += 1;
        }
      }
      block.bytesRead = bytesRead;
      block.problems.push(...problems.splice(0));
      if (waiting && waiting.length > sampled) return estimateNow(bytesRead);
    },
    options.claimsRange,
    lineLeftOut,
  );
  if (waiting) await estimateNow(block.bytesRead);
  block.problems.push(...problems.splice(0));
  emit(block);
}

/** A part's shares of the files and of the index's positions, and the index's memory: a worker's first message. */
export type Share = Pick<PartOptions, 'obligorsRange' | 'positions' | 'claimsRange' | 'memory'>;

/** Each part's share of the two files and of the index's positions, and the index's memory. */
async function shares(obligors: string, claims: string, parts: number): Promise<Share[]> {
  const [o, c] = await Promise.all([splitLines(obligors, parts), splitLines(claims, parts)]);
  const headerLine = o.ranges[0]!.headerLine;
  // Position p is data line p after the header; a share's positions start at its first line's.
  const size = Math.max(0, o.lines - headerLine);
  const from = o.ranges.map((r, k) => (k === 0 ? 0 : Math.min(size, Math.max(0, r.firstLine - headerLine - 1))));
  const memory = sharedIndexMemory(size, fs.statSync(obligors).size);
  return o.ranges.map((obligorsRange, k) => ({
    obligorsRange,
    positions: { from: from[k]!, to: from[k + 1] ?? size },
    claimsRange: c.ranges[k]!,
    memory,
  }));
}

/**
 * Matches a claims file against an obligors file and writes matches.csv (to a temporary name, renamed
 * when complete: a failed run leaves no partial file). With more than one thread, each reads its share of
 * the obligors into one index the threads build together in shared memory, and matches its own share of
 * the claims file; the shares' lines are written in the claims file's order.
 * A problem in a file stops the run with the first problem in file order.
 */
export async function matchFiles(options: MatchFilesOptions): Promise<MatchFilesSummary> {
  const startedAt = performance.now();
  const parts = Math.max(1, Math.floor(options.threads ?? Math.min(2, os.availableParallelism())));
  const base = {
    obligors: options.obligors,
    claims: options.claims,
    policy: options.policy ?? defaultMatchPolicy,
    nicknames: options.nicknames,
    isStrict: options.isStrict ?? false,
    estimate: options.estimate === false ? null : (options.estimate ?? defaultEstimateSize),
  };
  const skipped: SkippedProblem[] = [];
  const total = fs.statSync(options.claims).size;
  const partial = `${options.out}.partial`;
  const out = fs.createWriteStream(partial);
  const written = finished(out);
  written.catch(() => undefined); // awaited below; a write error before then is not unhandled
  out.write('claim_id,outcome,obligor_id,score,runner_up_id,runner_up_score,evidence\n');
  const summary: MatchFilesSummary = { ...noCounts(), linesLeftOut: 0, valuesMissing: 0, valuesDoubtful: 0, errorsFile: null, estimate: null, seconds: 0 };
  // Each part's blocks come in order; a part's are written once every part before it has finished.
  const held: Block[][] = Array.from({ length: parts }, () => []);
  const done = new Array<boolean>(parts).fill(false);
  const read = new Array<number>(parts).fill(0);
  let writing = 0;
  const write = (block: Block) => {
    out.write(block.text);
    skipped.push(...block.problems);
    if (block.estimate) summary.estimate = block.estimate;
    summary.obligors = block.counts.obligors;
    for (const key of ['claims', 'match', 'review', 'noMatch'] as const) summary[key] += block.counts[key];
  };
  const drain = () => {
    for (; writing < parts; writing++) {
      for (const block of held[writing]!.splice(0)) write(block);
      if (!done[writing]) break;
    }
  };
  const receive = (part: number, block: Block) => {
    if (out.destroyed) return;
    held[part]!.push(block);
    read[part] = block.bytesRead;
    drain();
    options.onProgress?.(
      read.reduce((sum, bytes) => sum + bytes, 0),
      total,
    );
  };
  const finish = (part: number) => {
    done[part] = true;
    if (!out.destroyed) drain();
  };
  try {
    // With threads, they start (loading their modules) while the files are split.
    const split = shares(options.obligors, options.claims, parts);
    if (parts === 1) {
      await matchPart(
        { ...base, ...(await split)[0]!, part: 0, parts: 1 },
        async <T>(mine: T) => [mine],
        (block) => receive(0, block),
      );
      finish(0);
    } else await inThreads(base, parts, split, receive, finish);
    out.end();
    await written;
    summary.errorsFile = writeErrorsFile(options.errorsOut ?? errorsFileOf(options.out), skipped, options.obligors);
    fs.renameSync(partial, options.out);
  } catch (error) {
    out.destroy();
    fs.rmSync(partial, { force: true });
    throw error;
  }
  options.onProgress?.(total, total);
  summary.linesLeftOut = skipped.filter((p) => p.done === 'line left out').length;
  summary.valuesMissing = skipped.filter((p) => p.done === 'read as missing').length;
  summary.valuesDoubtful = skipped.filter((p) => p.done === 'compared as written').length;
  // Obligor lines left out kept their places in the index: they are not obligors.
  summary.obligors -= skipped.filter((p) => p.done === 'line left out' && p.file === options.obligors).length;
  summary.seconds = (performance.now() - startedAt) / 1000;
  return summary;
}

/** Writes what was skipped (obligors first, then claims, by line), or removes an old errors file when nothing was. */
function writeErrorsFile(file: string, problems: SkippedProblem[], obligors: string): string | null {
  if (problems.length === 0) {
    fs.rmSync(file, { force: true });
    return null;
  }
  const sorted = [...problems].sort((a, b) => Number(a.file !== obligors) - Number(b.file !== obligors) || a.line - b.line);
  fs.writeFileSync(file, toCsv([['file', 'line', 'field', 'reason', 'what_was_done'], ...sorted.map((p) => [p.file, p.line, p.field, p.reason, p.done])]));
  return file;
}

/**
 * Runs `matchPart` in worker threads, one per share; a failure is the one the earliest part of the files
 * shows. What the threads exchange passes through here, round by round (their vocabularies, then their
 * counts for estimation): each is sent every thread's once all have offered theirs, or told to stop when one could not.
 */
async function inThreads(
  base: Omit<PartOptions, 'part' | 'parts' | keyof Share>,
  parts: number,
  splitting: Promise<Share[]>,
  receive: (part: number, block: Block) => void,
  finish: (part: number) => void,
): Promise<void> {
  const failures: { order: number; error: Error }[] = [];
  // What each part offered in each round of exchange (its vocabulary, then its counts); a part that failed offers no more.
  const rounds: unknown[][] = [];
  const offered = new Array<number>(parts).fill(0);
  const failed = new Set<number>();
  let answered = 0;
  const exchanged = (part: number, payload: unknown) => {
    if (failed.has(part)) return;
    if (payload === null) failed.add(part);
    else {
      const round = offered[part]!;
      (rounds[round] ??= new Array<unknown>(parts))[part] = payload;
      offered[part] = round + 1;
    }
    // A round is answered when every part has offered to it or failed: with every part's, or with null (stop) when one failed.
    while (answered < rounds.length && [...Array(parts).keys()].every((k) => failed.has(k) || offered[k]! > answered)) {
      const all = failed.size > 0 ? null : rounds[answered];
      for (const [k, worker] of workers.entries()) if (!failed.has(k) && offered[k]! > answered) worker.postMessage({ exchanged: all });
      answered += 1;
    }
  };
  // 64 MB for young objects: measured 19.5 s → 17.9 s at 1,000,000 × 1,000,000 (the default is 16).
  const workers = Array.from({ length: parts }, (_, part) =>
    startWorker(new URL('./offline-worker.ts', import.meta.url), { ...base, part, parts }, { youngGenerationMb: 64 }),
  );
  let split: Share[];
  try {
    split = await splitting;
  } catch (error) {
    await Promise.all(workers.map((worker) => worker.terminate()));
    throw error;
  }
  await Promise.all(
    split.map((share, part) => {
      const worker = workers[part]!;
      // Its share is the worker's first message.
      worker.postMessage({ share });
      return new Promise<void>((resolve) => {
        worker.on('message', (message: WorkerMessage) => {
          if (message.exchange) exchanged(part, message.exchange);
          if (message.block) receive(part, message.block);
          if (message.done) finish(part);
          if (message.failure) {
            const { kind, code, message: text, order } = message.failure;
            failures.push({ order, error: kind ? new AppError(kind as AppError['kind'], code, text) : new Error(text) });
            // A part that fails before it has read its obligors tells the others to stop (after it, nothing changes).
            exchanged(part, null);
          }
        });
        worker.on('error', (error) => {
          failures.push({ order: Number.MAX_SAFE_INTEGER, error });
          abandonSharing(share.memory.state);
          exchanged(part, null);
          resolve();
        });
        worker.on('exit', () => resolve());
      });
    }),
  );
  if (failures.length > 0) throw failures.sort((a, b) => a.order - b.order)[0]!.error;
}

/** What a worker thread says: what it offers to a round of exchange, a block of output, that it is done, or its first problem. */
interface WorkerMessage {
  exchange?: PartVocabulary | PairCounts;
  block?: Block;
  done?: true;
  failure?: { code: ErrorCode; kind: string; message: string; order: number };
}

/** Writes the synthetic labelled files: obligors.csv, claims.csv and truth.csv (claim_id,obligor_id,errors,traits,hard_negative). */
export function writeSyntheticFiles(dir: string, population: { obligors: PersonFacts[]; claimants: LabelledClaimant[] }): void {
  fs.mkdirSync(dir, { recursive: true });
  const person = (p: PersonFacts) => [p.id, p.ssn ?? '', p.firstName ?? '', p.lastName ?? '', p.dateOfBirth ?? '', p.addressLine1 ?? '', p.zip ?? ''];
  const write = (name: string, header: string[], rows: unknown[][]) => {
    const fd = fs.openSync(`${dir}/${name}`, 'w');
    fs.writeSync(fd, toCsv([header]));
    for (let i = 0; i < rows.length; i += 50_000) fs.writeSync(fd, toCsv(rows.slice(i, i + 50_000)));
    fs.closeSync(fd);
  };
  write('obligors.csv', ['obligor_id', ...personColumns], population.obligors.map(person));
  write('claims.csv', ['claim_id', ...personColumns], population.claimants.map(person));
  // What each claim really is: its obligor (or none), the errors it carries, its traits, or the kind of hard negative it is.
  write(
    'truth.csv',
    ['claim_id', 'obligor_id', 'errors', 'traits', 'hard_negative'],
    population.claimants.map((c) => [c.id, c.trueObligorId ?? '', (c.errors ?? []).join(' '), (c.traits ?? []).join(' '), c.hardNegative ?? '']),
  );
}
