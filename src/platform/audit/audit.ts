/**
 * The audit log: one append-only row for every write (in the write's own transaction) and for every
 * read of personal data, hash-chained after it commits. Writers only insert (the row, and its place in the
 * sealer's queue); the sealer (`sealAudit`, on a timer in the server and before every verification)
 * chains committed rows in `audit_seal`, so no writer waits for another's commit.
 *
 * @example
 *   await recordAudit(tx, actor, { action: 'case.read', entityType: 'case', entityId: id, isPiiRead: true });
 */
import crypto from 'node:crypto';
import { sql, type SQL } from 'drizzle-orm';
import type { Actor } from '../auth/actor';
import { canonicalJson } from '../canonical-json';
import type { Db } from '../db/connect';
import { queryRows } from '../db/rows';
import type { auditLog } from './schema';

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
  /** Versions 1 and 2: the link and hash the writer gave the row (its seal repeats them); null from version 3. */
  prevHash: string | null;
  hash: string | null;
  hashVersion: number;
}

/** What a row says, apart from where it sits in the chain (id, link, hash). */
export type AuditContent = Omit<AuditRow, 'id' | 'prevHash' | 'hash' | 'hashVersion'>;

/** SHA-256 of the canonical JSON of a value: what the audit keeps of a before or after state. */
export function digest(value: unknown): string {
  return crypto.createHash('sha256').update(canonicalJson(value)).digest('hex');
}

/** The digest of a row's content, with its time as ISO text. */
export function contentDigest(content: AuditContent): string {
  return digest({ ...content, occurredAt: content.occurredAt.toISOString() });
}

/** Version 1 (rows written before migration 0018): the digest of the whole row, link and id included. */
export function rowHashV1(row: Omit<AuditRow, 'hash' | 'hashVersion'>): string {
  return contentDigest(row);
}

/** Versions 2 and 3: SHA-256 of "prev_hash:id:content digest" (made by the database's audit_append in version 2, by the sealer, `audit_seal_pending`, in 3: both the same formula). */
export function chainHash(prevHash: string, id: number, digestOfContent: string): string {
  return crypto.createHash('sha256').update(`${prevHash}:${id}:${digestOfContent}`).digest('hex');
}

/** A row as read from the table, without the time the database stamped on it (which no hash covers). */
export function storedRow({ createdAt: _createdAt, ...row }: typeof auditLog.$inferSelect): AuditRow {
  return row as AuditRow;
}

/** What a row says, without its place in the chain. */
function contentOf(row: AuditRow): AuditContent {
  const { id: _id, prevHash: _prevHash, hash: _hash, hashVersion: _version, ...content } = row;
  return content;
}

/** The hash the row's seal must have after a seal of hash `prevHash`, by the row's version. */
export function sealHash(row: AuditRow, prevHash: string): string {
  if (row.hashVersion === 1) {
    const { hash: _hash, hashVersion: _version, ...v1 } = row;
    return rowHashV1({ ...v1, prevHash });
  }
  return chainHash(prevHash, row.id, contentDigest(contentOf(row)));
}

/**
 * The statements that write an entry, as the clauses of a WITH: the row (version 3, not yet chained) and
 * its place in the sealer's queue, both in the statement's transaction. With `source`, one row is written
 * per row of that earlier clause (none when it has none). No lock is taken: the sealer chains the row
 * after it commits (`sealAudit`), so concurrent writers never wait for each other's commits.
 */
export function auditWrite(actor: Actor, entry: AuditEntry, source?: SQL): SQL {
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
    // Work done for a person beyond their own scope names its purpose (auth/actor.ts, onBehalfOf).
    detail: actor.onBehalfOf ? { ...entry.detail, onBehalfOf: actor.onBehalfOf.purpose } : (entry.detail ?? null),
  };
  return sql`audit_row as (
      insert into audit_log (occurred_at, actor_user_id, actor_role, lcsa_id, action, entity_type, entity_id, request_id, is_pii_read, outcome, before_digest, after_digest, detail, hash_version)
      select ${c.occurredAt.toISOString()}::timestamptz, ${c.actorUserId}::uuid, ${c.actorRole}, ${c.lcsaId}, ${c.action}, ${c.entityType}, ${c.entityId}, ${c.requestId}, ${c.isPiiRead}::boolean, ${c.outcome}, ${c.beforeDigest}, ${c.afterDigest}, ${c.detail === null ? null : JSON.stringify(c.detail)}::jsonb, 3
      ${source ? sql`from ${source}` : sql``}
      returning id),
    audit_queued as (insert into audit_pending (audit_id, content_digest) select id, ${contentDigest(c)} from audit_row returning audit_id)`;
}

/** Entries recorded in a read replica's transaction, which cannot write them: written to the primary after it (handler.ts). */
const heldForPrimary = new WeakMap<object, { actor: Actor; entry: AuditEntry }[]>();

/** Holds the entries recorded in `tx` (a read replica's) in `held` instead of writing them there. */
export function holdAuditsOf(tx: Db, held: { actor: Actor; entry: AuditEntry }[]): void {
  heldForPrimary.set(tx, held);
}

/** Writes the entry in the transaction (or, given the database, as a statement of its own); in a replica's, holds it for the primary. */
export async function recordAudit(tx: Db, actor: Actor, entry: AuditEntry): Promise<void> {
  const held = heldForPrimary.get(tx);
  if (held) {
    held.push({ actor, entry });
    return;
  }
  await tx.execute(sql`with ${auditWrite(actor, entry)} select audit_id from audit_queued`);
}

/**
 * Chains the committed rows waiting in `audit_pending`, oldest id first, after the newest seal, in the
 * database (`audit_seal_pending`, migration 0019: no row crosses to the application): each seal's hash is
 * `chainHash` of the previous seal's hash, the row's id and the content digest the writer queued with it
 * (so a row changed before it was sealed fails verification, which makes the digest from the row as
 * stored). One sealer at a time: another finds the lock taken and seals nothing. Works in batches of
 * `batchSize`, each a statement of its own; returns how many rows it sealed. A row still uncommitted is
 * sealed by a later run.
 */
export async function sealAudit(db: Db, batchSize = 2_000): Promise<number> {
  let sealed = 0;
  for (;;) {
    const [batch] = await queryRows<{ n: number }>(db, sql`select audit_seal_pending(${batchSize}::integer) as n`);
    sealed += batch!.n;
    if (batch!.n < batchSize) return sealed;
  }
}

/**
 * Seals every `everyMs` (the server's timer), skipping a tick while a run is still going (a slow database
 * would otherwise queue runs behind it); returns a function that stops it and waits for a run in progress.
 */
export function startAuditSealer(db: Db, everyMs: number, onError: (error: unknown) => void): () => Promise<void> {
  let running: Promise<unknown> | null = null;
  const timer = setInterval(() => {
    running ??= sealAudit(db)
      .catch(onError)
      .finally(() => (running = null));
  }, everyMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
