/**
 * Liens: consistent recording of real property liens for support, payoff demands, one release for all
 * of an obligor's liens, and subordination. Other modules import only from here.
 */
import { recordIdsOfCase } from './store';
import type { ConcordModule } from '../../platform/module';
import { seedLiensDemo } from './demo';
import { releasesOnTimeMetric } from './metrics';
import { lienRoutes } from './routes';
import { lienQueues } from './work';

export { generateRecordTasks, statewideIndex } from './service';
export { defaultLienPolicies, recordTasks } from './domain/policy';
export { renderRecordingPackage, type RecordingDocument } from './documents';
export { liensOfPeople, parentLienRequestStatus, takeParentLienRequest } from './parent-requests';

export const liensModule: ConcordModule = {
  name: 'liens',
  tags: [{ name: 'liens', description: 'Real property liens: recording, the statewide index, payoff demands, releases and subordination' }],
  routes: lienRoutes,
  demo: { seed: (run) => run.inTransaction((tx) => seedLiensDemo(tx, run.keys, run.today)) },
  metrics: [{ key: 'liens.releases_on_time', compute: releasesOnTimeMetric }],
  work: lienQueues,
  caseRecords: (tx, _actor, caseId) => recordIdsOfCase(tx, caseId),
};
export type { LiensErrorCode } from './errors';
