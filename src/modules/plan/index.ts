/**
 * The strategic plan tracker: goals, objectives and tactics, check-ins, and progress computed from the
 * other modules' metrics, which it reads from their manifests. Other modules import only from here.
 */
import { systemActor } from '../../platform/auth/actor';
import { moduleMetrics, type ConcordModule } from '../../platform/module';
import { seedPlanDemo } from './demo';
import { planRoutes } from './routes';
import { refreshJobKind, refreshMetricsJob, requestRefresh } from './service';

export const planModule: ConcordModule = {
  name: 'plan',
  tags: [{ name: 'plan', description: 'The strategic plan: goals, objectives, tactics, check-ins and live progress' }],
  routes: planRoutes,
  jobs: ({ modules }) => ({ [refreshJobKind]: refreshMetricsJob(moduleMetrics(modules)) }),
  // The plan's live metrics, recomputed at start and then daily, as an ordinary job.
  daily: (tx) => requestRefresh(tx, systemActor()),
  demo: { seed: (run) => run.inTransaction((tx) => seedPlanDemo(tx, run.today, moduleMetrics(run.modules))) },
};
export type { PlanErrorCode } from './errors';
