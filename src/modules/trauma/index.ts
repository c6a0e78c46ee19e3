/**
 * Trauma-informed organisation: staff self-assessment campaigns, results and gaps, and the multi-year
 * action plan. Other modules import only from here.
 */
export { traumaRoutes } from './routes';
export { loadInstrument, loadShippedInstrument, readInstrument } from './service';
export { actionPlanMetric, actionPlanProgress } from './actions';
export { seedTraumaDemo } from './demo';
