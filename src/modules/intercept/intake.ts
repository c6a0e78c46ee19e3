/**
 * Claim file intake: one file, read twice as a stream (first its SHA-256, so that the same content from
 * the same insurer changes nothing; then its lines), committed in chunks and published at the end in one
 * short transaction (importClaimFile). Good lines become claims —
 * matched at once against the matchable obligors, or recorded as not reportable with the reason — and
 * bad lines are kept as errors with line, field and reason. Claimants that matched no one are purged by
 * a job queued with the file (Ins. Code 13552).
 */
import crypto from 'node:crypto';
import { pipeline, Transform, type Readable } from 'node:stream';
import { toCsv } from '../../platform/export-cells';
import { recordAudit } from '../../platform/audit/audit';
import type { Actor } from '../../platform/auth/actor';
import { authorize, authorizeAny, partnerOf, rowFilter } from '../../platform/auth/scope';
import type { Db, Tx } from '../../platform/db/connect';
import { inTransaction } from '../../platform/db/transaction';
import { AppError } from '../../platform/errors';
import type { ListSource } from '../../platform/lists/lists';
import { enqueueJob } from '../../platform/jobs/jobs';
import type { PiiKeys } from '../../platform/pii/keys';
import { protectSsn } from '../../platform/pii/ssn';
import type { ClaimFileView } from './contract';
import { matchClaimant, prepareClaimant } from './domain/match';
import { weightsInForce } from './weights';
import { todayInCalifornia } from '../../platform/dates';
import { detectClaimFormat, fixedWidthLength, readCsvClaims, readFixedWidthClaims, reportabilityOf, type ClaimLine } from './formats';
import { blindKeys, loadMatchableIndex } from './matchable';
import { shippedNicknames } from './nicknames';
import {
  claimFileInScope,
  claimFileOrder,
  pageClaimFiles,
  advanceImport,
  fileErrors,
  claimNumbersOfInsurer,
  insertClaimBatch,
  insertImportingFile,
  insurerByNaic,
  insurerInScope,
  lockFileByContent,
  publishFile,
  releaseImportLease,
  takeImportLease,
  type ClaimFileRow,
  type NewClaim,
  type NewFileError,
  type NewMatch,
} from './store';

export const purgeJobKind = 'intercept.purge_unmatched';

function viewOf(row: ClaimFileRow, insurerName: string): ClaimFileView {
  return {
    id: row.id,
    insurerId: row.insurerId,
    insurerName,
    fileName: row.fileName,
    format: row.format,
    receivedAt: row.createdAt.toISOString(),
    bytes: row.bytes,
    lineCount: row.lineCount,
    acceptedCount: row.acceptedCount,
    notReportableCount: row.notReportableCount,
    rejectedCount: row.rejectedCount,
    matchedCount: row.matchedCount,
    reviewCount: row.reviewCount,
  };
}

/** The file's SHA-256 and size, and its first kilobytes as text (whose first line says the format), in one read. */
async function fileDigest(content: Readable): Promise<{ sha256: string; bytes: number; head: string }> {
  const hash = crypto.createHash('sha256');
  let bytes = 0;
  let head = '';
  for await (const chunk of content) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    hash.update(buffer);
    bytes += buffer.length;
    if (head.length < 4_096) head += buffer.subarray(0, 4_096).toString('utf8');
  }
  return { sha256: hash.digest('hex'), bytes, head };
}

/** An insurer's partner id from its NAIC code (for the command line). */
export async function insurerIdByNaic(tx: Tx, naicCode: string): Promise<string> {
  const row = await insurerByNaic(tx, naicCode);
  if (!row) throw new AppError('not_found', 'insurer_not_found', `No insurer with NAIC code ${naicCode} is registered.`);
  return row.partnerId;
}

/** The insurer a file is for: a partner's own; state staff name one. */
async function insurerFor(tx: Tx, actor: Actor, insurerId: string | undefined): Promise<{ id: string; name: string }> {
  const id = partnerOf(actor) ?? insurerId;
  if (!id) throw new AppError('validation', 'insurer_required', 'Name the insurer the file is from.', [{ path: 'insurerId', message: 'required' }]);
  const insurer = await insurerInScope(tx, rowFilter(actor), id);
  if (!insurer) throw new AppError('not_found', 'insurer_not_found', `Insurer ${id} is not registered in the programme.`);
  return insurer;
}

export interface ImportInput {
  insurerId?: string;
  fileName: string;
  /** The format the sender says; when absent it is detected from the first line (and a contradiction refuses the file). */
  format?: 'csv' | 'fixed';
  /** The file's content from its start; called twice (the digest, then the lines), each time a new stream. */
  open: () => Readable;
  /** Bytes of the file read so far, and its size (a CLI progress bar). */
  onProgress?: (done: number, total: number) => void;
}

/** The file as a stream that reports how much of it has been read. */
function readWithProgress(input: ImportInput, total: number): Readable {
  let done = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, next) {
      done += chunk.length;
      input.onProgress?.(done, total);
      next(null, chunk);
    },
  });
  // pipeline, not pipe: a source that breaks (a dropped upload) fails the import instead of leaving it waiting.
  return pipeline(input.open(), counter, () => undefined);
}

/** A chunk is committed after this many lines; the work yields to waiting requests every few milliseconds. */
const chunkLines = 250;
const sliceMilliseconds = 2;

/**
 * Imports a claim file in chunks, each its own short transaction, so that a large file never holds the
 * database (on embedded PGlite its one connection) for more than a few milliseconds at a time, and the
 * event loop serves other requests between chunks. The file is `importing` — its claims and matches seen
 * by no one — until one short transaction publishes it (all-or-nothing, as seen from outside). A file
 * whose import stopped (a crash, a failed chunk) is resumed after its last committed line when the same
 * content is sent again; while another import holds it, the answer is 409.
 */
export async function importClaimFile(db: Db, keys: PiiKeys, actor: Actor, input: ImportInput): Promise<ClaimFileView & { isNew: boolean }> {
  authorize(actor, 'intercept.submit');
  const { sha256, bytes, head } = await fileDigest(input.open());
  const format = formatOf(input, head);
  const token = crypto.randomUUID();
  const started = await inTransaction(db, async (tx) => {
    const insurer = await insurerFor(tx, actor, input.insurerId);
    const existing = await lockFileByContent(tx, insurer.id, sha256);
    if (existing?.status === 'received') return { isPublished: true as const, insurer, file: existing };
    const file = existing
      ? await takeImportLease(tx, existing.id, token)
      : await insertImportingFile(
          tx,
          {
            insurerId: insurer.id,
            fileName: input.fileName,
            format,
            sha256,
            bytes,
            lineCount: 0,
            acceptedCount: 0,
            notReportableCount: 0,
            rejectedCount: 0,
            receivedBy: actor.userId,
          },
          token,
        );
    if (!file)
      throw new AppError(
        'conflict',
        'file_import_in_progress',
        `${input.fileName} is being imported already; its result shows in the list of files when it is done.`,
      );
    return { isPublished: false as const, insurer, file };
  });
  if (started.isPublished) return { ...viewOf(started.file, started.insurer.name), isNew: false };
  const { insurer, file } = started;
  try {
    const counts = await importLines(db, keys, { ...input, format }, bytes, { file, insurer, token });
    const saved = await inTransaction(db, async (tx) => {
      const published = await publishFile(tx, file.id, token);
      if (!published) throw leaseLost(input.fileName);
      await recordAudit(tx, actor, {
        action: 'intercept.file.import',
        entityType: 'intercept_file',
        entityId: file.id,
        detail: { ...counts, fileName: input.fileName, ...(file.importedThrough > 0 ? { resumedAfterLine: file.importedThrough } : {}) },
      });
      if (counts.acceptedCount > counts.matchedCount + counts.reviewCount) await enqueueJob(tx, actor, { kind: purgeJobKind, payload: { fileId: file.id } });
      return published;
    });
    return { ...viewOf(saved, insurer.name), isNew: true };
  } catch (error) {
    // Give the file back at once, so that sending it again resumes after the last committed line.
    await inTransaction(db, (tx) => releaseImportLease(tx, file.id, token)).catch(() => undefined);
    throw error;
  }
}

/**
 * The file's format from its first line, checked against the one the sender named: a file is never read
 * in the wrong format (which would refuse every line and leave the same bytes "already received").
 */
function formatOf(input: ImportInput, head: string): 'csv' | 'fixed' {
  const detected = detectClaimFormat(head);
  if (detected === null) {
    throw new AppError(
      'validation',
      'file_format_unknown',
      `${input.fileName}: line 1 is neither the CSV header (naming claim_number) nor a fixed-width record (${fixedWidthLength} characters starting IM); see the claim-file formats.`,
      [{ path: '/body', message: 'line 1: not a claim file header or record' }],
    );
  }
  if (input.format && input.format !== detected) {
    throw new AppError(
      'validation',
      'file_format_mismatch',
      `${input.fileName} is a ${detected === 'csv' ? 'CSV' : 'fixed-width'} file, not ${input.format === 'csv' ? 'CSV' : 'fixed width'}: send it as ${detected}, or leave the format out to have it detected.`,
      [{ path: '/format', message: `the file is ${detected}` }],
    );
  }
  return detected;
}

const leaseLost = (fileName: string) =>
  new AppError('conflict', 'file_import_taken_over', `The import of ${fileName} stalled and another took it over; its result shows in the list of files.`);

/** Reads, validates and matches the lines after the file's last committed one, committing in chunks; the file's counts. */
async function importLines(
  db: Db,
  keys: PiiKeys,
  input: ImportInput & { format: 'csv' | 'fixed' },
  bytes: number,
  held: { file: ClaimFileRow; insurer: { id: string; name: string }; token: string },
) {
  const { file, insurer, token } = held;
  const index = await inTransaction(db, (tx) => loadMatchableIndex(tx));
  // The weights in force today: an estimated set loaded with its date, or the priors (weights.ts).
  const weights = await inTransaction(db, (tx) => weightsInForce(tx, todayInCalifornia()));
  // A claim is imported once per insurer, whatever file or line endings it comes in: by its claim number.
  const reported = await inTransaction(db, (tx) => claimNumbersOfInsurer(tx, insurer.id));
  const linesOfThisFile = new Map<string, number>();
  const obligorsById = new Map(index.obligors.map((o) => [o.id, o]));
  const scheme = blindKeys(keys);
  const nicknames = shippedNicknames();
  const counts = {
    lineCount: file.lineCount,
    acceptedCount: file.acceptedCount,
    notReportableCount: file.notReportableCount,
    rejectedCount: file.rejectedCount,
    matchedCount: file.matchedCount,
    reviewCount: file.reviewCount,
  };
  let claims: NewClaim[] = [];
  let matches: NewMatch[] = [];
  let errors: NewFileError[] = [];
  let lastLine = file.importedThrough;
  let sliceStarted = performance.now();
  const commit = async () => {
    const batch = { claims, matches, errors };
    [claims, matches, errors] = [[], [], []];
    await inTransaction(db, async (tx) => {
      await insertClaimBatch(tx, batch);
      if (!(await advanceImport(tx, file.id, token, { ...counts, importedThrough: lastLine }))) throw leaseLost(input.fileName);
    });
  };
  /** Lets waiting requests run (their I/O, their queries) before more of the file's work. */
  const yieldIfDue = async () => {
    if (performance.now() - sliceStarted < sliceMilliseconds) return;
    await new Promise((resolve) => setImmediate(resolve));
    sliceStarted = performance.now();
  };
  const stream = readWithProgress(input, bytes);
  const reader = input.format === 'csv' ? readCsvClaims(stream) : readFixedWidthClaims(stream);
  for await (const read of reader) {
    if (read.line <= file.importedThrough) continue;
    lastLine = read.line;
    counts.lineCount += 1;
    const repeated = read.claim ? linesOfThisFile.get(read.claim.claimNumber) : undefined;
    const duplicate =
      read.claim && (repeated !== undefined || reported.has(read.claim.claimNumber))
        ? [
            {
              field: 'claim_number',
              reason: repeated !== undefined ? `repeats the claim on line ${repeated} of this file` : 'was already reported by this insurer',
            },
          ]
        : null;
    const problems = read.problems ?? duplicate;
    if (problems) {
      counts.rejectedCount += 1;
      for (const p of problems) errors.push({ fileId: file.id, line: read.line, field: p.field, reason: p.reason });
    } else if (read.claim) {
      linesOfThisFile.set(read.claim.claimNumber, read.line);
      counts.acceptedCount += 1;
      const claimId = crypto.randomUUID();
      const claim: ClaimLine = read.claim;
      const reportability = reportabilityOf(claim);
      let status: NewClaim['status'] = 'not_reportable';
      if (reportability !== 'reportable') counts.notReportableCount += 1;
      else {
        const result = matchClaimant(index, prepareClaimant({ id: claimId, ...claim }, scheme), weights.policy, nicknames);
        status = result.outcome === 'match' ? 'matched' : result.outcome;
        if (result.outcome !== 'no_match') {
          const obligor = obligorsById.get(result.best!.obligorId)!;
          matches.push({
            claimId,
            personId: obligor.id,
            lcsaId: obligor.lcsaId,
            score: result.best!.score,
            outcome: result.outcome,
            evidence: result.best!.evidence,
            weightsId: weights.id,
            pastDueCents: obligor.pastDueCents,
          });
          if (result.outcome === 'match') counts.matchedCount += 1;
          else counts.reviewCount += 1;
        }
      }
      const ssn = claim.ssn ? protectSsn(keys, claim.ssn, 'claimant_ssn') : null;
      claims.push({
        id: claimId,
        fileId: file.id,
        insurerId: insurer.id,
        line: read.line,
        claimNumber: claim.claimNumber,
        claimType: claim.claimType,
        paymentType: claim.paymentType,
        amountCents: claim.amountCents,
        lossDate: claim.lossDate,
        reportability,
        status,
        firstName: claim.firstName,
        lastName: claim.lastName,
        dateOfBirth: claim.dateOfBirth,
        addressLine1: claim.addressLine1,
        city: claim.city,
        state: claim.state,
        zip: claim.zip,
        ssnCiphertext: ssn?.ciphertext ?? null,
        ssnBlindIndex: ssn?.blindIndex ?? null,
        ssnLast4: ssn?.last4 ?? null,
      });
    }
    if (claims.length + errors.length >= chunkLines) await commit();
    await yieldIfDue();
  }
  await commit();
  return counts;
}

/** Claim files in the actor's scope (an insurer's own; all for the state), newest first. */
export const claimFileList: ListSource<ClaimFileView, { refused?: boolean }> = {
  name: 'claim-files',
  personal: false,
  defaultSort: { sort: 'receivedAt', dir: 'desc' },
  columns: [
    { key: 'fileName', header: 'File', value: (f) => f.fileName, orderBy: claimFileOrder.fileName },
    { key: 'insurer', header: 'Insurer', value: (f) => f.insurerName, orderBy: claimFileOrder.insurer },
    { key: 'format', header: 'Format', value: (f) => f.format },
    { key: 'receivedAt', header: 'Received at', value: (f) => f.receivedAt, orderBy: claimFileOrder.receivedAt },
    { key: 'lineCount', header: 'Lines', value: (f) => f.lineCount, orderBy: claimFileOrder.lineCount },
    { key: 'acceptedCount', header: 'Accepted', value: (f) => f.acceptedCount },
    { key: 'notReportableCount', header: 'Not reportable', value: (f) => f.notReportableCount },
    { key: 'rejectedCount', header: 'Refused', value: (f) => f.rejectedCount, orderBy: claimFileOrder.rejectedCount },
    { key: 'matchedCount', header: 'Matched', value: (f) => f.matchedCount, orderBy: claimFileOrder.matchedCount },
    { key: 'reviewCount', header: 'In review', value: (f) => f.reviewCount, orderBy: claimFileOrder.reviewCount },
  ],
  async rows(tx, actor, filters, window) {
    authorizeAny(actor, ['intercept.submit', 'intercept.manage']);
    const { rows, total } = await pageClaimFiles(tx, rowFilter(actor), filters, window);
    return { items: rows.map((r) => viewOf(r.file, r.insurerName)), total };
  },
};

/** One claim file in the actor's scope, or not found. */
async function findClaimFile(tx: Tx, actor: Actor, fileId: string): Promise<ClaimFileView> {
  authorizeAny(actor, ['intercept.submit', 'intercept.manage']);
  const row = await claimFileInScope(tx, rowFilter(actor), fileId);
  if (!row) throw new AppError('not_found', 'file_not_found', `File ${fileId} was not found in your scope.`);
  return viewOf(row.file, row.insurerName);
}

/** A file's refused lines as CSV (line, field, reason) for the insurer to fix. */
export async function fileErrorsCsv(tx: Tx, actor: Actor, fileId: string): Promise<{ fileName: string; csv: string }> {
  const file = await findClaimFile(tx, actor, fileId);
  const rows = await fileErrors(tx, fileId);
  return {
    fileName: `${file.fileName}.errors.csv`,
    csv: toCsv(
      rows.map((r) => [file.fileName, r.line, r.field, r.reason]),
      { header: true, columns: ['file', 'line', 'field', 'reason'] },
    ),
  };
}

/** A file's refused lines (line, field, reason) for the page, the first `limit` of them. */
export async function fileErrorList(tx: Tx, actor: Actor, fileId: string, limit = 500): Promise<{ line: number; field: string; reason: string }[]> {
  await findClaimFile(tx, actor, fileId);
  return (await fileErrors(tx, fileId)).slice(0, limit);
}
