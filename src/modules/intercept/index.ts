/**
 * Insurance payment intercept (AB 2802): the matching engine (pure), nickname data, the labelled
 * synthetic population and the offline analyst CLI; the insurer registry, claim file intake with
 * matching, review and the purge of unmatched claimants, notices, answers, withholding, remittance and
 * each insurer's compliance. Other modules import only from here.
 */
import type { ConcordModule } from '../../platform/module';
import { registerInterceptCommands } from './cli';
import { seedInterceptDemo } from './demo';
import { purgeJobKind } from './intake';
import { insurersReportingMetric } from './store';
import { purgeJob, requestAgedPurge } from './review';
import { interceptRoutes } from './routes';
import { interceptSearch } from './search';
import { interceptQueues } from './work';

export const interceptModule: ConcordModule = {
  name: 'intercept',
  tags: [{ name: 'intercept', description: 'Insurance payment intercept (AB 2802): insurers, claim files, matching, notices and remittance' }],
  routes: interceptRoutes,
  jobs: () => ({ [purgeJobKind]: purgeJob }),
  // Daily: purge review candidates left undecided past the policy, and claims of denied or released notices.
  daily: (tx) => requestAgedPurge(tx),
  commands: registerInterceptCommands,
  demo: { seed: (run) => run.inTransaction((tx) => seedInterceptDemo(tx, run.keys, run.today)) },
  metrics: [{ key: 'intercept.insurers_reporting', compute: insurersReportingMetric }],
  search: [interceptSearch],
  work: interceptQueues,
};

export {
  defaultMatchPolicy,
  matchClaimant,
  ObligorIndex,
  prepareClaimant,
  prepareObligor,
  scorePair,
  type MatchPolicy,
  type MatchResult,
} from './domain/match';
export { digitKeys, textKeys } from './domain/ssn';
export { defaultEstimateSize, estimatePolicy, estimateReport, type Estimate } from './domain/estimate';
export { shippedNicknames } from './nicknames';
export { matchFiles, writeSyntheticFiles } from './offline';
export { syntheticPopulation } from './synthetic';
export { ensureInsurer, registerInsurer } from './insurers';
export { purgeUnmatched } from './review';
export { importClaimFile, insurerIdByNaic } from './intake';
export { csvColumns } from './formats';
export { refreshMatchable } from './matchable';
export { recordContest } from './contests';
export { contestGrounds } from './contract';
export { noticesOfPeople, peopleWithOpenNotices, type ParentNoticeRow } from './store';
export type { InterceptErrorCode } from './errors';
