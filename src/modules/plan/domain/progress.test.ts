import { describe, expect, it } from 'vitest';
import { nextCheckInDue, percentInStatus, statusGraphic, tacticProgress } from './progress';

const base = { manualPercent: null, milestones: [], metric: null, target: null };

describe('tactic progress by source', () => {
  it('takes the owner’s percent for a manual tactic, or none for a text-only status', () => {
    expect(tacticProgress({ ...base, source: 'manual', manualPercent: 65 })).toEqual({ percent: 65, basis: 'Reported by the owner' });
    expect(tacticProgress({ ...base, source: 'manual' }).percent).toBeNull();
  });

  it('weights milestones', () => {
    const progress = tacticProgress({
      ...base,
      source: 'milestones',
      milestones: [
        { weight: 1, isDone: true },
        { weight: 3, isDone: false },
        { weight: 2, isDone: true },
      ],
    });
    expect(progress).toEqual({ percent: 50, basis: 'Milestones: 3 of 6 weighted points done' });
    expect(tacticProgress({ ...base, source: 'milestones' }).percent).toBeNull();
  });

  it('scales a live metric to its target and caps at 100, and says so when the metric has no value', () => {
    const metric = { value: 0.6, note: '6 of 10 insurers reported', computedOn: '2026-11-24' } as const;
    expect(tacticProgress({ ...base, source: 'metric', metric, target: 0.8 }).percent).toBe(75);
    expect(tacticProgress({ ...base, source: 'metric', metric: { ...metric, value: 0.95 }, target: 0.8 }).percent).toBe(100);
    expect(tacticProgress({ ...base, source: 'metric', metric, target: null }).percent).toBe(60);
    const missing = tacticProgress({ ...base, source: 'metric', metric: { value: null, note: 'No lien was released', computedOn: '2026-11-24' }, target: 1 });
    expect(missing).toEqual({ percent: null, basis: 'Live measure not available yet: No lien was released' });
    expect(tacticProgress({ ...base, source: 'metric', target: 1 }).basis).toBe('Live measure not computed yet');
  });
});

describe('status words and graphics', () => {
  it('reads the percent a published status states', () => {
    expect(percentInStatus('75% completed')).toBe(75);
    expect(percentInStatus('Green circle23% completed')).toBe(23);
    expect(percentInStatus('Scheduled for early 2020.')).toBeNull();
  });

  it('gives every status graphic a text alternative', () => {
    expect(statusGraphic(null, 'Tasks begun in 2019.')).toEqual({ kind: 'started', alt: 'Green circle indicating task has started' });
    expect(statusGraphic(null, 'Scheduled for early 2020.').kind).toBe('not_started');
    expect(statusGraphic(null, 'Not started.').kind).toBe('not_started');
    expect(statusGraphic(null, 'Not yet begun').kind).toBe('not_started');
    expect(statusGraphic(23, '23% completed').alt).toBe('Green circle filled to 23 percent: task under way');
    expect(statusGraphic(100, 'Done').kind).toBe('complete');
  });

  it('puts the next check-in one interval after the last', () => {
    expect(nextCheckInDue('2026-09-01', '2026-01-01', 90)).toBe('2026-11-30');
    expect(nextCheckInDue(null, '2026-01-01', 30)).toBe('2026-01-31');
  });
});
