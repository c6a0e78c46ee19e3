/** Finance's measure for the strategic plan: the share of account audits completed in the last 12 months within 30 days. */
import type { Tx } from '../../platform/db/connect';
import { addDays, type CalendarDate } from '../../platform/dates';
import { shareMetric, type ProgressMetric } from '../../platform/progress-metric';
import { auditsCompletedWithin30Days } from './store';

export async function auditsOnTimeMetric(tx: Tx, asOf: CalendarDate): Promise<ProgressMetric> {
  // The 30-day deadline itself, not an extended one: a delay letter keeps the parent informed but is not "within 30 days".
  const { numerator, denominator } = await auditsCompletedWithin30Days(tx, addDays(asOf, -365), asOf);
  return shareMetric(numerator, denominator, {
    key: 'finance.audits_within_30_days',
    label: 'Account audits completed in the last 12 months within 30 days',
    asOf,
    what: 'audits were completed within 30 days',
    emptyNote: 'No account audit was completed in the last 12 months.',
  });
}
