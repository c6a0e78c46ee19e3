/**
 * Opens everything a process needs: the database (embedded PGlite in dataDir/pglite, or the server in
 * DATABASE_URL) brought up to date, the personal-data keys and the metrics registry.
 */
import path from 'node:path';
import { Registry } from 'prom-client';
import type { Config } from './platform/config';
import { openDatabase, type Database } from './platform/db/connect';
import type { PlatformContext } from './platform/http/types';
import { loadPiiKeys } from './platform/pii/keys';
import { prepareDatabase } from './setup';

export function openConfiguredDatabase(config: Config): Promise<Database> {
  return config.databaseUrl
    ? openDatabase({ kind: 'server', url: config.databaseUrl })
    : openDatabase({ kind: 'pglite', dataDir: path.join(config.dataDir, 'pglite') });
}

/** @param options.prepared the database is known to be migrated already (an app process after the first of `serve --workers N`). */
export async function openContext(config: Config, database?: Database, options: { prepared?: boolean } = {}): Promise<PlatformContext> {
  const db = database ?? (await openConfiguredDatabase(config));
  if (!options.prepared) await prepareDatabase(db);
  return { config, database: db, piiKeys: loadPiiKeys(config), metrics: new Registry() };
}
