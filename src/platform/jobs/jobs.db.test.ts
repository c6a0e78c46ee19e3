import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../../test/db';
import { systemActor } from '../auth/actor';
import { inTransaction } from '../db/transaction';
import { cancelJob, enqueueJob } from './jobs';
import { JobRunner, type JobHandler } from './runner';
import { jobs } from './schema';

const { db } = await useTestDatabase();

/** A table the test job writes to, one row per item, so data and checkpoint can be compared. */
await db.execute(sql`create table job_test_items (job_id uuid not null, n int not null, primary key (job_id, n))`);

function countingJob(options: { total: number; chunk: number; crashAfterChunks?: number }): { handler: JobHandler; attempts: number[] } {
  const attempts: number[] = [];
  const handler: JobHandler = async (ctx) => {
    attempts.push(ctx.job.attempts);
    let next = Number((ctx.job.checkpoint as { next?: number } | null)?.next ?? 0);
    let chunks = 0;
    while (next < options.total) {
      const from = next;
      const to = Math.min(options.total, from + options.chunk);
      await ctx.commitChunk(async (tx) => {
        for (let n = from; n < to; n++) await tx.execute(sql`insert into job_test_items values (${ctx.job.id}, ${n})`);
        return { done: to, total: options.total, checkpoint: { next: to } };
      });
      next = to;
      chunks += 1;
      if (ctx.job.attempts === 1 && chunks === options.crashAfterChunks) throw new Error('worker crashed');
    }
  };
  return { handler, attempts };
}

async function job(id: string) {
  const [row] = await db.select().from(jobs).where(eq(jobs.id, id));
  return row!;
}

async function items(id: string) {
  const result = await db.execute(sql`select count(*)::int as n from job_test_items where job_id = ${id}`);
  return (result as unknown as { rows: { n: number }[] }).rows[0]!.n;
}

describe('background jobs', () => {
  it('runs a job to success with its progress recorded', async () => {
    const { handler } = countingJob({ total: 10, chunk: 4 });
    const id = await inTransaction(db, (tx) => enqueueJob(tx, systemActor(), { kind: 'test.ok', payload: {} }));
    const runner = new JobRunner(db, new Map([['test.ok', handler]]));
    expect(await runner.runOnce()).toBe(true);
    expect(await job(id)).toMatchObject({ status: 'succeeded', progressDone: 10, progressTotal: 10, attempts: 1 });
    expect(await items(id)).toBe(10);
    expect(await runner.runOnce()).toBe(false);
  });

  it('resumes from the last committed chunk after a crash, doing no item twice', async () => {
    const { handler, attempts } = countingJob({ total: 10, chunk: 3, crashAfterChunks: 2 });
    const id = await inTransaction(db, (tx) => enqueueJob(tx, systemActor(), { kind: 'test.crash', payload: {} }));
    const runner = new JobRunner(db, new Map([['test.crash', handler]]));
    await runner.runOnce();
    const afterCrash = await job(id);
    expect(afterCrash).toMatchObject({ status: 'queued', lastError: 'worker crashed', progressDone: 6, checkpoint: { next: 6 } });
    expect(await items(id)).toBe(6);
    await db
      .update(jobs)
      .set({ runAfter: new Date(0) })
      .where(eq(jobs.id, id)); // skip the back-off wait
    await runner.runOnce();
    expect(await job(id)).toMatchObject({ status: 'succeeded', progressDone: 10, attempts: 2 });
    expect(await items(id)).toBe(10);
    expect(attempts).toEqual([1, 2]);
  });

  it('backs off exponentially and fails for good after the last attempt', async () => {
    const handler: JobHandler = async () => {
      throw new Error('always fails');
    };
    const id = await inTransaction(db, (tx) => enqueueJob(tx, systemActor(), { kind: 'test.fail', payload: {}, maxAttempts: 2 }));
    const runner = new JobRunner(db, new Map([['test.fail', handler]]));
    await runner.runOnce();
    const first = await job(id);
    expect(first.status).toBe('queued');
    expect(first.runAfter.getTime()).toBeGreaterThan(Date.now() + 1_000);
    expect(await runner.runOnce()).toBe(false); // not due yet
    await db
      .update(jobs)
      .set({ runAfter: new Date(0) })
      .where(eq(jobs.id, id));
    await runner.runOnce();
    expect(await job(id)).toMatchObject({ status: 'failed', attempts: 2, lastError: 'always fails' });
  });

  it('claims a job for one worker only', async () => {
    const blocker: JobHandler = async () => undefined;
    const first = await inTransaction(db, (tx) => enqueueJob(tx, systemActor(), { kind: 'test.claim', payload: {} }));
    const second = await inTransaction(db, (tx) => enqueueJob(tx, systemActor(), { kind: 'test.claim', payload: {} }));
    const a = new JobRunner(db, new Map([['test.claim', blocker]]));
    const b = new JobRunner(db, new Map([['test.claim', blocker]]));
    const claimedByA = await a.claim();
    const claimedByB = await b.claim();
    expect(claimedByA?.id).toBe(first);
    expect(claimedByB?.id).toBe(second);
    expect(await a.claim()).toBeNull();
  });

  it('claims again a running job whose worker stopped sending heartbeats', async () => {
    const { handler } = countingJob({ total: 4, chunk: 2 });
    const id = await inTransaction(db, (tx) => enqueueJob(tx, systemActor(), { kind: 'test.stale', payload: {} }));
    await db
      .update(jobs)
      .set({ status: 'running', attempts: 1, heartbeatAt: new Date(Date.now() - 10 * 60_000), lockedBy: 'dead-worker' })
      .where(eq(jobs.id, id));
    await new JobRunner(db, new Map([['test.stale', handler]])).runOnce();
    expect(await job(id)).toMatchObject({ status: 'succeeded', attempts: 2 });
  });

  it('cancels a queued job at once and a running one at its next chunk', async () => {
    const queued = await inTransaction(db, (tx) => enqueueJob(tx, systemActor(), { kind: 'test.cancel', payload: {} }));
    expect((await inTransaction(db, (tx) => cancelJob(tx, systemActor(), queued))).status).toBe('cancelled');
    const running = await inTransaction(db, (tx) => enqueueJob(tx, systemActor(), { kind: 'test.cancel', payload: {} }));
    const handler: JobHandler = async (ctx) => {
      await ctx.commitChunk(async () => ({ done: 1, total: 3 }));
      await inTransaction(db, (tx) => cancelJob(tx, systemActor(), ctx.job.id));
      await ctx.commitChunk(async () => ({ done: 2, total: 3 }));
    };
    await new JobRunner(db, new Map([['test.cancel', handler]])).runOnce();
    expect(await job(running)).toMatchObject({ status: 'cancelled', progressDone: 1 });
  });
});
