/**
 * Matcher accuracy on the labelled FEBRL-style synthetic population (`concord intercept synthetic`: one
 * to four errors per real obligor's claim, names in other scripts, SSNs that fail SSA's rules, hard
 * negatives): precision and recall of automatic matches, the review band, pair completeness (the share
 * of true pairs that became candidates at all), and recall per error kind and per number of errors.
 * Targets (issue 27): precision ≥ 0.999, recall ≥ 0.995, review band ≤ 2% of claims, every kind's recall ≥ 0.98.
 *
 *   npm run bench -- intercept-accuracy      BENCH_INTERCEPT_PEOPLE=200000 (default), BENCH_INTERCEPT_ERRORS=febrl|light,
 *     BENCH_INTERCEPT_ESTIMATE=0 (the priors as they are), BENCH_INTERCEPT_SAMPLE / _PAIRS (estimation's claims and random pairs),
 *     BENCH_INTERCEPT_MATCHTHRESHOLD / _REVIEWTHRESHOLD
 */
import {
  defaultEstimateSize,
  defaultMatchPolicy,
  digitKeys,
  estimatePolicy,
  estimateReport,
  matchClaimant,
  ObligorIndex,
  prepareClaimant,
  prepareObligor,
  scorePair,
  shippedNicknames,
  syntheticPopulation,
} from '../src/modules/intercept/index';

const people = Number(process.env.BENCH_INTERCEPT_PEOPLE ?? 200_000);
const errors = process.env.BENCH_INTERCEPT_ERRORS === 'light' ? 'light' : 'febrl';
const { obligors, claimants } = syntheticPopulation({ obligors: people, claimants: people, seed: 2026, errors });
const preparedObligors = obligors.map(prepareObligor(digitKeys));
const index = new ObligorIndex(preparedObligors);
const obligorAt = new Map(preparedObligors.map((o) => [o.id, o]));
const nicknames = shippedNicknames();
const prepared = claimants.map((c) => prepareClaimant(c, digitKeys));
// The weights are estimated from these files (BENCH_INTERCEPT_ESTIMATE=0: the policy's priors as they are).
const estimating = process.env.BENCH_INTERCEPT_ESTIMATE !== '0';
const startedAt = performance.now();
const size = {
  claims: Number(process.env.BENCH_INTERCEPT_SAMPLE ?? defaultEstimateSize.claims),
  randomPairs: Number(process.env.BENCH_INTERCEPT_PAIRS ?? defaultEstimateSize.randomPairs),
};
const estimate = estimating ? estimatePolicy(index, prepared, defaultMatchPolicy, nicknames, size) : null;
const thresholds = (['matchThreshold', 'reviewThreshold'] as const).filter((t) => process.env[`BENCH_INTERCEPT_${t.toUpperCase()}`]);
const policy = {
  ...(estimate?.policy ?? defaultMatchPolicy),
  ...Object.fromEntries(thresholds.map((t) => [t, Number(process.env[`BENCH_INTERCEPT_${t.toUpperCase()}`])])),
};
if (estimate) process.stdout.write(`estimated in ${((performance.now() - startedAt) / 1000).toFixed(1)} s: ${estimateReport(estimate)}`);

interface Tally {
  claims: number;
  matched: number;
  review: number;
  candidate: number;
}
const tally = () => ({ claims: 0, matched: 0, review: 0, candidate: 0 });
const byKind = new Map<string, Tally>();
const byCount = new Map<number, Tally>();
const negatives = new Map<string, { claims: number; falseMatch: number; review: number }>();
let [truePositives, falsePositives, review, truth, candidates, reachable] = [0, 0, 0, 0, 0, 0];
const shares = index.nameShares();
for (const [i, claimant] of claimants.entries()) {
  const result = matchClaimant(index, prepared[i]!, policy, nicknames);
  if (result.outcome === 'review') review += 1;
  const wrongMatch = result.outcome === 'match' && result.best!.obligorId !== claimant.trueObligorId;
  if (wrongMatch) falsePositives += 1;
  if (!claimant.trueObligorId) {
    const kind = claimant.hardNegative ?? 'other';
    const n = negatives.get(kind) ?? { claims: 0, falseMatch: 0, review: 0 };
    negatives.set(kind, { claims: n.claims + 1, falseMatch: n.falseMatch + Number(wrongMatch), review: n.review + Number(result.outcome === 'review') });
    continue;
  }
  truth += 1;
  const matched = result.outcome === 'match' && !wrongMatch;
  if (matched) truePositives += 1;
  const found = index.candidates(prepared[i]!).some((position) => index.idAt(position) === claimant.trueObligorId);
  if (found) candidates += 1;
  // Whether the true pair, scored in full, reaches the match threshold at all: no blocking or margin could do better.
  if (scorePair(prepared[i]!, obligorAt.get(claimant.trueObligorId)!, policy, nicknames, shares).score >= policy.matchThreshold) reachable += 1;
  const add = (t: Tally) => {
    t.claims += 1;
    t.matched += Number(matched);
    t.review += Number(result.outcome === 'review');
    t.candidate += Number(found);
  };
  for (const kind of [...(claimant.errors ?? []), ...(claimant.traits ?? [])]) {
    if (!byKind.has(kind)) byKind.set(kind, tally());
    add(byKind.get(kind)!);
  }
  const count = claimant.errors?.length ?? 0;
  if (!byCount.has(count)) byCount.set(count, tally());
  add(byCount.get(count)!);
}
const precision = truePositives / (truePositives + falsePositives);
const recall = truePositives / truth;
const reviewShare = review / claimants.length;
const fixed = (n: number) => n.toFixed(4);
const row = (label: string, t: Tally) =>
  `  ${label.padEnd(16)} ${String(t.claims).padStart(7)}  recall ${fixed(t.matched / t.claims)}  review ${fixed(t.review / t.claims)}  candidates ${fixed(t.candidate / t.claims)}\n`;
let out =
  `${claimants.length.toLocaleString()} claims (${errors}) against ${obligors.length.toLocaleString()} obligors (${truth.toLocaleString()} really obligors), ` +
  `match ≥ ${policy.matchThreshold}, review ≥ ${policy.reviewThreshold}:\n` +
  `  precision ${precision.toFixed(5)} (target ≥ 0.999), recall ${recall.toFixed(5)} (target ≥ 0.995); ${falsePositives} false automatic matches; ` +
  `review band ${review.toLocaleString()} claims (${(reviewShare * 100).toFixed(2)}%, target ≤ 2%); ` +
  `pair completeness ${fixed(candidates / truth)} (true pairs that became candidates); ` +
  `the model's ceiling ${fixed(reachable / truth)} (true pairs that reach the match threshold when scored in full; ` +
  `the others carry too little — e.g. no SSN, only the birth year, and a new address)\n`;
if (byKind.size > 0) {
  out += 'per error kind (claims carrying it; recall target ≥ 0.98 each):\n';
  for (const [kind, t] of [...byKind].sort((a, b) => a[1].matched / a[1].claims - b[1].matched / b[1].claims)) out += row(kind, t);
  out += 'per number of errors:\n';
  for (const [count, t] of [...byCount].sort((a, b) => a[0] - b[0])) out += row(`${count} error${count === 1 ? '' : 's'}`, t);
  out += 'others (not obligors):\n';
  for (const [kind, n] of negatives) out += `  ${kind.padEnd(16)} ${String(n.claims).padStart(7)}  false matches ${n.falseMatch}  review ${n.review}\n`;
}
process.stdout.write(out);
const worstKind = Math.min(...[...byKind.values()].map((t) => t.matched / t.claims));
if (precision < 0.999 || recall < 0.995 || reviewShare > 0.02 || worstKind < 0.98) process.exitCode = 1;
