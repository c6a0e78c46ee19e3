import { count, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../../test/db';
import { systemActor } from '../../platform/auth/actor';
import { inTransaction } from '../../platform/db/transaction';
import { trainingReport } from './reports';
import { seedTrainingDemo } from './demo';
import { trainingAssignments, trainingRolloutWaves } from './schema';

const { db } = await useTestDatabase();

describe('demo training', () => {
  it('seeds the core curriculum, learners in every LCSA with completions, and a rollout in progress, once', async () => {
    await inTransaction(db, (tx) => seedTrainingDemo(tx, '2026-11-24'));
    await inTransaction(db, (tx) => seedTrainingDemo(tx, '2026-11-24'));
    const [completed] = await db.select({ n: count() }).from(trainingAssignments).where(eq(trainingAssignments.status, 'completed'));
    expect(completed!.n).toBeGreaterThan(100);
    const report = await inTransaction(db, (tx) => trainingReport(tx, systemActor(), 'org_unit'));
    // 47 LCSAs and 6 HQ divisions, each with completions.
    expect(report.rows).toHaveLength(53);
    expect(report.rows.filter((r) => r.completed > 0).length).toBeGreaterThan(40);
    const statuses = (await db.select({ status: trainingRolloutWaves.status }).from(trainingRolloutWaves)).map((w) => w.status);
    expect(new Set(statuses)).toEqual(new Set(['launched', 'delayed', 'planned']));
  });
});
