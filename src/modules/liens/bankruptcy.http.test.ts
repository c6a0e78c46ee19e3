/**
 * The bankruptcy registry as liens and intercept read it, over HTTP on a real database: recorded once for
 * the individual; no new lien against a Chapter 13 debtor; a lien not yet recorded is held (not
 * recordable, not in a package) while any automatic stay is in force and released from the hold when the
 * case is discharged; the obligor is not matched by intercept during the stay. A terminated order with
 * arrears keeps its lien, as a certified order.
 */
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { openCaseWithOrder, useTestApp } from '../../../test/app';
import { pdfText } from '../../../test/pdf-text';
import { addDays, todayInCalifornia } from '../../platform/dates';

const { app, signInAs } = await useTestApp();
const db = app.concord.database.db;
const la = await signInAs('lcsa_caseworker', { lcsaId: 'los-angeles' });
const sacramento = await signInAs('lcsa_caseworker', { lcsaId: 'sacramento' });
const admin = await signInAs('state_admin');
const today = todayInCalifornia();
const recent = addDays(today, -20);

const obligorOf = (c: { participants: { id: string; role: string }[] }) => c.participants.find((p) => p.role === 'obligor')!.id;
const file = (personId: string, payload: object, headers = la.headers) =>
  app.inject({ method: 'POST', url: `/api/persons/${personId}/bankruptcies`, headers, payload });
const generate = () => app.inject({ method: 'POST', url: '/api/liens/record-tasks', headers: la.headers }).then((r) => r.json());
const queueFor = async (caseId: string) =>
  (await app.inject({ url: '/api/liens?status=to_record&pageSize=200', headers: la.headers }))
    .json<{ items: { id: string; caseId: string; heldReason: string | null; instrument: string }[] }>()
    .items.filter((l) => l.caseId === caseId);

describe('bankruptcies, liens and intercept', () => {
  it('records a bankruptcy once, checks its dates, and shows it to every LCSA of the individual only', async () => {
    const c = await openCaseWithOrder(app, la.headers, { issuedOn: recent });
    const person = obligorOf(c);
    const bad = await file(person, { chapter: '7', caseNumber: '2:26-bk-10001', court: 'U.S. Bankruptcy Court, C.D. Cal.', filedOn: addDays(today, 3) });
    expect(bad.json()).toMatchObject({ code: 'bankruptcy_dates_invalid', errors: [{ path: '/filedOn', message: 'not in the future' }] });
    const filed = await file(person, { chapter: '7', caseNumber: '2:26-bk-10001', court: 'U.S. Bankruptcy Court, C.D. Cal.', filedOn: recent });
    expect(filed.statusCode).toBe(201);
    expect(filed.json()).toMatchObject({ chapter: '7', isStayInForce: true });
    expect((await file(person, { chapter: '7', caseNumber: '2:26-bk-10001', court: 'U.S. Bankruptcy Court, C.D. Cal.', filedOn: recent })).json().code).toBe(
      'bankruptcy_already_recorded',
    );
    const update = (payload: object) => app.inject({ method: 'POST', url: `/api/bankruptcies/${filed.json().id}`, headers: la.headers, payload });
    expect((await update({ dischargedOn: addDays(recent, -1) })).json().code).toBe('bankruptcy_dates_invalid');
    expect((await app.inject({ url: `/api/persons/${person}/bankruptcies`, headers: sacramento.headers })).statusCode).toBe(404);
    expect((await file(person, { chapter: '13', caseNumber: 'X-1', court: 'Some court', filedOn: recent }, sacramento.headers)).statusCode).toBe(404);
    const audit = await db.execute(sql`select action from audit_log where entity_id = ${filed.json().id}`);
    expect((audit as unknown as { rows: { action: string }[] }).rows.map((r) => r.action)).toEqual([
      'registry.bankruptcy.record',
      'POST /api/bankruptcies/:id',
    ]);
  });

  it('records no lien against a Chapter 13 debtor, and says why', async () => {
    const c = await openCaseWithOrder(app, la.headers, { issuedOn: recent });
    await file(obligorOf(c), { chapter: '13', caseNumber: '2:26-bk-13013', court: 'U.S. Bankruptcy Court, C.D. Cal.', filedOn: recent });
    const result = await generate();
    expect(result.suppressed.chapter_13_debtor).toBeGreaterThanOrEqual(1);
    expect(await queueFor(c.id)).toEqual([]);
  });

  it('holds a lien not yet recorded while a stay is in force, keeps it out of the package, and lets it go once discharged', async () => {
    const c = await openCaseWithOrder(app, la.headers, { issuedOn: recent });
    await generate();
    const [lien] = await queueFor(c.id);
    expect(lien).toMatchObject({ heldReason: null, instrument: 'abstract_of_support_judgment' });
    const filed = (await file(obligorOf(c), { chapter: '7', caseNumber: '2:26-bk-17007', court: 'U.S. Bankruptcy Court, C.D. Cal.', filedOn: today })).json();
    expect((await queueFor(c.id))[0]!.heldReason).toBe('bankruptcy_stay');
    const recording = await app.inject({
      method: 'POST',
      url: `/api/liens/${lien!.id}/recording`,
      headers: la.headers,
      payload: { outcome: 'recorded', recordedOn: today, instrumentNumber: 'HELD-1', feeCents: 100 },
    });
    expect(recording.json().code).toBe('lien_held_bankruptcy_stay');
    const pkg = await app.inject({ url: '/api/liens/package.pdf?countyFips=06037', headers: la.headers });
    if (pkg.headers['content-type'] === 'application/pdf') expect(pdfText(pkg.rawPayload).join(' ')).not.toContain(lien!.id.slice(0, 8));
    await app.inject({ method: 'POST', url: `/api/bankruptcies/${filed.id}`, headers: la.headers, payload: { dischargedOn: today } });
    expect((await queueFor(c.id))[0]!.heldReason).toBeNull();
  });

  it('takes an obligor under a stay off the intercept match list', async () => {
    const c = await openCaseWithOrder(app, la.headers, { issuedOn: '2024-01-01' });
    const person = obligorOf(c);
    const matchable = async () => {
      await app.inject({ method: 'POST', url: '/api/intercept/matchable/refresh', headers: admin.headers });
      const rows = await db.execute(sql`select 1 from intercept_matchable where person_id = ${person}`);
      return (rows as unknown as { rows: unknown[] }).rows.length;
    };
    expect(await matchable()).toBe(1);
    const filed = (await file(person, { chapter: '11', caseNumber: '2:26-bk-11011', court: 'U.S. Bankruptcy Court, C.D. Cal.', filedOn: today })).json();
    expect(await matchable()).toBe(0);
    await app.inject({ method: 'POST', url: `/api/bankruptcies/${filed.id}`, headers: la.headers, payload: { stayLiftedOn: today } });
    expect(await matchable()).toBe(1);
  });

  it('keeps a lien for a terminated order with arrears, as a certified order with the arrears', async () => {
    const c = await openCaseWithOrder(app, la.headers, { issuedOn: '2024-01-01' });
    const detail = (await app.inject({ url: `/api/cases/${c.id}`, headers: la.headers })).json<{ orders: { id: string }[] }>();
    const terminated = await app.inject({
      method: 'POST',
      url: `/api/orders/${detail.orders[0]!.id}/terms`,
      headers: la.headers,
      payload: { reason: 'termination', effectiveFrom: '2025-01-01', frequency: 'monthly', amountCents: 0 },
    });
    expect(terminated.statusCode).toBe(201);
    await generate();
    const [lien] = await queueFor(c.id);
    expect(lien).toMatchObject({ instrument: 'certified_order', heldReason: null });
    const text = pdfText((await app.inject({ url: '/api/liens/package.pdf?countyFips=06037', headers: la.headers })).rawPayload).join(' ');
    expect(text).toContain('Certified copy of support order with arrears determination');
    expect(text).toMatch(/Terminated; arrears of \$[\d,]+\.\d\d as of/);
  });
});
