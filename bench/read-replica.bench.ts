/**
 * A read replica under load: caseworkers' case look-ups (GET /api/cases/:id, each a PII read with its audit
 * row) while others pull the statewide OCSE-34 and a case export, first with the primary alone, then with
 * DATABASE_READ_URL on a real hot standby started here (`pg_basebackup` + a second PostgreSQL on another
 * port, test/hot-standby.ts). Prints each load's p50/p99, the share of report reads the standby made, and
 * the standby's replay lag. On this 2-core machine both servers share the cores; the figure to compare is
 * the look-ups' p99 beside the reports.
 *
 *   npm run bench -- read-replica         BENCH_CASES=5000 BENCH_SECONDS=30 BENCH_SERVER_URL=postgres://…
 */
import { spawn } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';
import { startHotStandby } from '../test/hot-standby';
import { benchServerDatabase, benchServerUrl } from './server-database';
import { signIn, waitForReady } from './server-process';

const cases = Number(process.env.BENCH_CASES ?? 5_000);
const seconds = Number(process.env.BENCH_SECONDS ?? 30);
const dataDir = path.join(os.tmpdir(), `concord-bench-replica-${cases}`);

function runCli(args: string[], env: Record<string, string>): Promise<void> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], {
    env: { ...process.env, CONCORD_LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return new Promise((resolve, reject) => child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${args.join(' ')} exited with ${code}`)))));
}

async function lagTolerantReads(base: string): Promise<{ replica: number; primary: number }> {
  const text = await (await fetch(`${base}/metrics`)).text();
  const count = (where: string) => Number(new RegExp(`concord_lag_tolerant_reads_total\\{served_by="${where}"\\} (\\d+)`).exec(text)?.[1] ?? 0);
  return { replica: count('replica'), primary: count('primary') };
}

async function underLoad(label: string, env: Record<string, string>, primaryUrl: string): Promise<void> {
  const port = 3900 + Math.floor(Math.random() * 500);
  const base = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    env: {
      ...process.env,
      PORT: String(port),
      CONCORD_DATA_DIR: dataDir,
      CONCORD_DEMO_CASES: '0',
      CONCORD_JOB_POLL_MS: '0',
      CONCORD_LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  try {
    await waitForReady(base, child);
    const { cookie } = await signIn(base);
    const ids: string[] = [];
    for (let page = 1; ids.length < 1_000; page++) {
      const body = (await (await fetch(`${base}/api/cases?page=${page}&pageSize=200`, { headers: { cookie } })).json()) as { items: { id: string }[] };
      if (body.items.length === 0) break;
      ids.push(...body.items.map((c) => c.id));
    }
    let next = 0;
    const before = await lagTolerantReads(base);
    let maxLagBytes = 0;
    const lagProbe = setInterval(() => {
      void (async () => {
        const client = new pg.Client({ connectionString: primaryUrl });
        await client.connect();
        const { rows } = await client.query<{ lag: string | null }>('select max(pg_wal_lsn_diff(sent_lsn, replay_lsn))::text as lag from pg_stat_replication');
        await client.end();
        maxLagBytes = Math.max(maxLagBytes, Number(rows[0]?.lag ?? 0));
      })().catch(() => undefined);
    }, 1_000);
    const [lookups, reports] = await Promise.all([
      autocannon({
        url: base,
        connections: 8,
        duration: seconds,
        headers: { cookie },
        requests: [{ method: 'GET', setupRequest: (request) => ({ ...request, path: `/api/cases/${ids[next++ % ids.length]}` }) }],
      }),
      autocannon({
        url: base,
        connections: 2,
        duration: seconds,
        // A statewide OCSE-34 replays every account in the quarter: seconds, not milliseconds.
        timeout: 120,
        headers: { cookie },
        requests: [
          { method: 'GET', path: '/api/finance/ocse34?quarter=2026-Q3' },
          { method: 'GET', path: '/api/cases/export.csv?lcsaId=los-angeles' },
        ],
      }),
    ]);
    clearInterval(lagProbe);
    const after = await lagTolerantReads(base);
    const row = (name: string, r: autocannon.Result) =>
      `${name} ${String(r.requests.total).padStart(5)} requests, p50 ${String(r.latency.p50).padStart(4)} ms, p99 ${String(r.latency.p99).padStart(5)} ms (${r.non2xx + r.errors} failed)`;
    const replica = after.replica - before.replica;
    const total = replica + after.primary - before.primary;
    process.stdout.write(
      `${label.padEnd(26)} look-ups: ${row('', lookups)} | reports: ${row('', reports)}` +
        (total > 0 ? ` | ${replica} of ${total} report reads on the standby, replay lag at most ${(maxLagBytes / 1024).toFixed(0)} kB` : '') +
        '\n',
    );
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
}

const url = await benchServerDatabase(`concord_bench_replica_${cases}`, { isFresh: false });
if (url) {
  await runCli(['demo', 'seed', '--cases', String(cases)], { DATABASE_URL: url, CONCORD_DATA_DIR: dataDir });
  process.stdout.write(`${cases} demo cases on ${benchServerUrl.replace(/\/\/[^@]*@/, '//')}, ${seconds} s per run (machine: ${os.cpus().length} cores)\n`);
  const startedAt = performance.now();
  const standby = await startHotStandby(url);
  await standby.caughtUp(120_000);
  process.stdout.write(`hot standby started and caught up in ${((performance.now() - startedAt) / 1000).toFixed(1)} s on port ${standby.port}\n`);
  try {
    await underLoad('primary only', { DATABASE_URL: url }, url);
    await underLoad('with DATABASE_READ_URL', { DATABASE_URL: url, DATABASE_READ_URL: standby.urlOf(new URL(url).pathname.slice(1)) }, url);
  } finally {
    await standby.stop();
  }
}
