/**
 * Staff's side of parents' requests: the LCSA's queue (order reviews, safety concerns, and the contact
 * changes already made), and the decision. Confirming a safety concern sets the family-violence
 * protection on every registry record of the parent: from then on their address never leaves the
 * system, on every case, without the parent saying it again.
 */
import { sql } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/audit';
import type { Actor } from '../../platform/auth/actor';
import { authorize, requireStatewide, rowFilter, scopeSql } from '../../platform/auth/scope';
import type { Tx } from '../../platform/db/connect';
import type { CalendarDate } from '../../platform/dates';
import { AppError } from '../../platform/errors';
import { countDue, type WorkQueue } from '../../platform/work/work';
import { caseNumbers, parentRolesOn, protectIndividual } from '../registry/index';
import type { RequestDecision, StaffRequest } from './contract';
import { portalRequests } from './schema';
import { documentOfRequest, documentsOfRequests, latestMessages, requestForUpdate, requestsInScope, updateRequest, type RequestRow } from './store';
import { attachedTo } from './service';
import type { PiiKeys } from '../../platform/pii/keys';
import { openText } from '../../platform/pii/sealed';

async function present(tx: Tx, rows: RequestRow[]): Promise<StaffRequest[]> {
  const numbers = await caseNumbers(
    tx,
    rows.map((r) => r.caseId),
  );
  const roles = await parentRolesOn(tx, rows);
  const attached = await documentsOfRequests(
    tx,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    caseId: r.caseId,
    caseNumber: numbers.get(r.caseId) ?? '',
    lcsaId: r.lcsaId,
    personId: r.personId,
    parentRole: roles.get(`${r.personId}:${r.caseId}`) ?? 'obligor',
    status: r.status,
    message: typeof (r.detail as { message?: unknown }).message === 'string' ? (r.detail as { message: string }).message : null,
    linkedType: r.linkedType,
    linkedId: r.linkedId,
    answer: r.answer,
    createdAt: r.createdAt.toISOString(),
    documents: attachedTo(attached, r.id),
  }));
}

/**
 * [GAP] No rule found for how soon an LCSA answers a parent's order-review request or safety concern:
 * Concord's policy is ten days, shown as the queue's deadline on staff's home page.
 */
export const portalPolicy = { answerWithinDays: 10 } as const;

/** Parents' requests in the actor's LCSA (every LCSA's for state staff), open ones first. */
export async function staffRequests(tx: Tx, actor: Actor, options: { isOpenOnly: boolean }): Promise<StaffRequest[]> {
  authorize(actor, 'registry.read');
  const rows = await requestsInScope(tx, rowFilter(actor), options);
  await recordAudit(tx, actor, { action: 'portal.requests.read', entityType: 'portal_request', isPiiRead: true, detail: { count: rows.length } });
  return present(tx, rows);
}

/**
 * Confirms or declines a request, with the answer the parent reads. An account audit is worked in
 * finance's audit queue, not here; a contact change was already made.
 */
export async function decideRequest(tx: Tx, actor: Actor, id: string, input: RequestDecision): Promise<StaffRequest> {
  authorize(actor, 'registry.write');
  const row = await requestForUpdate(tx, rowFilter(actor), id);
  if (!row) throw new AppError('not_found', 'portal_request_not_found', `Request ${id} was not found in your scope.`);
  const workedElsewhere: Partial<Record<RequestRow['kind'], string>> = {
    account_audit: 'An account audit is worked in the finance audit queue.',
    notice_contest: 'A notice contest is worked in Insurance intercept, Contests.',
    lien_payoff: "A lien payoff is answered in Liens, Parents' payoff and release requests.",
    lien_release: "A lien release is answered in Liens, Parents' payoff and release requests.",
  };
  const elsewhere = workedElsewhere[row.kind];
  if (elsewhere) throw new AppError('conflict', 'portal_request_decided', elsewhere);
  if (row.status === 'done' || row.status === 'declined') throw new AppError('conflict', 'portal_request_decided', `Request ${id} was already ${row.status}.`);
  const status = input.decision === 'confirm' ? 'done' : 'declined';
  if (row.kind === 'safety_concern' && input.decision === 'confirm') {
    const protectedRecords = await protectIndividual(tx, row.personId);
    await recordAudit(tx, actor, {
      action: 'registry.person.protect',
      entityType: 'person',
      entityId: row.personId,
      lcsaId: row.lcsaId,
      after: { hasFamilyViolenceFlag: true },
      detail: { records: protectedRecords.length, portalRequest: row.id },
    });
  }
  await updateRequest(tx, row.id, { status, answer: input.answer, decidedBy: actor.userId, decidedAt: new Date() });
  await recordAudit(tx, actor, {
    action: 'portal.request.decide',
    entityType: 'portal_request',
    entityId: row.id,
    lcsaId: row.lcsaId,
    before: { status: row.status },
    after: { status },
  });
  const [decided] = await present(tx, [{ ...row, status, answer: input.answer }]);
  return decided!;
}

/** A document a parent attached, for staff of the request's LCSA (a read of personal data, audited). */
export async function requestDocument(tx: Tx, keys: PiiKeys, actor: Actor, requestId: string, documentId: string) {
  authorize(actor, 'registry.read');
  const row = await requestForUpdate(tx, rowFilter(actor), requestId);
  const document = row ? await documentOfRequest(tx, requestId, documentId) : undefined;
  if (!row || !document) throw new AppError('not_found', 'portal_document_not_found', `Document ${documentId} was not found in your scope.`);
  await recordAudit(tx, actor, {
    action: 'portal.request.document_read',
    entityType: 'portal_request',
    entityId: requestId,
    lcsaId: row.lcsaId,
    isPiiRead: true,
    detail: { documentId },
  });
  return { fileName: document.fileName, contentType: document.contentType, body: Buffer.from(openText(keys, document.sealed), 'base64') };
}

/** The newest messages to parents, for state administrators (the demo's outbox: nothing is sent). */
export async function outbox(tx: Tx, actor: Actor, limit = 50) {
  authorize(actor, 'users.manage');
  requireStatewide(actor, 'The outbox of messages to parents is for state administrators.');
  const rows = await latestMessages(tx, limit);
  await recordAudit(tx, actor, { action: 'portal.outbox.read', entityType: 'portal_message', detail: { count: rows.length } });
  return rows.map((m) => ({
    id: m.id,
    channel: m.channel,
    destinationMasked: m.destinationMasked,
    language: m.language,
    body: m.body,
    createdAt: m.createdAt.toISOString(),
  }));
}

/** Parents' open requests on each staff member's home page: a safety concern or order review waits on the LCSA. */
export const portalQueues: WorkQueue[] = [
  {
    key: 'portal.requests',
    label: "Parents' requests to answer",
    href: '/parent-requests',
    permissions: ['registry.write'],
    count: (tx, actor, today: CalendarDate) =>
      countDue(
        tx,
        sql`${portalRequests}`,
        sql`${scopeSql(rowFilter(actor), { lcsa: portalRequests.lcsaId })} and ${portalRequests.status} in ('received', 'in_review') and ${portalRequests.kind} not in ('account_audit', 'notice_contest', 'lien_payoff', 'lien_release')`,
        sql`(${portalRequests.createdAt} at time zone 'America/Los_Angeles')::date + ${portalPolicy.answerWithinDays}::int`,
        today,
      ),
  },
];
