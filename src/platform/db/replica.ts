/**
 * A read replica (DATABASE_READ_URL, a hot standby of DATABASE_URL) for reads that may lag: the routes that
 * declare `config: mayLag(…)` — reports, dashboards and exports — read there, so the primary keeps its
 * time for the work that writes. Three rules keep that honest:
 *
 * - **A person reads back their own writes.** After a write request succeeds, the primary's WAL position
 *   is pinned to the person (`read_pins`); their lag-tolerant reads go to the replica only once it has
 *   replayed past that position, else to the primary.
 * - **Every read is still audited.** The replica cannot write: audit rows recorded during a replica read
 *   are collected and written to the primary before the answer leaves (handler.ts), so an answer is never
 *   sent without its audit rows.
 * - **A replica that fails is routed around.** If it cannot answer, the read is made on the primary.
 *
 * @example
 *   app.get('/api/liens/report', { config: mayLag(requires('liens.manage')), schema }, handler);
 */
import { sql } from 'drizzle-orm';
import type { FastifyContextConfig } from 'fastify';
import { openDatabase, type Database, type Db } from './connect';
import { queryRows } from './rows';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** 'may-lag': the route's reads may come from the read replica (a report, dashboard or export). */
    reads?: 'may-lag';
  }
}

/** Declares a route's reads lag-tolerant: with a replica configured, they are made there. */
export const mayLag = <T extends FastifyContextConfig>(config: T): T & { reads: 'may-lag' } => ({ ...config, reads: 'may-lag' });

/** The Prometheus counter of lag-tolerant reads by `served_by` (replica | primary), registered by the server. */
export const lagTolerantReadsMetric = 'concord_lag_tolerant_reads_total';

/** The replica's pool (never migrated: it is a copy of the primary). */
export function openReadReplica(url: string, poolSize = 10): Promise<Database> {
  return openDatabase({ kind: 'server', url, poolSize });
}

/** After a person's write committed: pins them to the primary until a replica has replayed this far. */
export async function pinReadsAfterWrite(primary: Db, userId: string): Promise<void> {
  await primary.execute(sql`insert into read_pins (user_id, lsn, pinned_at) values (${userId}::uuid, pg_current_wal_lsn()::text, now())
    on conflict (user_id) do update set lsn = excluded.lsn, pinned_at = excluded.pinned_at`);
}

/** Whether the replica may answer this person: it has replayed their last write, or they have none. */
export async function replicaServes(primary: Db, replica: Db, userId: string | null): Promise<boolean> {
  if (!userId) return true;
  const [pin] = await queryRows<{ lsn: string }>(primary, sql`select lsn from read_pins where user_id = ${userId}::uuid`);
  if (!pin) return true;
  const [state] = await queryRows<{ caughtUp: boolean | null }>(replica, sql`select pg_last_wal_replay_lsn() >= ${pin.lsn}::pg_lsn as "caughtUp"`);
  return state?.caughtUp === true;
}
