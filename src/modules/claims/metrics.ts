/** Claims' measure for the strategic plan: the share of LCSAs whose last quarterly claim was submitted in Concord. */
import { sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/connect';
import { shareFromQuery, type ProgressMetric } from '../../platform/progress-metric';
import { listLcsas } from '../registry/index';

export async function lcsasClaimingMetric(tx: Tx, asOf: string): Promise<ProgressMetric> {
  const lcsaCount = (await listLcsas(tx)).length;
  return shareFromQuery<{ numerator: number; denominator: number; quarter: string }>(
    tx,
    sql`with q as (select max(quarter) as quarter from claims where due_by <= ${asOf}::date)
        select q.quarter,
               (select count(distinct lcsa_id)::int from claims c where c.quarter = q.quarter and c.status <> 'draft' and c.submitted_on <= ${asOf}::date) as numerator,
               ${lcsaCount}::int as denominator
        from q where q.quarter is not null`,
    {
      key: 'claims.lcsas_claiming_in_system',
      label: 'LCSAs whose last quarterly claim was submitted in Concord',
      asOf,
      what: (row) => `LCSAs submitted their ${row.quarter} claim`,
      emptyNote: 'No quarterly claim has fallen due yet.',
    },
  );
}
