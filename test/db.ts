/** Per-test-file database: a clone of the run's migrated template (PGlite, or the server with DATABASE_URL). */
import { afterAll, inject } from 'vitest';
import type { Database } from '../src/platform/db/connect';
import { cloneTemplate } from '../src/platform/db/test-template';

export async function useTestDatabase(): Promise<Database> {
  const database = await cloneTemplate(inject('template'));
  afterAll(() => database.close());
  return database;
}
