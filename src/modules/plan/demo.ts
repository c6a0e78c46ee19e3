/**
 * Demo strategic plan: the department's mission, vision, values, goals and objectives, and the tactics of
 * the seed pages with their texts and statuses (content.ts); owners from the demo accounts; a history of
 * check-ins (the published status a year ago, then now); and the live metrics computed once.
 */
import { inArray } from 'drizzle-orm';
import { users } from '../../platform/auth/schema';
import type { Tx } from '../../platform/db/connect';
import { addDays, type CalendarDate } from '../../platform/dates';
import { goals, planPeriod, tactics } from './content';
import { percentInStatus } from './domain/progress';
import type { CatalogueMetric } from '../../platform/module';
import { refreshMetrics } from './metrics';
import { planCheckIns, planGoals, planMilestones, planObjectives, planPeriods, planTactics } from './schema';

export async function seedPlanDemo(tx: Tx, asOf: CalendarDate, catalogue: readonly CatalogueMetric[]): Promise<void> {
  const [period] = await tx.insert(planPeriods).values(planPeriod).onConflictDoNothing().returning({ id: planPeriods.id });
  if (!period) return;
  const objectiveIds = new Map<string, string>();
  for (const [g, goal] of goals.entries()) {
    const [row] = await tx
      .insert(planGoals)
      .values({ periodId: period.id, ordinal: g + 1, title: goal.title })
      .returning({ id: planGoals.id });
    for (const [o, objective] of goal.objectives.entries()) {
      const [obj] = await tx
        .insert(planObjectives)
        .values({ goalId: row!.id, ordinal: o + 1, ...objective })
        .returning({ id: planObjectives.id });
      objectiveIds.set(objective.slug, obj!.id);
    }
  }
  const owners = new Map(
    (
      await tx
        .select({ id: users.id, email: users.email, name: users.displayName })
        .from(users)
        .where(inArray(users.email, [...new Set(tactics.map((t) => t.owner))]))
    ).map((u) => [u.email, u]),
  );
  for (const [i, t] of tactics.entries()) {
    const owner = owners.get(t.owner);
    const percent = percentInStatus(t.statusText);
    const [row] = await tx
      .insert(planTactics)
      .values({
        objectiveId: objectiveIds.get(t.objective)!,
        ordinal: i + 1,
        slug: t.slug,
        title: t.title,
        description: t.description,
        businessProblem: t.businessProblem,
        statusText: t.statusText,
        percentComplete: percent,
        publishedBarPercent: t.publishedBarPercent ?? null,
        publishedCircle: t.publishedCircle ?? null,
        outcomesLabel: t.outcomesLabel,
        outcomes: t.outcomes,
        criticalSuccessFactors: t.criticalSuccessFactors,
        progressLabel: t.progressLabel,
        progressSource: t.source,
        metricKey: t.metricKey ?? null,
        metricTarget: t.metricTarget ?? null,
        modules: t.modules,
        ownerUserId: owner?.id ?? null,
        checkInEveryDays: 90,
        createdOn: addDays(asOf, -400),
      })
      .returning({ id: planTactics.id });
    if (t.milestones)
      await tx.insert(planMilestones).values(
        t.milestones.map((m, k) => ({
          tacticId: row!.id,
          ordinal: k + 1,
          title: m.title,
          weight: m.weight,
          doneOn: m.isDone ? addDays(asOf, -200 + k * 60) : null,
        })),
      );
    // The published status, a year ago; owners of reported tactics checked in a quarter ago — one is overdue.
    const checkIns = [
      { onDate: addDays(asOf, -365), statusText: t.statusText, percentComplete: percent, narrative: 'Status as published on the strategic plan pages.' },
    ];
    if (i % 3 !== 0)
      checkIns.push({
        onDate: addDays(asOf, -60 - (i % 4) * 20),
        statusText: t.statusText,
        percentComplete: percent,
        narrative: 'Quarterly check-in: on track.',
      });
    await tx
      .insert(planCheckIns)
      .values(checkIns.map((c) => ({ ...c, tacticId: row!.id, authorUserId: owner?.id ?? null, authorName: owner?.name ?? 'Strategic Planning Office' })));
  }
  await refreshMetrics(tx, catalogue, asOf);
}
