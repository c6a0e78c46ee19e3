/**
 * Money against notices and contests, over HTTP on a real database: an insurer's remittance is a promise
 * capped by the notice (and, for periodic payments, by each payment); it reaches the obligor's account
 * only when a disbursement unit receipt matches it; a receipt file is taken whole or refused by line and
 * field, and the same receipts again change nothing; exceptions are posted by hand or returned. A
 * contest holds the notice (no promise, no posting), and its decision amends, releases or lets it proceed,
 * with a letter for each outcome.
 */
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { openCaseWithOrder, makeNewCase, registerInsurer, useTestApp } from '../../../test/app';
import { pdfText } from '../../../test/pdf-text';
import { addDays, todayInCalifornia } from '../../platform/dates';

const { app, signInAs } = await useTestApp();
const db = app.concord.database.db;
const admin = await signInAs('state_admin');
const worker = await signInAs('lcsa_caseworker', { lcsaId: 'los-angeles' });
const laFinance = await signInAs('lcsa_finance', { lcsaId: 'los-angeles' });
const insurerId = await registerInsurer(app, admin.headers, {
  name: 'Receipt Mutual',
  naicCode: '23456',
  fein: '23-4567890',
  linesOfBusiness: ['life', 'disability'],
  channel: 'direct',
});
const partner = await signInAs('insurer_partner', { partnerId: insurerId });
const today = todayInCalifornia();

const obligor = { ...makeNewCase().obligor, firstName: 'Marisol', lastName: 'Echeverria', ssn: '902-66-4321', dateOfBirth: '1982-07-09', zip: '90012' };
const obligorCase = await openCaseWithOrder(app, worker.headers, {}, { obligor });
await app.inject({ method: 'POST', url: '/api/intercept/matchable/refresh', headers: admin.headers });

const header =
  'claim_number,claim_type,payment_type,amount,loss_date,claimant_ssn,claimant_first_name,claimant_last_name,claimant_date_of_birth,claimant_address_line1,claimant_city,claimant_state,claimant_zip';
const person = '902664321,Marisol,Echeverria,1982-07-09,1 Main St,Los Angeles,CA,90012';
const file = await app.inject({
  method: 'POST',
  url: '/api/intercept/files?fileName=receipts-claims.csv&format=csv',
  headers: { ...partner.headers, 'content-type': 'text/csv' },
  payload: [
    header,
    `RC-1,life_beneficiary,lump_sum,2000.00,2026-10-01,${person}`,
    `RC-2,disability_income,periodic,6000.00,2026-10-01,${person}`,
    `RC-3,life_beneficiary,lump_sum,1500.00,2026-10-01,${person}`,
    `RC-4,life_beneficiary,lump_sum,1800.00,2026-10-01,${person}`,
  ].join('\n'),
});
const matchRows = await db.execute(
  sql`select m.id, c.claim_number from intercept_matches m join intercept_claims c on c.id = m.claim_id where c.file_id = ${file.json().id}`,
);
const matchOf = Object.fromEntries((matchRows as unknown as { rows: { id: string; claim_number: string }[] }).rows.map((r) => [r.claim_number, r.id]));
const issue = async (claim: string) =>
  (await app.inject({ method: 'POST', url: `/api/intercept/matches/${matchOf[claim]}/notice`, headers: worker.headers })).json<{
    id: string;
    withholdCents: number;
    perPaymentBasisPoints: number | null;
  }>();
const answer = (id: string, payload: object) => app.inject({ method: 'POST', url: `/api/intercept/notices/${id}/answers`, headers: partner.headers, payload });
const collected = async () =>
  (await app.inject({ url: `/api/cases/${obligorCase.id}/account?asOf=${today}`, headers: worker.headers })).json().balances.collectedCents as number;
const receiptFile = (fileName: string, lines: string[]) =>
  app.inject({
    method: 'POST',
    url: `/api/intercept/receipt-files?fileName=${fileName}`,
    headers: { ...admin.headers, 'content-type': 'text/csv' },
    payload: ['receipt_id,notice_reference,amount,received_on,payer', ...lines].join('\r\n'),
  });

const lump = await issue('RC-1');
const periodic = await issue('RC-2');

describe('remittances against money received', () => {
  it('caps the promise at what the notice asks and each periodic payment at its limit', async () => {
    expect(lump.withholdCents).toBe(200_000);
    expect(periodic).toMatchObject({ withholdCents: 300_000, perPaymentBasisPoints: 5_000 });
    expect((await answer(lump.id, { answer: 'remitted', amountCents: 200_001, sentOn: today })).json().code).toBe('remittance_above_notice');
    const tooMuch = await answer(periodic.id, { answer: 'remitted', amountCents: 50_001, sentOn: today, paymentGrossCents: 100_000 });
    expect(tooMuch.statusCode).toBe(400);
    expect(tooMuch.json().code).toBe('remittance_above_payment_limit');
    expect((await answer(periodic.id, { answer: 'remitted', amountCents: 50_000, sentOn: today })).json().code).toBe('payment_gross_required');
    const pdf = pdfText((await app.inject({ url: `/api/intercept/notices/${periodic.id}/notice.pdf`, headers: partner.headers })).rawPayload).join(' ');
    expect(pdf).toContain('50% of each payment');
  });

  it('posts a receipt only when it matches a promise; the rest wait as exceptions, and the same file again changes nothing', async () => {
    const before = await collected();
    expect((await answer(lump.id, { answer: 'remitted', amountCents: 120_000, sentOn: today })).json()).toMatchObject({
      promisedCents: 120_000,
      remittedCents: 0,
    });
    expect(await collected()).toBe(before);
    const lines = [
      `R-100,${lump.id},1200.00,${today},Receipt Mutual`,
      `R-101,${lump.id},300.00,${today},Receipt Mutual`,
      `R-102,NOT-A-NOTICE,75.00,${today},Someone Else`,
    ];
    const first = await receiptFile('sdu-1.csv', lines);
    expect(first.json()).toEqual({ received: 3, posted: 1, exceptions: 2, duplicates: 0 });
    expect(await collected()).toBe(before + 120_000);
    const again = await receiptFile('sdu-1-again.csv', lines);
    expect(again.json()).toEqual({ received: 3, posted: 0, exceptions: 0, duplicates: 3 });
    expect(await collected()).toBe(before + 120_000);

    type Page = { items: { id: string; receiptId: string; reason: string; line: number }[]; total: number };
    const queue = (await app.inject({ url: '/api/intercept/receipts?q=r-10&sort=receiptId', headers: admin.headers })).json<Page>();
    expect(queue.items).toEqual([
      expect.objectContaining({ receiptId: 'R-101', reason: 'no_promise', line: 3 }),
      expect.objectContaining({ receiptId: 'R-102', reason: 'unknown_notice', line: 4 }),
    ]);
    expect(queue.total).toBe(2);
    expect((await app.inject({ url: '/api/intercept/receipts?q=r-10&sort=receiptId&dir=desc&pageSize=1', headers: admin.headers })).json<Page>().items).toEqual(
      [expect.objectContaining({ receiptId: 'R-102' })],
    );
    const exported = await app.inject({ url: '/api/intercept/receipts/export.csv?q=r-10&sort=receiptId', headers: admin.headers });
    expect(exported.body).toMatch(/R-101[^]*no promise[^]*R-102[^]*unknown notice/);
    // LCSA staff see the exceptions quoting their notices, not the unknown one.
    const theirs = (await app.inject({ url: '/api/intercept/receipts?pageSize=200', headers: worker.headers })).json<Page>().items;
    expect(theirs.map((r) => r.receiptId)).toContain('R-101');
    expect(theirs.map((r) => r.receiptId)).not.toContain('R-102');
    // Only state finance staff record receipts or settle exceptions.
    expect((await receiptFileAs(laFinance.headers)).statusCode).toBe(403);
  });

  it('refuses a malformed file whole, naming file, line and field, and keeps nothing of it', async () => {
    const bad = await receiptFile('sdu-bad.csv', [
      `R-200,${lump.id},10.00,${today},ok`,
      `R-201,${lump.id},ten,${today},x`,
      `R-202,${lump.id},10.00,2026-02-30,x`,
      `R-200,${lump.id},10.00,${today},repeat`,
      `R-203,${lump.id},10.00,${addDays(today, 1)},future`,
      `R-204,${lump.id},10.00,${today},nul\u0000byte`,
      `R-205,${lump.id},10.00,${today},${'x'.repeat(300)}`,
      `R-206,${lump.id},10.00,${today}`,
    ]);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('receipts_invalid');
    expect(bad.json().errors).toEqual([
      { path: 'sdu-bad.csv, line 3, amount', message: expect.any(String) },
      { path: 'sdu-bad.csv, line 4, received_on', message: 'is not a date (YYYY-MM-DD)' },
      { path: 'sdu-bad.csv, line 7, payer', message: 'holds control or binary characters' },
      { path: 'sdu-bad.csv, line 8, payer', message: 'is longer than 200 characters' },
      { path: 'sdu-bad.csv, line 9, line', message: 'has 4 fields; the header has 5' },
    ]);
    // Lines that parse are then checked together: a repeated receipt and a date in the future.
    const second = await receiptFile('sdu-bad-2.csv', [
      `R-200,${lump.id},10.00,${today},ok`,
      `R-200,${lump.id},10.00,${today},repeat`,
      `R-203,${lump.id},10.00,${addDays(today, 1)},future`,
    ]);
    expect(second.json().errors).toEqual([
      { path: 'sdu-bad-2.csv, line 3, receipt_id', message: 'repeats the receipt on line 2' },
      { path: 'sdu-bad-2.csv, line 4, received_on', message: 'is in the future' },
    ]);
    const unclosed = await receiptFile('sdu-quote.csv', [`R-200,${lump.id},10.00,${today},ok`, `"R-205,${lump.id},10.00,${today},open quote`]);
    expect(unclosed.json().errors[0].path).toBe('sdu-quote.csv, line 3');
    const huge = await receiptFile('sdu-huge.csv', [`R-200,${lump.id},10.00,${today},${'y'.repeat(10 * 1024 * 1024)}`]);
    expect(huge.statusCode).toBe(400);
    expect(huge.json().code).toMatch(/file_too_large|receipts_invalid/);
    const stored = await db.execute(sql`select count(*)::int as n from intercept_sdu_receipts where sdu_receipt_id like 'R-20%'`);
    expect((stored as unknown as { rows: { n: number }[] }).rows[0]!.n).toBe(0);
    const changed = await receiptFile('sdu-changed.csv', [`R-100,${lump.id},1300.00,${today},Receipt Mutual`]);
    expect(changed.json().errors[0]).toEqual({
      path: 'sdu-changed.csv, line 2, receipt_id',
      message: 'is already on file with another amount, date or notice',
    });
  });

  it('settles an exception by posting it against the notice (within what it still asks) or returning it', async () => {
    const [r101, r102] = (await app.inject({ url: '/api/intercept/receipts?q=r-10&sort=receiptId', headers: admin.headers }))
      .json<{ items: { id: string; receiptId: string }[] }>()
      .items.filter((r) => r.receiptId === 'R-101' || r.receiptId === 'R-102');
    const before = await collected();
    const posted = await app.inject({
      method: 'POST',
      url: `/api/intercept/receipts/${r101!.id}/resolution`,
      headers: admin.headers,
      payload: { action: 'post', noticeId: lump.id, note: 'Insurer confirmed by phone it sent $300 more' },
    });
    expect(posted.json()).toMatchObject({ status: 'posted', noticeId: lump.id });
    expect(await collected()).toBe(before + 30_000);
    const returned = await app.inject({
      method: 'POST',
      url: `/api/intercept/receipts/${r102!.id}/resolution`,
      headers: admin.headers,
      payload: { action: 'return', note: 'No such notice; returned to payer' },
    });
    expect(returned.json().status).toBe('returned');
    const twice = await app.inject({
      method: 'POST',
      url: `/api/intercept/receipts/${r102!.id}/resolution`,
      headers: admin.headers,
      payload: { action: 'return', note: 'again' },
    });
    expect(twice.json().code).toBe('receipt_settled');
    const notice = (await app.inject({ url: '/api/intercept/notices', headers: worker.headers }))
      .json<{ items: { id: string; remittedCents: number }[] }>()
      .items.find((n) => n.id === lump.id);
    expect(notice!.remittedCents).toBe(150_000);
  });

  it('refuses answers the state machine does not allow, and judges "already paid" by when the insurer received the notice', async () => {
    expect((await answer(lump.id, { answer: 'will_withhold' })).json().code).toBe('answer_not_allowed');
    expect((await answer(lump.id, { answer: 'already_paid', paidOn: today })).json().code).toBe('answer_not_allowed');
    const late = await issue('RC-4');
    const delivery = await app.inject({
      method: 'POST',
      url: `/api/intercept/notices/${late.id}/delivery`,
      headers: worker.headers,
      payload: { insurerCopyMailedOn: today, obligorCopyMailedOn: today, insurerReceivedOn: today },
    });
    expect(delivery.json()).toMatchObject({ insurerCopyMailedOn: today, insurerReceivedOn: today });
    const early = await app.inject({
      method: 'POST',
      url: `/api/intercept/notices/${late.id}/delivery`,
      headers: worker.headers,
      payload: { insurerReceivedOn: addDays(today, -400) },
    });
    expect(early.json().code).toBe('delivery_date_out_of_range');
    expect((await answer(late.id, { answer: 'already_paid', paidOn: today })).json().status).toBe('already_paid');
    expect((await answer(late.id, { answer: 'remitted', amountCents: 1, sentOn: today })).json().code).toBe('notice_closed');
  });
});

describe('a contest holds the notice until it is decided', () => {
  it('holds: no promise, a receipt is an exception; denied lets the notice proceed', async () => {
    const recorded = await app.inject({
      method: 'POST',
      url: '/api/intercept/contests',
      headers: worker.headers,
      payload: {
        noticeId: periodic.id,
        receivedOn: today,
        grounds: 'amount_wrong',
        statement: 'I paid in September',
        documents: ['Bank statement, September'],
      },
    });
    expect(recorded.statusCode).toBe(201);
    const contest = recorded.json();
    expect(contest).toMatchObject({ status: 'open', isLate: false, source: 'staff' });
    const held = (await app.inject({ url: '/api/intercept/notices', headers: partner.headers })).json<{ items: { id: string; onHold: boolean }[] }>().items;
    expect(held.find((n) => n.id === periodic.id)!.onHold).toBe(true);
    expect((await answer(periodic.id, { answer: 'remitted', amountCents: 10_000, sentOn: today, paymentGrossCents: 100_000 })).json().code).toBe(
      'notice_on_hold',
    );
    const second = await app.inject({
      method: 'POST',
      url: '/api/intercept/contests',
      headers: worker.headers,
      payload: { noticeId: periodic.id, receivedOn: today, grounds: 'other', documents: [] },
    });
    expect(second.json().code).toBe('contest_already_open');
    const before = await collected();
    expect((await receiptFile('sdu-held.csv', [`R-300,${periodic.id},100.00,${today},Receipt Mutual`])).json()).toMatchObject({ posted: 0, exceptions: 1 });
    expect(await collected()).toBe(before);
    const hold = pdfText((await app.inject({ url: `/api/intercept/contests/${contest.id}/letter.pdf?to=insurer`, headers: worker.headers })).rawPayload).join(
      ' ',
    );
    expect(hold).toContain('Hold the payment');
    const listed = (await app.inject({ url: `/api/intercept/contests?status=open&noticeId=${periodic.id}`, headers: worker.headers })).json();
    expect(listed).toMatchObject({ total: 1, items: [{ id: contest.id, status: 'open', grounds: 'amount_wrong' }] });
    expect((await app.inject({ url: `/api/intercept/contests?status=denied&noticeId=${periodic.id}`, headers: worker.headers })).json().total).toBe(0);
    // The insurer never sees the parent's grounds or documents.
    expect((await app.inject({ url: '/api/intercept/contests', headers: partner.headers })).statusCode).toBe(403);

    const denied = await app.inject({
      method: 'POST',
      url: `/api/intercept/contests/${contest.id}/decision`,
      headers: worker.headers,
      payload: { decision: 'denied', note: 'The September payment was already credited.' },
    });
    expect(denied.json()).toMatchObject({ status: 'denied', decidedOn: today });
    const letter = pdfText((await app.inject({ url: `/api/intercept/contests/${contest.id}/letter.pdf?to=obligor`, headers: worker.headers })).rawPayload).join(
      ' ',
    );
    expect(letter).toContain('the notice stands');
    expect((await answer(periodic.id, { answer: 'remitted', amountCents: 10_000, sentOn: today, paymentGrossCents: 100_000 })).json().onHold).toBe(false);
  });

  it('upheld: amends the notice down (never below what was received), or releases it', async () => {
    const amendable = await issue('RC-3');
    const open = (
      await app.inject({
        method: 'POST',
        url: '/api/intercept/contests',
        headers: worker.headers,
        payload: { noticeId: amendable.id, receivedOn: today, grounds: 'exempt_payment', documents: ['Policy schedule'] },
      })
    ).json();
    const higher = await app.inject({
      method: 'POST',
      url: `/api/intercept/contests/${open.id}/decision`,
      headers: worker.headers,
      payload: { decision: 'upheld_amended', amendedWithholdCents: amendable.withholdCents, note: 'No change' },
    });
    expect(higher.json().code).toBe('amendment_not_lower');
    const amended = await app.inject({
      method: 'POST',
      url: `/api/intercept/contests/${open.id}/decision`,
      headers: worker.headers,
      payload: { decision: 'upheld_amended', amendedWithholdCents: 50_000, note: 'Half the benefit is exempt' },
    });
    expect(amended.json()).toMatchObject({ status: 'upheld_amended', amendedWithholdCents: 50_000 });
    const letter = pdfText((await app.inject({ url: `/api/intercept/contests/${open.id}/letter.pdf?to=insurer`, headers: worker.headers })).rawPayload).join(
      ' ',
    );
    expect(letter).toContain('Amended notice to withhold');
    expect(letter).toContain('$500.00');
    expect((await answer(amendable.id, { answer: 'remitted', amountCents: 50_001, sentOn: today })).json().code).toBe('remittance_above_notice');

    const again = (
      await app.inject({
        method: 'POST',
        url: '/api/intercept/contests',
        headers: worker.headers,
        payload: { noticeId: amendable.id, receivedOn: today, grounds: 'not_my_claim', documents: [] },
      })
    ).json();
    await app.inject({
      method: 'POST',
      url: `/api/intercept/contests/${again.id}/decision`,
      headers: worker.headers,
      payload: { decision: 'upheld_released', note: 'Not the obligor' },
    });
    const released = (await app.inject({ url: '/api/intercept/notices', headers: partner.headers }))
      .json<{ items: { id: string; status: string }[] }>()
      .items.find((n) => n.id === amendable.id);
    expect(released!.status).toBe('released');
    expect((await answer(amendable.id, { answer: 'remitted', amountCents: 1, sentOn: today })).json().code).toBe('notice_closed');
    const audit = await db.execute(sql`select action from audit_log where entity_id = ${again.id} order by id`);
    expect((audit as unknown as { rows: { action: string }[] }).rows.map((r) => r.action)).toEqual([
      'intercept.contest.record',
      'intercept.contest.upheld_released',
    ]);
  });
});

async function receiptFileAs(headers: Record<string, string>) {
  return app.inject({
    method: 'POST',
    url: '/api/intercept/receipt-files?fileName=x.csv',
    headers: { ...headers, 'content-type': 'text/csv' },
    payload: `receipt_id,notice_reference,amount,received_on,payer\r\nR-999,${lump.id},1.00,${today},x`,
  });
}
