/**
 * Opens everything a process needs: the database (embedded PGlite in dataDir/pglite, or the server in
 * DATABASE_URL) brought up to date, the personal-data keys and the metrics registry.
 */
import path from 'node:path';
import { Registry } from 'prom-client';
import type { Config } from './platform/config';
import { openDatabase, type Database } from './platform/db/connect';
import type { PlatformContext } from './platform/http/types';
import { openReadReplica } from './platform/db/replica';
import { loadPiiKeys } from './platform/pii/keys';
import { prepareDatabase } from './setup';

export async function openConfiguredDatabase(config: Config): Promise<Database> {
  if (!config.databaseUrl) return openDatabase({ kind: 'pglite', dataDir: path.join(config.dataDir, 'pglite') });
  const primary = await openDatabase({ kind: 'server', url: config.databaseUrl });
  if (!config.databaseReadUrl) return primary;
  const replica = await openReadReplica(config.databaseReadUrl);
  return {
    ...primary,
    replica,
    close: async () => {
      await replica.close();
      await primary.close();
    },
  };
}

/** @param options.prepared the database is known to be migrated already (an app process after the first of `serve --workers N`). */
export async function openContext(config: Config, database?: Database, options: { prepared?: boolean } = {}): Promise<PlatformContext> {
  const db = database ?? (await openConfiguredDatabase(config));
  if (!options.prepared) await prepareDatabase(db);
  return { config, database: db, piiKeys: loadPiiKeys(config), metrics: new Registry() };
}
