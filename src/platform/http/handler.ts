/**
 * The route side of "the route opens the transaction": run a use case in one transaction as the
 * request's actor. Failed attempts are audited by the error handler, outside the rolled-back transaction.
 * A route that declares its reads may lag (`mayLag`, db/replica.ts) reads from the read replica when one is
 * configured and has replayed the person's own last write; its audit rows are written to the primary.
 *
 * @example
 *   app.get('/api/cases/:id', { schema }, (request) => inRequestTransaction(request, (tx, actor) => getCase(tx, actor, request.params.id)));
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Counter } from 'prom-client';
import type { Actor } from '../auth/actor';
import { holdAuditsOf, recordAudit, type AuditEntry } from '../audit/audit';
import type { Db, Tx } from '../db/connect';
import { lagTolerantReadsMetric, replicaServes } from '../db/replica';
import { inTransaction } from '../db/transaction';
import { AppError } from '../errors';

export async function inRequestTransaction<T>(request: FastifyRequest, work: (tx: Tx, actor: Actor) => Promise<T>): Promise<T> {
  const { database } = request.server.concord;
  if (database.replica && request.routeOptions.config?.reads === 'may-lag') {
    const answered = await onReplica(request, database.replica.db, work);
    if (answered) return answered.value;
  }
  return inTransaction(database.db, (tx) => work(tx, request.actor));
}

/**
 * The read on the replica, its audit rows then written to the primary; null when the replica may not
 * answer this person yet (it has not replayed their last write) or cannot answer at all.
 */
async function onReplica<T>(request: FastifyRequest, replica: Db, work: (tx: Tx, actor: Actor) => Promise<T>): Promise<{ value: T } | null> {
  const { database, metrics } = request.server.concord;
  const lagTolerantReads = metrics.getSingleMetric(lagTolerantReadsMetric) as Counter | undefined;
  const held: { actor: Actor; entry: AuditEntry }[] = [];
  let value: T;
  try {
    if (!(await replicaServes(database.db, replica, request.actor.userId))) {
      lagTolerantReads?.inc({ served_by: 'primary' });
      return null;
    }
    value = await replica.transaction(
      (tx) => {
        holdAuditsOf(tx, held);
        return work(tx, request.actor);
      },
      { accessMode: 'read only' },
    );
  } catch (error) {
    // A refusal is the use case's answer wherever it is read; anything else is the replica's failure.
    if (error instanceof AppError) throw error;
    request.log.warn({ err: error }, 'read replica failed; reading from the primary');
    lagTolerantReads?.inc({ served_by: 'primary' });
    return null;
  }
  if (held.length > 0) {
    await inTransaction(database.db, async (tx) => {
      for (const { actor, entry } of held) await recordAudit(tx, actor, entry);
    });
  }
  lagTolerantReads?.inc({ served_by: 'replica' });
  return { value };
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
