/**
 * Dates typed into a form become the API's CalendarDate here, or an error that names the field (as
 * parseDollarsToCents does for amounts), so no page sends unchecked text where a date belongs.
 *
 * @example enteredDate('Received on', '12/4/2026') // '2026-12-04'; '02/30/2026' throws "Received on: enter a real date as MM/DD/YYYY or YYYY-MM-DD, …"
 */
import { readTypedDate, type CalendarDate } from '../../../src/platform/calendar/contract';

export type { CalendarDate };

export function enteredDate(label: string, text: string): CalendarDate {
  const date = readTypedDate(text);
  if (date === null) throw new Error(`${label}: enter a real date as MM/DD/YYYY or YYYY-MM-DD, for example 11/24/2026.`);
  return date;
}

/** An optional date field: empty gives undefined, anything else must be a date. */
export function optionalDate(label: string, text: string): CalendarDate | undefined {
  return text.trim() === '' ? undefined : enteredDate(label, text);
}
