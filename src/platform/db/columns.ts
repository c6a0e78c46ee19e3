/** Column helpers every table shares, so that all tables spell them the same way. */
import { bigint, date, timestamp } from 'drizzle-orm/pg-core';
import type { CalendarDate } from '../dates';

/** `created_at`, set by the database. */
export const createdAt = () => timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow();

/** Integer cents as SQL bigint, read back as a JS number (safe to 2^53). */
export const cents = (name: string) => bigint(name, { mode: 'number' });

/** A business date as SQL date, read back as `YYYY-MM-DD` and typed `CalendarDate`. */
export const calendarDate = (name: string) => date(name, { mode: 'string' }).$type<CalendarDate>();
