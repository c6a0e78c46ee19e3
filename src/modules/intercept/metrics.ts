/** Intercept's measure for the strategic plan: the share of licensed insurers that reported in the last 12 months. */
import { sql } from 'drizzle-orm';
import { businessDate } from '../../platform/db/business-date';
import type { Tx } from '../../platform/db/connect';
import { addDays } from '../../platform/dates';
import { shareFromQuery, type ProgressMetric } from '../../platform/progress-metric';

export function insurersReportingMetric(tx: Tx, asOf: string): Promise<ProgressMetric> {
  return shareFromQuery(
    tx,
    sql`select count(*) filter (where exists (
              select 1 from intercept_claim_files f
              where f.insurer_id = i.partner_id and ${businessDate(sql`f.created_at`)} between ${addDays(asOf, -365)}::date and ${asOf}::date))::int as numerator,
            count(*)::int as denominator
        from intercept_insurers i where i.is_licensed`,
    {
      key: 'intercept.insurers_reporting',
      label: 'Licensed insurers that reported claims in the last 12 months',
      asOf,
      what: 'licensed insurers reported',
      emptyNote: 'No licensed insurer is registered yet.',
    },
  );
}
