/**
 * The hostile-input suite: what an attacker or a careless partner sends, and what must never follow —
 * a 500, personal data in a log line, a file that runs a formula, a record seen across a boundary.
 * Each case was found by a probe (issue 24) and failed before its fix. Findings whose test lives with its
 * module: two-way tables solved by subtraction (trauma/domain/privacy.test.ts, by brute force), an LCSA
 * subtracting others from a combined campaign and an answer joined to its person through a transaction id,
 * an audit row or a log line (trauma/trauma.http.test.ts), a dropped upload stream that left a claim import
 * waiting for ever (intercept/import-resume.http.test.ts). Issue 25 added: binary bytes, a never-issued SSN
 * and a 10 MB field in a claim line, claims imported twice (repeated in a file, or re-sent with CRLF), and a
 * disbursement unit receipt file taken whole or refused by line and field (intercept/remittances.http.test.ts). Issue 26
 * added: a query string (a bookmarked search page) in a request's log line, and a collection received after
 * today (accepted, then missing from every balance), and a list's order or export asked for with SQL, a column that
is not offered, or a LIKE wildcard (platform/lists). Every declared route with hostile input — and
 * the NUL character that reached PostgreSQL and answered 500 — is in hostile-routes.http.test.ts. Issue 28
 * added hostile-training.http.test.ts (cmi5 packages, a launched unit's credential, LTI launches). Issue 27
 * added: one malformed value in an analyst's offline file (`N/A` for an SSN, `04/07/1980`, a short row) stopped
 * the whole run with no output — now read as missing or left out and reported (intercept/offline.test.ts);
 * match weights loaded for the database's matching that are not probabilities, a list, a long string or a
 * prototype key (here), and a saved-weights file that is not JSON or names no level (intercept/domain/estimate.test.ts).
 * Issue 29 added: a stay in custody on a day that does not exist, with an exception the statute does not
 * list, not yet begun, released before it began, or with a prototype key (here); and, in an auditor's
 * case or obligor document, an enum value not allowed, a day that does not exist, broken JSON (by line and
 * column) and a value that fits no choice of a union (finance/interchange.test.ts); entries on the federal
 * report that are not whole cents, negative fees or a prototype key, an adjustment for a quarter that does not
 * exist or with an exception 45 CFR 95.19 does not list, and a drill-down into a computed line (here); an
 * adjustments sheet naming an unknown line, a quarter that is not one, or no reason (claims/claims.http.test.ts).
 * Issue 30 added (the parents' portal): a sign-up whose case number is wildcards, a birth date that does not
 * exist, one sign-up's finish attempted with a made-up token, a parent's account made by an administrator,
 * a parent on staff's routes and staff on a parent's, and a request carrying a field of its own (here); five
 * wrong codes, a second finish from one sign-up and another parent's case or notice (portal/portal.http.test.ts).
 * Later for issue 30: a parent on the liens queue or answering a lien request, a lien request naming another
 * person, a negative payoff and an answer to no request (here); a parent's payoff request with no lien, a
 * receiving parent's, a second answer, a payoff answer without its amount, a staff role group sent for a
 * family's survey answer (portal/portal.http.test.ts).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { DrizzleQueryError } from 'drizzle-orm/errors';
import { addDays, todayInCalifornia } from '../src/platform/dates';
import { queryRows } from '../src/platform/db/rows';
import { neutralised } from '../src/platform/export-cells';
import { safeError } from '../src/platform/http/log-safety';
import { clearAbandonedSpools, spoolUpload } from '../src/platform/spool';
import { zipOf } from './zip';
import { createLrsClient } from '../src/modules/training';
import { inTransaction } from '../src/platform/db/transaction';
import { makeNewCase, openCaseWithOrder, registerInsurer, useTestApp } from './app';

const { app, logs, signInAs } = await useTestApp();
const db = app.concord.database.db;
const admin = await signInAs('state_admin');
const worker = await signInAs('lcsa_caseworker', { lcsaId: 'los-angeles' });
const insurer = {
  id: await registerInsurer(app, admin.headers, {
    name: 'Hostile Mutual',
    naicCode: '54321',
    fein: '98-7654321',
    linesOfBusiness: ['life'],
    channel: 'direct',
  }),
};
const partner = await signInAs('insurer_partner', { partnerId: insurer.id });
const obligor = { ...makeNewCase().obligor, firstName: 'Marisol', lastName: 'Etxeberria', ssn: '901-66-4321', dateOfBirth: '1981-07-19' };
await openCaseWithOrder(app, worker.headers, {}, { obligor });

const header =
  'claim_number,claim_type,payment_type,amount,loss_date,claimant_ssn,claimant_first_name,claimant_last_name,claimant_date_of_birth,claimant_address_line1,claimant_city,claimant_state,claimant_zip';
const upload = (body: string, fileName = 'claims.csv') =>
  app.inject({
    method: 'POST',
    url: `/api/intercept/files?fileName=${encodeURIComponent(fileName)}&format=csv`,
    headers: { ...partner.headers, 'content-type': 'text/csv' },
    payload: body,
  });

/** Every personal value a hostile input carried, which no log line may contain. */
const secrets = ['901664321', '901-66-4321', 'Etxeberria', '1981-07-19', '900112222', 'Quixote'];
const leaked = () => secrets.filter((s) => logs.some((line) => line.includes(s)));

describe('hostile claim files', () => {
  it('refuses a line with a stray quote after the SSN by line and field, reads the rest, and logs no personal data', async () => {
    const body = [
      header,
      'H-1,life_beneficiary,lump_sum,100.00,2026-10-01,900112222",Don,Quixote,1960-01-01,1 Main,LA,CA,90012',
      'H-2,life_beneficiary,lump_sum,200.00,2026-10-01,901664321,Marisol,Etxeberria,1981-07-19,2 Main,LA,CA,90012',
    ].join('\n');
    const response = await upload(body, 'stray-quote.csv');
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({ lineCount: 2, acceptedCount: 1, rejectedCount: 1 });
    const errors = await app.inject({ url: `/api/intercept/files/${response.json<{ id: string }>().id}/errors.csv`, headers: partner.headers });
    expect(errors.body).toContain('stray-quote.csv,2,claimant_ssn,"has a quote inside an unquoted value');
    expect(errors.body).not.toContain('900112222');
    expect(leaked()).toEqual([]);
  });

  it('refuses a quote left open to the end of the file as one line, not a 500', async () => {
    const body = [header, 'H-3,life_beneficiary,lump_sum,100.00,2026-10-01,"900112222,Don,Quixote,1960-01-01,1 Main,LA,CA,90012'].join('\n');
    const response = await upload(body, 'open-quote.csv');
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({ acceptedCount: 0, rejectedCount: 1 });
    expect(leaked()).toEqual([]);
  });

  it('refuses NUL and binary bytes, an impossible SSN and a 10 MB field line by line, and reads the rest of the file', async () => {
    const body = [
      header,
      'H-10,life_beneficiary,lump_sum,100.00,2026-10-01,900112222,Don\u0000,Quixote,1960-01-01,1 Main,LA,CA,90012',
      'H-11,life_beneficiary,lump_sum,100.00,2026-10-01,666112222,Don,Quixote,1960-01-01,1 Main,LA,CA,90012',
      `H-12,life_beneficiary,lump_sum,100.00,2026-10-01,900112222,Don,Quixote,1960-01-01,${'A'.repeat(10 * 1024 * 1024)},LA,CA,90012`,
      'H-13,life_beneficiary,lump_sum,100.00,2026-10-01,900112222,Don,Quixote,1960-01-01,1 Main,LA,CA,90012',
    ].join('\n');
    const response = await upload(body, 'binary.csv');
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({ lineCount: 4, acceptedCount: 1, rejectedCount: 3 });
    const errors = (await app.inject({ url: `/api/intercept/files/${response.json<{ id: string }>().id}/errors.csv`, headers: partner.headers })).body;
    expect(errors).toContain('binary.csv,2,claimant_first_name,holds control or binary characters');
    expect(errors).toContain('binary.csv,3,claimant_ssn,is never issued (area 000 or 666; group 00; serial 0000)');
    expect(errors).toContain('binary.csv,4,claimant_address_line1,is longer than 120 characters');
    expect(errors).not.toContain('666112222');
    expect(leaked()).toEqual([]);
  });

  it('imports a claim number once per insurer: repeated in one file, or the same claims again with other line endings', async () => {
    const lines = [
      'H-20,life_beneficiary,lump_sum,100.00,2026-10-01,900112222,Don,Quixote,1960-01-01,1 Main,LA,CA,90012',
      'H-21,life_beneficiary,lump_sum,100.00,2026-10-01,900112223,Ana,Quixote,1961-01-01,1 Main,LA,CA,90012',
      'H-20,life_beneficiary,lump_sum,150.00,2026-10-01,900112222,Don,Quixote,1960-01-01,1 Main,LA,CA,90012',
    ];
    const first = await upload([header, ...lines].join('\n'), 'dup-lf.csv');
    expect(first.json()).toMatchObject({ acceptedCount: 2, rejectedCount: 1 });
    const errors = (await app.inject({ url: `/api/intercept/files/${first.json<{ id: string }>().id}/errors.csv`, headers: partner.headers })).body;
    expect(errors).toContain('dup-lf.csv,4,claim_number,repeats the claim on line 2 of this file');
    // The same claims with CRLF endings: other bytes, the same claims — none imported again.
    const again = await upload([header, ...lines].join('\r\n'), 'dup-crlf.csv');
    expect(again.statusCode).toBe(201);
    expect(again.json()).toMatchObject({ acceptedCount: 0, rejectedCount: 3 });
    const stored = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from intercept_claims where claim_number in ('H-20', 'H-21')`);
    expect(stored[0]!.n).toBe(2);
  });
});

describe('hostile match weights', () => {
  it('refuses weights that are not numbers in (0, 1], a list, a long string or a prototype key, naming the value, and keeps no set', async () => {
    const levels = (value: unknown) => ({ format: 'concord-match-weights/1', levels: { ssn: { exact: { m: 0.9, u: value } } } });
    const load = (weights: unknown) =>
      app.inject({
        method: 'POST',
        url: '/api/intercept/match-weights',
        headers: admin.headers,
        payload: { weights, effectiveFrom: todayInCalifornia(), note: 'hostile' },
      });
    for (const [weights, detail] of [
      [levels('1e-6'), 'weights: levels.ssn.exact.u must be a number above 0 and at most 1.'],
      [levels(Number.POSITIVE_INFINITY), 'weights: levels.ssn.exact.u must be a number above 0 and at most 1.'],
      [levels(-0), 'weights: levels.ssn.exact.u must be a number above 0 and at most 1.'],
      [[1, 2, 3], 'weights: format must be "concord-match-weights/1".'],
      ['x'.repeat(10_000), 'weights: format must be "concord-match-weights/1".'],
    ] as const) {
      const refused = await load(weights);
      expect(refused.statusCode, detail).toBe(400);
      expect(refused.json()).toMatchObject({ code: 'invalid_match_weights', detail });
    }
    // A prototype key is refused by the body parser before any code reads it.
    const proto = await load(JSON.parse('{"format":"concord-match-weights/1","levels":{"__proto__":{"exact":{"m":1,"u":1}}}}'));
    expect(proto.statusCode).toBe(400);
    expect((await app.inject({ url: '/api/intercept/match-weights', headers: admin.headers })).json()).toEqual([]);
  });
});

describe('files with personal data', () => {
  it("are refused to roles that may not see intercept notices, the insurer's own copy included", async () => {
    expect((await app.inject({ method: 'POST', url: '/api/intercept/matchable/refresh', headers: admin.headers })).statusCode).toBe(200);
    const line = 'N-1,life_beneficiary,lump_sum,"9,000.00",2026-10-01,901664321,Marisol,Etxeberria,1981-07-19,1 Main St,Los Angeles,CA,90012';
    expect((await upload([header, line].join('\n'), 'notice.csv')).statusCode).toBe(201);
    const [match] = await queryRows<{ id: string }>(
      db,
      sql`select m.id from intercept_matches m join intercept_claims c on c.id = m.claim_id where c.claim_number = 'N-1'`,
    );
    const notice = await app.inject({ method: 'POST', url: `/api/intercept/matches/${match!.id}/notice`, headers: admin.headers });
    expect(notice.statusCode).toBe(201);
    const url = `/api/intercept/notices/${notice.json<{ id: string }>().id}/notice.pdf`;
    for (const role of ['trainer', 'auditor', 'state_staff', 'lcsa_budget', 'lcsa_auditor_controller'] as const) {
      const outsider = await signInAs(role, { lcsaId: 'los-angeles' });
      expect((await app.inject({ url, headers: outsider.headers })).statusCode, role).toBe(403);
    }
    expect((await app.inject({ url, headers: partner.headers })).statusCode).toBe(200);
    expect((await app.inject({ url, headers: worker.headers })).statusCode).toBe(200);
  });
});

describe('sign-in', () => {
  it('keeps counting attempts from one address however the X-Forwarded-For header rotates', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      const forged = { 'x-forwarded-for': `203.0.113.${i}` };
      statuses.push(
        (await app.inject({ method: 'POST', url: '/api/auth/sign-in', headers: forged, payload: { email: 'rotate@test.concord', password: 'x' } })).statusCode,
      );
    }
    expect(statuses.slice(10)).toEqual([429, 429]);
  });
});

describe('accounts and answers', () => {
  it("refuses to make a title company's user of an insurer, or an insurer's of a title company", async () => {
    const body = {
      email: 'cross.partner@test.concord',
      displayName: 'Cross',
      password: 'a long enough passphrase 2026',
      role: 'title_escrow_partner',
      partnerId: insurer.id,
    };
    const crossed = await app.inject({ method: 'POST', url: '/api/users', headers: admin.headers, payload: body });
    expect(crossed.statusCode).toBe(400);
    expect(crossed.json()).toMatchObject({ code: 'partner_role_mismatch' });
    const fitting = await app.inject({ method: 'POST', url: '/api/users', headers: admin.headers, payload: { ...body, role: 'insurer_partner' } });
    expect(fitting.statusCode).toBe(201);
  });

  it('tell no cache to keep an answer that carries personal data', async () => {
    const hostile = makeNewCase({ caseNumber: 'HOSTILE-CACHE-1' });
    const created = await app.inject({ method: 'POST', url: '/api/cases', headers: worker.headers, payload: hostile });
    const read = await app.inject({ url: `/api/cases/${created.json<{ id: string }>().id}`, headers: worker.headers });
    expect(read.statusCode).toBe(200);
    expect(read.headers['cache-control']).toBe('no-store');
    const exported = await app.inject({ url: '/api/cases/export.csv', headers: worker.headers });
    expect(exported.headers['cache-control']).toBe('no-store');
  });
});

describe('attempts', () => {
  it("leave an audit row when a caseworker asks for another LCSA's case and is told it is not there", async () => {
    const sacramento = await signInAs('lcsa_caseworker', { lcsaId: 'sacramento' });
    const theirs = await app.inject({ method: 'POST', url: '/api/cases', headers: worker.headers, payload: makeNewCase({ caseNumber: 'HOSTILE-ATTEMPT-1' }) });
    const caseId = theirs.json<{ id: string }>().id;
    expect((await app.inject({ url: `/api/cases/${caseId}`, headers: sacramento.headers })).statusCode).toBe(404);
    const rows = await queryRows<{ outcome: string; action: string; detail: { code: string } }>(
      db,
      sql`select outcome, action, detail from audit_log where actor_user_id = ${sacramento.userId} and entity_id = ${caseId}`,
    );
    expect(rows).toEqual([{ outcome: 'failed', action: 'GET /api/cases/:id', detail: { code: 'case_not_found', status: 404 } }]);
  });
});

describe('upload spools', () => {
  it('hold an upload encrypted, read it back whole, and leave nothing when removed', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'concord-spool-test-'));
    const content = `${header}\nS-1,life_beneficiary,lump_sum,100.00,2026-10-01,901664321,Marisol,Etxeberria,1981-07-19,1 Main,LA,CA,90012\n`;
    const file = await spoolUpload(Readable.from([Buffer.from(content)]), 1_000_000, () => new Error('too large'), root);
    const [spooled] = fs.readdirSync(path.join(root, String(process.pid)));
    const onDisk = fs.readFileSync(path.join(root, String(process.pid), spooled!));
    expect(onDisk.length).toBe(Buffer.byteLength(content));
    for (const secret of ['901664321', 'Etxeberria', 'claim_number']) expect(onDisk.includes(secret)).toBe(false);
    expect(Buffer.concat(await file.open().toArray()).toString()).toBe(content);
    expect(Buffer.concat(await file.open().toArray()).toString()).toBe(content);
    file.remove();
    expect(fs.readdirSync(path.join(root, String(process.pid)))).toEqual([]);
    await expect(spoolUpload(Readable.from([Buffer.alloc(2_000)]), 1_000, () => new Error('too large'), root)).rejects.toThrow('too large');
    expect(fs.readdirSync(path.join(root, String(process.pid)))).toEqual([]);
    fs.rmSync(root, { recursive: true, force: true });
  });

  it("are removed at start when the process that wrote them is gone, with older versions' plaintext folders", () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'concord-tmp-test-'));
    const root = path.join(tmp, 'concord-spool');
    const dead = path.join(root, '2147483646');
    const alive = path.join(root, String(process.ppid));
    const legacy = path.join(tmp, 'concord-upload-abc');
    for (const dir of [dead, alive, legacy]) fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(legacy, 'upload'), '901664321,Marisol,Etxeberria');
    fs.writeFileSync(path.join(dead, 'upload'), 'ciphertext');
    expect(clearAbandonedSpools(root, tmp)).toBe(2);
    expect(fs.existsSync(dead)).toBe(false);
    expect(fs.existsSync(legacy)).toBe(false);
    expect(fs.existsSync(alive)).toBe(true);
    fs.rmSync(tmp, { recursive: true, force: true });
  });
});

/** A zip written by hand, so that its headers can say what the test wants (a bomb declares a small size). */
describe('uploaded workbooks', () => {
  const xlsx = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  const importClaim = async (payload: Buffer) => {
    const preparer = await signInAs('lcsa_budget', { lcsaId: 'los-angeles' });
    return app.inject({ method: 'POST', url: '/api/claims/import?quarter=2026-Q2', headers: { ...preparer.headers, 'content-type': xlsx }, payload });
  };
  const bomb = Buffer.alloc(64 * 2 ** 20, 0x20);

  it('refuse a zip bomb before it is unpacked into memory, whatever its headers declare', async () => {
    const honest = zipOf([{ name: 'xl/worksheets/sheet1.xml', data: bomb }]);
    expect(honest.length).toBeLessThan(200_000);
    const refused = await importClaim(honest);
    expect(refused.statusCode).toBe(413);
    expect(refused.json()).toMatchObject({ code: 'workbook_too_large' });
    // Headers that understate the size: the part is refused as damaged once it inflates past what it declared.
    const lying = await importClaim(zipOf([{ name: 'xl/worksheets/sheet1.xml', data: bomb, declaredSize: 1_000 }]));
    expect(lying.statusCode).toBe(400);
    expect(lying.json()).toMatchObject({ code: 'workbook_unreadable' });
  });

  it('refuse a file that is not a workbook, and a workbook with more rows than a claim has, with a clear answer', async () => {
    const notZip = await importClaim(Buffer.from('PK\u0003\u0004 not really a zip'));
    expect(notZip.statusCode).toBe(400);
    expect(notZip.json()).toMatchObject({ code: 'workbook_unreadable' });
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Claim');
    for (let i = 1; i <= 2_500; i++) sheet.addRow(['salaries', 'Salaries', i]);
    const long = await importClaim(Buffer.from(await workbook.xlsx.writeBuffer()));
    expect(long.statusCode).toBe(413);
    expect(long.json().detail).toContain('2500 rows on sheet Claim');
  });
});

describe('passwords', () => {
  it('refuses twelve characters that are easy to guess, and takes a passphrase', async () => {
    const body = { email: 'weak.password@test.concord', displayName: 'Weak Password', role: 'auditor' };
    for (const password of ['Password123!', 'qwertyuiop123', 'password1234', 'aaaaaaaaaaaa', 'weak.password@test.concord']) {
      const refused = await app.inject({ method: 'POST', url: '/api/users', headers: admin.headers, payload: { ...body, password } });
      expect(refused.statusCode, password).toBe(400);
      expect(refused.json(), password).toMatchObject({ code: 'password_too_weak', errors: [{ path: '/password' }] });
      if (password === 'Password123!') expect(refused.json().detail).toContain('it is like a commonly used password');
    }
    const taken = await app.inject({ method: 'POST', url: '/api/users', headers: admin.headers, payload: { ...body, password: 'lantern orbit pickle 2031' } });
    expect(taken.statusCode).toBe(201);
  });
});

describe('exports', () => {
  const formula = '=HYPERLINK("http://evil.example/x","Open")';
  it('write a name that looks like a formula as text in the case export', async () => {
    const hostile = makeNewCase({ caseNumber: 'HOSTILE-FORMULA-1' });
    const created = await app.inject({
      method: 'POST',
      url: '/api/cases',
      headers: worker.headers,
      payload: { ...hostile, obligor: { ...hostile.obligor, lastName: formula, firstName: '@SUM(1+1)' } },
    });
    expect(created.statusCode).toBe(201);
    const exported = await app.inject({ url: '/api/cases/export.csv?caseNumber=HOSTILE-FORMULA-1', headers: worker.headers });
    expect(exported.statusCode).toBe(200);
    const cells = exported.body.split('\n')[1]!;
    expect(cells).toContain(`"'=HYPERLINK(""http://evil.example/x"",""Open""), @SUM(1+1)"`);
    expect(cells).not.toMatch(/(^|,)"?[=@]/);
  });

  it("write a claim file's name that looks like a formula as text in its errors download", async () => {
    const response = await upload([header, ',bad_type,weekly,x,2026-10-04,12,,,,,,,'].join('\n'), '=cmd|calc!A1.csv');
    expect(response.statusCode).toBe(201);
    const errors = await app.inject({ url: `/api/intercept/files/${response.json<{ id: string }>().id}/errors.csv`, headers: partner.headers });
    for (const line of errors.body.trim().split('\n').slice(1)) expect(line.startsWith("'=cmd|calc!A1.csv,")).toBe(true);
  });

  it('neutralise every formula start but leave numbers written as text', () => {
    for (const text of ['=1+1', '+1+1', '-1+1', '@A1', '\t=1', '\r=1']) expect(neutralised(text)).toBe(`'${text}`);
    for (const text of ['-12.50', '42', 'Quintana', '']) expect(neutralised(text)).toBe(text);
  });
});

describe('error log lines', () => {
  it("carry a failed query's SQL and the driver's place, never its parameters, detail or quoted values", () => {
    const driver = Object.assign(new Error('invalid input syntax for type date: "1981-07-19"'), {
      code: '22007',
      table: 'intercept_claims',
      detail: 'Failing row contains (Marisol, Etxeberria, 1981-07-19, 901664321).',
    });
    const failed = new DrizzleQueryError(
      'insert into "intercept_claims" ("first_name", "last_name") values ($1, $2)',
      ['Marisol', 'Etxeberria', '901664321'],
      driver,
    );
    const logged = JSON.stringify(safeError(failed));
    expect(logged).toContain('insert into \\"intercept_claims\\"');
    expect(logged).toContain('22007');
    for (const secret of ['Marisol', 'Etxeberria', '1981-07-19', '901664321']) expect(logged).not.toContain(secret);
    expect(JSON.stringify(safeError(new Error("SSN '900-11-2222' at 12"))).includes('900')).toBe(false);
  });
});

describe('request log lines', () => {
  it('never carry a query string: a name or SSN digits in an address (a bookmarked search page, a GET with ?q=) stay out of the log', async () => {
    const marker = logs.length;
    await app.inject({ method: 'GET', url: '/search?q=Etxeberria%204321%2007/19/1981', headers: worker.headers });
    await app.inject({ method: 'GET', url: '/api/cases?caseNumber=Etxeberria', headers: worker.headers });
    const lines = logs.slice(marker).join('');
    expect(lines).toContain('/api/cases');
    expect(lines).not.toMatch(/Etxeberria|4321|1981/);
  });
});

describe('dates after today', () => {
  it('refuse a collection received tomorrow (it would sit outside every balance), per case and per obligor, naming the field', async () => {
    const finance = await signInAs('lcsa_finance', { lcsaId: 'los-angeles' });
    const opened = await openCaseWithOrder(app, worker.headers);
    const tomorrow = addDays(todayInCalifornia(), 1);
    const payload = { receiptId: `FUT-${opened.id.slice(0, 8)}`, receivedOn: tomorrow, amountCents: 10_000, source: 'voluntary' };
    const perCase = await app.inject({ method: 'POST', url: `/api/cases/${opened.id}/collections`, headers: finance.headers, payload });
    expect(perCase.statusCode).toBe(400);
    expect(perCase.json()).toMatchObject({ code: 'received_in_future', errors: [{ path: '/receivedOn' }] });
    const obligorId = opened.participants.find((p) => p.role === 'obligor')!.id;
    const perObligor = await app.inject({ method: 'POST', url: `/api/persons/${obligorId}/collections`, headers: finance.headers, payload });
    expect(perObligor.json()).toMatchObject({ code: 'received_in_future' });
    const [posted] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from finance_collections where receipt_id = ${payload.receiptId}`);
    expect(posted!.n).toBe(0);
    const today = await app.inject({
      method: 'POST',
      url: `/api/cases/${opened.id}/collections`,
      headers: finance.headers,
      payload: { ...payload, receivedOn: todayInCalifornia() },
    });
    expect(today.statusCode).toBe(201);
  });
});

describe('stays in custody', () => {
  it('refuse a day that does not exist, an exception the statute does not list, a stay the obligor is not yet in and a prototype key, naming the field, and keep nothing', async () => {
    const finance = await signInAs('lcsa_finance', { lcsaId: 'los-angeles' });
    const opened = await openCaseWithOrder(app, worker.headers);
    const obligorId = opened.participants.find((p) => p.role === 'obligor')!.id;
    const url = `/api/persons/${obligorId}/incarcerations`;
    const tomorrow = addDays(todayInCalifornia(), 1);
    const cases: [Record<string, unknown>, string][] = [
      [{ from: '2023-02-29', source: 'County jail roster' }, '/from'],
      [{ from: '2024-02-01', exceptions: ['rich_uncle'], source: 'County jail roster' }, '/exceptions/0'],
      [{ from: tomorrow, source: 'County jail roster' }, '/from'],
      [{ from: '2024-02-01', releasedOn: '2024-01-01', source: 'County jail roster' }, '/releasedOn'],
    ];
    for (const [payload, field] of cases) {
      const answer = await app.inject({ method: 'POST', url, headers: finance.headers, payload });
      expect(answer.statusCode, `${JSON.stringify(payload)}: ${answer.body}`).toBe(400);
      expect(JSON.stringify(answer.json<{ errors?: { path: string }[] }>().errors?.map((e) => e.path)), answer.body).toContain(field);
    }
    const prototyped = await app.inject({
      method: 'POST',
      url,
      headers: { ...finance.headers, 'content-type': 'application/json' },
      payload: '{"from":"2024-02-01","source":"County jail roster","__proto__":{"isAdmin":true}}',
    });
    expect(prototyped.statusCode).toBe(400);
    const [kept] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from finance_incarcerations where person_id = ${obligorId}`);
    expect(kept!.n).toBe(0);
  });
});

describe('the federal report and claim adjustments', () => {
  it('refuse entries that are not whole cents, negative fees, a prototype key, an exception the regulation does not list, a report line that is not from the claims, and keep nothing', async () => {
    const reviewer = await signInAs('state_staff');
    const preparer = await signInAs('lcsa_budget', { lcsaId: 'los-angeles' });
    const url = '/api/claims/consolidated/entries?quarter=2025-Q3';
    const fine = { collectionsAdjustmentCents: 0, fplsFeesCents: 0, csenetFeesCents: 0, preOffsetFeesCents: 0, adjustmentCents: 0, incentiveEstimateCents: 0 };
    for (const [payload, field] of [
      [{ ...fine, fplsFeesCents: 12.5 }, '/fplsFeesCents'],
      [{ ...fine, csenetFeesCents: -1 }, '/csenetFeesCents'],
      [{ ...fine, adjustmentCents: 1.005 }, '/adjustmentCents'],
      [{ ...fine, incentiveEstimateCents: 10_000_000_001 }, '/incentiveEstimateCents'],
    ] as const) {
      const answer = await app.inject({ method: 'PUT', url, headers: reviewer.headers, payload });
      expect(answer.statusCode, answer.body).toBe(400);
      expect(JSON.stringify(answer.json<{ errors?: { path: string }[] }>().errors?.map((e) => e.path))).toContain(field);
    }
    const prototyped = await app.inject({
      method: 'PUT',
      url,
      headers: { ...reviewer.headers, 'content-type': 'application/json' },
      payload: JSON.stringify(fine).replace('}', ',"__proto__":{"isAdmin":true}}'),
    });
    expect(prototyped.statusCode).toBe(400);
    const [kept] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from claim_federal_entries where quarter = '2025-Q3'`);
    expect(kept!.n).toBe(0);
    // Line 14 is computed, not made of LCSA claim lines: no drill-down, a clear 404.
    const drill = await app.inject({ url: '/api/claims/consolidated/drill-down?quarter=2025-Q3&line=14', headers: reviewer.headers });
    expect(drill.json()).toMatchObject({ status: 404, code: 'line_not_found' });
    const claim = await app.inject({
      method: 'POST',
      url: '/api/claims',
      headers: preparer.headers,
      payload: {
        lcsaId: 'los-angeles',
        quarter: '2025-Q3',
        lines: {},
        attachments: [],
        adjustments: [{ line: 'salaries', quarter: '2025-Q5', amountCents: 1, reason: 'x', exception: 'because' }],
      },
    });
    expect(claim.statusCode).toBe(400);
    const paths = JSON.stringify(claim.json<{ errors?: { path: string }[] }>().errors?.map((e) => e.path));
    for (const field of ['/adjustments/0/quarter', '/adjustments/0/reason', '/adjustments/0/exception']) expect(paths).toContain(field);
  });
});

describe('list order, filters and exports', () => {
  it('take only the columns a list offers to sort by, never SQL, and read a LIKE wildcard as text', async () => {
    for (const sort of ['dueBy;drop table liens', 'case_number', 'dueBy desc', '(select 1)']) {
      const answer = await app.inject({ url: `/api/liens?sort=${encodeURIComponent(sort)}`, headers: worker.headers });
      expect(answer.statusCode, sort).toBe(400);
      expect(answer.json().errors[0].path).toBe('querystring/sort');
    }
    const unknown = await app.inject({ url: '/api/liens?sort=personId', headers: worker.headers });
    expect(unknown.json()).toMatchObject({ code: 'sort_unknown', errors: [{ path: 'querystring/sort', message: expect.stringContaining('dueBy') }] });
    for (const query of ['pageSize=100000', 'page=0', 'dir=sideways', `q=${'x'.repeat(101)}`]) {
      expect((await app.inject({ url: `/api/claims?${query}`, headers: admin.headers })).statusCode, query).toBe(400);
    }
    // A LIKE wildcard in q is text: '%' matches no case number rather than every one.
    expect((await app.inject({ url: '/api/liens?q=%25', headers: worker.headers })).json().total).toBe(0);
  });
});

describe('an outside learning system that lies', () => {
  it('is refused, with nothing stored, when its attachment data does not match its hash, belongs to no attachment, is not binary, or its signature is forged', async () => {
    const { key, secret } = await inTransaction(db, (tx) => createLrsClient(tx, 'Hostile LMS', { scopes: ['statements/write', 'statements/read/mine'] }));
    const headers = (contentType: string) => ({
      authorization: `Basic ${Buffer.from(`${key}:${secret}`).toString('base64')}`,
      'x-experience-api-version': '1.0.3',
      'content-type': contentType,
    });
    const sha256 = (text: string) => crypto.createHash('sha256').update(text).digest('hex');
    const statement = (attachment: object) => ({
      id: crypto.randomUUID(),
      actor: { mbox: 'mailto:learner@example.com' },
      verb: { id: 'http://adlnet.gov/expapi/verbs/completed' },
      object: { id: 'http://example.com/activities/hostile' },
      attachments: [{ usageType: 'http://example.com/usage', display: { 'en-US': 'File' }, contentType: 'text/plain', length: 4, ...attachment }],
    });
    const send = (body: object, parts: string) =>
      app.inject({
        method: 'POST',
        url: '/xapi/statements',
        headers: headers('multipart/mixed; boundary=hb'),
        payload: `--hb\r\nContent-Type: application/json\r\n\r\n${JSON.stringify(body)}\r\n${parts}--hb--\r\n`,
      });
    const part = (content: string, hash: string, encoding = 'Content-Transfer-Encoding: binary\r\n') =>
      `--hb\r\nContent-Type: text/plain\r\n${encoding}X-Experience-API-Hash: ${hash}\r\n\r\n${content}\r\n`;
    const cases: [string, object, string, string][] = [
      ["a hash that is not the content's", statement({ sha2: sha256('real') }), part('fake', sha256('real')), 'attachment_hash_mismatch'],
      ['data no attachment names', statement({ fileUrl: 'http://example.com/f', sha2: sha256('x') }), part('more', sha256('more')), 'attachment_unexpected'],
      ['a part that is not binary', statement({ sha2: sha256('data') }), part('data', sha256('data'), ''), 'multipart_invalid'],
    ];
    const forged = `${Buffer.from('{"alg":"HS256"}').toString('base64url')}.${Buffer.from('{}').toString('base64url')}.AAAA`;
    cases.push([
      'a signature in HS256',
      statement({ usageType: 'http://adlnet.gov/expapi/attachments/signature', contentType: 'application/octet-stream', sha2: sha256(forged) }),
      `--hb\r\nContent-Type: application/octet-stream\r\nContent-Transfer-Encoding: binary\r\nX-Experience-API-Hash: ${sha256(forged)}\r\n\r\n${forged}\r\n`,
      'signature_invalid',
    ]);
    for (const [what, body, parts, code] of cases) {
      const answer = await send(body, parts);
      expect(answer.statusCode, what).toBe(400);
      expect(answer.json().code, what).toBe(code);
      const id = (body as { id: string }).id;
      expect((await app.inject({ url: `/xapi/statements?statementId=${id}`, headers: headers('application/json') })).statusCode, what).toBe(404);
    }
    // And it reads nothing beyond its scopes.
    const read = await app.inject({
      url: '/xapi/agents/profile?agent=%7B%22mbox%22%3A%22mailto%3Aa%40example.com%22%7D',
      headers: headers('application/json'),
    });
    expect(read.json()).toMatchObject({ status: 403, code: 'lrs_scope_missing' });
  });
});

describe("the parents' portal (issue 30)", () => {
  const facts = { caseNumber: 'HOSTILE-PORTAL-1', dateOfBirth: '1981-07-19', ssnLast4: '4321', language: 'en' };
  const signUp = (body: object) => app.inject({ method: 'POST', url: '/api/portal/sign-up', payload: body });

  it('finds nobody for a case number of wildcards, refuses a day that does not exist, and logs none of the facts', async () => {
    const wildcard = await signUp({ ...facts, caseNumber: '%%%' });
    expect(wildcard.statusCode).toBe(202);
    const [row] = await queryRows<{ personId: string | null }>(
      db,
      sql`select person_id as "personId" from portal_sign_ups where id = ${wildcard.json().signUpId}`,
    );
    expect(row!.personId).toBeNull();
    const impossible = await signUp({ ...facts, dateOfBirth: '1981-02-30' });
    expect(impossible.statusCode).toBe(400);
    const letters = await signUp({ ...facts, ssnLast4: 'abcd' });
    expect(letters.statusCode).toBe(400);
    expect(logs.join('\n')).not.toContain('HOSTILE-PORTAL-1');
    expect(leaked()).toEqual([]);
  });

  it("refuses one sign-up's finish token on another, and a parent account made by an administrator", async () => {
    const first = (await signUp(facts)).json<{ signUpId: string }>();
    const second = (await signUp({ ...facts, caseNumber: 'HOSTILE-PORTAL-2' })).json<{ signUpId: string }>();
    // Neither matched a parent: no code can verify them, and a made-up token finishes nothing.
    const verify = await app.inject({ method: 'POST', url: '/api/portal/sign-up/verify', payload: { signUpId: first.signUpId, code: '123456' } });
    expect(verify.statusCode).toBe(400);
    const finish = await app.inject({
      method: 'POST',
      url: '/api/portal/sign-up/finish',
      payload: {
        signUpId: second.signUpId,
        finishToken: 'psu_made-up-token',
        email: 'forged@example.org',
        password: 'a long enough passphrase 2026',
        language: 'en',
      },
    });
    expect(finish.statusCode).toBe(400);
    expect(finish.json().code).toBe('portal_sign_up_unfinished');
    const made = await app.inject({
      method: 'POST',
      url: '/api/users',
      headers: admin.headers,
      payload: { email: 'made.parent@test.concord', displayName: 'Made', password: 'a long enough passphrase 2026', role: 'parent' },
    });
    expect(made.statusCode).toBe(400);
    expect(made.json().code).toBe('parent_account_self_service');
  });

  it("gives a parent nothing of staff's, and staff nothing of a parent's own routes", async () => {
    const parent = await signInAs('parent');
    for (const url of ['/api/cases', '/api/portal/staff/requests', '/api/intercept/notices', '/api/audit']) {
      expect((await app.inject({ url, headers: parent.headers })).statusCode, url).toBe(403);
    }
    expect((await app.inject({ url: '/api/portal/cases', headers: worker.headers })).statusCode).toBe(403);
    const asStaff = await app.inject({ method: 'POST', url: '/api/portal/requests', headers: worker.headers, payload: { kind: 'safety_concern' } });
    expect(asStaff.statusCode).toBe(403);
    // A request with a field of its own (a role, another person) is refused whole.
    const smuggled = await app.inject({
      method: 'POST',
      url: '/api/portal/requests',
      headers: parent.headers,
      payload: { kind: 'contact_update', phone: '(213) 555-0100', personId: crypto.randomUUID() },
    });
    expect(smuggled.statusCode).toBe(400);
  });

  it("keeps a parent out of liens' answers and a families' survey answer from choosing staff's groups", async () => {
    const parent = await signInAs('parent');
    // A parent cannot read or answer the liens queue, nor send a payoff request naming another person.
    expect((await app.inject({ url: '/api/lien-parent-requests', headers: parent.headers })).statusCode).toBe(403);
    const answered = await app.inject({
      method: 'POST',
      url: `/api/lien-parent-requests/${crypto.randomUUID()}/answer`,
      headers: parent.headers,
      payload: { answer: 'I answer my own request.', payoffCents: 0, goodThrough: '2099-01-01' },
    });
    expect(answered.statusCode).toBe(403);
    const someoneElse = await app.inject({
      method: 'POST',
      url: '/api/portal/requests',
      headers: parent.headers,
      payload: { kind: 'lien_release', personId: crypto.randomUUID() },
    });
    expect(someoneElse.statusCode).toBe(400);
    // Staff: a negative payoff, or an answer to a request that does not exist.
    const negative = await app.inject({
      method: 'POST',
      url: `/api/lien-parent-requests/${crypto.randomUUID()}/answer`,
      headers: worker.headers,
      payload: { answer: 'A payoff below nothing.', payoffCents: -100, goodThrough: '2099-01-01' },
    });
    expect(negative.statusCode).toBe(400);
    const missing = await app.inject({
      method: 'POST',
      url: `/api/lien-parent-requests/${crypto.randomUUID()}/answer`,
      headers: worker.headers,
      payload: { answer: 'Nothing to answer here.' },
    });
    expect(missing.statusCode).toBe(404);
  });
});
