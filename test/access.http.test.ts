/**
 * Walks every documented API route with every LCSA and partner role, aimed at another LCSA's and
 * another partner's records, and proves that nothing of theirs is read or written.
 */
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { createLrsClient } from '../src/modules/training/index';
import { roles, roleDefinitions, type Role } from '../src/platform/auth/roles';
import { inTransaction } from '../src/platform/db/transaction';
import { makeNewCase, useTestApp } from './app';
import { pdfText } from './pdf-text';

const { app, signInAs } = await useTestApp();
const db = app.concord.database.db;

// The "foreign" world: Los Angeles records and another insurer's token and jobs.
const laAdmin = await signInAs('lcsa_admin', { lcsaId: 'los-angeles' });
const laCase = (await app.inject({ method: 'POST', url: '/api/cases', headers: laAdmin.headers, payload: makeNewCase({ caseNumber: 'FOREIGN-LA-1' }) })).json<{
  id: string;
  caseNumber: string;
}>();
const laOrder = (
  await app.inject({
    method: 'POST',
    url: `/api/cases/${laCase.id}/orders`,
    headers: laAdmin.headers,
    payload: {
      courtOrderNumber: 'FOREIGN-ORDER',
      courtCountyFips: '06037',
      orderType: 'child_support',
      issuedOn: '2024-04-10',
      frequency: 'monthly',
      amountCents: 45_000,
    },
  })
).json<{ orders: { id: string }[] }>().orders[0]!;
const laFinance = await signInAs('lcsa_finance', { lcsaId: 'los-angeles' });
const laAdjustment = (
  await app.inject({
    method: 'POST',
    url: `/api/cases/${laCase.id}/adjustments`,
    headers: laFinance.headers,
    payload: { kind: 'court_arrears_determination', effectiveOn: '2024-06-01', principalCents: 0, justification: 'FOREIGN-ADJUSTMENT' },
  })
).json<{ id: string }>();
const laAuditRequest = (
  await app.inject({
    method: 'POST',
    url: `/api/cases/${laCase.id}/audit-requests`,
    headers: laAdmin.headers,
    payload: { kind: 'arrears_audit', requestedBy: 'obligor', receivedOn: '2024-06-01', summary: 'FOREIGN-AUDIT-REQUEST' },
  })
).json<{ id: string }>();
await app.inject({
  method: 'POST',
  url: `/api/cases/${laCase.id}/stored-balances`,
  headers: laFinance.headers,
  payload: { asOf: '2024-06-30', source: 'FOREIGN-LEGACY', principalCents: 1, interestCents: 0, futuresCents: 0 },
});
const laObligor = (await app.inject({ url: `/api/cases/${laCase.id}`, headers: laAdmin.headers }))
  .json<{ participants: { id: string; role: string }[] }>()
  .participants.find((p) => p.role === 'obligor')!.id;
const otherInsurer = await signInAs('insurer_partner');
const foreignToken = (await app.inject({ method: 'POST', url: '/api/auth/tokens', headers: otherInsurer.headers, payload: { name: 'FOREIGN-TOKEN' } })).json<{
  token: { id: string };
}>();
// The other insurer is in the programme and reported a claim that matched the Los Angeles obligor.
const [{ partner_id: otherInsurerId }] = (
  (await db.execute(sql`select partner_id from users where email = ${otherInsurer.email}`)) as unknown as { rows: { partner_id: string }[] }
).rows as [{ partner_id: string }];
await db.execute(
  sql`insert into intercept_insurers (partner_id, naic_code, fein, lines_of_business, channel) values (${otherInsurerId}, '55555', '551234567', '{life}', 'direct')`,
);
const stateAdmin = await signInAs('state_admin');
await app.inject({ method: 'POST', url: '/api/intercept/matchable/refresh', headers: stateAdmin.headers });
const foreignFile = (
  await app.inject({
    method: 'POST',
    url: '/api/intercept/files?fileName=FOREIGN-FILE.csv&format=csv',
    headers: { ...otherInsurer.headers, 'content-type': 'text/csv' },
    payload:
      'claim_number,claim_type,payment_type,amount,loss_date,claimant_ssn,claimant_first_name,claimant_last_name,claimant_date_of_birth,claimant_address_line1,claimant_city,claimant_state,claimant_zip\n' +
      'FOREIGN-CLAIM,life_beneficiary,lump_sum,5000.00,2026-10-01,912345678,Dana,Obligor,1985-02-03,,,,',
  })
).json<{ id: string }>();
const [{ id: foreignMatchId }] = ((await db.execute(sql`select id from intercept_matches`)) as unknown as { rows: { id: string }[] }).rows as [{ id: string }];
const foreignNotice = (await app.inject({ method: 'POST', url: `/api/intercept/matches/${foreignMatchId}/notice`, headers: stateAdmin.headers })).json<{
  id: string;
}>();
await app.inject({ method: 'POST', url: '/api/liens/record-tasks', headers: laAdmin.headers });
const [{ id: foreignLienId }] = ((await db.execute(sql`select id from liens where case_id = ${laCase.id}`)) as unknown as { rows: { id: string }[] }).rows as [
  { id: string },
];
// Another title company's payoff demand on the Los Angeles obligor, and a subordination request for them.
const otherTitle = await signInAs('title_escrow_partner');
const goodThrough = new Date(Date.now() + 5 * 86_400_000).toISOString().slice(0, 10);
const submittedDemand = (
  await app.inject({
    method: 'POST',
    url: '/api/lien-payoffs',
    headers: otherTitle.headers,
    payload: {
      escrowNumber: 'FOREIGN-ESCROW',
      propertyAddress: '1 Foreign Way, Los Angeles CA 90012',
      transactionType: 'sale',
      borrower: { firstName: 'Dana', lastName: 'Obligor', ssn: '912-34-5678', dateOfBirth: '1985-02-03' },
      documents: ['letterhead', 'recorded_lien_copy', 'borrower_authorization'],
      goodThrough,
    },
  })
).json<{ id: string; status: string }>();
// The company uploads its three documents: the demand is answered at once.
let foreignDemand = submittedDemand;
for (const kind of ['letterhead', 'recorded_lien_copy', 'borrower_authorization']) {
  foreignDemand = (
    await app.inject({
      method: 'POST',
      url: `/api/lien-payoffs/${submittedDemand.id}/documents?kind=${kind}&fileName=${kind}.pdf`,
      headers: { ...otherTitle.headers, 'content-type': 'application/pdf' },
      payload: Buffer.from(`%PDF-1.4 FOREIGN ${kind}`),
    })
  ).json<{ id: string; status: string }>();
}
const [foreignSubordination] = (
  (await db.execute(
    sql`insert into lien_subordinations (person_id, lcsa_ids, county_fips, property_address, lender_name, loan_amount_cents, requested_on, is_eligible, eligibility, status)
        values (${laObligor}, '{los-angeles}', '06037', 'FOREIGN-PROPERTY', 'FOREIGN-LENDER', 100, '2026-11-01', true, '{"reasons":[],"monthsWithWageWithholding":6,"paidShare":1}', 'pending') returning id`,
  )) as unknown as { rows: { id: string }[] }
).rows;
// A Los Angeles claim, submitted, and its allocation.
const stateAdmin0 = await signInAs('state_admin');
await app.inject({
  method: 'POST',
  url: '/api/claims/allocations',
  headers: stateAdmin0.headers,
  payload: { lcsaId: 'los-angeles', stateFiscalYear: '2025-26', stream: 'administration', amountCents: 50_000_000 },
});
const laBudget = await signInAs('lcsa_budget', { lcsaId: 'los-angeles' });
const foreignClaim = (
  await app.inject({
    method: 'POST',
    url: '/api/claims',
    headers: laBudget.headers,
    payload: {
      lcsaId: 'los-angeles',
      quarter: '2026-Q2',
      lines: { salaries: { currentCents: 1_000_00, adjustmentCents: 0, estimateCents: 0 } },
      attachments: [{ kind: 'time_study', ivdHours: 10, nonIvdHours: 0, staffCount: 1, note: 'FOREIGN-CLAIM-NOTE' }],
    },
  })
).json<{ id: string }>();
await app.inject({ method: 'POST', url: `/api/claims/${foreignClaim.id}/workflow`, headers: laBudget.headers, payload: { action: 'submit' } });
// A Los Angeles member of staff with the core course assigned.
const trainer = await signInAs('trainer');
const course = (
  await app.inject({
    method: 'POST',
    url: '/api/training/courses',
    headers: trainer.headers,
    payload: { code: 'WALK-101', title: 'Walk', category: 'procedures', owner: 'Trainers' },
  })
).json<{ id: string }>();
await app.inject({
  method: 'POST',
  url: `/api/training/courses/${course.id}/versions`,
  headers: trainer.headers,
  payload: { description: 'x', lessons: [{ id: 'intro', title: 'Intro', body: 'x' }], quiz: null },
});
await app.inject({ method: 'POST', url: `/api/training/courses/${course.id}/publish`, headers: trainer.headers });
await app.inject({
  method: 'POST',
  url: '/api/training/curricula',
  headers: trainer.headers,
  payload: {
    code: 'WALK',
    title: 'Walk curriculum',
    description: 'x',
    courseIds: [course.id],
    rules: { newHireDueDays: 30, roles: [], orgUnits: [], assignDueDays: 30, recertifyMonths: null },
    startsOn: '2020-01-01',
  },
});
await app.inject({
  method: 'POST',
  url: '/api/training/staff',
  headers: laAdmin.headers,
  payload: { userId: laAdmin.userId, orgUnitId: 'los-angeles', hireDate: '2026-01-02' },
});
// A trauma-informed assessment of Los Angeles alone.
const [traumaInstrument] = ((await db.execute(sql`select id from trauma_instruments`)) as unknown as { rows: { id: string }[] }).rows;
const foreignCampaign = (
  await app.inject({
    method: 'POST',
    url: '/api/trauma/campaigns',
    headers: stateAdmin.headers,
    payload: { title: 'FOREIGN-CAMPAIGN', instrumentId: traumaInstrument!.id, opensOn: '2026-01-01', closesOn: '2099-12-31', orgUnitIds: ['los-angeles'] },
  })
).json<{ id: string }>();
const [{ id: foreignAssignmentId }] = ((await db.execute(sql`select id from training_assignments`)) as unknown as { rows: { id: string }[] }).rows as [
  { id: string },
];
const [foreignJob] = (
  (await db.execute(
    sql`insert into jobs (kind, payload, lcsa_id) values ('registry.demo_seed', '{"cases":1,"seed":1}', 'los-angeles') returning id`,
  )) as unknown as { rows: { id: string }[] }
).rows;
const foreignIds: Record<string, string> = {
  cases: laCase.id,
  orders: laOrder.id,
  tokens: foreignToken.token.id,
  jobs: foreignJob!.id,
  adjustments: laAdjustment.id,
  'audit-requests': laAuditRequest.id,
  persons: laObligor,
  files: foreignFile.id,
  matches: foreignMatchId,
  notices: foreignNotice.id,
  liens: foreignLienId,
  'lien-payoffs': foreignDemand.id,
  'lien-subordinations': foreignSubordination!.id,
  claims: foreignClaim.id,
  assignments: foreignAssignmentId,
  campaigns: foreignCampaign.id,
};
const foreignMarkers = [
  laCase.id,
  laCase.caseNumber,
  laOrder.id,
  'FOREIGN-ORDER',
  laAdmin.email,
  'FOREIGN-TOKEN',
  foreignJob!.id,
  // The Los Angeles obligor's name, as a list or a letter writes it (the word alone is a column header).
  'Obligor, Dana',
  'Dana Obligor',
  '"Obligor"',
  laAdjustment.id,
  'FOREIGN-ADJUSTMENT',
  laAuditRequest.id,
  'FOREIGN-AUDIT-REQUEST',
  'FOREIGN-LEGACY',
  foreignFile.id,
  'FOREIGN-FILE',
  'FOREIGN-CLAIM',
  foreignNotice.id,
  foreignDemand.id,
  'FOREIGN-ESCROW',
  foreignSubordination!.id,
  'FOREIGN-LENDER',
  foreignClaim.id,
  'FOREIGN-CLAIM-NOTE',
  foreignAssignmentId,
  foreignCampaign.id,
  'FOREIGN-CAMPAIGN',
];

const spec = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json<{ paths: Record<string, Record<string, unknown>> }>();
const routes = Object.entries(spec.paths).flatMap(([path, methods]) => Object.keys(methods).map((method) => ({ method: method.toUpperCase(), path })));

const routesSignOutLast = [...routes.filter((r) => r.path !== '/api/auth/sign-out'), ...routes.filter((r) => r.path === '/api/auth/sign-out')];

function urlFor(path: string): string {
  const named: Record<string, string> = { lessonId: 'intro', orgUnitId: 'los-angeles' };
  return path.replace(/\{(\w+)\}/g, (_whole, name: string) => {
    if (name !== 'id') return named[name] ?? 'x';
    const collection = Object.keys(foreignIds).find((k) => path.includes(`/${k}/`));
    return collection ? foreignIds[collection]! : '00000000-0000-4000-8000-000000000000';
  });
}

const bodies: Record<string, unknown> = {
  'POST /api/cases/{id}/collections': { receiptId: 'WRITE-ATTEMPT', receivedOn: '2024-06-01', amountCents: 100, source: 'voluntary' },
  'POST /api/persons/{id}/collections': { receiptId: 'WRITE-ATTEMPT', receivedOn: '2024-06-01', amountCents: 100, source: 'voluntary' },
  'POST /api/cases/{id}/adjustments': { kind: 'court_arrears_determination', effectiveOn: '2024-06-01', principalCents: 0, justification: 'WRITE-ATTEMPT' },
  'POST /api/finance/adjustments/{id}/decision': { decision: 'approve', note: 'WRITE-ATTEMPT' },
  'POST /api/cases/{id}/audit-requests': { kind: 'arrears_audit', requestedBy: 'obligor', receivedOn: '2024-06-01', summary: 'WRITE-ATTEMPT' },
  'POST /api/finance/audit-requests/{id}/actions': { action: 'complete', completedOn: '2024-07-01', outcome: 'WRITE-ATTEMPT' },
  'POST /api/intercept/insurers': { name: 'WRITE-ATTEMPT Insurance', naicCode: '99999', fein: '99-9999999', linesOfBusiness: ['life'], channel: 'direct' },
  'POST /api/intercept/matches/{id}/decision': { decision: 'rejected' },
  'POST /api/intercept/notices/{id}/answers': { answer: 'denied', note: 'WRITE-ATTEMPT' },
  'POST /api/persons/{id}/liens/release': { reason: 'court_order', note: 'WRITE-ATTEMPT' },
  'POST /api/liens/{id}/recording': { outcome: 'rejected', reason: 'WRITE-ATTEMPT' },
  'POST /api/claims': {
    lcsaId: 'los-angeles',
    quarter: '2026-Q2',
    lines: { salaries: { currentCents: 1, adjustmentCents: 0, estimateCents: 0 } },
    attachments: [],
  },
  'POST /api/claims/{id}/workflow': { action: 'return', comment: 'WRITE-ATTEMPT' },
  'POST /api/training/staff': { userId: laAdmin.userId, orgUnitId: 'los-angeles', hireDate: '2000-01-01' },
  'POST /api/training/courses': { code: 'WRITE-ATTEMPT', title: 'WRITE-ATTEMPT', category: 'system', owner: 'WRITE-ATTEMPT' },
  'POST /api/training/assignments/{id}/quiz': { answers: {} },
  'POST /api/training/rollout/{orgUnitId}': { status: 'delayed', wave: 1, plannedOn: '2026-01-01', delayReason: 'WRITE-ATTEMPT' },
  'POST /api/claims/budget-requests': { lcsaId: 'los-angeles', stateFiscalYear: '2026-27', positions: [], items: [] },
  'POST /api/claims/budget-requests/{id}/decision': { action: 'return', comment: 'WRITE-ATTEMPT' },
  'POST /api/claims/allocations': { lcsaId: 'los-angeles', stateFiscalYear: '2025-26', stream: 'administration', amountCents: 1 },
  'POST /api/claims/allocations/calculate': {
    openCases: 188,
    averageCostPerFteCents: 100,
    callCenterCents: 0,
    operatingExpensesCents: 0,
    priorAllocationCents: 0,
    phaseInYear: 1,
  },
  'POST /api/lien-payoffs': {
    companyName: 'Walk Title',
    escrowNumber: 'WRITE-ATTEMPT',
    propertyAddress: '2 Walk St, Sacramento CA 95814',
    transactionType: 'refinance',
    borrower: { firstName: 'Pat', lastName: 'Walker', ssn: '987-65-4320', dateOfBirth: '1970-01-01' },
    documents: ['letterhead'],
    goodThrough,
  },
  'POST /api/lien-payoffs/{id}/review': { decision: 'reject', note: 'WRITE-ATTEMPT' },
  'POST /api/lien-payoffs/{id}/payment': { receiptId: 'WRITE-ATTEMPT', receivedOn: '2026-11-01', amountCents: 100 },
  'POST /api/persons/{id}/liens/subordinations': { countyFips: '06037', propertyAddress: 'WRITE-ATTEMPT', lenderName: 'WRITE-ATTEMPT', loanAmountCents: 100 },
  'POST /api/lien-subordinations/{id}/decision': { decision: 'deny', note: 'WRITE-ATTEMPT' },
  'POST /api/intercept/exclusions': { personId: laObligor, reason: 'exemption', fromDate: '2024-01-01' },
  'POST /api/intercept/outreach': { kind: 'bulletin', subject: 'WRITE-ATTEMPT', body: 'WRITE-ATTEMPT', sentOn: '2026-11-01' },
  'POST /api/cases/{id}/stored-balances': { asOf: '2024-06-30', source: 'WRITE-ATTEMPT', principalCents: 2, interestCents: 0, futuresCents: 0 },
  'POST /api/cases/{id}/orders': {
    courtOrderNumber: 'WRITE-ATTEMPT',
    courtCountyFips: '06037',
    orderType: 'child_support',
    issuedOn: '2024-05-01',
    frequency: 'monthly',
    amountCents: 100,
  },
  'POST /api/orders/{id}/terms': { reason: 'termination', effectiveFrom: '2025-01-01', frequency: 'monthly', amountCents: 0 },
  'POST /api/cases/{id}/assistance': { program: 'calworks', startsOn: '2024-01-01' },
  'POST /api/cases': makeNewCase({ lcsaId: 'los-angeles', caseNumber: 'WRITE-ATTEMPT' }),
  'POST /api/users': {
    email: 'intruder@test.concord',
    displayName: 'Intruder',
    password: 'a long enough password',
    role: 'lcsa_caseworker',
    lcsaId: 'los-angeles',
  },
  'POST /api/trauma/campaigns': {
    title: 'WRITE-ATTEMPT',
    instrumentId: traumaInstrument!.id,
    opensOn: '2026-01-01',
    closesOn: '2099-12-31',
    orgUnitIds: ['los-angeles'],
  },
  'POST /api/trauma/phases': { ordinal: 9, title: 'WRITE-ATTEMPT', stage: 'trauma_aware', startsOn: '2026-01-01', endsOn: '2026-12-31' },
  'POST /api/auth/tokens': { name: 'mine' },
  'POST /api/auth/sign-in': { email: 'nobody@test.concord', password: 'x' },
};

/** What a person would read in an answer: a PDF's text and a workbook's cells, not their compressed bytes. */
async function readableBody(response: Awaited<ReturnType<typeof app.inject>>): Promise<string> {
  const type = String(response.headers['content-type'] ?? '');
  if (type.startsWith('application/pdf')) return pdfText(response.rawPayload).join('\n');
  if (type.startsWith('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')) {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(new Uint8Array(response.rawPayload).buffer);
    const cells: string[] = [];
    workbook.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((cell) => void cells.push(cell.text))));
    return cells.join('\n');
  }
  return response.body;
}

/** One request on a route as an actor, aimed at the foreign records, with the route's body for POSTs. */
function callRoute(route: { method: string; path: string }, headers: Record<string, string>) {
  const key = `${route.method} ${route.path}`;
  const payload = route.method === 'POST' ? { payload: (bodies[key] as object | undefined) ?? {} } : {};
  return app.inject({ method: route.method as 'GET', url: urlFor(route.path), headers, ...payload });
}

const outsiders = roles.filter((r): r is Role => roleDefinitions[r].scope !== 'state');

describe('no cross-LCSA or cross-partner access through any route', () => {
  it('documents routes to walk', () => {
    expect(routes.length).toBeGreaterThanOrEqual(12);
    expect(foreignDemand.status).toBe('issued');
    expect(foreignClaim.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(foreignAssignmentId).toMatch(/^[0-9a-f-]{36}$/);
    // The foreign records really exist, so the walk aims at something.
    for (const id of Object.values(foreignIds)) expect(id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('reads a download as its reader would, so a marker in a PDF is found', async () => {
    const pdf = await app.inject({ url: `/api/intercept/notices/${foreignNotice.id}/notice.pdf`, headers: stateAdmin.headers });
    expect(pdf.headers['content-type']).toContain('application/pdf');
    expect(pdf.body).not.toContain(foreignNotice.id);
    expect(await readableBody(pdf)).toContain(foreignNotice.id);
  });

  for (const role of outsiders) {
    it(`${role} (not of Los Angeles, not the other insurer) gets nothing of theirs`, async () => {
      const actor = await signInAs(role, { lcsaId: 'sacramento' });
      const succeeded: string[] = [];
      for (const route of routesSignOutLast) {
        const key = `${route.method} ${route.path}`;
        const response = await callRoute(route, actor.headers);
        const isSuccess = response.statusCode < 300;
        if (isSuccess) succeeded.push(key);
        if (isSuccess) {
          // PDFs and workbooks are read as text, so a leak in a download is found as in JSON.
          const body = await readableBody(response);
          for (const marker of foreignMarkers) expect(body, `${role} ${key} leaked ${marker}`).not.toContain(marker);
        }
      }
      // The walk really ran signed in: the session held until sign-out, and reads in scope succeeded.
      expect(succeeded).toContain('GET /api/auth/session');
      if (roleDefinitions[role].permissions.includes('registry.read')) expect(succeeded).toContain('GET /api/cases');
      // Writes aimed at Los Angeles changed nothing there.
      const written = await db.execute(sql`select count(*)::int as n from cases where case_number = 'WRITE-ATTEMPT'`);
      expect((written as unknown as { rows: { n: number }[] }).rows[0]!.n).toBe(0);
      const orderWrites = await db.execute(
        sql`select (select count(*)::int from orders where court_order_number = 'WRITE-ATTEMPT') + (select count(*)::int from order_terms where order_id = ${laOrder.id}) - 1 + (select count(*)::int from assistance_periods where case_id = ${laCase.id}) as n`,
      );
      expect((orderWrites as unknown as { rows: { n: number }[] }).rows[0]!.n).toBe(0);
      const collections = await db.execute(sql`select count(*)::int as n from finance_collections where receipt_id = 'WRITE-ATTEMPT'`);
      expect((collections as unknown as { rows: { n: number }[] }).rows[0]!.n).toBe(0);
      const financeWrites = await db.execute(
        sql`select (select count(*)::int from finance_adjustments where justification = 'WRITE-ATTEMPT' or status <> 'pending')
             + (select count(*)::int from finance_audit_requests where summary = 'WRITE-ATTEMPT' or status <> 'open')
             + (select count(*)::int from finance_stored_balances where source = 'WRITE-ATTEMPT') as n`,
      );
      expect((financeWrites as unknown as { rows: { n: number }[] }).rows[0]!.n).toBe(0);
      const interceptWrites = await db.execute(
        sql`select (select count(*)::int from intercept_insurers where naic_code = '99999') + (select count(*)::int from intercept_matches where decision is not null)
             + (select count(*)::int from intercept_notices where status <> 'issued') + (select count(*)::int from intercept_notices) - 1
             + (select count(*)::int from intercept_outreach where subject = 'WRITE-ATTEMPT')
             + (select count(*)::int from intercept_exclusions)
             + (select count(*)::int from liens where id = ${foreignLienId} and status <> 'to_record')
             + (select count(*)::int from lien_releases)
             + (select count(*)::int from lien_demand_documents) - 3 + (select count(*)::int from lien_demand_documents where "check" <> 'unchecked')
             + (select count(*)::int from lien_wrong_person_requests) + (select count(*)::int from bankruptcies)
             + (select count(*)::int from intercept_contests) + (select count(*)::int from intercept_sdu_receipts)
             + (select count(*)::int from lien_payoff_demands where escrow_number = 'FOREIGN-ESCROW' and (status <> 'issued' or review_note is not null))
             + (select count(*)::int from lien_subordinations where status <> 'pending' or property_address = 'WRITE-ATTEMPT')
             + (select count(*)::int from claims where lcsa_id = 'los-angeles' and (status <> 'submitted' or version <> 1))
             + (select count(*)::int from claim_allocations where lcsa_id = 'los-angeles' and amount_cents <> 50000000)
             + (select count(*)::int from claim_budget_requests where lcsa_id = 'los-angeles')
             + (select count(*)::int from training_staff where hire_date <> '2026-01-02')
             + (select count(*)::int from training_lesson_progress) + (select count(*)::int from training_quiz_attempts)
             + (select count(*)::int from training_assignments where status <> 'assigned' or reminded_on is not null)
             + (select count(*)::int from trauma_campaigns where title = 'WRITE-ATTEMPT' or closed_early_on is not null)
             + (select count(*)::int from trauma_invitations where reminded_on is not null) + (select count(*)::int from trauma_phases)
             + (select count(*)::int from training_rollout_waves) + (select count(*)::int from training_courses where code = 'WRITE-ATTEMPT') as n`,
      );
      expect((interceptWrites as unknown as { rows: { n: number }[] }).rows[0]!.n).toBe(0);
      const intruders = await db.execute(sql`select count(*)::int as n from users where email = 'intruder@test.concord'`);
      expect((intruders as unknown as { rows: { n: number }[] }).rows[0]!.n).toBe(0);
      const token = await db.execute(sql`select revoked_at from api_tokens where id = ${foreignIds.tokens}`);
      expect((token as unknown as { rows: { revoked_at: unknown }[] }).rows[0]!.revoked_at).toBeNull();
      const job = await db.execute(sql`select is_cancel_requested from jobs where id = ${foreignIds.jobs}`);
      expect((job as unknown as { rows: { is_cancel_requested: boolean }[] }).rows[0]!.is_cancel_requested).toBe(false);
    });
  }
});

describe('every route answers every role without a server error', () => {
  for (const role of roles) {
    it(`${role}`, async () => {
      const actor = await signInAs(role, { lcsaId: 'sacramento' });
      for (const route of routesSignOutLast) {
        const key = `${route.method} ${route.path}`;
        const response = await callRoute(route, actor.headers);
        expect(response.statusCode, `${role} ${key}: ${response.body}`).toBeLessThan(500);
        if (response.statusCode >= 400) expect(response.headers['content-type'], key).toContain('application/problem+json');
      }
    });
  }
});

describe('the xAPI routes answer client credentials only', () => {
  const xapiRoutes = routes.filter((r) => r.path.startsWith('/xapi/'));
  const guarded = xapiRoutes.filter((r) => r.path !== '/xapi/about');
  const version = { 'x-experience-api-version': '1.0.3' };

  it('documents the LRS routes', () => {
    expect(xapiRoutes.length).toBeGreaterThanOrEqual(8);
    expect(guarded.length).toBe(xapiRoutes.length - 1);
  });

  it('refuses a staff or partner session, no credentials and a wrong secret, on every route but About', async () => {
    const { key } = await inTransaction(db, (tx) => createLrsClient(tx, 'Access LMS'));
    const wrongSecret = { authorization: `Basic ${Buffer.from(`${key}:not-the-secret`).toString('base64')}` };
    const sessions = await Promise.all(roles.map((role) => signInAs(role, { lcsaId: 'sacramento' })));
    for (const route of guarded) {
      for (const headers of [{}, wrongSecret, ...sessions.map((s) => s.headers)]) {
        const response = await app.inject({ method: route.method as 'GET', url: urlFor(route.path), headers: { ...headers, ...version } });
        expect(response.statusCode, `${route.method} ${route.path}: ${response.body}`).toBe(401);
      }
    }
  });

  it('answers a client with its credentials on every route without a server error', async () => {
    const { key, secret } = await inTransaction(db, (tx) => createLrsClient(tx, 'Access LMS 2'));
    const basic = { authorization: `Basic ${Buffer.from(`${key}:${secret}`).toString('base64')}` };
    const answered: number[] = [];
    for (const route of xapiRoutes) {
      const response = await app.inject({ method: route.method as 'GET', url: urlFor(route.path), headers: { ...basic, ...version } });
      expect(response.statusCode, `${route.method} ${route.path}: ${response.body}`).toBeLessThan(500);
      answered.push(response.statusCode);
    }
    // The credentials were accepted: no route answered 401 or 403.
    expect(answered.filter((status) => status === 401 || status === 403)).toEqual([]);
  });
});
