/**
 * Small-group suppression. A result is shown only for a group of at least `k` respondents, and never so
 * that a smaller group can be worked out by subtraction: where a partition of a shown total (the org
 * units of a campaign, the role groups of a unit) hides some cells, the hidden cells together must hold
 * none or at least `k` respondents — otherwise the smallest shown cells are hidden too (complementary
 * suppression), until they do.
 *
 * @example suppressedKeys([{ key: 'a', n: 40 }, { key: 'b', n: 12 }, { key: 'c', n: 3 }], 5) // Set { 'c', 'b' }
 */

export interface Cell {
  key: string;
  /** Respondents in the cell. */
  n: number;
}

export function suppressedKeys(cells: Cell[], k: number): Set<string> {
  const hidden = new Set<string>();
  let hiddenTotal = 0;
  for (const cell of cells) {
    if (cell.n > 0 && cell.n < k) {
      hidden.add(cell.key);
      hiddenTotal += cell.n;
    }
  }
  const shown = cells.filter((c) => c.n >= k).sort((a, b) => a.n - b.n || (a.key < b.key ? -1 : 1));
  for (const cell of shown) {
    if (hiddenTotal === 0 || hiddenTotal >= k) break;
    hidden.add(cell.key);
    hiddenTotal += cell.n;
  }
  return hidden;
}

/**
 * Whether a filtered group may be shown: it holds at least `k`, and for each filter, the group is not
 * hidden in the partition of the group without that filter (so that the rest cannot be subtracted).
 *
 * @param countOf respondents matching a filter (a map of dimension → value; an empty map is everyone)
 * @param valuesOf the values a dimension takes among the respondents
 */
export function isGroupShown(
  filter: Record<string, string>,
  k: number,
  countOf: (filter: Record<string, string>) => number,
  valuesOf: (dimension: string) => string[],
): boolean {
  if (countOf(filter) < k) return false;
  for (const dimension of Object.keys(filter)) {
    const parent = { ...filter };
    delete parent[dimension];
    const cells = valuesOf(dimension).map((value) => ({ key: value, n: countOf({ ...parent, [dimension]: value }) }));
    if (suppressedKeys(cells, k).has(filter[dimension]!)) return false;
  }
  return true;
}
