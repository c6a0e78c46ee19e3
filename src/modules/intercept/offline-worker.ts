/** A worker thread's share of `matchFiles` (see offline.ts): receives its share, runs `matchPart` and posts its blocks, or its first problem. */
import { parentPort } from 'node:worker_threads';
import { AppError } from '../../platform/errors';
import { workerInput } from '../../platform/worker';
import { abandonSharing, type PartVocabulary } from './domain/match';
import type { PairCounts } from './domain/estimate';
import { matchPart, type PartOptions, type Share } from './offline';
import { LineError } from './offline-files';

// The files are split while the worker starts: its share is its first message.
const share = await new Promise<Share>((resolve) => parentPort!.once('message', (message: { share: Share }) => resolve(message.share)));
const options: PartOptions = { ...workerInput<Omit<PartOptions, keyof Share>>(), ...share };
try {
  // What the threads exchange passes through the main thread: this one's goes out, every thread's comes back (null: another failed).
  const exchange = <T extends PartVocabulary | PairCounts>(mine: T) =>
    new Promise<T[]>((resolve, reject) => {
      parentPort!.once('message', (message: { exchanged: T[] | null }) =>
        message.exchanged ? resolve(message.exchanged) : reject(new Error('Another thread failed.')),
      );
      parentPort!.postMessage({ exchange: mine });
    });
  await matchPart(options, exchange, (block) => parentPort!.postMessage({ block }));
  parentPort!.postMessage({ done: true });
} catch (error) {
  // The other threads may be waiting for this one's share of the index.
  abandonSharing(options.memory.state);
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
