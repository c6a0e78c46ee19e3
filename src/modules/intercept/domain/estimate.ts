/**
 * Fellegi–Sunter parameters estimated from the files being matched (pure), as Splink estimates them:
 * u — how often two people who are not the same agree at each level — from random pairs of a claim and
 * an obligor; m — how often the same person's two records agree at each level — by
 * expectation–maximisation over blocked pairs, once per training rule, with u held at the random pairs'.
 * Each training rule's pairs agree on its own fields by construction, so those fields are left out of its
 * EM and their m comes from the other rule: pairs that share an SSN key estimate m for the names, the
 * birth date and the address; pairs that share a ZIP, the last name's phonetic code and the first
 * initial estimate it for the SSN and the birth date (averaged where both do). (Pairs that share a birth
 * date and last name train badly: twins and relatives at one address are many among them, and EM takes
 * them for matches with a wrong SSN.) The policy's own m and u are the starting
 * point (priors), never the model; a level the data never shows keeps a little of its prior.
 *
 * @example const estimate = estimatePolicy(index, claimants, defaultMatchPolicy, nicknames);
 */
import type { CandidateIndex, Probe } from './candidate-index';
import type { NicknameIndex } from './names';
import { fields, levelsOf, type Field, type MatchPolicy, type Prepared } from './scoring';
import type { ClaimantSsnKeys } from './ssn';
import { notJsonReason } from '../../../platform/errors';

type FieldLevels = Record<Field, number[]>;

export interface Estimate {
  /** The parameters estimated — or, when the files are too small to estimate from (`minimumData`), the prior's, as `isEstimated` says. */
  policy: MatchPolicy;
  isEstimated: boolean;
  /** Whether every training rule's EM converged (each rule's rounds are in `rules`). */
  converged: boolean;
  /** Each training rule's EM: its pairs, the fields it leaves out, its rounds, whether it converged, its match share, its largest change in m each round. */
  rules: { rule: string; pairs: number; leftOut: string[]; iterations: number; converged: boolean; matchShare: number; changes: number[] }[];
  claimsSampled: number;
  blockedPairs: number;
  randomPairs: number;
}

export interface EstimateOptions {
  maxIterations?: number;
  tolerance?: number;
}

/** How much of the files estimation reads: the first claims, whose candidates EM weighs, and random pairs for u (drawn from those claims). */
export interface EstimateSize {
  claims: number;
  randomPairs: number;
}

/**
 * [Policy] Estimation needs at least 1,000 obligors, 1,000 blocked pairs and 10,000 random pairs: with
 * less (a test file, a handful of claims) m and u would be guesses, and the prior is used as it is.
 */
export const minimumData = { obligors: 1_000, blockedPairs: 1_000, randomPairs: 10_000 };

/** [Policy] The first 10,000 claims' candidates and 100,000 random pairs: at 200,000 × 200,000 twice as many moved recall by 0.0004 and precision not at all (`npm run bench -- intercept-accuracy`), and at a million × a million they take about half a second. */
export const defaultEstimateSize: EstimateSize = { claims: 10_000, randomPairs: 100_000 };

/** A field's level as an index into levelsOf[field]; the levels' count stands for missing. */
const levelIndex = (field: Field, agreement: string) => {
  const i = levelsOf[field].indexOf(agreement);
  return i === -1 ? levelsOf[field].length : i;
};

/** Agreement patterns (one level per field, as a mixed-radix number) and how many pairs show each. */
class Patterns {
  readonly counts = new Map<number, number>();
  total = 0;
  add(levels: number[]): void {
    let key = 0;
    for (let f = 0; f < fields.length; f++) key = key * (levelsOf[fields[f]!].length + 1) + levels[f]!;
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
    this.total += 1;
  }
  /** The levels of a pattern key, field by field. */
  static levels(key: number): number[] {
    const levels = new Array<number>(fields.length);
    for (let f = fields.length - 1; f >= 0; f--) {
      const radix = levelsOf[fields[f]!].length + 1;
      levels[f] = key % radix;
      key = Math.floor(key / radix);
    }
    return levels;
  }
}

function lcg(seed: number): () => number {
  let state = (seed * 2_654_435_761) >>> 0 || 1;
  return () => (state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0) / 2 ** 32;
}

/** The prior's m or u for each field's levels, normalised to sum to 1. */
function priorOf(policy: MatchPolicy, which: 'm' | 'u'): FieldLevels {
  const out = {} as FieldLevels;
  for (const field of fields) {
    const levels = policy[field] as Record<string, { m: number; u: number }>;
    const values = levelsOf[field].map((level) => levels[level]![which]);
    const sum = values.reduce((a, b) => a + b, 0);
    out[field] = values.map((v) => v / sum);
  }
  return out;
}

/** Counts per level turned into probabilities, with `pseudo` pairs spread as the prior is (none without one). */
function normalised(counts: FieldLevels, prior?: { levels: FieldLevels; pseudo: number }): FieldLevels {
  const out = {} as FieldLevels;
  const pseudo = prior?.pseudo ?? 0;
  for (const field of fields) {
    const total = counts[field].reduce((a, b) => a + b, 0);
    out[field] = counts[field].map((c, l) => (c + pseudo * (prior?.levels[field][l] ?? 0)) / (total + pseudo));
  }
  return out;
}

const zeros = (): FieldLevels => Object.fromEntries(fields.map((f) => [f, new Array<number>(levelsOf[f].length).fill(0)])) as FieldLevels;

/** The agreement levels of a claim (as the index's probe) and the obligor at a position, as `Patterns` keys them. */
function levelsAt<K>(index: CandidateIndex<K>, probe: Probe<K>, position: number, prior: MatchPolicy, nicknames: NicknameIndex): number[] {
  const { evidence } = index.scoredAt(probe, position, prior, nicknames);
  return evidence.map((e) => levelIndex(e.field, e.agreement));
}

/** The rules whose pairs train m, and the fields each leaves out (it agrees on them by construction). */
export const trainingRules = { ssn: ['ssn'], names: ['lastName', 'firstName', 'address'] } as const satisfies Record<string, readonly Field[]>;
type TrainingRule = keyof typeof trainingRules;
const ruleNames = Object.keys(trainingRules) as TrainingRule[];

/** What estimation counts from the files, mergeable across threads: random pairs' levels per field, each training rule's pairs' patterns. */
export interface PairCounts {
  obligors: number;
  random: FieldLevels;
  randomPairs: number;
  blocked: Record<TrainingRule, [number, number][]>;
  claims: number;
}

/**
 * Counts for estimation from the sample's claims: each training rule's candidates of each (the blocked
 * pairs, for EM), and for each claim `perClaim` random obligors drawn from its own seed — its line in the
 * file, so that however the claims are shared among threads, the same pairs are drawn (for u) — less
 * those that share an SSN key with it.
 */
export function pairCounts<K>(
  index: CandidateIndex<K>,
  sample: { claimant: Prepared<ClaimantSsnKeys<K>>; seed: number }[],
  prior: MatchPolicy,
  nicknames: NicknameIndex,
  perClaim: number,
): PairCounts {
  const counts = zeros();
  const blocked = { ssn: new Patterns(), names: new Patterns() };
  let drawn = 0;
  for (const { claimant, seed } of sample) {
    const probe = index.probe(claimant);
    const found = { ssn: index.candidatesOfRule(claimant, probe, 'ssn'), names: index.candidatesOfRule(claimant, probe, 'names') };
    for (const rule of ruleNames) for (const position of found[rule]) blocked[rule].add(levelsAt(index, probe, position, prior, nicknames));
    const random = lcg(seed);
    for (let i = 0; i < perClaim && index.size > 0; i++) {
      const position = Math.floor(random() * index.size);
      // An obligor that shares an SSN key with the claim is all but surely the same person: in a small
      // file, drawing them would make u of the SSN's closest levels that of matches, not of strangers.
      if (index.isBlank(position) || found.ssn.includes(position)) continue;
      drawn += 1;
      const levels = levelsAt(index, probe, position, prior, nicknames);
      for (let f = 0; f < fields.length; f++) if (levels[f]! < levelsOf[fields[f]!].length) counts[fields[f]!][levels[f]!]! += 1;
    }
  }
  return {
    obligors: index.size,
    random: counts,
    randomPairs: drawn,
    blocked: { ssn: [...blocked.ssn.counts], names: [...blocked.names.counts] },
    claims: sample.length,
  };
}

/** Random obligors per claim of the sample, for `randomPairs` in all. */
export const randomPerClaim = (size: EstimateSize) => Math.ceil(size.randomPairs / Math.max(1, size.claims));

/** EM over one training rule's patterns with u held: m for the fields it does not leave out, and the share of its pairs that match. */
function trainRule(
  patterns: { levels: number[]; count: number }[],
  total: number,
  trained: readonly Field[],
  u: FieldLevels,
  priorM: FieldLevels,
  options: Pick<EstimateOptions, 'maxIterations' | 'tolerance'>,
): { m: FieldLevels; share: number; changes: number[] } {
  let m = priorM;
  let share = 0.1;
  const changes: number[] = [];
  const index = trained.map((field) => fields.indexOf(field));
  for (let round = 0; round < (options.maxIterations ?? 200); round++) {
    const mCounts = zeros();
    let matches = 0;
    for (const { levels, count } of patterns) {
      let logRatio = Math.log(share / (1 - share));
      for (const f of index) {
        const l = levels[f]!;
        if (l < levelsOf[fields[f]!].length) logRatio += Math.log(m[fields[f]!][l]! / u[fields[f]!][l]!);
      }
      const posterior = 1 / (1 + Math.exp(-logRatio));
      matches += posterior * count;
      for (const f of index) if (levels[f]! < levelsOf[fields[f]!].length) mCounts[fields[f]!][levels[f]!]! += posterior * count;
    }
    const next = normalised(mCounts, { levels: priorM, pseudo: 1 });
    const change = Math.max(...trained.flatMap((field) => next[field].map((v, l) => Math.abs(v - m[field][l]!))));
    changes.push(change);
    m = next;
    share = Math.min(1 - 1e-9, Math.max(1e-9, matches / total));
    if (change < (options.tolerance ?? 1e-6)) break;
  }
  return { m, share, changes };
}

/** The parameters from counts (one or several threads'): u from the random pairs, m by EM over each training rule's pairs. */
export function estimateFromCounts(all: PairCounts[], prior: MatchPolicy, options: Pick<EstimateOptions, 'maxIterations' | 'tolerance'> = {}): Estimate {
  const uCounts = zeros();
  const blocked = { ssn: new Patterns(), names: new Patterns() };
  for (const counts of all) {
    for (const field of fields) counts.random[field].forEach((count, l) => (uCounts[field][l]! += count));
    for (const rule of ruleNames) {
      for (const [key, count] of counts.blocked[rule]) {
        blocked[rule].counts.set(key, (blocked[rule].counts.get(key) ?? 0) + count);
        blocked[rule].total += count;
      }
    }
  }
  const sizes = {
    claimsSampled: all.reduce((sum, c) => sum + c.claims, 0),
    blockedPairs: blocked.ssn.total + blocked.names.total,
    randomPairs: all.reduce((sum, c) => sum + c.randomPairs, 0),
  };
  const isEstimated =
    (all[0]?.obligors ?? 0) >= minimumData.obligors && sizes.blockedPairs >= minimumData.blockedPairs && sizes.randomPairs >= minimumData.randomPairs;
  if (!isEstimated) return { policy: prior, isEstimated, converged: false, rules: [], ...sizes };
  const priorM = priorOf(prior, 'm');
  // A level that random pairs never show is taken to be seen half a time: u is below 1 in the pairs drawn, not 0.
  for (const field of fields) uCounts[field] = uCounts[field].map((count) => Math.max(count, 0.5));
  const u = normalised(uCounts);
  // Each rule's EM; a field's m is the mean of the rules' that train it (in key order, so that every thread finds the same).
  const sums = zeros();
  const trainedBy = Object.fromEntries(fields.map((f) => [f, 0])) as Record<Field, number>;
  const rules: Estimate['rules'] = [];
  for (const rule of ruleNames) {
    const trained = fields.filter((field) => !(trainingRules[rule] as readonly Field[]).includes(field));
    const patterns = [...blocked[rule].counts].sort((a, b) => a[0] - b[0]).map(([key, count]) => ({ levels: Patterns.levels(key), count }));
    if (blocked[rule].total === 0) continue;
    const result = trainRule(patterns, blocked[rule].total, trained, u, priorM, options);
    for (const field of trained) {
      result.m[field].forEach((v, l) => (sums[field][l]! += v));
      trainedBy[field] += 1;
    }
    rules.push({
      rule,
      pairs: blocked[rule].total,
      leftOut: [...trainingRules[rule]],
      iterations: result.changes.length,
      converged: result.changes.at(-1)! < (options.tolerance ?? 1e-6),
      matchShare: result.share,
      changes: result.changes,
    });
  }
  const m = Object.fromEntries(fields.map((field) => [field, trainedBy[field] ? sums[field].map((v) => v / trainedBy[field]) : priorM[field]])) as FieldLevels;
  const policy: MatchPolicy = { ...prior };
  for (const field of fields) {
    (policy as unknown as Record<Field, Record<string, { m: number; u: number }>>)[field] = Object.fromEntries(
      levelsOf[field].map((level, l) => [level, { m: m[field][l]!, u: u[field][l]! }]),
    );
  }
  return {
    policy,
    isEstimated,
    converged: rules.every((r) => r.converged),
    rules,
    ...sizes,
  };
}

/** Estimates from claims in memory: the first `claims` of them are the sample (as the first lines of a file are). */
export function estimatePolicy<K>(
  index: CandidateIndex<K>,
  claimants: Prepared<ClaimantSsnKeys<K>>[],
  prior: MatchPolicy,
  nicknames: NicknameIndex,
  size: EstimateSize = defaultEstimateSize,
  options: Pick<EstimateOptions, 'maxIterations' | 'tolerance'> = {},
): Estimate {
  const sample = claimants.slice(0, size.claims).map((claimant, i) => ({ claimant, seed: i + 1 }));
  return estimateFromCounts([pairCounts(index, sample, prior, nicknames, randomPerClaim(size))], prior, options);
}

/** The estimate as lines a person reads: each field's levels with m, u and the weight log2(m/u), then EM's convergence. */
export function estimateReport(estimate: Estimate): string {
  const lines = [
    estimate.isEstimated
      ? `weights estimated from the files`
      : `too little to estimate from (at least ${minimumData.obligors.toLocaleString('en-US')} obligors, ${minimumData.blockedPairs.toLocaleString('en-US')} blocked pairs and ${minimumData.randomPairs.toLocaleString('en-US')} random pairs): the prior weights, as they are`,
    ...(estimate.isEstimated
      ? [
          `u from ${estimate.randomPairs.toLocaleString('en-US')} random pairs; m by EM over the blocked pairs of ${estimate.claimsSampled.toLocaleString('en-US')} claims:`,
        ]
      : []),
    ...estimate.rules.map(
      (r) =>
        `  rule ${r.rule} (${r.leftOut.join(', ')} left out): ${r.pairs.toLocaleString('en-US')} pairs, ${(r.matchShare * 100).toFixed(2)}% matches; ` +
        `${r.iterations} rounds, ${r.converged ? 'converged' : 'stopped before converging'} (last change in m ${r.changes.at(-1)?.toExponential(1) ?? '-'})`,
    ),
    'weights log2(m/u) per level:',
  ];
  for (const field of fields) {
    const levels = estimate.policy[field] as Record<string, { m: number; u: number }>;
    lines.push(
      `  ${field.padEnd(12)} ` +
        levelsOf[field]
          .map(
            (level) =>
              `${level} ${Math.log2(levels[level]!.m / levels[level]!.u).toFixed(2)} (m ${levels[level]!.m.toPrecision(2)}, u ${levels[level]!.u.toPrecision(2)})`,
          )
          .join('; '),
    );
  }
  return `${lines.join('\n')}\n`;
}

/** The format of saved parameters: each field's levels with m and u (thresholds stay the run's). */
export const savedWeightsFormat = 'concord-match-weights/1';

/** Parameters as JSON to save (`concord intercept match --save-weights`) and load again (`--weights`). */
export function savedWeights(policy: MatchPolicy): string {
  const levels = Object.fromEntries(fields.map((field) => [field, policy[field]]));
  return `${JSON.stringify({ format: savedWeightsFormat, levels }, null, 2)}\n`;
}

/**
 * Saved parameters read back onto `prior` (its thresholds kept): every field's every level must have m
 * and u, numbers above 0 and at most 1. A problem names the file and the value: `weights.json:
 * levels.ssn.exact.u must be a number above 0 and at most 1`.
 */
export function readSavedWeights(text: string, file: string, prior: MatchPolicy): MatchPolicy {
  let saved: unknown;
  try {
    saved = JSON.parse(text);
  } catch (error) {
    throw new SyntaxError(`${file}: not JSON (${notJsonReason(text, error)}).`, { cause: error });
  }
  return policyFromSaved(saved, file, prior);
}

/** Saved parameters already parsed (an API body), checked as `readSavedWeights` checks them; `source` names them in a problem. */
export function policyFromSaved(saved: unknown, source: string, prior: MatchPolicy): MatchPolicy {
  const record = (value: unknown): Record<string, unknown> | null =>
    value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  if (record(saved)?.format !== savedWeightsFormat) throw new SyntaxError(`${source}: format must be "${savedWeightsFormat}".`);
  const levels = record(record(saved)!.levels);
  const policy = { ...prior } as unknown as Record<Field, Record<string, { m: number; u: number }>>;
  for (const field of fields) {
    policy[field] = Object.fromEntries(
      levelsOf[field].map((level) => {
        const values = record(record(levels?.[field])?.[level]);
        const probability = (key: 'm' | 'u') => {
          const value = values?.[key];
          if (typeof value !== 'number' || !(value > 0 && value <= 1))
            throw new SyntaxError(`${source}: levels.${field}.${level}.${key} must be a number above 0 and at most 1.`);
          return value;
        };
        return [level, { m: probability('m'), u: probability('u') }];
      }),
    );
  }
  return policy as unknown as MatchPolicy;
}
