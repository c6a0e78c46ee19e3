/**
 * `concord intercept match --obligors FILE --claims FILE --out FILE` (file to file, no database, with a
 * progress bar) and `concord intercept synthetic --dir DIR` (labelled test files). Formats: offline.ts.
 */
import fs from 'node:fs';
import { InvalidArgumentError, type Command } from 'commander';
import { defaultMatchPolicy } from './domain/match';
import { shippedNicknames } from './nicknames';
import { matchFiles, writeSyntheticFiles } from './offline';
import { syntheticPopulation } from './synthetic';

export interface ProgressReporter {
  start(total: number): void;
  update(done: number): void;
  stop(): void;
}

const number = (name: string) => (value: string) => {
  const n = Number(value);
  if (!Number.isFinite(n)) throw new InvalidArgumentError(`${name} must be a number.`);
  return n;
};

export function registerInterceptCommands(program: Command, progress: (label: string) => ProgressReporter): Command {
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
    .action(async (options: { obligors: string; claims: string; out: string; matchThreshold: number; reviewThreshold: number; threads?: number }) => {
      for (const file of [options.obligors, options.claims]) if (!fs.existsSync(file)) throw new InvalidArgumentError(`${file}: no such file.`);
      if (options.reviewThreshold > options.matchThreshold) throw new InvalidArgumentError('--review-threshold must not be above --match-threshold.');
      if (options.threads !== undefined && (!Number.isInteger(options.threads) || options.threads < 1))
        throw new InvalidArgumentError('--threads must be a whole number, 1 or more.');
      const bar = progress('Matching claims');
      let started = false;
      const summary = await matchFiles({
        ...options,
        policy: { ...defaultMatchPolicy, matchThreshold: options.matchThreshold, reviewThreshold: options.reviewThreshold },
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
    });
  intercept
    .command('synthetic')
    .description('Write labelled synthetic obligors.csv, claims.csv and truth.csv (for tests, benchmarks and threshold tuning)')
    .requiredOption('--dir <dir>', 'directory to write into')
    .option('--obligors <n>', 'number of obligors', number('--obligors'), 10_000)
    .option('--claims <n>', 'number of claims', number('--claims'), 10_000)
    .option('--seed <n>', 'random seed', number('--seed'), 1)
    .action((options: { dir: string; obligors: number; claims: number; seed: number }) => {
      writeSyntheticFiles(options.dir, syntheticPopulation({ obligors: options.obligors, claimants: options.claims, seed: options.seed }));
      process.stdout.write(`Wrote obligors.csv, claims.csv and truth.csv to ${options.dir}\n`);
    });
  return intercept;
}
