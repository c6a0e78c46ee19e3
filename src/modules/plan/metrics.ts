/**
 * The refresh that computes every module metric a tactic can be bound to and keeps one value per metric
 * per day (the history). The catalogue is what the modules' manifests offer (`moduleMetrics`), handed
 * in by the plan's routes, job and demo, so the plan imports no other module. A metric with nothing to
 * count stores no value and says why.
 */
import type { Tx } from '../../platform/db/connect';
import type { CatalogueMetric } from '../../platform/module';
import type { ProgressMetric } from '../../platform/progress-metric';
import { storeMetricValue } from './store';
import type { CalendarDate } from '../../platform/dates';

/** Computes every metric as of a date and stores it (a second refresh the same day replaces that day's value). */
export async function refreshMetrics(
  tx: Tx,
  catalogue: readonly CatalogueMetric[],
  asOf: CalendarDate,
  onProgress: (done: number, total: number) => void = () => {},
): Promise<ProgressMetric[]> {
  const values: ProgressMetric[] = [];
  for (const [i, metric] of catalogue.entries()) {
    const value = await metric.compute(tx, asOf);
    await storeMetricValue(tx, value, asOf);
    values.push(value);
    onProgress(i + 1, catalogue.length);
  }
  return values;
}
