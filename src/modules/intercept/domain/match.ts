/**
 * The claimant matching engine (pure): candidates found by several blocking rules — first SSN keys
 * (exact, transposed, one digit off) and date of birth with the last name's initial; for a claim those
 * do not match automatically, the names' phonetic codes with parts of the birth date or the ZIP
 * (candidate-index.ts, or shared-index.ts when threads build it together); each candidate scored
 * Fellegi-Sunter style — the sum over fields of log2(m/u) for the level at which the field agrees —
 * with every field's contribution kept as evidence (scoring.ts); three outcomes by thresholds (here).
 *
 * @example
 *   const index = new ObligorIndex(obligors.map(prepareObligor(digitKeys)));
 *   const result = matchClaimant(index, prepareClaimant(claimant, digitKeys), defaultMatchPolicy, nicknames);
 */
import type { CandidateIndex, NameTables, Probe } from './candidate-index';
import type { NicknameIndex } from './names';
import { weightsOf, type MatchPolicy, type Outcome, type Prepared, type Scored, type Weights } from './scoring';
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
  if (policy.differentSsnGoesToReview && best.evidence[0]?.agreement === 'different') return 'review';
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
  const positions = index.candidates(claimant, probe, 'first');
  const weights = weightsOf(policy);
  const tables = index.adjustments(policy);
  const ranked = { best: -1, runnerUp: -1, bestScore: 0, runnerUpScore: 0 };
  rank(index, probe, positions, 0, policy, nicknames, weights, tables, ranked);
  let bestScored = ranked.best === -1 ? null : index.scoredAt(probe, ranked.best, policy, nicknames);
  let runnerUpScored = ranked.runnerUp === -1 ? null : index.scoredAt(probe, ranked.runnerUp, policy, nicknames);
  // The further rules, for a claim the first do not match automatically (most claims are decided by the first).
  if (decide(bestScored, runnerUpScored, policy) !== 'match') {
    const first = positions.length;
    index.candidates(claimant, probe, 'further', positions);
    if (positions.length > first && rank(index, probe, positions, first, policy, nicknames, weights, tables, ranked)) {
      bestScored = ranked.best === -1 ? null : index.scoredAt(probe, ranked.best, policy, nicknames);
      runnerUpScored = ranked.runnerUp === -1 ? null : index.scoredAt(probe, ranked.runnerUp, policy, nicknames);
    }
  }
  return {
    claimantId: claimant.id,
    outcome: decide(bestScored, runnerUpScored, policy),
    best: bestScored,
    runnerUp: runnerUpScored,
    candidateCount: positions.length,
  };
}

/** Scores the positions from `from` on into the best two so far; whether either changed. */
function rank<K>(
  index: CandidateIndex<K>,
  probe: Probe<K>,
  positions: number[],
  from: number,
  policy: MatchPolicy,
  nicknames: NicknameIndex,
  weights: Weights,
  tables: NameTables,
  ranked: { best: number; runnerUp: number; bestScore: number; runnerUpScore: number },
): boolean {
  index.touch(positions, from);
  const [best, runnerUp] = [ranked.best, ranked.runnerUp];
  for (let i = from; i < positions.length; i++) {
    const position = positions[i]!;
    const score = index.scoreAt(probe, position, policy, nicknames, weights, tables, policy.reviewThreshold);
    if (Number.isNaN(score)) continue;
    if (ahead(index, position, score, ranked.best, ranked.bestScore)) {
      [ranked.runnerUp, ranked.runnerUpScore] = [ranked.best, ranked.bestScore];
      [ranked.best, ranked.bestScore] = [position, score];
    } else if (ahead(index, position, score, ranked.runnerUp, ranked.runnerUpScore)) [ranked.runnerUp, ranked.runnerUpScore] = [position, score];
  }
  return ranked.best !== best || ranked.runnerUp !== runnerUp;
}
