/**
 * Business dates are calendar dates, `YYYY-MM-DD`, never a Date with a time zone. Arithmetic goes
 * through day numbers (days since 1970-01-01, UTC), which is exact and fast enough for replaying
 * millions of events.
 *
 * @example
 *   addMonthsClamped('2024-01-31', 1) // '2024-02-29'
 *   daysBetween('2024-01-01', '2025-01-01') // 366
 */
import { daysInMonth, isCalendarDate, type CalendarDate } from './calendar/contract';

export { daysInMonth, firstOfYear, isCalendarDate, isLeapYear, type CalendarDate } from './calendar/contract';

/** A span of business dates, both ends included. */
export type Period = { from: CalendarDate; to: CalendarDate };

const dayMs = 86_400_000;

/** `value` as a calendar date, or an error naming `what` (for dates written in code, config and arguments). */
export function calendarDate(value: string, what = 'date'): CalendarDate {
  if (!isCalendarDate(value)) throw new Error(`${what} must be a calendar date YYYY-MM-DD, got ${JSON.stringify(value)}`);
  return value;
}

/**
 * Days since 1970-01-01 of a proleptic Gregorian date, by arithmetic alone (the days-from-civil method:
 * years counted from March, in 400-year eras of 146,097 days), so that replays build no Date objects.
 */
export function daysFromCivil(year: number, month1: number, day: number): number {
  const y = month1 <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month1 + (month1 > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/** The two-digit number at `at` (a month, a day, or half a year): unrolled, as replays read millions of dates. */
function twoDigitsAt(date: CalendarDate, at: number): number {
  return date.charCodeAt(at) * 10 + date.charCodeAt(at + 1) - 528; // 528 = 48 × 10 + 48, the two '0's
}

/**
 * The day number of the first of each month from 1600 through 2399, by month index (year × 12 + month − 1)
 * less `firstTabledMonth`: converting a date or finding a day in a month then reads a table, where replays
 * did the days-from-civil arithmetic millions of times. Months outside the table are computed.
 */
const firstTabledMonth = 1600 * 12;
const monthStarts = Int32Array.from({ length: 800 * 12 + 1 }, (_, i) => {
  const monthIndex = firstTabledMonth + i;
  return daysFromCivil(Math.floor(monthIndex / 12), (monthIndex % 12) + 1, 1);
});

/** Day number of the first day of the month `monthIndex` = year × 12 + (month − 1). */
function monthStart(monthIndex: number): number {
  const i = monthIndex - firstTabledMonth;
  if (i >= 0 && i < monthStarts.length) return monthStarts[i]!;
  const year = Math.floor(monthIndex / 12);
  return daysFromCivil(year, monthIndex - year * 12 + 1, 1);
}

export function dayOfMonth(date: CalendarDate): number {
  return twoDigitsAt(date, 8);
}

export function toDayNumber(date: CalendarDate): number {
  return monthStart(monthIndexOf(date)) + dayOfMonth(date) - 1;
}

/**
 * Replays turn the same few thousand day numbers into dates millions of times: each date of the tabled
 * years is written once, when first asked for, and kept by day number (at most 292,194 strings, so a
 * long-running server's memory stays bounded). Every caller then gets the same string for a day, which
 * also makes comparing two such dates a pointer comparison. The other direction reads the digits.
 */
const firstTabledDay = monthStarts[0]!;
const tabledDates: (CalendarDate | undefined)[] = new Array(monthStarts[monthStarts.length - 1]! - firstTabledDay);

function isTabledMonth(monthIndex: number): boolean {
  return monthIndex >= firstTabledMonth && monthIndex < firstTabledMonth + monthStarts.length - 1;
}

export function fromDayNumber(day: number): CalendarDate {
  const i = day - firstTabledDay;
  if (i < 0 || i >= tabledDates.length) return new Date(day * dayMs).toISOString().slice(0, 10) as CalendarDate;
  let date = tabledDates[i];
  if (date === undefined) {
    date = new Date(day * dayMs).toISOString().slice(0, 10) as CalendarDate;
    tabledDates[i] = date;
  }
  return date;
}

/** Day number of `dayOfMonth` (clamped to the month's length) in the month `monthIndex` = year × 12 + (month − 1). */
export function dayNumberInMonth(monthIndex: number, dayOfMonth: number): number {
  const first = monthStart(monthIndex);
  return first + Math.min(dayOfMonth, monthStart(monthIndex + 1) - first) - 1;
}

/** year × 12 + (month − 1) of a date: months count up by one. */
export function monthIndexOf(date: CalendarDate): number {
  return (twoDigitsAt(date, 0) * 100 + twoDigitsAt(date, 2)) * 12 + twoDigitsAt(date, 5) - 1;
}

export function addDays(date: CalendarDate, days: number): CalendarDate {
  return fromDayNumber(toDayNumber(date) + days);
}

export function daysBetween(from: CalendarDate, to: CalendarDate): number {
  return toDayNumber(to) - toDayNumber(from);
}

/** '00' to '31': months and days as written in a date (schedules build many dates). */
const twoDigits = Array.from({ length: 32 }, (_, n) => String(n).padStart(2, '0'));

/** The same day `months` later, clamped to the month's last day (Jan 31 + 1 month = Feb 28/29). */
export function addMonthsClamped(date: CalendarDate, months: number, dayOfMonth = twoDigitsAt(date, 8)): CalendarDate {
  return dateInMonth(monthIndexOf(date) + months, dayOfMonth);
}

/** `dayOfMonth` (clamped to the month's last day; 31 gives the month end) in the month `monthIndex` = year × 12 + (month − 1). */
export function dateInMonth(monthIndex: number, dayOfMonth: number): CalendarDate {
  if (isTabledMonth(monthIndex)) return fromDayNumber(dayNumberInMonth(monthIndex, dayOfMonth));
  const year = Math.floor(monthIndex / 12);
  const month1 = monthIndex - year * 12 + 1;
  const day = Math.min(dayOfMonth, daysInMonth(year, month1));
  return `${String(year).padStart(4, '0')}-${twoDigits[month1]}-${twoDigits[day]}` as CalendarDate;
}

/** The last day of the date's month. */
export function endOfMonth(date: CalendarDate): CalendarDate {
  return addMonthsClamped(date, 0, 31);
}

/** `YYYY-MM` of a date: the calendar month it falls in. */
export function monthOf(date: CalendarDate): string {
  return date.slice(0, 7);
}

/** The first day of a `YYYY-MM` month. */
export function firstOfMonth(month: string): CalendarDate {
  return calendarDate(`${month}-01`, 'month');
}

/** The `YYYY-MM` month after a `YYYY-MM` month. */
export function nextMonth(month: string): string {
  return monthOf(addMonthsClamped(firstOfMonth(month), 1));
}

export function maxDate(a: CalendarDate, b: CalendarDate): CalendarDate {
  return a > b ? a : b;
}

/** The programme's time zone and today's California date (shared with the web app). */
export { programmeTimeZone, todayInCalifornia } from './calendar/contract';

/** A calendar quarter, written `2026-Q1` (January–March 2026): claims and federal reports are by quarter. */
export type Quarter = `${number}-Q${1 | 2 | 3 | 4}`;

const pattern = /^(\d{4})-Q([1-4])$/;

export function isQuarter(text: string): text is Quarter {
  return pattern.test(text);
}

export function parseQuarter(quarter: string): { year: number; q: 1 | 2 | 3 | 4 } {
  const match = pattern.exec(quarter);
  if (!match) throw new Error(`Not a quarter: ${quarter}`);
  return { year: Number(match[1]), q: Number(match[2]) as 1 | 2 | 3 | 4 };
}

export function quarterOf(date: CalendarDate): Quarter {
  return `${Number(date.slice(0, 4))}-Q${(Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1) as 1 | 2 | 3 | 4}`;
}

export function quarterStart(quarter: string): CalendarDate {
  const { year, q } = parseQuarter(quarter);
  return dateInMonth(year * 12 + (q - 1) * 3, 1);
}

export function quarterEnd(quarter: string): CalendarDate {
  const { year, q } = parseQuarter(quarter);
  return dateInMonth(year * 12 + q * 3 - 1, 31);
}
