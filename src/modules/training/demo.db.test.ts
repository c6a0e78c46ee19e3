import { count, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../../test/db';
import { systemActor } from '../../platform/auth/actor';
import { inTransaction } from '../../platform/db/transaction';
import { rollout, trainingReport } from './reports';
import { seedTrainingDemo } from './demo';
import { trainingAssignments } from './schema';

const { db } = await useTestDatabase();

describe('demo training', () => {
  it('seeds the core curriculum, learners in every LCSA with completions, and a rollout in progress, once', async () => {
    await inTransaction(db, (tx) => seedTrainingDemo(tx, '2026-11-24'));
    await inTransaction(db, (tx) => seedTrainingDemo(tx, '2026-11-24'));
    const [completed] = await db.select({ n: count() }).from(trainingAssignments).where(eq(trainingAssignments.status, 'completed'));
    expect(completed!.n).toBeGreaterThan(100);
    const waves = await inTransaction(db, (tx) => rollout(tx, systemActor()));
    expect(new Set(waves.map((w) => w.status))).toEqual(new Set(['launched', 'delayed', 'planned']));
    // HQ launches division by division, on dates of their own.
    const hq = waves.filter((w) => w.wave === 1);
    expect(new Set(hq.map((w) => w.launchedOn)).size).toBe(hq.length);
    // The rollout gates: only launched units are assigned anything, so a delayed wave has no one overdue.
    const report = await inTransaction(db, (tx) => trainingReport(tx, systemActor(), 'org_unit'));
    const launched = new Set(waves.filter((w) => w.status === 'launched').map((w) => w.orgUnitName));
    expect(new Set(report.rows.map((r) => r.label))).toEqual(launched);
    expect(report.rows.filter((r) => r.completed > 0).length).toBeGreaterThan(launched.size / 2);
    for (const w of waves.filter((w) => w.status !== 'launched')) expect(w.assigned).toBe(0);
    // A delay keeps its history: what was planned, then the delay with its reason.
    const delayed = waves.find((w) => w.status === 'delayed')!;
    expect(delayed.history.map((h) => h.status)).toEqual(['planned', 'delayed']);
    expect(delayed.history[1]!.reason).toMatch(/CSE release/);
    expect(delayed.history[1]!.plannedOn > delayed.history[0]!.plannedOn).toBe(true);
  });
});
