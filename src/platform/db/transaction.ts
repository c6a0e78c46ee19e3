/**
 * The one transaction helper: a route or job opens the transaction here and passes it down,
 * so that work across modules, and its audit records, commit or roll back together.
 *
 * @example
 *   const caseRow = await inTransaction(db, (tx) => registry.openCase(tx, actor, input));
 */
import type { Db, Tx } from './connect';

export function inTransaction<T>(db: Db, work: (tx: Tx) => Promise<T>): Promise<T> {
  return db.transaction(work);
}
