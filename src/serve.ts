/**
 * `npm start` / `concord serve`: migrate, seed demo data into an empty database, serve API and web
 * app, run the job worker, print the demo accounts. Stops cleanly on SIGINT/SIGTERM.
 */
import { count } from 'drizzle-orm';
import { buildApp } from './app';
import { openContext } from './context';
import { demoAccounts, demoPassword, ensureDemoAccounts } from './demo-accounts';
import { jobHandlers, scheduleDailyJobs } from './jobs';
import { seedDemoCollections } from './modules/finance/index';
import { seedInterceptDemo } from './modules/intercept/index';
import { seedClaimsDemo } from './modules/claims/index';
import { seedTrainingDemo } from './modules/training/index';
import { seedTraumaDemo } from './modules/trauma/index';
import { seedPlanDemo } from './modules/plan/index';
import { seedLiensDemo } from './modules/liens/index';
import { cases, defaultDemoAsOf, runDemoSeed } from './modules/registry/index';
import { startAuditSealer } from './platform/audit/audit';
import { loadConfig } from './platform/config';
import { todayInCalifornia } from './platform/dates';
import { inTransaction } from './platform/db/transaction';
import { JobRunner } from './platform/jobs/runner';
import { buildWebIfStale } from './web-build';

const say = (line: string) => process.stdout.write(`${line}\n`);

export async function serve(): Promise<void> {
  const startedAt = performance.now();
  const config = loadConfig();
  await buildWebIfStale(say);
  const context = await openContext(config);
  const { db } = context.database;
  const [existing] = await db.select({ n: count() }).from(cases);
  if ((existing?.n ?? 0) === 0 && config.demoCases > 0) {
    say(`Empty database: seeding ${config.demoCases} demo cases…`);
    await inTransaction(db, (tx) => ensureDemoAccounts(tx));
    await runDemoSeed(
      context.piiKeys,
      { cases: config.demoCases, seed: 1, asOf: defaultDemoAsOf },
      (work) => inTransaction(db, async (tx) => void (await work(tx))),
      seedDemoCollections,
    );
    await inTransaction(db, (tx) => seedInterceptDemo(tx, context.piiKeys, todayInCalifornia()));
    await inTransaction(db, (tx) => seedLiensDemo(tx, context.piiKeys, todayInCalifornia()));
    await inTransaction(db, (tx) => seedClaimsDemo(tx, todayInCalifornia()));
    await inTransaction(db, (tx) => seedTrainingDemo(tx, todayInCalifornia()));
    await inTransaction(db, (tx) => seedTraumaDemo(tx, context.piiKeys, todayInCalifornia()));
    await inTransaction(db, (tx) => seedPlanDemo(tx, todayInCalifornia()));
  }
  const app = await buildApp(context);
  const runner = new JobRunner(db, jobHandlers(context), (error, job) => app.log.error({ err: error, jobId: job?.id }, 'job failed'));
  if (config.jobPollMs > 0) runner.start(config.jobPollMs);
  // The audit chain is sealed a second after its rows commit, and before every verification.
  const stopSealer = startAuditSealer(db, 1_000, (error) => app.log.error({ err: error }, 'audit sealing failed'));
  const stopTimetable = config.jobPollMs > 0 ? scheduleDailyJobs(db, (error) => app.log.error({ err: error }, 'scheduling failed')) : () => {};
  await app.listen({ port: config.port, host: config.host });
  const where = config.databaseUrl ? 'PostgreSQL server (DATABASE_URL)' : `embedded PGlite in ${config.dataDir}`;
  say(`\nConcord is running on http://localhost:${config.port}  (database: ${where}; ready in ${((performance.now() - startedAt) / 1000).toFixed(1)} s)`);
  say(`Demo accounts (password "${demoPassword}"):`);
  for (const account of demoAccounts) say(`  ${account.email.padEnd(30)} ${account.role}${account.lcsaId ? ` (${account.lcsaId})` : ''}`);
  const stop = async () => {
    stopTimetable();
    await stopSealer();
    await runner.stop();
    await app.close();
    await context.database.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}
