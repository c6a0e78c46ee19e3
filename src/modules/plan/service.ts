/**
 * The strategic plan over stored data: the public plan (cards with their progress, no sign-in), the staff
 * view with owners, check-ins and their due dates, the check-in itself (an owner's, or a manager's for
 * anyone), tactic changes, milestones, and the live metrics the refresh job stores.
 */
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/audit';
import type { Actor } from '../../platform/auth/actor';
import { users } from '../../platform/auth/schema';
import { authorize, can } from '../../platform/auth/scope';
import type { Tx } from '../../platform/db/connect';
import { todayInCalifornia } from '../../platform/dates';
import { AppError } from '../../platform/errors';
import { enqueueJob } from '../../platform/jobs/jobs';
import type { JobHandler } from '../../platform/jobs/runner';
import type { MetricValue, NewCheckIn, NewTactic, PublicPlan, PublicTactic, StaffTactic, TacticChange } from './contract';
import { nextCheckInDue, statusGraphic, tacticProgress } from './domain/progress';
import type { CatalogueMetric } from '../../platform/module';
import { refreshMetrics } from './metrics';
import { planCheckIns, planGoals, planMetricValues, planMilestones, planObjectives, planPeriods, planTactics } from './schema';

type TacticRow = typeof planTactics.$inferSelect;

export const refreshJobKind = 'plan.refresh_metrics';

/** The latest stored value of every metric (by key). */
async function latestMetrics(tx: Tx) {
  const rows = await tx
    .selectDistinctOn([planMetricValues.metricKey])
    .from(planMetricValues)
    .orderBy(planMetricValues.metricKey, desc(planMetricValues.computedOn));
  return new Map(rows.map((r) => [r.metricKey, r]));
}

async function milestonesOf(tx: Tx) {
  const rows = await tx.select().from(planMilestones).orderBy(asc(planMilestones.ordinal));
  const byTactic = new Map<string, (typeof rows)[number][]>();
  for (const row of rows) byTactic.set(row.tacticId, [...(byTactic.get(row.tacticId) ?? []), row]);
  return byTactic;
}

function card(t: TacticRow, milestones: (typeof planMilestones.$inferSelect)[], metric: typeof planMetricValues.$inferSelect | undefined): PublicTactic {
  const progress = tacticProgress({
    source: t.progressSource,
    manualPercent: t.percentComplete,
    milestones: milestones.map((m) => ({ weight: m.weight, isDone: m.doneOn !== null })),
    metric: metric ? { value: metric.value, note: metric.note, computedOn: metric.computedOn } : null,
    target: t.metricTarget,
  });
  return {
    id: t.id,
    slug: t.slug,
    title: t.title,
    description: t.description,
    businessProblem: t.businessProblem,
    statusText: t.statusText,
    outcomesLabel: t.outcomesLabel,
    outcomes: t.outcomes,
    criticalSuccessFactors: t.criticalSuccessFactors,
    progressLabel: t.progressLabel,
    percent: progress.percent,
    basis: progress.basis,
    graphic: statusGraphic(progress.percent, t.statusText),
    modules: t.modules,
  };
}

/** The period in force on a date: the latest that has started (the first, before any has). */
async function currentPeriod(tx: Tx, today: string) {
  const periods = await tx.select().from(planPeriods).orderBy(asc(planPeriods.startsOn));
  return periods.filter((p) => p.startsOn <= today).at(-1) ?? periods[0];
}

/** The title of the plan in force (for reports). */
export async function planTitle(tx: Tx, today = todayInCalifornia()): Promise<string> {
  return (await currentPeriod(tx, today))?.title ?? 'Strategic plan';
}

/** The plan as published: no sign-in, no owners, no personal data. */
export async function publicPlan(tx: Tx, today = todayInCalifornia()): Promise<PublicPlan> {
  const period = await currentPeriod(tx, today);
  const goals = period ? await tx.select().from(planGoals).where(eq(planGoals.periodId, period.id)).orderBy(asc(planGoals.ordinal)) : [];
  const objectives = await tx.select().from(planObjectives).orderBy(asc(planObjectives.ordinal));
  const tactics = await tx.select().from(planTactics).orderBy(asc(planTactics.ordinal));
  const milestones = await milestonesOf(tx);
  const metrics = await latestMetrics(tx);
  return {
    title: period?.title ?? 'Strategic plan',
    startsOn: period?.startsOn ?? null,
    endsOn: period?.endsOn ?? null,
    mission: period?.mission ?? '',
    vision: period?.vision ?? '',
    values: period?.values ?? [],
    goals: goals.map((g) => ({
      id: g.id,
      ordinal: g.ordinal,
      title: g.title,
      objectives: objectives
        .filter((o) => o.goalId === g.id)
        .map((o) => ({
          id: o.id,
          slug: o.slug,
          title: o.title,
          tactics: tactics
            .filter((t) => t.objectiveId === o.id)
            .map((t) => card(t, milestones.get(t.id) ?? [], t.metricKey ? metrics.get(t.metricKey) : undefined)),
        })),
    })),
  };
}

/** Every tactic as staff see it, with what is due: the owner's own first when `mine`. */
export async function staffTactics(tx: Tx, actor: Actor, today = todayInCalifornia()): Promise<StaffTactic[]> {
  authorize(actor, 'plan.read');
  const period = await currentPeriod(tx, today);
  if (!period) return [];
  const rows = await tx
    .select({ tactic: planTactics, objective: planObjectives.title, goal: planGoals.title, ownerName: users.displayName })
    .from(planTactics)
    .innerJoin(planObjectives, eq(planObjectives.id, planTactics.objectiveId))
    .innerJoin(planGoals, eq(planGoals.id, planObjectives.goalId))
    .leftJoin(users, eq(users.id, planTactics.ownerUserId))
    .where(eq(planGoals.periodId, period.id))
    .orderBy(asc(planGoals.ordinal), asc(planObjectives.ordinal), asc(planTactics.ordinal));
  const milestones = await milestonesOf(tx);
  const metrics = await latestMetrics(tx);
  const checkIns = await tx.select().from(planCheckIns).orderBy(desc(planCheckIns.onDate), desc(planCheckIns.createdAt));
  const history = await tx.select().from(planMetricValues).orderBy(asc(planMetricValues.computedOn));
  return rows.map(({ tactic: t, objective, goal, ownerName }) => {
    const own = checkIns.filter((c) => c.tacticId === t.id);
    const due = nextCheckInDue(own[0]?.onDate ?? null, t.createdOn, t.checkInEveryDays);
    return {
      ...card(t, milestones.get(t.id) ?? [], t.metricKey ? metrics.get(t.metricKey) : undefined),
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
  const [tactic] = await tx.select().from(planTactics).where(eq(planTactics.id, id)).for('update');
  if (!tactic) throw new AppError('not_found', 'tactic_not_found', `Tactic ${id} was not found.`);
  if (tactic.ownerUserId !== actor.userId && !can(actor, 'plan.manage'))
    throw new AppError('forbidden', 'not_tactic_owner', `Only the owner of “${tactic.title}” (or a plan manager) may do this.`);
  return tactic;
}

/**
 * Records a check-in. For a tactic whose progress the owner reports, its status and percent become the
 * tactic's; for a measured one, the status text is updated and the percent stays the measure's.
 */
export async function recordCheckIn(tx: Tx, actor: Actor, tacticId: string, input: NewCheckIn, today = todayInCalifornia()) {
  const tactic = await tacticForWrite(tx, actor, tacticId);
  const [author] = actor.userId ? await tx.select({ name: users.displayName }).from(users).where(eq(users.id, actor.userId)) : [];
  const [row] = await tx
    .insert(planCheckIns)
    .values({ tacticId, onDate: today, authorUserId: actor.userId, authorName: author?.name ?? 'Concord', ...input })
    .returning();
  await tx
    .update(planTactics)
    .set({
      statusText: input.statusText,
      ...(tactic.progressSource === 'manual' ? { percentComplete: input.percentComplete } : {}),
      updatedAt: new Date(),
    })
    .where(eq(planTactics.id, tacticId));
  await recordAudit(tx, actor, {
    action: 'plan.check_in',
    entityType: 'plan_tactic',
    entityId: tacticId,
    before: { statusText: tactic.statusText, percentComplete: tactic.percentComplete },
    after: input,
  });
  return { id: row!.id, onDate: row!.onDate };
}

/** The active account with this email (null email: nobody), or undefined when there is none. */
async function ownerByEmail(tx: Tx, email: string | null): Promise<{ id: string | null } | undefined> {
  if (email === null) return { id: null };
  const [owner] = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.email, email), eq(users.isActive, true)));
  return owner;
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
  const [objective] = await tx.select({ id: planObjectives.id }).from(planObjectives).where(eq(planObjectives.id, objectiveId));
  if (!objective) throw new AppError('not_found', 'objective_not_found', `Objective ${objectiveId} was not found.`);
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
  const taken = await tx
    .select({ slug: planTactics.slug })
    .from(planTactics)
    .where(sql`${planTactics.slug} like ${`${base}%`}`);
  const slug = taken.some((t) => t.slug === base) ? `${base}-${taken.length + 1}` : base;
  const [{ next } = { next: 1 }] = await tx
    .select({ next: sql<number>`coalesce(max(${planTactics.ordinal}), 0)::int + 1` })
    .from(planTactics)
    .where(eq(planTactics.objectiveId, objectiveId));
  const [row] = await tx
    .insert(planTactics)
    .values({
      objectiveId,
      ordinal: next,
      slug,
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
    })
    .returning({ id: planTactics.id, slug: planTactics.slug });
  await recordAudit(tx, actor, { action: 'plan.tactic.create', entityType: 'plan_tactic', entityId: row!.id, after: input });
  return row!;
}

export async function changeTactic(tx: Tx, actor: Actor, catalogue: readonly CatalogueMetric[], id: string, change: TacticChange) {
  authorize(actor, 'plan.manage');
  const [before] = await tx.select().from(planTactics).where(eq(planTactics.id, id)).for('update');
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
      const [owner] = await tx
        .select({ id: users.id })
        .from(users)
        .where(and(eq(users.email, ownerEmail), eq(users.isActive, true)));
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
  await tx
    .update(planTactics)
    .set({ ...fields, ownerUserId, updatedAt: new Date() })
    .where(eq(planTactics.id, id));
  await recordAudit(tx, actor, { action: 'plan.tactic.change', entityType: 'plan_tactic', entityId: id, before, after: change });
  return { id };
}

export async function setMilestone(tx: Tx, actor: Actor, tacticId: string, milestoneId: string, isDone: boolean, today = todayInCalifornia()) {
  await tacticForWrite(tx, actor, tacticId);
  const [row] = await tx
    .update(planMilestones)
    .set({ doneOn: isDone ? today : null })
    .where(and(eq(planMilestones.id, milestoneId), eq(planMilestones.tacticId, tacticId)))
    .returning();
  if (!row) throw new AppError('not_found', 'milestone_not_found', `Milestone ${milestoneId} was not found on this tactic.`);
  await recordAudit(tx, actor, { action: 'plan.milestone.set', entityType: 'plan_tactic', entityId: tacticId, after: { milestoneId, isDone } });
  return { id: row.id, doneOn: row.doneOn };
}

/** The latest stored value of every metric a tactic can be bound to (a metric never computed says so). */
export async function metricValues(tx: Tx, actor: Actor, catalogue: readonly CatalogueMetric[]): Promise<MetricValue[]> {
  authorize(actor, 'plan.read');
  const latest = await latestMetrics(tx);
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
  const [running] = await tx
    .execute(sql`select id from jobs where kind = ${refreshJobKind} and status in ('queued', 'running') limit 1`)
    .then((r) => (r as unknown as { rows: { id: string }[] }).rows);
  if (running) return { jobId: running.id };
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
