/**
 * Seals what has committed, then walks the chain in seal order and reports the first seal whose row is
 * gone, whose link does not hold or whose row's content no longer gives its hash; and a row neither
 * sealed nor waiting to be (taken out of the sealer's queue).
 *
 * @example const result = await verifyAuditChain(db, (done) => bar.update(done));
 */
import { asc, count, eq, gt, isNull, and, min } from 'drizzle-orm';
import type { Db } from '../db/connect';
import { checkAgainstCheckpoints, type AnchorSettings } from './anchor';
import { genesisHash, sealAudit, sealHash, storedRow } from './audit';
import { auditLog, auditPending, auditSeal } from './schema';

export type AuditVerification =
  | { isIntact: true; rowsChecked: number }
  | { isIntact: false; rowsChecked: number; brokenAtId: number; reason: 'content_changed' | 'chain_broken' | 'not_chained' }
  /** The chain ends before the newest checkpoint (at its sequence number), or a checkpoint line (at its line) was forged. */
  | { isIntact: false; rowsChecked: number; brokenAtId: number; reason: 'tail_deleted' | 'checkpoint_forged' };

const pageSize = 2_000;

export async function countAuditRows(db: Db): Promise<number> {
  const [row] = await db.select({ n: count() }).from(auditLog);
  return row?.n ?? 0;
}

export async function verifyAuditChain(
  db: Db,
  onProgress: (rowsChecked: number) => void = () => undefined,
  anchor?: AnchorSettings,
): Promise<AuditVerification> {
  await sealAudit(db);
  let previousHash = genesisHash;
  let lastSeq = 0;
  let rowsChecked = 0;
  for (;;) {
    const page = await db
      .select({ seal: auditSeal, row: auditLog })
      .from(auditSeal)
      .leftJoin(auditLog, eq(auditLog.id, auditSeal.auditId))
      .where(gt(auditSeal.chainSeq, lastSeq))
      .orderBy(asc(auditSeal.chainSeq))
      .limit(pageSize);
    if (page.length === 0) break;
    for (const { seal, row } of page) {
      if (!row || seal.prevHash !== previousHash) return { isIntact: false, rowsChecked, brokenAtId: seal.auditId, reason: 'chain_broken' };
      const content = storedRow(row);
      // A row its writer chained (versions 1 and 2) must still say what its seal says.
      const keepsOwnLink = content.hashVersion >= 3 || (content.prevHash === seal.prevHash && content.hash === seal.hash);
      if (!keepsOwnLink || sealHash(content, seal.prevHash) !== seal.hash)
        return { isIntact: false, rowsChecked, brokenAtId: row.id, reason: 'content_changed' };
      previousHash = seal.hash;
      lastSeq = seal.chainSeq;
      rowsChecked += 1;
    }
    onProgress(rowsChecked);
  }
  // Every row is sealed or still queued (a row the sealer has not seen yet: committed after it ran).
  const [unchained] = await db
    .select({ id: min(auditLog.id) })
    .from(auditLog)
    .leftJoin(auditSeal, eq(auditSeal.auditId, auditLog.id))
    .leftJoin(auditPending, eq(auditPending.auditId, auditLog.id))
    .where(and(isNull(auditSeal.auditId), isNull(auditPending.auditId)));
  if (unchained?.id != null) return { isIntact: false, rowsChecked, brokenAtId: unchained.id, reason: 'not_chained' };
  // A chain shortened at its tail is still a chain: only a checkpoint kept outside the database tells.
  const anchored = anchor ? await checkAgainstCheckpoints(db, anchor) : { isIntact: true as const };
  if (!anchored.isIntact)
    return anchored.reason === 'tail_deleted'
      ? { isIntact: false, rowsChecked, brokenAtId: anchored.checkpoint.chainSeq, reason: 'tail_deleted' }
      : { isIntact: false, rowsChecked, brokenAtId: anchored.line, reason: 'checkpoint_forged' };
  return { isIntact: true, rowsChecked };
}
