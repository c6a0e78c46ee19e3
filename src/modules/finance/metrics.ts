/** Finance's measure for the strategic plan: the share of account audits completed in the last 12 months within 30 days. */
import { sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/connect';
import { addDays } from '../../platform/dates';
import { shareFromQuery, type ProgressMetric } from '../../platform/progress-metric';

export function auditsOnTimeMetric(tx: Tx, asOf: string): Promise<ProgressMetric> {
  // The 30-day deadline itself, not an extended one: a delay letter keeps the parent informed but is not "within 30 days".
  return shareFromQuery(
    tx,
    sql`select count(*) filter (where completed_on <= received_on + 30)::int as numerator, count(*)::int as denominator
        from finance_audit_requests
        where kind = 'arrears_audit' and status = 'completed' and completed_on between ${addDays(asOf, -365)}::date and ${asOf}::date`,
    {
      key: 'finance.audits_within_30_days',
      label: 'Account audits completed in the last 12 months within 30 days',
      asOf,
      what: 'audits were completed within 30 days',
      emptyNote: 'No account audit was completed in the last 12 months.',
    },
  );
}
