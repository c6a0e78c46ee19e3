/** The registry's background jobs. */
import type { JobHandler } from '../../platform/jobs/runner';
import type { PiiKeys } from '../../platform/pii/keys';
import { defaultDemoAsOf, runDemoSeed, type DemoChunkExtension } from './demo/seed';

export const demoSeedJobKind = 'registry.demo_seed';

/** Seeds demo cases; resumes from the checkpoint a previous attempt committed. */
export function demoSeedJob(keys: PiiKeys, extend?: DemoChunkExtension): JobHandler {
  return async (ctx) => {
    const payload = ctx.job.payload as { cases: number; seed: number; asOf?: string };
    const startIndex = Number((ctx.job.checkpoint as { nextIndex?: number } | null)?.nextIndex ?? 0);
    await runDemoSeed(keys, { cases: payload.cases, seed: payload.seed, asOf: payload.asOf ?? defaultDemoAsOf, startIndex }, ctx.commitChunk, extend);
  };
}
