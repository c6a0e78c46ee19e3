/**
 * The parents' portal through HTTP: a parent proves who they are and opens an account, reads their own
 * case with the figures staff see, and asks once; staff answer; nothing leaks to a parent or from one.
 */
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeNewCase, openCaseWithOrder, recordCaseLien, registerInsurer, useTestApp, testPassword } from '../../../test/app';
import { useTestDatabase } from '../../../test/db';
import { queryRows } from '../../platform/db/rows';
import { addDays, todayInCalifornia } from '../../platform/dates';
import { familiesExperienceMetric } from '../trauma/index';

const database = await useTestDatabase();
const { app, signInAs, logs } = await useTestApp({}, { database });

let caseworker: Record<string, string>;
let theCase: Awaited<ReturnType<typeof openCaseWithOrder>>;
let obligorId: string;

/** The obligor's phone on file ends 0142: where the one-time code goes. */
beforeAll(async () => {
  caseworker = (await signInAs('lcsa_caseworker', { lcsaId: 'los-angeles' })).headers;
  theCase = await openCaseWithOrder(app, caseworker, { amountCents: 40_000, issuedOn: '2025-01-01' });
  obligorId = theCase.participants.find((p) => p.role === 'obligor')!.id;
  await database.db.execute(sql`update persons set phone = '(213) 555-0142' where id = ${obligorId}`);
  const finance = (await signInAs('lcsa_finance', { lcsaId: 'los-angeles' })).headers;
  const posted = await app.inject({
    method: 'POST',
    url: `/api/cases/${theCase.id}/collections`,
    headers: finance,
    payload: { receiptId: `R-${theCase.id.slice(0, 8)}`, receivedOn: '2025-03-10', amountCents: 25_000, source: 'wage_withholding' },
  });
  expect(posted.statusCode, posted.body).toBeLessThan(300);
});

const facts = () => ({ caseNumber: theCase.caseNumber.toLowerCase(), dateOfBirth: '1985-02-03', ssnLast4: theCase.obligorSsn.slice(-4), language: 'en' });

async function lastCode(): Promise<string> {
  const [message] = await queryRows<{ body: string }>(database.db, sql`select body from portal_messages order by created_at desc, id desc limit 1`);
  return /\b(\d{6})\b/.exec(message!.body)![1]!;
}

/** One portal account per person: signed in once, reused. */
const parents = new Map<string, Promise<{ headers: Record<string, string> }>>();
function parentOf(personId: string) {
  if (!parents.has(personId)) parents.set(personId, signInAs('parent', { personId }));
  return parents.get(personId)!;
}

const cookieOf = (response: { cookies: { name: string; value: string }[] }) =>
  `concord_session=${response.cookies.find((c) => c.name === 'concord_session')!.value}`;

describe('a parent opens their own account', () => {
  it('answers the same words whether or not the facts match, and sends a code only to the contact on file', async () => {
    const before = await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from portal_messages`);
    const wrong = await app.inject({ method: 'POST', url: '/api/portal/sign-up', payload: { ...facts(), ssnLast4: '0000' } });
    const right = await app.inject({ method: 'POST', url: '/api/portal/sign-up', payload: facts() });
    expect(wrong.statusCode).toBe(202);
    expect(right.statusCode).toBe(202);
    expect(wrong.json().message).toBe(right.json().message);
    const after = await queryRows<{ n: number; masked: string }>(
      database.db,
      sql`select count(*)::int as n, max(destination_masked) as masked from portal_messages where person_id = ${obligorId}`,
    );
    expect(after[0]!.n).toBe(1);
    expect(after[0]!.masked).toBe('***-***-0142');
    expect((await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from portal_messages`))[0]!.n).toBe(before[0]!.n + 1);
    // Neither the phone nor the SSN's last four reached a log line.
    expect(logs.join('')).not.toContain('555-0142');
  });

  it('refuses a wrong code, counts it, and ends the sign-up after five wrong tries', async () => {
    const { signUpId } = (await app.inject({ method: 'POST', url: '/api/portal/sign-up', payload: facts() })).json<{ signUpId: string }>();
    const code = await lastCode();
    const wrongCode = code === '000000' ? '000001' : '000000';
    for (let i = 0; i < 5; i++) {
      const answer = await app.inject({ method: 'POST', url: '/api/portal/sign-up/verify', payload: { signUpId, code: wrongCode } });
      expect(answer.statusCode).toBe(400);
      expect(answer.json().code).toBe('portal_code_wrong_or_expired');
    }
    const late = await app.inject({ method: 'POST', url: '/api/portal/sign-up/verify', payload: { signUpId, code } });
    expect(late.statusCode).toBe(400);
    expect(late.json().code).toBe('portal_code_wrong_or_expired');
  });

  it('verifies the code, takes an email and password, signs the parent in and shows only their case', async () => {
    const { signUpId } = (await app.inject({ method: 'POST', url: '/api/portal/sign-up', payload: facts() })).json<{ signUpId: string }>();
    const verified = await app.inject({ method: 'POST', url: '/api/portal/sign-up/verify', payload: { signUpId, code: await lastCode() } });
    expect(verified.statusCode, verified.body).toBe(200);
    const { finishToken } = verified.json<{ finishToken: string }>();
    const finished = await app.inject({
      method: 'POST',
      url: '/api/portal/sign-up/finish',
      payload: { signUpId, finishToken, email: 'dana.parent@example.org', password: testPassword, language: 'es' },
    });
    expect(finished.statusCode, finished.body).toBe(200);
    expect(finished.json().user.role).toBe('parent');
    expect(finished.json().user.language).toBe('es');
    const headers = { cookie: cookieOf(finished), 'x-csrf-token': finished.json().csrfToken };
    // The tests below read and ask as this parent.
    parents.set(obligorId, Promise.resolve({ headers }));
    const cases = await app.inject({ url: '/api/portal/cases', headers });
    expect(cases.json()).toEqual([expect.objectContaining({ caseId: theCase.id, role: 'obligor', agency: expect.stringContaining('Los Angeles') })]);
    // The finish token is used up: a second account cannot be made from the same sign-up.
    const again = await app.inject({
      method: 'POST',
      url: '/api/portal/sign-up/finish',
      payload: { signUpId, finishToken, email: 'other@example.org', password: testPassword, language: 'en' },
    });
    expect(again.statusCode).toBe(400);
    // A parent has no staff route: the case list, the staff queue and search are refused.
    for (const url of ['/api/cases', '/api/portal/staff/requests', `/api/cases/${theCase.id}/account`]) {
      expect((await app.inject({ url, headers })).statusCode, url).toBe(403);
    }
  });
});

describe("a parent's own case", () => {
  it('shows the figures staff see, the payment and where it went, and nothing of the other parent', async () => {
    const parent = (await parentOf(obligorId)).headers;
    const mine = await app.inject({ url: `/api/portal/cases/${theCase.id}`, headers: parent });
    expect(mine.statusCode, mine.body).toBe(200);
    const detail = mine.json();
    const staff = (await app.inject({ url: `/api/cases/${theCase.id}/account?asOf=${detail.asOf}`, headers: caseworker })).json();
    expect(detail.owed.totalCents).toBe(staff.summary.totalOwedCents);
    expect(detail.owed.arrearsCents).toBe(staff.summary.arrearsCents);
    expect(detail.owed.interestCents).toBe(staff.summary.interestCents);
    expect(detail.payments).toEqual([expect.objectContaining({ receivedOn: '2025-03-10', amountCents: 25_000, source: 'wage_withholding' })]);
    expect(detail.orders).toEqual([expect.objectContaining({ amountCents: 40_000, frequency: 'monthly' })]);
    expect(detail.nextDue.amountCents).toBe(40_000);
    expect(detail.nextDue.dueOn > detail.asOf).toBe(true);
    expect(detail.childrenCount).toBe(1);
    for (const other of ['Robin', 'Custodial', 'Oak Ave', 'Pasadena', '923-45']) expect(mine.body).not.toContain(other);
    const pdf = await app.inject({ url: `/api/portal/cases/${theCase.id}/statement.pdf`, headers: parent });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toContain('application/pdf');
    // Each read is audited as the parent's own.
    const audited = await queryRows<{ action: string }>(
      database.db,
      sql`select action from audit_log where entity_id = ${theCase.id} and actor_role = 'parent' order by id`,
    );
    expect(audited.map((a) => a.action)).toEqual(expect.arrayContaining(['finance.account.read', 'finance.statement.read']));
  });

  it('answers another case, and a case a parent is only a child on, as not found', async () => {
    const other = await openCaseWithOrder(app, caseworker);
    const parent = (await parentOf(obligorId)).headers;
    for (const url of [`/api/portal/cases/${other.id}`, `/api/portal/cases/${other.id}/statement.pdf`]) {
      const response = await app.inject({ url, headers: parent });
      expect(response.statusCode, url).toBe(404);
      expect(response.body).not.toContain(other.caseNumber);
    }
    const child = other.participants.find((p) => p.role === 'child')!.id;
    const childAccount = (await parentOf(child)).headers;
    expect((await app.inject({ url: '/api/portal/cases', headers: childAccount })).json()).toEqual([]);
  });
});

describe('asking once', () => {
  it("puts an account audit in finance's queue with its legal deadline, and the parent follows it", async () => {
    const parent = (await parentOf(obligorId)).headers;
    const asked = await app.inject({
      method: 'POST',
      url: '/api/portal/requests',
      headers: parent,
      payload: { kind: 'account_audit', caseId: theCase.id, message: 'The March payment is missing from my balance.' },
    });
    expect(asked.statusCode, asked.body).toBe(201);
    expect(asked.json().dueOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const queue = (await app.inject({ url: `/api/cases/${theCase.id}/audit-requests`, headers: caseworker })).json<
      { requestedBy: string; summary: string }[]
    >();
    expect(queue).toEqual([expect.objectContaining({ requestedBy: 'obligor', summary: 'The March payment is missing from my balance.' })]);
    const mine = (await app.inject({ url: '/api/portal/requests', headers: parent })).json<{ kind: string; status: string }[]>();
    expect(mine).toEqual([expect.objectContaining({ kind: 'account_audit', status: 'in_review' })]);
  });

  it('takes a safety concern once; staff of the LCSA confirm it and the protection applies on every record', async () => {
    // The receiving parent in the fixture is already protected; the paying parent tells a concern here.
    await database.db.execute(sql`update persons set has_family_violence_flag = false where id = ${obligorId}`);
    const parent = (await parentOf(obligorId)).headers;
    const asked = await app.inject({ method: 'POST', url: '/api/portal/requests', headers: parent, payload: { kind: 'safety_concern' } });
    expect(asked.statusCode, asked.body).toBe(201);
    const { id } = asked.json<{ id: string }>();
    // Another LCSA's caseworker neither sees nor decides it.
    const sacramento = (await signInAs('lcsa_caseworker', { lcsaId: 'sacramento' })).headers;
    expect((await app.inject({ url: '/api/portal/staff/requests', headers: sacramento })).json<{ id: string }[]>().map((r) => r.id)).not.toContain(id);
    const foreign = await app.inject({
      method: 'POST',
      url: `/api/portal/staff/requests/${id}/decision`,
      headers: sacramento,
      payload: { decision: 'confirm', answer: 'Protected.' },
    });
    expect(foreign.statusCode).toBe(404);
    const queue = (await app.inject({ url: '/api/portal/staff/requests', headers: caseworker })).json<{ id: string; kind: string }[]>();
    expect(queue).toEqual(
      expect.arrayContaining([expect.objectContaining({ id, kind: 'safety_concern', parentRole: 'obligor', caseNumber: theCase.caseNumber })]),
    );
    const decided = await app.inject({
      method: 'POST',
      url: `/api/portal/staff/requests/${id}/decision`,
      headers: caseworker,
      payload: { decision: 'confirm', answer: 'Your address is now protected on every case.' },
    });
    expect(decided.statusCode, decided.body).toBe(200);
    const [person] = await queryRows<{ flag: boolean }>(database.db, sql`select has_family_violence_flag as flag from persons where id = ${obligorId}`);
    expect(person!.flag).toBe(true);
    const mine = (await app.inject({ url: '/api/portal/requests', headers: parent })).json<{ id: string; status: string; answer: string }[]>();
    expect(mine.find((r) => r.id === id)).toEqual(expect.objectContaining({ status: 'done', answer: 'Your address is now protected on every case.' }));
    // Decided once: a second decision is refused.
    const twice = await app.inject({
      method: 'POST',
      url: `/api/portal/staff/requests/${id}/decision`,
      headers: caseworker,
      payload: { decision: 'decline', answer: 'Changed my mind.' },
    });
    expect(twice.statusCode).toBe(409);
  });

  it('changes phone and language at once on the parent, and remembers the language on the account', async () => {
    const parent = await parentOf(obligorId);
    const asked = await app.inject({
      method: 'POST',
      url: '/api/portal/requests',
      headers: parent.headers,
      payload: { kind: 'contact_update', phone: '(213) 555-0199', language: 'es' },
    });
    expect(asked.statusCode, asked.body).toBe(201);
    expect(asked.json().status).toBe('done');
    const [person] = await queryRows<{ phone: string; lang: string }>(
      database.db,
      sql`select phone, preferred_language as lang from persons where id = ${obligorId}`,
    );
    expect(person).toEqual({ phone: '(213) 555-0199', lang: 'es' });
    const switched = await app.inject({ method: 'PUT', url: '/api/portal/language', headers: parent.headers, payload: { language: 'es' } });
    expect(switched.statusCode).toBe(204);
    expect((await app.inject({ url: '/api/auth/session', headers: parent.headers })).json().user.language).toBe('es');
  });

  it("refuses a request about a case that is not the parent's", async () => {
    const other = await openCaseWithOrder(app, caseworker);
    const parent = (await parentOf(obligorId)).headers;
    const asked = await app.inject({
      method: 'POST',
      url: '/api/portal/requests',
      headers: parent,
      payload: { kind: 'order_review', caseId: other.id, message: 'My income changed.' },
    });
    expect(asked.statusCode).toBe(404);
    expect((await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from portal_requests where case_id = ${other.id}`))[0]!.n).toBe(0);
  });
});

describe('contesting an insurance intercept notice', () => {
  it("lists the paying parent's notices, takes a contest once (the notice is held), and shows staff's decision", async () => {
    const admin = (await signInAs('state_admin')).headers;
    const insurerId = await registerInsurer(app, admin, {
      name: 'Portal Mutual',
      naicCode: '34567',
      fein: '34-5678901',
      linesOfBusiness: ['life'],
      channel: 'direct',
    });
    const insurer = (await signInAs('insurer_partner', { partnerId: insurerId })).headers;
    const obligor = { ...makeNewCase().obligor, firstName: 'Teodora', lastName: 'Villanueva', ssn: '903-77-1234', dateOfBirth: '1979-04-11', zip: '90012' };
    const contested = await openCaseWithOrder(app, caseworker, { issuedOn: '2024-01-01' }, { obligor });
    const payer = contested.participants.find((p) => p.role === 'obligor')!.id;
    await app.inject({ method: 'POST', url: '/api/intercept/matchable/refresh', headers: admin });
    const header =
      'claim_number,claim_type,payment_type,amount,loss_date,claimant_ssn,claimant_first_name,claimant_last_name,claimant_date_of_birth,claimant_address_line1,claimant_city,claimant_state,claimant_zip';
    const file = await app.inject({
      method: 'POST',
      url: '/api/intercept/files?fileName=portal-claims.csv&format=csv',
      headers: { ...insurer, 'content-type': 'text/csv' },
      payload: [header, 'PC-1,life_beneficiary,lump_sum,2500.00,2026-10-01,903771234,Teodora,Villanueva,1979-04-11,1 Main St,Los Angeles,CA,90012'].join('\n'),
    });
    expect(file.statusCode, file.body).toBeLessThan(300);
    const [match] = await queryRows<{ id: string }>(
      database.db,
      sql`select m.id from intercept_matches m join intercept_claims c on c.id = m.claim_id where c.file_id = ${file.json().id}`,
    );
    const notice = await app.inject({ method: 'POST', url: `/api/intercept/matches/${match!.id}/notice`, headers: caseworker });
    expect(notice.statusCode, notice.body).toBeLessThan(300);
    const noticeId = notice.json<{ id: string }>().id;

    const parent = (await parentOf(payer)).headers;
    const mine = (await app.inject({ url: '/api/portal/notices', headers: parent })).json<{ id: string; insurerName: string; canContest: boolean }[]>();
    expect(mine).toEqual([expect.objectContaining({ id: noticeId, insurerName: 'Portal Mutual', canContest: true })]);
    // Another parent has no notice, and cannot contest this one.
    const stranger = (await parentOf(obligorId)).headers;
    expect((await app.inject({ url: '/api/portal/notices', headers: stranger })).json()).toEqual([]);
    const foreign = await app.inject({
      method: 'POST',
      url: '/api/portal/requests',
      headers: stranger,
      payload: { kind: 'notice_contest', noticeId, grounds: 'not_my_claim' },
    });
    expect(foreign.statusCode).toBe(404);

    const asked = await app.inject({
      method: 'POST',
      url: '/api/portal/requests',
      headers: parent,
      payload: { kind: 'notice_contest', noticeId, grounds: 'support_paid', statement: 'I paid the arrears in September.' },
    });
    expect(asked.statusCode, asked.body).toBe(201);
    expect(asked.json().status).toBe('in_review');
    const held = (await app.inject({ url: '/api/portal/notices', headers: parent })).json<
      { onHold: boolean; canContest: boolean; contest: { status: string } }[]
    >();
    expect(held[0]).toMatchObject({ onHold: true, canContest: false, contest: { status: 'open' } });
    // Asked once: a second contest while one is open is refused, and nothing is added.
    const twice = await app.inject({
      method: 'POST',
      url: '/api/portal/requests',
      headers: parent,
      payload: { kind: 'notice_contest', noticeId, grounds: 'other' },
    });
    expect(twice.statusCode).toBe(409);

    // Staff decide it in Insurance intercept: the parent reads the decision.
    const [contest] = await queryRows<{ id: string; source: string }>(
      database.db,
      sql`select id, source from intercept_contests where notice_id = ${noticeId}`,
    );
    expect(contest!.source).toBe('parent');
    const decided = await app.inject({
      method: 'POST',
      url: `/api/intercept/contests/${contest!.id}/decision`,
      headers: caseworker,
      payload: { decision: 'upheld_released', note: 'Your September payment covered the arrears: the notice is released.' },
    });
    expect(decided.statusCode, decided.body).toBe(200);
    const requests = (await app.inject({ url: '/api/portal/requests', headers: parent })).json<{ kind: string; status: string; answer: string }[]>();
    expect(requests.find((r) => r.kind === 'notice_contest')).toMatchObject({
      status: 'done',
      answer: 'Your September payment covered the arrears: the notice is released.',
    });
  });
});

describe("the families' survey, offered once a request has closed", () => {
  it('invites a parent only after staff close a request, keeps the answer anonymous, and shows results and the plan measure only for five or more', async () => {
    const admin = (await signInAs('state_admin')).headers;
    const instruments = (await app.inject({ url: '/api/trauma/instruments', headers: admin })).json<{ id: string; code: string }[]>();
    const families = instruments.find((i) => i.code === 'CONCORD-FAMILY')!;
    const today = todayInCalifornia();
    const campaign = {
      title: "Families' experience, this quarter",
      instrumentId: families.id,
      opensOn: today,
      closesOn: addDays(today, 30),
      audience: 'families',
    };
    // A families' survey is over LCSAs: an HQ division serves no families.
    const overHq = await app.inject({ method: 'POST', url: '/api/trauma/campaigns', headers: admin, payload: { ...campaign, orgUnitIds: ['hq-css'] } });
    expect(overHq.statusCode).toBe(400);
    expect(overHq.json().errors).toEqual([expect.objectContaining({ path: '/orgUnitIds/0' })]);
    const opened = await app.inject({ method: 'POST', url: '/api/trauma/campaigns', headers: admin, payload: { ...campaign, orgUnitIds: ['los-angeles'] } });
    expect(opened.statusCode, opened.body).toBe(200);
    const { id: campaignId, invited } = opened.json<{ id: string; invited: number }>();
    expect(invited).toBe(0); // families are invited one by one, from the portal
    // …and never reminded.
    const remind = await app.inject({ method: 'POST', url: `/api/trauma/campaigns/${campaignId}/remind`, headers: admin });
    expect(remind.json().code).toBe('campaign_not_remindable');

    // Five parents, each asking for an order review on their own case.
    const tokens: string[] = [];
    for (let i = 0; i < 5; i++) {
      const own = await openCaseWithOrder(app, caseworker, { amountCents: 30_000, issuedOn: '2025-06-01' });
      const parent = (await parentOf(own.participants.find((p) => p.role === 'obligor')!.id)).headers;
      const asked = await app.inject({
        method: 'POST',
        url: '/api/portal/requests',
        headers: parent,
        payload: { kind: 'order_review', caseId: own.id, message: 'My hours were cut.' },
      });
      expect(asked.statusCode, asked.body).toBe(201);
      // Nothing is offered while the request is open.
      expect((await app.inject({ url: '/api/portal/surveys', headers: parent })).json()).toEqual([]);
      const decided = await app.inject({
        method: 'POST',
        url: `/api/portal/staff/requests/${asked.json<{ id: string }>().id}/decision`,
        headers: caseworker,
        payload: { decision: i === 4 ? 'decline' : 'confirm', answer: 'We looked at it.' },
      });
      expect(decided.statusCode, decided.body).toBe(200);
      const offered = (await app.inject({ url: '/api/portal/surveys', headers: parent })).json<{ campaignId: string; token: string; hasAnswered: boolean }[]>();
      expect(offered).toEqual([expect.objectContaining({ campaignId, hasAnswered: false })]);
      // Asking again offers the same invitation, not a second one.
      expect((await app.inject({ url: '/api/portal/surveys', headers: parent })).json<{ token: string }[]>()[0]!.token).toBe(offered[0]!.token);
      tokens.push(offered[0]!.token);
    }
    const survey = await app.inject({ method: 'POST', url: '/api/trauma/survey', payload: { token: tokens[0] } });
    expect(survey.json()).toEqual(expect.objectContaining({ audience: 'families', isOpen: true }));
    expect(survey.json().instrument.code).toBe('CONCORD-FAMILY');

    // Three families rate everything 5, two rate everything 2; the page's role group is not a family's to choose.
    const items = survey.json<{ instrument: { items: { id: string; isReversed: boolean }[] } }>().instrument.items;
    const answersOf = (point: number) => Object.fromEntries(items.map((item) => [item.id, item.isReversed ? 6 - point : point]));
    for (const [i, token] of tokens.entries()) {
      const sent = await app.inject({
        method: 'POST',
        url: '/api/trauma/survey/answers',
        payload: { token, language: i === 0 ? 'es' : 'en', roleGroup: 'manager', answers: answersOf(i < 3 ? 5 : 2) },
      });
      expect(sent.statusCode, sent.body).toBeLessThan(300);
    }
    const twice = await app.inject({
      method: 'POST',
      url: '/api/trauma/survey/answers',
      payload: { token: tokens[0], language: 'en', roleGroup: 'staff', answers: answersOf(1) },
    });
    expect(twice.statusCode).toBe(409);
    // The answers carry the LCSA and "family", and nothing of the parent.
    const stored = await queryRows<{ role_group: string; org_unit_id: string }>(
      database.db,
      sql`select role_group, org_unit_id from trauma_responses where campaign_id = ${campaignId}`,
    );
    expect(stored).toHaveLength(5);
    expect(new Set(stored.map((r) => `${r.org_unit_id}/${r.role_group}`))).toEqual(new Set(['los-angeles/family']));

    // Until it closes: no results, and no plan measure.
    expect((await database.db.transaction((tx) => familiesExperienceMetric(tx, today))).value).toBeNull();
    expect((await app.inject({ method: 'POST', url: `/api/trauma/campaigns/${campaignId}/close`, headers: admin })).statusCode).toBe(200);
    const results = await app.inject({ url: `/api/trauma/campaigns/${campaignId}/results`, headers: admin });
    expect(results.statusCode, results.body).toBe(200);
    expect(results.json()).toEqual(expect.objectContaining({ respondents: 5, isSuppressed: false }));
    expect(results.json().gaps.length).toBeGreaterThan(0); // the two low answers open gaps to the target of 4
    const measure = await database.db.transaction((tx) => familiesExperienceMetric(tx, addDays(today, 1)));
    expect(measure).toEqual(expect.objectContaining({ key: 'trauma.families_experience', numerator: 3, denominator: 5, value: 0.6 }));
  });
});

describe("a paying parent's liens", () => {
  it('lists the recorded liens, takes a payoff request into the liens queue, and shows staff’s answer with the amount', async () => {
    const own = await openCaseWithOrder(app, caseworker, { amountCents: 25_000, issuedOn: '2025-02-01' });
    const obligor = own.participants.find((p) => p.role === 'obligor')!.id;
    const receiving = own.participants.find((p) => p.role === 'custodial_party')!.id;
    const parent = (await parentOf(obligor)).headers;
    // No lien yet: nothing listed, and nothing to pay off.
    expect((await app.inject({ url: '/api/portal/liens', headers: parent })).json()).toEqual([]);
    const early = await app.inject({ method: 'POST', url: '/api/portal/requests', headers: parent, payload: { kind: 'lien_payoff' } });
    expect(early.json().code).toBe('parent_has_no_liens');

    const recordedOn = addDays(todayInCalifornia(), -40);
    await recordCaseLien(app, caseworker, own.id, { recordedOn, instrumentNumber: '2026-PORTAL-1' });
    const mine = (await app.inject({ url: '/api/portal/liens', headers: parent })).json<{ status: string; recordedOn: string; instrumentNumber: string }[]>();
    expect(mine).toEqual([expect.objectContaining({ status: 'recorded', recordedOn, instrumentNumber: '2026-PORTAL-1' })]);
    // The receiving parent has no liens and cannot ask about them.
    const other = (await parentOf(receiving)).headers;
    expect((await app.inject({ url: '/api/portal/liens', headers: other })).json()).toEqual([]);
    expect((await app.inject({ method: 'POST', url: '/api/portal/requests', headers: other, payload: { kind: 'lien_release' } })).statusCode).toBe(404);

    const asked = await app.inject({
      method: 'POST',
      url: '/api/portal/requests',
      headers: parent,
      payload: { kind: 'lien_payoff', message: 'I am selling the house in March.' },
    });
    expect(asked.statusCode, asked.body).toBe(201);
    expect(asked.json()).toEqual(expect.objectContaining({ kind: 'lien_payoff', status: 'in_review', dueOn: addDays(todayInCalifornia(), 15) }));
    // It is liens work: in the LCSA's liens queue, not the portal's queue, and not another LCSA's.
    const queue = (await app.inject({ url: '/api/lien-parent-requests', headers: caseworker })).json<
      { id: string; personId: string; kind: string; message: string; liens: unknown[] }[]
    >();
    const request = queue.find((r) => r.personId === obligor)!;
    expect(request).toEqual(expect.objectContaining({ kind: 'payoff', message: 'I am selling the house in March.' }));
    expect(request.liens).toHaveLength(1);
    const sacramento = (await signInAs('lcsa_caseworker', { lcsaId: 'sacramento' })).headers;
    expect((await app.inject({ url: '/api/lien-parent-requests', headers: sacramento })).json<{ id: string }[]>().map((r) => r.id)).not.toContain(request.id);
    const portalQueue = await app.inject({
      method: 'POST',
      url: `/api/portal/staff/requests/${asked.json().id}/decision`,
      headers: caseworker,
      payload: { decision: 'confirm', answer: 'Done here.' },
    });
    expect(portalQueue.statusCode).toBe(409);

    // A payoff answer needs the amount and the day it holds to.
    const answer = (payload: object) => app.inject({ method: 'POST', url: `/api/lien-parent-requests/${request.id}/answer`, headers: caseworker, payload });
    const incomplete = await answer({ answer: 'Here is your payoff.' });
    expect(incomplete.statusCode).toBe(400);
    expect(incomplete.json().errors.map((e: { path: string }) => e.path)).toEqual(['/payoffCents', '/goodThrough']);
    const goodThrough = addDays(todayInCalifornia(), 30);
    const answered = await answer({ answer: 'Pay this amount through escrow and every lien is released.', payoffCents: 412_345, goodThrough });
    expect(answered.statusCode, answered.body).toBe(200);
    expect((await answer({ answer: 'Again.', payoffCents: 1, goodThrough })).statusCode).toBe(409);

    const followed = (await app.inject({ url: '/api/portal/requests', headers: parent })).json<
      { id: string; status: string; answer: string; payoff: unknown }[]
    >();
    expect(followed.find((r) => r.id === asked.json().id)).toEqual(
      expect.objectContaining({
        status: 'done',
        answer: 'Pay this amount through escrow and every lien is released.',
        payoff: { amountCents: 412_345, goodThrough },
      }),
    );
  });
});

describe('documents attached to a request', () => {
  it('takes a real PDF or image on an open request of the parent, refuses the rest, and staff of the LCSA open it (audited)', async () => {
    const own = await openCaseWithOrder(app, caseworker, { amountCents: 20_000, issuedOn: '2025-04-01' });
    const parent = (await parentOf(own.participants.find((p) => p.role === 'obligor')!.id)).headers;
    const asked = await app.inject({
      method: 'POST',
      url: '/api/portal/requests',
      headers: parent,
      payload: { kind: 'order_review', caseId: own.id, message: 'My pay went down; my pay stub is attached.' },
    });
    const requestId = asked.json<{ id: string }>().id;
    const upload = (body: Buffer, contentType: string, fileName = 'stub.pdf', headers = parent) =>
      app.inject({
        method: 'POST',
        url: `/api/portal/requests/${requestId}/documents?fileName=${fileName}`,
        headers: { ...headers, 'content-type': contentType },
        payload: body,
      });
    const pdf = Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF\n');

    // A script called a PDF, an empty file, and a type nobody accepts are refused, and nothing is kept.
    expect((await upload(Buffer.from('#!/bin/sh\nrm -rf /\n'), 'application/pdf')).json().code).toBe('document_type');
    expect((await upload(Buffer.alloc(0), 'application/pdf')).statusCode).toBe(400);
    expect((await upload(Buffer.from('<svg onload=alert(1)>'), 'image/svg+xml', 'x.svg')).statusCode).toBe(415);
    const sent = await upload(pdf, 'application/pdf');
    expect(sent.statusCode, sent.body).toBe(200);
    expect(sent.json().documents).toEqual([expect.objectContaining({ fileName: 'stub.pdf', contentType: 'application/pdf', bytes: pdf.length })]);
    // Sealed at rest: the stored text is not the file.
    const [stored] = await queryRows<{ sealed: string }>(database.db, sql`select sealed from portal_documents where request_id = ${requestId}`);
    expect(stored!.sealed).not.toContain('PDF');
    expect(Buffer.from(stored!.sealed, 'base64').toString('latin1')).not.toContain('%PDF');

    // Another parent cannot attach to it.
    const stranger = await openCaseWithOrder(app, caseworker, { amountCents: 10_000, issuedOn: '2025-04-01' });
    const other = (await parentOf(stranger.participants.find((p) => p.role === 'obligor')!.id)).headers;
    expect((await upload(pdf, 'application/pdf', 'mine.pdf', other)).statusCode).toBe(404);

    // Staff of the LCSA see it on the request and open it; another LCSA's do not.
    const queue = (await app.inject({ url: '/api/portal/staff/requests', headers: caseworker })).json<{ id: string; documents: { id: string }[] }[]>();
    const documentId = queue.find((r) => r.id === requestId)!.documents[0]!.id;
    const opened = await app.inject({ url: `/api/portal/staff/requests/${requestId}/documents/${documentId}`, headers: caseworker });
    expect(opened.statusCode).toBe(200);
    expect(opened.rawPayload.equals(pdf)).toBe(true);
    const audited = await queryRows<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from audit_log where action = 'portal.request.document_read' and entity_id = ${requestId} and is_pii_read`,
    );
    expect(audited[0]!.n).toBe(1);
    const sacramento = (await signInAs('lcsa_caseworker', { lcsaId: 'sacramento' })).headers;
    expect((await app.inject({ url: `/api/portal/staff/requests/${requestId}/documents/${documentId}`, headers: sacramento })).statusCode).toBe(404);

    // Five to a request; none once it is answered.
    for (let i = 0; i < 4; i++) expect((await upload(pdf, 'application/pdf', `page-${i}.pdf`)).statusCode).toBe(200);
    expect((await upload(pdf, 'application/pdf', 'sixth.pdf')).json().code).toBe('portal_too_many_documents');
  });
});
