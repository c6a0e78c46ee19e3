/**
 * `npm start` / `concord serve`: migrate, seed demo data into an empty database, serve API and web
 * app, run the job worker, print the demo accounts. Stops cleanly on SIGINT/SIGTERM.
 *
 * `concord serve --workers N` runs N app processes behind one port (Node's cluster: the first process
 * prepares the database and the web app, then forks the others, which share the listening socket and
 * one PostgreSQL database). What must happen once is safe with several: sessions and rate limits are in
 * the database, jobs are claimed with FOR UPDATE SKIP LOCKED, the audit sealer takes a lock in the
 * database; the daily timetable and the audit checkpoints run in process 0 only. A process that dies is
 * replaced.
 */
import cluster from 'node:cluster';
import { buildApp } from './app';
import { openContext } from './context';
import { demoAccounts, demoParentAccounts, demoPassword } from './demo-accounts';
import { seedDemo } from './demo';
import { jobHandlers, scheduleDailyJobs } from './jobs';
import { modules } from './modules/all';
import { countCases, defaultDemoAsOf } from './modules/registry/index';
import { startAuditSealer } from './platform/audit/audit';
import { ConfigError, loadConfig, type Config } from './platform/config';
import type { PlatformContext } from './platform/http/types';
import { JobRunner } from './platform/jobs/runner';
import { startCheckpoints } from './platform/audit/anchor';
import { clearAbandonedSpools } from './platform/spool';
import { buildWebIfStale } from './web-build';

const say = (line: string) => process.stdout.write(`${line}\n`);

/** The environment variable that tells a forked app process its number (0 runs the once-only work). */
const workerIndexVariable = 'CONCORD_WORKER_INDEX';

export async function serve(options: { workers?: number } = {}): Promise<void> {
  if (cluster.isWorker) return serveProcess(Number(process.env[workerIndexVariable] ?? 0));
  const workers = options.workers ?? 1;
  return workers > 1 ? superviseWorkers(workers) : serveProcess(null);
}

/** What runs before any request is served, once: spools left behind, the web app, migrations, demo data. */
async function prepare(): Promise<{ config: Config; context: PlatformContext }> {
  const config = loadConfig();
  const leftovers = clearAbandonedSpools();
  if (leftovers > 0) say(`Removed ${leftovers} upload spool(s) left by a stopped process.`);
  await buildWebIfStale(say);
  const context = await openContext(config);
  if ((await countCases(context.database.db)) === 0 && config.demoCases > 0) {
    say(`Empty database: seeding ${config.demoCases} demo cases…`);
    await seedDemo(context, modules, { cases: config.demoCases, seed: 1, asOf: defaultDemoAsOf });
  }
  return { config, context };
}

/** An app process after the first of several: the first has prepared the database. */
async function preparedContext(): Promise<{ config: Config; context: PlatformContext }> {
  const config = loadConfig();
  return { config, context: await openContext(config, undefined, { prepared: true }) };
}

function sayRunning(config: Config, startedAt: number, processes: string): void {
  const where = config.databaseUrl ? 'PostgreSQL server (DATABASE_URL)' : `embedded PGlite in ${config.dataDir}`;
  say(
    `\nConcord is running on http://localhost:${config.port}  (database: ${where}${processes}; ready in ${((performance.now() - startedAt) / 1000).toFixed(1)} s)`,
  );
  say(`Demo accounts (password "${demoPassword}"):`);
  for (const account of demoAccounts) say(`  ${account.email.padEnd(30)} ${account.role}${account.lcsaId ? ` (${account.lcsaId})` : ''}`);
  say(`Parents' portal accounts (same password), at /portal:`);
  for (const account of demoParentAccounts) say(`  ${account.email.padEnd(30)} ${account.displayName.toLowerCase()}`);
}

/** The first process of `serve --workers N`: prepares, forks N app processes, replaces one that dies, stops them all on a signal. */
async function superviseWorkers(workers: number): Promise<void> {
  const startedAt = performance.now();
  const config = loadConfig();
  if (!config.databaseUrl)
    throw new ConfigError(
      'DATABASE_URL',
      "a PostgreSQL server's postgres:// URL for --workers above 1 (the embedded database serves one process; move with concord db copy --to postgres://…)",
      '',
    );
  const { context } = await prepare();
  await context.database.close();
  let stopping = false;
  let listening = 0;
  const fork = (index: number) => {
    const worker = cluster.fork({ [workerIndexVariable]: String(index) });
    worker.on('listening', () => {
      listening += 1;
      if (listening === workers) sayRunning(config, startedAt, `, ${workers} processes`);
    });
    worker.on('exit', (code, signal) => {
      if (stopping) return;
      say(`App process ${index} (pid ${worker.process.pid}) stopped (${signal ?? `exit ${code}`}); starting another.`);
      fork(index);
    });
  };
  for (let index = 0; index < workers; index++) fork(index);
  const stop = async () => {
    stopping = true;
    const exits = Object.values(cluster.workers ?? {}).map(
      (worker) =>
        new Promise<void>((resolve) => {
          if (!worker || worker.isDead()) return resolve();
          worker.once('exit', () => resolve());
          worker.process.kill('SIGTERM');
        }),
    );
    await Promise.all(exits);
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

/**
 * One app process: alone (`index` null: it prepares, and runs everything), or one of several (it finds
 * the database prepared; the timetable and the checkpoints run in process 0 only).
 */
async function serveProcess(index: number | null): Promise<void> {
  const startedAt = performance.now();
  const { config, context } = index === null ? await prepare() : await preparedContext();
  const { db } = context.database;
  const app = await buildApp(context);
  const runner = new JobRunner(db, jobHandlers(context, modules), (error, job) => app.log.error({ err: error, jobId: job?.id }, 'job failed'));
  if (config.jobPollMs > 0) runner.start(config.jobPollMs);
  // The audit chain is sealed a second after its rows commit, and before every verification.
  const stopSealer = startAuditSealer(db, 1_000, (error) => app.log.error({ err: error }, 'audit sealing failed'));
  // The chain's head is checkpointed outside the database, so a deleted tail is found (audit/anchor.ts).
  const anchor = { file: config.auditCheckpointFile, key: context.piiKeys.auditAnchorKey };
  const onceOnly = index === null || index === 0;
  const stopCheckpoints =
    onceOnly && config.auditCheckpointMinutes > 0
      ? startCheckpoints(db, anchor, config.auditCheckpointMinutes * 60_000, (error) => app.log.error({ err: error }, 'audit checkpoint failed'))
      : async () => {};
  const stopTimetable =
    onceOnly && config.jobPollMs > 0 ? scheduleDailyJobs(db, modules, (error) => app.log.error({ err: error }, 'scheduling failed')) : () => {};
  await app.listen({ port: config.port, host: config.host });
  if (index === null) sayRunning(config, startedAt, '');
  const stop = async () => {
    stopTimetable();
    await stopSealer();
    await stopCheckpoints();
    await runner.stop();
    await app.close();
    await context.database.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}
