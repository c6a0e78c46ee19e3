import { describe, expect, it } from 'vitest';
import { concordInstrument } from './concord-instrument';
import { familiesInstrument } from './families-instrument';
import { domainIds, principleIds } from './framework';
import { answerProblems, instrumentProblems, type Instrument } from './instrument';
import { percentComplete, planProgress } from './plan';
import { stageOf, traumaPolicyOn } from './policy';
import { groupResults, type Response } from './results';
import { cronbachAlpha, groupScores, itemValue, respondentScores } from './scoring';

const policy = traumaPolicyOn('2026-11-24');

/** A small instrument: two subscales of two items, one reversed, on 1–5. */
const tiny: Instrument = {
  ...concordInstrument,
  code: 'TINY',
  subscales: [
    { id: 'a', title: { en: 'A', es: 'A' } },
    { id: 'b', title: { en: 'B', es: 'B' } },
  ],
  items: [
    { id: 'a1', text: { en: 'a1', es: 'a1' }, subscale: 'a', principle: 'safety', domain: 'policy', isReversed: false, allowsNotApplicable: true },
    { id: 'a2', text: { en: 'a2', es: 'a2' }, subscale: 'a', principle: 'safety', domain: 'policy', isReversed: true, allowsNotApplicable: true },
    { id: 'b1', text: { en: 'b1', es: 'b1' }, subscale: 'b', principle: 'peer_support', domain: 'workforce', isReversed: false, allowsNotApplicable: false },
    { id: 'b2', text: { en: 'b2', es: 'b2' }, subscale: 'b', principle: 'peer_support', domain: 'workforce', isReversed: false, allowsNotApplicable: true },
  ],
};

describe('the Concord instrument (written in our words, mapped to SAMHSA)', () => {
  it('is valid, covers every principle and every implementation domain, and has Spanish for every text', () => {
    expect(instrumentProblems(concordInstrument)).toEqual([]);
    expect(new Set(concordInstrument.items.map((i) => i.principle))).toEqual(new Set(principleIds));
    expect(new Set(concordInstrument.items.map((i) => i.domain))).toEqual(new Set(domainIds));
    for (const item of concordInstrument.items) expect(item.text.es).not.toBe(item.text.en);
    expect(concordInstrument.items.filter((i) => i.isReversed).length).toBeGreaterThan(0);
  });

  it("has a families' companion: valid, every principle, Spanish for every text, its own code", () => {
    expect(instrumentProblems(familiesInstrument)).toEqual([]);
    expect(new Set(familiesInstrument.items.map((i) => i.principle))).toEqual(new Set(principleIds));
    for (const item of familiesInstrument.items) expect(item.text.es).not.toBe(item.text.en);
    expect(familiesInstrument.code).not.toBe(concordInstrument.code);
  });

  it('names the path of every problem in a licensed instrument loaded as configuration', () => {
    const broken: Instrument = {
      ...tiny,
      scale: { ...tiny.scale, labels: tiny.scale.labels.slice(0, 4) },
      defaultTarget: 9,
      items: [...tiny.items, { ...tiny.items[0]!, subscale: 'zz', principle: 'kindness', domain: 'weather' }],
    };
    expect(instrumentProblems(broken).map((p) => p.path)).toEqual([
      '/scale/labels',
      '/defaultTarget',
      '/items/4/id',
      '/items/4/subscale',
      '/items/4/principle',
      '/items/4/domain',
    ]);
  });

  it('refuses answers off the scale, to unknown items, and "does not apply" where the item does not allow it', () => {
    expect(answerProblems(tiny, { a1: 6, zz: 3, b1: null, b2: null }).map((p) => p.path)).toEqual(['/answers/a1', '/answers/zz', '/answers/b1']);
    expect(answerProblems(tiny, { a1: 1, a2: 5, b1: 3, b2: null })).toEqual([]);
  });
});

describe('scoring (mean of answered items, reversed items, N/A as missing, minimum answered share)', () => {
  it('reverses a reversed item: min + max − point', () => {
    expect(itemValue(tiny, tiny.items[1]!, { a2: 5 })).toBe(1);
    expect(itemValue(tiny, tiny.items[1]!, { a2: 2 })).toBe(4);
    expect(itemValue(tiny, tiny.items[0]!, { a1: null })).toBeUndefined();
  });

  it('scores a scale only when at least 75% of its items are answered', () => {
    const scores = respondentScores(tiny, { a1: 4, a2: 2, b1: 5, b2: null }, (i) => i.subscale);
    expect(scores.get('a')).toBe(4); // 4 and reversed 2 → 4
    expect(scores.has('b')).toBe(false); // 1 of 2 answered = 50%
    const overall = respondentScores(tiny, { a1: 4, a2: 2, b1: 5, b2: null }, () => 'all');
    expect(overall.get('all')).toBeCloseTo(13 / 3); // 3 of 4 = 75%: scored
  });

  it('averages respondents, counting those with a score', () => {
    const scores = groupScores(
      tiny,
      [
        { a1: 5, a2: 1, b1: 1, b2: 1 },
        { a1: 3, a2: 3, b1: 2, b2: null },
        { a1: 1, a2: 5 },
      ],
      (i) => i.subscale,
    );
    expect(scores.get('a')).toEqual({ mean: 3, n: 3 });
    expect(scores.get('b')).toEqual({ mean: 1, n: 1 });
  });

  it("computes Cronbach's alpha from complete answers", () => {
    const items = [tiny.items[0]!, tiny.items[2]!];
    expect(
      cronbachAlpha(
        tiny,
        items,
        [1, 2, 3].map((v) => ({ a1: v, b1: v })),
      ),
    ).toBeCloseTo(1);
    expect(
      cronbachAlpha(
        tiny,
        items,
        [
          [1, 2],
          [2, 1],
          [3, 4],
          [4, 3],
        ].map(([a, b]) => ({ a1: a!, b1: b! })),
      ),
    ).toBeCloseTo(0.75);
    expect(cronbachAlpha(tiny, items, [{ a1: 1, b1: 2 }, { a1: 2 }])).toBeNull();
  });
});

function answersAt(level: number): Record<string, number> {
  return Object.fromEntries(concordInstrument.items.map((i) => [i.id, i.isReversed ? 6 - level : level]));
}

describe('group results', () => {
  const options = {
    k: 5,
    target: 4,
    policy,
    unitNames: new Map([
      ['x', 'Unit X'],
      ['y', 'Unit Y'],
      ['z', 'Unit Z'],
    ]),
    visibleUnits: null,
  };
  const responses: Response[] = [
    ...Array.from({ length: 6 }, () => ({ orgUnitId: 'x', roleGroup: 'staff' as const, answers: answersAt(3) })),
    ...Array.from({ length: 6 }, () => ({ orgUnitId: 'y', roleGroup: 'staff' as const, answers: answersAt(2) })),
    ...Array.from({ length: 2 }, () => ({ orgUnitId: 'z', roleGroup: 'manager' as const, answers: answersAt(5) })),
  ];

  it('shows a group at or above the threshold, with a stage, ranked gaps and the heat map suppressed where small', () => {
    const all = groupResults(concordInstrument, responses, {}, options);
    expect(all.respondents).toBe(14);
    expect(all.overall).toBeCloseTo((6 * 3 + 6 * 2 + 2 * 5) / 14, 2);
    expect(all.stage).toBe('trauma_sensitive'); // 2.86 on 1–5 = 0.46 of the scale
    expect(all.gaps[0]).toMatchObject({ rank: 1, target: 4 });
    expect(all.gaps.every((g, i) => i === 0 || g.gap <= all.gaps[i - 1]!.gap)).toBe(true);
    const rows = Object.fromEntries(all.heatMap.map((r) => [r.orgUnitId, r]));
    // z has 2: hidden; x (6) and y (6) are the smallest shown, so x is hidden too (2 + 6 ≥ 5).
    expect(rows.z!.isSuppressed).toBe(true);
    expect(rows.z!.cells.every((c) => c.score === null)).toBe(true);
    expect([rows.x!.isSuppressed, rows.y!.isSuppressed].filter(Boolean)).toHaveLength(1);
    expect(JSON.stringify(all.heatMap)).not.toContain('"score":5');
  });

  it('shows nothing for a group under the threshold, not even its size', () => {
    const z = groupResults(concordInstrument, responses, { orgUnitId: 'z' }, options);
    expect(z).toMatchObject({ respondents: null, isSuppressed: true, overall: null, stage: null, gaps: [] });
    expect(z.domains.every((d) => d.score === null && d.isSuppressed)).toBe(true);
    const managers = groupResults(concordInstrument, responses, { roleGroup: 'manager' }, options);
    expect(managers.isSuppressed).toBe(true);
    // Everyone but the managers is 12, but "staff" would reveal the 2 managers by subtraction from everyone: hidden.
    expect(groupResults(concordInstrument, responses, { roleGroup: 'staff' }, options).isSuppressed).toBe(true);
  });

  it('suppresses one measure where too few respondents answered it (the rest "does not apply")', () => {
    const some = responses.map((r, i) => (r.orgUnitId === 'x' && i < 1 ? r : { ...r, answers: { ...r.answers, 'fin-1': null, 'fin-2': null } }));
    const x = groupResults(concordInstrument, some, { orgUnitId: 'x' }, { ...options, k: 2 });
    expect(x.isSuppressed).toBe(false);
    expect(x.domains.find((d) => d.id === 'financing')).toMatchObject({ score: null, isSuppressed: true });
    expect(x.domains.find((d) => d.id === 'policy')!.score).toBe(3);
  });

  it('places scores on the Missouri stages by the policy cut points', () => {
    expect(stageOf(0.2, policy)).toBe('trauma_aware');
    expect(stageOf(0.5, policy)).toBe('trauma_sensitive');
    expect(stageOf(0.7, policy)).toBe('trauma_responsive');
    expect(stageOf(0.8, policy)).toBe('trauma_informed');
  });
});

describe('action plan progress', () => {
  it('is the share of actions done, deferred ones left out', () => {
    expect(percentComplete([{ status: 'done' }, { status: 'in_progress' }, { status: 'deferred' }])).toBe(50);
    expect(percentComplete([...Array(3).fill({ status: 'done' }), ...Array(10).fill({ status: 'planned' })])).toBe(23);
    expect(percentComplete([])).toBe(0);
    expect(planProgress([{ status: 'done' }, { status: 'in_progress' }, { status: 'deferred' }])).toEqual({ percentComplete: 50, done: 1, total: 2 });
  });
});
