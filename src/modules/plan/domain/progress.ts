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
