/**
 * The multi-year action plan: phases aimed at the Missouri Model's stages, actions with an owner, a due
 * date, a status and the gap they close; an action may require training courses, and the plan shows how
 * many managers and supervisors have completed them (from `training`). Its percent complete is what the
 * strategic plan's tactic reads (index.ts).
 */
import { recordAudit } from '../../platform/audit/audit';
import type { Actor } from '../../platform/auth/actor';
import { authorize, visibleUnits } from '../../platform/auth/scope';
import type { Tx } from '../../platform/db/connect';
import { type CalendarDate, todayInCalifornia } from '../../platform/dates';
import { AppError } from '../../platform/errors';
import { shareMetric, type ProgressMetric } from '../../platform/progress-metric';
import { completionAmong, coursesByCode } from '../training/index';
import type { Action, ActionPlan, NewAction, actionStatuses } from './contract';
import { domainIds, frameworkLabel, principleIds, stageIds } from './domain/framework';
import { percentComplete, planProgress } from './domain/plan';
import { traumaPolicyOn } from './domain/policy';
import { actionForUpdate, allActions, allPhases, insertAction, insertPhase, phaseExists, setActionRowStatus, type ActionRow } from './store';

export interface NewPhase {
  ordinal: number;
  title: string;
  stage: string;
  startsOn: CalendarDate;
  endsOn: CalendarDate;
}

export async function createPhase(tx: Tx, actor: Actor, input: NewPhase): Promise<{ id: string }> {
  authorize(actor, 'trauma.manage');
  const problems = [
    ...(stageIds.includes(input.stage) ? [] : [{ path: '/stage', message: `one of ${stageIds.join(', ')}` }]),
    ...(input.endsOn < input.startsOn ? [{ path: '/endsOn', message: 'must be on or after the start' }] : []),
  ];
  if (problems.length > 0)
    throw new AppError('validation', 'phase_is_invalid', `The phase cannot be added: ${problems.map((p) => `${p.path} ${p.message}`).join('; ')}.`, problems);
  const row = await insertPhase(tx, input);
  if (!row) throw new AppError('conflict', 'phase_number_taken', `There is a phase ${input.ordinal} already.`, [{ path: '/ordinal', message: 'unique' }]);
  await recordAudit(tx, actor, { action: 'trauma.phase.create', entityType: 'trauma_phase', entityId: row.id, after: input });
  return row;
}

export async function createAction(tx: Tx, actor: Actor, input: NewAction): Promise<Action> {
  authorize(actor, 'trauma.manage');
  const problems = [];
  if (!(await phaseExists(tx, input.phaseId))) problems.push({ path: '/phaseId', message: 'there is no such phase' });
  if (input.gap && !(input.gap.kind === 'domain' ? domainIds : principleIds).includes(input.gap.id))
    problems.push({ path: '/gap/id', message: `not a SAMHSA ${input.gap.kind === 'domain' ? 'implementation domain' : 'principle'}` });
  const courses = await coursesByCode(tx, input.courseCodes);
  input.courseCodes.forEach((code, i) => {
    if (!courses.some((c) => c.code === code)) problems.push({ path: `/courseCodes/${i}`, message: `there is no training course ${code}` });
  });
  if (problems.length > 0)
    throw new AppError('validation', 'action_is_invalid', `The action cannot be added: ${problems.map((p) => `${p.path} ${p.message}`).join('; ')}.`, problems);
  const row = await insertAction(tx, {
    phaseId: input.phaseId,
    title: input.title,
    description: input.description,
    owner: input.owner,
    dueOn: input.dueOn,
    status: 'planned',
    gapKind: input.gap?.kind ?? null,
    gapId: input.gap?.id ?? null,
    campaignId: input.campaignId,
    courseCodes: input.courseCodes,
    createdBy: actor.userId,
  });
  await recordAudit(tx, actor, { action: 'trauma.action.create', entityType: 'trauma_action', entityId: row.id, after: input });
  return (await actionViews(tx, actor, [row]))[0]!;
}

export async function setActionStatus(
  tx: Tx,
  actor: Actor,
  id: string,
  change: { status: (typeof actionStatuses)[number]; note?: string },
  today = todayInCalifornia(),
): Promise<Action> {
  authorize(actor, 'trauma.manage');
  const before = await actionForUpdate(tx, id);
  if (!before) throw new AppError('not_found', 'action_not_found', `Action ${id} was not found.`);
  const row = await setActionRowStatus(tx, id, { status: change.status, completedOn: change.status === 'done' ? (before.completedOn ?? today) : null });
  await recordAudit(tx, actor, {
    action: 'trauma.action.status',
    entityType: 'trauma_action',
    entityId: id,
    before: { status: before.status },
    after: change,
  });
  return (await actionViews(tx, actor, [row]))[0]!;
}

/** Completion is counted among the policy's leadership roles: statewide, or the LCSA's own for its staff. */
async function actionViews(tx: Tx, actor: Actor, rows: ActionRow[], today = todayInCalifornia()): Promise<Action[]> {
  const codes = [...new Set(rows.flatMap((r) => r.courseCodes))];
  const units = visibleUnits(actor);
  const completion = await completionAmong(tx, codes, traumaPolicyOn(today).leadershipRoles, units);
  return rows.map((r) => ({
    id: r.id,
    phaseId: r.phaseId,
    title: r.title,
    description: r.description,
    owner: r.owner,
    dueOn: r.dueOn,
    status: r.status,
    isOverdue: r.dueOn < today && (r.status === 'planned' || r.status === 'in_progress'),
    completedOn: r.completedOn,
    gap: r.gapKind && r.gapId ? { kind: r.gapKind, id: r.gapId, label: frameworkLabel(r.gapId) } : null,
    campaignId: r.campaignId,
    courses: completion.filter((c) => r.courseCodes.includes(c.code)),
  }));
}

export async function actionPlan(tx: Tx, actor: Actor): Promise<ActionPlan> {
  authorize(actor, 'trauma.read');
  const phases = await allPhases(tx);
  const rows = await allActions(tx);
  const views = await actionViews(tx, actor, rows);
  return {
    ...planProgress(rows),
    phases: phases.map((p) => {
      const actions = views.filter((a) => a.phaseId === p.id);
      return {
        id: p.id,
        ordinal: p.ordinal,
        title: p.title,
        stage: p.stage,
        startsOn: p.startsOn,
        endsOn: p.endsOn,
        percentComplete: percentComplete(actions),
        actions,
      };
    }),
  };
}

/** The plan tactic's progress: the share of the action plan done (deferred actions left out). */
export async function actionPlanProgress(tx: Tx): Promise<{ percentComplete: number; done: number; total: number }> {
  return planProgress(await allActions(tx));
}

/** The same as a metric for the strategic plan: actions done of those counted. */
export async function actionPlanMetric(tx: Tx, asOf: CalendarDate): Promise<ProgressMetric> {
  const { done, total } = await actionPlanProgress(tx);
  return shareMetric(done, total, {
    key: 'trauma.action_plan',
    label: 'Trauma-informed action plan: actions done',
    asOf,
    what: 'actions done',
    emptyNote: 'The action plan has no actions yet.',
  });
}
