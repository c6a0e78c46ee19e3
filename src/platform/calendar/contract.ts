/**
 * The programme's calendar, shared by the server and the web app: business dates are California dates.
 *
 * @example todayInCalifornia(new Date('2026-11-25T01:00:00Z')) // '2026-11-24' (5 pm the day before in Los Angeles)
 */
/**
 * A business date, `YYYY-MM-DD`. A template type rather than a bare string: a timestamp such as
 * `2026-11-24T08:00:00Z`, a month `2026-11` or a free string from a request does not pass where a
 * calendar date is expected; strings from outside become dates through `isCalendarDate` or `calendarDate`.
 */
export type CalendarDate = `${number}-${number}-${number}`;

const datePattern = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether the text is a real date written YYYY-MM-DD (not 2026-02-30). */
export function isCalendarDate(value: string): value is CalendarDate {
  const match = datePattern.exec(value);
  if (!match) return false;
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  return m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

const monthLengths = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

const typedDate = /^(?:(\d{4})-(\d{2})-(\d{2})|(\d{1,2})\/(\d{1,2})\/(\d{4}))$/;

/**
 * A date as people in California type it — 12/04/2026, 12/4/2026 or 2026-12-04 — or null when it is
 * not one or does not exist (02/30/2026). Forms and the search box read dates through this.
 */
export function readTypedDate(value: string): CalendarDate | null {
  const m = typedDate.exec(value.trim());
  if (!m) return null;
  const [year, month, day] = m[1] ? [m[1], m[2]!, m[3]!] : [m[6]!, m[4]!.padStart(2, '0'), m[5]!.padStart(2, '0')];
  const date = `${year}-${month}-${day}`;
  return isCalendarDate(date) ? date : null;
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month1: number): number {
  return month1 === 2 && isLeapYear(year) ? 29 : monthLengths[month1 - 1]!;
}

/** The first of January of the date's year. */
export function firstOfYear(date: CalendarDate): CalendarDate {
  return `${date.slice(0, 4)}-01-01` as CalendarDate;
}

export const programmeTimeZone = 'America/Los_Angeles';

/** Today's business date in California, not UTC's: after 4 pm Pacific, UTC is already tomorrow. */
export function todayInCalifornia(now: Date = new Date()): CalendarDate {
  return new Intl.DateTimeFormat('en-CA', { timeZone: programmeTimeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now) as CalendarDate;
}
