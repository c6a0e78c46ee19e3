/**
 * For managers and trainers: completion, overdue and quiz results by org unit, role or course (an LCSA
 * administrator sees their LCSA's staff only), with CSV and XLSX; reminders for overdue assignments;
 * and the rollout plan — org units in waves, each planned, launched, delayed (with the reason) or
 * complete, with its progress.
 */
import { stringify } from 'csv-stringify/sync';
import { and, eq, isNull, lt, ne, or, sql } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/audit';
import type { Actor } from '../../platform/auth/actor';
import { authorize, lcsaScope, requireStatewide } from '../../platform/auth/scope';
import type { Tx } from '../../platform/db/connect';
import { addDays, todayInCalifornia } from '../../platform/dates';
import { AppError } from '../../platform/errors';
import { queryRows } from '../../platform/db/rows';
import { addTableSheet, newWorkbook, workbookBuffer } from '../../platform/xlsx';
import type { RolloutWave, TrainingReport } from './contract';
import { trainingAssignments, trainingOrgUnits, trainingRolloutWaves, trainingStaff } from './schema';

const groupings = {
  org_unit: { key: sql`ou.id`, label: sql`ou.name` },
  role: { key: sql`u.role`, label: sql`u.role` },
  course: { key: sql`c.code`, label: sql`c.code || ' — ' || c.title` },
} as const;
export type Grouping = keyof typeof groupings;

function unitScope(actor: Actor) {
  return lcsaScope(actor, sql`s.org_unit_id`);
}

export async function trainingReport(tx: Tx, actor: Actor, groupBy: Grouping): Promise<TrainingReport> {
  authorize(actor, 'training.manage');
  const g = groupings[groupBy];
  const today = todayInCalifornia();
  const rows = await queryRows<TrainingReport['rows'][number]>(
    tx,
    sql`select ${g.key} as key, ${g.label} as label, count(*)::int as assigned,
          count(*) filter (where a.status = 'completed')::int as completed,
          count(*) filter (where a.status <> 'completed' and a.due_on < ${today}::date)::int as overdue,
          round(avg(a.score_percent) filter (where a.score_percent is not null), 1)::float as "averageScorePercent"
        from training_assignments a join training_staff s on s.user_id = a.user_id join users u on u.id = a.user_id
        join training_org_units ou on ou.id = s.org_unit_id join training_courses c on c.id = a.course_id
        where ${unitScope(actor)} group by 1, 2 order by 2`,
  );
  await recordAudit(tx, actor, { action: 'training.report.read', entityType: 'training_assignment', detail: { groupBy } });
  return { groupBy, rows };
}

const columns = [
  { header: 'Group', key: 'label', width: 50 },
  { header: 'Assigned', key: 'assigned', width: 10 },
  { header: 'Completed', key: 'completed', width: 10 },
  { header: 'Overdue', key: 'overdue', width: 10 },
  { header: 'Average quiz score (%)', key: 'averageScorePercent', width: 14 },
];

export function trainingReportCsv(report: TrainingReport): string {
  return stringify(report.rows, { header: true, columns: columns.map((c) => ({ key: c.key, header: c.header })) });
}

export async function trainingReportXlsx(report: TrainingReport): Promise<Buffer> {
  const workbook = newWorkbook();
  addTableSheet(workbook, `Training by ${report.groupBy.replace('_', ' ')}`, columns, report.rows);
  return workbookBuffer(workbook);
}

/** Reminds the learners of overdue assignments (at most once a week each); the reminder shows in their learning. */
export async function remindOverdue(tx: Tx, actor: Actor): Promise<{ reminded: number }> {
  authorize(actor, 'training.manage');
  const today = todayInCalifornia();
  const due = await tx
    .select({ id: trainingAssignments.id })
    .from(trainingAssignments)
    .innerJoin(trainingStaff, eq(trainingStaff.userId, trainingAssignments.userId))
    .where(
      and(
        ne(trainingAssignments.status, 'completed'),
        lt(trainingAssignments.dueOn, today),
        or(isNull(trainingAssignments.remindedOn), lt(trainingAssignments.remindedOn, addDays(today, -7))),
        lcsaScope(actor, trainingStaff.orgUnitId),
      ),
    );
  for (const row of due) await tx.update(trainingAssignments).set({ remindedOn: today }).where(eq(trainingAssignments.id, row.id));
  await recordAudit(tx, actor, { action: 'training.remind', entityType: 'training_assignment', detail: { reminded: due.length } });
  return { reminded: due.length };
}

export async function rollout(tx: Tx, actor: Actor): Promise<RolloutWave[]> {
  authorize(actor, 'training.learn');
  const rows = await queryRows<RolloutWave>(
    tx,
    sql`select w.org_unit_id as "orgUnitId", ou.name as "orgUnitName", w.wave, w.planned_on::text as "plannedOn", w.status,
          w.launched_on::text as "launchedOn", w.delay_reason as "delayReason",
          (select count(*)::int from training_assignments a join training_staff s on s.user_id = a.user_id where s.org_unit_id = w.org_unit_id) as assigned,
          (select count(*)::int from training_assignments a join training_staff s on s.user_id = a.user_id where s.org_unit_id = w.org_unit_id and a.status = 'completed') as completed
        from training_rollout_waves w join training_org_units ou on ou.id = w.org_unit_id order by w.wave, ou.name`,
  );
  return rows;
}

export async function setRollout(
  tx: Tx,
  actor: Actor,
  orgUnitId: string,
  change: { status: RolloutWave['status']; wave?: number; plannedOn?: string; delayReason?: string },
): Promise<RolloutWave> {
  // The launch plan is the state's: trainers and state administrators change it.
  authorize(actor, 'training.manage');
  requireStatewide(actor, 'The rollout plan is set by the state.');
  const [unit] = await tx.select().from(trainingOrgUnits).where(eq(trainingOrgUnits.id, orgUnitId));
  if (!unit) throw new AppError('not_found', 'org_unit_not_found', `There is no org unit ${orgUnitId}.`);
  const reason = change.delayReason?.trim() || null;
  if (change.status === 'delayed' && !reason)
    throw new AppError('validation', 'delay_reason_required', 'Say why the launch is delayed.', [{ path: '/delayReason', message: 'required when delayed' }]);
  const [existing] = await tx.select().from(trainingRolloutWaves).where(eq(trainingRolloutWaves.orgUnitId, orgUnitId));
  if (!existing && (!change.wave || !change.plannedOn))
    throw new AppError('validation', 'wave_required', 'A new org unit in the plan needs its wave and planned date.', [
      { path: '/wave', message: 'required the first time' },
    ]);
  const values = {
    orgUnitId,
    wave: change.wave ?? existing!.wave,
    plannedOn: change.plannedOn ?? existing!.plannedOn,
    status: change.status,
    launchedOn: change.status === 'launched' && !existing?.launchedOn ? todayInCalifornia() : (existing?.launchedOn ?? null),
    delayReason: change.status === 'delayed' ? reason : null,
    updatedAt: new Date(),
  };
  await tx.insert(trainingRolloutWaves).values(values).onConflictDoUpdate({ target: trainingRolloutWaves.orgUnitId, set: values });
  await recordAudit(tx, actor, { action: 'training.rollout.set', entityType: 'training_org_unit', detail: { orgUnitId, ...change } });
  return (await rollout(tx, actor)).find((w) => w.orgUnitId === orgUnitId)!;
}
