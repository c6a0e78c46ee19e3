/**
 * The auditor's search on the lists kit: filtered by action prefix, record type and id, the person who acted
 * (by account or email), PII reads and dates, each row naming the person as well as the role; paged, sorted
 * and exported (CSV, XLSX) like every list. Searches and exports are themselves audited, since audit rows say
 * who read whose records.
 */
import { and, desc, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import { onBusinessDates } from '../db/business-date';
import { authorize } from '../auth/scope';
import { users } from '../auth/schema';
import type { Tx } from '../db/connect';
import { startsWith } from '../db/like';
import { maxExportRows } from '../lists/contract';
import { boundedCount, inWindow, type ListSource } from '../lists/lists';
import { recordAudit } from './audit';
import type { AuditEntry, AuditFilter } from './contract';
import { auditLog } from './schema';

function conditionsOf(query: AuditFilter & { q?: string }): SQL | undefined {
  const conditions: SQL[] = [];
  if (query.action) conditions.push(startsWith(auditLog.action, query.action));
  if (query.entityType) conditions.push(eq(auditLog.entityType, query.entityType));
  if (query.entityId) conditions.push(eq(auditLog.entityId, query.entityId));
  if (query.actorUserId) conditions.push(eq(auditLog.actorUserId, query.actorUserId));
  if (query.actorEmail) conditions.push(sql`lower(${users.email}) = lower(${query.actorEmail.trim()})`);
  if (query.isPiiRead !== undefined) conditions.push(eq(auditLog.isPiiRead, query.isPiiRead));
  // Days are California's (a row written at 5 pm Pacific is on that day, not UTC's next one).
  const days = onBusinessDates(auditLog.occurredAt, query.from, query.to);
  if (days) conditions.push(days);
  // The free text: an action's start, a record's id, or the start of the person's email.
  if (query.q)
    conditions.push(or(startsWith(auditLog.action, query.q), eq(auditLog.entityId, query.q), startsWith(users.email, query.q, { ignoreCase: true }))!);
  return conditions.length > 0 ? and(...conditions) : undefined;
}

function selected(tx: Tx, where: SQL | undefined) {
  return tx
    .select({ row: auditLog, actorName: users.displayName, actorEmail: users.email })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorUserId))
    .where(where)
    .$dynamic();
}

function entryOf({ row: r, actorName, actorEmail }: Awaited<ReturnType<typeof selected>>[number]): AuditEntry {
  return {
    id: r.id,
    occurredAt: r.occurredAt.toISOString(),
    actorUserId: r.actorUserId,
    actorName,
    actorEmail,
    actorRole: r.actorRole,
    lcsaId: r.lcsaId,
    action: r.action,
    entityType: r.entityType,
    entityId: r.entityId,
    requestId: r.requestId,
    isPiiRead: r.isPiiRead,
    outcome: r.outcome,
  };
}

/**
 * The auditor's list: newest first by default, counted up to the export's bound (the log holds millions of
 * rows; "more than 10,000" is the answer that tells an auditor to narrow). Each search is itself audited.
 */
export const auditList: ListSource<AuditEntry, AuditFilter> = {
  name: 'audit',
  personal: false,
  defaultSort: { sort: 'id', dir: 'desc' },
  columns: [
    { key: 'id', header: 'Entry', value: (e) => e.id, orderBy: auditLog.id },
    { key: 'occurredAt', header: 'When', value: (e) => e.occurredAt, orderBy: auditLog.occurredAt },
    { key: 'actorName', header: 'Person', value: (e) => e.actorName ?? '' },
    { key: 'actorEmail', header: 'Email', value: (e) => e.actorEmail ?? '', orderBy: users.email },
    { key: 'actorRole', header: 'Role', value: (e) => e.actorRole, orderBy: auditLog.actorRole },
    { key: 'lcsaId', header: 'LCSA', value: (e) => e.lcsaId ?? '' },
    { key: 'action', header: 'Action', value: (e) => e.action, orderBy: auditLog.action },
    { key: 'entityType', header: 'Record type', value: (e) => e.entityType, orderBy: auditLog.entityType },
    { key: 'entityId', header: 'Record', value: (e) => e.entityId ?? '' },
    { key: 'isPiiRead', header: 'Personal data', value: (e) => (e.isPiiRead ? 'yes' : 'no') },
    { key: 'outcome', header: 'Outcome', value: (e) => e.outcome, orderBy: auditLog.outcome },
    { key: 'requestId', header: 'Request', value: (e) => e.requestId ?? '' },
  ],
  exportDetail: (filters) => ({ ...filters }),
  async rows(tx, actor, filters, window) {
    authorize(actor, 'audit.read');
    const where = conditionsOf(filters);
    const rows = await inWindow(selected(tx, where), window, auditLog.id);
    const counted = await boundedCount(
      tx,
      tx.select({ id: auditLog.id }).from(auditLog).leftJoin(users, eq(users.id, auditLog.actorUserId)).where(where).$dynamic(),
      maxExportRows,
    );
    // One row per act: a search here; an export is recorded by listExport, with the filters (exportDetail).
    if (!window.isExport)
      await recordAudit(tx, actor, {
        action: 'audit.search',
        entityType: 'audit_log',
        detail: { ...filters, sort: window.sort, dir: window.dir, offset: window.offset },
      });
    return { items: rows.map(entryOf), ...counted };
  },
};

/**
 * What was done to these records, newest first (the most recent `limit`): the changes only — reads and exports
 * are the auditor's business (the audit log page), not a case's history.
 */
export async function changesTo(tx: Tx, entityIds: readonly string[], limit: number): Promise<AuditEntry[]> {
  if (entityIds.length === 0) return [];
  const where = and(
    inArray(auditLog.entityId, [...entityIds]),
    eq(auditLog.isPiiRead, false),
    sql`${auditLog.action} not like '%.read' and ${auditLog.action} not like '%.export' and ${auditLog.action} not like '%.search'`,
  );
  return (await selected(tx, where).orderBy(desc(auditLog.id)).limit(limit)).map(entryOf);
}
