/**
 * The strategic plan over stored data: the public plan (cards with their progress, no sign-in), the staff
 * view with owners, check-ins and their due dates, the check-in itself (an owner's, or a manager's for
 * anyone), tactic changes, milestones, and the live metrics the refresh job stores.
 */
import { recordAudit } from '../../platform/audit/audit';
import type { Actor } from '../../platform/auth/actor';
import { authorize, can } from '../../platform/auth/scope';
import { activeUserByEmail, displayNames } from '../../platform/auth/users';
import type { Tx } from '../../platform/db/connect';
import { todayInCalifornia, type CalendarDate } from '../../platform/dates';
import { AppError } from '../../platform/errors';
import { enqueueJob, pendingJobOfKind } from '../../platform/jobs/jobs';
import type { JobHandler } from '../../platform/jobs/runner';
import type { MetricValue, NewCheckIn, NewTactic, PublicPlan, PublicTactic, StaffTactic, TacticChange } from './contract';
import { liveMeasure, nextCheckInDue, publishedStatus, rollUp } from './domain/progress';
import type { CatalogueMetric } from '../../platform/module';
import { refreshMetrics } from './metrics';
import {
  checkInsNewestFirst,
  currentPeriod,
  insertCheckIn,
  insertTactic,
  latestMetricValues,
  metricHistory,
  milestonesByTactic,
  objectiveExists,
  planTree,
  setMilestoneDone,
  tacticForUpdate,
  updateTactic,
  type MetricValueRow,
  type MilestoneRow,
  type TacticRow,
} from './store';

export const refreshJobKind = 'plan.refresh_metrics';

function card(
  t: TacticRow,
  milestones: MilestoneRow[],
  metric: MetricValueRow | undefined,
  latestCheckInOn: CalendarDate | undefined,
  today: CalendarDate,
): PublicTactic {
  const input = {
    source: t.progressSource,
    manualPercent: t.percentComplete,
    milestones: milestones.map((m) => ({ weight: m.weight, isDone: m.doneOn !== null })),
    metric: metric ? { value: metric.value, note: metric.note, computedOn: metric.computedOn } : null,
    target: t.metricTarget,
  };
  return {
    id: t.id,
    slug: t.slug,
    title: t.title,
    description: t.description,
    businessProblem: t.businessProblem,
    outcomesLabel: t.outcomesLabel,
    outcomes: t.outcomes,
    criticalSuccessFactors: t.criticalSuccessFactors,
    progressLabel: t.progressLabel,
    published: publishedStatus({
      statusText: t.statusText,
      percent: t.percentComplete,
      barPercent: t.publishedBarPercent,
      circle: t.publishedCircle,
      asOf: latestCheckInOn ?? null,
      source: 'Reported by the tactic’s owner',
    }),
    live: liveMeasure({ ...input, metricLabel: metric?.label ?? null, today }),
    modules: t.modules,
  };
}

/** Everything a card is built from, read once for all tactics. */
async function cardSources(tx: Tx) {
  const milestones = await milestonesByTactic(tx);
  const metrics = await latestMetricValues(tx);
  const checkIns = await checkInsNewestFirst(tx);
  const latestCheckIn = new Map<string, CalendarDate>();
  for (const c of checkIns) if (!latestCheckIn.has(c.tacticId)) latestCheckIn.set(c.tacticId, c.onDate);
  return {
    checkIns,
    milestones,
    cardOf: (t: TacticRow, today: CalendarDate) =>
      card(t, milestones.get(t.id) ?? [], t.metricKey ? metrics.get(t.metricKey) : undefined, latestCheckIn.get(t.id), today),
  };
}

/** The published and live figures of several cards (or roll-ups), rolled up by the stated rule. */
function rollUps(parts: { published: { percent: number | null }; live: { percent: number | null } | null }[]) {
  return { published: rollUp(parts.map((p) => p.published.percent)), live: rollUp(parts.map((p) => p.live?.percent ?? null)) };
}

/** The title of the plan in force (for reports). */
export async function planTitle(tx: Tx, today = todayInCalifornia()): Promise<string> {
  return (await currentPeriod(tx, today))?.title ?? 'Strategic plan';
}

/** The plan as published: no sign-in, no owners, no personal data. */
export async function publicPlan(tx: Tx, today = todayInCalifornia()): Promise<PublicPlan> {
  const period = await currentPeriod(tx, today);
  const { goals, objectives, tactics } = period ? await planTree(tx, period.id) : { goals: [], objectives: [], tactics: [] };
  const { cardOf } = await cardSources(tx);
  return {
    title: period?.title ?? 'Strategic plan',
    startsOn: period?.startsOn ?? null,
    endsOn: period?.endsOn ?? null,
    mission: period?.mission ?? '',
    vision: period?.vision ?? '',
    values: period?.values ?? [],
    goals: goals.map((g) => {
      const goalObjectives = objectives
        .filter((o) => o.goalId === g.id)
        .map((o) => {
          const cards = tactics.filter((t) => t.objectiveId === o.id).map((t) => cardOf(t, today));
          const { published, live } = rollUps(cards);
          return { id: o.id, slug: o.slug, title: o.title, published, live, tactics: cards };
        });
      return { id: g.id, ordinal: g.ordinal, title: g.title, ...rollUps(goalObjectives), objectives: goalObjectives };
    }),
  };
}

/** Every tactic as staff see it, with what is due: the owner's own first when `mine`. */
export async function staffTactics(tx: Tx, actor: Actor, today = todayInCalifornia()): Promise<StaffTactic[]> {
  authorize(actor, 'plan.read');
  const period = await currentPeriod(tx, today);
  if (!period) return [];
  const { goals, objectives, tactics } = await planTree(tx, period.id);
  // In plan order: goal, then objective, then tactic.
  const rows = goals.flatMap((g) =>
    objectives
      .filter((o) => o.goalId === g.id)
      .flatMap((o) => tactics.filter((t) => t.objectiveId === o.id).map((t) => ({ t, objective: o.title, goal: g.title }))),
  );
  const owners = await displayNames(
    tx,
    tactics.flatMap((t) => (t.ownerUserId ? [t.ownerUserId] : [])),
  );
  const { checkIns, milestones, cardOf } = await cardSources(tx);
  const history = await metricHistory(tx);
  return rows.map(({ t, objective, goal }) => {
    const ownerName = t.ownerUserId ? (owners.get(t.ownerUserId) ?? null) : null;
    const own = checkIns.filter((c) => c.tacticId === t.id);
    const due = nextCheckInDue(own[0]?.onDate ?? null, t.createdOn, t.checkInEveryDays);
    return {
      ...cardOf(t, today),
      objectiveTitle: objective,
      goalTitle: goal,
      ownerUserId: t.ownerUserId,
      ownerName,
      progressSource: t.progressSource,
      metricKey: t.metricKey,
      metricTarget: t.metricTarget,
      enteredPercent: t.percentComplete,
      checkInEveryDays: t.checkInEveryDays,
      nextCheckInDue: due,
      isCheckInOverdue: due < today,
      isMine: t.ownerUserId !== null && t.ownerUserId === actor.userId,
      milestones: (milestones.get(t.id) ?? []).map((m) => ({ id: m.id, title: m.title, weight: m.weight, doneOn: m.doneOn })),
      checkIns: own.map((c) => ({
        id: c.id,
        onDate: c.onDate,
        authorName: c.authorName,
        statusText: c.statusText,
        percentComplete: c.percentComplete,
        narrative: c.narrative,
      })),
      metricHistory: history.filter((h) => h.metricKey === t.metricKey).map((h) => ({ computedOn: h.computedOn, value: h.value, note: h.note })),
    };
  });
}

/** The tactic, for a change by its owner (or by a plan manager). */
async function tacticForWrite(tx: Tx, actor: Actor, id: string): Promise<TacticRow> {
  authorize(actor, 'plan.checkin');
  const tactic = await tacticForUpdate(tx, id);
  if (!tactic) throw new AppError('not_found', 'tactic_not_found', `Tactic ${id} was not found.`);
  if (tactic.ownerUserId !== actor.userId && !can(actor, 'plan.manage'))
    throw new AppError('forbidden', 'not_tactic_owner', `Only the owner of “${tactic.title}” (or a plan manager) may do this.`);
  return tactic;
}

/**
 * Records a check-in: its status and percent become the tactic's published status (the bar drawn is then
 * the stated percent). A measured tactic's live measure stays beside it, computed from the data.
 */
export async function recordCheckIn(tx: Tx, actor: Actor, tacticId: string, input: NewCheckIn, today = todayInCalifornia()) {
  const tactic = await tacticForWrite(tx, actor, tacticId);
  const author = actor.userId ? (await displayNames(tx, [actor.userId])).get(actor.userId) : undefined;
  const row = await insertCheckIn(tx, { tacticId, onDate: today, authorUserId: actor.userId, authorName: author ?? 'Concord', ...input });
  await updateTactic(tx, tacticId, { statusText: input.statusText, percentComplete: input.percentComplete, publishedBarPercent: null, publishedCircle: null });
  await recordAudit(tx, actor, {
    action: 'plan.check_in',
    entityType: 'plan_tactic',
    entityId: tacticId,
    before: { statusText: tactic.statusText, percentComplete: tactic.percentComplete },
    after: input,
  });
  return { id: row.id, onDate: row.onDate };
}

/** The active account with this email (null email: nobody), or undefined when there is none. */
async function ownerByEmail(tx: Tx, email: string | null): Promise<{ id: string | null } | undefined> {
  if (email === null) return { id: null };
  return activeUserByEmail(tx, email);
}

/** Adds a tactic to an objective: reported by its owner until a manager binds it to a measure. */
export async function createTactic(
  tx: Tx,
  actor: Actor,
  objectiveId: string,
  input: NewTactic,
  today = todayInCalifornia(),
): Promise<{ id: string; slug: string }> {
  authorize(actor, 'plan.manage');
  if (!(await objectiveExists(tx, objectiveId))) throw new AppError('not_found', 'objective_not_found', `Objective ${objectiveId} was not found.`);
  const owner = await ownerByEmail(tx, input.ownerEmail);
  if (!owner)
    throw new AppError('validation', 'tactic_change_invalid', `There is no active account ${input.ownerEmail}.`, [
      { path: '/ownerEmail', message: 'an active account' },
    ]);
  const base = input.title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60);
  const row = await insertTactic(
    tx,
    {
      objectiveId,
      title: input.title,
      description: input.description,
      businessProblem: input.businessProblem,
      statusText: 'Not started.',
      percentComplete: null,
      outcomesLabel: 'Business Outcomes',
      outcomes: input.outcomes,
      criticalSuccessFactors: input.criticalSuccessFactors,
      progressLabel: input.progressLabel,
      progressSource: 'manual',
      modules: [],
      ownerUserId: owner.id,
      checkInEveryDays: 90,
      createdOn: today,
    },
    base,
  );
  await recordAudit(tx, actor, { action: 'plan.tactic.create', entityType: 'plan_tactic', entityId: row.id, after: input });
  return row;
}

export async function changeTactic(tx: Tx, actor: Actor, catalogue: readonly CatalogueMetric[], id: string, change: TacticChange) {
  authorize(actor, 'plan.manage');
  const before = await tacticForUpdate(tx, id);
  if (!before) throw new AppError('not_found', 'tactic_not_found', `Tactic ${id} was not found.`);
  const { ownerEmail, ...fields } = change;
  const problems = [];
  const source = fields.progressSource ?? before.progressSource;
  const metricKey = fields.metricKey === undefined ? before.metricKey : fields.metricKey;
  const metricKeys = catalogue.map((m) => m.key);
  if (metricKey !== null && !metricKeys.includes(metricKey)) problems.push({ path: '/metricKey', message: `one of ${metricKeys.join(', ')}` });
  if (source === 'metric' && metricKey === null) problems.push({ path: '/metricKey', message: 'a measured tactic needs its metric' });
  let ownerUserId = before.ownerUserId;
  if (ownerEmail !== undefined) {
    if (ownerEmail === null) ownerUserId = null;
    else {
      const owner = await activeUserByEmail(tx, ownerEmail);
      if (!owner) problems.push({ path: '/ownerEmail', message: `there is no active account ${ownerEmail}` });
      else ownerUserId = owner.id;
    }
  }
  if (problems.length > 0)
    throw new AppError(
      'validation',
      'tactic_change_invalid',
      `The change cannot be made: ${problems.map((p) => `${p.path} ${p.message}`).join('; ')}.`,
      problems,
    );
  await updateTactic(tx, id, { ...fields, ownerUserId });
  await recordAudit(tx, actor, { action: 'plan.tactic.change', entityType: 'plan_tactic', entityId: id, before, after: change });
  return { id };
}

export async function setMilestone(tx: Tx, actor: Actor, tacticId: string, milestoneId: string, isDone: boolean, today = todayInCalifornia()) {
  await tacticForWrite(tx, actor, tacticId);
  const row = await setMilestoneDone(tx, tacticId, milestoneId, isDone ? today : null);
  if (!row) throw new AppError('not_found', 'milestone_not_found', `Milestone ${milestoneId} was not found on this tactic.`);
  await recordAudit(tx, actor, { action: 'plan.milestone.set', entityType: 'plan_tactic', entityId: tacticId, after: { milestoneId, isDone } });
  return { id: row.id, doneOn: row.doneOn };
}

/** The latest stored value of every metric a tactic can be bound to (a metric never computed says so). */
export async function metricValues(tx: Tx, actor: Actor, catalogue: readonly CatalogueMetric[]): Promise<MetricValue[]> {
  authorize(actor, 'plan.read');
  const latest = await latestMetricValues(tx);
  return catalogue.map((m) => {
    const row = latest.get(m.key);
    return {
      key: m.key,
      label: row?.label ?? m.key,
      module: m.module,
      value: row?.value ?? null,
      note: row?.note ?? 'Not computed yet.',
      computedOn: row?.computedOn ?? null,
    };
  });
}

/** Asks the worker to recompute every live metric now (it also runs daily). */
export async function requestRefresh(tx: Tx, actor: Actor): Promise<{ jobId: string }> {
  authorize(actor, 'plan.checkin');
  const running = await pendingJobOfKind(tx, refreshJobKind);
  if (running) return { jobId: running };
  return { jobId: await enqueueJob(tx, actor, { kind: refreshJobKind, payload: {}, maxAttempts: 3 }) };
}

/** The refresh job: every metric as of today, in one chunk, with progress. */
export const refreshMetricsJob =
  (catalogue: readonly CatalogueMetric[]): JobHandler =>
  async (ctx) => {
    await ctx.commitChunk(async (tx) => {
      const values = await refreshMetrics(tx, catalogue, todayInCalifornia());
      const available = values.filter((v) => v.value !== null).length;
      return { done: values.length, total: values.length, note: `${available} of ${values.length} measures available` };
    });
  };
