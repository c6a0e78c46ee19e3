/** The registry's background jobs. */
import type { JobHandler } from '../../platform/jobs/runner';
import type { PiiKeys } from '../../platform/pii/keys';
import type { DemoCaseStep } from '../../platform/module';
import { defaultDemoAsOf, runDemoSeed } from './demo/seed';
import type { CalendarDate } from '../../platform/dates';

export const demoSeedJobKind = 'registry.demo_seed';
export const demoJobChunk = 50;

/**
 * Seeds demo cases; resumes from the checkpoint a previous attempt committed. A job runs beside the web
 * app, and on the embedded database a chunk's transaction holds every other request back: chunks of 50
 * cases (about a second each) keep pages answering, where the CLI's 250 kept the jobs list waiting
 * over five seconds on a busy machine.
 */
export function demoSeedJob(keys: PiiKeys, steps: readonly DemoCaseStep[] = []): JobHandler {
  return async (ctx) => {
    const payload = ctx.job.payload as { cases: number; seed: number; asOf?: CalendarDate };
    const startIndex = Number((ctx.job.checkpoint as { nextIndex?: number } | null)?.nextIndex ?? 0);
    await runDemoSeed(
      keys,
      { cases: payload.cases, seed: payload.seed, asOf: payload.asOf ?? defaultDemoAsOf, startIndex, chunkSize: demoJobChunk },
      ctx.commitChunk,
      steps,
    );
  };
}
