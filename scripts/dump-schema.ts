/** Writes schema.sql from a freshly migrated in-memory database. */
import fs from 'node:fs';
import { openDatabase } from '../src/platform/db/connect';
import { migrateDatabase } from '../src/platform/db/migrate';
import { schemaSnapshot } from '../src/platform/db/schema-snapshot';

const database = await openDatabase({ kind: 'pglite', dataDir: null });
await migrateDatabase(database);
fs.writeFileSync('schema.sql', await schemaSnapshot(database.db));
await database.close();
process.stdout.write('Wrote schema.sql\n');
