/** Liens' measure for the strategic plan: the share of lien releases in the last 12 months made by their deadline. */
import { sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/connect';
import { addDays, type CalendarDate } from '../../platform/dates';
import { shareFromQuery, type ProgressMetric } from '../../platform/progress-metric';

export function releasesOnTimeMetric(tx: Tx, asOf: CalendarDate): Promise<ProgressMetric> {
  return shareFromQuery(
    tx,
    sql`select count(*) filter (where released_on <= due_by)::int as numerator, count(*)::int as denominator
        from lien_releases where released_on between ${addDays(asOf, -365)}::date and ${asOf}::date`,
    {
      key: 'liens.releases_on_time',
      label: 'Lien releases in the last 12 months made within their deadline',
      asOf,
      what: 'releases were on time',
      emptyNote: 'No lien was released in the last 12 months.',
    },
  );
}
