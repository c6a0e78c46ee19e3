/** Rows of a raw `sql` query, the same on PGlite and node-postgres (both answer `{ rows }`). */
import type { SQL } from 'drizzle-orm';
import type { Db } from './connect';

export async function queryRows<T>(tx: Db, query: SQL): Promise<T[]> {
  const result = (await tx.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}
