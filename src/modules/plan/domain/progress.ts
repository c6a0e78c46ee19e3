/**
 * A tactic's progress from its source — a percent an owner enters, weighted milestones, or a module's
 * live metric against a target — with the words and graphic that say it, and when its next check-in is
 * due. Pure: the service loads the inputs.
 *
 * @example tacticProgress({ source: 'metric', metric: { value: 0.6, note: '6 of 10' }, target: 0.8, … }) // { percent: 75, … }
 */
import { addDays, type CalendarDate } from '../../../platform/dates';

export const progressSources = ['manual', 'milestones', 'metric'] as const;
export type ProgressSource = (typeof progressSources)[number];

export interface ProgressInput {
  source: ProgressSource;
  /** The percent last entered by the owner (null for a text-only status). */
  manualPercent: number | null;
  milestones: { weight: number; isDone: boolean }[];
  /** The metric's latest stored value; null when it was never computed. */
  metric: { value: number | null; note: string; computedOn: CalendarDate } | null;
  /** The share (0–1) that counts as 100%. */
  target: number | null;
}

export interface Progress {
  percent: number | null;
  /** Where the percent comes from, in words (shown under the bar). */
  basis: string;
}

/**
 * The department's status as it published it: the words, the percent they state, the bar it drew (the
 * trauma-informed card drew 25% beside "23% completed") and the circle, with the date and who reported it.
 */
export interface PublishedStatus {
  statusText: string;
  percent: number | null;
  barPercent: number | null;
  graphic: { kind: StatusKind; alt: string };
  asOf: CalendarDate | null;
  source: string;
}

export function publishedStatus(input: {
  statusText: string;
  percent: number | null;
  barPercent: number | null;
  /** The circle as drawn, where the words do not say it (the core curriculum card: started, "Scheduled for early 2020."). */
  circle: StatusKind | null;
  asOf: CalendarDate | null;
  source: string;
}): PublishedStatus {
  const { circle, ...status } = input;
  const graphic =
    circle === null
      ? statusGraphic(input.percent, input.statusText)
      : statusGraphic(circle === 'complete' ? 100 : circle === 'started' ? input.percent : null, circle === 'started' ? 'started' : '');
  return { ...status, barPercent: input.barPercent ?? input.percent, graphic };
}

/** What Concord measures of a tactic from the modules' data (or its milestones), with the date and source; null for a tactic only its owner reports. */
export interface LiveMeasure {
  percent: number | null;
  basis: string;
  asOf: CalendarDate | null;
  source: string;
}

export function liveMeasure(input: ProgressInput & { metricLabel: string | null; today: CalendarDate }): LiveMeasure | null {
  if (input.source === 'manual') return null;
  const { percent, basis } = tacticProgress(input);
  if (input.source === 'milestones') return { percent, basis, asOf: input.today, source: 'Weighted milestones' };
  return { percent, basis, asOf: input.metric?.computedOn ?? null, source: input.metricLabel ?? 'Live measure' };
}

/** A roll-up of tactics to an objective, or of objectives to a goal. */
export interface RollUp {
  percent: number | null;
  /** How many of the parts have a figure, of how many. */
  counted: number;
  of: number;
}

/**
 * [Policy] The stated roll-up rule: an objective's figure is the unweighted mean of its tactics' figures,
 * and a goal's the unweighted mean of its objectives' — each over the parts that have a figure (a
 * text-only status or a measure not yet computed is left out, and the count says so), rounded down so
 * that a roll-up never claims more than its parts. Published status and live measure roll up separately.
 */
export function rollUp(percents: readonly (number | null)[]): RollUp {
  const known = percents.filter((p): p is number => p !== null);
  return {
    percent: known.length === 0 ? null : Math.floor(known.reduce((a, b) => a + b, 0) / known.length),
    counted: known.length,
    of: percents.length,
  };
}

export function tacticProgress(input: ProgressInput): Progress {
  switch (input.source) {
    case 'manual':
      return { percent: input.manualPercent, basis: input.manualPercent === null ? 'Reported by the owner (no percent yet)' : 'Reported by the owner' };
    case 'milestones': {
      const total = input.milestones.reduce((sum, m) => sum + m.weight, 0);
      if (total === 0) return { percent: null, basis: 'No milestones yet' };
      const done = input.milestones.filter((m) => m.isDone).reduce((sum, m) => sum + m.weight, 0);
      return { percent: Math.floor((100 * done) / total), basis: `Milestones: ${done} of ${total} weighted points done` };
    }
    case 'metric': {
      if (input.metric === null) return { percent: null, basis: 'Live measure not computed yet' };
      if (input.metric.value === null) return { percent: null, basis: `Live measure not available yet: ${input.metric.note}` };
      const target = input.target && input.target > 0 ? input.target : 1;
      const percent = Math.min(100, Math.round((100 * input.metric.value) / target));
      return { percent, basis: `Live measure on ${input.metric.computedOn}: ${input.metric.note} (target ${Math.round(target * 100)}%)` };
    }
  }
}

export type StatusKind = 'not_started' | 'started' | 'complete';

/** The status graphic and its text alternative (the published cards use alt text on theirs). */
export function statusGraphic(percent: number | null, statusText: string): { kind: StatusKind; alt: string } {
  if (percent !== null && percent >= 100) return { kind: 'complete', alt: 'Full green circle: task complete' };
  if (percent !== null && percent > 0) return { kind: 'started', alt: `Green circle filled to ${percent} percent: task under way` };
  if (!/not (yet )?(started|begun)/i.test(statusText) && /begun|began|started|under ?way|in progress/i.test(statusText))
    return { kind: 'started', alt: 'Green circle indicating task has started' };
  return { kind: 'not_started', alt: 'Grey circle: not started yet' };
}

/** The percent a status text states ("75% completed" → 75), or null. */
export function percentInStatus(statusText: string): number | null {
  const match = /(\d{1,3})\s*%/.exec(statusText);
  return match ? Math.min(100, Number(match[1])) : null;
}

/** The next check-in: the interval after the last one (or after the tactic was set up). */
export function nextCheckInDue(lastCheckInOn: CalendarDate | null, since: CalendarDate, everyDays: number): string {
  return addDays(lastCheckInOn ?? since, everyDays);
}
