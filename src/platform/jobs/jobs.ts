/**
 * Durable background jobs: rows in `jobs`, claimed with FOR UPDATE SKIP LOCKED so that workers on many
 * machines share them; retried with exponential back-off; progress and a checkpoint saved as they go;
 * cancellable; a job whose worker died (no heartbeat) is claimed again, and resumes from its checkpoint.
 *
 * @example
 *   const id = await enqueueJob(tx, actor, { kind: 'registry.demo_seed', payload: { cases: 1000, seed: 1 } });
 */
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { recordAudit } from '../audit/audit';
import type { Actor } from '../auth/actor';
import { authorize, lcsaScope, assertRowInScope } from '../auth/scope';
import type { Tx } from '../db/connect';
import { startsWith } from '../db/like';
import { windowRows, type ListSource } from '../lists/lists';
import { AppError } from '../errors';
import type { Job } from './contract';
import { jobs } from './schema';

export type JobRow = typeof jobs.$inferSelect;

export interface NewJob {
  kind: string;
  payload: Record<string, unknown>;
  lcsaId?: string | null;
  maxAttempts?: number;
}

export async function enqueueJob(tx: Tx, actor: Actor, job: NewJob): Promise<string> {
  const [row] = await tx
    .insert(jobs)
    .values({ kind: job.kind, payload: job.payload, lcsaId: job.lcsaId ?? null, createdBy: actor.userId, maxAttempts: job.maxAttempts ?? 3 })
    .returning({ id: jobs.id });
  await recordAudit(tx, actor, { action: 'job.enqueue', entityType: 'job', entityId: row!.id, lcsaId: job.lcsaId ?? null, after: { kind: job.kind } });
  return row!.id;
}

/** A job of this kind for the same work (its payload contains `payload`) that is queued, running or has succeeded: the same work asked twice is done once. */
export async function activeJobFor(tx: Tx, kind: string, payload: Record<string, unknown>): Promise<string | undefined> {
  const [row] = await tx
    .select({ id: jobs.id })
    .from(jobs)
    .where(and(eq(jobs.kind, kind), inArray(jobs.status, ['queued', 'running', 'succeeded']), sql`${jobs.payload} @> ${JSON.stringify(payload)}::jsonb`))
    .orderBy(desc(jobs.createdAt))
    .limit(1);
  return row?.id;
}

/** A job of this kind still queued or running, if any: one refresh at a time. */
export async function pendingJobOfKind(tx: Tx, kind: string): Promise<string | undefined> {
  const [row] = await tx
    .select({ id: jobs.id })
    .from(jobs)
    .where(and(eq(jobs.kind, kind), inArray(jobs.status, ['queued', 'running'])))
    .limit(1);
  return row?.id;
}

export function presentJob(row: JobRow): Job {
  return {
    id: row.id,
    kind: row.kind,
    status: row.status,
    lcsaId: row.lcsaId,
    progressDone: row.progressDone,
    progressTotal: row.progressTotal,
    progressNote: row.progressNote,
    attempts: row.attempts,
    maxAttempts: row.maxAttempts,
    lastError: row.lastError,
    isCancelRequested: row.isCancelRequested,
    createdAt: row.createdAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
  };
}

/** Jobs in the actor's scope (an LCSA's own), newest first; `q`: a kind that starts with it. */
export const jobList: ListSource<Job, { status?: JobRow['status'] }> = {
  name: 'jobs',
  personal: false,
  defaultSort: { sort: 'createdAt', dir: 'desc' },
  columns: [
    { key: 'kind', header: 'Job', value: (j) => j.kind, orderBy: jobs.kind },
    { key: 'status', header: 'Status', value: (j) => j.status, orderBy: jobs.status },
    { key: 'progress', header: 'Progress', value: (j) => (j.progressTotal ? `${j.progressDone}/${j.progressTotal}` : String(j.progressDone)) },
    { key: 'attempts', header: 'Attempts', value: (j) => j.attempts },
    { key: 'createdAt', header: 'Queued at', value: (j) => j.createdAt, orderBy: jobs.createdAt },
    { key: 'finishedAt', header: 'Finished at', value: (j) => j.finishedAt, orderBy: jobs.finishedAt },
    { key: 'lastError', header: 'Last error', value: (j) => j.lastError },
  ],
  async rows(tx, actor, filters, window) {
    authorize(actor, 'jobs.read');
    const q = filters.q?.trim();
    const where = and(
      lcsaScope(actor, jobs.lcsaId),
      filters.status ? eq(jobs.status, filters.status) : undefined,
      q ? startsWith(jobs.kind, q, { ignoreCase: true }) : undefined,
    );
    const { rows, total } = await windowRows(tx, jobs, where, window, jobs.id);
    return { items: rows.map(presentJob), total };
  },
};

export async function getJob(tx: Tx, actor: Actor, jobId: string): Promise<Job> {
  authorize(actor, 'jobs.read');
  const [row] = await tx.select().from(jobs).where(eq(jobs.id, jobId));
  return presentJob(assertRowInScope(actor, row, 'job_not_found', `Job ${jobId}`));
}

/** A queued job is cancelled at once; a running one is asked to stop at its next checkpoint. */
export async function cancelJob(tx: Tx, actor: Actor, jobId: string): Promise<Job> {
  authorize(actor, 'jobs.manage');
  const [current] = await tx.select().from(jobs).where(eq(jobs.id, jobId)).for('update');
  const row = assertRowInScope(actor, current, 'job_not_found', `Job ${jobId}`);
  if (row.status !== 'queued' && row.status !== 'running') {
    throw new AppError('conflict', 'job_already_finished', `Job ${jobId} is ${row.status}; only queued or running jobs can be cancelled.`);
  }
  const change = row.status === 'queued' ? { status: 'cancelled' as const, finishedAt: new Date(), isCancelRequested: true } : { isCancelRequested: true };
  const [updated] = await tx.update(jobs).set(change).where(eq(jobs.id, jobId)).returning();
  await recordAudit(tx, actor, { action: 'job.cancel', entityType: 'job', entityId: jobId, lcsaId: row.lcsaId, before: { status: row.status } });
  return presentJob(updated!);
}
