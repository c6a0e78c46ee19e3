import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../../test/db';
import { migrationsFolder } from './migrate';
import { schemaSnapshot } from './schema-snapshot';

const { db } = await useTestDatabase();

describe('schema.sql', () => {
  it('matches the migrated database (run npm run db:generate after changing a schema)', async () => {
    const committed = fs.readFileSync(path.join(migrationsFolder, '..', 'schema.sql'), 'utf8');
    expect(await schemaSnapshot(db)).toBe(committed);
  });
});
