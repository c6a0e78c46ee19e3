import { describe, expect, it } from 'vitest';
import { openCaseWithOrder, useTestApp } from '../../../test/app';
import { todayInCalifornia } from '../dates';

const { app, signInAs } = await useTestApp();
const worker = await signInAs('lcsa_caseworker', { lcsaId: 'los-angeles' });
const finance = await signInAs('lcsa_finance', { lcsaId: 'los-angeles' });
const sacramento = await signInAs('lcsa_caseworker', { lcsaId: 'sacramento' });

describe('a case’s activity timeline', () => {
  it('shows what was done to the case and its records across modules, newest first, by whom — not who read it', async () => {
    const created = await openCaseWithOrder(app, worker.headers, { issuedOn: '2026-01-01' });
    const other = await openCaseWithOrder(app, worker.headers, { issuedOn: '2026-01-01' });
    await app.inject({ url: `/api/cases/${created.id}`, headers: worker.headers });
    await app.inject({
      method: 'POST',
      url: `/api/cases/${created.id}/collections`,
      headers: finance.headers,
      payload: { receiptId: `A-${created.id}`, receivedOn: '2026-02-10', amountCents: 50_000, source: 'voluntary' },
    });
    await app.inject({
      method: 'POST',
      url: `/api/cases/${created.id}/audit-requests`,
      headers: worker.headers,
      payload: { kind: 'arrears_audit', requestedBy: 'obligor', receivedOn: todayInCalifornia(), summary: 'Disputes January' },
    });
    await app.inject({ method: 'POST', url: '/api/liens/record-tasks', headers: worker.headers });

    const answer = await app.inject({ url: `/api/cases/${created.id}/activity`, headers: worker.headers });
    expect(answer.statusCode, answer.body).toBe(200);
    const rows = answer.json<{ id: number; action: string; actorName: string | null; entityId: string }[]>();
    const actions = rows.map((r) => r.action);
    expect(actions).toEqual(expect.arrayContaining(['case.create', 'order.create', 'finance.collection.post', 'finance.audit_request.log']));
    expect(actions.some((a) => a.endsWith('.read'))).toBe(false);
    expect(rows.map((r) => r.id)).toEqual([...rows.map((r) => r.id)].sort((a, b) => b - a));
    expect(rows.find((r) => r.action === 'finance.collection.post')!.actorName).not.toBeNull();
    // The other case's rows are not in it.
    expect(rows.some((r) => r.entityId === other.id)).toBe(false);
    expect((await app.inject({ url: `/api/cases/${created.id}/activity`, headers: sacramento.headers })).statusCode).toBe(404);
  });
});
