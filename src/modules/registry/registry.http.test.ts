import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { makeNewCase, useTestApp } from '../../../test/app';

const { app, logs, signInAs } = await useTestApp();

async function auditRows(entityId: string) {
  const result = await app.concord.database.db.execute(sql`select action, is_pii_read, actor_role from audit_log where entity_id = ${entityId} order by id`);
  return (result as unknown as { rows: { action: string; is_pii_read: boolean; actor_role: string }[] }).rows;
}

describe('cases', () => {
  it('opens a case and answers with SSNs masked', async () => {
    const { headers } = await signInAs('lcsa_caseworker');
    const response = await app.inject({ method: 'POST', url: '/api/cases', headers, payload: makeNewCase() });
    expect(response.statusCode).toBe(201);
    const body = response.json();
    const obligor = body.participants.find((p: { role: string }) => p.role === 'obligor');
    expect(obligor).toMatchObject({ ssn: '***-**-5678', isSsnRevealed: false });
    expect(response.body).not.toContain('912345678');
    expect(response.body).not.toContain('912-34-5678');
  });

  it('reveals an SSN only to a role that may, on request, and audits that read as a PII read', async () => {
    const { headers } = await signInAs('lcsa_caseworker');
    const created = (await app.inject({ method: 'POST', url: '/api/cases', headers, payload: makeNewCase() })).json<{ id: string }>();
    const revealed = await app.inject({ method: 'GET', url: `/api/cases/${created.id}?reveal=ssn`, headers });
    expect(revealed.json().participants.find((p: { role: string }) => p.role === 'obligor')).toMatchObject({ ssn: '912-34-5678', isSsnRevealed: true });
    const finance = await signInAs('lcsa_finance');
    const refused = await app.inject({ method: 'GET', url: `/api/cases/${created.id}?reveal=ssn`, headers: finance.headers });
    expect(refused.statusCode).toBe(403);
    const masked = await app.inject({ method: 'GET', url: `/api/cases/${created.id}`, headers: finance.headers });
    expect(masked.statusCode).toBe(200);
    const rows = await auditRows(created.id);
    // The refused reveal is in the case's trail as a failed attempt.
    expect(rows.map((r) => r.action)).toEqual(['case.create', 'case.read', 'case.read.ssn_revealed', 'GET /api/cases/:id', 'case.read']);
    expect(rows.filter((r) => r.action.startsWith('case.read')).every((r) => r.is_pii_read)).toBe(true);
  });

  it('names each bad field of a new case', async () => {
    const { headers } = await signInAs('lcsa_caseworker');
    const payload = makeNewCase({ countyFips: '06999', children: [] });
    const response = await app.inject({ method: 'POST', url: '/api/cases', headers, payload });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors.map((e: { path: string }) => e.path)).toEqual(expect.arrayContaining(['body/children']));
    const wrongCounty = await app.inject({ method: 'POST', url: '/api/cases', headers, payload: makeNewCase({ countyFips: '06067' }) });
    expect(wrongCounty.json()).toMatchObject({ code: 'county_not_served_by_lcsa', errors: [{ path: '/countyFips' }] });
    const badSsn = makeNewCase();
    (badSsn.obligor as { ssn: string }).ssn = '666-12-3456';
    expect((await app.inject({ method: 'POST', url: '/api/cases', headers, payload: badSsn })).json()).toMatchObject({
      code: 'ssn_is_invalid',
      errors: [{ path: '/obligor/ssn' }],
    });
  });

  it('refuses a second case with the same case number', async () => {
    const { headers } = await signInAs('lcsa_caseworker');
    const payload = makeNewCase();
    expect((await app.inject({ method: 'POST', url: '/api/cases', headers, payload })).statusCode).toBe(201);
    const again = await app.inject({ method: 'POST', url: '/api/cases', headers, payload });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('case_number_already_used');
  });

  it('lists only the LCSA’s own cases for LCSA staff and all for state staff', async () => {
    const la = await signInAs('lcsa_caseworker', { lcsaId: 'los-angeles' });
    const sac = await signInAs('lcsa_caseworker', { lcsaId: 'sacramento' });
    await app.inject({ method: 'POST', url: '/api/cases', headers: sac.headers, payload: makeNewCase({ lcsaId: 'sacramento', countyFips: '06067' }) });
    const sacList = (await app.inject({ method: 'GET', url: '/api/cases?pageSize=200', headers: sac.headers })).json<{
      items: { lcsaId: string }[];
      total: number;
    }>();
    expect(sacList.total).toBe(1);
    expect(sacList.items.every((c) => c.lcsaId === 'sacramento')).toBe(true);
    const laList = (await app.inject({ method: 'GET', url: '/api/cases?pageSize=200', headers: la.headers })).json<{ items: { lcsaId: string }[] }>();
    expect(laList.items.every((c) => c.lcsaId === 'los-angeles')).toBe(true);
    const state = await signInAs('state_staff');
    const all = (await app.inject({ method: 'GET', url: '/api/cases?pageSize=200', headers: state.headers })).json<{ items: { lcsaId: string }[] }>();
    expect(new Set(all.items.map((c) => c.lcsaId))).toEqual(new Set(['los-angeles', 'sacramento']));
  });

  it('lists the 47 LCSAs serving all 58 counties', async () => {
    const { headers } = await signInAs('insurer_partner');
    const lcsas = (await app.inject({ method: 'GET', url: '/api/lcsas', headers })).json<{ counties: unknown[] }[]>();
    expect(lcsas).toHaveLength(47);
    expect(lcsas.flatMap((l) => l.counties)).toHaveLength(58);
  });
});

describe('logs', () => {
  it('never contain a full SSN, even while SSNs are created and revealed', async () => {
    const { headers } = await signInAs('lcsa_caseworker');
    const created = (await app.inject({ method: 'POST', url: '/api/cases', headers, payload: makeNewCase() })).json<{ id: string }>();
    await app.inject({ method: 'GET', url: `/api/cases/${created.id}?reveal=ssn`, headers });
    await app.inject({ method: 'POST', url: '/api/cases', headers, payload: { ...makeNewCase(), ssn: '934-56-7890' } });
    const text = logs.join('');
    expect(text.length).toBeGreaterThan(1_000);
    expect(text).toContain('"reqId"');
    for (const ssn of ['912345678', '912-34-5678', '923456789', '923-45-6789', '934567890', '934-56-7890']) expect(text).not.toContain(ssn);
  });
});

describe('demo data as a background job', () => {
  it('lets a state administrator seed demo cases through a job whose progress reaches 100%', async () => {
    const { JobRunner } = await import('../../platform/jobs/runner');
    const { demoJobChunk, demoSeedJob, demoSeedJobKind } = await import('./jobs');
    const { queryRows } = await import('../../platform/db/rows');
    const admin = await signInAs('state_admin');
    const refused = await app.inject({ method: 'POST', url: '/api/demo/seed', headers: (await signInAs('lcsa_admin')).headers, payload: { cases: 10 } });
    expect(refused.statusCode).toBe(403);
    const accepted = await app.inject({ method: 'POST', url: '/api/demo/seed', headers: admin.headers, payload: { cases: 300, seed: 5 } });
    expect(accepted.statusCode).toBe(202);
    const { jobId } = accepted.json<{ jobId: string }>();
    const runner = new JobRunner(app.concord.database.db, new Map([[demoSeedJobKind, demoSeedJob(app.concord.piiKeys)]]));
    expect(await runner.runOnce()).toBe(true);
    const job = (await app.inject({ url: `/api/jobs/${jobId}`, headers: admin.headers })).json();
    expect(job).toMatchObject({ status: 'succeeded', progressDone: 300, progressTotal: 300 });
    const seeded = (await app.inject({ url: '/api/cases?caseNumber=D005-&pageSize=1', headers: admin.headers })).json();
    expect(seeded.total).toBe(300);
    // In small committed chunks, so that the web app's requests are not held back long by one.
    const [chunks] = await queryRows<{ n: number }>(
      app.concord.database.db,
      sql`select count(*)::int as n from audit_log where action = 'demo.seed_chunk' and detail->>'seed' = '5'`,
    );
    expect(chunks!.n).toBe(300 / demoJobChunk);
  });
});
