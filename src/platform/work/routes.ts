/** GET /api/home: the signed-in person's queues and recent activity. */
import { todayInCalifornia } from '../dates';
import { requiresSignIn } from '../http/access';
import { commonErrorResponses } from '../http/contract';
import { inRequestTransaction } from '../http/handler';
import type { ConcordApp } from '../http/types';
import { HomeSchema } from './contract';
import { homeOf, type WorkQueue } from './work';

export function workRoutes(queues: readonly (WorkQueue & { module: string })[]) {
  return async (app: ConcordApp): Promise<void> => {
    app.get(
      '/api/home',
      {
        config: requiresSignIn(),
        schema: {
          tags: ['work'],
          summary: 'Your work: each queue you may work with its count, what is overdue, and your recent activity',
          response: { 200: HomeSchema, ...commonErrorResponses },
        },
      },
      (request) => inRequestTransaction(request, (tx, actor) => homeOf(tx, actor, queues, todayInCalifornia())),
    );
  };
}
