/**
 * File-to-file matching speed: N synthetic claims against N obligors (FEBRL-style errors, as
 * `concord intercept synthetic` writes them) through `matchFiles` (what `concord intercept match` runs:
 * parse both CSVs, index, estimate the weights, match, write), beside an exact-SSN join of the
 * same files in PostgreSQL (COPY into two unlogged tables, then the join) on the same machine.
 * Target: 1,000,000 × 1,000,000 in ≤ 10 s.
 *
 *   npm run bench -- intercept-match      BENCH_INTERCEPT_ROWS=1000000 (default), DATABASE_URL for the SQL join
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { matchFiles, shippedNicknames } from '../src/modules/intercept/index';

const rows = Number(process.env.BENCH_INTERCEPT_ROWS ?? 1_000_000);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'concord-intercept-bench-'));
fs.chmodSync(dir, 0o755); // the database server reads the files with COPY
try {
  // The files are made in another process, as an analyst would with `concord intercept synthetic`, so
  // that this one's heap (and its garbage collector's threads) are not also busy during the match.
  const made = spawnSync(
    process.execPath,
    [
      '--import',
      'tsx',
      fileURLToPath(new URL('../src/cli.ts', import.meta.url)),
      'intercept',
      'synthetic',
      '--dir',
      dir,
      '--obligors',
      `${rows}`,
      '--claims',
      `${rows}`,
      '--seed',
      '7',
    ],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
  if (made.status !== 0) throw new Error('concord intercept synthetic failed');
  const summary = await matchFiles({
    obligors: path.join(dir, 'obligors.csv'),
    claims: path.join(dir, 'claims.csv'),
    out: path.join(dir, 'matches.csv'),
    nicknames: shippedNicknames(),
  });
  process.stdout.write(
    `concord intercept match: ${summary.claims.toLocaleString()} claims × ${summary.obligors.toLocaleString()} obligors in ${summary.seconds.toFixed(1)} s ` +
      `on ${Math.min(2, os.availableParallelism())} threads (target ≤ 10 s at 1,000,000 × 1,000,000), the weights estimated from the files in that time ` +
      `(${summary.estimate?.isEstimated ? `EM: ${summary.estimate.rules.map((r) => `${r.iterations} rounds over ${r.pairs.toLocaleString()} pairs`).join(', ')}` : 'not estimated'}): ` +
      `${summary.match.toLocaleString()} match, ${summary.review.toLocaleString()} review; ` +
      `peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB\n`,
  );
  const url = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
    const startedAt = performance.now();
    const columns = 'id text, ssn text, first_name text, last_name text, date_of_birth text, address_line1 text, zip text';
    await client.query(`create unlogged table if not exists bench_obligors (${columns}); create unlogged table if not exists bench_claims (${columns});`);
    await client.query('truncate bench_obligors, bench_claims');
    // The server reads the files itself (it runs on this machine), as a loader would.
    await client.query(`copy bench_obligors from '${path.join(dir, 'obligors.csv')}' with (format csv, header true)`);
    await client.query(`copy bench_claims from '${path.join(dir, 'claims.csv')}' with (format csv, header true)`);
    const joined = await client.query('select count(*)::int as n from bench_claims c join bench_obligors o on o.ssn = c.ssn');
    const seconds = (performance.now() - startedAt) / 1000;
    await client.query('drop table bench_obligors, bench_claims');
    process.stdout.write(
      `PostgreSQL exact-SSN join of the same files (COPY both, join): ${joined.rows[0].n.toLocaleString()} pairs in ${seconds.toFixed(1)} s\n`,
    );
  } catch (error) {
    process.stdout.write(`PostgreSQL exact-SSN join skipped: ${(error as Error).message}\n`);
  } finally {
    await client.end().catch(() => undefined);
  }
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
