/**
 * Liens: consistent recording of real property liens for support, payoff demands, one release for all
 * of an obligor's liens, and subordination. Other modules import only from here.
 */
export { lienRoutes } from './routes';
export { generateRecordTasks, statewideIndex } from './service';
export { defaultLienPolicies, recordTasks } from './domain/policy';
export { seedLiensDemo } from './demo';
export { releasesOnTimeMetric } from './metrics';
