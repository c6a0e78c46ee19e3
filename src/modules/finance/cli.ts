/**
 * `concord finance audit --input case.json [--as-of YYYY-MM-DD] [--format json|csv|pdf] [--interest-policy monthly|daily]
 * [--interest-rounding cumulative|per_posting] [--output FILE]`: runs the engine on a case history file, with no
 * database, and prints the account audit.
 */
import fs from 'node:fs';
import { type Command, InvalidArgumentError, Option } from 'commander';
import { eq } from 'drizzle-orm';
import { systemActor } from '../../platform/auth/actor';
import { inTransaction } from '../../platform/db/transaction';
import { toCsv } from '../../platform/export-cells';
import { jobs } from '../../platform/jobs/schema';
import { JobRunner } from '../../platform/jobs/runner';
import type { CliTools } from '../../platform/module';
import { nightlyRunJob, nightlyRunJobKind, requestNightlyRun } from './nightly';
import { calendarDateOption, wholeNumber } from '../../platform/cli-options';
import { type CalendarDate, todayInCalifornia } from '../../platform/dates';
import { accountStatement } from './domain/account-audit';
import { defaultPolicies, type FinancePolicies, type InterestPolicy } from './domain/policy';
import { replayAccount } from './domain/replay';
import { readFinanceDocument, type ObligorHistory } from './interchange';
import { prorateObligorCollections } from './domain/obligor';
import { renderStatementPdf, statementCsvRows } from './statement';

export type AuditFormat = 'json' | 'csv' | 'pdf';

/** The default policies with every interest version's method and rounding set as a court audit asks (unset: as they are). */
export function withInterest(method?: InterestPolicy['method'], rounding?: InterestPolicy['rounding']): FinancePolicies {
  if (!method && !rounding) return defaultPolicies;
  return { ...defaultPolicies, interest: defaultPolicies.interest.map((p) => ({ ...p, method: method ?? p.method, rounding: rounding ?? p.rounding })) };
}

export async function auditReport(
  text: string,
  source: string,
  asOf: CalendarDate,
  format: AuditFormat,
  policies: FinancePolicies = defaultPolicies,
): Promise<string | Uint8Array> {
  const document = readFinanceDocument(text, source);
  if (document.kind === 'obligor') return obligorAuditReport(document, asOf, format, policies);
  const history = document.history;
  const result = replayAccount(history, asOf, policies);
  const statement = accountStatement(history, result, asOf);
  if (format === 'csv') return toCsv(statementCsvRows(history.caseId, statement), { header: true });
  if (format === 'pdf') return renderStatementPdf({ caseLabel: history.caseId, statement, producedAt: new Date() });
  return `${JSON.stringify({ caseId: history.caseId, interest: interestOf(policies), ...statement, balances: result.balances }, null, 2)}\n`;
}

const interestOf = (policies: FinancePolicies) => policies.interest.map(({ effectiveFrom, method, rounding }) => ({ effectiveFrom, method, rounding }));

/**
 * The audit of an obligor's cases: each lump sum's proration across them (who got how much of each
 * payment, as current support, arrears or futures), then each case's audit with its parts as collections.
 * CSV: every case's rows (months, payments, held money applied, totals), each with its case id. No PDF: a statement is one case's.
 */
function obligorAuditReport(document: ObligorHistory, asOf: CalendarDate, format: AuditFormat, policies: FinancePolicies): string {
  if (format === 'pdf') throw new InvalidArgumentError('--format pdf prints one case’s statement: give a case history (formatVersion 1).');
  const known = document.obligorCollections.filter((c) => c.receivedOn <= asOf);
  const { cases, prorations } = prorateObligorCollections(document.cases, known, policies);
  const audits = cases.map((history) => {
    const result = replayAccount(history, asOf, policies);
    const { asOf: _asOf, ...statement } = accountStatement(history, result, asOf);
    return { caseId: history.caseId, ...statement, balances: result.balances };
  });
  if (format === 'csv')
    return toCsv(
      audits.flatMap(({ caseId, balances: _balances, ...statement }) => statementCsvRows(caseId, { asOf, ...statement })),
      { header: true },
    );
  return `${JSON.stringify({ obligorId: document.obligorId, asOf, interest: interestOf(policies), prorations, cases: audits }, null, 2)}\n`;
}

export function registerFinanceCommands(program: Command, tools: CliTools): void {
  const finance = program.command('finance').description('Financial case management');
  finance
    .command('nightly-run')
    .description(
      'Replay every account as of a date, keep its balances and check them against balances stated elsewhere (the nightly job, run here; resumes an interrupted run of the same date)',
    )
    .option('--as-of <date>', 'balances as of this date (YYYY-MM-DD)', calendarDateOption('--as-of'), todayInCalifornia())
    .option('--shards <n>', 'parts run at once (default 2)', wholeNumber('--shards', 1, 16), 2)
    .action(async (options: { asOf: CalendarDate; shards: number }) => {
      const { context } = await tools.open();
      const { db } = context.database;
      const { jobId, isNew } = await inTransaction(db, (tx) => requestNightlyRun(tx, systemActor(), { asOf: options.asOf, shards: options.shards }));
      const bar = tools.progress(`Balancing accounts as of ${options.asOf}`);
      const runner = new JobRunner(db, new Map([[nightlyRunJobKind, nightlyRunJob]]));
      const state = async () => (await db.select().from(jobs).where(eq(jobs.id, jobId)))[0]!;
      let job = await state();
      if (!isNew && job.status === 'succeeded') {
        tools.say(`The run as of ${options.asOf} is done already: ${job.progressNote ?? ''}`);
        await context.database.close();
        return;
      }
      // The bar starts once the run has counted the cases (its first commit).
      let isStarted = false;
      const poll = setInterval(() => {
        void state().then(
          (current) => {
            if (!isStarted && current.progressTotal) {
              bar.start(current.progressTotal);
              isStarted = true;
            }
            if (isStarted) bar.update(current.progressDone);
          },
          () => undefined,
        );
      }, 500);
      // Another process may hold the run (its heartbeat fresh): wait until it is done or released to us.
      while (!['succeeded', 'failed', 'cancelled'].includes((job = await state()).status)) {
        if (!(await runner.runOnce())) await new Promise((resolve) => setTimeout(resolve, 2_000));
      }
      clearInterval(poll);
      if (isStarted) bar.update(job.progressDone);
      bar.stop();
      await context.database.close();
      tools.say(job.status === 'succeeded' ? (job.progressNote ?? 'done') : `The run ${job.status}: ${job.lastError ?? ''}`);
      if (job.status !== 'succeeded') process.exitCode = 1;
    });
  finance
    .command('audit')
    .description('Account audit of a case history file (the interchange format), computed offline')
    .requiredOption('--input <file>', 'case history JSON (see src/modules/finance/contract.ts)')
    .option('--as-of <date>', 'audit as of this date (YYYY-MM-DD)', calendarDateOption('--as-of'), todayInCalifornia())
    .option('--format <format>', 'json, csv or pdf (the statement)', 'json')
    .addOption(new Option('--interest-policy <method>', 'interest method (default: the policy in force, monthly)').choices(['monthly', 'daily']))
    .addOption(new Option('--interest-rounding <rounding>', 'interest rounding (default: cumulative)').choices(['cumulative', 'per_posting']))
    .option('--output <file>', 'write to this file instead of standard output')
    .action(
      async (options: {
        input: string;
        asOf: CalendarDate;
        format: string;
        interestPolicy?: InterestPolicy['method'];
        interestRounding?: InterestPolicy['rounding'];
        output?: string;
      }) => {
        if (!['json', 'csv', 'pdf'].includes(options.format)) throw new InvalidArgumentError('--format must be one of: json, csv, pdf.');
        if (!fs.existsSync(options.input)) throw new InvalidArgumentError(`--input ${options.input}: no such file.`);
        const policies = withInterest(options.interestPolicy, options.interestRounding);
        const report = await auditReport(fs.readFileSync(options.input, 'utf8'), options.input, options.asOf, options.format as AuditFormat, policies);
        if (options.output) fs.writeFileSync(options.output, report);
        else process.stdout.write(report);
      },
    );
}
