/**
 * A store for @fastify/rate-limit in the database, so that every app process counts against one limit
 * (`concord serve --workers N`). Each counted request is one statement: an upsert that starts a new window
 * when the last has ended, else adds one, and answers the count and the time left. Keys are hashed: a
 * limit's key may hold an IP address or an email, which are not kept.
 */
import crypto from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Db } from '../db/connect';
import { queryRows } from '../db/rows';

type Answer = (error: Error | null, result?: { current: number; ttl: number }) => void;

/** Rows of windows ended over an hour ago are deleted now and then (every this many counted requests). */
const sweepEvery = 1_000;

/** The store class @fastify/rate-limit constructs (`store` option), bound to a database. */
export function databaseRateLimitStore(db: Db) {
  let counted = 0;
  return class DatabaseRateLimitStore {
    /** Each route counts apart, as the plugin's own store does: its method and URL are part of every key. */
    private readonly route: string;
    /** @param route the route's method and URL; the plugin constructs the first store with its options, which count as no route. */
    constructor(route: unknown = '') {
      this.route = typeof route === 'string' ? route : '';
    }
    incr(key: string, answer: Answer, timeWindow: number): void {
      const hashed = crypto.createHash('sha256').update(`${this.route}\n${key}`).digest('base64url');
      counted += 1;
      const sweep = counted % sweepEvery === 0 ? db.execute(sql`delete from rate_limits where window_ends_at < now() - interval '1 hour'`) : Promise.resolve();
      sweep
        .then(() =>
          queryRows<{ hits: number; ttl: number }>(
            db,
            sql`insert into rate_limits (key, hits, window_ends_at) values (${hashed}, 1, now() + ${timeWindow}::integer * interval '1 millisecond')
                on conflict (key) do update set
                  hits = case when rate_limits.window_ends_at <= now() then 1 else rate_limits.hits + 1 end,
                  window_ends_at = case when rate_limits.window_ends_at <= now() then excluded.window_ends_at else rate_limits.window_ends_at end
                returning hits, greatest(0, ceil(extract(epoch from (window_ends_at - now())) * 1000))::integer as ttl`,
          ),
        )
        .then(([row]) => answer(null, { current: row!.hits, ttl: row!.ttl }))
        .catch((error: unknown) => answer(error instanceof Error ? error : new Error(String(error))));
    }
    child(options: object): DatabaseRateLimitStore {
      // The plugin passes the route's merged limit options, the route itself under `routeInfo`.
      const route = (options as { routeInfo?: { method?: unknown; url?: unknown } }).routeInfo;
      return new DatabaseRateLimitStore(`${String(route?.method ?? '')} ${String(route?.url ?? '')}`);
    }
  };
}
