/**
 * A timestamp's business date: the calendar date in California, whatever the database session's time
 * zone (a server in UTC would otherwise put anything after 4 pm Pacific on the next day).
 *
 * @example sql`select count(*) from files where ${businessDate(sql`created_at`)} between ${from}::date and ${to}::date`
 */
import { sql, type AnyColumn, type SQL } from 'drizzle-orm';
import { programmeTimeZone, type CalendarDate } from '../dates';

export function businessDate(timestamp: SQL): SQL {
  return sql`(${timestamp} at time zone ${sql.raw(`'${programmeTimeZone}'`)})::date`;
}

/**
 * Whether a timestamp falls on the business dates from `from` to `to` (either may be absent), as bounds on the
 * timestamp itself — California's midnight at the start of `from`, and after `to` — so an index on it is used.
 */
export function onBusinessDates(timestamp: SQL | AnyColumn, from?: CalendarDate, to?: CalendarDate): SQL | undefined {
  const zone = sql.raw(`'${programmeTimeZone}'`);
  const bounds = [
    from ? sql`${timestamp} >= (${from}::date::timestamp at time zone ${zone})` : undefined,
    to ? sql`${timestamp} < ((${to}::date + 1)::timestamp at time zone ${zone})` : undefined,
  ].filter((b): b is SQL => b !== undefined);
  return bounds.length === 0 ? undefined : sql.join(bounds, sql` and `);
}
