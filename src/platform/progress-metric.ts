/**
 * The shape every module's progress metric takes for the strategic plan: a share (0–1) of something
 * counted, with what was counted, or no value and the reason — never an invented number.
 *
 * @example
 *   shareFromQuery(tx, sql`select count(*) filter (where …)::int as numerator, count(*)::int as denominator from …`,
 *     { key: 'liens.releases_on_time', label: '…', asOf, what: 'releases were on time', emptyNote: 'No lien was released.' })
 */
import type { SQL } from 'drizzle-orm';
import type { Tx } from './db/connect';
import { queryRows } from './db/rows';
import type { CalendarDate } from './dates';

export interface ProgressMetric {
  key: string;
  label: string;
  /** Null when there is nothing to count yet; `note` says why. */
  value: number | null;
  numerator: number;
  denominator: number;
  note: string;
  asOf: CalendarDate;
}

interface MetricMeta<Row> {
  key: string;
  label: string;
  asOf: CalendarDate;
  /** What the numerator counted, after "N of D": a text, or one made from the query's row. */
  what: string | ((row: Row) => string);
  emptyNote: string;
}

/** The metric of a counted share: no value (and the reason) when nothing was counted. */
export function shareMetric(numerator: number, denominator: number, meta: Omit<MetricMeta<never>, 'what'> & { what: string }): ProgressMetric {
  return {
    key: meta.key,
    label: meta.label,
    numerator,
    denominator,
    asOf: meta.asOf,
    value: denominator === 0 ? null : numerator / denominator,
    note: denominator === 0 ? meta.emptyNote : `${numerator} of ${denominator} ${meta.what}`,
  };
}

/** Runs a query returning `numerator` and `denominator` (and anything `what` needs) and makes the metric. */
export async function shareFromQuery<Row extends { numerator: number; denominator: number }>(
  tx: Tx,
  query: SQL,
  meta: MetricMeta<Row>,
): Promise<ProgressMetric> {
  const [found] = await queryRows<Row>(tx, query);
  const row = found ?? ({ numerator: 0, denominator: 0 } as Row);
  return shareMetric(row.numerator, row.denominator, { ...meta, what: typeof meta.what === 'function' ? meta.what(row) : meta.what });
}
