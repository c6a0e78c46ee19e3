/** The `concord` command line, run as a user runs it, on a fresh embedded database. */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { openDatabase } from '../src/platform/db/connect';
import { queryRows } from '../src/platform/db/rows';
import { pdfText } from './pdf-text';

const run = promisify(execFile);
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'concord-cli-'));
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));
const env = { ...process.env, CONCORD_DATA_DIR: dataDir, DATABASE_URL: '', CONCORD_LOG_LEVEL: 'silent' };

function concord(...args: string[]) {
  return run(process.execPath, ['bin/concord.js', ...args], { env, timeout: 60_000 });
}

// Each step starts a real process that opens the embedded database: slow on two busy cores, so a generous limit
// (the second test, eleven processes in a row, took 95 s of the former 120 s on a quiet CI machine).
describe('concord CLI', { timeout: 300_000 }, () => {
  it('has --help on every command', async () => {
    const top = await concord('--help');
    for (const command of ['serve', 'db', 'demo', 'user', 'audit', 'jobs', 'finance', 'intercept']) expect(top.stdout).toContain(command);
    for (const args of [
      ['db', 'migrate'],
      ['db', 'copy'],
      ['demo', 'seed'],
      ['user', 'add'],
      ['audit', 'verify'],
      ['jobs', 'list'],
      ['serve'],
      ['finance', 'audit'],
      ['finance', 'nightly-run'],
      ['intercept', 'match'],
      ['intercept', 'synthetic'],
      ['intercept', 'weights'],
    ]) {
      const help = await concord(...args, '--help');
      expect(help.stdout).toMatch(new RegExp(`Usage: concord ${args.join(' ')}`));
    }
  });

  it('migrates, seeds demo data idempotently, adds a user, lists jobs, verifies the audit log and names an edited row', async () => {
    expect((await concord('db', 'migrate')).stdout).toContain('Database is up to date (pglite)');
    expect((await concord('demo', 'seed', '--cases', '40', '--seed', '9')).stdout).toContain('Seeded demo cases 0–39 with seed 9');
    expect((await concord('demo', 'seed', '--cases', '40', '--seed', '9')).stdout).toContain('Seeded demo cases 0–39');
    const added = await concord(
      'user',
      'add',
      '--email',
      'new.admin@test.concord',
      '--name',
      'New Admin',
      '--role',
      'lcsa_admin',
      '--lcsa',
      'kern',
      '--password',
      'a long enough password',
    );
    expect(added.stdout).toContain('Created new.admin@test.concord (lcsa_admin, kern)');
    const claims = path.join(dataDir, 'claims.csv');
    fs.writeFileSync(
      claims,
      'claim_number,claim_type,payment_type,amount,loss_date,claimant_ssn,claimant_first_name,claimant_last_name,claimant_date_of_birth,claimant_address_line1,claimant_city,claimant_state,claimant_zip\n' +
        'CLI-1,liability,lump_sum,2500.00,2026-10-01,321549876,Kim,Alvarez,1984-05-05,1 Bay St,Oakland,CA,94601\n' +
        'CLI-2,liability,lump_sum,2500.00,2026-10-41,321549877,Lou,Alvarez,1984-05-06,,,,\n',
    );
    expect((await concord('intercept', 'refresh')).stdout).toMatch(/^\d+ of \d+ obligors can be matched/);
    expect((await concord('intercept', 'import', claims, '--insurer', '10001')).stdout).toContain(
      'claims.csv: 2 lines, 1 accepted (0 not reportable), 1 refused',
    );
    expect((await concord('intercept', 'import', claims, '--insurer', '10001')).stdout).toContain('claims.csv was already imported; nothing changed.');
    expect((await concord('finance', 'nightly-run', '--as-of', '2026-10-31')).stdout).toMatch(
      /^\d{2} accounts balanced as of 2026-10-31; \d+ differ from balances stated elsewhere/m,
    );
    expect((await concord('finance', 'nightly-run', '--as-of', '2026-10-31')).stdout).toContain('The run as of 2026-10-31 is done already');
    await expect(concord('db', 'copy', '--to', 'mysql://elsewhere/concord')).rejects.toMatchObject({
      stderr: expect.stringContaining('--to must be a postgres:// URL'),
    });
    await expect(concord('intercept', 'import', claims, '--insurer', '00000')).rejects.toMatchObject({
      stderr: expect.stringContaining('No insurer with NAIC code 00000'),
    });
    expect((await concord('jobs', 'list')).stdout).toContain('intercept.purge_unmatched');
    expect((await concord('audit', 'verify')).stdout).toMatch(/Audit log intact: \d+ rows checked/);
    // Edited behind Concord's back (the append-only trigger out of the way, as someone with table rights could): found and named.
    const database = await openDatabase({ kind: 'pglite', dataDir: path.join(dataDir, 'pglite') });
    await database.db.execute(sql`alter table audit_log disable trigger audit_log_no_update_delete`);
    const [edited] = await queryRows<{ id: string }>(
      database.db,
      sql`update audit_log set entity_id = 'forged' where id = (select max(id) from audit_log) returning id`,
    );
    await database.close();
    await expect(concord('audit', 'verify')).rejects.toMatchObject({
      code: 1,
      stdout: expect.stringContaining(`Audit log BROKEN at row ${edited!.id}: the row was edited`),
    });
  });

  it('audits a case history file offline, and names the path of a bad field', async () => {
    const csv = await concord('finance', 'audit', '--input', 'data/examples/finance-case.json', '--as-of', '2024-12-31', '--format', 'csv');
    // section, case, as-of, month; ordered, collected, principal paid, interest charged, accrued, paid; … principal, interest and futures owed.
    expect(csv.stdout.split('\n')[3]).toBe('month,EXAMPLE-T1,2024-12-31,2024-03,,,,,50000,80000,80000,833,0,0,,,,,,,,,70000,1250,0,,,,,,,');
    expect(csv.stdout.trim().split('\n').at(-1)).toMatch(/^total,EXAMPLE-T1,2024-12-31,/);
    const pdfPath = path.join(dataDir, 'statement.pdf');
    await concord('finance', 'audit', '--input', 'data/examples/finance-case.json', '--as-of', '2024-12-31', '--format', 'pdf', '--output', pdfPath);
    expect(pdfText(fs.readFileSync(pdfPath))).toContain('Child support account statement');
    const bad = path.join(dataDir, 'bad.json');
    fs.writeFileSync(
      bad,
      JSON.stringify({ formatVersion: 1, caseId: 'X', orders: [], collections: [{ id: 'a', receivedOn: '2024-02-30', amountCents: 5, source: 'voluntary' }] }),
    );
    await expect(concord('finance', 'audit', '--input', bad)).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining('/collections/0/receivedOn 2024-02-30 does not exist: February 2024 has 29 days'),
    });
    // The interest policy a court audit asks for: daily accrues December's interest that the monthly method posts on January's anniversaries.
    const interestOf = async (...policy: string[]) =>
      JSON.parse((await concord('finance', 'audit', '--input', 'data/examples/finance-case.json', '--as-of', '2024-12-31', ...policy)).stdout) as {
        interest: { method: string }[];
        balances: { interestCents: number };
      };
    const [monthly, daily] = [await interestOf(), await interestOf('--interest-policy', 'daily')];
    expect([monthly.interest[0]!.method, daily.interest[0]!.method]).toEqual(['monthly', 'daily']);
    expect(daily.balances.interestCents).toBeGreaterThan(monthly.balances.interestCents);
    await expect(concord('finance', 'audit', '--input', 'data/examples/finance-case.json', '--interest-policy', 'weekly')).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining('Allowed choices are monthly, daily'),
    });
  });

  it('writes labelled synthetic files and matches them offline, with a summary', async () => {
    const dir = path.join(dataDir, 'intercept');
    await concord('intercept', 'synthetic', '--dir', dir, '--obligors', '500', '--claims', '400', '--seed', '3', '--errors', 'light');
    const result = await concord('intercept', 'match', '--obligors', `${dir}/obligors.csv`, '--claims', `${dir}/claims.csv`, '--out', `${dir}/matches.csv`);
    expect(result.stdout).toMatch(/^400 claims against 500 obligors in [\d.]+ s: \d+ match, \d+ review, \d+ no match/m);
    // Too few obligors to estimate from: the report says the prior weights were used, and lists them.
    expect(result.stdout).toContain('too little to estimate from');
    expect(result.stdout).toMatch(/ssn +exact 19\.78 \(m 0\.90, u 0\.0000010\)/);
    const matches = fs.readFileSync(`${dir}/matches.csv`, 'utf8');
    expect(matches.trim().split('\n')).toHaveLength(401);
    // One thread writes the same file as the default (two on a machine with two cores).
    await concord('intercept', 'match', '--obligors', `${dir}/obligors.csv`, '--claims', `${dir}/claims.csv`, '--out', `${dir}/one.csv`, '--threads', '1');
    expect(fs.readFileSync(`${dir}/one.csv`, 'utf8')).toBe(matches);
    await expect(
      concord('intercept', 'match', '--obligors', `${dir}/obligors.csv`, '--claims', `${dir}/claims.csv`, '--out', `${dir}/x.csv`, '--threads', '0'),
    ).rejects.toMatchObject({
      stderr: expect.stringContaining('--threads must be a whole number, 1 or more.'),
    });
    // A bad value: skipped and reported by default; with --strict, the run stops and writes nothing.
    const claims = fs.readFileSync(`${dir}/claims.csv`, 'utf8').split('\n');
    claims[1] = claims[1]!.replace(/^([^,]*),[^,]*/, '$1,N/A');
    fs.writeFileSync(`${dir}/bad-claims.csv`, claims.join('\n'));
    const skipped = await concord('intercept', 'match', '--obligors', `${dir}/obligors.csv`, '--claims', `${dir}/bad-claims.csv`, '--out', `${dir}/bad.csv`);
    expect(skipped.stdout).toContain(`Skipped: 0 lines left out, 1 values read as missing, 0 doubtful values compared as written → ${dir}/bad.errors.csv`);
    await expect(
      concord('intercept', 'match', '--obligors', `${dir}/obligors.csv`, '--claims', `${dir}/bad-claims.csv`, '--out', `${dir}/strict.csv`, '--strict'),
    ).rejects.toMatchObject({ stderr: expect.stringContaining('bad-claims.csv line 2, field ssn: not nine digits.') });
    expect(fs.existsSync(`${dir}/strict.csv`)).toBe(false);
    // The weights used, saved, load into the database as a set in force from a date; a file that is not weights is refused by name.
    await concord(
      'intercept',
      'match',
      '--obligors',
      `${dir}/obligors.csv`,
      '--claims',
      `${dir}/claims.csv`,
      '--out',
      `${dir}/w.csv`,
      '--save-weights',
      `${dir}/w.json`,
    );
    expect(JSON.parse(fs.readFileSync(`${dir}/w.json`, 'utf8'))).toMatchObject({ format: 'concord-match-weights/1', levels: { ssn: { exact: { m: 0.9 } } } });
    const loaded = await concord('intercept', 'weights', `${dir}/w.json`, '--effective-from', '2026-01-01', '--note', 'synthetic files, seed 3');
    expect(loaded.stdout).toMatch(/^Loaded .*w\.json as match weights [0-9a-f-]{36}, in force from 2026-01-01\./m);
    fs.writeFileSync(`${dir}/not-weights.json`, '{"format":"concord-match-weights/1","levels":{}}');
    await expect(concord('intercept', 'weights', `${dir}/not-weights.json`, '--effective-from', '2026-01-01', '--note', 'x')).rejects.toMatchObject({
      stderr: expect.stringContaining('not-weights.json: weights: levels.ssn.exact.m must be a number above 0 and at most 1.'),
    });
    const database = await openDatabase({ kind: 'pglite', dataDir: path.join(dataDir, 'pglite') });
    const sets = await queryRows<{ effective_from: string; note: string }>(database.db, sql`select effective_from::text, note from intercept_match_weights`);
    await database.close();
    expect(sets).toEqual([{ effective_from: '2026-01-01', note: 'synthetic files, seed 3' }]);
  });

  it('says what is wrong with a bad argument and exits non-zero', async () => {
    await expect(concord('demo', 'seed', '--cases', 'many')).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining('--cases must be a whole number'),
    });
    await expect(concord('user', 'add', '--email', 'x@test.concord', '--name', 'X', '--role', 'wizard')).rejects.toMatchObject({
      stderr: expect.stringContaining('Allowed choices are'),
    });
  });
});
