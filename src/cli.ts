/**
 * `concord`: the command line. Long work shows a progress bar.
 *
 *   concord serve | db migrate | db copy --to URL | demo seed --cases N --seed S | user add … | audit verify | jobs list
 */
import { SingleBar, Presets } from 'cli-progress';
import { Command, InvalidArgumentError, Option } from 'commander';
import { openConfiguredDatabase, openContext } from './context';
import { seedDemo } from './demo';
import { modules } from './modules/all';
import { defaultDemoAsOf } from './modules/registry/index';
import { systemActor } from './platform/auth/actor';
import { roles } from './platform/auth/roles';
import { createUser } from './platform/auth/users';
import { countAuditRows, verifyAuditChain } from './platform/audit/verify';
import { loadPiiKeys } from './platform/pii/keys';
import { ConfigError, loadConfig, type Config } from './platform/config';
import { openDatabase, type Db } from './platform/db/connect';
import { copyDatabase } from './platform/db/copy';
import { inTransaction } from './platform/db/transaction';
import { AppError } from './platform/errors';
import { jobList } from './platform/jobs/jobs';
import { listPage } from './platform/lists/lists';
import type { CliTools, ProgressReporter } from './platform/module';
import { serve } from './serve';
import { prepareDatabase } from './setup';
import { calendarDateOption, wholeNumber } from './platform/cli-options';
import type { CalendarDate } from './platform/dates';

const say = (line: string) => process.stdout.write(`${line}\n`);

function progressBar(label: string, total: number): SingleBar {
  const bar = new SingleBar(
    { format: `${label} [{bar}] {percentage}% | {value}/{total} | {duration_formatted}`, noTTYOutput: true, notTTYSchedule: 2_000 },
    Presets.shades_classic,
  );
  bar.start(total, 0);
  return bar;
}

/** A progress bar that appears when the work says how much there is. */
function progressReporter(label: string): ProgressReporter {
  let bar: SingleBar | undefined;
  return {
    start: (total) => (bar = progressBar(label, total)),
    update: (done) => bar?.update(done),
    stop: () => bar?.stop(),
  };
}

/**
 * Verifies a database's audit chain with a progress bar against this installation's checkpoints, and says
 * whether it is intact or where and how it broke (then the exit code is 1). Answers whether it is intact.
 */
async function checkAuditChain(db: Db, config: Config, subject: string): Promise<boolean> {
  const bar = progressBar(`Verifying ${subject.toLowerCase()}`, await countAuditRows(db));
  const anchor = { file: config.auditCheckpointFile, key: loadPiiKeys(config).auditAnchorKey };
  const result = await verifyAuditChain(db, (n) => bar.update(n), anchor);
  bar.stop();
  if (result.isIntact) {
    say(`${subject} intact: ${result.rowsChecked} rows checked.`);
    return true;
  }
  const why = {
    content_changed: 'the row was edited',
    chain_broken: 'the row, or a seal before it, was deleted or replaced',
    not_chained: 'the row was taken out of the sealing queue without being sealed',
    tail_deleted: `the chain ends before seal ${result.brokenAtId}, which a checkpoint in ${anchor.file} recorded: rows at its end were deleted`,
    checkpoint_forged: `line ${result.brokenAtId} of ${anchor.file} is not a checkpoint this server wrote`,
  }[result.reason];
  const where = result.reason === 'tail_deleted' || result.reason === 'checkpoint_forged' ? '' : ` at row ${result.brokenAtId}`;
  say(`${subject} BROKEN${where}: ${why} (${result.rowsChecked} rows intact before it).`);
  process.exitCode = 1;
  return false;
}

const program = new Command('concord').description('Concord: California child support programme platform').showHelpAfterError();

program
  .command('serve')
  .description('Start the API, web app and job worker (what npm start runs)')
  .option('--workers <n>', 'app processes behind the one port (more than 1 needs DATABASE_URL)', wholeNumber('--workers', 1, 64), 1)
  .action((options: { workers: number }) => serve(options));

const db = program.command('db').description('Database maintenance');
db.command('migrate')
  .description('Apply committed migrations and load reference data (LCSAs, counties)')
  .action(async () => {
    const database = await openConfiguredDatabase(loadConfig());
    await prepareDatabase(database);
    await database.close();
    say(`Database is up to date (${database.kind}).`);
  });

db.command('copy')
  .description('Copy everything (the audit chain included) from this database into an empty PostgreSQL database, then verify it')
  .requiredOption('--to <url>', 'the target, postgres://user:password@host:port/database (must be empty)')
  .action(async (options: { to: string }) => {
    if (!/^postgres(ql)?:\/\//.test(options.to)) throw new InvalidArgumentError('--to must be a postgres:// URL.');
    const config = loadConfig();
    const source = await openConfiguredDatabase(config);
    const target = await openDatabase({ kind: 'server', url: options.to, poolSize: 2 });
    try {
      const report = await copyDatabase(source, target, progressReporter('Copying rows'));
      const where = new URL(options.to);
      say(`Copied ${report.rows} rows in ${report.tables.length} tables to ${where.host}${where.pathname}; every table's row count matches the source's.`);
      if (!(await checkAuditChain(target.db, config, "The target's audit log"))) {
        say('Do not switch to the target.');
        return;
      }
      say(
        `To run on it: set DATABASE_URL to the target and keep CONCORD_DATA_DIR (${config.dataDir}), which holds the personal-data key ` +
          `(concord.key) and the audit checkpoints, or set CONCORD_PII_KEY to that key. Without the same key, SSNs cannot be read or matched.`,
      );
    } finally {
      await target.close();
      await source.close();
    }
  });

program
  .command('demo')
  .description('Demo data')
  .command('seed')
  .description('Seed deterministic, statewide demo cases (SSNs only from never-issued areas 900–999); repeatable and resumable')
  .option('--cases <n>', 'number of cases', wholeNumber('--cases', 1, 10_000_000), 2_000)
  .option('--seed <s>', 'seed: the same seed gives the same data', wholeNumber('--seed', 0, 999), 1)
  .option('--as-of <date>', "the demo's today (YYYY-MM-DD)", calendarDateOption('--as-of'), defaultDemoAsOf)
  .option('--start <index>', 'first case index (to resume)', wholeNumber('--start', 0, 10_000_000), 0)
  .action(async (options: { cases: number; seed: number; asOf: CalendarDate; start: number }) => {
    const context = await openContext(loadConfig());
    const bar = progressBar('Seeding cases', options.cases);
    bar.update(options.start);
    await seedDemo(context, modules, { cases: options.cases, seed: options.seed, asOf: options.asOf, startIndex: options.start }, (done) => bar.update(done));
    bar.stop();
    await context.database.close();
    say(`Seeded demo cases ${options.start}–${options.cases - 1} with seed ${options.seed}.`);
  });

program
  .command('user')
  .description('Accounts')
  .command('add')
  .description('Create a local account (password from --password or CONCORD_NEW_USER_PASSWORD)')
  .requiredOption('--email <email>', 'sign-in email')
  .requiredOption('--name <name>', 'display name')
  .addOption(new Option('--role <role>', 'role').choices([...roles]).makeOptionMandatory())
  .option('--lcsa <id>', 'LCSA id, for LCSA roles')
  .option('--partner <id>', 'partner id, for partner roles')
  .option('--password <password>', 'at least 12 characters')
  .action(async (options: { email: string; name: string; role: (typeof roles)[number]; lcsa?: string; partner?: string; password?: string }) => {
    const password = options.password ?? process.env.CONCORD_NEW_USER_PASSWORD ?? '';
    if (password.length < 12) throw new InvalidArgumentError('The password must be at least 12 characters (--password or CONCORD_NEW_USER_PASSWORD).');
    const context = await openContext(loadConfig());
    const user = await inTransaction(context.database.db, (tx) =>
      createUser(tx, systemActor(), {
        email: options.email,
        displayName: options.name,
        password,
        role: options.role,
        lcsaId: options.lcsa,
        partnerId: options.partner,
      }),
    );
    await context.database.close();
    say(`Created ${user.email} (${user.role}${user.lcsaId ? `, ${user.lcsaId}` : ''}).`);
  });

program
  .command('audit')
  .description('Audit log')
  .command('verify')
  .description('Check the hash chain of the audit log; exits 1 if a row was edited or deleted')
  .action(async () => {
    const config = loadConfig();
    const database = await openConfiguredDatabase(config);
    await checkAuditChain(database.db, config, 'Audit log');
    await database.close();
  });

program
  .command('jobs')
  .description('Background jobs')
  .command('list')
  .description('Recent background jobs with their progress')
  .option('--limit <n>', 'how many', wholeNumber('--limit', 1, 200), 20)
  .action(async (options: { limit: number }) => {
    const database = await openConfiguredDatabase(loadConfig());
    const { items: jobs } = await inTransaction(database.db, (tx) => listPage(tx, systemActor(), jobList, { page: 1, pageSize: options.limit }));
    await database.close();
    if (jobs.length === 0) say('No jobs.');
    for (const job of jobs) {
      const progress = job.progressTotal
        ? `${job.progressDone}/${job.progressTotal} (${Math.floor((100 * job.progressDone) / job.progressTotal)}%)`
        : `${job.progressDone}`;
      say(`${job.createdAt}  ${job.id}  ${job.kind.padEnd(22)} ${job.status.padEnd(10)} ${progress}${job.lastError ? `  last error: ${job.lastError}` : ''}`);
    }
  });

const tools: CliTools = {
  open: async () => ({ context: await openContext(loadConfig()), modules }),
  progress: progressReporter,
  say,
};
for (const module of modules) module.commands?.(program, tools);

program.parseAsync().catch((error: unknown) => {
  const isExpected = error instanceof ConfigError || error instanceof AppError || error instanceof InvalidArgumentError;
  process.stderr.write(`${isExpected ? (error as Error).message : error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
