/**
 * The programme's calendar, shared by the server and the web app: business dates are California dates.
 *
 * @example todayInCalifornia(new Date('2026-11-25T01:00:00Z')) // '2026-11-24' (5 pm the day before in Los Angeles)
 */
export const programmeTimeZone = 'America/Los_Angeles';

/** Today's business date in California, not UTC's: after 4 pm Pacific, UTC is already tomorrow. */
export function todayInCalifornia(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: programmeTimeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}
