/**
 * Insurance payment intercept (AB 2802): the matching engine (pure), nickname data, the labelled
 * synthetic population and the offline analyst CLI; the insurer registry, claim file intake with
 * matching, review and the purge of unmatched claimants. Notices, answers, remittance and compliance
 * come next (issue 4). Other modules import only from here.
 */
export { registerInterceptCommands, type ProgressReporter } from './cli';
export { defaultMatchPolicy, matchClaimant, ObligorIndex, prepareClaimant, prepareObligor, type MatchPolicy, type MatchResult } from './domain/match';
export { digitKeys, textKeys } from './domain/ssn';
export { shippedNicknames } from './nicknames';
export { matchFiles, writeSyntheticFiles } from './offline';
export { syntheticPopulation } from './synthetic';
export { interceptRoutes } from './routes';
export { purgeJob, purgeUnmatched } from './review';
export { purgeJobKind, importClaimFile, insurerIdByNaic } from './intake';
export { refreshMatchable } from './matchable';
export { ensureInsurer, registerInsurer } from './insurers';
export { seedInterceptDemo } from './demo';
export { insurersReportingMetric } from './metrics';
