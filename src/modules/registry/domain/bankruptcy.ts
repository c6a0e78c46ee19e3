/**
 * What a person's bankruptcies mean on a date (pure). The automatic stay (11 USC 362) runs from the
 * filing until relief from the stay, a discharge or a dismissal; a Chapter 13 debtor is one whose
 * Chapter 13 case is filed and neither discharged nor dismissed (22 CCR 116130: no lien against a
 * Chapter 13 debtor unless the property is outside the estate).
 *
 * @example bankruptcyStatus([{ chapter: '13', filedOn: '2026-03-01', stayLiftedOn: null, dischargedOn: null, dismissedOn: null }], '2026-06-01') // { isChapter13Debtor: true, isStayInForce: true }
 */
import type { CalendarDate } from '../../../platform/dates';

export interface BankruptcyFacts {
  chapter: '7' | '11' | '12' | '13';
  filedOn: CalendarDate;
  stayLiftedOn: CalendarDate | null;
  dischargedOn: CalendarDate | null;
  dismissedOn: CalendarDate | null;
}

export interface BankruptcyStatus {
  isChapter13Debtor: boolean;
  isStayInForce: boolean;
}

const byThen = (date: CalendarDate | null, on: CalendarDate) => date !== null && date <= on;

/** The case is filed and not yet closed by a discharge or dismissal. */
export function isCaseOpen(b: BankruptcyFacts, on: CalendarDate): boolean {
  return b.filedOn <= on && !byThen(b.dischargedOn, on) && !byThen(b.dismissedOn, on);
}

export function isStayInForce(b: BankruptcyFacts, on: CalendarDate): boolean {
  return isCaseOpen(b, on) && !byThen(b.stayLiftedOn, on);
}

export function bankruptcyStatus(cases: readonly BankruptcyFacts[], on: CalendarDate): BankruptcyStatus {
  return {
    isChapter13Debtor: cases.some((b) => b.chapter === '13' && isCaseOpen(b, on)),
    isStayInForce: cases.some((b) => isStayInForce(b, on)),
  };
}

/** The dates of a case must follow its filing; a case is closed once, by discharge or dismissal. */
export function bankruptcyProblems(b: BankruptcyFacts): { path: string; message: string }[] {
  const problems: { path: string; message: string }[] = [];
  for (const key of ['stayLiftedOn', 'dischargedOn', 'dismissedOn'] as const) {
    if (b[key] !== null && b[key] < b.filedOn) problems.push({ path: `/${key}`, message: 'on or after the filing date' });
  }
  if (b.dischargedOn !== null && b.dismissedOn !== null) problems.push({ path: '/dismissedOn', message: 'a case is discharged or dismissed, not both' });
  return problems;
}
