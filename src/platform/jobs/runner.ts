/**
 * The worker: claims one due job at a time and runs its handler. Handlers commit their work in chunks
 * through `ctx.commitChunk`, which saves progress and the checkpoint in the chunk's own transaction, so
 * a crash leaves data and checkpoint consistent and the next claim resumes where the last chunk ended.
 */
import os from 'node:os';
import { eq, sql } from 'drizzle-orm';
import type { Db, Tx } from '../db/connect';
import { queryRows } from '../db/rows';
import { inTransaction } from '../db/transaction';
import { jobs } from './schema';
import type { JobRow } from './jobs';

export interface JobProgress {
  done: number;
  total?: number | null;
  note?: string | null;
  checkpoint?: Record<string, unknown>;
}

export interface JobContext {
  job: JobRow;
  /** Runs `work` and saves the progress it returns, in one transaction. Throws JobCancelled when asked to stop. */
  commitChunk(work: (tx: Tx) => Promise<JobProgress>): Promise<void>;
}

export type JobHandler = (ctx: JobContext) => Promise<void>;

export class JobCancelled extends Error {}

/** A running job whose heartbeat is older than this is presumed dead and claimed again. */
const staleAfterSeconds = 120;
const backoffBaseMs = 2_000;

export class JobRunner {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> = Promise.resolve();
  readonly workerId = `${os.hostname()}:${process.pid}:${Math.random().toString(36).slice(2, 8)}`;

  constructor(
    private readonly db: Db,
    private readonly handlers: ReadonlyMap<string, JobHandler>,
    private readonly onError: (error: unknown, job: JobRow) => void = () => undefined,
  ) {}

  /** Claims the oldest due job (or a stale running one) for this worker; null when none is due. */
  async claim(): Promise<JobRow | null> {
    const kinds = [...this.handlers.keys()];
    if (kinds.length === 0) return null;
    const rows = await queryRows<{ id: string }>(
      this.db,
      sql`update jobs set status = 'running', attempts = attempts + 1, locked_by = ${this.workerId}, heartbeat_at = now()
          where id = (
            select id from jobs
            where kind in (${sql.join(
              kinds.map((k) => sql`${k}`),
              sql`, `,
            )})
              and ((status = 'queued' and run_after <= now())
                or (status = 'running' and heartbeat_at < now() - make_interval(secs => ${staleAfterSeconds})))
            order by created_at
            for update skip locked
            limit 1)
          returning id`,
    );
    if (!rows[0]) return null;
    const [job] = await this.db.select().from(jobs).where(eq(jobs.id, rows[0].id));
    return job ?? null;
  }

  /** Claims and runs one job; returns whether there was one. */
  async runOnce(): Promise<boolean> {
    const job = await this.claim();
    if (!job) return false;
    const handler = this.handlers.get(job.kind)!;
    try {
      await handler(this.contextFor(job));
      await this.db.update(jobs).set({ status: 'succeeded', finishedAt: new Date(), lockedBy: null }).where(eq(jobs.id, job.id));
    } catch (error) {
      await this.fail(job, error);
    }
    return true;
  }

  private contextFor(job: JobRow): JobContext {
    return {
      job,
      commitChunk: async (work) => {
        await inTransaction(this.db, async (tx) => {
          const [current] = await tx.select({ isCancelRequested: jobs.isCancelRequested }).from(jobs).where(eq(jobs.id, job.id));
          if (current?.isCancelRequested) throw new JobCancelled();
          const progress = await work(tx);
          await tx
            .update(jobs)
            .set({
              progressDone: progress.done,
              progressTotal: progress.total ?? null,
              progressNote: progress.note ?? null,
              heartbeatAt: new Date(),
              ...(progress.checkpoint ? { checkpoint: progress.checkpoint } : {}),
            })
            .where(eq(jobs.id, job.id));
        });
      },
    };
  }

  private async fail(job: JobRow, error: unknown): Promise<void> {
    if (error instanceof JobCancelled) {
      await this.db.update(jobs).set({ status: 'cancelled', finishedAt: new Date(), lockedBy: null }).where(eq(jobs.id, job.id));
      return;
    }
    this.onError(error, job);
    const message = error instanceof Error ? error.message : String(error);
    const isFinal = job.attempts >= job.maxAttempts;
    await this.db
      .update(jobs)
      .set(
        isFinal
          ? { status: 'failed', lastError: message, finishedAt: new Date(), lockedBy: null }
          : { status: 'queued', lastError: message, lockedBy: null, runAfter: new Date(Date.now() + backoffBaseMs * 2 ** (job.attempts - 1)) },
      )
      .where(eq(jobs.id, job.id));
  }

  /** Polls every `pollMs` until stop(); runs due jobs back to back. */
  start(pollMs: number): void {
    const tick = async () => {
      this.timer = null;
      try {
        while (await this.runOnce()) {
          if (this.isStopped) return;
        }
      } catch (error) {
        this.onError(error, null as never);
      }
      if (!this.isStopped) this.timer = setTimeout(() => (this.running = tick()), pollMs);
    };
    this.isStopped = false;
    this.running = tick();
  }

  private isStopped = true;

  async stop(): Promise<void> {
    this.isStopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }
}
