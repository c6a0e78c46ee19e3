/**
 * Dates typed into a form become the API's CalendarDate here, or an error that names the field (as
 * parseDollarsToCents does for amounts), so no page sends unchecked text where a date belongs.
 *
 * @example enteredDate('Received on', '2026-02-30') // throws "Received on: enter a real date as YYYY-MM-DD, for example 2026-11-24."
 */
import { isCalendarDate, type CalendarDate } from '../../../src/platform/calendar/contract';

export type { CalendarDate };

export function enteredDate(label: string, text: string): CalendarDate {
  const trimmed = text.trim();
  if (!isCalendarDate(trimmed)) throw new Error(`${label}: enter a real date as YYYY-MM-DD, for example 2026-11-24.`);
  return trimmed;
}

/** An optional date field: empty gives undefined, anything else must be a date. */
export function optionalDate(label: string, text: string): CalendarDate | undefined {
  return text.trim() === '' ? undefined : enteredDate(label, text);
}
