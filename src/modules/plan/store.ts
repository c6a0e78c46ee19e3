/**
 * The plan module's SQL over its own tables: periods, goals, objectives, tactics with their milestones
 * and check-ins, and the stored values of the live metrics. Accounts (owners, authors) are read through
 * the platform's user functions, never its table.
 */
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/connect';
import type { ProgressMetric } from '../../platform/progress-metric';
import { planCheckIns, planGoals, planMetricValues, planMilestones, planObjectives, planPeriods, planTactics } from './schema';
import type { CalendarDate } from '../../platform/dates';

export type TacticRow = typeof planTactics.$inferSelect;
export type MilestoneRow = typeof planMilestones.$inferSelect;
export type MetricValueRow = typeof planMetricValues.$inferSelect;

/** The period in force on a date: the latest that has started (the first, before any has). */
export async function currentPeriod(tx: Tx, today: CalendarDate) {
  const periods = await tx.select().from(planPeriods).orderBy(asc(planPeriods.startsOn));
  return periods.filter((p) => p.startsOn <= today).at(-1) ?? periods[0];
}

/** A period's goals, its objectives and their tactics, each in plan order. */
export async function planTree(tx: Tx, periodId: string) {
  const goals = await tx.select().from(planGoals).where(eq(planGoals.periodId, periodId)).orderBy(asc(planGoals.ordinal));
  const goalIds = new Set(goals.map((g) => g.id));
  const objectives = (await tx.select().from(planObjectives).orderBy(asc(planObjectives.ordinal))).filter((o) => goalIds.has(o.goalId));
  const objectiveIds = new Set(objectives.map((o) => o.id));
  const tactics = (await tx.select().from(planTactics).orderBy(asc(planTactics.ordinal))).filter((t) => objectiveIds.has(t.objectiveId));
  return { goals, objectives, tactics };
}

/** Every tactic's milestones, in order. */
export async function milestonesByTactic(tx: Tx): Promise<Map<string, MilestoneRow[]>> {
  const rows = await tx.select().from(planMilestones).orderBy(asc(planMilestones.ordinal));
  const byTactic = new Map<string, MilestoneRow[]>();
  for (const row of rows) byTactic.set(row.tacticId, [...(byTactic.get(row.tacticId) ?? []), row]);
  return byTactic;
}

/** The latest stored value of every metric (by key). */
export async function latestMetricValues(tx: Tx): Promise<Map<string, MetricValueRow>> {
  const rows = await tx
    .selectDistinctOn([planMetricValues.metricKey])
    .from(planMetricValues)
    .orderBy(planMetricValues.metricKey, desc(planMetricValues.computedOn));
  return new Map(rows.map((r) => [r.metricKey, r]));
}

/** Every stored value, oldest first: the history a tactic's chart draws. */
export async function metricHistory(tx: Tx): Promise<MetricValueRow[]> {
  return tx.select().from(planMetricValues).orderBy(asc(planMetricValues.computedOn));
}

/** Every check-in, newest first. */
export async function checkInsNewestFirst(tx: Tx) {
  return tx.select().from(planCheckIns).orderBy(desc(planCheckIns.onDate), desc(planCheckIns.createdAt));
}

export async function tacticForUpdate(tx: Tx, id: string): Promise<TacticRow | undefined> {
  const [tactic] = await tx.select().from(planTactics).where(eq(planTactics.id, id)).for('update');
  return tactic;
}

export async function updateTactic(tx: Tx, id: string, change: Partial<typeof planTactics.$inferInsert>): Promise<void> {
  await tx
    .update(planTactics)
    .set({ ...change, updatedAt: new Date() })
    .where(eq(planTactics.id, id));
}

export async function insertCheckIn(tx: Tx, checkIn: typeof planCheckIns.$inferInsert) {
  const [row] = await tx.insert(planCheckIns).values(checkIn).returning();
  return row!;
}

export async function objectiveExists(tx: Tx, id: string): Promise<boolean> {
  const [objective] = await tx.select({ id: planObjectives.id }).from(planObjectives).where(eq(planObjectives.id, id));
  return objective !== undefined;
}

/** Adds a tactic after the objective's last, with a slug made unique among those starting the same way. */
export async function insertTactic(
  tx: Tx,
  tactic: Omit<typeof planTactics.$inferInsert, 'ordinal' | 'slug'>,
  baseSlug: string,
): Promise<{ id: string; slug: string }> {
  const taken = await tx
    .select({ slug: planTactics.slug })
    .from(planTactics)
    .where(sql`${planTactics.slug} like ${`${baseSlug}%`}`);
  const slug = taken.some((t) => t.slug === baseSlug) ? `${baseSlug}-${taken.length + 1}` : baseSlug;
  const [{ next } = { next: 1 }] = await tx
    .select({ next: sql<number>`coalesce(max(${planTactics.ordinal}), 0)::int + 1` })
    .from(planTactics)
    .where(eq(planTactics.objectiveId, tactic.objectiveId));
  const [row] = await tx
    .insert(planTactics)
    .values({ ...tactic, ordinal: next, slug })
    .returning({ id: planTactics.id, slug: planTactics.slug });
  return row!;
}

/** Marks a tactic's milestone done on a date (or not done): undefined when the tactic has no such milestone. */
export async function setMilestoneDone(tx: Tx, tacticId: string, milestoneId: string, doneOn: CalendarDate | null): Promise<MilestoneRow | undefined> {
  const [row] = await tx
    .update(planMilestones)
    .set({ doneOn })
    .where(and(eq(planMilestones.id, milestoneId), eq(planMilestones.tacticId, tacticId)))
    .returning();
  return row;
}

/** Stores a metric's value for a day (a second refresh the same day replaces that day's value). */
export async function storeMetricValue(tx: Tx, value: ProgressMetric, computedOn: CalendarDate): Promise<void> {
  const figures = { label: value.label, value: value.value, numerator: value.numerator, denominator: value.denominator, note: value.note };
  await tx
    .insert(planMetricValues)
    .values({ metricKey: value.key, computedOn, ...figures })
    .onConflictDoUpdate({ target: [planMetricValues.metricKey, planMetricValues.computedOn], set: { ...figures, computedAt: sql`now()` } });
}
