/**
 * Finance use cases over stored data: post a collection (idempotent by receipt id), or an obligor's lump
 * sum prorated across the obligor's cases; read a case's account, ledger and statement as of a date —
 * always replayed from the registry's orders and assistance history and the stored collections and
 * approved adjustments, so what is shown is what the rules give today.
 */
import { recordAudit } from '../../platform/audit/audit';
import type { Actor } from '../../platform/auth/actor';
import { assertCanWriteLcsa, assertRowInScope, authorize, isLcsaInScope, requireSignedIn, rowFilter } from '../../platform/auth/scope';
import type { Db, Tx } from '../../platform/db/connect';
import { type CalendarDate, endOfMonth, firstOfMonth, type Period, todayInCalifornia } from '../../platform/dates';
import { AppError } from '../../platform/errors';
import { caseSourcesOf, findCaseOwner, findCasesWithParts, findCaseWithParts, lcsaNames, type CaseWithParts } from '../registry/index';
import type { AccountView, LedgerPage, LedgerQuery, NewCollection, ObligorCollectionResult, PaymentView } from './contract';
import { compareText } from '../../platform/compare';
import { accountStatement, auditMonths, paymentLines, statementSummary } from './domain/account-audit';
import { payoffQuote, paymentHistory, type PaymentMonth, type PayoffQuote } from './domain/payoff';
import { owedOn, prorateAcrossCases } from './domain/obligor';
import type { Incarceration } from './domain/incarceration';
import { obligorCasesInScope, staysOfPeople } from './incarcerations';
import { replayAccount, type CaseHistory } from './domain/replay';
import { defaultPolicies, inForce } from './domain/policy';
import type { Adjustment, CollectionSource, FinanceOrder } from './domain/types';
import { renderStatementPdf } from './statement';
import { nextInstallment } from './domain/schedule';
import {
  accountEvents,
  approvedAdjustments,
  caseLcsaInScope,
  collectedPerLcsa,
  collectionByReceipt,
  collectionsOfCase,
  collectionsOfObligorReceipt,
  insertCollection,
  insertCollectionAudited,
  lastCollectionDates,
  replayEvents,
  type AdjustmentRow,
  type CollectionRow,
} from './store';

export async function caseInScope(tx: Tx, actor: Actor, caseId: string): Promise<CaseWithParts> {
  return assertRowInScope(actor, await findCaseWithParts(tx, caseId), 'case_not_found', `Case ${caseId}`);
}

/** An adjustment row as the engine's event: the stored kind's own fields spread over id, kind and date. */
export function adjustmentOf(row: Pick<AdjustmentRow, 'id' | 'kind' | 'effectiveOn' | 'terms'>): Adjustment {
  return { ...(row.terms as object), id: row.id, kind: row.kind, effectiveOn: row.effectiveOn } as Adjustment;
}

/** What the replay needs of a case: its orders, CalWORKs periods and people (a stored case or a demo one). */
export interface CaseSources {
  id: string;
  orders: { id: string; issuedOn: CalendarDate; terms: FinanceOrder['terms'] }[];
  assistance: { program: string; startsOn: CalendarDate; endsOn: CalendarDate | null; monthlyGrantCents: number | null }[];
  people: { role: string; id?: string }[];
}

const obligorIds = (found: CaseSources): string[] => found.people.flatMap((p) => (p.role === 'obligor' && p.id ? [p.id] : []));

export function historyOf(
  found: CaseSources,
  collections: Pick<CollectionRow, 'receiptId' | 'receivedOn' | 'amountCents' | 'source'>[],
  adjustments: Adjustment[],
  stays: Map<string, Incarceration[]> = new Map(),
): CaseHistory {
  return {
    caseId: found.id,
    orders: found.orders.map((o) => ({ id: o.id, issuedOn: o.issuedOn, terms: o.terms })),
    collections: collections.map((c) => ({ id: c.receiptId, receivedOn: c.receivedOn, amountCents: c.amountCents, source: c.source as CollectionSource })),
    suspensions: [],
    // The obligor's stays in custody: FC 4007.5 suspends support from them (incarcerations.ts).
    incarcerations: obligorIds(found).flatMap((id) => stays.get(id) ?? []),
    activeDuty: [],
    // Each month's grant adds to URA. A CalWORKs period recorded before grants were (null) adds nothing, so nothing is retained against it.
    assistance: found.assistance
      .filter((a) => a.program === 'calworks')
      .map((a) => ({ from: a.startsOn, to: a.endsOn, monthlyGrantCents: a.monthlyGrantCents ?? 0 })),
    childCount: Math.max(1, found.people.filter((p) => p.role === 'child').length),
    adjustments,
  };
}

export interface LoadedAccount {
  found: CaseWithParts;
  collections: CollectionRow[];
  history: CaseHistory;
}

/** Everything the replay of one case needs, read in scope. `extra` adds not-yet-approved adjustments (a proposal being checked). */
export async function loadAccount(tx: Tx, actor: Actor, caseId: string, extra: Adjustment[] = []): Promise<LoadedAccount> {
  const found = await caseInScope(tx, actor, caseId);
  const collections = await collectionsOfCase(tx, caseId);
  const approved = await approvedAdjustments(tx, [caseId]);
  const stays = await staysOfPeople(tx, obligorIds(found));
  return { found, collections, history: historyOf(found, collections, [...approved.map(adjustmentOf), ...extra], stays) };
}

/**
 * Posts a collection once per receipt id: the same receipt again changes nothing; different content is a
 * conflict. Given the database rather than a transaction (the posting route), the usual case is two
 * statements and no explicit transaction: the case's LCSA read in the actor's scope, then one statement
 * that inserts the receipt (scope checked again, nothing if the receipt id is taken) and writes its
 * audit row — one statement is one transaction, so the collection and its audit commit together, with
 * no BEGIN and COMMIT round trips. Given a transaction (another module's write), both statements join it.
 */
/**
 * Money is posted once it has been received: a receipt dated after today would sit outside every balance
 * until that day, so it is refused, naming the field.
 */
function refuseFutureReceipt(input: NewCollection): void {
  const today = todayInCalifornia();
  if (input.receivedOn > today) {
    throw new AppError(
      'validation',
      'received_in_future',
      `Received on ${input.receivedOn} is after today (${today}): post a collection once it has been received.`,
      [{ path: '/receivedOn', message: 'today or earlier' }],
    );
  }
}

export async function postCollection(tx: Db, actor: Actor, caseId: string, input: NewCollection): Promise<{ isNew: boolean }> {
  authorize(actor, 'finance.post');
  refuseFutureReceipt(input);
  // An LCSA's own cases are the ones it may write: the read scope is the write scope here.
  const filter = rowFilter(actor);
  const lcsaId = await caseLcsaInScope(tx, filter, caseId);
  if (lcsaId !== undefined && (await insertCollectionAudited(tx, filter, actor, caseId, lcsaId, input))) return { isNew: true };
  // Nothing inserted: the checks below say why.
  const found = assertRowInScope(actor, await findCaseOwner(tx, caseId), 'case_not_found', `Case ${caseId}`);
  assertCanWriteLcsa(actor, found.lcsaId);
  const existing = await collectionByReceipt(tx, input.receiptId);
  const isSame =
    existing?.caseId === caseId && existing.receivedOn === input.receivedOn && existing.amountCents === input.amountCents && existing.source === input.source;
  if (!isSame) {
    throw new AppError('conflict', 'receipt_already_posted_differently', `Receipt ${input.receiptId} was already posted with other details.`, [
      { path: '/receiptId', message: 'already used' },
    ]);
  }
  return { isNew: false };
}

/** What one case is owed on a date, for proration: current support unpaid, arrears with interest, and its monthly support. */
/**
 * A collection received for an obligor, prorated across all of the obligor's open cases (policy in
 * domain/obligor.ts) and posted as one collection per case, with receipt id `RECEIPT/CASE-NUMBER`.
 * Posting the same receipt again changes nothing. An LCSA may post only when every case is its own; a
 * lump sum across LCSAs is the state disbursement unit's (state scope).
 */
export async function postObligorCollection(tx: Tx, actor: Actor, personId: string, input: NewCollection): Promise<ObligorCollectionResult> {
  authorize(actor, 'finance.post');
  refuseFutureReceipt(input);
  const { all: obligorCases, visible } = await obligorCasesInScope(tx, actor, personId);
  if (visible.length < obligorCases.length) {
    throw new AppError(
      'forbidden',
      'obligor_has_cases_elsewhere',
      'This obligor also has cases in other LCSAs: the state disbursement unit posts this lump sum.',
    );
  }
  for (const c of obligorCases) assertCanWriteLcsa(actor, c.lcsaId);
  const existing = await collectionsOfObligorReceipt(tx, input.receiptId);
  if (existing.length > 0) {
    const total = existing.reduce((sum, c) => sum + c.amountCents, 0);
    const isSame = total === input.amountCents && existing.every((c) => c.receivedOn === input.receivedOn && c.source === input.source);
    if (!isSame) {
      throw new AppError('conflict', 'receipt_already_posted_differently', `Receipt ${input.receiptId} was already posted with other details.`, [
        { path: '/receiptId', message: 'already used' },
      ]);
    }
    return { isNew: false, parts: existing.map((c) => partOf(c, obligorCases)) };
  }
  const loaded = await loadAccounts(
    tx,
    actor,
    obligorCases.map((c) => c.id),
  );
  const owed = loaded.map(({ history }) => ({ caseId: history.caseId, ...owedOn(replayAccount(history, input.receivedOn), input.receivedOn) }));
  const isArrearsOnly = inForce(defaultPolicies.crediting, input.receivedOn).arrearsOnlySources.includes(input.source);
  const parts = prorateAcrossCases(input.amountCents, owed, { isArrearsOnly }).filter((p) => p.amountCents > 0);
  const result: ObligorCollectionResult = { isNew: true, parts: [] };
  for (const part of parts) {
    const c = obligorCases.find((o) => o.id === part.caseId)!;
    const receiptId = `${input.receiptId}/${c.caseNumber}`;
    await insertCollection(tx, {
      lcsaId: c.lcsaId,
      caseId: c.id,
      receiptId,
      receivedOn: input.receivedOn,
      amountCents: part.amountCents,
      source: input.source,
      obligorReceiptId: input.receiptId,
      postedBy: actor.userId,
    });
    result.parts.push({ ...part, caseNumber: c.caseNumber, receiptId });
  }
  await recordAudit(tx, actor, {
    action: 'finance.collection.post_obligor',
    entityType: 'person',
    entityId: personId,
    after: { ...input, parts: result.parts.map((p) => ({ caseId: p.caseId, amountCents: p.amountCents })) },
  });
  return result;
}

function partOf(c: CollectionRow, obligorCases: { id: string; caseNumber: string }[]): ObligorCollectionResult['parts'][number] {
  return {
    caseId: c.caseId,
    caseNumber: obligorCases.find((o) => o.id === c.caseId)?.caseNumber ?? '',
    receiptId: c.receiptId,
    amountCents: c.amountCents,
    // How a stored part was split is not kept; the case's replay shows how it was credited.
    currentCents: 0,
    arrearsCents: 0,
    futuresCents: 0,
  };
}

export async function accountOf(tx: Tx, actor: Actor, caseId: string, asOf: CalendarDate): Promise<AccountView> {
  authorize(actor, 'registry.read');
  const { found, collections, history } = await loadAccount(tx, actor, caseId);
  const result = replayAccount(history, asOf);
  await recordAudit(tx, actor, { action: 'finance.account.read', entityType: 'case', entityId: caseId, lcsaId: found.lcsaId, detail: { asOf } });
  const b = result.balances;
  return {
    caseId,
    asOf,
    balances: {
      principalCents: b.principalCents,
      interestCents: b.interestCents,
      interestAccruedUnpostedCents: b.interestAccruedUnpostedCents,
      futuresCents: b.futuresCents,
      chargedCents: b.chargedCents,
      collectedCents: b.collectedCents,
      assignedPrincipalCents: b.assignedPrincipalCents,
      uraCents: b.uraCents,
      distributedCents: b.distributedCents,
    },
    summary: statementSummary(result, asOf),
    months: auditMonths(result, asOf),
    collections: collections.map((c) => ({
      receiptId: c.receiptId,
      receivedOn: c.receivedOn,
      amountCents: c.amountCents,
      source: c.source as CollectionSource,
    })),
  };
}

/**
 * A case's account as its parent reads it in the portal, from one replay: the headline figures staff
 * see, every payment and where it went, and the next support due. The caller has checked the case is
 * the parent's own (`actor` acts on their behalf); the read is audited like a caseworker's.
 */
export async function parentAccountOf(tx: Tx, actor: Actor, caseId: string, asOf: CalendarDate) {
  authorize(actor, 'registry.read');
  const { found, history } = await loadAccount(tx, actor, caseId);
  const result = replayAccount(history, asOf);
  await recordAudit(tx, actor, { action: 'finance.account.read', entityType: 'case', entityId: caseId, lcsaId: found.lcsaId, detail: { asOf, portal: true } });
  const payments = paymentLines(history, result, asOf).sort((a, b) =>
    a.receivedOn === b.receivedOn ? compareText(b.receiptId, a.receiptId) : a.receivedOn < b.receivedOn ? 1 : -1,
  );
  return { found, summary: statementSummary(result, asOf), payments, nextDue: nextInstallment(history.orders, asOf) };
}

/**
 * The histories of many cases for system batch work (the nightly run): the same history as `loadAccounts`,
 * read with none of the people's personal columns and only the collections' replayed fields. No scope.
 */
export async function loadReplayHistories(tx: Tx, caseIds: string[]): Promise<{ caseId: string; lcsaId: string; history: CaseHistory }[]> {
  const sources = await caseSourcesOf(tx, caseIds);
  const { collections, adjustments } = await replayEvents(tx, caseIds);
  const stays = await staysOfPeople(tx, sources.flatMap(obligorIds));
  return sources.map((c) => ({
    caseId: c.id,
    lcsaId: c.lcsaId,
    history: historyOf(c, collections.get(c.id) ?? [], (adjustments.get(c.id) ?? []).map(adjustmentOf), stays),
  }));
}

/** The replay sources of many cases in scope, read in a few queries (cases outside the actor's scope are left out). */

export async function loadAccounts(tx: Tx, actor: Actor, caseIds: string[]): Promise<{ found: CaseWithParts; history: CaseHistory }[]> {
  const found = (await findCasesWithParts(tx, caseIds)).filter((c) => isLcsaInScope(actor, c.lcsaId));
  const ids = found.map((c) => c.id);
  const { collections, adjustments } = await accountEvents(tx, ids);
  const stays = await staysOfPeople(tx, found.flatMap(obligorIds));
  return found.map((c) => ({ found: c, history: historyOf(c, collections.get(c.id) ?? [], (adjustments.get(c.id) ?? []).map(adjustmentOf), stays) }));
}

/**
 * Past-due support (arrears and unpaid interest) of many cases as of a date, for other modules'
 * screening, in a few queries; cases outside the actor's scope are left out. Not a read of personal data.
 */
/**
 * The last day any of the cases received a payment: when a debt that is now paid was paid (a lien release
 * is due from it, 22 CCR 116134(c)). Null when none ever did.
 */
export async function lastPaymentOf(tx: Tx, actor: Actor, caseIds: string[]): Promise<CalendarDate | null> {
  authorize(actor, 'registry.read');
  const dates = [...(await lastCollectionDates(tx, caseIds)).values()].sort();
  return dates.at(-1) ?? null;
}

export async function pastDueOf(tx: Tx, actor: Actor, caseIds: string[], asOf: CalendarDate): Promise<Map<string, number>> {
  authorize(actor, 'registry.read');
  const owed = new Map<string, number>();
  for (const { found, history } of await loadAccounts(tx, actor, caseIds)) {
    const summary = statementSummary(replayAccount(history, asOf), asOf);
    owed.set(found.id, summary.arrearsCents + summary.interestCents);
  }
  return owed;
}

/** Each case's payoff good through a date (everything due by then, interest to the day) and its per-diem after it. */
export async function payoffOf(tx: Tx, actor: Actor, caseIds: string[], goodThrough: CalendarDate): Promise<Map<string, PayoffQuote>> {
  authorize(actor, 'registry.read');
  const policy = inForce(defaultPolicies.interest, goodThrough);
  const quotes = new Map<string, PayoffQuote>();
  for (const { found, history } of await loadAccounts(tx, actor, caseIds)) quotes.set(found.id, payoffQuote(replayAccount(history, goodThrough), policy));
  return quotes;
}

/** Support charged and collected month by month across cases (summed), for payment-history rules. */
export async function paymentHistoryOf(tx: Tx, actor: Actor, caseIds: string[], months: { from: string; to: string }): Promise<PaymentMonth[]> {
  authorize(actor, 'registry.read');
  const asOf = endOfMonth(firstOfMonth(months.to));
  const perCase = (await loadAccounts(tx, actor, caseIds)).map(({ history }) =>
    paymentHistory(replayAccount(history, asOf).installments, history.collections, months.from, months.to),
  );
  return perCase.reduce(
    (sum, rows) =>
      sum.map((m, i) => ({
        month: m.month,
        chargedCents: m.chargedCents + rows[i]!.chargedCents,
        collectedCents: m.collectedCents + rows[i]!.collectedCents,
        wageWithholdingCents: m.wageWithholdingCents + rows[i]!.wageWithholdingCents,
      })),
    paymentHistory([], [], months.from, months.to),
  );
}

/**
 * A case's payments newest first, each with where its dollars went on the day it was received: current
 * support, arrears, interest, what was held as futures, and the family's, state's and federal shares.
 */
export async function paymentsOf(tx: Tx, actor: Actor, caseId: string, asOf: CalendarDate): Promise<PaymentView[]> {
  authorize(actor, 'registry.read');
  const { found, history } = await loadAccount(tx, actor, caseId);
  const lines = paymentLines(history, replayAccount(history, asOf), asOf);
  await recordAudit(tx, actor, { action: 'finance.payments.read', entityType: 'case', entityId: caseId, lcsaId: found.lcsaId, detail: { asOf } });
  return lines.sort((a, b) => (a.receivedOn === b.receivedOn ? compareText(b.receiptId, a.receiptId) : a.receivedOn < b.receivedOn ? 1 : -1));
}

/** The ledger entries of a case's replay, filtered and paged, newest last (the order they happened). */
export async function ledgerOf(tx: Tx, actor: Actor, caseId: string, asOf: CalendarDate, query: LedgerQuery): Promise<LedgerPage> {
  authorize(actor, 'registry.read');
  const { found, history } = await loadAccount(tx, actor, caseId);
  const { ledger } = replayAccount(history, asOf);
  const matching: number[] = [];
  for (let i = 0; i < ledger.length; i++) {
    const date = ledger.dateOf(i);
    if ((query.from && date < query.from) || (query.to && date > query.to) || (query.kind && ledger.kindOf(i) !== query.kind)) continue;
    let hasAccount = !query.account;
    if (query.account) ledger.eachPosting(i, (account) => (hasAccount ||= account.startsWith(query.account!)));
    if (hasAccount) matching.push(i);
  }
  await recordAudit(tx, actor, { action: 'finance.ledger.read', entityType: 'case', entityId: caseId, lcsaId: found.lcsaId, detail: { asOf, ...query } });
  const offset = (query.page - 1) * query.pageSize;
  const items = matching.slice(offset, offset + query.pageSize).map((i) => ledger.entry(i));
  return { total: matching.length, page: query.page, pageSize: query.pageSize, items };
}

/** The account statement as a PDF (current support, arrears and interest apart, month by month). */
export async function statementOf(tx: Tx, actor: Actor, caseId: string, asOf: CalendarDate): Promise<{ fileName: string; pdf: Uint8Array }> {
  authorize(actor, 'registry.read');
  const { found, history } = await loadAccount(tx, actor, caseId);
  const result = replayAccount(history, asOf);
  const lcsaName = (await lcsaNames(tx)).get(found.lcsaId);
  await recordAudit(tx, actor, { action: 'finance.statement.read', entityType: 'case', entityId: caseId, lcsaId: found.lcsaId, detail: { asOf } });
  const pdf = await renderStatementPdf({
    caseLabel: found.caseNumber,
    issuer: lcsaName,
    statement: accountStatement(history, result, asOf),
    producedAt: new Date(),
  });
  return { fileName: `statement-${found.caseNumber}-${asOf}.pdf`, pdf };
}

/** Collections received in a period (of one source, or all when null), per LCSA in scope (for other modules' reports). */
export async function collectedBySource(tx: Tx, actor: Actor, source: CollectionSource | null, period: Period): Promise<Map<string, number>> {
  // Totals per LCSA, no personal data: any signed-in user, limited to the LCSAs in scope.
  requireSignedIn(actor);
  return collectedPerLcsa(tx, rowFilter(actor), source, period);
}
