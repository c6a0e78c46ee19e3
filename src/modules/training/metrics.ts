/**
 * Training's measures for the strategic plan: the share of new staff whose Core Curriculum fell due in the
 * last 12 months and who completed all of it by its due date; the share of org units launched on the LMS.
 */
import type { Tx } from '../../platform/db/connect';
import { addDays, type CalendarDate } from '../../platform/dates';
import { shareMetric, type ProgressMetric } from '../../platform/progress-metric';
import { coreOnTimeCounts, unitsLaunchedCounts } from './store';

export async function coreOnTimeMetric(tx: Tx, asOf: CalendarDate): Promise<ProgressMetric> {
  const { numerator, denominator } = await coreOnTimeCounts(tx, asOf, addDays(asOf, -365));
  return shareMetric(numerator, denominator, {
    key: 'training.core_on_time',
    label: 'New staff who completed the Core Curriculum on time (due in the last 12 months)',
    asOf,
    what: 'new staff completed it on time',
    emptyNote: "No new member of staff's Core Curriculum has fallen due in the last 12 months.",
  });
}

export async function unitsLaunchedMetric(tx: Tx, asOf: CalendarDate): Promise<ProgressMetric> {
  const { numerator, denominator } = await unitsLaunchedCounts(tx, asOf);
  return shareMetric(numerator, denominator, {
    key: 'training.units_launched',
    label: 'HQ divisions and LCSAs launched on the learning management system',
    asOf,
    what: 'org units launched',
    emptyNote: 'There are no org units yet.',
  });
}
