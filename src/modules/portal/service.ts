/**
 * The parent's side: their cases and accounts, and what they ask for once. Every read starts from
 * `personOf(actor)` (scope.ts): a parent reaches only the cases they are a parent on, and reads them
 * through finance on their own behalf (`onBehalfOf`), audited like a caseworker's read. Nothing of the
 * other parent (name, address, contact) and nothing of a protected person is ever part of an answer.
 */
import crypto from 'node:crypto';
import { checkDocument } from '../../platform/http/documents';
import { sealText } from '../../platform/pii/sealed';
import { recordAudit } from '../../platform/audit/audit';
import { onBehalfOf, type Actor } from '../../platform/auth/actor';
import { authorize, personOf } from '../../platform/auth/scope';
import { setLanguage } from '../../platform/auth/users';
import type { Tx } from '../../platform/db/connect';
import { todayInCalifornia, type CalendarDate } from '../../platform/dates';
import { AppError } from '../../platform/errors';
import { versionOn } from '../../platform/versioned';
import { caseAuditRequests, logAuditRequest, parentAccountOf, statementOf } from '../finance/index';
import { lcsaNames, parentCases, updateContact, type ParentCase } from '../registry/index';
import { type contestGrounds, noticesOfPeople, recordContest, type ParentNoticeRow } from '../intercept/index';
import {
  type noticeContestGrounds,
  type MyCase,
  type MyCaseDetail,
  type MyLien,
  maxDocumentsPerRequest,
  type MyNotice,
  type MyRequest,
  type NewRequest,
  type PortalLanguage,
} from './contract';
import { documentsOfRequests, insertDocument, insertRequest, requestsOfPeople, type RequestRow } from './store';
import { inviteFamily, mySurveys, type MySurvey } from '../trauma/index';
import { liensOfPeople, parentLienRequestStatus, takeParentLienRequest } from '../liens/index';
import type { PiiKeys } from '../../platform/pii/keys';

// The portal offers exactly the grounds the intercept module's contest takes.
const _sameGrounds: [
  (typeof noticeContestGrounds)[number] extends (typeof contestGrounds)[number] ? true : false,
  (typeof contestGrounds)[number] extends (typeof noticeContestGrounds)[number] ? true : false,
] = [true, true];

const readsOwnCase = 'a parent reads their own case in the portal';

/** The parent's cases, statewide. */
export async function myCases(tx: Tx, actor: Actor): Promise<MyCase[]> {
  authorize(actor, 'portal.use');
  const cases = await parentCases(tx, personOf(actor));
  const agencies = await lcsaNames(tx);
  await recordAudit(tx, actor, { action: 'portal.cases.read', entityType: 'person', entityId: personOf(actor), detail: { cases: cases.length } });
  return cases.map((c) => presentCase(c, agencies));
}

function presentCase(c: ParentCase, agencies: Map<string, string>): MyCase {
  return { caseId: c.caseId, caseNumber: c.caseNumber, status: c.status, role: c.role, agency: agencies.get(c.lcsaId) ?? c.lcsaId };
}

/** One of the parent's own cases; any other case is not found (its existence does not leak). */
async function ownCase(tx: Tx, actor: Actor, caseId: string): Promise<ParentCase> {
  authorize(actor, 'portal.use');
  const found = (await parentCases(tx, personOf(actor))).find((c) => c.caseId === caseId);
  if (!found) throw new AppError('not_found', 'portal_case_not_found', 'That case is not one of yours.');
  return found;
}

/** A case's account in plain figures, with the same numbers staff see (finance's replay as of today). */
export async function myCase(tx: Tx, actor: Actor, caseId: string): Promise<MyCaseDetail> {
  const own = await ownCase(tx, actor, caseId);
  const asOf = todayInCalifornia();
  const account = await parentAccountOf(tx, onBehalfOf(actor, readsOwnCase, ['registry.read']), caseId, asOf);
  const s = account.summary;
  const orders = account.found.orders.flatMap((o) => {
    const term = versionOn(o.terms, asOf);
    if (!term || term.reason === 'termination') return [];
    return [
      {
        kind: o.orderType,
        issuedOn: o.issuedOn,
        amountCents: term.isReserved ? 0 : term.amountCents,
        frequency: term.frequency,
        effectiveFrom: term.effectiveFrom,
      },
    ];
  });
  return {
    case: presentCase(own, await lcsaNames(tx)),
    asOf,
    owed: {
      currentDueCents: s.currentDueCents,
      arrearsCents: s.arrearsCents,
      familyArrearsCents: s.familyArrearsCents,
      assignedArrearsCents: s.assignedArrearsCents,
      interestCents: s.interestCents,
      totalCents: s.totalOwedCents,
    },
    nextDue: account.nextDue,
    orders,
    payments: account.payments.map((p) => ({
      receivedOn: p.receivedOn,
      amountCents: p.amountCents,
      source: p.source,
      isReversed: p.isReversed,
      currentCents: p.currentCents,
      arrearsCents: p.arrearsCents,
      interestCents: p.interestCents,
      heldAsFuturesCents: p.heldAsFuturesCents,
      toFamilyCents: p.familyCents,
      toRepayAssistanceCents: p.stateCents + p.federalCents,
    })),
    childrenCount: account.found.people.filter((p) => p.role === 'child').length,
  };
}

/** The case's account statement as a PDF (the same statement staff print). */
export async function myStatement(tx: Tx, actor: Actor, caseId: string): Promise<{ fileName: string; pdf: Uint8Array }> {
  await ownCase(tx, actor, caseId);
  return statementOf(tx, onBehalfOf(actor, readsOwnCase, ['registry.read']), caseId, todayInCalifornia());
}

/** Of the parent's cases, the registry records on which they pay support: where intercept notices are addressed. */
function payingPeople(cases: readonly ParentCase[]): string[] {
  return [...new Set(cases.filter((c) => c.role === 'obligor').map((c) => c.personId))];
}

const openNoticeStatuses = new Set(['issued', 'will_withhold']);

function presentNotice(row: ParentNoticeRow): MyNotice {
  const contest = row.contestStatus ? { status: row.contestStatus, decisionNote: row.contestDecisionNote } : null;
  return {
    id: row.id,
    noticeDate: row.noticeDate,
    insurerName: row.insurerName,
    pastDueCents: row.pastDueCents,
    withholdCents: row.withholdCents,
    status: row.status,
    onHold: row.onHold,
    canContest: openNoticeStatuses.has(row.status) && !row.onHold && row.contestStatus !== 'open',
    contest,
  };
}

/** The insurance intercept notices to the paying parent, with where each contest stands. */
export async function myNotices(tx: Tx, actor: Actor): Promise<MyNotice[]> {
  authorize(actor, 'portal.use');
  const rows = await noticesOfPeople(tx, payingPeople(await parentCases(tx, personOf(actor))));
  await recordAudit(tx, actor, { action: 'portal.notices.read', entityType: 'person', entityId: personOf(actor), detail: { notices: rows.length } });
  return rows.map(presentNotice);
}

/** The recorded liens on the paying parent's property, in every county (none for a parent who only receives support). */
export async function myLiens(tx: Tx, actor: Actor): Promise<MyLien[]> {
  authorize(actor, 'portal.use');
  const paying = payingPeople(await parentCases(tx, personOf(actor)));
  const found = await liensOfPeople(tx, paying);
  await recordAudit(tx, actor, { action: 'portal.liens.read', entityType: 'person', entityId: personOf(actor), detail: { liens: found.length } });
  return found;
}

/** Remembers the parent's language (the portal's switch). */
export async function chooseLanguage(tx: Tx, actor: Actor, language: PortalLanguage): Promise<void> {
  authorize(actor, 'portal.use');
  await setLanguage(tx, actor, language);
}

/**
 * A request, asked once: an account audit goes into finance's audit queue (with its legal deadline);
 * an order review and a safety concern into the LCSA's portal queue; a change of phone, address or
 * language is made at once on every record of the parent, and the LCSA sees that it was.
 */
export async function ask(tx: Tx, actor: Actor, input: NewRequest): Promise<MyRequest> {
  authorize(actor, 'portal.use');
  const me = personOf(actor);
  const today = todayInCalifornia();
  switch (input.kind) {
    case 'account_audit': {
      const own = await ownCase(tx, actor, input.caseId);
      const audit = await logAuditRequest(tx, onBehalfOf(actor, 'a parent asks for an account audit in the portal', ['finance.audits']), own.caseId, {
        kind: 'arrears_audit',
        requestedBy: own.role === 'obligor' ? 'obligor' : 'obligee',
        receivedOn: today,
        summary: input.message,
      });
      const row = await newRequest(
        tx,
        actor,
        own,
        'account_audit',
        'in_review',
        { message: input.message },
        { linkedType: 'finance_audit_request', linkedId: audit.id },
      );
      return { ...presentRequest(row, own.caseNumber), dueOn: audit.dueOn };
    }
    case 'order_review': {
      const own = await ownCase(tx, actor, input.caseId);
      return presentRequest(await newRequest(tx, actor, own, 'order_review', 'received', { message: input.message }), own.caseNumber);
    }
    case 'contact_update': {
      const first = await firstCase(tx, actor);
      const { kind: _kind, language, ...address } = input;
      await updateContact(tx, me, { ...address, ...(language ? { preferredLanguage: language } : {}) });
      const row = await newRequest(tx, actor, first, 'contact_update', 'done', { fields: Object.keys(input).filter((k) => k !== 'kind') });
      return presentRequest(row, first.caseNumber);
    }
    case 'notice_contest': {
      const cases = await parentCases(tx, me);
      const notice = (await noticesOfPeople(tx, payingPeople(cases))).find((n) => n.id === input.noticeId);
      if (!notice) throw new AppError('not_found', 'portal_notice_not_found', 'That notice is not one of yours.');
      const contest = await recordContest(
        tx,
        onBehalfOf(actor, 'a parent contests an insurance intercept notice in the portal', ['intercept.review']),
        { noticeId: notice.id, receivedOn: today, grounds: input.grounds, statement: input.statement, documents: [] },
        'parent',
      );
      const own =
        cases.find((c) => c.role === 'obligor' && c.lcsaId === notice.lcsaId && c.personId === notice.personId) ?? cases.find((c) => c.role === 'obligor')!;
      const row = await newRequest(
        tx,
        actor,
        { ...own, lcsaId: notice.lcsaId },
        'notice_contest',
        'in_review',
        { grounds: input.grounds, message: input.statement ?? null },
        {
          linkedType: 'intercept_contest',
          linkedId: contest.id,
        },
      );
      return presentRequest(row, own.caseNumber);
    }
    case 'lien_payoff':
    case 'lien_release': {
      const cases = await parentCases(tx, me);
      const paying = cases.find((c) => c.role === 'obligor');
      if (!paying) throw new AppError('not_found', 'portal_case_not_found', 'Only the parent who pays support has liens to pay off or release.');
      const taken = await takeParentLienRequest(tx, onBehalfOf(actor, 'a paying parent asks about their liens in the portal', ['liens.manage']), {
        personId: paying.personId,
        lcsaId: paying.lcsaId,
        kind: input.kind === 'lien_payoff' ? 'payoff' : 'release',
        message: input.message ?? null,
      });
      const row = await newRequest(
        tx,
        actor,
        paying,
        input.kind,
        'in_review',
        { message: input.message ?? null },
        { linkedType: 'lien_parent_request', linkedId: taken.id },
      );
      return { ...presentRequest(row, paying.caseNumber), dueOn: taken.dueBy };
    }
    case 'safety_concern': {
      const first = await firstCase(tx, actor);
      const row = await newRequest(tx, actor, first, 'safety_concern', 'received', { message: input.message ?? null });
      return presentRequest(row, first.caseNumber);
    }
  }
}

/** A request about the parent rather than one case goes to the LCSA of their first (open) case. */
async function firstCase(tx: Tx, actor: Actor): Promise<ParentCase> {
  const [first] = await parentCases(tx, personOf(actor));
  if (!first) throw new AppError('not_found', 'portal_case_not_found', 'You have no case with us, so there is no agency to send this to.');
  return first;
}

async function newRequest(
  tx: Tx,
  actor: Actor,
  own: ParentCase,
  kind: RequestRow['kind'],
  status: RequestRow['status'],
  detail: Record<string, unknown>,
  linked: { linkedType?: string; linkedId?: string } = {},
): Promise<RequestRow> {
  const row = await insertRequest(tx, { personId: own.personId, caseId: own.caseId, lcsaId: own.lcsaId, kind, status, detail, ...linked });
  // What the parent wrote stays in the request; the audit row says only that they asked.
  await recordAudit(tx, actor, {
    action: `portal.request.${kind}`,
    entityType: 'portal_request',
    entityId: row.id,
    lcsaId: own.lcsaId,
    after: { kind, status },
  });
  return row;
}

function presentRequest(row: RequestRow, caseNumber: string): MyRequest {
  return {
    id: row.id,
    kind: row.kind,
    caseNumber,
    status: row.status,
    answer: row.answer,
    createdAt: row.createdAt.toISOString(),
    decidedAt: row.decidedAt?.toISOString() ?? null,
    dueOn: null,
    payoff: null,
    documents: [],
  };
}

/**
 * The parent's requests, newest first. An account audit's status and answer are finance's: the audit
 * request's deadline, and once completed, its outcome.
 */
export async function myRequests(tx: Tx, actor: Actor): Promise<MyRequest[]> {
  return (await requestViews(tx, actor)).map((r) => r.view);
}

/** The parent's requests as they see them, each with the LCSA that answers it. */
async function requestViews(tx: Tx, actor: Actor): Promise<{ view: MyRequest; lcsaId: string }[]> {
  authorize(actor, 'portal.use');
  const cases = await parentCases(tx, personOf(actor));
  const people = [...new Set([personOf(actor), ...cases.map((c) => c.personId)])];
  const rows = await requestsOfPeople(tx, people);
  const numbers = new Map(cases.map((c) => [c.caseId, c.caseNumber]));
  const audits = new Map<string, { completedOn: CalendarDate | null; dueOn: CalendarDate; outcome: string | null }>();
  for (const caseId of new Set(rows.filter((r) => r.linkedType === 'finance_audit_request').map((r) => r.caseId))) {
    for (const a of await caseAuditRequests(tx, onBehalfOf(actor, readsOwnCase, ['registry.read']), caseId)) audits.set(a.id, a);
  }
  const contests = new Map(
    rows.some((r) => r.linkedType === 'intercept_contest') ? (await noticesOfPeople(tx, payingPeople(cases))).map((n) => [n.contestId, n]) : [],
  );
  const lienRequests = await parentLienRequestStatus(
    tx,
    rows.flatMap((r) => (r.linkedType === 'lien_parent_request' && r.linkedId ? [r.linkedId] : [])),
  );
  await recordAudit(tx, actor, { action: 'portal.requests.read', entityType: 'person', entityId: personOf(actor), detail: { requests: rows.length } });
  const attached = await documentsOfRequests(
    tx,
    rows.map((r) => r.id),
  );
  const viewOf = (row: RequestRow): MyRequest => {
    const view = { ...presentRequest(row, numbers.get(row.caseId) ?? ''), documents: attachedTo(attached, row.id) };
    const contested = row.linkedType === 'intercept_contest' && row.linkedId ? contests.get(row.linkedId) : undefined;
    if (contested?.contestStatus && contested.contestStatus !== 'open')
      return { ...view, status: contested.contestStatus === 'denied' ? 'declined' : 'done', answer: contested.contestDecisionNote };
    const lien = row.linkedType === 'lien_parent_request' && row.linkedId ? lienRequests.get(row.linkedId) : undefined;
    if (lien) {
      const isDone = lien.status === 'answered';
      const payoff = isDone && lien.payoffCents !== null && lien.goodThrough !== null ? { amountCents: lien.payoffCents, goodThrough: lien.goodThrough } : null;
      return { ...view, status: isDone ? 'done' : view.status, answer: lien.answer, dueOn: lien.dueBy, payoff };
    }
    const audit = row.linkedId ? audits.get(row.linkedId) : undefined;
    if (!audit) return view;
    const isDone = audit.completedOn !== null;
    return { ...view, status: isDone ? 'done' : view.status, answer: isDone ? audit.outcome : view.answer, dueOn: audit.dueOn };
  };
  return rows.map((row) => ({ view: viewOf(row), lcsaId: row.lcsaId }));
}

/**
 * The families' surveys offered to the parent: once staff have closed one of their requests (answered
 * or declined; a contact change the parent made themselves does not count), the open families' survey
 * of the LCSA that closed it, newest request first. Answering is anonymous: the survey page sends the
 * link's token without the session, and the answer is kept with the LCSA only (trauma's survey).
 */
export async function mySurveysAsParent(tx: Tx, keys: PiiKeys, actor: Actor): Promise<MySurvey[]> {
  const closed = (await requestViews(tx, actor)).find((r) => r.view.kind !== 'contact_update' && (r.view.status === 'done' || r.view.status === 'declined'));
  if (closed) await inviteFamily(tx, keys, actor.userId!, closed.lcsaId);
  return mySurveys(tx, keys, actor);
}

/** The documents of one request, as the parent and staff see them (names and sizes). */
export function attachedTo(documents: Awaited<ReturnType<typeof documentsOfRequests>>, requestId: string): MyRequest['documents'] {
  return documents.filter((d) => d.requestId === requestId).map(({ requestId: _request, ...d }) => d);
}

/**
 * Attaches a document to one of the parent's own open requests (a pay stub, a receipt): a PDF, PNG or
 * JPEG of at most 5 MiB, checked by its first bytes, kept sealed; at most five to a request.
 */
export async function attachDocument(
  tx: Tx,
  keys: PiiKeys,
  actor: Actor,
  requestId: string,
  file: { fileName: string; contentType: string; body: Buffer },
): Promise<MyRequest> {
  const own = (await requestViews(tx, actor)).find((r) => r.view.id === requestId);
  if (!own) throw new AppError('not_found', 'portal_request_not_found', 'That request is not one of yours.');
  if (own.view.status === 'done' || own.view.status === 'declined')
    throw new AppError('conflict', 'portal_request_decided', 'This request has been answered: ask again to send something new.');
  if (own.view.documents.length >= maxDocumentsPerRequest)
    throw new AppError('conflict', 'portal_too_many_documents', `A request takes at most ${maxDocumentsPerRequest} documents.`);
  checkDocument(file);
  const stored = await insertDocument(tx, {
    requestId,
    fileName: file.fileName,
    contentType: file.contentType,
    bytes: file.body.length,
    sha256: crypto.createHash('sha256').update(file.body).digest('hex'),
    sealed: sealText(keys, file.body.toString('base64')),
  });
  await recordAudit(tx, actor, {
    action: 'portal.request.document',
    entityType: 'portal_request',
    entityId: requestId,
    lcsaId: own.lcsaId,
    after: { documentId: stored.id, bytes: stored.bytes, contentType: stored.contentType },
  });
  return {
    ...own.view,
    documents: [...own.view.documents, { id: stored.id, fileName: stored.fileName, contentType: stored.contentType, bytes: stored.bytes }],
  };
}
