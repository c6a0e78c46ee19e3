/**
 * Rate limits are counted in the database: two app processes on one database (here two apps on one
 * database, as `concord serve --workers 2` runs them) share one limit, and the keys kept are hashes.
 */
import crypto from 'node:crypto';
import { sql } from 'drizzle-orm';
import { Registry } from 'prom-client';
import { afterAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app';
import { useTestDatabase } from '../../../test/db';
import { loadConfig } from '../config';
import { queryRows } from '../db/rows';
import { derivePiiKeys } from '../pii/keys';

const database = await useTestDatabase();
const context = { config: loadConfig({ CONCORD_LOG_LEVEL: 'silent', CONCORD_JOB_POLL_MS: '0' }), database, piiKeys: derivePiiKeys(crypto.randomBytes(32)) };
const [first, second] = [await buildApp({ ...context, metrics: new Registry() }), await buildApp({ ...context, metrics: new Registry() })];
afterAll(async () => {
  await first.close();
  await second.close();
});

describe('rate limits', () => {
  it('are one limit for every process on the database, counted per route, under hashed keys', async () => {
    const signIn = (app: typeof first) =>
      app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { email: 'shared.flood@test.concord', password: 'x' } });
    const statuses: number[] = [];
    // Alternating between the two processes: each alone has seen six attempts, under its limit of ten.
    for (let i = 0; i < 12; i++) statuses.push((await signIn(i % 2 === 0 ? first : second)).statusCode);
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(10)).toEqual([429, 429]);
    const kept = await queryRows<{ key: string; hits: number }>(database.db, sql`select key, hits from rate_limits`);
    expect(kept).toHaveLength(1);
    expect(kept[0]!.hits).toBe(12);
    expect(kept[0]!.key).not.toContain('shared.flood');
    // The window ended, the count starts again.
    await database.db.execute(sql`update rate_limits set window_ends_at = now() - interval '1 second'`);
    expect((await signIn(second)).statusCode).toBe(401);
    expect((await queryRows<{ hits: number }>(database.db, sql`select hits from rate_limits`))[0]!.hits).toBe(1);
  });
});
