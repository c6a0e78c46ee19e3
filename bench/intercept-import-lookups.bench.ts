/**
 * One import cannot freeze everyone: a caseworker's case lookups (GET /api/cases/:id, one after another
 * with a 25 ms pause) while an insurer's 100,000-claim file is uploaded, imported and matched by the same
 * server process, on embedded PGlite and on the PostgreSQL server. Prints the lookups' p50/p99/max before
 * (idle) and during the import, and the import's time. Targets: p99 during the import ≤ 250 ms on
 * PGlite, ≤ 50 ms on the server.
 *
 *   npm run bench -- intercept-import-lookups      BENCH_CLAIMS=100000 BENCH_CASES=2000 BENCH_SERVER_URL=postgres://…
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { signIn, waitForReady } from './server-process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { csvColumns, syntheticPopulation } from '../src/modules/intercept/index';
import { benchServerDatabase } from './server-database';

const claims = Number(process.env.BENCH_CLAIMS ?? 100_000);
const cases = Number(process.env.BENCH_CASES ?? 2_000);

function claimFile(): string {
  const people = syntheticPopulation({ obligors: 1, claimants: claims, seed: 11, obligorShare: 0 }).claimants;
  const rows = people.map((p, j) => [
    `L-${j}`,
    'liability',
    'lump_sum',
    `${1_000 + (j % 9_000)}.00`,
    '2026-10-01',
    p.ssn ?? '',
    p.firstName,
    p.lastName,
    p.dateOfBirth ?? '',
    p.addressLine1 ?? '',
    'Los Angeles',
    'CA',
    p.zip ?? '',
  ]);
  return stringify([[...csvColumns], ...rows]);
}

function run(args: string[], env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', ...args], {
    env: { ...process.env, CONCORD_LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
const summary = (latencies: number[]) => {
  const sorted = [...latencies].sort((a, b) => a - b);
  return `${sorted.length} lookups, p50 ${percentile(sorted, 50).toFixed(1)} ms, p99 ${percentile(sorted, 99).toFixed(1)} ms, max ${(sorted.at(-1) ?? NaN).toFixed(1)} ms`;
};

async function benchTarget(label: string, env: Record<string, string>, file: string): Promise<void> {
  const seeded = run(['src/cli.ts', 'demo', 'seed', '--cases', String(cases)], env);
  await new Promise<void>((resolve, reject) => seeded.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`demo seed exited with ${code}`)))));
  const port = 3900 + Math.floor(Math.random() * 500);
  const base = `http://127.0.0.1:${port}`;
  const server = run(['src/main.ts'], { PORT: String(port), CONCORD_DEMO_CASES: '0', CONCORD_JOB_POLL_MS: '0', ...env });
  try {
    await waitForReady(base, server);
    const admin = await signIn(base, 'admin@concord.test');
    const worker = await signIn(base, 'la.caseworker@concord.test');
    const page = (await (await fetch(`${base}/api/cases?pageSize=200`, { headers: worker })).json()) as { items: { id: string }[] };
    const ids = page.items.map((c) => c.id);
    const insurers = (await (await fetch(`${base}/api/intercept/insurers`, { headers: admin })).json()) as { id: string; name: string }[];
    const insurerId = insurers.find((i) => i.name.startsWith('Golden State'))!.id;
    const lookups = async (until: () => boolean) => {
      const latencies: number[] = [];
      while (!until()) {
        const startedAt = performance.now();
        const response = await fetch(`${base}/api/cases/${ids[latencies.length % ids.length]}`, { headers: worker });
        await response.arrayBuffer();
        if (!response.ok) throw new Error(`lookup answered ${response.status}`);
        latencies.push(performance.now() - startedAt);
        await new Promise((r) => setTimeout(r, 25));
      }
      return latencies;
    };
    const idleUntil = Date.now() + 3_000;
    const idle = await lookups(() => Date.now() > idleUntil);
    let done = false;
    const startedAt = performance.now();
    const upload = fetch(`${base}/api/intercept/files?fileName=bench-${Date.now()}.csv&format=csv&insurerId=${insurerId}`, {
      method: 'POST',
      headers: { ...admin, 'content-type': 'text/csv' },
      body: file,
    }).then(async (r) => {
      done = true;
      if (!r.ok) throw new Error(`import answered ${r.status}: ${await r.text()}`);
      return (await r.json()) as { acceptedCount: number };
    });
    const during = await lookups(() => done);
    const imported = await upload;
    const seconds = (performance.now() - startedAt) / 1000;
    process.stdout.write(
      `${label.padEnd(18)} import of ${imported.acceptedCount} claims ${seconds.toFixed(1)} s | idle: ${summary(idle)}\n${''.padEnd(18)} during the import: ${summary(during)}\n`,
    );
  } finally {
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
  }
}

process.stdout.write(`Case lookups while ${claims} claims import, ${cases} demo cases (machine: ${os.cpus().length} cores)\n`);
const file = claimFile();
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'concord-bench-lookups-'));
await benchTarget('PGlite (embedded)', { CONCORD_DATA_DIR: dataDir, DATABASE_URL: '' }, file);
const url = await benchServerDatabase('concord_bench_import_lookups', { isFresh: true });
if (url)
  await benchTarget('PostgreSQL server', { DATABASE_URL: url, CONCORD_DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'concord-bench-lookups-')) }, file);
fs.rmSync(dataDir, { recursive: true, force: true });
