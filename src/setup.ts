/**
 * Brings a database to the current schema and reference data: run on every start, by
 * `concord db migrate`, and once per test run for the template. Each module loads its own reference
 * data, in module order.
 */
import type { Database } from './platform/db/connect';
import { migrateDatabase } from './platform/db/migrate';
import { inTransaction } from './platform/db/transaction';
import { modules } from './modules/all';

export async function prepareDatabase(database: Database): Promise<void> {
  await migrateDatabase(database);
  await inTransaction(database.db, async (tx) => {
    for (const module of modules) await module.referenceData?.(tx);
  });
}
