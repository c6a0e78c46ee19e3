/**
 * The route side of "the route opens the transaction": run a use case in one transaction as the
 * request's actor. Failed attempts are audited by the error handler, outside the rolled-back transaction.
 *
 * @example
 *   app.get('/api/cases/:id', { schema }, (request) => inRequestTransaction(request, (tx, actor) => getCase(tx, actor, request.params.id)));
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../auth/actor';
import type { Tx } from '../db/connect';
import { inTransaction } from '../db/transaction';

export function inRequestTransaction<T>(request: FastifyRequest, work: (tx: Tx, actor: Actor) => Promise<T>): Promise<T> {
  return inTransaction(request.server.concord.database.db, (tx) => work(tx, request.actor));
}

/** Sends a generated file as a download (PDF, CSV, XLSX), its name cleaned of quotes. */
export function sendDownload(reply: FastifyReply, file: { fileName: string; contentType: string; body: Uint8Array | string }) {
  return reply
    .type(file.contentType)
    .header('content-disposition', `attachment; filename="${file.fileName.replace(/"/g, '')}"`)
    .send(typeof file.body === 'string' ? file.body : Buffer.from(file.body));
}

export const xlsxContentType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The origin the request was made to (scheme and host, as Fastify reads them behind a trusted proxy): for links back to Concord. */
export function requestOrigin(request: FastifyRequest): string {
  return `${request.protocol}://${request.host}`;
}
