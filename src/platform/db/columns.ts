/** Column helpers every table shares, so that all tables spell them the same way. */
import { bigint, timestamp } from 'drizzle-orm/pg-core';

/** `created_at`, set by the database. */
export const createdAt = () => timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow();

/** Integer cents as SQL bigint, read back as a JS number (safe to 2^53). */
export const cents = (name: string) => bigint(name, { mode: 'number' });
