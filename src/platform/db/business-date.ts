/**
 * A timestamp's business date: the calendar date in California, whatever the database session's time
 * zone (a server in UTC would otherwise put anything after 4 pm Pacific on the next day).
 *
 * @example sql`select count(*) from files where ${businessDate(sql`created_at`)} between ${from}::date and ${to}::date`
 */
import { sql, type SQL } from 'drizzle-orm';
import { programmeTimeZone } from '../dates';

export function businessDate(timestamp: SQL): SQL {
  return sql`(${timestamp} at time zone ${sql.raw(`'${programmeTimeZone}'`)})::date`;
}
