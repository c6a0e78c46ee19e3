/** Random tokens for sessions, CSRF and API access; only their SHA-256 is stored. */
import crypto from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';

export function newSecret(prefix = ''): string {
  return `${prefix}${crypto.randomBytes(32).toString('base64url')}`;
}

export function sha256(text: string): string {
  return crypto.createHash('sha256').update(text).digest('hex');
}

/** argon2id with the library's defaults (19 MiB, 2 passes; the OWASP baseline). */
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

export function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  return verify(passwordHash, password);
}

/** A hash to verify against when the account does not exist, so timing does not reveal that. */
let decoyHash: Promise<string> | null = null;
export function decoyPasswordHash(): Promise<string> {
  decoyHash ??= hash(newSecret());
  return decoyHash;
}
