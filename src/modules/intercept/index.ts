/**
 * Insurance payment intercept (AB 2802). Today: the matching engine (pure), the nickname data, the
 * labelled synthetic population and the offline analyst CLI. Claim intake, review, notices and
 * compliance come next (issue 4). Other modules import only from here.
 */
export { registerInterceptCommands, type ProgressReporter } from './cli';
export { defaultMatchPolicy, matchClaimant, ObligorIndex, prepareClaimant, prepareObligor, type MatchPolicy, type MatchResult } from './domain/match';
export { digitKeys, textKeys } from './domain/ssn';
export { shippedNicknames } from './nicknames';
export { matchFiles, writeSyntheticFiles } from './offline';
export { syntheticPopulation } from './synthetic';
