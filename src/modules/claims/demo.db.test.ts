import crypto from 'node:crypto';
import { count, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../../test/db';
import { systemActor } from '../../platform/auth/actor';
import { inTransaction } from '../../platform/db/transaction';
import { derivePiiKeys } from '../../platform/pii/keys';
import { runDemoSeed } from '../registry/index';
import { consolidatedReport } from './consolidation';
import { seedClaimsDemo } from './demo';
import { claims } from './schema';

const { db } = await useTestDatabase();
const keys = derivePiiKeys(crypto.randomBytes(32));

describe('demo claims', () => {
  it('gives every LCSA claims for the last eight quarters, once, whose consolidated report adds up', async () => {
    await runDemoSeed(keys, { cases: 200, seed: 2, asOf: '2026-10-31' }, (work) => inTransaction(db, async (tx) => void (await work(tx))));
    await inTransaction(db, (tx) => seedClaimsDemo(tx, '2026-11-24'));
    await inTransaction(db, (tx) => seedClaimsDemo(tx, '2026-11-24'));
    const [all] = await db.select({ n: count() }).from(claims);
    // 47 LCSAs × 8 quarters (2024-Q4 to 2026-Q3); Los Angeles' latest is a draft, left for the journey.
    expect(all!.n).toBe(47 * 8);
    const [draft] = await db.select({ lcsaId: claims.lcsaId, quarter: claims.quarter }).from(claims).where(eq(claims.status, 'draft'));
    expect(draft).toEqual({ lcsaId: 'los-angeles', quarter: '2026-Q3' });
    const [late] = await db.select({ n: count() }).from(claims).where(eq(claims.isLate, true));
    expect(late!.n).toBeGreaterThan(0);
    const report = await inTransaction(db, (tx) => consolidatedReport(tx, systemActor(), '2026-Q3'));
    // Sacramento's latest is submitted, Orange's certified, Los Angeles' a draft: 44 accepted.
    expect(report.acceptedClaims).toBe(44);
    expect(report.lcsasWithoutAcceptedClaim).toHaveLength(3);
    const row = (line: string) => report.rows.find((r) => r.line === line)!.columns;
    expect(row('7').A).toBe(row('3').A + row('4').A + row('5').A);
    expect(row('1b').B).toBeGreaterThan(0);
  });
});
