/**
 * The auditor's search: newest first, filtered by action prefix, record type and id, the person who acted
 * (by account or email), PII reads and dates, each row naming the person as well as the role; and the same
 * selection as CSV (at most `maxExportRows`). Searches and exports are themselves audited, since audit
 * rows say who read whose records.
 */
import { and, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { onBusinessDates } from '../db/business-date';
import type { Actor } from '../auth/actor';
import { authorize } from '../auth/scope';
import { users } from '../auth/schema';
import type { Tx } from '../db/connect';
import { startsWith } from '../db/like';
import { AppError } from '../errors';
import { toCsv } from '../export-cells';
import { maxExportRows } from '../lists/contract';
import { recordAudit } from './audit';
import type { AuditEntry, AuditFilter, AuditQuery } from './contract';
import { auditLog } from './schema';

function conditionsOf(query: AuditFilter): SQL | undefined {
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
  return conditions.length > 0 ? and(...conditions) : undefined;
}

function selected(tx: Tx, query: AuditFilter, limit: number, offset = 0, where = conditionsOf(query)) {
  return tx
    .select({ row: auditLog, actorName: users.displayName, actorEmail: users.email })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorUserId))
    .where(where)
    .orderBy(desc(auditLog.id))
    .limit(limit)
    .offset(offset);
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

export async function searchAudit(tx: Tx, actor: Actor, query: AuditQuery) {
  authorize(actor, 'audit.read');
  const rows = await selected(tx, query, query.pageSize + 1, (query.page - 1) * query.pageSize);
  await recordAudit(tx, actor, { action: 'audit.search', entityType: 'audit_log', detail: { ...query } });
  const items = rows.slice(0, query.pageSize).map(entryOf);
  return { items, page: query.page, pageSize: query.pageSize, hasMore: rows.length > query.pageSize };
}

/** The filtered entries as CSV, newest first (through the export helper: no cell runs as a formula). */
export async function exportAuditCsv(tx: Tx, actor: Actor, query: AuditFilter): Promise<string> {
  authorize(actor, 'audit.read');
  const rows = await selected(tx, query, maxExportRows + 1);
  if (rows.length > maxExportRows) {
    throw new AppError('validation', 'export_too_large', `The export would have more than ${maxExportRows} entries; narrow it by dates, person or action.`, [
      { path: '/from', message: 'narrow the selection' },
    ]);
  }
  await recordAudit(tx, actor, { action: 'audit.export', entityType: 'audit_log', detail: { ...query, rows: rows.length } });
  const header = ['id', 'occurred_at', 'person', 'email', 'role', 'lcsa', 'action', 'record_type', 'record_id', 'personal_data', 'outcome', 'request_id'];
  const lines = rows
    .map(entryOf)
    .map((e) => [
      e.id,
      e.occurredAt,
      e.actorName ?? '',
      e.actorEmail ?? '',
      e.actorRole,
      e.lcsaId ?? '',
      e.action,
      e.entityType,
      e.entityId ?? '',
      e.isPiiRead ? 'yes' : 'no',
      e.outcome,
      e.requestId ?? '',
    ]);
  return toCsv([header, ...lines]);
}

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
  return (await selected(tx, {}, limit, 0, where)).map(entryOf);
}
