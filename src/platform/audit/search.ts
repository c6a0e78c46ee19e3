/**
 * The auditor's search: newest first, filtered by action prefix, entity, actor, PII reads and dates.
 * The search itself is audited, since audit rows say who read whose records.
 */
import { and, desc, eq, gte, lt, type SQL } from 'drizzle-orm';
import type { Actor } from '../auth/actor';
import { authorize } from '../auth/scope';
import type { Tx } from '../db/connect';
import { startsWith } from '../db/like';
import { recordAudit } from './audit';
import type { AuditEntry, AuditQuery } from './contract';
import { auditLog } from './schema';

export async function searchAudit(tx: Tx, actor: Actor, query: AuditQuery) {
  authorize(actor, 'audit.read');
  const conditions: SQL[] = [];
  if (query.action) conditions.push(startsWith(auditLog.action, query.action));
  if (query.entityType) conditions.push(eq(auditLog.entityType, query.entityType));
  if (query.entityId) conditions.push(eq(auditLog.entityId, query.entityId));
  if (query.actorUserId) conditions.push(eq(auditLog.actorUserId, query.actorUserId));
  if (query.isPiiRead !== undefined) conditions.push(eq(auditLog.isPiiRead, query.isPiiRead));
  if (query.from) conditions.push(gte(auditLog.occurredAt, new Date(`${query.from}T00:00:00Z`)));
  if (query.to) conditions.push(lt(auditLog.occurredAt, new Date(Date.parse(`${query.to}T00:00:00Z`) + 86_400_000)));
  const rows = await tx
    .select()
    .from(auditLog)
    .where(conditions.length > 0 ? and(...conditions) : undefined)
    .orderBy(desc(auditLog.id))
    .limit(query.pageSize + 1)
    .offset((query.page - 1) * query.pageSize);
  await recordAudit(tx, actor, { action: 'audit.search', entityType: 'audit_log', detail: { ...query } });
  const items: AuditEntry[] = rows.slice(0, query.pageSize).map((r) => ({
    id: r.id,
    occurredAt: r.occurredAt.toISOString(),
    actorUserId: r.actorUserId,
    actorRole: r.actorRole,
    lcsaId: r.lcsaId,
    action: r.action,
    entityType: r.entityType,
    entityId: r.entityId,
    requestId: r.requestId,
    isPiiRead: r.isPiiRead,
    outcome: r.outcome,
  }));
  return { items, page: query.page, pageSize: query.pageSize, hasMore: rows.length > query.pageSize };
}
