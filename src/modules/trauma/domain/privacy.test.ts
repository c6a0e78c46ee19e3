/**
 * Small-group suppression judged by brute force: for every small table tried, search the tables that agree
 * with what is shown (the shown groups, and which groups are empty) for another value of each hidden
 * group. A hidden group holding anyone that takes one value only has been worked out.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { groupKey, hiddenGroups, type Group } from './privacy';

type Cells = number[][];

const rowsOf = (cells: Cells) => cells.map((_, i) => `u${i}`);
const columnsOf = (cells: Cells) => cells[0]!.map((_, j) => `r${j}`);

function countIn(cells: Cells, g: Group): number {
  let n = 0;
  cells.forEach((row, i) => row.forEach((x, j) => (g.row === null || g.row === `u${i}`) && (g.column === null || g.column === `r${j}`) && (n += x)));
  return n;
}

function suppress(cells: Cells, k: number): Set<string> {
  return hiddenGroups({ rows: rowsOf(cells), columns: columnsOf(cells), count: (g) => countIn(cells, g) }, k);
}

function allGroups(cells: Cells): Group[] {
  return [null, ...rowsOf(cells)].flatMap((row) => [null, ...columnsOf(cells)].map((column) => ({ row, column })));
}

/**
 * The hidden groups holding someone that no other table agreeing with the shown figures moves. Other
 * tables are tried by brute force: every change of −1, 0 or +1 to each hidden cell that holds anyone
 * (empty cells are known, and a cell holding someone stays ≥ 0), kept when every shown group's count is
 * unchanged. A change found is a second table the reader cannot tell from the true one.
 */
function workedOut(cells: Cells, hidden: Set<string>, k: number): string[] {
  const groups = allGroups(cells);
  const shown = groups.filter((g) => !hidden.has(groupKey(g)) || countIn(cells, g) === 0);
  const free = cells
    .flatMap((row, i) => row.map((x, j) => ({ i, j, x })))
    .filter(({ i, j, x }) => x > 0 && hidden.has(groupKey({ row: `u${i}`, column: `r${j}` })));
  const moved = new Set<string>();
  const changes: number[][][] = [];
  for (let code = 1; code < 3 ** free.length; code++) {
    const change = cells.map((row) => row.map(() => 0));
    free.forEach(({ i, j }, at) => (change[i]![j] = (Math.floor(code / 3 ** at) % 3) - 1));
    if (!shown.every((g) => countIn(change, g) === 0)) continue;
    changes.push(change);
    for (const g of groups) if (countIn(change, g) !== 0) moved.add(groupKey(g));
  }
  const single = groups.filter((g) => hidden.has(groupKey(g)) && countIn(cells, g) > 0 && !moved.has(groupKey(g))).map(groupKey);
  // Any set of hidden cells is a group too (a unit's supervisor and manager together): one of fewer than
  // k that no change moves has been worked out.
  const unions = [];
  for (let subset = 1; subset < 2 ** free.length; subset++) {
    const members = free.filter((_, at) => (subset >> at) & 1);
    const size = members.reduce((sum, { x }) => sum + x, 0);
    if (size >= k) continue;
    if (!changes.some((change) => members.reduce((sum, { i, j }) => sum + change[i]![j]!, 0) !== 0))
      unions.push(members.map(({ i, j }) => `u${i}r${j}`).join('+'));
  }
  return [...single, ...unions];
}

describe('small-group suppression over a two-way table', () => {
  it('the issue case: units A = {5, 3} and B = {10, 6} by role — no subtraction reaches the 3', () => {
    const cells = [
      [5, 3],
      [10, 6],
    ];
    const hidden = suppress(cells, 5);
    expect(hidden.has(groupKey({ row: 'u0', column: 'r1' }))).toBe(true);
    expect(workedOut(cells, hidden, 5)).toEqual([]);
    // What a per-partition rule hid (A's cells, the role's 6) leaves B's 10 shown, and that solves the 3:
    const perPartition = new Set([groupKey({ row: 'u0', column: 'r0' }), groupKey({ row: 'u0', column: 'r1' }), groupKey({ row: 'u1', column: 'r1' })]);
    expect(workedOut(cells, perPartition, 5)).toContain(groupKey({ row: 'u0', column: 'r1' }));
  });

  it('hides nothing when every group is large, and a small unit of one role alone', () => {
    expect(
      suppress(
        [
          [12, 7],
          [30, 9],
        ],
        5,
      ).size,
    ).toBe(0);
    const hidden = suppress([[3], [40]], 5);
    expect(workedOut([[3], [40]], hidden, 5)).toEqual([]);
    expect(hidden.has(groupKey({ row: 'u0', column: null }))).toBe(true);
    // One unit of 7: 5 staff, a supervisor, a manager. Staff shown beside the unit would give the other two as one.
    const unit = suppress([[5, 1, 1]], 5);
    expect(workedOut([[5, 1, 1]], unit, 5)).toEqual([]);
    expect(unit.has(groupKey({ row: 'u0', column: 'r0' }))).toBe(true);
    expect(unit.has(groupKey({ row: 'u0', column: null }))).toBe(false);
  });

  it('no hidden group of any 2 × 2 table with cells 0–6 can be worked out (k = 5; 2,401 tables)', () => {
    let tables = 0;
    for (let code = 0; code < 7 ** 4; code++) {
      const d = [0, 1, 2, 3].map((p) => Math.floor(code / 7 ** p) % 7);
      const cells = [
        [d[0]!, d[1]!],
        [d[2]!, d[3]!],
      ];
      const hidden = suppress(cells, 5);
      expect(workedOut(cells, hidden, 5), JSON.stringify(cells)).toEqual([]);
      for (const g of allGroups(cells)) if (countIn(cells, g) > 0 && countIn(cells, g) < 5) expect(hidden.has(groupKey(g))).toBe(true);
      tables++;
    }
    expect(tables).toBe(2401);
  });

  it('nor of random tables of 1–3 rows by 1–3 columns (k = 3 and 5)', () => {
    const table = fc
      .tuple(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 3 }))
      .chain(([r, c]) => fc.array(fc.array(fc.integer({ min: 0, max: 7 }), { minLength: c, maxLength: c }), { minLength: r, maxLength: r }));
    fc.assert(
      fc.property(table, fc.constantFrom(3, 5), (cells, k) => {
        const hidden = suppress(cells, k);
        expect(workedOut(cells, hidden, k)).toEqual([]);
      }),
      { numRuns: 300, seed: 24 },
    );
  });
});
