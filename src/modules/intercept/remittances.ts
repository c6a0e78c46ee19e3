/**
 * Money against notices, as the state disbursement unit (SDU) received it. An insurer's "remitted" answer
 * is a promise; a collection reaches finance only when an SDU receipt matches one (domain/receipts.ts):
 * the same notice, the same amount, received within the window after the insurer sent it. Every other
 * receipt — an unknown notice, a notice on hold or closed, no promise, an amount or date that differs,
 * more than the notice asks — waits in the exceptions queue until finance staff post it against a notice
 * (within what the notice still asks, never on hold) or return it to the payer.
 *
 * Receipts come one by one through the API or as a CSV file (`receipt_id,notice_reference,amount,
 * received_on,payer`). A file is taken whole or not at all: any malformed line refuses the file with
 * every problem by file, line and field. A receipt number already on file with the same details is a
 * duplicate (counted, not posted twice); with other details it is refused.
 */
import { parse } from 'csv-parse/sync';
import { recordAudit } from '../../platform/audit/audit';
import { onBehalfOf, type Actor } from '../../platform/auth/actor';
import { authorize, authorizeAny, requireStatewide, rowFilter } from '../../platform/auth/scope';
import type { ListSource } from '../../platform/lists/lists';
import type { Tx } from '../../platform/db/connect';
import { isCalendarDate, todayInCalifornia, type CalendarDate } from '../../platform/dates';
import { AppError } from '../../platform/errors';
import { postObligorCollection } from '../finance/index';
import type { ReceiptBatchResult, ReceiptResolution, ReceiptView, SduReceipt } from './contract';
import { matchReceipt } from './domain/receipts';
import { dollarsToCents } from './formats';
import {
  insertReceipt,
  markPromisePaid,
  noticeForUpdate,
  promisesOf,
  receiptsBySduId,
  receiptInScope,
  pageReceipts,
  receiptOrder,
  updateNotice,
  updateReceipt,
  type NoticeRow,
  type ReceiptRow,
} from './store';

export const receiptFileColumns = ['receipt_id', 'notice_reference', 'amount', 'received_on', 'payer'] as const;
const maxReceiptFileLines = 50_000;
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const receiptIdPattern = /^[A-Za-z0-9][A-Za-z0-9-]{0,39}$/;

/** A NUL, or any other control character but tab: binary bytes in what should be text. */
function hasControlCharacters(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if ((code < 32 && code !== 9) || code === 127) return true;
  }
  return false;
}

function view(row: ReceiptRow): ReceiptView {
  return {
    id: row.id,
    receiptId: row.sduReceiptId,
    noticeReference: row.noticeReference,
    noticeId: row.noticeId,
    amountCents: row.amountCents,
    receivedOn: row.receivedOn,
    payerName: row.payerName,
    sourceFile: row.sourceFile,
    line: row.line,
    status: row.status,
    reason: row.reason as ReceiptView['reason'],
    resolutionNote: row.resolutionNote,
  };
}

/** Posts a receipt's money to the obligor's account (prorated across their cases) and adds it to the notice. */
async function postToNotice(tx: Tx, actor: Actor, receipt: ReceiptRow, notice: NoticeRow): Promise<void> {
  await postObligorCollection(tx, onBehalfOf(actor, 'a disbursement unit receipt against a notice to withhold', ['finance.post']), notice.personId, {
    receiptId: `SDU-${receipt.sduReceiptId}`,
    receivedOn: receipt.receivedOn,
    amountCents: receipt.amountCents,
    source: 'insurance_intercept',
  });
  await updateNotice(tx, notice.id, { remittedCents: notice.remittedCents + receipt.amountCents });
}

async function takeReceipt(tx: Tx, actor: Actor, input: SduReceipt, source: { fileName: string; line: number } | null): Promise<'posted' | 'exception'> {
  const noticeId = uuidPattern.test(input.noticeReference) ? input.noticeReference.toLowerCase() : null;
  const notice = noticeId ? await noticeForUpdate(tx, noticeId) : undefined;
  const promises = notice ? await promisesOf(tx, notice.id) : [];
  const outcome = matchReceipt(
    input,
    notice,
    promises.map((p) => ({ answerId: p.answerId, amountCents: p.amountCents ?? 0, sentOn: p.sentOn!, isPaid: p.receiptId !== null })),
  );
  const receipt = await insertReceipt(tx, {
    sduReceiptId: input.receiptId,
    noticeReference: input.noticeReference,
    amountCents: input.amountCents,
    receivedOn: input.receivedOn,
    payerName: input.payerName ?? null,
    sourceFile: source?.fileName ?? null,
    line: source?.line ?? null,
    noticeId: notice?.id ?? null,
    lcsaId: notice?.lcsaId ?? null,
    status: outcome.kind === 'matched' ? 'posted' : 'exception',
    reason: outcome.kind === 'exception' ? outcome.reason : null,
  });
  if (outcome.kind === 'matched') {
    await postToNotice(tx, actor, receipt, notice!);
    await markPromisePaid(tx, outcome.answerId, receipt.id);
  }
  await recordAudit(tx, actor, {
    action: outcome.kind === 'matched' ? 'intercept.receipt.post' : 'intercept.receipt.exception',
    entityType: 'intercept_sdu_receipt',
    entityId: receipt.id,
    lcsaId: notice?.lcsaId ?? null,
    after: { amountCents: input.amountCents, noticeId: notice?.id ?? null, reason: outcome.kind === 'exception' ? outcome.reason : null },
  });
  return outcome.kind === 'matched' ? 'posted' : 'exception';
}

/** Receipts from the disbursement unit, each matched or queued; the same receipt again is a duplicate. */
export async function recordReceipts(
  tx: Tx,
  actor: Actor,
  receipts: readonly (SduReceipt & { line?: number })[],
  fileName: string | null = null,
): Promise<ReceiptBatchResult> {
  authorize(actor, 'finance.post');
  requireStatewide(actor, 'Disbursement unit receipts are recorded by state finance staff.');
  const today = todayInCalifornia();
  const problems: { path: string; message: string }[] = [];
  const where = (i: number, field: string) => (fileName ? `${fileName}, line ${receipts[i]!.line ?? i + 2}, ${field}` : `/receipts/${i}/${field}`);
  const seen = new Map<string, number>();
  receipts.forEach((r, i) => {
    if (r.receivedOn > today) problems.push({ path: where(i, 'received_on'), message: 'is in the future' });
    const first = seen.get(r.receiptId);
    if (first !== undefined)
      problems.push({ path: where(i, 'receipt_id'), message: `repeats the receipt on ${fileName ? `line ${receipts[first]!.line}` : `item ${first}`}` });
    else seen.set(r.receiptId, i);
  });
  const existing = await receiptsBySduId(tx, [...seen.keys()]);
  receipts.forEach((r, i) => {
    const stored = existing.get(r.receiptId);
    if (stored && (stored.amountCents !== r.amountCents || stored.receivedOn !== r.receivedOn || stored.noticeReference !== r.noticeReference)) {
      problems.push({ path: where(i, 'receipt_id'), message: 'is already on file with another amount, date or notice' });
    }
  });
  if (problems.length > 0) {
    throw new AppError('validation', 'receipts_invalid', `${fileName ?? 'The receipts'}: ${problems.length} problem(s); nothing was recorded.`, problems);
  }
  const result = { received: receipts.length, posted: 0, exceptions: 0, duplicates: 0 };
  for (const r of receipts) {
    if (existing.has(r.receiptId)) {
      result.duplicates++;
      continue;
    }
    const outcome = await takeReceipt(tx, actor, r, fileName ? { fileName, line: r.line ?? 0 } : null);
    result[outcome === 'posted' ? 'posted' : 'exceptions']++;
  }
  return result;
}

/** A receipt file (CSV, header line) read whole: its receipts, or every problem by file, line and field. */
export function readReceiptFile(fileName: string, text: string): (SduReceipt & { line: number })[] {
  const fail = (problems: { path: string; message: string }[]) =>
    new AppError('validation', 'receipts_invalid', `${fileName}: ${problems.length} problem(s); nothing was recorded.`, problems.slice(0, 200));
  let records: string[][];
  try {
    records = parse(text, { bom: true, relax_column_count: true, skip_empty_lines: false, max_record_size: 4_096 }) as string[][];
  } catch (error) {
    const line = (error as { lines?: number }).lines ?? 0;
    throw fail([{ path: `${fileName}, line ${line}`, message: 'is not valid CSV (a quote left open, or a line over 4,096 characters)' }]);
  }
  const header = (records[0] ?? []).map((h) => h.trim().toLowerCase());
  const missing = receiptFileColumns.filter((c) => c !== 'payer' && !header.includes(c));
  if (missing.length > 0) throw fail([{ path: `${fileName}, line 1`, message: `the header needs ${missing.join(', ')}` }]);
  if (records.length - 1 > maxReceiptFileLines) throw fail([{ path: fileName, message: `at most ${maxReceiptFileLines} receipts per file` }]);
  const at = (name: string) => header.indexOf(name);
  const problems: { path: string; message: string }[] = [];
  const receipts: (SduReceipt & { line: number })[] = [];
  records.slice(1).forEach((cells, i) => {
    const line = i + 2;
    if (cells.length === 1 && cells[0]!.trim() === '') return;
    const field = (name: string) => (at(name) >= 0 ? (cells[at(name)] ?? '').trim() : '');
    const problem = (name: string, message: string) => problems.push({ path: `${fileName}, line ${line}, ${name}`, message });
    if (cells.length !== header.length) problem('line', `has ${cells.length} fields; the header has ${header.length}`);
    for (const [name, value] of cells.map((c, k) => [header[k] ?? `column ${k + 1}`, c] as const)) {
      if (hasControlCharacters(value)) problem(name, 'holds control or binary characters');
    }
    const receiptId = field('receipt_id');
    const noticeReference = field('notice_reference');
    const amountCents = dollarsToCents(field('amount'));
    const receivedOn = field('received_on');
    const payerName = field('payer');
    if (!receiptIdPattern.test(receiptId)) problem('receipt_id', 'must be 1–40 letters, digits or hyphens');
    if (noticeReference === '' || noticeReference.length > 100) problem('notice_reference', 'must be given, at most 100 characters');
    if (amountCents === null || amountCents <= 0 || amountCents > 100_000_000) problem('amount', 'must be dollars and cents, above 0 and at most 1,000,000.00');
    if (!isCalendarDate(receivedOn)) problem('received_on', 'is not a date (YYYY-MM-DD)');
    if (payerName.length > 200) problem('payer', 'is longer than 200 characters');
    receipts.push({
      line,
      receiptId,
      noticeReference,
      amountCents: amountCents ?? 0,
      receivedOn: receivedOn as CalendarDate,
      ...(payerName ? { payerName } : {}),
    });
  });
  if (problems.length > 0) throw fail(problems);
  if (receipts.length === 0) throw fail([{ path: fileName, message: 'holds no receipts' }]);
  return receipts;
}

export async function importReceiptFile(tx: Tx, actor: Actor, fileName: string, text: string): Promise<ReceiptBatchResult> {
  authorize(actor, 'finance.post');
  requireStatewide(actor, 'Disbursement unit receipts are recorded by state finance staff.');
  return recordReceipts(tx, actor, readReceiptFile(fileName, text), fileName);
}

/** Receipts: the exceptions queue by default (LCSA staff see those quoting their notices). */
const reasonText = (r: ReceiptView) => r.reason?.replace(/_/g, ' ') ?? '';

/** Disbursement unit receipts in scope: the exceptions queue by default (LCSA staff see those quoting their notices). */
export const receiptList: ListSource<ReceiptView, { status: ReceiptRow['status'] }> = {
  name: 'sdu-receipts',
  personal: false,
  defaultSort: { sort: 'receivedOn', dir: 'asc' },
  columns: [
    { key: 'receiptId', header: 'Receipt', value: (r) => r.receiptId, orderBy: receiptOrder.receiptId },
    { key: 'noticeReference', header: 'Notice quoted', value: (r) => r.noticeReference },
    { key: 'amountCents', header: 'Amount (cents)', value: (r) => r.amountCents, orderBy: receiptOrder.amountCents },
    { key: 'receivedOn', header: 'Received on', value: (r) => r.receivedOn, orderBy: receiptOrder.receivedOn },
    { key: 'payer', header: 'Payer', value: (r) => r.payerName ?? '', orderBy: receiptOrder.payer },
    { key: 'reason', header: 'Why it is an exception', value: reasonText, orderBy: receiptOrder.reason },
    { key: 'sourceFile', header: 'File and line', value: (r) => (r.sourceFile ? `${r.sourceFile}:${r.line ?? ''}` : '') },
    { key: 'resolutionNote', header: 'Settled', value: (r) => r.resolutionNote ?? '' },
  ],
  async rows(tx, actor, filters, window) {
    authorizeAny(actor, ['finance.post', 'intercept.manage', 'intercept.review']);
    const { rows, total } = await pageReceipts(tx, rowFilter(actor), { status: filters.status, q: filters.q }, window);
    return { items: rows.map(view), total };
  },
};

/** Finance staff settle an exception: post it against a notice (within what it still asks, never on hold) or return it. */
export async function resolveReceipt(tx: Tx, actor: Actor, id: string, input: ReceiptResolution): Promise<ReceiptView> {
  authorize(actor, 'finance.post');
  requireStatewide(actor, 'Disbursement unit exceptions are settled by state finance staff.');
  const receipt = await receiptInScope(tx, rowFilter(actor), id);
  if (!receipt) throw new AppError('not_found', 'receipt_not_found', `Receipt ${id} was not found.`);
  if (receipt.status !== 'exception') throw new AppError('conflict', 'receipt_settled', `Receipt ${receipt.sduReceiptId} is already ${receipt.status}.`);
  const settled = { resolvedBy: actor.userId, resolvedAt: new Date(), resolutionNote: input.note };
  if (input.action === 'return') {
    await updateReceipt(tx, id, { status: 'returned', ...settled });
  } else {
    const notice = await noticeForUpdate(tx, input.noticeId);
    if (!notice)
      throw new AppError('not_found', 'notice_not_found', `Notice ${input.noticeId} was not found.`, [{ path: '/noticeId', message: 'no such notice' }]);
    if (notice.onHold) throw new AppError('conflict', 'notice_on_hold', 'The notice is on hold while a contest is decided: post nothing against it yet.');
    if (notice.status === 'released' || notice.status === 'denied')
      throw new AppError('conflict', 'notice_closed', `The notice is ${notice.status}: return the money.`);
    if (notice.remittedCents + receipt.amountCents > notice.withholdCents) {
      throw new AppError('conflict', 'receipt_above_notice', 'This receipt would take the notice above what it asks: return the money, or the excess.');
    }
    await postToNotice(tx, actor, receipt, notice);
    const open = (await promisesOf(tx, notice.id)).find((p) => p.receiptId === null && p.amountCents === receipt.amountCents);
    if (open) await markPromisePaid(tx, open.answerId, receipt.id);
    await updateReceipt(tx, id, { status: 'posted', noticeId: notice.id, lcsaId: notice.lcsaId, ...settled });
  }
  await recordAudit(tx, actor, {
    action: `intercept.receipt.${input.action === 'post' ? 'post_by_hand' : 'return'}`,
    entityType: 'intercept_sdu_receipt',
    entityId: id,
    before: { status: 'exception', reason: receipt.reason },
    after: input.action === 'post' ? { noticeId: input.noticeId } : { status: 'returned' },
  });
  const after = await receiptInScope(tx, rowFilter(actor), id);
  return view(after!);
}
