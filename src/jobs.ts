/** Every module's background job handlers, by kind, for the worker, and the work asked of it daily. */
import type { Db } from './platform/db/connect';
import { inTransaction } from './platform/db/transaction';
import type { PlatformContext } from './platform/http/types';
import type { JobHandler } from './platform/jobs/runner';
import type { ConcordModule } from './platform/module';

export function jobHandlers(context: PlatformContext, modules: readonly ConcordModule[]): Map<string, JobHandler> {
  const handlers = new Map<string, JobHandler>();
  for (const module of modules)
    for (const [kind, handler] of Object.entries(module.jobs?.({ context, modules }) ?? {})) {
      if (handlers.has(kind)) throw new Error(`Two modules handle the job kind ${kind}.`);
      handlers.set(kind, handler);
    }
  return handlers;
}

/**
 * Work the modules ask of the worker on a timetable (e.g. the strategic plan's live metrics), at start
 * and then daily. Returns a function that stops the timetable.
 */
export function scheduleDailyJobs(db: Db, modules: readonly ConcordModule[], onError: (error: unknown) => void, everyMs = 24 * 60 * 60 * 1000): () => void {
  const run = () => {
    for (const module of modules) if (module.daily) inTransaction(db, module.daily).catch(onError);
  };
  run();
  const timer = setInterval(run, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
