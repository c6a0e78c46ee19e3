/**
 * Posting one collection through the API on the PostgreSQL server at a steady 200 requests/s (open loop)
 * (target: p99 ≤ 20 ms). Each request is a new receipt on a random demo case: the scope check and the
 * idempotent insert in one statement, then the audit row, in one transaction. Uses the server's demo
 * database from the HTTP benchmark. Also prints the server's CPU time per request (from /proc).
 *
 *   npm run bench -- finance-post        BENCH_CASES (default 50,000) BENCH_SECONDS (10) BENCH_SERVER_URL BENCH_RATE (200) BENCH_WARMUP_SECONDS (5) BENCH_NODE_ARGS
 */
import { spawn } from 'node:child_process';
import { signIn, waitForReady } from './server-process';
import fs from 'node:fs';
import http from 'node:http';
import pg from 'pg';

const cases = Number(process.env.BENCH_CASES ?? 50_000);
const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const rate = Number(process.env.BENCH_RATE ?? 200);
const warmupSeconds = Number(process.env.BENCH_WARMUP_SECONDS ?? 5);
const serverUrl = process.env.BENCH_SERVER_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** CPU time (user + system) a process has used, from /proc (Linux), in ms; NaN elsewhere. */
function serverCpuMs(pid: number | undefined): number {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime, stime in clock ticks of 1/100 s
  } catch {
    return Number.NaN;
  }
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
// BENCH_NODE_ARGS: extra node flags for the server, e.g. --cpu-prof --cpu-prof-dir=/tmp/prof to profile it under load.
const child = spawn(process.execPath, [...(process.env.BENCH_NODE_ARGS?.split(' ').filter(Boolean) ?? []), '--import', 'tsx', 'src/main.ts'], {
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
  const { cookie, 'x-csrf-token': csrfToken } = await signIn(base);
  const page = (await (await fetch(`${base}/api/cases?pageSize=200&page=3`, { headers: { cookie } })).json()) as { items: { id: string }[] };
  const ids = page.items.map((c) => c.id);
  const run = `${Date.now()}`;
  // Open loop, uniform arrivals: one request every 1000/rate ms whatever the answers do, each timed from when
  // it was due to be sent (so a slow server is not hidden by a late sender). autocannon's rate mode is not
  // this: each connection fires its per-second quota back to back at the start of every second, so 200
  // req/s arrive as bursts of 10 concurrent requests (measured here: p50 21 ms at 20 req/s, where one
  // request alone takes 6 ms).
  const interval = 1000 / rate;
  // The load is sent with node:http over kept-alive connections rather than fetch: the sender runs on the
  // same two cores as the server and the database, and fetch spent about 1.7 ms of CPU per request here
  // (measured with perf at 150 req/s), CPU the server then did not have.
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const headers = { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' };
  /** POSTs a JSON body; resolves with the status once the whole answer has arrived. */
  const post = (urlPath: string, body: string) =>
    new Promise<number>((resolve, reject) => {
      const request = http.request(
        `${base}${urlPath}`,
        { method: 'POST', agent, headers: { ...headers, 'content-length': Buffer.byteLength(body) } },
        (response) => {
          response.resume();
          response.on('end', () => resolve(response.statusCode ?? 0));
          response.on('error', reject);
        },
      );
      request.on('error', reject);
      request.end(body);
    });
  /** Offers `total` requests at the rate; returns their latencies and failures. */
  const offer = async (total: number, label: string) => {
    const latencies: number[] = [];
    let failed = 0;
    const pending: Promise<void>[] = [];
    const startedAt = performance.now();
    for (let n = 0; n < total; n++) {
      const due = startedAt + n * interval;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      const body = JSON.stringify({ receiptId: `BENCH-${run}-${label}-${n}`, receivedOn: '2026-10-15', amountCents: 25_000, source: 'wage_withholding' });
      pending.push(
        post(`/api/cases/${ids[n % ids.length]}/collections`, body)
          .then((status) => {
            if (status !== 201) failed += 1;
            latencies.push(performance.now() - due);
          })
          .catch(() => void (failed += 1)),
      );
    }
    await Promise.all(pending);
    return { latencies, failed, achieved: total / ((performance.now() - startedAt) / 1000) };
  };
  // A warm-up at the same rate, not counted: the server's first requests compile its code paths (JIT,
  // response serialisers) and fill its connection pool, which is start-up, not steady state.
  await offer(Math.round(rate * warmupSeconds), 'warmup');
  const total = Math.round(rate * seconds);
  const cpuBefore = serverCpuMs(child.pid);
  const { latencies, failed, achieved } = await offer(total, 'run');
  const cpuPerRequest = ((serverCpuMs(child.pid) - cpuBefore) / total).toFixed(2);
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * q))]!.toFixed(1);
  process.stdout.write(
    `POST /api/cases/:id/collections on PostgreSQL, ${rate} req/s offered (${achieved.toFixed(0)} achieved, open loop): p50 ${at(0.5)} ms | p90 ${at(0.9)} ms | ` +
      `p99 ${at(0.99)} ms (target ≤ 20) | max ${at(1)} ms | ${total} requests, ${failed} failed | server CPU ${cpuPerRequest} ms a request\n`,
  );
} finally {
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
}
