/**
 * Applies the committed drizzle-kit migrations in ./migrations, on either kind of database.
 *
 * @example
 *   await migrateDatabase(database);
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { migrate as migrateServer } from 'drizzle-orm/node-postgres/migrator';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import type { Database } from './connect';

export const migrationsFolder = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../migrations');

export async function migrateDatabase(database: Database): Promise<void> {
  const config = { migrationsFolder, migrationsSchema: 'drizzle' };
  if (database.kind === 'pglite') await migratePglite(database.db as unknown as PgliteDatabase, config);
  else await migrateServer(database.db as unknown as NodePgDatabase, config);
}
