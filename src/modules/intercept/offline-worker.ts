/** A worker thread's share of `matchFiles` (see offline.ts): runs `matchPart` and posts its blocks, or its first problem. */
import { parentPort } from 'node:worker_threads';
import { AppError } from '../../platform/errors';
import { workerInput } from '../../platform/worker';
import { abandonSharing } from './domain/match';
import { LineError, matchPart, type PartOptions } from './offline';

const options = workerInput<PartOptions>();
try {
  await matchPart(options, (block) => parentPort!.postMessage({ block }));
} catch (error) {
  // The other threads may be waiting for this one's share of the index.
  if (options.sharing) abandonSharing(options.sharing.state);
  const failure = error as Error;
  parentPort!.postMessage({
    failure: {
      kind: failure instanceof AppError ? failure.kind : '',
      code: failure instanceof AppError ? failure.code : '',
      message: failure.message,
      // Where in the files the problem is, so that the earliest of the threads' problems is reported.
      order: failure instanceof LineError ? (failure.file === options.obligors ? 0 : 2 ** 40) + failure.line : Number.MAX_SAFE_INTEGER,
    },
  });
}
