/**
 * Worker threads on TypeScript modules. Concord runs on tsx: a worker started from a tsx process inherits
 * its loader, but one started elsewhere (the test runner's processes) does not, so the worker registers
 * tsx's loader itself when the module will not load without it.
 *
 * @example const worker = startWorker(new URL('./part-worker.ts', import.meta.url), { part: 0 });
 *          // in part-worker.ts: const data = workerInput<{ part: number }>();
 */
import { Worker, workerData } from 'node:worker_threads';

const bootstrap = `
const { workerData } = require('node:worker_threads');
(async () => {
  try {
    await import(workerData.module);
  } catch (error) {
    if (!error || error.code !== 'ERR_UNKNOWN_FILE_EXTENSION') throw error;
    (await import(workerData.tsxApi)).register();
    // The failed attempt stays in the module cache under its URL: ask again under another.
    await import(workerData.module + '?tsx');
  }
})();
`;

/**
 * Starts a worker thread running `module` (a .ts file) with `input` for it to read with `workerInput()`.
 * `youngGenerationMb` enlarges the space for short-lived objects: a worker that holds a large index while
 * it makes garbage for each record spends much less time collecting when that garbage dies young.
 */
export function startWorker(module: URL, input: unknown, options: { youngGenerationMb?: number } = {}): Worker {
  // Resolved when a worker starts, not on import: Vitest's global set-up loads every module and cannot resolve.
  const tsxApi = import.meta.resolve('tsx/esm/api');
  const resourceLimits = options.youngGenerationMb ? { maxYoungGenerationSizeMb: options.youngGenerationMb } : undefined;
  return new Worker(bootstrap, { eval: true, workerData: { module: module.href, tsxApi, input }, resourceLimits });
}

/** In a worker started by `startWorker`: what it was given. */
export function workerInput<T>(): T {
  return (workerData as { input: T }).input;
}
