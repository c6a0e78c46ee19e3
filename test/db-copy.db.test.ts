/**
 * `concord db copy`: a seeded embedded database moved whole into an empty one — the PostgreSQL server
 * when DATABASE_URL is set (CI's second run), else another embedded database; the same code either way.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { Registry } from 'prom-client';
import { afterAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../src/demo';
import { modules } from '../src/modules/all';
import { defaultDemoAsOf } from '../src/modules/registry/index';
import { writeCheckpoint } from '../src/platform/audit/anchor';
import { verifyAuditChain } from '../src/platform/audit/verify';
import { loadConfig } from '../src/platform/config';
import { openDatabase, type Database } from '../src/platform/db/connect';
import { copyDatabase } from '../src/platform/db/copy';
import { queryRows } from '../src/platform/db/rows';
import { newServerDatabase } from '../src/platform/db/test-template';
import { derivePiiKeys } from '../src/platform/pii/keys';
import { prepareDatabase } from '../src/setup';

const serverUrl = process.env.DATABASE_URL || null;
const checkpoints = path.join(os.tmpdir(), `concord-copy-checkpoints-${crypto.randomUUID()}.jsonl`);
const piiKeys = derivePiiKeys(crypto.randomBytes(32));
const anchor = { file: checkpoints, key: piiKeys.auditAnchorKey };

const source = await openDatabase({ kind: 'pglite', dataDir: null });
await prepareDatabase(source);
const config = loadConfig({ CONCORD_LOG_LEVEL: 'silent', CONCORD_AUDIT_CHECKPOINT_FILE: checkpoints });
await seedDemo({ config, database: source, piiKeys, metrics: new Registry() }, modules, { cases: 30, seed: 5, asOf: defaultDemoAsOf });
expect(await writeCheckpoint(source.db, anchor)).not.toBeNull();

/** An empty target: a new database on the server, or a new embedded one. */
const target = serverUrl ? await newServerDatabase(serverUrl, { poolSize: 2 }) : await openDatabase({ kind: 'pglite', dataDir: null });
afterAll(async () => {
  await target.close();
  await source.close();
  fs.rmSync(checkpoints, { force: true });
});

/** A table's rows as text in key order, in UTC, to compare one database's with the other's. */
async function rowsOf(database: Database, table: string, order: string): Promise<string[]> {
  await database.db.execute(sql`set timezone = 'UTC'`);
  const rows = await queryRows<{ row: string }>(
    database.db,
    sql`select row_to_json(t)::text as row from ${sql.identifier(table)} t order by ${sql.raw(order)}`,
  );
  return rows.map((r) => r.row);
}

describe('concord db copy', { timeout: 300_000 }, () => {
  it('moves every row into an empty database, keeps the audit chain and the sequences, and then refuses to copy again', async () => {
    const updates: number[] = [];
    const report = await copyDatabase(source, target, { start: () => undefined, update: (n) => updates.push(n), stop: () => undefined });
    expect(report.rows).toBeGreaterThan(1_000);
    expect(updates.at(-1)).toBe(report.rows);
    const counted = async (database: Database, table: string) =>
      (await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from ${sql.identifier(table)}`))[0]!.n;
    for (const table of ['persons', 'cases', 'audit_log', 'lcsas']) {
      expect(report.tables.find((t) => t.name === table)!.rows).toBe(await counted(source, table));
      expect(await counted(target, table)).toBeGreaterThan(0);
    }
    // Byte for byte: encrypted SSNs, JSON and timestamps as they were.
    expect(await rowsOf(target, 'persons', 'id')).toEqual(await rowsOf(source, 'persons', 'id'));
    expect(await rowsOf(target, 'audit_log', 'id')).toEqual(await rowsOf(source, 'audit_log', 'id'));
    // A table comes after the tables it refers to.
    const order = report.tables.map((t) => t.name);
    expect(order.indexOf('lcsas')).toBeLessThan(order.indexOf('cases'));
    expect(order.indexOf('persons')).toBeLessThan(order.indexOf('case_participants'));
    // The chain verifies on the target, against the checkpoint the source's key signed.
    expect(await verifyAuditChain(target.db, undefined, anchor)).toMatchObject({ isIntact: true });
    // The next audit row continues the source's numbering.
    const [next] = await queryRows<{ next: number; max: number }>(
      target.db,
      sql`select nextval('audit_log_id_seq')::int as next, (select max(id)::int from audit_log) as max`,
    );
    expect(next!.next).toBeGreaterThan(next!.max);
    await expect(copyDatabase(source, target)).rejects.toMatchObject({ code: 'target_not_empty' });
  });
});
