/**
 * Social Security numbers at rest: AES-256-GCM ciphertext (random IV, tag kept), a keyed HMAC-SHA-256
 * blind index for equality matching, and the last four digits for display. Nothing here logs.
 *
 * @example
 *   const stored = protectSsn(keys, '900-12-3456'); // { ciphertext, blindIndex, last4: '3456' }
 *   revealSsn(keys, stored.ciphertext);              // '900123456'
 *   maskSsn(stored.last4);                           // '***-**-3456'
 */
import crypto from 'node:crypto';
import { AppError } from '../errors';
import type { PiiKeys } from './keys';
import { openText, sealText } from './sealed';
import { isIssuableSsn } from './ssn-rules';

export interface ProtectedSsn {
  ciphertext: string;
  blindIndex: string;
  last4: string;
}

export { isIssuableSsn };

/** Nine digits with or without dashes; area 000 and 666, group 00 and serial 0000 are never issued. */
export function normalizeSsn(input: string, path = 'ssn'): string {
  const digits = input.replace(/[\s-]/g, '');
  if (!isIssuableSsn(digits)) {
    throw new AppError('validation', 'ssn_is_invalid', 'The SSN must be nine digits in a valid area, group and serial.', [
      { path, message: 'nine digits (dashes allowed); not area 000 or 666, group 00 or serial 0000' },
    ]);
  }
  return digits;
}

export function blindIndexSsn(keys: PiiKeys, ssn: string): string {
  return ssnKey(keys, normalizeSsn(ssn));
}

/**
 * The keyed HMAC of any SSN-shaped text, unchecked: the blind index of a valid SSN, and the keys of the
 * variants matching compares (a transposition, or an SSN with one digit blanked as `*`).
 */
export function ssnKey(keys: PiiKeys, text: string): string {
  return crypto.createHmac('sha256', keys.blindIndexKey).update(text).digest('base64url');
}

export function protectSsn(keys: PiiKeys, ssn: string, path = 'ssn'): ProtectedSsn {
  const digits = normalizeSsn(ssn, path);
  return { ciphertext: sealText(keys, digits), blindIndex: blindIndexSsn(keys, digits), last4: digits.slice(5) };
}

export function revealSsn(keys: PiiKeys, ciphertext: string): string {
  return openText(keys, ciphertext);
}

export function maskSsn(last4: string | null): string | null {
  return last4 === null ? null : `***-**-${last4}`;
}

export function formatSsn(digits: string): string {
  return `${digits.slice(0, 3)}-${digits.slice(3, 5)}-${digits.slice(5)}`;
}

/** A driver's licence number as compared: letters and digits only, upper case (CA: one letter and seven digits). */
export function normalizeDriversLicense(input: string): string {
  return input.replace(/[^A-Za-z0-9]/g, '').toUpperCase();
}

/**
 * A driver's licence at rest: only its keyed HMAC (to check a payoff demand's identifiers against the
 * registry) and the last four characters for display. Concord never needs the number back.
 */
export function protectDriversLicense(keys: PiiKeys, input: string): { blindIndex: string; last4: string } {
  const number = normalizeDriversLicense(input);
  return { blindIndex: ssnKey(keys, `dl:${number}`), last4: number.slice(-4) };
}
