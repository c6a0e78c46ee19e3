/**
 * Walks the audit chain in order and reports the first row whose content or link does not hold:
 * an edited row fails its own hash; a deleted row breaks the next row's link.
 *
 * @example const result = await verifyAuditChain(db, (done) => bar.update(done));
 */
import { asc, count, gt } from 'drizzle-orm';
import type { Tx } from '../db/connect';
import { genesisHash, rowHash, type AuditRow } from './audit';
import { auditLog } from './schema';

export type AuditVerification =
  { isIntact: true; rowsChecked: number } | { isIntact: false; rowsChecked: number; brokenAtId: number; reason: 'content_changed' | 'chain_broken' };

const pageSize = 2_000;

export async function countAuditRows(db: Tx): Promise<number> {
  const [row] = await db.select({ n: count() }).from(auditLog);
  return row?.n ?? 0;
}

export async function verifyAuditChain(db: Tx, onProgress: (rowsChecked: number) => void = () => undefined): Promise<AuditVerification> {
  let previousHash = genesisHash;
  let lastId = 0;
  let rowsChecked = 0;
  for (;;) {
    const page = await db.select().from(auditLog).where(gt(auditLog.id, lastId)).orderBy(asc(auditLog.id)).limit(pageSize);
    if (page.length === 0) return { isIntact: true, rowsChecked };
    for (const stored of page) {
      const { hash, createdAt: _createdAt, ...content } = stored;
      const row = content as Omit<AuditRow, 'hash'>;
      if (row.prevHash !== previousHash) return { isIntact: false, rowsChecked, brokenAtId: row.id, reason: 'chain_broken' };
      if (rowHash(row) !== hash) return { isIntact: false, rowsChecked, brokenAtId: row.id, reason: 'content_changed' };
      previousHash = hash;
      lastId = row.id;
      rowsChecked += 1;
    }
    onProgress(rowsChecked);
  }
}
