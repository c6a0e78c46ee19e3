/**
 * The nightly finance run as a background job: every account's balances as of the date, equal to the
 * replay staff see; the discrepancy check agrees with the discrepancy report; a run that dies mid-way
 * resumes from its checkpoint, starting from what it committed; the same date is asked once.
 */
import crypto from 'node:crypto';
import { count, eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../../test/db';
import { systemActor } from '../../platform/auth/actor';
import { queryRows } from '../../platform/db/rows';
import { inTransaction } from '../../platform/db/transaction';
import { jobs } from '../../platform/jobs/schema';
import { JobRunner, type JobHandler } from '../../platform/jobs/runner';
import { derivePiiKeys } from '../../platform/pii/keys';
import { countCases, runDemoSeed } from '../registry/index';
import { seedDemoCollections } from './demo';
import { discrepancyReport } from './discrepancies';
import { nightlyRunJob, nightlyRunJobKind, requestNightlyRun } from './nightly';
import { financeBalances } from './schema';
import { accountOf } from './service';

const { db } = await useTestDatabase();
const keys = derivePiiKeys(crypto.randomBytes(32));
await runDemoSeed(keys, { cases: 90, seed: 11, asOf: '2026-10-31' }, (work) => inTransaction(db, async (tx) => void (await work(tx))), [seedDemoCollections]);
const asOf = '2026-10-31';

/** Runs due jobs until none is left; the handler may be wrapped (to die mid-way). */
async function runJobs(handler: JobHandler = nightlyRunJob): Promise<void> {
  const runner = new JobRunner(db, new Map([[nightlyRunJobKind, handler]]));
  while (await runner.runOnce());
}

describe('the nightly finance run', () => {
  it('keeps every account’s balances as the replay gives them, and flags the stated balances that differ', async () => {
    const { jobId, isNew } = await inTransaction(db, (tx) => requestNightlyRun(tx, systemActor(), { asOf, shards: 3, chunkSize: 7 }));
    expect(isNew).toBe(true);
    await runJobs();
    const [job] = await db.select().from(jobs).where(eq(jobs.id, jobId));
    const cases = await countCases(db);
    expect(job).toMatchObject({ status: 'succeeded', progressDone: cases, progressTotal: cases });
    const rows = await db.select().from(financeBalances);
    expect(rows).toHaveLength(cases);
    expect(new Set(rows.map((r) => r.runJobId))).toEqual(new Set([jobId]));

    // Each row is what the account page shows as of the same date.
    for (const row of rows.slice(0, 25)) {
      const account = await inTransaction(db, (tx) => accountOf(tx, systemActor(), row.caseId, asOf));
      expect({ arrears: row.arrearsCents, interest: row.interestCents, total: row.totalOwedCents }, row.caseId).toEqual({
        arrears: account.summary.arrearsCents,
        interest: account.summary.interestCents,
        total: account.summary.totalOwedCents,
      });
    }
    expect(rows.some((r) => r.arrearsCents > 0 && r.interestCents > 0)).toBe(true);

    // The discrepancy check agrees with the discrepancy report, case for case.
    const report = await inTransaction(db, (tx) => discrepancyReport(tx, systemActor(), { limit: 500 }));
    const flagged = rows.filter((r) => r.storedDifferenceCents !== null && r.storedDifferenceCents !== 0).map((r) => r.caseId);
    expect(flagged.sort()).toEqual(report.discrepancies.map((d) => d.caseId).sort());
    expect(flagged.length).toBeGreaterThan(0);
    expect(job!.progressNote).toContain(`${flagged.length} differ from balances stated elsewhere`);
    const [audit] = await queryRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from audit_log where action = 'finance.nightly_run.completed' and entity_id = ${jobId}`,
    );
    expect(audit!.n).toBe(1);

    // The same date asked again is the same run.
    expect(await inTransaction(db, (tx) => requestNightlyRun(tx, systemActor(), { asOf }))).toEqual({ jobId, isNew: false });
  });

  it('resumes after dying mid-way from its checkpoint: the other part stops, and the next attempt starts from what was committed', async () => {
    const day = '2026-11-30';
    const { jobId } = await inTransaction(db, (tx) => requestNightlyRun(tx, systemActor(), { asOf: day, shards: 2, chunkSize: 10 }));
    let chunks = 0;
    const dying: JobHandler = (ctx) =>
      nightlyRunJob({
        ...ctx,
        commitChunk: async (work) => {
          // The start, then three chunks; the fourth dies before it commits.
          if (++chunks === 5) throw new Error('killed');
          await ctx.commitChunk(work);
        },
      });
    await runJobs(dying);
    const [died] = await db.select().from(jobs).where(eq(jobs.id, jobId));
    expect(died).toMatchObject({ status: 'queued', lastError: 'killed' });
    const committedRows = async () => (await db.select({ n: count() }).from(financeBalances).where(eq(financeBalances.runJobId, jobId)))[0]!.n;
    // Three chunks of 10 committed, and at most the other part's chunk that was under way; none after.
    const partial = await committedRows();
    expect([30, 40]).toContain(partial);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await committedRows()).toBe(partial);
    // The checkpoint holds where each part that committed got to (on a busy server one part may commit all
    // three chunks before the other commits any): at least one part, never more than the two.
    const started = (died!.checkpoint as { after: unknown[] }).after.filter((p) => p !== null);
    expect(started.length).toBeGreaterThanOrEqual(1);
    expect(started.length).toBeLessThanOrEqual(2);

    // Run again (its back-off waived): only what was not committed is done.
    await db.update(jobs).set({ runAfter: new Date() }).where(eq(jobs.id, jobId));
    const chunkSizes: number[] = [];
    const counting: JobHandler = (ctx) =>
      nightlyRunJob({
        ...ctx,
        commitChunk: (work) =>
          ctx.commitChunk(async (tx) => {
            const progress = await work(tx);
            chunkSizes.push(progress.done);
            return progress;
          }),
      });
    await runJobs(counting);
    const [resumed] = await db.select().from(jobs).where(eq(jobs.id, jobId));
    const cases = await countCases(db);
    expect(resumed).toMatchObject({ status: 'succeeded', attempts: 2, progressDone: cases });
    expect(chunkSizes[0]).toBe(partial); // it started from what was committed, not from nothing
    const [all] = await db.select({ n: count() }).from(financeBalances).where(eq(financeBalances.runJobId, jobId));
    expect(all!.n).toBe(cases);
  });
});
