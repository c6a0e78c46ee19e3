/**
 * The nightly finance run (`concord finance nightly-run`: every account replayed as of a date, its balances
 * kept, stated balances checked) over BENCH_CASES demo cases (the demo's histories: up to 15 years of
 * charges and collections) on the PostgreSQL server, with one, two (the default) and four parts run at
 * once. Times are the job's own (its row's creation to its end, not the command's start-up). Prints
 * accounts per second and the time that rate gives for 1,000,000 accounts (the target: 10 minutes on
 * this 2-core machine).
 *
 *   npm run bench -- finance-nightly       BENCH_CASES=10000 BENCH_SERVER_URL=postgres://…
 */
import { spawn } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { benchServerDatabase } from './server-database';

const cases = Number(process.env.BENCH_CASES ?? 10_000);
const dataDir = path.join(os.tmpdir(), `concord-bench-nightly-${cases}`);

function runCli(args: string[], env: Record<string, string>): Promise<string> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], {
    env: { ...process.env, CONCORD_LOG_LEVEL: 'warn', CONCORD_DATA_DIR: dataDir, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve, reject) =>
    child.once('exit', (code) => (code === 0 ? resolve(output) : reject(new Error(`${args.join(' ')} exited with ${code}`)))),
  );
}

const url = await benchServerDatabase(`concord_bench_nightly_${cases}`, { isFresh: false });
if (url) {
  const seededAt = performance.now();
  await runCli(['demo', 'seed', '--cases', String(cases)], { DATABASE_URL: url });
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const { rows } = await client.query<{ cases: number; collections: number; months: number }>(
    `select (select count(*) from cases)::int as cases, (select count(*) from finance_collections)::int as collections,
            (select (extract(year from age(max(received_on), min(received_on))) * 12 + extract(month from age(max(received_on), min(received_on))))::int from finance_collections) as months`,
  );
  const figures = rows[0]!;
  process.stdout.write(
    `${figures.cases} cases, ${figures.collections} collections over ${figures.months} months (seeded or found in ${((performance.now() - seededAt) / 1000).toFixed(0)} s); machine: ${os.cpus().length} cores\n`,
  );
  for (const [shards, asOf] of [
    [1, '2026-08-31'],
    [2, '2026-09-30'],
    [4, '2026-10-31'],
  ] as const) {
    await client.query(`delete from jobs where kind = 'finance.nightly_run' and payload->>'asOf' = $1`, [asOf]);
    const said = await runCli(['finance', 'nightly-run', '--as-of', asOf, '--shards', String(shards)], { DATABASE_URL: url });
    // The job's own time, from its row: the command's start-up (migrations checked, keys loaded) is not the run's.
    const timed = await client.query<{ seconds: number }>(
      `select extract(epoch from finished_at - created_at)::float8 as seconds from jobs where kind = 'finance.nightly_run' and payload->>'asOf' = $1`,
      [asOf],
    );
    const seconds = timed.rows[0]!.seconds;
    const perSecond = figures.cases / seconds;
    process.stdout.write(
      `${shards} part${shards > 1 ? 's' : ' '} at once: ${seconds.toFixed(1).padStart(6)} s, ${perSecond.toFixed(0).padStart(6)} accounts/s ` +
        `→ 1,000,000 accounts in ${(1_000_000 / perSecond / 60).toFixed(1)} min | ${said.trim().split('\n').at(-1)}\n`,
    );
  }
  await client.end();
}
