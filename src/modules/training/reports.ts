/**
 * For managers and trainers: completion, overdue and quiz results by org unit, role or course (an LCSA
 * administrator sees their LCSA's staff only), with CSV and XLSX; reminders for overdue assignments;
 * and the rollout plan — org units in waves, each planned, launched, delayed (with the reason) or
 * complete, with its progress.
 */
import { toCsv } from '../../platform/export-cells';
import { recordAudit } from '../../platform/audit/audit';
import type { Actor } from '../../platform/auth/actor';
import { authorize, requireStatewide, rowFilter } from '../../platform/auth/scope';
import type { Tx } from '../../platform/db/connect';
import { addDays, type CalendarDate, todayInCalifornia } from '../../platform/dates';
import { AppError } from '../../platform/errors';
import { addTableSheet, newWorkbook, workbookBuffer } from '../../platform/xlsx';
import type { RolloutWave, TrainingReport } from './contract';
import {
  assignmentFigures,
  insertRolloutEvents,
  orgUnitExists,
  remindOverdueAssignments,
  rolloutHistory,
  rolloutWaves,
  staffInUnits,
  upsertWave,
  waveOf,
  type Grouping,
} from './store';
import { replanFromLaunch, runAssignments } from './assignments';

export type { Grouping };

export async function trainingReport(tx: Tx, actor: Actor, groupBy: Grouping): Promise<TrainingReport> {
  authorize(actor, 'training.manage');
  const rows = await assignmentFigures(tx, rowFilter(actor), groupBy, todayInCalifornia());
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
  return toCsv(report.rows, { header: true, columns: columns.map((c) => ({ key: c.key, header: c.header })) });
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
  const reminded = await remindOverdueAssignments(tx, rowFilter(actor), today, addDays(today, -7));
  await recordAudit(tx, actor, { action: 'training.remind', entityType: 'training_assignment', detail: { reminded } });
  return { reminded };
}

export async function rollout(tx: Tx, actor: Actor): Promise<RolloutWave[]> {
  authorize(actor, 'training.learn');
  const history = await rolloutHistory(tx);
  return (await rolloutWaves(tx)).map((w) => ({ ...w, history: history.get(w.orgUnitId) ?? [] }));
}

export async function setRollout(
  tx: Tx,
  actor: Actor,
  orgUnitId: string,
  change: { status: RolloutWave['status']; wave?: number; plannedOn?: CalendarDate; delayReason?: string },
): Promise<RolloutWave> {
  // The launch plan is the state's: trainers and state administrators change it.
  authorize(actor, 'training.manage');
  requireStatewide(actor, 'The rollout plan is set by the state.');
  if (!(await orgUnitExists(tx, orgUnitId))) throw new AppError('not_found', 'org_unit_not_found', `There is no org unit ${orgUnitId}.`);
  const reason = change.delayReason?.trim() || null;
  if (change.status === 'delayed' && !reason)
    throw new AppError('validation', 'delay_reason_required', 'Say why the launch is delayed.', [{ path: '/delayReason', message: 'required when delayed' }]);
  const existing = await waveOf(tx, orgUnitId);
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
  await upsertWave(tx, values);
  await insertRolloutEvents(tx, [{ orgUnitId, status: values.status, plannedOn: values.plannedOn, reason: values.delayReason, byUserId: actor.userId }]);
  // A launch assigns the unit's staff what is theirs, due from the launch date, and re-plans what was open.
  if (change.status === 'launched' && existing?.status !== 'launched' && values.launchedOn) {
    await replanFromLaunch(tx, orgUnitId, values.launchedOn);
    await runAssignments(
      tx,
      (await staffInUnits(tx, [orgUnitId])).map((s) => s.userId),
    );
  }
  await recordAudit(tx, actor, { action: 'training.rollout.set', entityType: 'training_org_unit', detail: { orgUnitId, ...change } });
  return (await rollout(tx, actor)).find((w) => w.orgUnitId === orgUnitId)!;
}
