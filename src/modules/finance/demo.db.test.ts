import crypto from 'node:crypto';
import { count } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../../test/db';
import { inTransaction } from '../../platform/db/transaction';
import { derivePiiKeys } from '../../platform/pii/keys';
import { systemActor } from '../../platform/auth/actor';
import { runDemoSeed, type DemoCase } from '../registry/index';
import { discrepancyReport } from './discrepancies';
import { demoCollections, seedDemoCollections } from './demo';
import { financeAdjustments, financeAuditRequests, financeCollections, financeStoredBalances } from './schema';

const { db } = await useTestDatabase();
const keys = derivePiiKeys(crypto.randomBytes(32));
const options = { cases: 120, seed: 4, asOf: '2026-10-31' } as const;
const seed = () => runDemoSeed(keys, options, (work) => inTransaction(db, async (tx) => void (await work(tx))), [seedDemoCollections]);

describe('demo ledger history', () => {
  it('gives demo cases realistic collections, once: seeding again adds none', async () => {
    await seed();
    const [first] = await db.select({ n: count() }).from(financeCollections);
    expect(first!.n).toBeGreaterThan(1_000);
    await seed();
    const [second] = await db.select({ n: count() }).from(financeCollections);
    expect(second!.n).toBe(first!.n);
    const [audits, adjustments, stored] = await Promise.all(
      [financeAuditRequests, financeAdjustments, financeStoredBalances].map((t) => db.select({ n: count() }).from(t)),
    );
    // 120 cases: a few audit requests, legacy balances; seeding again added none of them either.
    expect(audits![0]!.n + stored![0]!.n).toBeGreaterThan(0);
    await seed();
    const again = await Promise.all([financeAuditRequests, financeAdjustments, financeStoredBalances].map((t) => db.select({ n: count() }).from(t)));
    expect(again.map((r) => r[0]!.n)).toEqual([audits![0]!.n, adjustments![0]!.n, stored![0]!.n]);
  });

  it('converted legacy balances match the replay except where the legacy system drifted on interest', async () => {
    const report = await inTransaction(db, (tx) => discrepancyReport(tx, systemActor(), { limit: 500 }));
    const [stored] = await db.select({ n: count() }).from(financeStoredBalances);
    expect(report.checked).toBe(stored!.n);
    expect(report.matching).toBeGreaterThan(0);
    expect(report.matching + report.discrepancies.length).toBe(report.checked);
    for (const d of report.discrepancies) expect(d.differenceCents).toMatchObject({ principalCents: 0, futuresCents: 0, interestCents: expect.any(Number) });
    expect(report.discrepancies.length).toBeGreaterThan(0);
    expect(report.discrepancies.every((d) => d.differenceCents.interestCents > 0)).toBe(true);
  });

  it('is deterministic and never dated after the demo’s today', () => {
    const demo: DemoCase = {
      id: 'case-x',
      caseNumber: 'D004-00000001',
      lcsaId: 'kern',
      countyFips: '06029',
      status: 'open' as const,
      openedOn: '2020-01-01',
      closedOn: null,
      people: [],
      assistance: [],
      order: {
        id: 'o',
        courtOrderNumber: 'X',
        courtCountyFips: '06029',
        orderType: 'child_support' as const,
        issuedOn: '2020-02-01',
        terms: [{ id: 't', reason: 'original' as const, effectiveFrom: '2020-02-01', frequency: 'biweekly' as const, amountCents: 23_077, isReserved: false }],
      },
    };
    const rows = demoCollections(demo, '2026-10-31');
    expect(demoCollections(demo, '2026-10-31')).toEqual(rows);
    expect(rows.every((r) => r.receivedOn <= '2026-10-31' && r.amountCents > 0)).toBe(true);
    expect(new Set(rows.map((r) => r.receiptId)).size).toBe(rows.length);
  });
});
