/**
 * `npm start` / `concord serve`: migrate, seed demo data into an empty database, serve API and web
 * app, run the job worker, print the demo accounts. Stops cleanly on SIGINT/SIGTERM.
 */
import { buildApp } from './app';
import { openContext } from './context';
import { demoAccounts, demoPassword } from './demo-accounts';
import { seedDemo } from './demo';
import { jobHandlers, scheduleDailyJobs } from './jobs';
import { modules } from './modules/all';
import { countCases, defaultDemoAsOf } from './modules/registry/index';
import { startAuditSealer } from './platform/audit/audit';
import { loadConfig } from './platform/config';
import { JobRunner } from './platform/jobs/runner';
import { startCheckpoints } from './platform/audit/anchor';
import { clearAbandonedSpools } from './platform/spool';
import { buildWebIfStale } from './web-build';

const say = (line: string) => process.stdout.write(`${line}\n`);

export async function serve(): Promise<void> {
  const startedAt = performance.now();
  const config = loadConfig();
  const leftovers = clearAbandonedSpools();
  if (leftovers > 0) say(`Removed ${leftovers} upload spool(s) left by a stopped process.`);
  await buildWebIfStale(say);
  const context = await openContext(config);
  const { db } = context.database;
  if ((await countCases(db)) === 0 && config.demoCases > 0) {
    say(`Empty database: seeding ${config.demoCases} demo cases…`);
    await seedDemo(context, modules, { cases: config.demoCases, seed: 1, asOf: defaultDemoAsOf });
  }
  const app = await buildApp(context);
  const runner = new JobRunner(db, jobHandlers(context, modules), (error, job) => app.log.error({ err: error, jobId: job?.id }, 'job failed'));
  if (config.jobPollMs > 0) runner.start(config.jobPollMs);
  // The audit chain is sealed a second after its rows commit, and before every verification.
  const stopSealer = startAuditSealer(db, 1_000, (error) => app.log.error({ err: error }, 'audit sealing failed'));
  // The chain's head is checkpointed outside the database, so a deleted tail is found (audit/anchor.ts).
  const anchor = { file: config.auditCheckpointFile, key: context.piiKeys.auditAnchorKey };
  const stopCheckpoints =
    config.auditCheckpointMinutes > 0
      ? startCheckpoints(db, anchor, config.auditCheckpointMinutes * 60_000, (error) => app.log.error({ err: error }, 'audit checkpoint failed'))
      : async () => {};
  const stopTimetable = config.jobPollMs > 0 ? scheduleDailyJobs(db, modules, (error) => app.log.error({ err: error }, 'scheduling failed')) : () => {};
  await app.listen({ port: config.port, host: config.host });
  const where = config.databaseUrl ? 'PostgreSQL server (DATABASE_URL)' : `embedded PGlite in ${config.dataDir}`;
  say(`\nConcord is running on http://localhost:${config.port}  (database: ${where}; ready in ${((performance.now() - startedAt) / 1000).toFixed(1)} s)`);
  say(`Demo accounts (password "${demoPassword}"):`);
  for (const account of demoAccounts) say(`  ${account.email.padEnd(30)} ${account.role}${account.lcsaId ? ` (${account.lcsaId})` : ''}`);
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
