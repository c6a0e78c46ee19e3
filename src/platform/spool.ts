/**
 * Uploads held on disk while they are read. A claim file carries thousands of SSNs, so the spool is
 * encrypted (AES-256-CTR) with a key and counter that live only in this process's memory: a process
 * killed mid-import leaves ciphertext that nobody can read, and the next start deletes it. Each
 * process spools under its own folder (`<tmp>/concord-spool/<pid>`), so a start removes only the
 * leftovers of processes that are no longer running.
 *
 * @example
 *   const file = await spoolUpload(request.body, 512 * 2 ** 20, () => new AppError(…));
 *   try { await importFrom(file.open()); } finally { file.remove(); }
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

export const spoolRoot = path.join(os.tmpdir(), 'concord-spool');

export interface SpooledFile {
  /** The upload's content from the start, decrypted as it is read; each call opens a new stream. */
  open(): Readable;
  remove(): void;
}

const cipher = 'aes-256-ctr';

/** Copies `body` to an encrypted spool file, refusing more than `maxBytes` with the error `tooLarge` gives. */
export async function spoolUpload(body: Readable, maxBytes: number, tooLarge: () => Error, root = spoolRoot): Promise<SpooledFile> {
  const dir = path.join(root, String(process.pid));
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = path.join(dir, crypto.randomUUID());
  const [key, iv] = [crypto.randomBytes(32), crypto.randomBytes(16)];
  let bytes = 0;
  const limit = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      bytes += chunk.length;
      done(bytes > maxBytes ? tooLarge() : null, chunk);
    },
  });
  try {
    await pipeline(body, limit, crypto.createCipheriv(cipher, key, iv), fs.createWriteStream(file, { mode: 0o600 }));
  } catch (error) {
    fs.rmSync(file, { force: true });
    throw error;
  }
  return {
    open: () => fs.createReadStream(file).pipe(crypto.createDecipheriv(cipher, key, iv)),
    remove: () => fs.rmSync(file, { force: true }),
  };
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Deletes the spools of processes no longer running, and the plaintext upload folders
 * (`concord-upload-*`) that versions before the encrypted spool left behind. Returns how many it removed.
 */
export function clearAbandonedSpools(root = spoolRoot, tmp = os.tmpdir()): number {
  let removed = 0;
  for (const entry of fs.existsSync(root) ? fs.readdirSync(root) : []) {
    const pid = Number(entry);
    if (Number.isSafeInteger(pid) && pid > 0 && pid !== process.pid && isRunning(pid)) continue;
    fs.rmSync(path.join(root, entry), { recursive: true, force: true });
    removed += 1;
  }
  for (const entry of fs.readdirSync(tmp)) {
    if (!entry.startsWith('concord-upload-')) continue;
    fs.rmSync(path.join(tmp, entry), { recursive: true, force: true });
    removed += 1;
  }
  return removed;
}
