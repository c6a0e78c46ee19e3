import { bigint, bigserial, boolean, index, jsonb, pgTable, smallint, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * Append-only. Rows written before migration 0019 carry their link and hash (versions 1 and 2); since
 * then a row is written without them (version 3) and queued in `audit_pending`, and the sealer chains it
 * in `audit_seal` after it commits. Every row's place in the chain is its seal.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    occurredAt: timestamp('occurred_at', { withTimezone: true, mode: 'date' }).notNull(),
    actorUserId: uuid('actor_user_id'),
    actorRole: text('actor_role').notNull(),
    lcsaId: text('lcsa_id'),
    action: text('action').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id'),
    requestId: text('request_id'),
    isPiiRead: boolean('is_pii_read').notNull().default(false),
    outcome: text('outcome', { enum: ['succeeded', 'failed'] })
      .notNull()
      .default('succeeded'),
    beforeDigest: text('before_digest'),
    afterDigest: text('after_digest'),
    detail: jsonb('detail').$type<Record<string, unknown>>(),
    /** Versions 1 and 2 only (the same as the row's seal); null from version 3 on. */
    prevHash: text('prev_hash'),
    hash: text('hash'),
    /**
     * How the row's seal hash is made (see audit.ts): 1, over the whole row as JSON; 2 and 3, over the link,
     * the id and the content's digest (2: chained by the writer, in id order; 3: by the sealer, after commit).
     */
    hashVersion: smallint('hash_version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    index('audit_log_entity_idx').on(t.entityType, t.entityId),
    index('audit_log_actor_idx').on(t.actorUserId),
    index('audit_log_occurred_idx').on(t.occurredAt),
  ],
);

/**
 * Rows written but not yet chained, with the digest of their content as the writer made it: the sealer
 * takes them in id order, seals them and removes them here, never reading the rows themselves.
 */
export const auditPending = pgTable('audit_pending', {
  auditId: bigint('audit_id', { mode: 'number' }).primaryKey(),
  contentDigest: text('content_digest').notNull(),
});

/**
 * The chain, append-only: the n-th seal links audit row `auditId` to the (n − 1)-th seal's hash. Rows of
 * versions 1 and 2 were sealed by migration 0019 in id order, with the link and hash they already had.
 */
export const auditSeal = pgTable('audit_seal', {
  chainSeq: bigint('chain_seq', { mode: 'number' }).primaryKey(),
  auditId: bigint('audit_id', { mode: 'number' }).notNull().unique(),
  prevHash: text('prev_hash').notNull(),
  hash: text('hash').notNull(),
  sealedAt: timestamp('sealed_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
});
