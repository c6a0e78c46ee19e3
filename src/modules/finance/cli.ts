/**
 * `concord finance audit --input case.json [--as-of YYYY-MM-DD] [--format json|csv]`: runs the engine on
 * a case history file, with no database, and prints the account audit.
 */
import fs from 'node:fs';
import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { stringify } from 'csv-stringify/sync';
import { isCalendarDate } from '../../platform/dates';
import { monthlyAudit } from './domain/account-audit';
import { replayAccount } from './domain/replay';
import { readCaseHistory } from './interchange';

export function auditReport(text: string, source: string, asOf: string, format: 'json' | 'csv'): string {
  const history = readCaseHistory(text, source);
  const result = replayAccount(history, asOf);
  const months = monthlyAudit(result.entries);
  if (format === 'csv') return stringify(months, { header: true });
  return `${JSON.stringify({ caseId: history.caseId, asOf, balances: result.balances, months }, null, 2)}\n`;
}

export function registerFinanceCommands(program: Command): void {
  const finance = program.command('finance').description('Financial case management');
  finance
    .command('audit')
    .description('Account audit of a case history file (the interchange format), computed offline')
    .requiredOption('--input <file>', 'case history JSON (see src/modules/finance/contract.ts)')
    .option('--as-of <date>', 'audit as of this date (YYYY-MM-DD)', new Date().toISOString().slice(0, 10))
    .option('--format <format>', 'json or csv', 'json')
    .action((options: { input: string; asOf: string; format: string }) => {
      if (!isCalendarDate(options.asOf)) throw new InvalidArgumentError(`--as-of ${options.asOf} is not a calendar date (YYYY-MM-DD).`);
      if (options.format !== 'json' && options.format !== 'csv') throw new InvalidArgumentError('--format must be json or csv (pdf is not available yet).');
      if (!fs.existsSync(options.input)) throw new InvalidArgumentError(`--input ${options.input}: no such file.`);
      process.stdout.write(auditReport(fs.readFileSync(options.input, 'utf8'), options.input, options.asOf, options.format));
    });
}
