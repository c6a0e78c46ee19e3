/**
 * Training: the learning management system — org units and staff, the catalogue, curricula and their
 * assignment rules, learning, reports and the rollout. Other modules import only from here.
 */
import type { ConcordModule } from '../../platform/module';
import { registerTrainingCommands } from './cli';
import { seedTrainingDemo } from './demo';
import { coreOnTimeMetric, unitsLaunchedMetric } from './metrics';
import { trainingRoutes } from './routes';
import { loadTrainingReference } from './staff';
import { trainingQueues } from './work';
import { scoreJob, scoreJobKind } from './lti/scores';

export { seedTrainingDemo } from './demo';
export { createClient as createLrsClient } from './xapi/lrs';
export { demoPackage, demoPackageFiles, zipFiles } from './cmi5/pack';
export { addStaffRecords, allOrgUnits, completionAmong, coursesByCode, orgUnitNames, staffInUnits, type CourseCompletion } from './store';

export const trainingModule: ConcordModule = {
  name: 'training',
  tags: [
    { name: 'training', description: 'The learning management system: catalogue, curricula, assignments, learning and the rollout' },
    { name: 'xapi', description: 'The xAPI 1.0.3 Learning Record Store at /xapi/ (client credentials)' },
    { name: 'lti', description: 'Concord as an LTI 1.3 tool: login initiation, launch, deep linking, platform registrations' },
  ],
  routes: trainingRoutes,
  referenceData: loadTrainingReference,
  demo: { seed: (run) => run.inTransaction((tx) => seedTrainingDemo(tx, run.today)) },
  work: trainingQueues,
  jobs: ({ context }) => ({ [scoreJobKind]: scoreJob(context.piiKeys) }),
  commands: registerTrainingCommands,
  metrics: [
    { key: 'training.core_on_time', compute: coreOnTimeMetric },
    { key: 'training.units_launched', compute: unitsLaunchedMetric },
  ],
};
export type { TrainingErrorCode } from './errors';
