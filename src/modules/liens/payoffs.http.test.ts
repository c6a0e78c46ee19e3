import crypto from 'node:crypto';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { makeNewCase, useTestApp } from '../../../test/app';
import { pdfText } from '../../../test/pdf-text';
import { addDays, monthOf, addMonthsClamped, todayInCalifornia } from '../../platform/dates';

const { app, signInAs } = await useTestApp();
const la = await signInAs('lcsa_caseworker', { lcsaId: 'los-angeles' });
const sacramento = await signInAs('lcsa_caseworker', { lcsaId: 'sacramento' });
const admin = await signInAs('state_admin');
const title = await signInAs('title_escrow_partner');
const otherTitle = await signInAs('title_escrow_partner');
const today = todayInCalifornia();

const post = (url: string, headers: Record<string, string>, payload: object) => app.inject({ method: 'POST', url, headers, payload });
const freshSsn = () => `9${crypto.randomInt(10, 100)}-${crypto.randomInt(10, 100)}-${crypto.randomInt(1_000, 10_000)}`;

/** A Los Angeles case whose obligor has orders from the Orange and Riverside courts: liens in three counties, all recorded. */
async function obligorWithLiensInThreeCounties(ssn: string) {
  const created = (
    await post(
      '/api/cases',
      la.headers,
      makeNewCase({ openedOn: '2025-06-01', obligor: { ...makeNewCase().obligor, ssn, dateOfBirth: '1981-04-05', driversLicense: 'D7654321' } }),
    )
  ).json<{ id: string; caseNumber: string; participants: { id: string; role: string }[] }>();
  const orderIds: string[] = [];
  for (const [court, issuedOn, amountCents] of [
    ['06059', '2026-01-01', 40_000],
    ['06065', '2026-03-01', 20_000],
  ] as const) {
    const order = await post(`/api/cases/${created.id}/orders`, la.headers, {
      courtOrderNumber: `${court}-${created.id.slice(0, 6)}`,
      courtCountyFips: court,
      orderType: 'child_support',
      issuedOn,
      frequency: 'monthly',
      amountCents,
    });
    orderIds.splice(0, orderIds.length, ...order.json<{ orders: { id: string }[] }>().orders.map((o) => o.id));
  }
  await post('/api/liens/record-tasks', la.headers, {});
  const mine = (await app.inject({ url: '/api/liens?status=to_record&pageSize=200', headers: la.headers }))
    .json<{ items: { id: string; caseId: string }[] }>()
    .items.filter((l) => l.caseId === created.id);
  for (const [i, lien] of mine.entries())
    await post(`/api/liens/${lien.id}/recording`, la.headers, {
      outcome: 'recorded',
      recordedOn: '2026-04-20',
      instrumentNumber: `2026-55${i}`,
      feeCents: 1_400,
    });
  return { created, obligor: created.participants.find((p) => p.role === 'obligor')!.id, orderIds, liens: mine.length };
}

const pdfBytes = (label: string) => Buffer.from(`%PDF-1.4\n% ${label}\n%%EOF\n`);
const upload = (id: string, headers: Record<string, string>, kind: string, body: Buffer = pdfBytes(kind), contentType = 'application/pdf') =>
  app.inject({
    method: 'POST',
    url: `/api/lien-payoffs/${id}/documents?kind=${kind}&fileName=${kind}.pdf`,
    headers: { ...headers, 'content-type': contentType },
    payload: body,
  });
/** Uploads the three required documents; the answer to the last upload. */
async function uploadAll(id: string, headers: Record<string, string>) {
  let last;
  for (const kind of ['letterhead', 'recorded_lien_copy', 'borrower_authorization']) last = await upload(id, headers, kind);
  return last!;
}

function demandBody(ssn: string, overrides: Record<string, unknown> = {}) {
  return {
    escrowNumber: `ESC-${crypto.randomBytes(3).toString('hex')}`,
    contactName: 'Jamie Escrow',
    contactEmail: 'jamie@title.example',
    propertyAddress: '14 Orchard Lane, Irvine CA 92618',
    transactionType: 'sale',
    borrower: { firstName: 'Dana', lastName: 'Obligor', ssn, dateOfBirth: '1981-04-05', driversLicense: 'D7654321' },
    documents: ['letterhead', 'recorded_lien_copy', 'borrower_authorization'],
    goodThrough: addDays(today, 10),
    ...overrides,
  };
}

describe('payoff demands', () => {
  it('answers a title company at once with one statewide payoff; the payoff posts and one packet releases every lien in three counties', async () => {
    const ssn = freshSsn();
    const { created, obligor, orderIds, liens } = await obligorWithLiensInThreeCounties(ssn);
    expect(liens).toBe(4);
    // Both orders ended in July: what is owed is arrears and interest, and nothing more falls due.
    for (const id of orderIds)
      await post(`/api/orders/${id}/terms`, la.headers, { reason: 'termination', effectiveFrom: '2026-07-01', frequency: 'monthly', amountCents: 0 });

    const submitted = await post('/api/lien-payoffs', title.headers, demandBody(ssn));
    expect(submitted.statusCode, submitted.body).toBe(201);
    // Ticking the documents is not sending them: nothing is answered until they are uploaded.
    expect(submitted.json()).toMatchObject({ status: 'needs_review', missingDocuments: ['letterhead', 'recorded_lien_copy', 'borrower_authorization'] });
    const fake = await upload(submitted.json().id, title.headers, 'letterhead', Buffer.from('MZ\u0000\u0001 not a pdf'));
    expect(fake.json().code).toBe('document_type');
    expect((await upload(submitted.json().id, title.headers, 'letterhead')).json().status).toBe('needs_review');
    const answered = await uploadAll(submitted.json().id, title.headers);
    const demand = answered.json();
    expect(demand).toMatchObject({ status: 'issued', channel: 'portal', borrowerSsn: `***-**-${ssn.slice(-4)}`, identity: null, letterVersion: 'LPD-2026.1' });
    expect(demand.dueBy).toBe(addDays(today, 15));
    expect(demand.liens.map((l: { countyName: string }) => l.countyName).sort()).toEqual(['Los Angeles', 'Los Angeles', 'Orange', 'Riverside']);
    // The payoff is finance's replay at the good-through date: everything due and the interest to that day.
    const account = (await app.inject({ url: `/api/cases/${created.id}/account?asOf=${demand.goodThrough}`, headers: la.headers })).json();
    expect(demand.payoffCents).toBe(account.summary.totalOwedCents);
    expect(demand.breakdown).toEqual([expect.objectContaining({ caseNumber: created.caseNumber, principalCents: 320_000 })]);
    // $3,200 unpaid × 10% / 365 = $0.88 a day.
    expect(demand.perDiemCents).toBe(88);
    expect(submitted.body).not.toContain(ssn.replace(/-/g, ''));

    // The same escrow number again is the same demand; another company sees none of it.
    const again = await post('/api/lien-payoffs', title.headers, demandBody(ssn, { escrowNumber: demand.escrowNumber }));
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(demand.id);
    expect((await app.inject({ url: `/api/lien-payoffs/${demand.id}`, headers: otherTitle.headers })).statusCode).toBe(404);
    expect((await app.inject({ url: '/api/lien-payoffs', headers: otherTitle.headers })).json()).toMatchObject({ items: [], total: 0 });
    expect((await app.inject({ url: '/api/lien-payoffs', headers: sacramento.headers })).json()).toMatchObject({ items: [], total: 0 });
    // The company's own list finds it by escrow number; the export names the borrower by the masked SSN only.
    const mine = (await app.inject({ url: `/api/lien-payoffs?q=${demand.escrowNumber}`, headers: title.headers })).json();
    expect(mine.items.map((d: { id: string }) => d.id)).toEqual([demand.id]);
    const exported = await app.inject({ url: `/api/lien-payoffs/export.csv?q=${demand.escrowNumber}`, headers: title.headers });
    expect(exported.body).toContain(demand.escrowNumber);
    expect(exported.body).not.toContain(ssn.replace(/-/g, ''));
    expect(exported.body).not.toContain(ssn);

    const letter = await app.inject({ url: `/api/lien-payoffs/${demand.id}/letter.pdf`, headers: title.headers });
    expect(letter.headers['content-type']).toBe('application/pdf');
    const text = pdfText(letter.rawPayload).join(' ');
    expect(text).toContain('Statewide child support lien payoff demand');
    expect(text).toContain(demand.escrowNumber);
    expect(text).toContain('Lien, Riverside County');
    expect(text).toContain('LPD-2026.1');
    expect(text).not.toContain(ssn);

    // The partner may not post the payment; the state disbursement unit does, and every lien is released.
    const payment = { receiptId: `SDU-${demand.id.slice(0, 8)}`, receivedOn: today, amountCents: demand.payoffCents };
    expect((await post(`/api/lien-payoffs/${demand.id}/payment`, title.headers, payment)).statusCode).toBe(403);
    const paid = await post(`/api/lien-payoffs/${demand.id}/payment`, admin.headers, payment);
    expect(paid.statusCode, paid.body).toBe(200);
    const { release, stillOwedCents } = paid.json();
    expect(stillOwedCents).toBe(0);
    expect(release).toMatchObject({ reason: 'paid_in_full', kind: 'general', lienCount: 4, counties: ['Los Angeles', 'Orange', 'Riverside'] });
    expect((await app.inject({ url: `/api/lien-payoffs/${demand.id}`, headers: title.headers })).json()).toMatchObject({
      status: 'paid',
      releaseId: release.id,
    });
    const index = (await app.inject({ url: `/api/persons/${obligor}/liens`, headers: la.headers })).json<{ status: string }[]>();
    expect(index.map((l) => l.status)).toEqual(['released', 'released', 'released', 'released']);
    const packet = pdfText((await app.inject({ url: `/api/lien-releases/${release.id}/packet.pdf`, headers: admin.headers })).rawPayload);
    expect(packet.filter((line) => line === 'Release of judgment lien (form CA 8581)')).toHaveLength(4);
    expect(packet.filter((line) => line === 'Acknowledgment of satisfaction of judgment')).toHaveLength(3);
    expect(packet).toContain('To the County Recorder of Riverside County');
  });

  it('sends a demand whose identifiers disagree to staff review, telling the partner nothing of why', async () => {
    const ssn = freshSsn();
    await obligorWithLiensInThreeCounties(ssn);
    const wrong = await post(
      '/api/lien-payoffs',
      title.headers,
      demandBody(ssn, { borrower: { firstName: 'Dana', lastName: 'Obligor', ssn, dateOfBirth: '1981-04-06' } }),
    );
    expect(wrong.statusCode).toBe(201);
    expect(wrong.json()).toMatchObject({ status: 'needs_review', payoffCents: null, identity: null, daysLeft: 15 });
    const staffView = (await app.inject({ url: `/api/lien-payoffs/${wrong.json().id}`, headers: la.headers })).json();
    expect(staffView.identity.problems).toEqual([
      'The date of birth differs from the registry’s.',
      'Documents not uploaded: letterhead, recorded lien copy, borrower authorization.',
    ]);
    // The first test's obligor has the same name and liens: a warning, not a stop.
    expect(staffView.identity.warnings.join(' ')).toContain('share');
    expect(staffView.identity.warnings).toContain('No driver’s licence was given.');
    expect((await app.inject({ url: `/api/lien-payoffs/${wrong.json().id}/letter.pdf`, headers: title.headers })).json().code).toBe('demand_not_issued');
    expect((await post(`/api/lien-payoffs/${wrong.json().id}/review`, sacramento.headers, { decision: 'issue', note: 'checked' })).statusCode).toBe(404);
    // Staff issue only on documents uploaded and accepted.
    expect((await post(`/api/lien-payoffs/${wrong.json().id}/review`, la.headers, { decision: 'issue', note: 'checked' })).json().code).toBe(
      'documents_not_checked',
    );
    expect((await uploadAll(wrong.json().id, title.headers)).json().status).toBe('needs_review');
    const documents = (await app.inject({ url: `/api/lien-payoffs/${wrong.json().id}/documents`, headers: la.headers })).json<{ id: string; kind: string }[]>();
    expect(documents.map((d) => d.kind)).toEqual(['letterhead', 'recorded_lien_copy', 'borrower_authorization']);
    const file = await app.inject({ url: `/api/lien-payoffs/${wrong.json().id}/documents/${documents[0]!.id}`, headers: la.headers });
    expect(file.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect((await app.inject({ url: `/api/lien-payoffs/${wrong.json().id}/documents/${documents[0]!.id}`, headers: title.headers })).statusCode).toBe(403);
    for (const d of documents) {
      const checked = await post(`/api/lien-payoffs/${wrong.json().id}/documents/${d.id}/check`, la.headers, {
        decision: 'accepted',
        note: 'Legible and matches the escrow',
      });
      expect(checked.statusCode).toBe(200);
    }
    const issued = await post(`/api/lien-payoffs/${wrong.json().id}/review`, la.headers, {
      decision: 'issue',
      note: 'Birth date confirmed with the borrower by phone',
    });
    expect(issued.json()).toMatchObject({ status: 'issued', reviewNote: 'Birth date confirmed with the borrower by phone' });
    expect(issued.json().payoffCents).toBeGreaterThan(0);
    expect((await post(`/api/lien-payoffs/${wrong.json().id}/review`, la.headers, { decision: 'reject', note: 'again' })).json().code).toBe(
      'demand_already_decided',
    );

    // Staff enter a faxed demand: no obligor has the SSN, and documents are missing.
    const unknown = await post(
      '/api/lien-payoffs',
      la.headers,
      demandBody(freshSsn(), { companyName: 'Coast Title', documents: ['letterhead'], receivedOn: addDays(today, -3) }),
    );
    expect(unknown.json()).toMatchObject({
      status: 'needs_review',
      channel: 'staff',
      dueBy: addDays(today, 12),
      missingDocuments: ['letterhead', 'recorded_lien_copy', 'borrower_authorization'],
    });
    expect(unknown.json().identity.problems[0]).toBe('No obligor in the registry has this SSN.');
    expect((await post(`/api/lien-payoffs/${unknown.json().id}/review`, la.headers, { decision: 'issue', note: 'try' })).json().code).toBe(
      'no_obligor_matched',
    );
    expect(
      (await post(`/api/lien-payoffs/${unknown.json().id}/review`, la.headers, { decision: 'reject', note: 'No lien of ours: sent a no-lien letter' })).json()
        .status,
    ).toBe('rejected');
  });

  it('never answers at once for a family-violence-flagged obligor, and records each automatic answer with its policy', async () => {
    const ssn = freshSsn();
    const { obligor } = await obligorWithLiensInThreeCounties(ssn);
    await app.concord.database.db.execute(sql`update persons set has_family_violence_flag = true where id = ${obligor}`);
    const demand = (await post('/api/lien-payoffs', title.headers, demandBody(ssn))).json();
    expect((await uploadAll(demand.id, title.headers)).json()).toMatchObject({ status: 'needs_review', payoffCents: null });
    const staffView = (await app.inject({ url: `/api/lien-payoffs/${demand.id}`, headers: la.headers })).json();
    expect(staffView.identity.problems).toEqual(['The obligor is protected (family violence): staff answer every demand.']);
    const automatic = await app.concord.database.db.execute(sql`select count(*)::int as n from audit_log where action = 'liens.payoff.auto_answer'`);
    expect((automatic as unknown as { rows: { n: number }[] }).rows[0]!.n).toBeGreaterThanOrEqual(1);
  });

  it('refuses a good-through date in the past, and a staff demand without a company, naming the field', async () => {
    const past = await post('/api/lien-payoffs', title.headers, demandBody(freshSsn(), { goodThrough: addDays(today, -1) }));
    expect(past.statusCode).toBe(400);
    expect(past.json()).toMatchObject({ code: 'good_through_out_of_range', errors: [{ path: '/goodThrough' }] });
    const noCompany = await post('/api/lien-payoffs', la.headers, demandBody(freshSsn()));
    expect(noCompany.json()).toMatchObject({ code: 'company_required', errors: [{ path: '/companyName' }] });
  });
});

describe('subordination', () => {
  it('approves an obligor paying by wage withholding every month, and marks the county’s liens subordinated', async () => {
    const finance = await signInAs('lcsa_finance', { lcsaId: 'los-angeles' });
    const ssn = freshSsn();
    const { created, obligor } = await obligorWithLiensInThreeCounties(ssn);
    // Twelve months of wage withholding of the full $600 a month, to last month.
    for (let back = 12; back >= 1; back -= 1) {
      const month = monthOf(addMonthsClamped(today, -back));
      await post(`/api/cases/${created.id}/collections`, finance.headers, {
        receiptId: `IWO-${created.id.slice(0, 6)}-${month}`,
        receivedOn: `${month}-15`,
        amountCents: 60_000,
        source: 'wage_withholding',
      });
    }
    const request = { countyFips: '06059', propertyAddress: '14 Orchard Lane, Irvine CA 92618', lenderName: 'Pacific Home Loans', loanAmountCents: 48_000_000 };
    const eligible = await post(`/api/persons/${obligor}/liens/subordinations`, la.headers, request);
    expect(eligible.statusCode, eligible.body).toBe(201);
    expect(eligible.json()).toMatchObject({ isEligible: true, monthsWithWageWithholding: 6, status: 'pending', reasons: [] });
    const approved = await post(`/api/lien-subordinations/${eligible.json().id}/decision`, la.headers, {
      decision: 'approve',
      note: 'Wage assignment current',
    });
    expect(approved.json().status).toBe('approved');
    const index = (await app.inject({ url: `/api/persons/${obligor}/liens`, headers: la.headers })).json<{ countyName: string; status: string }[]>();
    expect(index.filter((l) => l.status === 'subordinated').map((l) => l.countyName)).toEqual(['Orange']);
    const agreement = pdfText((await app.inject({ url: `/api/lien-subordinations/${eligible.json().id}/agreement.pdf`, headers: la.headers })).rawPayload);
    expect(agreement).toContain('Subordination agreement');
    expect(agreement.join(' ')).toContain('Pacific Home Loans');
    expect((await post(`/api/persons/${obligor}/liens/subordinations`, la.headers, { ...request, countyFips: '06001' })).json().code).toBe(
      'no_recorded_lien_in_county',
    );
  });

  it('does not approve an obligor without a wage assignment: payment is demanded instead', async () => {
    const { obligor } = await obligorWithLiensInThreeCounties(freshSsn());
    const request = { countyFips: '06065', propertyAddress: '9 Vine St, Riverside CA 92501', lenderName: 'Inland Credit Union', loanAmountCents: 30_000_000 };
    const ineligible = (await post(`/api/persons/${obligor}/liens/subordinations`, la.headers, request)).json();
    expect(ineligible).toMatchObject({ isEligible: false, monthsWithWageWithholding: 0, paidShare: 0 });
    expect((await post(`/api/lien-subordinations/${ineligible.id}/decision`, la.headers, { decision: 'approve', note: 'please' })).json().code).toBe(
      'not_eligible',
    );
    expect((await post(`/api/lien-subordinations/${ineligible.id}/decision`, la.headers, { decision: 'deny', note: 'No wage assignment' })).json().status).toBe(
      'denied',
    );
    expect((await app.inject({ url: '/api/lien-subordinations', headers: sacramento.headers })).json()).toMatchObject({ items: [], total: 0 });
    const decided = (await app.inject({ url: '/api/lien-subordinations?status=denied&q=inland', headers: la.headers })).json();
    expect(decided).toMatchObject({ total: 1, items: [{ id: ineligible.id, status: 'denied', lenderName: 'Inland Credit Union' }] });
  });
});
