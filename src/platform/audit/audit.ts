/**
 * The audit log: one hash-chained, append-only row for every write (in the write's own transaction)
 * and for every read of personal data. Writers serialise on an advisory lock so the chain has one order.
 *
 * @example
 *   await recordAudit(tx, actor, { action: 'case.read', entityType: 'case', entityId: id, isPiiRead: true });
 */
import crypto from 'node:crypto';
import { sql } from 'drizzle-orm';
import { PgTransaction } from 'drizzle-orm/pg-core';
import type { Actor } from '../auth/actor';
import { canonicalJson } from '../canonical-json';
import type { Tx } from '../db/connect';
import { queryRows } from '../db/rows';
import { inTransaction } from '../db/transaction';
import { auditLog } from './schema';

export const genesisHash = '0'.repeat(64);

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId?: string | null;
  lcsaId?: string | null;
  isPiiRead?: boolean;
  outcome?: 'succeeded' | 'failed';
  before?: unknown;
  after?: unknown;
  detail?: Record<string, unknown>;
}

export interface AuditRow {
  id: number;
  occurredAt: Date;
  actorUserId: string | null;
  actorRole: string;
  lcsaId: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  requestId: string | null;
  isPiiRead: boolean;
  outcome: 'succeeded' | 'failed';
  beforeDigest: string | null;
  afterDigest: string | null;
  detail: Record<string, unknown> | null;
  prevHash: string;
  hash: string;
}

/** SHA-256 of the canonical JSON of a value: what the audit keeps of a before or after state. */
export function digest(value: unknown): string {
  return crypto.createHash('sha256').update(canonicalJson(value)).digest('hex');
}

/** The hash of one row: its content (all but `hash`) chained to the previous row's hash. */
export function rowHash(row: Omit<AuditRow, 'hash'>): string {
  return digest({ ...row, occurredAt: row.occurredAt.toISOString() });
}

/** Whether `tx` is an open transaction rather than the database (a plain boolean: no narrowing of Tx). */
function isTransaction(tx: Tx): boolean {
  return tx instanceof PgTransaction;
}

export async function recordAudit(tx: Tx, actor: Actor, entry: AuditEntry): Promise<void> {
  // Outside a transaction the chain lock would end with its own statement: the row gets a transaction of its own.
  if (!isTransaction(tx)) return inTransaction(tx, (own) => recordAudit(own, actor, entry));
  // The chain's lock, then the row's id and the newest row's hash, in one statement (migration 0018):
  // the function reads the head after the lock is granted, so it sees every earlier link.
  const [next] = await queryRows<{ next_id: string | number; prev_hash: string | null }>(tx, sql`select next_id, prev_hash from audit_chain_next()`);
  const row: Omit<AuditRow, 'hash'> = {
    id: Number(next?.next_id),
    occurredAt: new Date(),
    actorUserId: actor.userId,
    actorRole: actor.role,
    lcsaId: entry.lcsaId ?? null,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId ?? null,
    requestId: actor.requestId,
    isPiiRead: entry.isPiiRead ?? false,
    outcome: entry.outcome ?? 'succeeded',
    beforeDigest: entry.before === undefined ? null : digest(entry.before),
    afterDigest: entry.after === undefined ? null : digest(entry.after),
    detail: entry.detail ?? null,
    prevHash: next?.prev_hash ?? genesisHash,
  };
  await tx.insert(auditLog).values({ ...row, hash: rowHash(row) });
}
