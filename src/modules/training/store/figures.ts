/**
 * Training figures over its tables: assignment figures per group, overdue reminders, the rollout plan
 * and the plan's measures. Part of the training store (re-exported by store/index.ts).
 */
import { and, eq, inArray, isNull, lt, ne, or, sql, type SQL } from 'drizzle-orm';
import { scopeSql, type RowFilter } from '../../../platform/auth/scope';
import type { Tx } from '../../../platform/db/connect';
import { queryRows } from '../../../platform/db/rows';
import type { RolloutWave, TrainingReport } from '../contract';
import { trainingAssignments, trainingRolloutEvents, trainingRolloutWaves, trainingStaff } from '../schema';
import type { CalendarDate } from '../../../platform/dates';

// Reports, reminders and the rollout

const groupings = {
  org_unit: { key: sql`ou.id`, label: sql`ou.name` },
  role: { key: sql`u.role`, label: sql`u.role` },
  course: { key: sql`c.code`, label: sql`c.code || ' — ' || c.title` },
} as const;
export type Grouping = keyof typeof groupings;

/** Assigned, completed and overdue, and the average quiz score, per group of the staff in the filter. */
export async function assignmentFigures(tx: Tx, filter: RowFilter, groupBy: Grouping, today: CalendarDate): Promise<TrainingReport['rows']> {
  const g = groupings[groupBy];
  return queryRows<TrainingReport['rows'][number]>(
    tx,
    sql`select ${g.key} as key, ${g.label} as label, count(*)::int as assigned,
          count(*) filter (where a.status = 'completed')::int as completed,
          count(*) filter (where a.status <> 'completed' and a.due_on < ${today}::date)::int as overdue,
          round(avg(a.score_percent) filter (where a.score_percent is not null), 1)::float as "averageScorePercent"
        from training_assignments a join training_staff s on s.user_id = a.user_id join users u on u.id = a.user_id
        join training_org_units ou on ou.id = s.org_unit_id join training_courses c on c.id = a.course_id
        where ${scopeSql(filter, { lcsa: sql`s.org_unit_id` })} group by 1, 2 order by 2`,
  );
}

/** Marks reminded today the overdue assignments of the staff in the filter not reminded since `notSince`; returns how many. */
export async function remindOverdueAssignments(tx: Tx, filter: RowFilter, today: CalendarDate, notSince: CalendarDate): Promise<number> {
  const due = await tx
    .select({ id: trainingAssignments.id })
    .from(trainingAssignments)
    .innerJoin(trainingStaff, eq(trainingStaff.userId, trainingAssignments.userId))
    .where(
      and(
        ne(trainingAssignments.status, 'completed'),
        lt(trainingAssignments.dueOn, today),
        or(isNull(trainingAssignments.remindedOn), lt(trainingAssignments.remindedOn, notSince)),
        scopeSql(filter, { lcsa: trainingStaff.orgUnitId }),
      ),
    );
  if (due.length > 0)
    await tx
      .update(trainingAssignments)
      .set({ remindedOn: today })
      .where(
        inArray(
          trainingAssignments.id,
          due.map((d) => d.id),
        ),
      );
  return due.length;
}

/** The rollout plan: every wave with its unit's assignments and completions. */
export async function rolloutWaves(tx: Tx): Promise<Omit<RolloutWave, 'history'>[]> {
  return queryRows<Omit<RolloutWave, 'history'>>(
    tx,
    sql`select w.org_unit_id as "orgUnitId", ou.name as "orgUnitName", w.wave, w.planned_on::text as "plannedOn", w.status,
          w.launched_on::text as "launchedOn", w.delay_reason as "delayReason",
          (select count(*)::int from training_assignments a join training_staff s on s.user_id = a.user_id where s.org_unit_id = w.org_unit_id) as assigned,
          (select count(*)::int from training_assignments a join training_staff s on s.user_id = a.user_id where s.org_unit_id = w.org_unit_id and a.status = 'completed') as completed
        from training_rollout_waves w join training_org_units ou on ou.id = w.org_unit_id order by w.wave, ou.name`,
  );
}

export async function waveOf(tx: Tx, orgUnitId: string) {
  const [row] = await tx.select().from(trainingRolloutWaves).where(eq(trainingRolloutWaves.orgUnitId, orgUnitId));
  return row;
}

export async function upsertWave(tx: Tx, wave: typeof trainingRolloutWaves.$inferInsert): Promise<void> {
  await tx.insert(trainingRolloutWaves).values(wave).onConflictDoUpdate({ target: trainingRolloutWaves.orgUnitId, set: wave });
}

export async function insertRolloutEvents(tx: Tx, events: (typeof trainingRolloutEvents.$inferInsert)[]): Promise<void> {
  if (events.length > 0) await tx.insert(trainingRolloutEvents).values(events);
}

export type RolloutEvent = RolloutWave['history'][number];

/** Every org unit's changes to the plan, oldest first, with who made them. */
export async function rolloutHistory(tx: Tx): Promise<Map<string, RolloutEvent[]>> {
  const rows = await queryRows<RolloutEvent & { orgUnitId: string }>(
    tx,
    sql`select e.org_unit_id as "orgUnitId", e.status, e.planned_on::text as "plannedOn", e.reason, to_char(e.at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as at,
          u.display_name as "by"
        from training_rollout_events e left join users u on u.id = e.by_user_id order by e.at, e.id`,
  );
  const byUnit = new Map<string, RolloutEvent[]>();
  for (const { orgUnitId, ...event } of rows) byUnit.set(orgUnitId, [...(byUnit.get(orgUnitId) ?? []), event]);
  return byUnit;
}

/** Each org unit in the plan: whether it has launched, and on which day. Units not in the plan are not held. */
export async function launchesByUnit(tx: Tx): Promise<Map<string, { status: RolloutWave['status']; launchedOn: CalendarDate | null }>> {
  const rows = await tx
    .select({ orgUnitId: trainingRolloutWaves.orgUnitId, status: trainingRolloutWaves.status, launchedOn: trainingRolloutWaves.launchedOn })
    .from(trainingRolloutWaves);
  return new Map(rows.map((r) => [r.orgUnitId, { status: r.status, launchedOn: r.launchedOn }]));
}

// The plan's measures

/** New staff whose Core Curriculum fell due in the year to `asOf`, and how many finished it on time. */
export async function coreOnTimeCounts(tx: Tx, asOf: CalendarDate, yearBefore: string): Promise<{ numerator: number; denominator: number }> {
  return countPair(
    tx,
    sql`with due as (
          select a.user_id, bool_and(a.status = 'completed' and a.completed_on <= a.due_on) as on_time
          from training_assignments a join training_curricula c on c.id = a.curriculum_id
          where c.code = 'CORE' and a.source = 'new_hire' and a.cycle = 1
          group by a.user_id
          having max(a.due_on) between ${yearBefore}::date and ${asOf}::date)
        select count(*) filter (where on_time)::int as numerator, count(*)::int as denominator from due`,
  );
}

/** Org units, and how many had launched by `asOf`. */
export async function unitsLaunchedCounts(tx: Tx, asOf: CalendarDate): Promise<{ numerator: number; denominator: number }> {
  return countPair(
    tx,
    sql`select count(*) filter (where w.status in ('launched', 'complete') and coalesce(w.launched_on, ${asOf}::date) <= ${asOf}::date)::int as numerator,
               count(*)::int as denominator
        from training_org_units u left join training_rollout_waves w on w.org_unit_id = u.id`,
  );
}

async function countPair(tx: Tx, query: SQL): Promise<{ numerator: number; denominator: number }> {
  const [row] = await queryRows<{ numerator: number; denominator: number }>(tx, query);
  return row ?? { numerator: 0, denominator: 0 };
}
