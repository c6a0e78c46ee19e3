/**
 * The audit request queue: arrears audit requests (CSS Letter 15-12) and complaints (FC 17800) logged on
 * a case, each with its deadline from the versioned policy (domain/audit-requests.ts), worked to
 * completion, with an audit's delay letter or a complaint's director extension recorded. LCSA staff see
 * their LCSA's queue; every change is audited.
 */
import { recordAudit } from '../../platform/audit/audit';
import type { Actor } from '../../platform/auth/actor';
import { assertCanWriteLcsa, assertRowInScope, authorize, rowFilter } from '../../platform/auth/scope';
import type { Tx } from '../../platform/db/connect';
import { type CalendarDate, todayInCalifornia } from '../../platform/dates';
import { AppError, type ErrorCode } from '../../platform/errors';
import { caseNumbers, findCaseOwner } from '../registry/index';
import type { AuditRequestUpdate, AuditRequestView, NewAuditRequest } from './contract';
import { deadlinesFor, queueState } from './domain/audit-requests';
import {
  auditRequestLegalDue,
  findAuditRequest,
  findAuditRequests,
  insertAuditRequest,
  pageAuditRequests,
  updateAuditRequestRow,
  type AuditRequestRow as Row,
} from './store';
import type { ListSource } from '../../platform/lists/lists';
import { financeAuditRequests } from './schema';

function viewOf(row: Row, caseNumber: string, today: CalendarDate): AuditRequestView {
  const { state, daysLeft } = queueState(row, today);
  return {
    id: row.id,
    caseId: row.caseId,
    caseNumber,
    lcsaId: row.lcsaId,
    kind: row.kind,
    requestedBy: row.requestedBy,
    receivedOn: row.receivedOn,
    knewOn: row.knewOn,
    summary: row.summary,
    dueOn: row.dueOn,
    isFiledLate: row.isFiledLate,
    extendedTo: row.extendedTo,
    extensionReason: row.extensionReason,
    completedOn: row.completedOn,
    outcome: row.outcome,
    state,
    daysLeft,
  };
}

const invalid = (code: ErrorCode, path: string, message: string) => new AppError('validation', code, message, [{ path, message }]);

export async function logAuditRequest(tx: Tx, actor: Actor, caseId: string, input: NewAuditRequest): Promise<AuditRequestView> {
  authorize(actor, 'finance.audits');
  const owner = assertRowInScope(actor, await findCaseOwner(tx, caseId), 'case_not_found', `Case ${caseId}`);
  assertCanWriteLcsa(actor, owner.lcsaId);
  const today = todayInCalifornia();
  if (input.receivedOn > today) throw invalid('received_in_future', '/receivedOn', `Received on ${input.receivedOn} is after today (${today}).`);
  if (input.kind === 'arrears_audit' && input.knewOn) throw invalid('knew_on_for_complaints_only', '/knewOn', 'Only a complaint has a date the parent knew.');
  if (input.knewOn && input.knewOn > input.receivedOn) throw invalid('knew_after_received', '/knewOn', 'The date the parent knew cannot be after receipt.');
  const deadlines = deadlinesFor(input);
  const row = await insertAuditRequest(tx, {
    lcsaId: owner.lcsaId,
    caseId,
    kind: input.kind,
    requestedBy: input.requestedBy,
    receivedOn: input.receivedOn,
    knewOn: input.knewOn ?? null,
    summary: input.summary,
    dueOn: deadlines.dueOn,
    isFiledLate: deadlines.isFiledLate,
    createdBy: actor.userId!,
  });
  await recordAudit(tx, actor, {
    action: 'finance.audit_request.log',
    entityType: 'finance_audit_request',
    entityId: row.id,
    lcsaId: owner.lcsaId,
    after: input,
  });
  return viewOf(row, (await caseNumbers(tx, [caseId])).get(caseId) ?? '', today);
}

export async function updateAuditRequest(tx: Tx, actor: Actor, id: string, input: AuditRequestUpdate): Promise<AuditRequestView> {
  authorize(actor, 'finance.audits');
  const row = await findAuditRequest(tx, rowFilter(actor), id);
  if (!row) throw new AppError('not_found', 'audit_request_not_found', `Audit request ${id} was not found in your scope.`);
  assertCanWriteLcsa(actor, row.lcsaId);
  if (row.status === 'completed') throw new AppError('conflict', 'audit_request_completed', `Audit request ${id} was completed on ${row.completedOn}.`);
  let change: Partial<Row>;
  if (input.action === 'extend') {
    if (row.extendedTo) throw new AppError('conflict', 'already_extended', `This request was already extended to ${row.extendedTo}.`);
    const { latestExtensionTo } = deadlinesFor(row);
    if (input.extendedTo <= row.dueOn) throw invalid('extension_not_later', '/extendedTo', `The new date must be after the due date ${row.dueOn}.`);
    if (latestExtensionTo && input.extendedTo > latestExtensionTo) {
      throw invalid('extension_too_long', '/extendedTo', `A complaint may be extended by the director to ${latestExtensionTo} at the latest (FC 17800).`);
    }
    change = { extendedTo: input.extendedTo, extensionReason: input.reason };
  } else {
    if (input.completedOn < row.receivedOn || input.completedOn > todayInCalifornia()) {
      throw invalid('completed_on_out_of_range', '/completedOn', `Completed on must be between ${row.receivedOn} and today.`);
    }
    change = { status: 'completed', completedOn: input.completedOn, outcome: input.outcome };
  }
  const updated = await updateAuditRequestRow(tx, id, change);
  await recordAudit(tx, actor, {
    action: `finance.audit_request.${input.action}`,
    entityType: 'finance_audit_request',
    entityId: id,
    lcsaId: row.lcsaId,
    before: { status: row.status, extendedTo: row.extendedTo },
    after: change,
  });
  return viewOf(updated, (await caseNumbers(tx, [row.caseId])).get(row.caseId) ?? '', todayInCalifornia());
}

/** Each request as the queue shows it today, with its case's number. */
async function viewsOf(tx: Tx, rows: Row[], today: CalendarDate): Promise<AuditRequestView[]> {
  const numbers = await caseNumbers(
    tx,
    rows.map((r) => r.caseId),
  );
  return rows.map((r) => viewOf(r, numbers.get(r.caseId) ?? '', today));
}

/** A case's audit requests and complaints, open and completed, soonest due first. */
export async function caseAuditRequests(tx: Tx, actor: Actor, caseId: string): Promise<AuditRequestView[]> {
  authorize(actor, 'registry.read');
  return viewsOf(tx, await findAuditRequests(tx, rowFilter(actor), { caseId }), todayInCalifornia());
}

/** The audit request and complaint queue, soonest legal deadline first; narrowed by status, kind and overdue. */
export const auditRequestList: ListSource<AuditRequestView, { status: 'open' | 'completed' | 'all'; kind?: Row['kind']; overdue?: boolean }> = {
  name: 'audit-requests',
  personal: true,
  defaultSort: { sort: 'dueOn', dir: 'asc' },
  columns: [
    { key: 'caseNumber', header: 'Case', value: (r) => r.caseNumber },
    { key: 'kind', header: 'Kind', value: (r) => r.kind, orderBy: financeAuditRequests.kind },
    { key: 'requestedBy', header: 'Requested by', value: (r) => r.requestedBy, orderBy: financeAuditRequests.requestedBy },
    { key: 'receivedOn', header: 'Received on', value: (r) => r.receivedOn, orderBy: financeAuditRequests.receivedOn },
    { key: 'dueOn', header: 'Due on', value: (r) => (r.extendedTo && r.kind === 'complaint' ? r.extendedTo : r.dueOn), orderBy: auditRequestLegalDue },
    { key: 'state', header: 'State', value: (r) => r.state },
    { key: 'daysLeft', header: 'Days left', value: (r) => r.daysLeft },
    { key: 'completedOn', header: 'Completed on', value: (r) => r.completedOn ?? '', orderBy: financeAuditRequests.completedOn },
    { key: 'outcome', header: 'Outcome', value: (r) => r.outcome ?? '' },
  ],
  async rows(tx, actor, filters, window) {
    authorize(actor, 'registry.read');
    const today = todayInCalifornia();
    const { rows, total } = await pageAuditRequests(
      tx,
      rowFilter(actor),
      { status: filters.status === 'all' ? undefined : filters.status, kind: filters.kind, overdueOn: filters.overdue ? today : undefined, q: filters.q },
      window,
    );
    return { items: await viewsOf(tx, rows, today), total };
  },
};
