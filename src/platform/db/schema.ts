import { pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * Where each person's last write stood in the primary's write-ahead log (`pg_current_wal_lsn()` after it
 * committed), kept only when a read replica is configured: a read that may lag goes to the replica only
 * once the replica has replayed past it, so a person always reads back what they wrote (replica.ts).
 */
export const readPins = pgTable('read_pins', {
  userId: uuid('user_id').primaryKey(),
  /** A pg_lsn as text, e.g. 0/3000148. */
  lsn: text('lsn').notNull(),
  pinnedAt: timestamp('pinned_at', { withTimezone: true, mode: 'date' }).notNull(),
});
