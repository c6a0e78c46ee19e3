/**
 * Brings a database to the current schema and reference data: run on every start, by
 * `concord db migrate`, and once per test run for the template.
 */
import type { Database } from './platform/db/connect';
import { migrateDatabase } from './platform/db/migrate';
import { inTransaction } from './platform/db/transaction';
import { loadReferenceData } from './modules/registry/index';
import { loadTrainingReference } from './modules/training/index';
import { loadShippedInstrument } from './modules/trauma/index';

export async function prepareDatabase(database: Database): Promise<void> {
  await migrateDatabase(database);
  await inTransaction(database.db, async (tx) => {
    await loadReferenceData(tx);
    await loadTrainingReference(tx);
    await loadShippedInstrument(tx);
  });
}
