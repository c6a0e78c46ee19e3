/**
 * Matcher accuracy on the labelled synthetic population (nicknames, typos, transposed and mistyped SSN
 * digits, missing SSNs, day and month swapped, moved addresses, common names): precision and recall of
 * automatic matches at the policy's match threshold, and the share sent to review.
 * Targets: precision ≥ 0.995, recall ≥ 0.98.
 *
 *   npm run bench -- intercept-accuracy      BENCH_INTERCEPT_PEOPLE=100000 (default)
 */
import {
  defaultMatchPolicy,
  digitKeys,
  matchClaimant,
  ObligorIndex,
  prepareClaimant,
  prepareObligor,
  shippedNicknames,
  syntheticPopulation,
} from '../src/modules/intercept/index';

const people = Number(process.env.BENCH_INTERCEPT_PEOPLE ?? 100_000);
const { obligors, claimants } = syntheticPopulation({ obligors: people, claimants: people, seed: 2026 });
const index = new ObligorIndex(obligors.map(prepareObligor(digitKeys)));
const nicknames = shippedNicknames();
let [truePositives, falsePositives, review, reviewHoldingTruth, truth] = [0, 0, 0, 0, 0];
for (const claimant of claimants) {
  const result = matchClaimant(index, prepareClaimant(claimant, digitKeys), defaultMatchPolicy, nicknames);
  if (claimant.trueObligorId) truth += 1;
  if (result.outcome === 'match') {
    if (result.best!.obligorId === claimant.trueObligorId) truePositives += 1;
    else falsePositives += 1;
  } else if (result.outcome === 'review') {
    review += 1;
    if (result.best!.obligorId === claimant.trueObligorId) reviewHoldingTruth += 1;
  }
}
const precision = truePositives / (truePositives + falsePositives);
const recall = truePositives / truth;
process.stdout.write(
  `${claimants.length.toLocaleString()} claims against ${obligors.length.toLocaleString()} obligors (${truth.toLocaleString()} really obligors), ` +
    `match ≥ ${defaultMatchPolicy.matchThreshold}, review ≥ ${defaultMatchPolicy.reviewThreshold}:\n` +
    `  precision ${precision.toFixed(4)} (target ≥ 0.995), recall ${recall.toFixed(4)} (target ≥ 0.98); ` +
    `${falsePositives} false automatic matches; review band ${review.toLocaleString()} claims ` +
    `(${((review / claimants.length) * 100).toFixed(2)}%, ${reviewHoldingTruth.toLocaleString()} of them with the right obligor on top)\n`,
);
if (precision < 0.995 || recall < 0.98) process.exitCode = 1;
