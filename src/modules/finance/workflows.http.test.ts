/**
 * Finance workflows over HTTP on a real database: adjustments under maker-checker, the audit request
 * queue and its deadlines, the ledger view, the PDF statement, an obligor's lump sum prorated across two
 * families, and the discrepancy report.
 */
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { openCaseWithOrder, useTestApp } from '../../../test/app';
import { pdfText } from '../../../test/pdf-text';
import { addDays, todayInCalifornia } from '../../platform/dates';

const { app, signInAs } = await useTestApp();
const db = app.concord.database.db;
const worker = await signInAs('lcsa_caseworker', { lcsaId: 'los-angeles' });
const maker = await signInAs('lcsa_finance', { lcsaId: 'los-angeles' });
const checker = await signInAs('lcsa_admin', { lcsaId: 'los-angeles' });

const caseWithOrder = (amountCents?: number, issuedOn?: string) => openCaseWithOrder(app, worker.headers, { amountCents, issuedOn });

const post = (url: string, headers: Record<string, string>, payload: object) => app.inject({ method: 'POST', url, headers, payload });

describe('adjustments under maker-checker', () => {
  it('takes effect only when another user approves it, and re-runs the account from its effective date', async () => {
    const { id } = await caseWithOrder();
    await post(`/api/cases/${id}/collections`, maker.headers, { receiptId: `R-${id}`, receivedOn: '2024-03-10', amountCents: 80_000, source: 'voluntary' });
    const before = (await app.inject({ url: `/api/cases/${id}/account?asOf=2024-12-31`, headers: worker.headers })).json();
    expect(before.balances.interestCents).toBeGreaterThan(1_000);

    const proposed = await post(`/api/cases/${id}/adjustments`, maker.headers, {
      kind: 'compromise',
      effectiveOn: '2024-12-31',
      amountCents: 1_000,
      appliesTo: 'interest',
      justification: 'Offer in compromise accepted, FC 17560, letter of 2024-12-20',
    });
    expect(proposed.statusCode).toBe(201);
    const adjustment = proposed.json();
    expect(adjustment).toMatchObject({ status: 'pending', kind: 'compromise', amountCents: 1_000 });
    // Pending: the account is unchanged, and the adjustment waits in the LCSA's queue.
    expect((await app.inject({ url: `/api/cases/${id}/account?asOf=2024-12-31`, headers: worker.headers })).json().balances).toEqual(before.balances);
    const queue = (await app.inject({ url: '/api/finance/adjustments', headers: checker.headers })).json<{ id: string }[]>();
    expect(queue.map((a) => a.id)).toContain(adjustment.id);

    const own = await post(`/api/finance/adjustments/${adjustment.id}/decision`, maker.headers, { decision: 'approve' });
    expect(own.statusCode).toBe(403);
    expect(own.json().code).toBe('maker_checker');
    const approved = await post(`/api/finance/adjustments/${adjustment.id}/decision`, checker.headers, { decision: 'approve', note: 'Agreement on file' });
    expect(approved.json()).toMatchObject({ status: 'approved', decidedBy: checker.userId });
    const again = await post(`/api/finance/adjustments/${adjustment.id}/decision`, checker.headers, { decision: 'reject' });
    expect(again.json().code).toBe('adjustment_already_decided');

    const after = (await app.inject({ url: `/api/cases/${id}/account?asOf=2024-12-31`, headers: worker.headers })).json();
    expect(after.balances.interestCents).toBe(before.balances.interestCents - 1_000);
    expect(after.balances.principalCents).toBe(before.balances.principalCents);
    const ledger = (await app.inject({ url: `/api/cases/${id}/ledger?asOf=2024-12-31&kind=adjustment`, headers: worker.headers })).json();
    expect(ledger.items).toHaveLength(1);
    expect(ledger.items[0].ref).toBe(adjustment.id);
    const actions = await db.execute(sql`select action, outcome from audit_log where entity_id = ${adjustment.id} order by id`);
    // The maker's own approval and the second decision were refused: each is in the record's trail as a failed attempt.
    expect((actions as unknown as { rows: { action: string; outcome: string }[] }).rows.map((r) => `${r.action} ${r.outcome}`)).toEqual([
      'finance.adjustment.propose succeeded',
      'POST /api/finance/adjustments/:id/decision failed',
      'finance.adjustment.approve succeeded',
      'POST /api/finance/adjustments/:id/decision failed',
    ]);
  });

  it('refuses what the account cannot bear, and a receipt that is not on the case, naming the field', async () => {
    const { id } = await caseWithOrder();
    const tooMuch = await post(`/api/cases/${id}/adjustments`, maker.headers, {
      kind: 'refund_over_collection',
      effectiveOn: '2024-06-01',
      amountCents: 5_000,
      justification: 'Obligor asked for a refund',
    });
    expect(tooMuch.json()).toMatchObject({ code: 'adjustment_exceeds_balance' });
    const noReceipt = await post(`/api/cases/${id}/adjustments`, maker.headers, {
      kind: 'misapplied_receipt',
      effectiveOn: '2024-06-01',
      collectionId: 'NOT-HERE',
      justification: 'Posted to the wrong case',
    });
    expect(noReceipt.json()).toMatchObject({ code: 'receipt_not_on_case', errors: [{ path: '/collectionId' }] });
    expect((await post(`/api/cases/${id}/adjustments`, maker.headers, { kind: 'compromise' })).statusCode).toBe(400);
    // Who may call the route is decided before the body is read: a caseworker learns nothing of its shape.
    expect((await post(`/api/cases/${id}/adjustments`, worker.headers, { kind: 'compromise' })).json()).toMatchObject({ code: 'permission_denied' });
  });

  it('a rejected misapplied-receipt correction leaves the receipt counted; an approved one removes it from the replay', async () => {
    const { id } = await caseWithOrder();
    await post(`/api/cases/${id}/collections`, maker.headers, { receiptId: `M-${id}`, receivedOn: '2024-02-05', amountCents: 50_000, source: 'voluntary' });
    const propose = () =>
      post(`/api/cases/${id}/adjustments`, maker.headers, {
        kind: 'misapplied_receipt',
        effectiveOn: '2024-04-01',
        collectionId: `M-${id}`,
        justification: 'Receipt belonged to another obligor with the same name',
      }).then((r) => r.json<{ id: string }>());
    const first = await propose();
    await post(`/api/finance/adjustments/${first.id}/decision`, checker.headers, { decision: 'reject', note: 'Research shows it is ours' });
    const collected = async () =>
      (await app.inject({ url: `/api/cases/${id}/account?asOf=2024-06-30`, headers: worker.headers })).json().balances.collectedCents;
    expect(await collected()).toBe(50_000);
    const second = await propose();
    await post(`/api/finance/adjustments/${second.id}/decision`, checker.headers, { decision: 'approve' });
    expect(await collected()).toBe(0);
    const history = (await app.inject({ url: `/api/cases/${id}/adjustments`, headers: worker.headers })).json<{ status: string }[]>();
    expect(history.map((a) => a.status).sort()).toEqual(['approved', 'rejected']);
  });
});

describe('audit request queue', () => {
  const today = todayInCalifornia();

  it('gives an arrears audit 30 days and shows it overdue after, and a complaint 30 + a director extension of 30', async () => {
    const { id } = await caseWithOrder();
    const audit = await post(`/api/cases/${id}/audit-requests`, worker.headers, {
      kind: 'arrears_audit',
      requestedBy: 'obligor',
      receivedOn: addDays(today, -40),
      summary: 'Obligor disputes arrears since 2024',
    });
    expect(audit.statusCode).toBe(201);
    expect(audit.json()).toMatchObject({ dueOn: addDays(today, -10), state: 'overdue', daysLeft: -10 });

    const complaint = (
      await post(`/api/cases/${id}/audit-requests`, worker.headers, {
        kind: 'complaint',
        requestedBy: 'obligee',
        receivedOn: addDays(today, -5),
        knewOn: addDays(today, -200),
        summary: 'Payments not passed to the family',
      })
    ).json();
    expect(complaint).toMatchObject({ dueOn: addDays(today, 25), isFiledLate: true, state: 'on_time' });
    const tooLong = await post(`/api/finance/audit-requests/${complaint.id}/actions`, worker.headers, {
      action: 'extend',
      extendedTo: addDays(today, 56),
      reason: 'Waiting for the court file',
    });
    expect(tooLong.json()).toMatchObject({ code: 'extension_too_long', errors: [{ path: '/extendedTo' }] });
    const extended = await post(`/api/finance/audit-requests/${complaint.id}/actions`, worker.headers, {
      action: 'extend',
      extendedTo: addDays(today, 55),
      reason: 'Waiting for the court file',
    });
    expect(extended.json()).toMatchObject({ extendedTo: addDays(today, 55), daysLeft: 55 });

    type Queue = { items: { id: string; state: string; caseNumber: string }[]; total: number };
    const queueOf = async (query = '', who = worker) =>
      (await app.inject({ url: `/api/finance/audit-requests?pageSize=200&${query}`, headers: who.headers })).json<Queue>();
    const queue = (await queueOf()).items;
    const mine = queue.filter((r) => r.id === audit.json().id || r.id === complaint.id);
    expect(mine.map((r) => r.state)).toEqual(['overdue', 'on_time']);
    // Narrowed: overdue only; this case's requests by its number; complaints only; the extended complaint due last.
    const overdue = await queueOf('overdue=true');
    expect(overdue.items.every((r) => r.state === 'overdue')).toBe(true);
    expect(overdue.items.map((r) => r.id)).toContain(audit.json().id);
    expect(overdue.items.map((r) => r.id)).not.toContain(complaint.id);
    const caseNumber = mine[0]!.caseNumber;
    expect((await queueOf(`q=${caseNumber}`)).items.map((r) => r.id)).toEqual([audit.json().id, complaint.id]);
    expect((await queueOf(`q=${caseNumber}&sort=dueOn&dir=desc`)).items.map((r) => r.id)).toEqual([complaint.id, audit.json().id]);
    expect((await queueOf(`q=${caseNumber}&kind=complaint`)).items.map((r) => r.id)).toEqual([complaint.id]);

    const done = await post(`/api/finance/audit-requests/${audit.json().id}/actions`, worker.headers, {
      action: 'complete',
      completedOn: today,
      outcome: 'Audit sent: arrears confirmed, monthly breakdown enclosed',
    });
    expect(done.json()).toMatchObject({ state: 'completed_late', completedOn: today });
    expect((await queueOf()).items.map((r) => r.id)).not.toContain(audit.json().id);
    expect((await queueOf(`status=completed&q=${caseNumber}`)).items.map((r) => r.id)).toEqual([audit.json().id]);
    const sacramento = await signInAs('lcsa_caseworker', { lcsaId: 'sacramento' });
    expect((await queueOf('status=all', sacramento)).total).toBe(0);
    expect(
      (await post(`/api/finance/audit-requests/${complaint.id}/actions`, sacramento.headers, { action: 'complete', completedOn: today, outcome: 'xxxxxx' }))
        .statusCode,
    ).toBe(404);
  });
});

describe('ledger, statement, proration and discrepancies', () => {
  it('filters the ledger by kind, account and dates, and pages it', async () => {
    const { id } = await caseWithOrder();
    const url = (q: string) => `/api/cases/${id}/ledger?asOf=2024-12-31&${q}`;
    const charges = (await app.inject({ url: url('kind=charge'), headers: worker.headers })).json();
    expect(charges.total).toBe(12);
    expect(charges.items.every((e: { kind: string }) => e.kind === 'charge')).toBe(true);
    const paged = (await app.inject({ url: url('kind=charge&page=2&pageSize=5'), headers: worker.headers })).json();
    expect(paged.items.map((e: { date: string }) => e.date)).toEqual(['2024-06-01', '2024-07-01', '2024-08-01', '2024-09-01', '2024-10-01']);
    const interest = (await app.inject({ url: url('account=interest_receivable&from=2024-06-01&to=2024-06-30'), headers: worker.headers })).json();
    expect(interest.items.map((e: { date: string }) => e.date)).toEqual(['2024-06-30']);
  });

  it('downloads the statement as a PDF with the case number and the balances apart', async () => {
    const { id, caseNumber } = await caseWithOrder();
    const response = await app.inject({ url: `/api/cases/${id}/statement.pdf?asOf=2024-06-15`, headers: worker.headers });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.headers['content-disposition']).toContain(`statement-${caseNumber}-2024-06-15.pdf`);
    const text = pdfText(response.rawPayload);
    expect(text.join(' ')).toContain(`Case ${caseNumber}`);
    expect(text[text.indexOf('Current support due this month') + 1]).toBe('$500.00');
    expect(text[text.indexOf('Arrears (unpaid support from earlier months)') + 1]).toBe('$2,500.00');
  });

  it("prorates an obligor's lump sum across two families: current support first, then arrears by share", async () => {
    const a = await caseWithOrder(30_000, '2024-01-01');
    const b = await caseWithOrder(10_000, '2024-01-01');
    const obligor = a.participants.find((p) => p.role === 'obligor')!.id;
    // The same obligor on the second family's case (the registry links people by id).
    await db.execute(sql`update case_participants set person_id = ${obligor} where case_id = ${b.id} and role = 'obligor'`);
    // Through June both are wholly unpaid: current $300 + $100; arrears $1,500 + $500 plus interest.
    const response = await post(`/api/persons/${obligor}/collections`, maker.headers, {
      receiptId: `LUMP-${a.id}`,
      receivedOn: '2024-06-10',
      amountCents: 60_000,
      source: 'wage_withholding',
    });
    expect(response.statusCode).toBe(201);
    const parts = response.json().parts as { caseId: string; currentCents: number; arrearsCents: number; amountCents: number }[];
    const of = (id: string) => parts.find((p) => p.caseId === id)!;
    expect(of(a.id).currentCents).toBe(30_000);
    expect(of(b.id).currentCents).toBe(10_000);
    expect(of(a.id).arrearsCents + of(b.id).arrearsCents).toBe(20_000);
    expect(of(a.id).arrearsCents).toBeGreaterThan(of(b.id).arrearsCents * 2.9);
    expect(of(a.id).amountCents + of(b.id).amountCents).toBe(60_000);
    const again = await post(`/api/persons/${obligor}/collections`, maker.headers, {
      receiptId: `LUMP-${a.id}`,
      receivedOn: '2024-06-10',
      amountCents: 60_000,
      source: 'wage_withholding',
    });
    expect(again.statusCode).toBe(200);
    const collected = (await app.inject({ url: `/api/cases/${b.id}/account?asOf=2024-06-30`, headers: worker.headers })).json().balances.collectedCents;
    expect(collected).toBe(of(b.id).amountCents);
  });

  it('lists only the stored balances that differ from the replay, by category', async () => {
    const matching = await caseWithOrder();
    const differing = await caseWithOrder();
    const replayed = (await app.inject({ url: `/api/cases/${matching.id}/account?asOf=2024-12-31`, headers: worker.headers })).json().summary;
    const stored = { asOf: '2024-12-31', source: 'legacy:test', principalCents: 600_000, interestCents: replayed.interestCents, futuresCents: 0 };
    expect((await post(`/api/cases/${matching.id}/stored-balances`, maker.headers, stored)).statusCode).toBe(204);
    expect((await post(`/api/cases/${differing.id}/stored-balances`, maker.headers, { ...stored, principalCents: 610_000 })).statusCode).toBe(204);
    const report = (await app.inject({ url: '/api/finance/discrepancies', headers: maker.headers })).json();
    const ids = report.discrepancies.map((d: { caseId: string }) => d.caseId);
    expect(ids).toContain(differing.id);
    expect(ids).not.toContain(matching.id);
    expect(report.discrepancies.find((d: { caseId: string }) => d.caseId === differing.id).differenceCents).toEqual({
      principalCents: 10_000,
      interestCents: 0,
      futuresCents: 0,
    });
  });
});
