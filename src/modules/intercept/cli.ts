/**
 * The `concord intercept` commands: `import FILE --insurer NAIC` (an insurer's claim file into the
 * database, matched), `refresh` (who can be matched), `match --obligors FILE --claims FILE --out FILE`
 * (file to file, no database) and `synthetic --dir DIR` (labelled test files). Formats: formats.ts and
 * offline.ts. Long work shows a progress bar.
 */
import fs from 'node:fs';
import path from 'node:path';
import { InvalidArgumentError, Option, type Command } from 'commander';
import { systemActor } from '../../platform/auth/actor';
import { todayInCalifornia, type CalendarDate } from '../../platform/dates';
import { calendarDateOption } from '../../platform/cli-options';
import { AppError } from '../../platform/errors';
import { loadMatchWeights } from './weights';
import { inTransaction } from '../../platform/db/transaction';
import type { CliTools } from '../../platform/module';
import { estimateReport, readSavedWeights, savedWeights } from './domain/estimate';
import { defaultMatchPolicy, type MatchPolicy } from './domain/match';
import { importClaimFile, insurerIdByNaic } from './intake';
import { refreshMatchable } from './matchable';
import { shippedNicknames } from './nicknames';
import { matchFiles, writeSyntheticFiles } from './offline';
import { syntheticPopulation } from './synthetic';
import { notJsonReason } from '../../platform/errors';

const number = (name: string) => (value: string) => {
  const n = Number(value);
  if (!Number.isFinite(n)) throw new InvalidArgumentError(`${name} must be a number.`);
  return n;
};

export function registerInterceptCommands(program: Command, tools: CliTools): void {
  const intercept = program.command('intercept').description('Insurance payment intercept (AB 2802)');
  intercept
    .command('match')
    .description('Match a claims file against an obligors file, offline; writes one line per claim')
    .requiredOption('--obligors <file>', 'obligors CSV: obligor_id,ssn,first_name,last_name,date_of_birth,address_line1,zip')
    .requiredOption('--claims <file>', 'claims CSV: claim_id and the same person columns')
    .requiredOption('--out <file>', 'matches CSV to write')
    .option('--match-threshold <score>', 'total weight for an automatic match', number('--match-threshold'), defaultMatchPolicy.matchThreshold)
    .option('--review-threshold <score>', 'total weight for manual review', number('--review-threshold'), defaultMatchPolicy.reviewThreshold)
    .option('--threads <n>', 'threads that share the files and one index (default: the cores, at most 2)', number('--threads'))
    .option('--strict', 'stop at the first bad value or line, writing nothing (default: skip it and report it in the errors file)')
    .option('--errors <file>', 'errors CSV to write: file,line,field,reason,what_was_done (default: the output name with .errors.csv)')
    .option('--weights <file>', 'use saved parameters (JSON from --save-weights) instead of estimating them from the files')
    .option('--save-weights <file>', 'write the parameters used (estimated from the files, or loaded) as JSON, to load again with --weights')
    .action(
      async (options: {
        obligors: string;
        claims: string;
        out: string;
        matchThreshold: number;
        reviewThreshold: number;
        threads?: number;
        strict?: boolean;
        errors?: string;
        weights?: string;
        saveWeights?: string;
      }) => {
        for (const file of [options.obligors, options.claims, ...(options.weights ? [options.weights] : [])])
          if (!fs.existsSync(file)) throw new InvalidArgumentError(`${file}: no such file.`);
        const thresholds = { ...defaultMatchPolicy, matchThreshold: options.matchThreshold, reviewThreshold: options.reviewThreshold };
        let saved: MatchPolicy | undefined;
        try {
          saved = options.weights ? readSavedWeights(fs.readFileSync(options.weights, 'utf8'), options.weights, thresholds) : undefined;
        } catch (error) {
          throw new InvalidArgumentError((error as Error).message);
        }
        if (options.reviewThreshold > options.matchThreshold) throw new InvalidArgumentError('--review-threshold must not be above --match-threshold.');
        if (options.threads !== undefined && (!Number.isInteger(options.threads) || options.threads < 1))
          throw new InvalidArgumentError('--threads must be a whole number, 1 or more.');
        const bar = tools.progress('Matching claims');
        let started = false;
        const summary = await matchFiles({
          ...options,
          isStrict: options.strict === true,
          errorsOut: options.errors,
          policy: saved ?? thresholds,
          estimate: saved ? false : undefined,
          nicknames: shippedNicknames(),
          onProgress: (done, total) => {
            if (!started) bar.start(total);
            started = true;
            bar.update(done);
          },
        });
        if (started) bar.stop();
        process.stdout.write(
          `${summary.claims.toLocaleString()} claims against ${summary.obligors.toLocaleString()} obligors in ${summary.seconds.toFixed(1)} s: ` +
            `${summary.match.toLocaleString()} match, ${summary.review.toLocaleString()} review, ${summary.noMatch.toLocaleString()} no match → ${options.out}\n`,
        );
        process.stdout.write(summary.estimate ? estimateReport(summary.estimate) : `Weights loaded from ${options.weights}\n`);
        if (options.saveWeights) {
          fs.writeFileSync(options.saveWeights, savedWeights(summary.estimate?.policy ?? saved!));
          process.stdout.write(`Weights saved to ${options.saveWeights}\n`);
        }
        if (summary.errorsFile)
          process.stdout.write(
            `Skipped: ${summary.linesLeftOut.toLocaleString()} lines left out, ${summary.valuesMissing.toLocaleString()} values read as missing, ` +
              `${summary.valuesDoubtful.toLocaleString()} doubtful values compared as written → ${summary.errorsFile}\n`,
          );
      },
    );
  intercept
    .command('synthetic')
    .description('Write labelled synthetic obligors.csv, claims.csv and truth.csv (for tests, benchmarks and threshold tuning)')
    .requiredOption('--dir <dir>', 'directory to write into')
    .option('--obligors <n>', 'number of obligors', number('--obligors'), 10_000)
    .option('--claims <n>', 'number of claims', number('--claims'), 10_000)
    .option('--seed <n>', 'random seed', number('--seed'), 1)
    .addOption(
      new Option(
        '--errors <kind>',
        'febrl: one to four FEBRL-style errors per real obligor’s claim, and hard negatives; light: the few errors of the first benchmark',
      )
        .choices(['febrl', 'light'])
        .default('febrl'),
    )
    .action((options: { dir: string; obligors: number; claims: number; seed: number; errors: 'febrl' | 'light' }) => {
      writeSyntheticFiles(
        options.dir,
        syntheticPopulation({ obligors: options.obligors, claimants: options.claims, seed: options.seed, errors: options.errors }),
      );
      process.stdout.write(`Wrote obligors.csv, claims.csv and truth.csv to ${options.dir}\n`);
    });
  intercept
    .command('import')
    .description("Import an insurer's claim file (CSV or fixed width) and match it; the same file again changes nothing")
    .argument('<file>', 'the claim file')
    .requiredOption('--insurer <naic>', "the insurer's NAIC code")
    .addOption(new Option('--format <format>', 'file format (detected from the first line when left out)').choices(['csv', 'fixed']))
    .action(async (file: string, options: { insurer: string; format?: 'csv' | 'fixed' }) => {
      if (!fs.existsSync(file)) throw new InvalidArgumentError(`${file}: no such file.`);
      const { context } = await tools.open();
      const bar = tools.progress('Importing claims');
      bar.start(fs.statSync(file).size);
      const insurerId = await inTransaction(context.database.db, (tx) => insurerIdByNaic(tx, options.insurer));
      const result = await importClaimFile(context.database.db, context.piiKeys, systemActor(), {
        insurerId,
        fileName: path.basename(file),
        format: options.format,
        open: () => fs.createReadStream(file),
        onProgress: (done) => bar.update(done),
      });
      bar.stop();
      await context.database.close();
      tools.say(
        result.isNew
          ? `${result.fileName}: ${result.lineCount} lines, ${result.acceptedCount} accepted (${result.notReportableCount} not reportable), ${result.rejectedCount} refused; ${result.matchedCount} matched, ${result.reviewCount} for review.`
          : `${result.fileName} was already imported; nothing changed.`,
      );
    });
  intercept
    .command('weights')
    .description('Load match weights saved by `match --save-weights` for the database’s matching (intake and lookups), in force from a date')
    .argument('<file>', 'the saved weights (JSON)')
    .requiredOption('--effective-from <date>', 'the first day they are in force (YYYY-MM-DD)', calendarDateOption('--effective-from'))
    .requiredOption('--note <text>', 'where they come from: the files, the run')
    .action(async (file: string, options: { effectiveFrom: CalendarDate; note: string }) => {
      if (!fs.existsSync(file)) throw new InvalidArgumentError(`${file}: no such file.`);
      let weights: unknown;
      const text = fs.readFileSync(file, 'utf8');
      try {
        weights = JSON.parse(text);
      } catch (error) {
        throw new InvalidArgumentError(`${file}: not JSON (${notJsonReason(text, error)}).`);
      }
      const { context } = await tools.open();
      try {
        const { id } = await inTransaction(context.database.db, (tx) => loadMatchWeights(tx, systemActor(), { weights, ...options }));
        tools.say(`Loaded ${file} as match weights ${id}, in force from ${options.effectiveFrom}.`);
      } catch (error) {
        throw error instanceof AppError ? new InvalidArgumentError(`${file}: ${error.message}`) : error;
      } finally {
        await context.database.close();
      }
    });
  intercept
    .command('refresh')
    .description('Rebuild the obligors who can be matched (past due at or above the threshold, no exclusion)')
    .action(async () => {
      const { context } = await tools.open();
      const result = await inTransaction(context.database.db, (tx) => refreshMatchable(tx, context.piiKeys, systemActor(), { asOf: todayInCalifornia() }));
      await context.database.close();
      tools.say(`${result.matchable} of ${result.obligors} obligors can be matched (${result.excluded} excluded).`);
    });
}
