import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../../test/db';
import { onBehalfOf, systemActor, type Actor } from '../auth/actor';
import { queryRows } from '../db/rows';
import { inTransaction } from '../db/transaction';
import { genesisHash, recordAudit, rowHashV1, sealAudit, startAuditSealer } from './audit';
import { auditLog, auditSeal } from './schema';
import { verifyAuditChain } from './verify';

const database = await useTestDatabase();
const { db } = database;

async function countSealed(): Promise<number> {
  const [row] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from audit_seal`);
  return row!.n;
}

async function writeEntries(n: number) {
  for (let i = 0; i < n; i++) {
    await inTransaction(db, (tx) => recordAudit(tx, systemActor(), { action: 'test.write', entityType: 'thing', entityId: String(i), after: { i } }));
  }
}

/**
 * A row as Concord wrote it before migration 0018 (hash version 1: the whole row hashed in the
 * application, chained by its writer), sealed with its own link and hash as migration 0019 sealed such rows.
 */
async function writeVersion1Row(action: string) {
  await sealAudit(db);
  await inTransaction(db, async (tx) => {
    const [head] = await queryRows<{ hash: string; chain_seq: string }>(tx, sql`select hash, chain_seq from audit_seal order by chain_seq desc limit 1`);
    const [next] = await queryRows<{ id: string }>(tx, sql`select nextval(pg_get_serial_sequence('audit_log', 'id')) as id`);
    const row = {
      ...{ id: Number(next!.id), occurredAt: new Date(), actorUserId: null, actorRole: 'system', lcsaId: null, action, entityType: 'thing' },
      ...{ entityId: null, requestId: null, isPiiRead: false, outcome: 'succeeded' as const, beforeDigest: null, afterDigest: null },
      ...{ detail: { version: 1 }, prevHash: head?.hash ?? genesisHash },
    };
    const hash = rowHashV1(row);
    await tx.insert(auditLog).values({ ...row, hash, hashVersion: 1 });
    await tx.insert(auditSeal).values({ chainSeq: Number(head?.chain_seq ?? 0) + 1, auditId: row.id, prevHash: row.prevHash, hash });
  });
}

/** Tampering needs the append-only triggers out of the way, as an attacker with table rights would do. */
async function tamper(statement: ReturnType<typeof sql>) {
  await inTransaction(db, async (tx) => {
    for (const table of ['audit_log', 'audit_seal']) await tx.execute(sql.raw(`alter table ${table} disable trigger ${table}_no_update_delete`));
    await tx.execute(statement);
    for (const table of ['audit_log', 'audit_seal']) await tx.execute(sql.raw(`alter table ${table} enable trigger ${table}_no_update_delete`));
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

  it('refuses UPDATE and DELETE of rows and of seals in the database itself', async () => {
    await expect(db.execute(sql`update audit_log set action = 'x'`)).rejects.toThrow();
    await expect(db.execute(sql`delete from audit_log`)).rejects.toThrow();
    await expect(db.execute(sql`update audit_seal set hash = 'x'`)).rejects.toThrow();
    await expect(db.execute(sql`delete from audit_seal`)).rejects.toThrow();
  });

  it('queues a row until the sealer chains it after its commit, in id order after the newest seal', async () => {
    const before = await countSealed();
    await recordAudit(db, systemActor(), { action: 'test.queued', entityType: 'thing' });
    await recordAudit(db, systemActor(), { action: 'test.queued', entityType: 'thing' });
    const queued = await queryRows<{ id: string; prev_hash: string | null; hash: string | null }>(
      db,
      sql`select a.id, a.prev_hash, a.hash from audit_pending p join audit_log a on a.id = p.audit_id order by a.id`,
    );
    expect(queued).toHaveLength(2);
    expect(queued.every((r) => r.prev_hash === null && r.hash === null)).toBe(true);
    expect(await sealAudit(db)).toBe(2);
    expect(await sealAudit(db)).toBe(0);
    const seals = await queryRows<{ audit_id: string; chain_seq: string }>(db, sql`select audit_id, chain_seq from audit_seal order by chain_seq desc limit 2`);
    expect(seals.map((s) => Number(s.audit_id))).toEqual(queued.map((r) => Number(r.id)).reverse());
    expect(seals.map((s) => Number(s.chain_seq))).toEqual([before + 2, before + 1]);
    expect(await queryRows(db, sql`select audit_id from audit_pending`)).toEqual([]);
    expect(await verifyAuditChain(db)).toEqual({ isIntact: true, rowsChecked: before + 2 });
  });

  it('seals on a timer in the background, and stops when asked', async () => {
    const before = await countSealed();
    const errors: unknown[] = [];
    const stop = startAuditSealer(db, 20, (error) => errors.push(error));
    await recordAudit(db, systemActor(), { action: 'test.timer', entityType: 'thing' });
    for (let i = 0; i < 200 && (await countSealed()) === before; i++) await new Promise((resolve) => setTimeout(resolve, 10));
    await stop();
    expect(await countSealed()).toBe(before + 1);
    expect(errors).toEqual([]);
    await recordAudit(db, systemActor(), { action: 'test.timer', entityType: 'thing' });
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(await countSealed()).toBe(before + 1);
    expect(await sealAudit(db)).toBe(1);
  });

  it('seals in batches, each linked to the last', async () => {
    await writeEntries(7);
    const before = await countSealed();
    expect(await sealAudit(db, 3)).toBe(7);
    expect(await countSealed()).toBe(before + 7);
    expect((await verifyAuditChain(db)).isIntact).toBe(true);
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
    expect(await verifyAuditChain(db)).toEqual({ isIntact: true, rowsChecked: 32 });
    const versions = await queryRows<{ v: number }>(db, sql`select hash_version as v from audit_log order by id desc limit 4`);
    expect(versions.map((r) => r.v)).toEqual([1, 3, 3, 1]);
    const newest3 = sql`(select max(id) from audit_log where hash_version = 3)`;
    await tamper(sql`update audit_log set hash_version = 1 where id = ${newest3}`);
    expect(await verifyAuditChain(db)).toMatchObject({ isIntact: false, reason: 'content_changed' });
    await tamper(sql`update audit_log set hash_version = 3 where id = (select max(id) - 1 from audit_log)`);
    expect((await verifyAuditChain(db)).isIntact).toBe(true);
    // A row its writer chained must keep the link its seal repeats.
    await tamper(sql`update audit_log set prev_hash = ${genesisHash} where id = (select max(id) from audit_log)`);
    expect(await verifyAuditChain(db)).toMatchObject({ isIntact: false, reason: 'content_changed' });
    await tamper(sql`update audit_log a set prev_hash = s.prev_hash from audit_seal s where s.audit_id = a.id and a.id = (select max(id) from audit_log)`);
    expect((await verifyAuditChain(db)).isIntact).toBe(true);
  });

  it("notices a row taken out of the sealer's queue before it was sealed", async () => {
    await recordAudit(db, systemActor(), { action: 'test.unqueued', entityType: 'thing' });
    const [row] = await queryRows<{ id: string; digest: string }>(db, sql`delete from audit_pending returning audit_id as id, content_digest as digest`);
    expect(await verifyAuditChain(db)).toEqual({ isIntact: false, rowsChecked: 32, brokenAtId: Number(row!.id), reason: 'not_chained' });
    await db.execute(sql`insert into audit_pending (audit_id, content_digest) values (${Number(row!.id)}, ${row!.digest})`);
    expect(await verifyAuditChain(db)).toEqual({ isIntact: true, rowsChecked: 33 });
  });

  it('detects a row changed while it waited to be sealed (the writer queued its digest)', async () => {
    await recordAudit(db, systemActor(), { action: 'test.early_edit', entityType: 'thing', entityId: 'real' });
    await tamper(sql`update audit_log set entity_id = 'forged' where action = 'test.early_edit'`);
    const [row] = await queryRows<{ id: string }>(db, sql`select id from audit_log where action = 'test.early_edit'`);
    expect(await verifyAuditChain(db)).toEqual({ isIntact: false, rowsChecked: 33, brokenAtId: Number(row!.id), reason: 'content_changed' });
    await tamper(sql`update audit_log set entity_id = 'real' where action = 'test.early_edit'`);
    expect(await verifyAuditChain(db)).toEqual({ isIntact: true, rowsChecked: 34 });
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

  it('records work done on behalf of a person as that person, with the purpose', async () => {
    const partner: Actor = { userId: null, role: 'insurer_partner', lcsaId: null, partnerId: 'p-1', requestId: 'req-behalf' };
    const acting = onBehalfOf(partner, "an insurer's remittance, posted as the state disbursement unit", ['finance.post']);
    await inTransaction(db, (tx) => recordAudit(tx, acting, { action: 'test.behalf', entityType: 'thing', detail: { receipt: 'R-1' } }));
    const [row] = await queryRows<{ actor_role: string; request_id: string; detail: Record<string, unknown> }>(
      db,
      sql`select actor_role, request_id, detail from audit_log where action = 'test.behalf'`,
    );
    expect(row).toEqual({
      actor_role: 'insurer_partner',
      request_id: 'req-behalf',
      detail: { receipt: 'R-1', onBehalfOf: "an insurer's remittance, posted as the state disbursement unit" },
    });
  });
});
