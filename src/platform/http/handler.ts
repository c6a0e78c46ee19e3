/**
 * The route side of "the route opens the transaction": run a use case in one transaction as the
 * request's actor. Failed attempts are audited by the error handler, outside the rolled-back transaction.
 *
 * @example
 *   app.get('/api/cases/:id', { schema }, (request) => inRequestTransaction(request, (tx, actor) => getCase(tx, actor, request.params.id)));
 */
import type { FastifyRequest } from 'fastify';
import type { Actor } from '../auth/actor';
import type { Tx } from '../db/connect';
import { inTransaction } from '../db/transaction';

export function inRequestTransaction<T>(request: FastifyRequest, work: (tx: Tx, actor: Actor) => Promise<T>): Promise<T> {
  return inTransaction(request.server.concord.database.db, (tx) => work(tx, request.actor));
}
