/**
 * Sorting by text in code-unit order (the order of PostgreSQL's "C" collation), for lists a service
 * assembles in memory.
 *
 * @example rows.sort((a, b) => compareText(a.county, b.county) || compareText(a.recordedOn, b.recordedOn));
 */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
