/**
 * A claim file through the database: N claims (default 100,000) imported and matched in committed chunks
 * on the PostgreSQL server — hash, streamed parse, validation, encryption of claimant SSNs, matching
 * against the matchable obligors of 5,000 demo cases, inserts — as `concord intercept import` does.
 * Target: 100,000 claims in ≤ 30 s.
 *
 *   npm run bench -- intercept-import      BENCH_CLAIMS=100000 BENCH_SERVER_URL=postgres://…
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { stringify } from 'csv-stringify/sync';
import pg from 'pg';
import { openContext } from '../src/context';
import { csvColumns } from '../src/modules/intercept/index';
import { importClaimFile, insurerIdByNaic, syntheticPopulation } from '../src/modules/intercept/index';
import { systemActor } from '../src/platform/auth/actor';
import { loadConfig } from '../src/platform/config';
import { queryRows } from '../src/platform/db/rows';
import { inTransaction } from '../src/platform/db/transaction';
import { revealSsn } from '../src/platform/pii/ssn';

const claims = Number(process.env.BENCH_CLAIMS ?? 100_000);
const serverUrl = process.env.BENCH_SERVER_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const name = 'concord_bench_intercept';

const admin = new pg.Client({ connectionString: serverUrl });
try {
  await admin.connect();
} catch {
  process.stdout.write(`PostgreSQL server at ${serverUrl} not reachable: skipping.\n`);
  process.exit(0);
}
await admin.query(`drop database if exists ${name} with (force)`);
await admin.query(`create database ${name}`);
await admin.end();
const url = new URL(serverUrl);
url.pathname = `/${name}`;
const env = { ...process.env, DATABASE_URL: url.toString(), CONCORD_LOG_LEVEL: 'warn' } as Record<string, string>;

await new Promise<void>((resolve, reject) => {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'demo', 'seed', '--cases', '5000'], { env, stdio: ['ignore', 'ignore', 'inherit'] });
  child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`demo seed exited with ${code}`))));
});

const context = await openContext(loadConfig(env));
const { db } = context.database;
const obligors = await queryRows<{
  ssn: string;
  firstName: string;
  lastName: string;
  dateOfBirth: string | null;
  addressLine1: string | null;
  zip: string | null;
}>(
  db,
  sql`select p.ssn_ciphertext as ssn, p.first_name as "firstName", p.last_name as "lastName", p.date_of_birth::text as "dateOfBirth", p.address_line1 as "addressLine1", p.zip
      from intercept_matchable m join persons p on p.id = m.person_id where p.ssn_ciphertext is not null`,
);
const others = syntheticPopulation({ obligors: 1, claimants: claims, seed: 5, obligorShare: 0 }).claimants;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'concord-import-bench-'));
const file = path.join(dir, 'claims.csv');
const fd = fs.openSync(file, 'w');
fs.writeSync(fd, stringify([[...csvColumns]]));
for (let i = 0; i < claims; i += 10_000) {
  const rows = [];
  for (let j = i; j < Math.min(claims, i + 10_000); j++) {
    // One claim in fifty is a matchable obligor's.
    const person =
      j % 50 === 0 && obligors.length > 0
        ? { ...obligors[(j / 50) % obligors.length]!, ssn: revealSsn(context.piiKeys, obligors[(j / 50) % obligors.length]!.ssn) }
        : others[j]!;
    rows.push([
      `B-${j}`,
      'liability',
      'lump_sum',
      `${1_000 + (j % 9_000)}.00`,
      '2026-10-01',
      person.ssn ?? '',
      person.firstName,
      person.lastName,
      person.dateOfBirth ?? '',
      person.addressLine1 ?? '',
      'Los Angeles',
      'CA',
      person.zip ?? '',
    ]);
  }
  fs.writeSync(fd, stringify(rows));
}
fs.closeSync(fd);

const startedAt = performance.now();
const insurerId = await inTransaction(db, (tx) => insurerIdByNaic(tx, '10002'));
const result = await importClaimFile(db, context.piiKeys, systemActor(), {
  insurerId,
  fileName: 'bench.csv',
  format: 'csv',
  open: () => fs.createReadStream(file),
});
const seconds = (performance.now() - startedAt) / 1000;
process.stdout.write(
  `Imported and matched ${result.lineCount.toLocaleString()} claims (${(result.bytes / 2 ** 20).toFixed(1)} MiB) against ${obligors.length.toLocaleString()} matchable obligors ` +
    `on the PostgreSQL server in ${seconds.toFixed(1)} s (target ≤ 30 s): ${result.matchedCount} matched, ${result.reviewCount} for review; ` +
    `peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB\n`,
);
fs.rmSync(dir, { recursive: true, force: true });
await context.database.close();
