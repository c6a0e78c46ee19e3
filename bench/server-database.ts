/**
 * A database of its own on the PostgreSQL server for a benchmark (BENCH_SERVER_URL, default the local
 * server): its URL, or null when the server cannot be reached (the benchmark then skips its server run).
 * `isFresh` drops and creates it; otherwise one that exists is kept (seeded data reused).
 */
import pg from 'pg';

export const benchServerUrl = process.env.BENCH_SERVER_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export async function benchServerDatabase(name: string, options: { isFresh: boolean }): Promise<string | null> {
  const admin = new pg.Client({ connectionString: benchServerUrl });
  try {
    await admin.connect();
  } catch {
    process.stdout.write(`PostgreSQL server at ${benchServerUrl} not reachable: skipping the server run.\n`);
    return null;
  }
  if (options.isFresh) await admin.query(`drop database if exists ${name} with (force)`);
  const exists = await admin.query(`select 1 from pg_database where datname = $1`, [name]);
  if (exists.rowCount === 0) await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(benchServerUrl);
  url.pathname = `/${name}`;
  return url.toString();
}
