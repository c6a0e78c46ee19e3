/**
 * Text sealed with AES-256-GCM under the personal-data key: `v1.iv.tag.body`, base64url. SSNs are kept
 * this way, and so are anonymous survey answers while they wait to be mixed (trauma).
 *
 * @example openText(keys, sealText(keys, 'hello')) // 'hello'
 */
import crypto from 'node:crypto';
import type { PiiKeys } from './keys';

export function sealText(keys: PiiKeys, text: string): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', keys.encryptionKey, iv);
  const body = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
  return ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join('.');
}

export function openText(keys: PiiKeys, sealed: string): string {
  const [version, iv, tag, body] = sealed.split('.');
  if (version !== 'v1' || !iv || !tag || !body) throw new Error('Unknown sealed text format.');
  const decipher = crypto.createDecipheriv('aes-256-gcm', keys.encryptionKey, Buffer.from(iv, 'base64url'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
}
