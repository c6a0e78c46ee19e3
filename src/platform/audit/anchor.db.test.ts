/**
 * Checkpoints of the chain's head kept outside the database find what the chain alone cannot: its
 * newest rows deleted together with their seals. A forged or edited checkpoint line is found too.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../../test/db';
import { systemActor } from '../auth/actor';
import { inTransaction } from '../db/transaction';
import { writeCheckpoint } from './anchor';
import { recordAudit } from './audit';
import { verifyAuditChain } from './verify';

const { db } = await useTestDatabase();
const anchor = { file: path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'concord-anchor-')), 'checkpoints.jsonl'), key: crypto.randomBytes(32) };
const write = async (n: number) => {
  for (let i = 0; i < n; i++) await recordAudit(db, systemActor(), { action: 'test.anchor', entityType: 'test', entityId: `row-${i}` });
};

describe('checkpoints of the audit chain', () => {
  it('find the newest rows deleted with their seals, which the chain alone takes for a shorter, intact chain', async () => {
    await write(3);
    const first = (await writeCheckpoint(db, anchor))!;
    await write(3);
    const second = (await writeCheckpoint(db, anchor))!;
    expect(second.chainSeq).toBeGreaterThan(first.chainSeq);
    expect(await verifyAuditChain(db, undefined, anchor)).toMatchObject({ isIntact: true });

    await inTransaction(db, async (tx) => {
      for (const table of ['audit_log', 'audit_seal']) await tx.execute(sql.raw(`alter table ${table} disable trigger ${table}_no_update_delete`));
      await tx.execute(sql`delete from audit_log where id in (select audit_id from audit_seal where chain_seq > ${second.chainSeq - 2})`);
      await tx.execute(sql`delete from audit_seal where chain_seq > ${second.chainSeq - 2}`);
      for (const table of ['audit_log', 'audit_seal']) await tx.execute(sql.raw(`alter table ${table} enable trigger ${table}_no_update_delete`));
    });
    expect(await verifyAuditChain(db)).toMatchObject({ isIntact: true });
    expect(await verifyAuditChain(db, undefined, anchor)).toEqual({
      isIntact: false,
      rowsChecked: second.chainSeq - 2,
      brokenAtId: second.chainSeq,
      reason: 'tail_deleted',
    });
  });

  it('find a checkpoint line that this server did not write', async () => {
    const forgedFile = path.join(path.dirname(anchor.file), 'forged.jsonl');
    await writeCheckpoint(db, { ...anchor, file: forgedFile });
    const genuine = fs.readFileSync(forgedFile, 'utf8');
    const edited = { ...(JSON.parse(genuine) as { chainSeq: number }), chainSeq: 1 };
    fs.appendFileSync(forgedFile, `${JSON.stringify(edited)}\n`);
    expect(await verifyAuditChain(db, undefined, { ...anchor, file: forgedFile })).toMatchObject({
      isIntact: false,
      reason: 'checkpoint_forged',
      brokenAtId: 2,
    });
  });
});
