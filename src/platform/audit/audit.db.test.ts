import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../../test/db';
import { systemActor } from '../auth/actor';
import { queryRows } from '../db/rows';
import { inTransaction } from '../db/transaction';
import { genesisHash, recordAudit, rowHashV1 } from './audit';
import { auditLog } from './schema';
import { verifyAuditChain } from './verify';

const database = await useTestDatabase();
const { db } = database;

async function writeEntries(n: number) {
  for (let i = 0; i < n; i++) {
    await inTransaction(db, (tx) => recordAudit(tx, systemActor(), { action: 'test.write', entityType: 'thing', entityId: String(i), after: { i } }));
  }
}

/** A row as Concord wrote it before migration 0018 (hash version 1: the whole row hashed in the application). */
async function writeVersion1Row(action: string) {
  await inTransaction(db, async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(7042001)`);
    const [head] = await queryRows<{ hash: string }>(tx, sql`select hash from audit_log order by id desc limit 1`);
    const [next] = await queryRows<{ id: string }>(tx, sql`select nextval(pg_get_serial_sequence('audit_log', 'id')) as id`);
    const row = {
      ...{ id: Number(next!.id), occurredAt: new Date(), actorUserId: null, actorRole: 'system', lcsaId: null, action, entityType: 'thing' },
      ...{ entityId: null, requestId: null, isPiiRead: false, outcome: 'succeeded' as const, beforeDigest: null, afterDigest: null },
      ...{ detail: { version: 1 }, prevHash: head?.hash ?? genesisHash },
    };
    await tx.insert(auditLog).values({ ...row, hash: rowHashV1(row), hashVersion: 1 });
  });
}

/** Tampering needs the append-only triggers out of the way, as an attacker with table rights would do. */
async function tamper(statement: ReturnType<typeof sql>) {
  await inTransaction(db, async (tx) => {
    await tx.execute(sql`alter table audit_log disable trigger audit_log_no_update_delete`);
    await tx.execute(statement);
    await tx.execute(sql`alter table audit_log enable trigger audit_log_no_update_delete`);
  });
}

describe('audit chain', () => {
  it('verifies an untouched chain', async () => {
    await writeEntries(5);
    expect(await verifyAuditChain(db)).toEqual({ isIntact: true, rowsChecked: 5 });
  });

  it('links rows written outside a transaction, even many at once', async () => {
    await Promise.all(
      Array.from({ length: 12 }, (_, i) => recordAudit(db, systemActor(), { action: 'test.untransacted', entityType: 'thing', entityId: String(i) })),
    );
    expect(await verifyAuditChain(db)).toEqual({ isIntact: true, rowsChecked: 17 });
  });

  it('refuses UPDATE and DELETE in the database itself', async () => {
    await expect(db.execute(sql`update audit_log set action = 'x'`)).rejects.toThrow();
    await expect(db.execute(sql`delete from audit_log`)).rejects.toThrow();
  });

  it('rolls back with the write it records', async () => {
    await expect(
      inTransaction(db, async (tx) => {
        await recordAudit(tx, systemActor(), { action: 'test.rolled_back', entityType: 'thing' });
        throw new Error('the write failed');
      }),
    ).rejects.toThrow('the write failed');
    const rows = await db.execute(sql`select count(*)::int as n from audit_log where action = 'test.rolled_back'`);
    expect((rows as unknown as { rows: { n: number }[] }).rows[0]?.n).toBe(0);
    expect((await verifyAuditChain(db)).isIntact).toBe(true);
  });

  it('verifies rows of both hash versions in one chain, and notices a row whose version was changed', async () => {
    await writeVersion1Row('test.version1');
    await writeEntries(2);
    await writeVersion1Row('test.version1');
    expect(await verifyAuditChain(db)).toEqual({ isIntact: true, rowsChecked: 21 });
    const versions = await queryRows<{ v: number }>(db, sql`select hash_version as v from audit_log order by id desc limit 4`);
    expect(versions.map((r) => r.v)).toEqual([1, 2, 2, 1]);
    const newest2 = sql`(select max(id) from audit_log where hash_version = 2)`;
    await tamper(sql`update audit_log set hash_version = 1 where id = ${newest2}`);
    expect(await verifyAuditChain(db)).toMatchObject({ isIntact: false, reason: 'content_changed' });
    await tamper(sql`update audit_log set hash_version = 2 where id = (select max(id) - 1 from audit_log)`);
    expect((await verifyAuditChain(db)).isIntact).toBe(true);
  });

  it('detects an edited row', async () => {
    await tamper(sql`update audit_log set entity_id = 'forged' where id = (select min(id) + 1 from audit_log)`);
    const result = await verifyAuditChain(db);
    expect(result).toMatchObject({ isIntact: false, reason: 'content_changed' });
  });

  it('detects a deleted row', async () => {
    await tamper(sql`update audit_log set entity_id = '1' where entity_id = 'forged'`);
    expect((await verifyAuditChain(db)).isIntact).toBe(true);
    await tamper(sql`delete from audit_log where id = (select min(id) + 2 from audit_log)`);
    expect(await verifyAuditChain(db)).toMatchObject({ isIntact: false, reason: 'chain_broken' });
  });
});
