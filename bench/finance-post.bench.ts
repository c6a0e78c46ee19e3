/**
 * Posting one collection through the API on the PostgreSQL server at a steady 200 requests/s
 * (target: p99 ≤ 20 ms). Each request is a new receipt on a random demo case: scope check, idempotent
 * insert and audit row, in one transaction. Uses the server's demo database from the HTTP benchmark.
 *
 *   npm run bench -- finance-post        BENCH_CASES (default 50,000) BENCH_SECONDS (10) BENCH_SERVER_URL
 */
import { spawn, type ChildProcess } from 'node:child_process';
import autocannon from 'autocannon';
import pg from 'pg';

const cases = Number(process.env.BENCH_CASES ?? 50_000);
const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const serverUrl = process.env.BENCH_SERVER_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

async function waitForReady(base: string, child: ChildProcess): Promise<void> {
  for (let i = 0; i < 1_800; i++) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    if (
      await fetch(`${base}/ready`)
        .then((r) => r.ok)
        .catch(() => false)
    )
      return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error('server did not become ready');
}

const admin = new pg.Client({ connectionString: serverUrl });
try {
  await admin.connect();
} catch {
  process.stdout.write(`PostgreSQL server at ${serverUrl} not reachable: skipping.\n`);
  process.exit(0);
}
const name = `concord_bench_${cases}`;
if ((await admin.query('select 1 from pg_database where datname = $1', [name])).rowCount === 0) await admin.query(`create database ${name}`);
await admin.end();
const url = new URL(serverUrl);
url.pathname = `/${name}`;

const port = 3900 + Math.floor(Math.random() * 90);
const base = `http://127.0.0.1:${port}`;
const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
  env: {
    ...process.env,
    PORT: String(port),
    DATABASE_URL: url.toString(),
    CONCORD_DEMO_CASES: String(cases),
    CONCORD_JOB_POLL_MS: '0',
    CONCORD_LOG_LEVEL: 'warn',
  },
  stdio: ['ignore', 'ignore', 'inherit'],
});
try {
  await waitForReady(base, child);
  const signIn = await fetch(`${base}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'admin@concord.test', password: 'concord-demo-2026' }),
  });
  const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0]!;
  const { csrfToken } = (await signIn.json()) as { csrfToken: string };
  const page = (await (await fetch(`${base}/api/cases?pageSize=200&page=3`, { headers: { cookie } })).json()) as { items: { id: string }[] };
  const ids = page.items.map((c) => c.id);
  const run = `${Date.now()}`;
  let n = 0;
  const result = await autocannon({
    url: base,
    connections: 10,
    duration: seconds,
    overallRate: 200,
    headers: { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' },
    requests: [
      {
        method: 'POST',
        setupRequest: (request) => {
          n += 1;
          const body = JSON.stringify({ receiptId: `BENCH-${run}-${n}`, receivedOn: '2026-10-15', amountCents: 25_000, source: 'wage_withholding' });
          return { ...request, path: `/api/cases/${ids[n % ids.length]}/collections`, body };
        },
      },
    ],
  });
  process.stdout.write(
    `POST /api/cases/:id/collections on PostgreSQL at 200 req/s: ${result.requests.average.toFixed(0)} req/s | p50 ${result.latency.p50} ms | ` +
      `p99 ${result.latency.p99} ms (target ≤ 20) | ${result.requests.total} requests, ${result.non2xx + result.errors} failed\n`,
  );
} finally {
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
}
