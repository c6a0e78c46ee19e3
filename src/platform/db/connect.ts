/**
 * Opens Concord's database: embedded PGlite (a data folder, or memory) or a PostgreSQL server.
 * Both give the same Drizzle API, the same SQL and the same migrations.
 *
 * @example
 *   const database = await openDatabase({ kind: 'pglite', dataDir: './data/pglite' });
 *   await database.db.execute(sql`select 1`);
 */
import fs from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzleServer } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import pg from 'pg';

/**
 * The database itself: what opens transactions (`inTransaction`). Routes, jobs and commands hold it;
 * services never take it.
 */
export type Db = PgDatabase<PgQueryResultHKT>;

/**
 * An open transaction: services and stores take this as their first argument, so their writes and
 * audit rows commit or roll back together. A `Db` is not a `Tx` (it cannot roll back): passing the
 * database where a transaction is expected does not compile.
 */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

export type DatabaseTarget = { kind: 'pglite'; dataDir: string | null; loadDataDir?: Blob } | { kind: 'server'; url: string; poolSize?: number };

export interface Database {
  kind: DatabaseTarget['kind'];
  db: Db;
  pglite: PGlite | null;
  /** A hot standby for reads that may lag (DATABASE_READ_URL; replica.ts): server only, never migrated. */
  replica?: Pick<Database, 'db' | 'close'>;
  close(): Promise<void>;
}

/** Opens a database; a null PGlite dataDir means in memory. */
export async function openDatabase(target: DatabaseTarget): Promise<Database> {
  if (target.kind === 'pglite') {
    // pg_trgm (trigram similarity) serves the typo-tolerant name search, as it does on the server.
    const options = { extensions: { pg_trgm }, ...(target.loadDataDir ? { loadDataDir: target.loadDataDir } : {}) };
    if (target.dataDir) fs.mkdirSync(target.dataDir, { recursive: true });
    const client = await PGlite.create(target.dataDir ?? undefined, options);
    return {
      kind: 'pglite',
      db: drizzlePglite(client) as unknown as Db,
      pglite: client,
      close: () => client.close(),
    };
  }
  // Connections stay open once made (pg-pool closes them after 10 s idle by default): under steady load a
  // short burst then had to open new ones, and a new PostgreSQL backend's first statements (start-up,
  // catalog caches, planning) took 10–60 ms, measured in the posting benchmark's slowest requests.
  const pool = new pg.Pool({ connectionString: target.url, max: target.poolSize ?? 10, idleTimeoutMillis: 0 });
  pool.on('error', () => undefined); // an idle client dropped by the server is replaced on next use
  return { kind: 'server', db: drizzleServer(pool) as unknown as Db, pglite: null, close: () => pool.end() };
}
