/**
 * The finance store on a database (PGlite, or the server with DATABASE_URL), without the HTTP app: a
 * collection posted once per receipt with its audit row in the same statement, only on a case the filter
 * reaches; adjustments decided once; audit requests and stored balances within the filter.
 */
import crypto from 'node:crypto';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { fresno, kern, seedTestCase, statewide as state } from '../../../test/cases';
import { useTestDatabase } from '../../../test/db';
import { systemActor } from '../../platform/auth/actor';
import { queryRows } from '../../platform/db/rows';
import { inTransaction } from '../../platform/db/transaction';
import { derivePiiKeys } from '../../platform/pii/keys';
import {
  accountEvents,
  auditsCompletedWithin30Days,
  caseLcsaInScope,
  collectedPerLcsa,
  collectionByReceipt,
  collectionsOfCase,
  decidePending,
  findAdjustment,
  findAdjustments,
  findAuditRequests,
  insertAdjustment,
  insertAuditRequest,
  insertCollectionAudited,
  storedBalancesPage,
  updateAuditRequestRow,
  upsertStoredBalances,
} from './store';

const { db } = await useTestDatabase();
const keys = derivePiiKeys(crypto.randomBytes(32));
const tag = crypto.randomBytes(3).toString('hex');

const theCase = await seedTestCase(db, keys, { caseNumber: `FIN-${tag}`, lcsaId: 'kern', countyFips: '06029', lastName: 'Ledger' });

describe('the finance store', () => {
  it('posts a collection once per receipt, with its audit row, only on a case the filter reaches', async () => {
    const input = { receiptId: `R-${tag}`, receivedOn: '2025-03-01', amountCents: 12_345, source: 'voluntary' } as const;
    expect(await caseLcsaInScope(db, fresno, theCase.id)).toBeUndefined();
    expect(await insertCollectionAudited(db, fresno, systemActor(), theCase.id, 'kern', input)).toBe(false);
    expect(await caseLcsaInScope(db, kern, theCase.id)).toBe('kern');
    expect(await insertCollectionAudited(db, kern, systemActor(), theCase.id, 'kern', input)).toBe(true);
    expect(await insertCollectionAudited(db, kern, systemActor(), theCase.id, 'kern', input)).toBe(false);
    expect(await collectionByReceipt(db, input.receiptId)).toMatchObject({ caseId: theCase.id, amountCents: 12_345 });
    const [audited] = await queryRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from audit_log where action = 'finance.collection.post' and entity_id = ${theCase.id}`,
    );
    expect(audited!.n).toBe(1);
    await inTransaction(db, async (tx) => {
      expect((await collectionsOfCase(tx, theCase.id)).map((c) => c.receiptId)).toEqual([input.receiptId]);
      expect((await collectedPerLcsa(tx, state, 'voluntary', { from: '2025-03-01', to: '2025-03-01' })).get('kern')).toBeGreaterThanOrEqual(12_345);
      expect((await collectedPerLcsa(tx, fresno, null, { from: '2025-03-01', to: '2025-03-01' })).get('kern')).toBeUndefined();
    });
  });

  it('decides a pending adjustment once, and gives a case only its approved ones', () =>
    inTransaction(db, async (tx) => {
      const adjustment = await insertAdjustment(tx, {
        lcsaId: 'kern',
        caseId: theCase.id,
        kind: 'refund_over_collection',
        effectiveOn: '2025-03-02',
        terms: { amountCents: 100 },
        justification: 'Refund.',
        proposedBy: null,
      });
      expect(await findAdjustment(tx, fresno, adjustment.id)).toBeUndefined();
      expect((await findAdjustments(tx, kern, { caseId: theCase.id })).map((a) => a.id)).toEqual([adjustment.id]);
      expect((await accountEvents(tx, [theCase.id])).adjustments.get(theCase.id)).toBeUndefined();
      const decision = { status: 'approved' as const, decidedBy: null, decisionNote: null };
      expect(await decidePending(tx, adjustment.id, decision)).toMatchObject({ status: 'approved' });
      expect(await decidePending(tx, adjustment.id, { ...decision, status: 'rejected' })).toBeUndefined();
      const events = await accountEvents(tx, [theCase.id]);
      expect(events.adjustments.get(theCase.id)!.map((a) => a.id)).toEqual([adjustment.id]);
      expect(events.collections.get(theCase.id)).toHaveLength(1);
    }));

  it('keeps audit requests and stored balances within the filter, and counts audits done within 30 days', () =>
    inTransaction(db, async (tx) => {
      const request = await insertAuditRequest(tx, {
        lcsaId: 'kern',
        caseId: theCase.id,
        kind: 'arrears_audit',
        requestedBy: 'obligor',
        receivedOn: '2031-01-01',
        summary: 'Check my arrears.',
        dueOn: '2031-01-31',
        createdBy: null,
      });
      expect(await findAuditRequests(tx, fresno, { caseId: theCase.id })).toEqual([]);
      const before = await auditsCompletedWithin30Days(tx, '2031-01-01', '2031-12-31');
      await updateAuditRequestRow(tx, request.id, { status: 'completed', completedOn: '2031-01-20' });
      expect(await auditsCompletedWithin30Days(tx, '2031-01-01', '2031-12-31')).toEqual({
        numerator: before.numerator + 1,
        denominator: before.denominator + 1,
      });
      expect((await findAuditRequests(tx, kern, { caseId: theCase.id, status: 'completed' })).map((r) => r.id)).toEqual([request.id]);

      const balances = {
        caseId: theCase.id,
        lcsaId: 'kern',
        asOf: '2025-01-01',
        source: 'legacy',
        principalCents: 1,
        interestCents: 2,
        futuresCents: 0,
      } as const;
      await upsertStoredBalances(tx, balances);
      await upsertStoredBalances(tx, { ...balances, principalCents: 5 });
      const page = await storedBalancesPage(tx, kern, undefined, 1_000);
      expect(page.filter((b) => b.caseId === theCase.id).map((b) => b.principalCents)).toEqual([5]);
      expect((await storedBalancesPage(tx, fresno, undefined, 1_000)).some((b) => b.caseId === theCase.id)).toBe(false);
    }));
});
