import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { openCaseWithOrder, useTestApp } from '../../../test/app';
import { digest } from '../../platform/audit/audit';
import { auditLog } from '../../platform/audit/schema';
import { verifyAuditChain } from '../../platform/audit/verify';
import { inTransaction } from '../../platform/db/transaction';
import { financeCollections } from './schema';
import { postCollection } from './service';

const { app, signInAs } = await useTestApp();
const worker = await signInAs('lcsa_caseworker', { lcsaId: 'los-angeles' });
const finance = await signInAs('lcsa_finance', { lcsaId: 'los-angeles' });

const caseWithOrder = async () => (await openCaseWithOrder(app, worker.headers)).id;

describe('finance over HTTP', () => {
  it('posts a collection once per receipt and shows the account replayed from the case’s order (T1)', async () => {
    const caseId = await caseWithOrder();
    const collection = { receiptId: `R-${caseId}`, receivedOn: '2024-03-10', amountCents: 80_000, source: 'wage_withholding' };
    const first = await app.inject({ method: 'POST', url: `/api/cases/${caseId}/collections`, headers: finance.headers, payload: collection });
    expect(first.statusCode).toBe(201);
    const again = await app.inject({ method: 'POST', url: `/api/cases/${caseId}/collections`, headers: finance.headers, payload: collection });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual({ isNew: false });
    const changed = await app.inject({
      method: 'POST',
      url: `/api/cases/${caseId}/collections`,
      headers: finance.headers,
      payload: { ...collection, amountCents: 1 },
    });
    expect(changed.json().code).toBe('receipt_already_posted_differently');

    const account = (await app.inject({ url: `/api/cases/${caseId}/account?asOf=2024-03-31`, headers: worker.headers })).json();
    expect(account.balances).toMatchObject({ chargedCents: 150_000, collectedCents: 80_000, principalCents: 70_000 });
    expect(account.months.map((m: { month: string }) => m.month)).toEqual(['2024-01', '2024-02', '2024-03']);
    expect(account.collections).toHaveLength(1);
  });

  it('retains a collection in a month of CalWORKs for the state and federal government, up to the grants paid (URA)', async () => {
    const caseId = await caseWithOrder();
    const grant = await app.inject({
      method: 'POST',
      url: `/api/cases/${caseId}/assistance`,
      headers: worker.headers,
      payload: { program: 'calworks', startsOn: '2024-01-01', endsOn: '2024-12-31', monthlyGrantCents: 80_000 },
    });
    expect(grant.statusCode).toBe(201);
    const collection = { receiptId: `R-${caseId}`, receivedOn: '2024-03-10', amountCents: 50_000, source: 'wage_withholding' };
    expect((await app.inject({ method: 'POST', url: `/api/cases/${caseId}/collections`, headers: finance.headers, payload: collection })).statusCode).toBe(201);
    const { balances } = (await app.inject({ url: `/api/cases/${caseId}/account?asOf=2024-03-31`, headers: worker.headers })).json();
    // March's support, paid in a month of assistance: $100 passes through to the family (one child), the
    // rest is retained and split at FMAP 50%; URA is three months' grants less what was retained.
    expect(balances.distributedCents).toEqual({ family: 10_000, state: 20_000, federal: 20_000 });
    expect(balances.uraCents).toBe(3 * 80_000 - 40_000);
  });

  it('lets only finance roles post, and only for their own LCSA', async () => {
    const caseId = await caseWithOrder();
    const payload = { receiptId: `R2-${caseId}`, receivedOn: '2024-02-01', amountCents: 100, source: 'voluntary' };
    expect((await app.inject({ method: 'POST', url: `/api/cases/${caseId}/collections`, headers: worker.headers, payload })).statusCode).toBe(403);
    const sacramento = await signInAs('lcsa_finance', { lcsaId: 'sacramento' });
    expect((await app.inject({ method: 'POST', url: `/api/cases/${caseId}/collections`, headers: sacramento.headers, payload })).statusCode).toBe(404);
    expect((await app.inject({ url: `/api/cases/${caseId}/account`, headers: sacramento.headers })).statusCode).toBe(404);
    // Neither refusal stored anything: the receipt is still new to the case's own finance unit.
    expect((await app.inject({ method: 'POST', url: `/api/cases/${caseId}/collections`, headers: finance.headers, payload })).statusCode).toBe(201);
  });

  it('writes a posting and its audit row together, once, and joins a transaction it is given', async () => {
    const caseId = await caseWithOrder();
    const { db } = app.concord.database;
    const payload = { receiptId: `R3-${caseId}`, receivedOn: '2024-02-05', amountCents: 12_345, source: 'voluntary' } as const;
    const audits = () =>
      db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.action, 'finance.collection.post'), eq(auditLog.entityId, caseId)));
    expect((await app.inject({ method: 'POST', url: `/api/cases/${caseId}/collections`, headers: finance.headers, payload })).statusCode).toBe(201);
    expect((await app.inject({ method: 'POST', url: `/api/cases/${caseId}/collections`, headers: finance.headers, payload })).statusCode).toBe(200);
    const rows = await audits();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ lcsaId: 'los-angeles', actorUserId: finance.userId, outcome: 'succeeded', afterDigest: digest(payload) });
    expect((await verifyAuditChain(db)).isIntact).toBe(true);

    // Inside a transaction that then fails, neither the collection nor its audit row is kept.
    const actor = { userId: finance.userId, role: 'lcsa_finance' as const, lcsaId: 'los-angeles', partnerId: null, requestId: null };
    const rolledBack = { ...payload, receiptId: `R4-${caseId}` };
    await expect(
      inTransaction(db, async (tx) => {
        expect(await postCollection(tx, actor, caseId, rolledBack)).toEqual({ isNew: true });
        throw new Error('a later step failed');
      }),
    ).rejects.toThrow('a later step failed');
    expect(await db.select().from(financeCollections).where(eq(financeCollections.receiptId, rolledBack.receiptId))).toEqual([]);
    expect(await audits()).toHaveLength(1);
  });

  it('names a bad field of a collection', async () => {
    const caseId = await caseWithOrder();
    const response = await app.inject({
      method: 'POST',
      url: `/api/cases/${caseId}/collections`,
      headers: finance.headers,
      payload: { receiptId: 'x', receivedOn: '2024-02-30', amountCents: -5, source: 'cash' },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors.map((e: { path: string }) => e.path)).toEqual(expect.arrayContaining(['body/amountCents', 'body/source']));
  });
});
