// Three tiers, each a Vitest project that runs at its own speed (`npm test` runs all three):
//   pure  — *.test.ts: domain rules, parsers, formats; no database set-up, done in seconds;
//   store — *.db.test.ts: stores, services and jobs on a database cloned from a migrated template;
//   http  — *.http.test.ts: the whole app through inject (routes, access, problem+json).
// Set DATABASE_URL to run the store and HTTP tiers on a PostgreSQL server instead of PGlite.
import { configDefaults, defineConfig } from 'vitest/config';

const databaseSetup = ['test/global-setup.ts'];

export default defineConfig({
  test: {
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    env: { CONCORD_LOG_LEVEL: 'silent' },
    projects: [
      {
        extends: true,
        test: {
          name: 'pure',
          include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
          exclude: [...configDefaults.exclude, '**/*.db.test.ts', '**/*.http.test.ts'],
        },
      },
      { extends: true, test: { name: 'store', include: ['src/**/*.db.test.ts', 'test/**/*.db.test.ts'], globalSetup: databaseSetup } },
      { extends: true, test: { name: 'http', include: ['src/**/*.http.test.ts', 'test/**/*.http.test.ts'], globalSetup: databaseSetup } },
    ],
  },
});
