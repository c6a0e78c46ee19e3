/**
 * Keys for personal data. One 32-byte master key (CONCORD_PII_KEY, or a key file created with mode 0600
 * beside the embedded data) is split by HKDF into an encryption key and a blind-index key, so that
 * neither can be derived from the other.
 *
 * @example const keys = loadPiiKeys({ piiKeyBase64: null, dataDir: './data' });
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export interface PiiKeys {
  encryptionKey: Buffer;
  blindIndexKey: Buffer;
  /** Signs the audit chain's checkpoints (audit/anchor.ts). */
  auditAnchorKey: Buffer;
}

export const piiKeyFileName = 'concord.key';

export function derivePiiKeys(master: Buffer): PiiKeys {
  const derive = (info: string) => Buffer.from(crypto.hkdfSync('sha256', master, Buffer.alloc(0), info, 32));
  return { encryptionKey: derive('concord/pii/aes-256-gcm'), blindIndexKey: derive('concord/pii/blind-index'), auditAnchorKey: derive('concord/audit/anchor') };
}

function readOrCreateKeyFile(dataDir: string): Buffer {
  const file = path.join(dataDir, piiKeyFileName);
  if (!fs.existsSync(file)) {
    fs.mkdirSync(dataDir, { recursive: true });
    fs.writeFileSync(file, crypto.randomBytes(32).toString('base64'), { mode: 0o600, flag: 'wx' });
  }
  const master = Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'base64');
  if (master.length !== 32) throw new Error(`PII key file ${file} must hold base64 of 32 bytes.`);
  return master;
}

export function loadPiiKeys(config: { piiKeyBase64: string | null; dataDir: string }): PiiKeys {
  const master = config.piiKeyBase64 ? Buffer.from(config.piiKeyBase64, 'base64') : readOrCreateKeyFile(config.dataDir);
  return derivePiiKeys(master);
}
