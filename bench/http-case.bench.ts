/**
 * HTTP load on GET /api/cases/:id (a case with its people, assistance and orders; a PII read, so each
 * request also appends a hash-chained audit row) with 50,000 demo cases, on embedded PGlite and on the
 * PostgreSQL server. The server runs in its own process (as `npm start` does); autocannon drives it
 * from this one for 10 s with 10 connections, over 2,000 randomly chosen cases.
 *
 *   npm run bench -- http-case            BENCH_CASES=50000 BENCH_SECONDS=10 BENCH_SERVER_URL=postgres://…
 */
import { spawn } from 'node:child_process';
import { signIn, waitForReady } from './server-process';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { benchServerDatabase } from './server-database';

const cases = Number(process.env.BENCH_CASES ?? 50_000);
const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 10);

async function sampleCaseIds(base: string, cookie: string, count: number): Promise<string[]> {
  const pageSize = 200;
  const pages = Math.ceil(cases / pageSize);
  const ids: string[] = [];
  while (ids.length < count) {
    const page = 1 + Math.floor(Math.random() * pages);
    const response = await fetch(`${base}/api/cases?page=${page}&pageSize=${pageSize}`, { headers: { cookie } });
    const body = (await response.json()) as { items: { id: string }[] };
    ids.push(...body.items.map((c) => c.id));
  }
  return ids.slice(0, count);
}

/** Seeds the demo cases with the CLI (idempotent: a database that has them already is left as it is). */
function seed(env: Record<string, string>): Promise<void> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'demo', 'seed', '--cases', String(cases)], {
    env: { ...process.env, CONCORD_LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return new Promise((resolve, reject) => child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`demo seed exited with ${code}`)))));
}

async function benchTarget(label: string, env: Record<string, string>): Promise<void> {
  const port = 3400 + Math.floor(Math.random() * 500);
  const base = `http://127.0.0.1:${port}`;
  await seed(env);
  const startedAt = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    env: { ...process.env, PORT: String(port), CONCORD_DEMO_CASES: '0', CONCORD_JOB_POLL_MS: '0', CONCORD_LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  try {
    await waitForReady(base, child);
    const readySeconds = (performance.now() - startedAt) / 1000;
    const { cookie } = await signIn(base);
    const ids = await sampleCaseIds(base, cookie, 2_000);
    let next = 0;
    const result = await autocannon({
      url: base,
      connections,
      duration: seconds,
      headers: { cookie },
      requests: [{ method: 'GET', setupRequest: (request) => ({ ...request, path: `/api/cases/${ids[next++ % ids.length]}` }) }],
    });
    const non2xx = result.non2xx + result.errors;
    process.stdout.write(
      `${label.padEnd(22)} restart ${readySeconds.toFixed(1).padStart(5)} s | ${result.requests.average.toFixed(0).padStart(6)} req/s | ` +
        `p50 ${String(result.latency.p50).padStart(4)} ms | p99 ${String(result.latency.p99).padStart(4)} ms | ${result.requests.total} requests, ${non2xx} failed\n`,
    );
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
}

process.stdout.write(`GET /api/cases/:id, ${cases} demo cases, ${connections} connections, ${seconds} s (machine: ${os.cpus().length} cores)\n`);
await benchTarget('PGlite (embedded)', { CONCORD_DATA_DIR: path.join(os.tmpdir(), `concord-bench-${cases}`), DATABASE_URL: '' });
const benchUrl = await benchServerDatabase(`concord_bench_${cases}`, { isFresh: false });
if (benchUrl) await benchTarget('PostgreSQL server', { DATABASE_URL: benchUrl, CONCORD_DATA_DIR: path.join(os.tmpdir(), `concord-bench-${cases}`) });
