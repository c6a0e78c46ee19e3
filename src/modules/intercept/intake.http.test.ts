/**
 * Claim intake over HTTP on a real database: an insurer uploads a CSV with good, bad, not-reportable and
 * matching lines; the same file again changes nothing; the errors download names line, field and
 * reason; the LCSA caseworker reviews a candidate side by side; unmatched claimants are purged.
 */
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { makeNewCase, openCaseWithOrder, registerInsurer, useTestApp } from '../../../test/app';
import { todayInCalifornia, addMonthsClamped } from '../../platform/dates';
import { inTransaction } from '../../platform/db/transaction';
import { pdfText } from '../../../test/pdf-text';
import { toFixedWidth, type ClaimLine } from './formats';
import { purgeUnmatched } from './review';

const { app, signInAs } = await useTestApp();
const db = app.concord.database.db;
const admin = await signInAs('state_admin');
const worker = await signInAs('lcsa_caseworker', { lcsaId: 'los-angeles' });

const insurer = {
  id: await registerInsurer(app, admin.headers, {
    name: 'Test Mutual Life',
    naicCode: '12345',
    fein: '12-3456789',
    linesOfBusiness: ['life', 'disability'],
    channel: 'direct',
  }),
};
const partner = await signInAs('insurer_partner', { partnerId: insurer.id });

// An obligor who owes: $500 a month since January 2024, nothing paid.
const obligor = { ...makeNewCase().obligor, firstName: 'Roberto', lastName: 'Quintana', ssn: '901-55-1234', dateOfBirth: '1979-03-14', zip: '90012' };
const obligorCase = await openCaseWithOrder(app, worker.headers, {}, { obligor });
const refreshed = await app.inject({ method: 'POST', url: '/api/intercept/matchable/refresh', headers: admin.headers });

const header =
  'claim_number,claim_type,payment_type,amount,loss_date,claimant_ssn,claimant_first_name,claimant_last_name,claimant_date_of_birth,claimant_address_line1,claimant_city,claimant_state,claimant_zip';
const csv = [
  header,
  'CL-1,life_beneficiary,lump_sum,"25,000.00",2026-10-01,901551234,Bob,Quintana,1979-03-14,1 Main St,Los Angeles,CA,90012',
  'CL-2,disability_income,periodic,3000.00,2026-10-02,,Roberto,Quintana,1979-03-24,77 Far Rd,Fresno,CA,93701',
  'CL-3,liability,lump_sum,5000.00,2026-13-01,123456789,Ana,Ruiz,1980-01-01,,,,',
  'CL-4,liability,lump_sum,500.00,2026-10-03,123456780,Ana,Ruiz,1980-01-01,,,,',
  'CL-5,property_repair,lump_sum,9000.00,2026-10-03,123456781,Ana,Ruiz,1980-01-01,,,,',
  'CL-6,annuity_payment,lump_sum,4000.00,2026-10-04,555667777,Lee,Chen,1991-06-06,5 Elm St,Oakland,CA,94601',
  ',bad_type,weekly,x,2026-10-04,12,,,,,,,',
].join('\n');

const upload = (body: string, format: 'csv' | 'fixed', fileName = 'claims.csv') =>
  app.inject({
    method: 'POST',
    url: `/api/intercept/files?fileName=${fileName}&format=${format}`,
    headers: { ...partner.headers, 'content-type': 'text/csv' },
    payload: body,
  });

describe('claim intake', () => {
  it('refreshes the matchable obligors from finance (past due at or above $1,000)', () => {
    expect(refreshed.statusCode).toBe(200);
    expect(refreshed.json().matchable).toBeGreaterThanOrEqual(1);
  });

  it('accepts good lines, records the not reportable with the reason, refuses bad lines by field, and matches', async () => {
    const response = await upload(csv, 'csv');
    expect(response.statusCode).toBe(201);
    const file = response.json();
    expect(file).toMatchObject({
      lineCount: 7,
      acceptedCount: 5,
      rejectedCount: 2,
      notReportableCount: 2,
      matchedCount: 1,
      reviewCount: 1,
      insurerName: 'Test Mutual Life',
    });
    const claims = await db.execute(sql`select claim_number, status, reportability from intercept_claims where file_id = ${file.id} order by claim_number`);
    expect((claims as unknown as { rows: unknown[] }).rows).toEqual([
      { claim_number: 'CL-1', status: 'matched', reportability: 'reportable' },
      { claim_number: 'CL-2', status: 'review', reportability: 'reportable' },
      { claim_number: 'CL-4', status: 'not_reportable', reportability: 'below_threshold' },
      { claim_number: 'CL-5', status: 'not_reportable', reportability: 'exempt_kind:property_repair' },
      { claim_number: 'CL-6', status: 'no_match', reportability: 'reportable' },
    ]);

    const again = await upload(csv, 'csv', 'claims-again.csv');
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ id: file.id, isNew: false });
    expect(file.isNew).toBe(true);

    const errors = await app.inject({ url: `/api/intercept/files/${file.id}/errors.csv`, headers: partner.headers });
    expect(errors.headers['content-type']).toContain('text/csv');
    const lines = errors.body.trim().split('\n');
    expect(lines[0]).toBe('file,line,field,reason');
    expect(lines).toContain('claims.csv,4,loss_date,is not a date (YYYY-MM-DD)');
    expect(lines.filter((l) => l.startsWith('claims.csv,8,')).map((l) => l.split(',')[2])).toEqual(
      expect.arrayContaining(['claim_number', 'claim_type', 'payment_type', 'amount', 'claimant_ssn']),
    );
    const otherInsurer = await signInAs('insurer_partner');
    expect((await app.inject({ url: `/api/intercept/files/${file.id}/errors.csv`, headers: otherInsurer.headers })).statusCode).toBe(404);
    expect((await app.inject({ url: '/api/intercept/files', headers: otherInsurer.headers })).json()).toMatchObject({ items: [], total: 0 });
  });

  it('reads the fixed-width layout the same way', async () => {
    const claim: ClaimLine = {
      claimNumber: 'FW-1',
      claimType: 'policy_loan',
      paymentType: 'lump_sum',
      amountCents: 150_000,
      lossDate: '2026-09-30',
      ssn: '901551234',
      firstName: 'ROBERTO',
      lastName: 'QUINTANA',
      dateOfBirth: '1979-03-14',
      addressLine1: '1 MAIN ST',
      city: 'LOS ANGELES',
      state: 'CA',
      zip: '90012',
    };
    const good = toFixedWidth(claim, '2026-11-01');
    const short = good.slice(0, 150);
    const response = await upload([good, short].join('\n'), 'fixed', 'claims.txt');
    expect(response.json()).toMatchObject({ lineCount: 2, acceptedCount: 1, rejectedCount: 1, matchedCount: 1 });
  });

  it("shows a review candidate side by side to the obligor's LCSA only, and records the decision", async () => {
    const sacramento = await signInAs('lcsa_caseworker', { lcsaId: 'sacramento' });
    expect((await app.inject({ url: '/api/intercept/reviews', headers: sacramento.headers })).json()).toMatchObject({ items: [], total: 0 });
    const queue = (await app.inject({ url: '/api/intercept/reviews', headers: worker.headers })).json().items;
    const item = queue.find((i: { claimNumber: string }) => i.claimNumber === 'CL-2');
    expect(item).toMatchObject({
      claimant: { name: 'Roberto Quintana', dateOfBirth: '1979-03-24', ssn: null, place: 'Fresno 93701' },
      obligor: { ssn: '***-**-1234', dateOfBirth: '1979-03-14' },
    });
    expect(item.evidence.map((e: { field: string; agreement: string }) => `${e.field}=${e.agreement}`)).toEqual([
      'ssn=missing',
      'lastName=exact',
      'firstName=exact',
      'dateOfBirth=one_digit',
      'address=different',
    ]);
    expect(JSON.stringify(queue)).not.toContain('Main St');
    const decided = await app.inject({
      method: 'POST',
      url: `/api/intercept/matches/${item.matchId}/decision`,
      headers: worker.headers,
      payload: { decision: 'confirmed' },
    });
    expect(decided.json()).toMatchObject({ decision: 'confirmed' });
    expect(
      (await app.inject({ method: 'POST', url: `/api/intercept/matches/${item.matchId}/decision`, headers: worker.headers, payload: { decision: 'rejected' } }))
        .statusCode,
    ).toBe(409);
  });

  it('purges the claimant data of claims that matched no one and audits only the count', async () => {
    const [file] = (await app.inject({ url: '/api/intercept/files?q=claims.csv', headers: partner.headers }))
      .json<{ items: { id: string; fileName: string }[] }>()
      .items.filter((f) => f.fileName === 'claims.csv');
    const purged = await inTransaction(db, (tx) => purgeUnmatched(tx, { fileId: file!.id }));
    expect(purged).toBe(3);
    const rows = await db.execute(
      sql`select claim_number, status, last_name, ssn_ciphertext from intercept_claims where file_id = ${file!.id} order by claim_number`,
    );
    const byNumber = Object.fromEntries(
      (rows as unknown as { rows: { claim_number: string; status: string; last_name: string | null; ssn_ciphertext: string | null }[] }).rows.map((r) => [
        r.claim_number,
        r,
      ]),
    );
    expect(byNumber['CL-6']).toEqual({ claim_number: 'CL-6', status: 'purged', last_name: null, ssn_ciphertext: null });
    expect(byNumber['CL-4']!.last_name).toBeNull();
    expect(byNumber['CL-1']!.last_name).toBe('Quintana');
    const audit = await db.execute(sql`select detail from audit_log where action = 'intercept.claims.purge' order by id desc limit 1`);
    expect(JSON.stringify((audit as unknown as { rows: unknown[] }).rows[0])).not.toMatch(/Chen|Ruiz|555667777/);
  });

  it('issues notices for confirmed matches, capped at half a disability payment, and takes the insurer’s answers', async () => {
    const matches = await db.execute(
      sql`select m.id, c.claim_number from intercept_matches m join intercept_claims c on c.id = m.claim_id where c.claim_number in ('CL-1', 'CL-2', 'FW-1')`,
    );
    const matchOf = Object.fromEntries((matches as unknown as { rows: { id: string; claim_number: string }[] }).rows.map((r) => [r.claim_number, r.id]));
    const issue = (claim: string) => app.inject({ method: 'POST', url: `/api/intercept/matches/${matchOf[claim]}/notice`, headers: worker.headers });
    const disability = await issue('CL-2');
    expect(disability.statusCode).toBe(201);
    expect(disability.json()).toMatchObject({ kind: 'periodic', withholdCents: 150_000, capRule: 'disability_50_percent', status: 'issued' });
    expect(disability.json().pastDueCents).toBeGreaterThan(1_500_000);
    expect((await issue('CL-2')).json().code).toBe('notice_already_issued');
    const lump = (await issue('CL-1')).json();
    expect(lump.withholdCents).toBe(lump.pastDueCents);

    const mine = (await app.inject({ url: '/api/intercept/notices', headers: partner.headers })).json<{ items: { id: string }[]; total: number }>();
    expect(mine.items.map((n) => n.id)).toEqual(expect.arrayContaining([lump.id, disability.json().id]));
    expect(mine.total).toBe(mine.items.length);
    const stranger = await signInAs('insurer_partner');
    expect((await app.inject({ url: '/api/intercept/notices', headers: stranger.headers })).json()).toMatchObject({ items: [], total: 0 });
    // One notice by its own address: the insurer's, never a stranger's; the insurer never sees the obligor's case.
    const one = await app.inject({ url: `/api/intercept/notices/${lump.id}`, headers: partner.headers });
    expect(one.json()).toMatchObject({ id: lump.id, claimNumber: 'CL-1', obligorCase: null });
    expect((await app.inject({ url: `/api/intercept/notices/${lump.id}`, headers: worker.headers })).json().obligorCase).not.toBeNull();
    expect((await app.inject({ url: `/api/intercept/notices/${lump.id}`, headers: stranger.headers })).json().code).toBe('notice_not_found');
    // Paged, ordered and narrowed on the server: by claim number, by status, by a claim number prefix.
    const page = (query: string) => app.inject({ url: `/api/intercept/notices?${query}`, headers: worker.headers }).then((r) => r.json());
    const byClaim = await page('sort=claimNumber&dir=desc&pageSize=1');
    expect(byClaim).toMatchObject({ total: 2, pageSize: 1, sort: 'claimNumber', dir: 'desc' });
    expect(byClaim.items.map((n: { claimNumber: string }) => n.claimNumber)).toEqual(['CL-2']);
    expect((await page('sort=claimNumber&page=2&pageSize=1')).items.map((n: { claimNumber: string }) => n.claimNumber)).toEqual(['CL-2']);
    expect((await page('q=cl-1')).items.map((n: { claimNumber: string }) => n.claimNumber)).toEqual(['CL-1']);
    expect((await page('q=%25')).total).toBe(0);
    expect((await page('status=remitted')).total).toBe(0);
    expect((await page('status=issued&onHold=false')).total).toBe(2);
    const exported = await app.inject({ url: '/api/intercept/notices/export.csv?sort=claimNumber', headers: worker.headers });
    expect(exported.body.split('\n')[0]).toContain('Claim,Insurer,Claimant,Notice date');
    expect(exported.body).toMatch(/CL-1[^]*CL-2/);

    const insurerPdf = await app.inject({ url: `/api/intercept/notices/${lump.id}/notice.pdf`, headers: partner.headers });
    expect(insurerPdf.headers['content-type']).toBe('application/pdf');
    const text = pdfText(insurerPdf.rawPayload).join(' ');
    expect(text).toContain('Notice to withhold: lump-sum payment');
    expect(text).not.toContain('1 Main St');
    expect((await app.inject({ url: `/api/intercept/notices/${lump.id}/obligor-copy.pdf`, headers: partner.headers })).statusCode).toBe(403);
    await db.execute(sql`update persons set has_family_violence_flag = true where id in (select person_id from intercept_notices where id = ${lump.id})`);
    const copy = pdfText((await app.inject({ url: `/api/intercept/notices/${lump.id}/obligor-copy.pdf`, headers: worker.headers })).rawPayload).join(' ');
    expect(copy).toContain('Address withheld: confidential');
    expect(copy).toContain('contest it within 30 days');

    // Paid before the notice: the notice does not bind the insurer.
    const loan = (await issue('FW-1')).json();
    const late = await app.inject({
      method: 'POST',
      url: `/api/intercept/notices/${loan.id}/answers`,
      headers: partner.headers,
      payload: { answer: 'already_paid', paidOn: '2026-01-05' },
    });
    expect(late.json().status).toBe('not_binding');
    expect(
      (
        await app.inject({ method: 'POST', url: `/api/intercept/notices/${loan.id}/answers`, headers: partner.headers, payload: { answer: 'will_withhold' } })
      ).json().code,
    ).toBe('notice_closed');

    const today = todayInCalifornia();
    const before = (await app.inject({ url: `/api/cases/${obligorCase.id}/account?asOf=${today}`, headers: worker.headers })).json().balances.collectedCents;
    const remitted = await app.inject({
      method: 'POST',
      url: `/api/intercept/notices/${lump.id}/answers`,
      headers: partner.headers,
      payload: { answer: 'remitted', amountCents: 100_000, sentOn: today },
    });
    // The insurer's word is a promise: nothing reaches the account until the disbursement unit receives it.
    expect(remitted.json()).toMatchObject({ status: 'remitted', promisedCents: 100_000, remittedCents: 0, recheckOn: null });
    const unchanged = (await app.inject({ url: `/api/cases/${obligorCase.id}/account?asOf=${today}`, headers: worker.headers })).json();
    expect(unchanged.balances.collectedCents).toBe(before);
    const receipt = await app.inject({
      method: 'POST',
      url: '/api/intercept/receipts',
      headers: admin.headers,
      payload: { receipts: [{ receiptId: 'SDU-T-1', noticeReference: lump.id, amountCents: 100_000, receivedOn: today }] },
    });
    expect(receipt.json()).toEqual({ received: 1, posted: 1, exceptions: 0, duplicates: 0 });
    const after = (await app.inject({ url: `/api/cases/${obligorCase.id}/account?asOf=${today}`, headers: worker.headers })).json();
    expect(after.balances.collectedCents).toBe(before + 100_000);
    const ledger = (await app.inject({ url: `/api/cases/${obligorCase.id}/ledger?asOf=${today}&kind=collection`, headers: worker.headers })).json();
    expect(ledger.items.map((e: { ref: string }) => e.ref)).toContain(`SDU-SDU-T-1/${obligorCase.caseNumber}`);
    // A periodic claim's first payment sets the re-check 12 months on (Ins. Code 13553(b)).
    const periodic = await app.inject({
      method: 'POST',
      url: `/api/intercept/notices/${disability.json().id}/answers`,
      headers: partner.headers,
      payload: { answer: 'remitted', amountCents: 50_000, sentOn: today, paymentGrossCents: 100_000 },
    });
    expect(periodic.json()).toMatchObject({ status: 'remitted', recheckOn: addMonthsClamped(today, 12) });
    await app.inject({
      method: 'POST',
      url: '/api/intercept/receipts',
      headers: admin.headers,
      payload: { receipts: [{ receiptId: 'SDU-T-2', noticeReference: disability.json().id, amountCents: 50_000, receivedOn: today }] },
    });
  });

  it('reports each insurer’s compliance for a period, names the licensed insurers that sent nothing, and exports XLSX', async () => {
    await registerInsurer(app, admin.headers, {
      name: 'Silent Casualty',
      naicCode: '54321',
      fein: '98-7654321',
      linesOfBusiness: ['liability'],
      channel: 'cro',
    });
    const today = todayInCalifornia();
    const period = `from=${today.slice(0, 4)}-01-01&to=${today}`;
    const report = (await app.inject({ url: `/api/intercept/compliance?${period}`, headers: admin.headers })).json();
    const mine = report.insurers.find((i: { name: string }) => i.name === 'Test Mutual Life');
    expect(mine).toMatchObject({ filesReceived: 2, monthsWithFile: 1, claimsReported: 6, matches: 3, notices: 3, noticesAnswered: 3, remittedCents: 150_000 });
    expect(mine.averageDaysNoticeToRemittance).toBe(0);
    expect(report.notReporting.map((i: { name: string }) => i.name)).toContain('Silent Casualty');
    expect(report.totals.remittedCents).toBe(150_000);
    expect((await app.inject({ url: `/api/intercept/compliance?${period}`, headers: worker.headers })).statusCode).toBe(403);

    const xlsx = await app.inject({ url: `/api/intercept/compliance.xlsx?${period}`, headers: admin.headers });
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(new Uint8Array(xlsx.rawPayload).buffer);
    const sheet = workbook.getWorksheet('Insurers')!;
    const rows = sheet.getSheetValues().filter(Boolean) as unknown[][];
    const row = rows.find((r) => r[1] === 'Test Mutual Life')!;
    expect(row[11]).toBe(1_500);
    expect(workbook.getWorksheet('Not reporting')!.getColumn(1).values).toContain('Silent Casualty');
  });

  it('keeps an outreach log: an insurer sees bulletins and what was sent to it, not others’ contacts', async () => {
    const post = (payload: object) => app.inject({ method: 'POST', url: '/api/intercept/outreach', headers: admin.headers, payload });
    expect(
      (await post({ kind: 'bulletin', subject: 'Mandatory reporting from January', body: 'All licensed insurers must report…', sentOn: '2026-11-01' }))
        .statusCode,
    ).toBe(201);
    await post({ insurerId: insurer.id, kind: 'call', subject: 'Late files', body: 'Called the claims manager.', sentOn: '2026-11-02' });
    const silent = (await app.inject({ url: '/api/intercept/insurers', headers: admin.headers }))
      .json()
      .find((i: { name: string }) => i.name === 'Silent Casualty');
    await post({ insurerId: silent.id, kind: 'letter', subject: 'You have not reported', body: 'Please start reporting.', sentOn: '2026-11-03' });
    const seen = (await app.inject({ url: '/api/intercept/outreach', headers: partner.headers })).json().map((e: { subject: string }) => e.subject);
    expect(seen).toEqual(['Late files', 'Mandatory reporting from January']);
    expect((await app.inject({ url: '/api/intercept/outreach', headers: admin.headers })).json()).toHaveLength(3);
  });

  it('lists periodic notices due their 12-month re-check', async () => {
    const due = () =>
      app.inject({ url: '/api/intercept/notices?recheckDue=true', headers: worker.headers }).then((r) => r.json<{ items: { claimNumber: string }[] }>().items);
    expect(await due()).toEqual([]);
    await db.execute(sql`update intercept_notices set recheck_on = '2026-01-01' where recheck_on is not null`);
    expect((await due()).map((n) => n.claimNumber)).toEqual(['CL-2']);
  });

  it('excludes a person from matching from a date (a bankruptcy stay): no longer matched', async () => {
    const personId = obligorCase.participants.find((p) => p.role === 'obligor')!.id;
    const excluded = await app.inject({
      method: 'POST',
      url: '/api/intercept/exclusions',
      headers: admin.headers,
      payload: { personId, reason: 'bankruptcy_stay', fromDate: '2026-01-01' },
    });
    expect(excluded.statusCode).toBe(201);
    expect((await app.inject({ method: 'POST', url: '/api/intercept/matchable/refresh', headers: admin.headers })).json().excluded).toBe(1);
    const file = (
      await upload(
        [header, 'EX-1,liability,lump_sum,5000.00,2026-10-01,901551234,Roberto,Quintana,1979-03-14,1 Main St,Los Angeles,CA,90012'].join('\n'),
        'csv',
        'after-stay.csv',
      )
    ).json();
    expect(file).toMatchObject({ acceptedCount: 1, matchedCount: 0, reviewCount: 0 });
  });
});
