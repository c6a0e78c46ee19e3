import { describe, expect, it } from 'vitest';
import { liveMeasure, nextCheckInDue, percentInStatus, publishedStatus, rollUp, statusGraphic, tacticProgress } from './progress';

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

describe('published status and live measure', () => {
  const as = { asOf: '2025-11-01' as const, source: 'Reported by the tactic’s owner' };
  it('keeps the published words, percent, bar and circle as drawn, apart from any measure', () => {
    expect(publishedStatus({ ...as, statusText: '23% completed', percent: 23, barPercent: 25, circle: null })).toMatchObject({
      percent: 23,
      barPercent: 25,
      graphic: { kind: 'started', alt: 'Green circle filled to 23 percent: task under way' },
    });
    expect(publishedStatus({ ...as, statusText: '75% completed', percent: 75, barPercent: null, circle: null }).barPercent).toBe(75);
    // Words that do not say it, a circle that does.
    expect(publishedStatus({ ...as, statusText: 'Scheduled for early 2020.', percent: null, barPercent: null, circle: 'started' }).graphic).toEqual({
      kind: 'started',
      alt: 'Green circle indicating task has started',
    });
    expect(publishedStatus({ ...as, statusText: 'Scheduled for early 2020.', percent: null, barPercent: null, circle: null }).graphic.kind).toBe('not_started');
  });

  it('measures live only what data or milestones measure, with its date and source', () => {
    const today = '2026-12-01' as const;
    expect(liveMeasure({ ...base, source: 'manual', manualPercent: 80, metricLabel: null, today })).toBeNull();
    const metric = { value: 0.17, note: '17 of 100 insurers', computedOn: '2026-11-30' as const };
    expect(liveMeasure({ ...base, source: 'metric', metric, target: 1, metricLabel: 'Insurers reporting', today })).toEqual({
      percent: 17,
      basis: 'Live measure on 2026-11-30: 17 of 100 insurers (target 100%)',
      asOf: '2026-11-30',
      source: 'Insurers reporting',
    });
    expect(liveMeasure({ ...base, source: 'milestones', milestones: [{ weight: 1, isDone: true }], metricLabel: null, today })).toMatchObject({
      percent: 100,
      asOf: today,
      source: 'Weighted milestones',
    });
  });

  it('rolls up by the stated rule: the floor of the mean of the parts with a figure, saying how many had one', () => {
    expect(rollUp([75, 23])).toEqual({ percent: 49, counted: 2, of: 2 });
    expect(rollUp([null, 85, 62, null])).toEqual({ percent: 73, counted: 2, of: 4 });
    expect(rollUp([null, null])).toEqual({ percent: null, counted: 0, of: 2 });
    expect(rollUp([])).toEqual({ percent: null, counted: 0, of: 0 });
  });
});
