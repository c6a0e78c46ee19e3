/**
 * Scoring (the convention the domain page gives as the default): each item's point, reversed where the
 * item says so (min + max − point); "does not apply" and unanswered items are missing; a scale score is
 * the mean of the answered items, computed only when at least the instrument's minimum share of the
 * scale's items is answered. Group scores are the mean of the respondents' scale scores. Cronbach's
 * alpha for each subscale is computed over the respondents who answered all its items.
 *
 * @example respondentScores(instrument, answers, (item) => item.domain) // Map { 'policy' → 3.67, … }
 */
import type { Instrument, InstrumentItem } from './instrument';

export type Answers = Record<string, number | null>;

/** An item's scored value (reversed when the item says so), or undefined when missing. */
export function itemValue(instrument: Instrument, item: InstrumentItem, answers: Answers): number | undefined {
  const raw = answers[item.id];
  if (raw === undefined || raw === null) return undefined;
  return item.isReversed ? instrument.scale.min + instrument.scale.max - raw : raw;
}

/** One respondent's score on every scale that `groupOf` forms from the items (subscale, principle, domain, or one overall). */
export function respondentScores(instrument: Instrument, answers: Answers, groupOf: (item: InstrumentItem) => string): Map<string, number> {
  const groups = new Map<string, { sum: number; answered: number; items: number }>();
  for (const item of instrument.items) {
    const key = groupOf(item);
    const group = groups.get(key) ?? { sum: 0, answered: 0, items: 0 };
    group.items += 1;
    const value = itemValue(instrument, item, answers);
    if (value !== undefined) {
      group.sum += value;
      group.answered += 1;
    }
    groups.set(key, group);
  }
  const scores = new Map<string, number>();
  for (const [key, g] of groups) if (g.answered > 0 && g.answered / g.items >= instrument.minAnsweredShare) scores.set(key, g.sum / g.answered);
  return scores;
}

export interface GroupScore {
  mean: number;
  /** Respondents with a score on this scale. */
  n: number;
}

/** Mean of respondents' scores per scale, with how many respondents had one. */
export function groupScores(instrument: Instrument, responses: Answers[], groupOf: (item: InstrumentItem) => string): Map<string, GroupScore> {
  const totals = new Map<string, { sum: number; n: number }>();
  for (const answers of responses) {
    for (const [key, score] of respondentScores(instrument, answers, groupOf)) {
      const t = totals.get(key) ?? { sum: 0, n: 0 };
      t.sum += score;
      t.n += 1;
      totals.set(key, t);
    }
  }
  return new Map([...totals].map(([key, t]) => [key, { mean: t.sum / t.n, n: t.n }]));
}

function variance(values: number[]): number {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  return values.reduce((sum, v) => sum + (v - mean) ** 2, 0) / (values.length - 1);
}

/**
 * Cronbach's alpha of a set of items over complete answers: k/(k−1) × (1 − Σ item variances / variance of
 * the totals). Null with fewer than two items, fewer than three complete respondents, or no variance.
 */
export function cronbachAlpha(instrument: Instrument, items: InstrumentItem[], responses: Answers[]): number | null {
  if (items.length < 2) return null;
  const complete: number[][] = [];
  for (const answers of responses) {
    const values = items.map((item) => itemValue(instrument, item, answers));
    if (values.every((v) => v !== undefined)) complete.push(values as number[]);
  }
  if (complete.length < 3) return null;
  const totalVariance = variance(complete.map((row) => row.reduce((a, b) => a + b, 0)));
  if (totalVariance === 0) return null;
  const itemVariances = items.reduce((sum, _item, i) => sum + variance(complete.map((row) => row[i]!)), 0);
  const k = items.length;
  return (k / (k - 1)) * (1 - itemVariances / totalVariance);
}

/** Where a score sits between the scale's lowest and highest point, 0–1: comparable across instruments. */
export function positionOnScale(instrument: Pick<Instrument, 'scale'>, score: number): number {
  return (score - instrument.scale.min) / (instrument.scale.max - instrument.scale.min);
}
