/**
 * Claim quarters and fiscal years. A claim is for a calendar quarter, written `2026-Q1` (January–March
 * 2026). The state fiscal year runs July–June (`2025-26`; January–March is its third quarter); the federal
 * fiscal year runs October–September (FFY 2026 starts 2025-10-01; January–March is its second quarter).
 */
import { addDays, parseQuarter, quarterEnd, type CalendarDate, type Quarter } from '../../../platform/dates';

export { isQuarter, parseQuarter, quarterEnd, quarterOf, quarterStart, type Quarter } from '../../../platform/dates';

export function shiftQuarter(quarter: string, by: number): Quarter {
  const { year, q } = parseQuarter(quarter);
  const index = year * 4 + (q - 1) + by;
  return `${Math.floor(index / 4)}-Q${((index % 4) + 1) as 1 | 2 | 3 | 4}`;
}

/** The last `count` quarters ending with `last`, oldest first. */
export function quartersEndingWith(last: string, count: number): Quarter[] {
  return Array.from({ length: count }, (_, i) => shiftQuarter(last, i - count + 1));
}

/** State fiscal year (July–June) as `2025-26`, and the quarter's place in it. */
export function stateFiscal(quarter: string): { year: string; quarter: 1 | 2 | 3 | 4 } {
  const { year, q } = parseQuarter(quarter);
  const startYear = q >= 3 ? year : year - 1;
  return { year: `${startYear}-${String((startYear + 1) % 100).padStart(2, '0')}`, quarter: (q >= 3 ? q - 2 : q + 2) as 1 | 2 | 3 | 4 };
}

/** The calendar quarters of a state fiscal year, in order. */
export function quartersOfStateFiscalYear(stateFiscalYear: string): Quarter[] {
  const start = Number(stateFiscalYear.slice(0, 4));
  return [`${start}-Q3`, `${start}-Q4`, `${start + 1}-Q1`, `${start + 1}-Q2`] as Quarter[];
}

/** Federal fiscal year (October–September), named by the year it ends, and the quarter's place in it. */
export function federalFiscal(quarter: string): { year: number; quarter: 1 | 2 | 3 | 4 } {
  const { year, q } = parseQuarter(quarter);
  return q === 4 ? { year: year + 1, quarter: 1 } : { year, quarter: (q + 1) as 2 | 3 | 4 };
}

export function dueDate(quarter: string, daysAfterQuarterEnd: number): CalendarDate {
  return addDays(quarterEnd(quarter), daysAfterQuarterEnd);
}
