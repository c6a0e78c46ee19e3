/**
 * The audit log: one hash-chained, append-only row for every write (in the write's own transaction)
 * and for every read of personal data. Writers serialise on an advisory lock so the chain has one order.
 *
 * @example
 *   await recordAudit(tx, actor, { action: 'case.read', entityType: 'case', entityId: id, isPiiRead: true });
 */
import crypto from 'node:crypto';
import { sql, type SQL } from 'drizzle-orm';
import { PgTransaction } from 'drizzle-orm/pg-core';
import type { Actor } from '../auth/actor';
import { canonicalJson } from '../canonical-json';
import type { Tx } from '../db/connect';
import { inTransaction } from '../db/transaction';

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
  hashVersion: number;
}

/** What a row says, apart from where it sits in the chain (id, link, hash). */
export type AuditContent = Omit<AuditRow, 'id' | 'prevHash' | 'hash' | 'hashVersion'>;

/** SHA-256 of the canonical JSON of a value: what the audit keeps of a before or after state. */
export function digest(value: unknown): string {
  return crypto.createHash('sha256').update(canonicalJson(value)).digest('hex');
}

/** The digest of a row's content (version 2: the application makes it, the database chains it), with its time as ISO text. */
export function contentDigest(content: AuditContent): string {
  return digest({ ...content, occurredAt: content.occurredAt.toISOString() });
}

/** Version 1 (rows written before migration 0018): the digest of the whole row, link and id included. */
export function rowHashV1(row: Omit<AuditRow, 'hash' | 'hashVersion'>): string {
  return contentDigest(row);
}

/** Version 2: SHA-256 of "prev_hash:id:content digest", as audit_append (migration 0018) makes it in the database. */
export function chainHash(prevHash: string, id: number, digestOfContent: string): string {
  return crypto.createHash('sha256').update(`${prevHash}:${id}:${digestOfContent}`).digest('hex');
}

/** The hash a row should have, by its version. */
export function rowHash(row: Omit<AuditRow, 'hash'>): string {
  if (row.hashVersion === 1) {
    const { hashVersion: _version, ...v1 } = row;
    return rowHashV1(v1);
  }
  const { id, prevHash, hashVersion: _version, ...content } = row;
  return chainHash(prevHash, id, contentDigest(content));
}

/** Whether `tx` is an open transaction rather than the database (a plain boolean: no narrowing of Tx). */
function isTransaction(tx: Tx): boolean {
  return tx instanceof PgTransaction;
}

/**
 * The `audit_append(...)` call for an entry, as an SQL expression: the database function takes the
 * chain's lock, draws the id, reads the newest row's hash and chains this row's content digest to it.
 * The lock is held from that statement to the commit. `recordAudit` runs it as a statement of its own;
 * a write of one statement can end with it, and is then its own transaction (see `postCollection`).
 */
export function auditAppend(actor: Actor, entry: AuditEntry): SQL {
  const c: AuditContent = {
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
  };
  return sql`audit_append(${contentDigest(c)}, ${c.occurredAt.toISOString()}, ${c.actorUserId}, ${c.actorRole}, ${c.lcsaId}, ${c.action}, ${c.entityType}, ${c.entityId}, ${c.requestId}, ${c.isPiiRead}, ${c.outcome}, ${c.beforeDigest}, ${c.afterDigest}, ${c.detail === null ? null : JSON.stringify(c.detail)})`;
}

/** Appends the entry to the chain, as the last statement of the transaction's write (the commit follows it). */
export async function recordAudit(tx: Tx, actor: Actor, entry: AuditEntry): Promise<void> {
  // Outside a transaction the chain lock would end with its own statement: the row gets a transaction of its own.
  if (!isTransaction(tx)) return inTransaction(tx, (own) => recordAudit(own, actor, entry));
  await tx.execute(sql`select ${auditAppend(actor, entry)}`);
}
