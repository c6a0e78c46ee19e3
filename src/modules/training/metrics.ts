/**
 * Training's measures for the strategic plan: the share of new staff whose Core Curriculum fell due in the
 * last 12 months and who completed all of it by its due date; the share of org units launched on the LMS.
 */
import { sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/connect';
import { addDays } from '../../platform/dates';
import { shareFromQuery, type ProgressMetric } from '../../platform/progress-metric';

export function coreOnTimeMetric(tx: Tx, asOf: string): Promise<ProgressMetric> {
  return shareFromQuery(
    tx,
    sql`with due as (
          select a.user_id, bool_and(a.status = 'completed' and a.completed_on <= a.due_on) as on_time
          from training_assignments a join training_curricula c on c.id = a.curriculum_id
          where c.code = 'CORE' and a.source = 'new_hire' and a.cycle = 1
          group by a.user_id
          having max(a.due_on) between ${addDays(asOf, -365)}::date and ${asOf}::date)
        select count(*) filter (where on_time)::int as numerator, count(*)::int as denominator from due`,
    {
      key: 'training.core_on_time',
      label: 'New staff who completed the Core Curriculum on time (due in the last 12 months)',
      asOf,
      what: 'new staff completed it on time',
      emptyNote: "No new member of staff's Core Curriculum has fallen due in the last 12 months.",
    },
  );
}

export function unitsLaunchedMetric(tx: Tx, asOf: string): Promise<ProgressMetric> {
  return shareFromQuery(
    tx,
    sql`select count(*) filter (where w.status in ('launched', 'complete') and coalesce(w.launched_on, ${asOf}::date) <= ${asOf}::date)::int as numerator,
               count(*)::int as denominator
        from training_org_units u left join training_rollout_waves w on w.org_unit_id = u.id`,
    {
      key: 'training.units_launched',
      label: 'HQ divisions and LCSAs launched on the learning management system',
      asOf,
      what: 'org units launched',
      emptyNote: 'There are no org units yet.',
    },
  );
}
