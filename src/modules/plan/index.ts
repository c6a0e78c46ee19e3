/**
 * The strategic plan tracker: goals, objectives and tactics, check-ins, and progress computed from the
 * other modules' metrics. Other modules import only from here.
 */
export { planRoutes } from './routes';
export { refreshJobKind, refreshMetricsJob, requestRefresh } from './service';
export { seedPlanDemo } from './demo';
