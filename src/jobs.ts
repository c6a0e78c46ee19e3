/** Every module's background job handlers, by kind, for the worker. */
import { seedDemoCollections } from './modules/finance/index';
import { purgeJob, purgeJobKind } from './modules/intercept/index';
import { refreshJobKind, refreshMetricsJob, requestRefresh } from './modules/plan/index';
import { systemActor } from './platform/auth/actor';
import type { Tx } from './platform/db/connect';
import { inTransaction } from './platform/db/transaction';
import { demoSeedJob, demoSeedJobKind } from './modules/registry/index';
import type { JobHandler } from './platform/jobs/runner';
import type { PlatformContext } from './platform/http/types';

export function jobHandlers(context: PlatformContext): Map<string, JobHandler> {
  return new Map<string, JobHandler>([
    [demoSeedJobKind, demoSeedJob(context.piiKeys, seedDemoCollections)],
    [purgeJobKind, purgeJob],
    [refreshJobKind, refreshMetricsJob],
  ]);
}

/**
 * Work Concord asks of its worker on a timetable: the strategic plan's live metrics, at start and then
 * daily. Returns a function that stops the timetable.
 */
export function scheduleDailyJobs(db: Tx, onError: (error: unknown) => void, everyMs = 24 * 60 * 60 * 1000): () => void {
  const run = () => inTransaction(db, (tx) => requestRefresh(tx, systemActor())).catch(onError);
  void run();
  const timer = setInterval(() => void run(), everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
