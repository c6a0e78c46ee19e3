/**
 * Small-group suppression over the whole table a campaign publishes. Respondents are counted in a
 * two-way table — org unit × role group — whose every group can be shown: a cell (one unit's managers),
 * a row or column total (a unit, a role group) or the grand total. A group is shown only when it holds
 * at least `k` respondents and no hidden group that holds anyone can be worked out from the shown ones:
 * the shown counts (and score sums, which add up the same way) give linear equations — each total is the
 * sum of its cells — and a hidden group is worked out exactly when its unit vector lies in the row space
 * of those equations over the hidden groups. Empty groups count as known (an attacker may know no
 * manager answered), which only ever hides more. While some hidden group is determined, the cheapest
 * cycle of groups through it is hidden as well (complementary suppression; see cheapestCycle).
 *
 * @example
 *   // Units A = {5, 3} and B = {10, 6} by role, k = 5: hiding A's 3 alone, or with A's 5 and B's 6, still
 *   // lets 9 − (16 − 10) give the 3; the rectangle A's 5, A's 3, B's 10, B's 6 is hidden instead.
 *   hiddenGroups({ rows: ['A', 'B'], columns: ['r1', 'r2'], count: ... }, 5)
 */

/** The group of a row value, a column value, both (a cell) or neither (everyone): null means "all". */
export interface Group {
  row: string | null;
  column: string | null;
}

export interface TwoWayTable {
  rows: readonly string[];
  columns: readonly string[];
  /** Respondents in a group. */
  count: (group: Group) => number;
}

export const groupKey = (g: Group) => JSON.stringify([g.row, g.column]);

function groupsOf(table: TwoWayTable): Group[] {
  const rows = [null, ...table.rows];
  const columns = [null, ...table.columns];
  return rows.flatMap((row) => columns.map((column) => ({ row, column })));
}

/** Every "total = sum of its parts" relation of the table, as the groups on each side. */
function equationsOf(table: TwoWayTable): { total: Group; parts: Group[] }[] {
  const equations = [];
  for (const row of [null, ...table.rows]) equations.push({ total: { row, column: null }, parts: table.columns.map((column) => ({ row, column })) });
  for (const column of [null, ...table.columns]) equations.push({ total: { row: null, column }, parts: table.rows.map((row) => ({ row, column })) });
  return equations;
}

const tolerance = 1e-9;

type Equation = { total: Group; parts: Group[] };

/**
 * What the shown figures fix about the hidden ones: the equations over the hidden groups, reduced once
 * (Gauss–Jordan), then asked whether a sum of hidden groups is fixed — whether its indicator vector lies
 * in their row space, i.e. reduces to nothing.
 */
function knowledgeOf(equations: Equation[], hidden: ReadonlySet<string>) {
  const variables = [...hidden];
  const index = new Map(variables.map((key, i) => [key, i]));
  const matrix: number[][] = [];
  for (const { total, parts } of equations) {
    const row = new Array<number>(variables.length).fill(0);
    const totalAt = index.get(groupKey(total));
    if (totalAt !== undefined) row[totalAt]! -= 1;
    for (const part of parts) {
      const at = index.get(groupKey(part));
      if (at !== undefined) row[at]! += 1;
    }
    if (row.some((x) => x !== 0)) matrix.push(row);
  }
  const pivots: { row: number[]; column: number }[] = [];
  let pivotRow = 0;
  for (let column = 0; column < variables.length && pivotRow < matrix.length; column++) {
    let best = pivotRow;
    for (let r = pivotRow + 1; r < matrix.length; r++) if (Math.abs(matrix[r]![column]!) > Math.abs(matrix[best]![column]!)) best = r;
    if (Math.abs(matrix[best]![column]!) < tolerance) continue;
    [matrix[pivotRow], matrix[best]] = [matrix[best]!, matrix[pivotRow]!];
    const pivot = matrix[pivotRow]!;
    const scale = pivot[column]!;
    for (let c = 0; c < pivot.length; c++) pivot[c]! /= scale;
    for (let r = 0; r < matrix.length; r++) {
      const factor = matrix[r]![column]!;
      if (r === pivotRow || Math.abs(factor) < tolerance) continue;
      const target = matrix[r]!;
      for (let c = 0; c < target.length; c++) target[c]! -= factor * pivot[c]!;
    }
    pivots.push({ row: pivot, column });
    pivotRow++;
  }
  return {
    /** Whether the sum of these groups is fixed by the shown figures (shown groups are known already). */
    isDetermined(keys: readonly string[]): boolean {
      const vector = new Array<number>(variables.length).fill(0);
      for (const key of keys) {
        const at = index.get(key);
        if (at !== undefined) vector[at]! += 1;
      }
      for (const { row, column } of pivots) {
        const factor = vector[column]!;
        if (Math.abs(factor) > tolerance) for (let c = 0; c < vector.length; c++) vector[c]! -= factor * row[c]!;
      }
      return vector.every((x) => Math.abs(x) < tolerance);
    },
    /**
     * One table of changes the shown figures cannot see (a random element of the null space, by group key):
     * random values for the free groups, the pivots following. A sum of groups it leaves at zero is, but
     * for a chance of nil, a sum the shown figures fix.
     */
    unseenChange(random: () => number): Map<string, number> {
      const values = new Array<number>(variables.length).fill(0);
      const pivotColumns = new Set(pivots.map((p) => p.column));
      for (let c = 0; c < variables.length; c++) if (!pivotColumns.has(c)) values[c] = 1 + random();
      for (const { row, column } of pivots) values[column] = -row.reduce((sum, x, c) => (c === column ? sum : sum + x * values[c]!), 0);
      return new Map(variables.map((key, i) => [key, values[i]!]));
    },
  };
}

/** A small seeded generator (mulberry32), so that the same table is always suppressed the same way. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A set of hidden cells holding fewer than k together whose sum the shown figures fix (5 staff shown in a
 * unit of 7 fixes its supervisor and manager together), or undefined. Such a set has fewer than k cells,
 * each holding someone; it is found meet-in-the-middle: every set of up to half that size keyed by its sum
 * under an unseen change, then pairs of sets whose sums cancel — each confirmed exactly.
 */
function smallFixedUnion(cells: string[], n: Map<string, number>, k: number, known: ReturnType<typeof knowledgeOf>): string[] | undefined {
  const change = known.unseenChange(seededRandom(cells.length + 1));
  const keyOf = (sum: number) => Math.round(sum * 1e6);
  const halves = new Map<number, { members: string[]; size: number }[]>();
  const largest = Math.ceil((k - 1) / 2);
  const sets: { members: string[]; size: number; sum: number }[] = [];
  const grow = (from: number, members: string[], size: number, sum: number) => {
    sets.push({ members, size, sum });
    if (members.length === largest) return;
    for (let i = from; i < cells.length; i++) {
      const size2 = size + n.get(cells[i]!)!;
      if (size2 < k) grow(i + 1, [...members, cells[i]!], size2, sum + change.get(cells[i]!)!);
    }
  };
  grow(0, [], 0, 0);
  for (const set of sets) halves.set(keyOf(set.sum), [...(halves.get(keyOf(set.sum)) ?? []), set]);
  for (const set of sets) {
    for (const other of halves.get(keyOf(-set.sum)) ?? []) {
      if (set.size + other.size >= k || other.members.some((m) => set.members.includes(m))) continue;
      const union = [...set.members, ...other.members];
      if (union.length > 0 && known.isDetermined(union)) return union.sort();
    }
  }
  return undefined;
}

/** What hiding a group costs the reader: the grand total last, totals before cells. */
function weightOf(g: Group, n: number): number {
  if (g.row === null && g.column === null) return n * 1000;
  return g.row === null || g.column === null ? n * 3 : n;
}

/**
 * The cheapest chain of groups that, hidden with `exposed`, closes a cycle through it. The table with its
 * totals is a bipartite graph — a node per row and per column, the totals as one more of each, a group as
 * the edge between its row and its column — and every cycle of hidden groups can shift by +t/−t around
 * itself without changing a shown figure (the signs work out since a cycle always crosses an even number
 * of totals), so no group on it can be solved for. Dijkstra over shown groups holding someone, hidden ones free.
 */
function cheapestCycle(groups: Group[], n: Map<string, number>, hidden: ReadonlySet<string>, exposed: Group, avoid: ReadonlySet<string> = new Set()): string[] {
  const node = { row: (r: string | null) => `r${JSON.stringify(r)}`, column: (c: string | null) => `c${JSON.stringify(c)}` };
  const edges = new Map<string, { to: string; key: string; cost: number }[]>();
  const link = (from: string, to: string, key: string, cost: number) => edges.set(from, [...(edges.get(from) ?? []), { to, key, cost }]);
  for (const g of groups) {
    const key = groupKey(g);
    if (key === groupKey(exposed) || n.get(key)! === 0 || avoid.has(key)) continue;
    const cost = hidden.has(key) ? 0 : weightOf(g, n.get(key)!);
    link(node.row(g.row), node.column(g.column), key, cost);
    link(node.column(g.column), node.row(g.row), key, cost);
  }
  const start = node.row(exposed.row);
  const goal = node.column(exposed.column);
  const distance = new Map([[start, 0]]);
  const via = new Map<string, { from: string; key: string }>();
  const done = new Set<string>();
  for (;;) {
    let current: string | undefined;
    for (const [at, d] of distance) if (!done.has(at) && (current === undefined || d < distance.get(current)!)) current = at;
    if (current === undefined) return [];
    if (current === goal) break;
    done.add(current);
    for (const edge of edges.get(current) ?? []) {
      const d = distance.get(current)! + edge.cost;
      if (d < (distance.get(edge.to) ?? Infinity)) {
        distance.set(edge.to, d);
        via.set(edge.to, { from: current, key: edge.key });
      }
    }
  }
  const path: string[] = [];
  for (let at = goal; at !== start; at = via.get(at)!.from) path.push(via.get(at)!.key);
  return path;
}

/**
 * Keys (`groupKey`) of the groups that must not be shown: those under `k`, and those hidden with them so
 * that no hidden group holding anyone can be solved for from the rest (while one can, the cheapest cycle
 * through it is hidden too).
 */
export function hiddenGroups(table: TwoWayTable, k: number): Set<string> {
  const groups = groupsOf(table);
  const n = new Map(groups.map((g) => [groupKey(g), table.count(g)]));
  const equations = equationsOf(table);
  const isSmall = (count: number) => count > 0 && count < k;
  // Only groups holding someone are unknowns; an empty group is treated as known.
  const hidden = new Set(groups.map(groupKey).filter((key) => isSmall(n.get(key)!)));
  for (;;) {
    const known = knowledgeOf(equations, hidden);
    const exposed = groups.find((g) => hidden.has(groupKey(g)) && known.isDetermined([groupKey(g)]));
    if (exposed) {
      const cycle = cheapestCycle(groups, n, hidden, exposed);
      // Each group holding anyone lies on the cycle of itself, its row's and its column's totals and the
      // grand total, so a cycle always exists; were none found, hiding nothing more would loop for ever.
      if (cycle.length === 0) throw new Error('no cycle closes through an exposed group');
      for (const key of cycle) hidden.add(key);
      continue;
    }
    // Any set of hidden cells is a group of people too (a unit's supervisor and manager together): where a
    // small one is fixed, a cycle through one of its cells that misses the others unfixes it.
    const cells = groups.filter((g) => g.row !== null && g.column !== null).map(groupKey);
    const union = smallFixedUnion(
      cells.filter((key) => hidden.has(key) && isSmall(n.get(key)!)),
      n,
      k,
      known,
    );
    if (!union) return hidden;
    const byKey = new Map(groups.map((g) => [groupKey(g), g]));
    const cycle = union
      .map((key) => cheapestCycle(groups, n, hidden, byKey.get(key)!, new Set(union.filter((other) => other !== key))))
      .find((c) => c.length > 0);
    if (!cycle) throw new Error('no cycle separates a fixed set of hidden cells');
    for (const key of cycle) hidden.add(key);
  }
}
