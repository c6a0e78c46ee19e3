/**
 * The claimant matching engine (pure): candidates found by SSN keys (exact, transposed, one digit off)
 * and by date of birth with the last name's initial (for claims without an SSN or with a wrong one;
 * candidate-index.ts, or shared-index.ts when threads build it together); each candidate scored
 * Fellegi-Sunter style — the sum over fields of log2(m/u) for the level at which the field agrees —
 * with every field's contribution kept as evidence (scoring.ts); three outcomes by thresholds (here).
 *
 * @example
 *   const index = new ObligorIndex(obligors.map(prepareObligor(digitKeys)));
 *   const result = matchClaimant(index, prepareClaimant(claimant, digitKeys), defaultMatchPolicy, nicknames);
 */
import type { CandidateIndex } from './candidate-index';
import type { NicknameIndex } from './names';
import { weightsOf, type MatchPolicy, type Outcome, type Prepared, type Scored } from './scoring';
import type { ClaimantSsnKeys } from './ssn';

export {
  compareAddresses,
  compareDates,
  dateNumber,
  defaultMatchPolicy,
  prepareClaimant,
  prepareObligor,
  preparePerson,
  scorePair,
  type AddressAgreement,
  type DobAgreement,
  type Evidence,
  type MatchPolicy,
  type Outcome,
  type PersonFacts,
  type Prepared,
  type Scored,
} from './scoring';
export { CandidateIndex, ObligorIndex } from './candidate-index';
export { abandonSharing, sharedIndexMemory, SharedObligorIndex, type PartVocabulary, type SharedIndexMemory } from './shared-index';

export interface MatchResult {
  claimantId: string;
  outcome: Outcome;
  /** The best candidate scoring at least the review threshold (none: no match). */
  best: Scored | null;
  /** The second-best candidate at or above the review threshold, when there is one (shown in review). */
  runnerUp: Scored | null;
  candidateCount: number;
}

export function decide(best: Scored | null, runnerUp: Scored | null, policy: MatchPolicy): Outcome {
  if (!best || best.score < policy.reviewThreshold) return 'no_match';
  if (best.score < policy.matchThreshold) return 'review';
  if (runnerUp && runnerUp.score >= policy.reviewThreshold && best.score - runnerUp.score < policy.ambiguityMargin) return 'review';
  return 'match';
}

/** Candidates rank by score, then by obligor id: the same two come first whatever order they were found in. */
function ahead<K>(index: CandidateIndex<K>, position: number, score: number, other: number, otherScore: number): boolean {
  return other === -1 || score > otherScore || (score === otherScore && index.idAt(position) < index.idAt(other));
}

/**
 * The claimant's outcome against the index. Only candidates at or above the review threshold can be
 * the best or the runner-up (one below it changes no outcome), so the others are dropped as soon as
 * they cannot reach it; the evidence is written out for the best two alone.
 */
export function matchClaimant<K>(index: CandidateIndex<K>, claimant: Prepared<ClaimantSsnKeys<K>>, policy: MatchPolicy, nicknames: NicknameIndex): MatchResult {
  const probe = index.probe(claimant);
  const positions = index.candidates(claimant, probe);
  const weights = weightsOf(policy);
  index.touch(positions);
  let [best, runnerUp] = [-1, -1];
  let [bestScore, runnerUpScore] = [0, 0];
  for (const position of positions) {
    const score = index.scoreAt(probe, position, policy, nicknames, weights, policy.reviewThreshold);
    if (Number.isNaN(score)) continue;
    if (ahead(index, position, score, best, bestScore)) {
      [runnerUp, runnerUpScore] = [best, bestScore];
      [best, bestScore] = [position, score];
    } else if (ahead(index, position, score, runnerUp, runnerUpScore)) [runnerUp, runnerUpScore] = [position, score];
  }
  const bestScored = best === -1 ? null : index.scoredAt(probe, best, policy, nicknames);
  const runnerUpScored = runnerUp === -1 ? null : index.scoredAt(probe, runnerUp, policy, nicknames);
  return {
    claimantId: claimant.id,
    outcome: decide(bestScored, runnerUpScored, policy),
    best: bestScored,
    runnerUp: runnerUpScored,
    candidateCount: positions.length,
  };
}
