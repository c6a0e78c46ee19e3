/**
 * The module metrics a tactic can be bound to, each read through its module's index.ts, and the refresh
 * that computes them all and keeps one value per metric per day (the history). A metric with nothing to
 * count stores no value and says why.
 */
import { sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/connect';
import type { ProgressMetric } from '../../platform/progress-metric';
import { lcsasClaimingMetric } from '../claims/index';
import { auditsOnTimeMetric } from '../finance/index';
import { insurersReportingMetric } from '../intercept/index';
import { releasesOnTimeMetric } from '../liens/index';
import { coreOnTimeMetric, unitsLaunchedMetric } from '../training/index';
import { actionPlanMetric } from '../trauma/index';
import { planMetricValues } from './schema';

export const metricCatalogue: { key: string; module: string; compute: (tx: Tx, asOf: string) => Promise<ProgressMetric> }[] = [
  { key: 'intercept.insurers_reporting', module: 'intercept', compute: insurersReportingMetric },
  { key: 'claims.lcsas_claiming_in_system', module: 'claims', compute: lcsasClaimingMetric },
  { key: 'training.core_on_time', module: 'training', compute: coreOnTimeMetric },
  { key: 'training.units_launched', module: 'training', compute: unitsLaunchedMetric },
  { key: 'liens.releases_on_time', module: 'liens', compute: releasesOnTimeMetric },
  { key: 'trauma.action_plan', module: 'trauma', compute: actionPlanMetric },
  { key: 'finance.audits_within_30_days', module: 'finance', compute: auditsOnTimeMetric },
];

export const metricKeys = metricCatalogue.map((m) => m.key);

/** Computes every metric as of a date and stores it (a second refresh the same day replaces that day's value). */
export async function refreshMetrics(tx: Tx, asOf: string, onProgress: (done: number, total: number) => void = () => {}): Promise<ProgressMetric[]> {
  const values: ProgressMetric[] = [];
  for (const [i, metric] of metricCatalogue.entries()) {
    const value = await metric.compute(tx, asOf);
    await tx
      .insert(planMetricValues)
      .values({
        metricKey: value.key,
        computedOn: asOf,
        label: value.label,
        value: value.value,
        numerator: value.numerator,
        denominator: value.denominator,
        note: value.note,
      })
      .onConflictDoUpdate({
        target: [planMetricValues.metricKey, planMetricValues.computedOn],
        set: { label: value.label, value: value.value, numerator: value.numerator, denominator: value.denominator, note: value.note, computedAt: sql`now()` },
      });
    values.push(value);
    onProgress(i + 1, metricCatalogue.length);
  }
  return values;
}
