/**
 * Trauma-informed organisation: staff self-assessment campaigns, results and gaps, and the multi-year
 * action plan. Other modules import only from here.
 */
import type { ConcordModule } from '../../platform/module';
import { actionPlanMetric } from './actions';
import { registerTraumaCommands } from './cli';
import { seedTraumaDemo } from './demo';
export { seedFamiliesSurveyDemo } from './demo';
import { traumaRoutes } from './routes';
import { loadShippedInstrument } from './instruments';
import { familiesExperienceMetric } from './results';
export { familiesExperienceMetric };

export { loadInstrument, readInstrument } from './instruments';
export { inviteFamily } from './campaigns';
export { mySurveys } from './survey';
export { MySurveySchema, type MySurvey } from './contract';

export const traumaModule: ConcordModule = {
  name: 'trauma',
  tags: [{ name: 'trauma', description: 'Trauma-informed organisation: staff self-assessment, results and gaps, and the action plan' }],
  routes: traumaRoutes,
  commands: registerTraumaCommands,
  referenceData: loadShippedInstrument,
  demo: { seed: (run) => run.inTransaction((tx) => seedTraumaDemo(tx, run.keys, run.today)) },
  metrics: [
    { key: 'trauma.action_plan', compute: actionPlanMetric },
    { key: 'trauma.families_experience', compute: familiesExperienceMetric },
  ],
};
export type { TraumaErrorCode } from './errors';
