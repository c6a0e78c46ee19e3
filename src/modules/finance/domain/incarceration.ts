/**
 * FC 4007.5 (reenacted from 2021-01-01): a support order is suspended by operation of law for any period
 * exceeding 90 consecutive days in which the obligor is incarcerated or involuntarily institutionalized,
 * unless (a)(1) the obligor has the means to pay while in custody, or (a)(2) the custody is for domestic
 * violence against the supported party or child, an offence a protective order could enjoin, or a
 * failure to comply with a support order; (b) charging resumes on the first day of the first full month
 * after release. Concord records the facts (`Incarceration`) and derives the suspension from them here,
 * by the version of the rule in force (`IncarcerationPolicy`), rather than being told which dates to skip.
 */
import { addDays, dateInMonth, daysBetween, monthIndexOf, type CalendarDate } from '../../../platform/dates';
import type { SuspensionPeriod } from './types';

/** The statute's exceptions: any one of them keeps support charging through the stay. */
export const incarcerationExceptions = ['means_to_pay', 'domestic_violence', 'failure_to_pay_support'] as const;
export type IncarcerationException = (typeof incarcerationExceptions)[number];

/** One stay in custody, as recorded: the facts, not the suspension. */
export interface Incarceration {
  id: string;
  /** The first day in custody. */
  from: CalendarDate;
  /** The day of release; null while still in custody. */
  releasedOn: CalendarDate | null;
  exceptions: IncarcerationException[];
}

export interface IncarcerationPolicy {
  /** Applies to support falling due on or after this date. */
  effectiveFrom: CalendarDate;
  /** Whether support is suspended by operation of law in this period at all. */
  suspends: boolean;
  /** A stay suspends support only if it lasts more than this many consecutive days. */
  minimumDays: number;
  /**
   * [GAP] From when a qualifying stay suspends support: `start` (the whole stay: the statute suspends
   * the order "for any period exceeding 90 consecutive days", and DCSS's summaries describe support set
   * to $0 while incarcerated) or `after_minimum` (only the days past the 90th). Default `start`.
   */
  suspendsFrom: 'start' | 'after_minimum';
}

/**
 * [GAP] Only the reenacted section is modelled: before 2021-01-01 no suspension is derived (the
 * 2011–2015 version of 4007.5 and the gap after its sunset are not in the domain page's sources); a
 * suspension a court ordered for those years is recorded as a suspension period instead.
 */
export const defaultIncarcerationPolicies: IncarcerationPolicy[] = [
  { effectiveFrom: '0001-01-01', suspends: false, minimumDays: 90, suspendsFrom: 'start' },
  { effectiveFrom: '2021-01-01', suspends: true, minimumDays: 90, suspendsFrom: 'start' },
];

const endOfTime: CalendarDate = '9999-12-31';

/** The first day of the first full month after `date` (a release on the 1st still waits for the next month: that day was spent in custody). */
export function firstFullMonthAfter(date: CalendarDate): CalendarDate {
  return dateInMonth(monthIndexOf(date) + 1, 1);
}

/**
 * The days on which no support falls due, derived from the stays recorded and known on `asOf`: a stay
 * still going on `asOf` counts its days through `asOf` (so a stay is suspended from its start once its
 * 91st day has come: a replay to an earlier date charged what a later one no longer does, as the law
 * has it), each qualifying stay suspended until the day before charging resumes, within the periods
 * when a version of the rule that suspends is in force. Periods are inclusive and may overlap.
 */
export function suspensionsFromIncarcerations(
  stays: readonly Incarceration[],
  policies: readonly IncarcerationPolicy[],
  asOf: CalendarDate,
): SuspensionPeriod[] {
  const versions = [...policies].sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? -1 : 1));
  const periods: SuspensionPeriod[] = [];
  for (const stay of stays) {
    if (stay.from > asOf || stay.exceptions.length > 0) continue;
    const lastDay = stay.releasedOn !== null && stay.releasedOn <= asOf ? stay.releasedOn : asOf;
    const days = daysBetween(stay.from, lastDay) + 1;
    const resumes = stay.releasedOn !== null && stay.releasedOn <= asOf ? firstFullMonthAfter(stay.releasedOn) : null;
    versions.forEach((version, i) => {
      if (!version.suspends || days <= version.minimumDays) return;
      const start = version.suspendsFrom === 'start' ? stay.from : addDays(stay.from, version.minimumDays);
      const end = resumes === null ? endOfTime : addDays(resumes, -1);
      // Within this version's time in force.
      const from = start > version.effectiveFrom ? start : version.effectiveFrom;
      const next = versions[i + 1];
      const to = next && addDays(next.effectiveFrom, -1) < end ? addDays(next.effectiveFrom, -1) : end;
      if (from <= to) periods.push({ from, to });
    });
  }
  return periods;
}
