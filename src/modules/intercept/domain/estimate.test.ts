import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { syntheticPopulation } from '../synthetic';
import {
  defaultEstimateSize,
  estimateFromCounts,
  estimatePolicy,
  estimateReport,
  pairCounts,
  randomPerClaim,
  readSavedWeights,
  savedWeights,
} from './estimate';
import { defaultMatchPolicy, matchClaimant, ObligorIndex, prepareClaimant, prepareObligor } from './match';
import { nicknameIndex } from './names';
import { digitKeys } from './ssn';

const nicknames = nicknameIndex(fs.readFileSync('data/reference/nicknames.csv', 'utf8'));
const { obligors, claimants } = syntheticPopulation({ obligors: 6_000, claimants: 6_000, seed: 8, errors: 'febrl' });
const index = new ObligorIndex(obligors.map(prepareObligor(digitKeys)));
const prepared = claimants.map((c) => prepareClaimant(c, digitKeys));
const weight = (policy: typeof defaultMatchPolicy, field: 'ssn' | 'dateOfBirth' | 'address', level: string) => {
  const { m, u } = (policy[field] as Record<string, { m: number; u: number }>)[level]!;
  return Math.log2(m / u);
};

describe('Fellegi–Sunter parameters estimated from the files', () => {
  const estimate = estimatePolicy(index, prepared, defaultMatchPolicy, nicknames);

  it('converges, and finds the levels in the order the errors make them: the closer the agreement, the more it weighs', () => {
    expect(estimate).toMatchObject({ isEstimated: true, converged: true });
    expect(estimate.rules.map((r) => r.rule)).toEqual(['ssn', 'names']);
    const ssn = ['exact', 'one_digit', 'three_digits', 'different'].map((level) => weight(estimate.policy, 'ssn', level));
    expect(ssn).toEqual([...ssn].sort((a, b) => b - a));
    const dob = ['exact', 'one_digit', 'same_year', 'different'].map((level) => weight(estimate.policy, 'dateOfBirth', level));
    expect(dob).toEqual([...dob].sort((a, b) => b - a));
    expect(weight(estimate.policy, 'ssn', 'different')).toBeLessThan(0);
    // The generator moves a fifth of its claimants at most: a different address is weak evidence, not strong.
    expect(weight(estimate.policy, 'address', 'different')).toBeGreaterThan(-4);
    // m sums to one over each field's levels; u likewise.
    for (const field of ['ssn', 'lastName', 'firstName', 'dateOfBirth', 'address'] as const) {
      const levels = Object.values(estimate.policy[field] as Record<string, { m: number; u: number }>);
      expect(levels.reduce((sum, l) => sum + l.m, 0)).toBeCloseTo(1, 6);
      expect(levels.reduce((sum, l) => sum + l.u, 0)).toBeCloseTo(1, 6);
    }
    expect(estimateReport(estimate)).toContain('rule ssn (ssn left out)');
  });

  it('matches the corrupted claims at least as well as the priors it started from', () => {
    const recall = (policy: typeof defaultMatchPolicy) =>
      claimants.filter((c, i) => {
        const result = matchClaimant(index, prepared[i]!, policy, nicknames);
        return result.outcome === 'match' && result.best!.obligorId === c.trueObligorId;
      }).length;
    const falseMatches = (policy: typeof defaultMatchPolicy) =>
      claimants.filter((c, i) => {
        const result = matchClaimant(index, prepared[i]!, policy, nicknames);
        return result.outcome === 'match' && result.best!.obligorId !== c.trueObligorId;
      }).length;
    expect(recall(estimate.policy)).toBeGreaterThanOrEqual(recall(defaultMatchPolicy));
    expect(falseMatches(estimate.policy)).toBeLessThanOrEqual(2);
  });

  it('finds the same parameters however the sample is shared among threads', () => {
    const sample = prepared.slice(0, defaultEstimateSize.claims).map((claimant, i) => ({ claimant, seed: i + 1 }));
    const whole = estimateFromCounts([pairCounts(index, sample, defaultMatchPolicy, nicknames, randomPerClaim(defaultEstimateSize))], defaultMatchPolicy);
    const halves = [sample.slice(0, 1_234), sample.slice(1_234)].map((part) =>
      pairCounts(index, part, defaultMatchPolicy, nicknames, randomPerClaim(defaultEstimateSize)),
    );
    expect(estimateFromCounts(halves, defaultMatchPolicy).policy).toEqual(whole.policy);
    expect(whole.policy).toEqual(estimate.policy);
  });

  it('keeps the prior, and says so, when the files are too small to estimate from', () => {
    const few = new ObligorIndex(obligors.slice(0, 500).map(prepareObligor(digitKeys)));
    const small = estimatePolicy(few, prepared.slice(0, 500), defaultMatchPolicy, nicknames);
    expect(small).toMatchObject({ isEstimated: false, policy: defaultMatchPolicy });
    expect(estimateReport(small)).toContain('too little to estimate from');
  });

  it('saves the parameters and reads them back, and names the file and the value of a bad one', () => {
    const text = savedWeights(estimate.policy);
    const thresholds = { ...defaultMatchPolicy, matchThreshold: 30 };
    const read = readSavedWeights(text, 'w.json', thresholds);
    expect(read).toEqual({ ...estimate.policy, matchThreshold: 30 });
    const saved = JSON.parse(text);
    saved.levels.ssn.exact.u = 0;
    expect(() => readSavedWeights(JSON.stringify(saved), 'w.json', defaultMatchPolicy)).toThrow(
      'w.json: levels.ssn.exact.u must be a number above 0 and at most 1.',
    );
    delete saved.levels.address;
    expect(() => readSavedWeights(JSON.stringify({ ...saved, levels: { ...saved.levels, ssn: estimate.policy.ssn } }), 'w.json', defaultMatchPolicy)).toThrow(
      'w.json: levels.address.same.m must be',
    );
    expect(() => readSavedWeights('{"format":"other"}', 'w.json', defaultMatchPolicy)).toThrow('w.json: format must be "concord-match-weights/1".');
    expect(() => readSavedWeights('not json', 'w.json', defaultMatchPolicy)).toThrow('w.json: not JSON');
  });
});
