import { bigserial, boolean, index, jsonb, pgTable, smallint, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** Append-only, hash-chained: each row's hash covers its content and the previous row's hash. */
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
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
    /** How `hash` was made (see audit.ts): 1, over the whole row as JSON; 2, over the link, the id and the content's digest. */
    hashVersion: smallint('hash_version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    index('audit_log_entity_idx').on(t.entityType, t.entityId),
    index('audit_log_actor_idx').on(t.actorUserId),
    index('audit_log_occurred_idx').on(t.occurredAt),
  ],
);
