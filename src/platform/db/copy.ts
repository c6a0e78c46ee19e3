/**
 * Moves a Concord database to another one (`concord db copy --to postgres://…`): every row of every
 * table, as it is, so that a county that started on the embedded database can leave it for a PostgreSQL
 * server without losing anything — the audit chain included (its rows and seals are copied byte for
 * byte, so it still verifies), and the sequences set where the source left them. The target must be
 * empty: it is brought to the same migrations, filled in one transaction (a failure leaves it empty,
 * so the copy can simply be run again), and each table's row count is checked against the source's.
 *
 * @example const report = await copyDatabase(source, target, progress);
 */
import { sql, type SQL } from 'drizzle-orm';
import type { ProgressReporter } from '../module';
import { AppError } from '../errors';
import type { Database, Db, Tx } from './connect';
import { migrateDatabase } from './migrate';
import { queryRows } from './rows';
import { inTransaction } from './transaction';

export interface CopyReport {
  /** Each table with the rows copied, in the order they were copied (a table after the tables it refers to). */
  tables: { name: string; rows: number }[];
  rows: number;
}

/** Rows read and written at a time: a batch is one parameter of JSON, well under a megabyte for most tables. */
const batchRows = 2_000;

/** Concord's tables (partitions are reached through their parent), with their columns in order. */
async function tablesOf(db: Db): Promise<Map<string, string[]>> {
  const rows = await queryRows<{ table: string; column: string }>(
    db,
    sql`select c.relname as "table", a.attname as "column"
        from pg_class c join pg_namespace n on n.oid = c.relnamespace join pg_attribute a on a.attrelid = c.oid
        where n.nspname = 'public' and c.relkind in ('r', 'p') and not c.relispartition and a.attnum > 0 and not a.attisdropped and a.attgenerated = ''
        order by c.relname, a.attnum`,
  );
  const tables = new Map<string, string[]>();
  for (const { table, column } of rows) tables.set(table, [...(tables.get(table) ?? []), column]);
  return tables;
}

/** The tables in an order where each comes after every table its foreign keys point to (a table's references to itself aside). */
async function copyOrder(db: Db, tables: string[]): Promise<string[]> {
  const references = await queryRows<{ child: string; parent: string }>(
    db,
    sql`select child.relname as child, parent.relname as parent
        from pg_constraint k join pg_class child on child.oid = k.conrelid join pg_class parent on parent.oid = k.confrelid
        join pg_namespace n on n.oid = child.relnamespace
        where k.contype = 'f' and n.nspname = 'public'`,
  );
  const parents = new Map(tables.map((t) => [t, new Set<string>()]));
  for (const { child, parent } of references) if (child !== parent) parents.get(child)?.add(parent);
  const ordered: string[] = [];
  const placed = new Set<string>();
  const place = (table: string, path: string[]) => {
    if (placed.has(table)) return;
    if (path.includes(table)) throw new Error(`Tables refer to each other in a cycle: ${[...path, table].join(' → ')}.`);
    for (const parent of [...(parents.get(table) ?? [])].sort()) place(parent, [...path, table]);
    placed.add(table);
    ordered.push(table);
  };
  for (const table of [...tables].sort()) place(table, []);
  return ordered;
}

async function rowCount(db: Db, table: string): Promise<number> {
  const [row] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from ${sql.identifier(table)}`);
  return row!.n;
}

/** The tables of the target that already hold rows (a copy goes only into an empty database). */
async function tablesWithRows(db: Db): Promise<string[]> {
  const found: string[] = [];
  for (const table of (await tablesOf(db)).keys()) {
    const [row] = await queryRows<{ any: boolean }>(db, sql`select exists (select 1 from ${sql.identifier(table)}) as any`);
    if (row!.any) found.push(table);
  }
  return found;
}

/** Every sequence of the schema with where it stands. */
async function sequencesOf(db: Db): Promise<{ name: string; lastValue: string; isCalled: boolean }[]> {
  const names = await queryRows<{ name: string }>(
    db,
    sql`select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = 'public' and c.relkind = 'S' order by 1`,
  );
  const sequences = [];
  for (const { name } of names) {
    const [state] = await queryRows<{ last_value: string; is_called: boolean }>(db, sql`select last_value::text, is_called from ${sql.identifier(name)}`);
    sequences.push({ name, lastValue: state!.last_value, isCalled: state!.is_called });
  }
  return sequences;
}

/** Reads a table a batch at a time through a cursor (a table of millions of rows is never held whole). */
async function eachBatch(source: Db, table: string, list: SQL, write: (json: string, rows: number) => Promise<void>): Promise<void> {
  await inTransaction(source, async (tx: Tx) => {
    await tx.execute(sql`declare concord_copy no scroll cursor for select row_to_json(r)::text as row from (select ${list} from ${sql.identifier(table)}) r`);
    for (;;) {
      const rows = await queryRows<{ row: string }>(tx as unknown as Db, sql.raw(`fetch ${batchRows} from concord_copy`));
      if (rows.length === 0) break;
      await write(`[${rows.map((r) => r.row).join(',')}]`, rows.length);
    }
    await tx.execute(sql`close concord_copy`);
  });
}

/**
 * Copies every row of `source` into `target`, which must be empty; both are brought to the latest
 * migrations first. Throws `target_not_empty` (naming the tables that hold rows) before writing anything,
 * and `copy_mismatch` if a table's count differs afterwards.
 */
export async function copyDatabase(source: Database, target: Database, progress?: ProgressReporter): Promise<CopyReport> {
  const occupied = await tablesWithRows(target.db);
  if (occupied.length > 0)
    throw new AppError(
      'conflict',
      'target_not_empty',
      `The target database already holds Concord data (${occupied.slice(0, 5).join(', ')}${occupied.length > 5 ? ', …' : ''}): copy only into an empty database.`,
    );
  await migrateDatabase(source);
  await migrateDatabase(target);
  const [sourceTables, targetTables] = [await tablesOf(source.db), await tablesOf(target.db)];
  for (const [table, columns] of sourceTables) {
    const theirs = targetTables.get(table);
    if (!theirs || theirs.join() !== columns.join())
      throw new AppError('conflict', 'schema_mismatch', `Table ${table} is not the same in the target after migrating: it would not copy as it is.`);
  }
  const order = await copyOrder(source.db, [...sourceTables.keys()]);
  const counts = new Map<string, number>();
  for (const table of order) counts.set(table, await rowCount(source.db, table));
  const total = [...counts.values()].reduce((sum, n) => sum + n, 0);
  progress?.start(total);
  let done = 0;
  await inTransaction(target.db, async (tx) => {
    for (const table of order) {
      if (counts.get(table) === 0) continue;
      const list = sql.join(
        sourceTables.get(table)!.map((c) => sql.identifier(c)),
        sql`, `,
      );
      await eachBatch(source.db, table, list, async (json, rows) => {
        await tx.execute(
          sql`insert into ${sql.identifier(table)} (${list}) select ${list} from json_populate_recordset(null::${sql.identifier(table)}, ${json}::json)`,
        );
        done += rows;
        progress?.update(done);
      });
    }
    for (const sequence of await sequencesOf(source.db))
      await tx.execute(sql`select setval(${sequence.name}::regclass, ${sequence.lastValue}::bigint, ${sequence.isCalled})`);
  });
  progress?.stop();
  const tables = [];
  for (const table of order) {
    const copied = await rowCount(target.db, table);
    if (copied !== counts.get(table))
      throw new AppError('conflict', 'copy_mismatch', `Table ${table} has ${copied} rows in the target where the source has ${counts.get(table)}.`);
    tables.push({ name: table, rows: copied });
  }
  return { tables, rows: total };
}
