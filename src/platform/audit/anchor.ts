/**
 * Checkpoints of the audit chain's head, kept outside the database. The chain proves that no sealed row
 * was edited or removed from its middle, but not that its newest rows were not deleted together with
 * their seals: a shorter chain is still a valid chain. So the server appends, every few minutes, the
 * head's sequence number and hash to a file (one JSON line each, with an HMAC under a key derived from
 * the master key, so a line cannot be forged or edited without it), and verification checks that the
 * chain still reaches the newest checkpoint with the same hash.
 *
 * What it protects against: someone with database rights deleting or rewriting the chain's tail. What it
 * does not: rows written after the newest checkpoint (at most the interval, 5 minutes by default), and
 * someone who also holds the master key and the checkpoint file. Copying the file to another machine
 * (log shipping, WORM storage) widens the protection to an attacker who owns this one.
 *
 * @example await writeCheckpoint(db, '/var/lib/concord/audit-checkpoints.jsonl', keys.auditAnchorKey);
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { desc, eq } from 'drizzle-orm';
import type { Db } from '../db/connect';
import { sealAudit } from './audit';
import { auditSeal } from './schema';

export interface Checkpoint {
  chainSeq: number;
  hash: string;
  at: string;
  mac: string;
}

export interface AnchorSettings {
  file: string;
  key: Buffer;
}

const macOf = (key: Buffer, { chainSeq, hash, at }: Omit<Checkpoint, 'mac'>) =>
  crypto.createHmac('sha256', key).update(`${chainSeq}:${hash}:${at}`).digest('hex');

/** Seals what has committed and appends the head of the chain to the checkpoint file; null for an empty chain. */
export async function writeCheckpoint(db: Db, anchor: AnchorSettings, now = new Date()): Promise<Checkpoint | null> {
  await sealAudit(db);
  const [head] = await db.select({ chainSeq: auditSeal.chainSeq, hash: auditSeal.hash }).from(auditSeal).orderBy(desc(auditSeal.chainSeq)).limit(1);
  if (!head) return null;
  const unsigned = { chainSeq: Number(head.chainSeq), hash: head.hash, at: now.toISOString() };
  const checkpoint = { ...unsigned, mac: macOf(anchor.key, unsigned) };
  fs.mkdirSync(path.dirname(anchor.file), { recursive: true });
  fs.appendFileSync(anchor.file, `${JSON.stringify(checkpoint)}\n`, { mode: 0o600 });
  return checkpoint;
}

export type AnchorCheck =
  | { isIntact: true; checkpoint: Checkpoint | null }
  | { isIntact: false; reason: 'checkpoint_forged'; line: number }
  | { isIntact: false; reason: 'tail_deleted'; checkpoint: Checkpoint };

/** Whether every checkpoint is genuine and the chain still reaches the newest one with the same hash. */
export async function checkAgainstCheckpoints(db: Db, anchor: AnchorSettings): Promise<AnchorCheck> {
  if (!fs.existsSync(anchor.file)) return { isIntact: true, checkpoint: null };
  const lines = fs.readFileSync(anchor.file, 'utf8').split('\n');
  let newest: Checkpoint | null = null;
  for (const [i, text] of lines.entries()) {
    if (text.trim() === '') continue;
    let checkpoint: Checkpoint;
    try {
      checkpoint = JSON.parse(text) as Checkpoint;
    } catch {
      return { isIntact: false, reason: 'checkpoint_forged', line: i + 1 };
    }
    const expected = macOf(anchor.key, checkpoint);
    const isGenuine =
      typeof checkpoint.mac === 'string' &&
      checkpoint.mac.length === expected.length &&
      crypto.timingSafeEqual(Buffer.from(checkpoint.mac), Buffer.from(expected));
    if (!isGenuine) return { isIntact: false, reason: 'checkpoint_forged', line: i + 1 };
    if (!newest || checkpoint.chainSeq >= newest.chainSeq) newest = checkpoint;
  }
  if (!newest) return { isIntact: true, checkpoint: null };
  const [seal] = await db.select({ hash: auditSeal.hash }).from(auditSeal).where(eq(auditSeal.chainSeq, newest.chainSeq));
  return seal?.hash === newest.hash ? { isIntact: true, checkpoint: newest } : { isIntact: false, reason: 'tail_deleted', checkpoint: newest };
}

/** Writes a checkpoint every `everyMs` (and once at once); the returned function stops it after a last one. */
export function startCheckpoints(db: Db, anchor: AnchorSettings, everyMs: number, onError: (error: unknown) => void): () => Promise<void> {
  const write = () => writeCheckpoint(db, anchor).catch(onError);
  void write();
  const timer = setInterval(() => void write(), everyMs);
  return async () => {
    clearInterval(timer);
    await write();
  };
}
