import crypto from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { derivePiiKeys } from './keys';
import { blindIndexSsn, maskSsn, normalizeSsn, protectSsn, revealSsn } from './ssn';

const keys = derivePiiKeys(crypto.randomBytes(32));
const ssnArb = fc
  .tuple(fc.integer({ min: 900, max: 999 }), fc.integer({ min: 1, max: 99 }), fc.integer({ min: 1, max: 9999 }))
  .map(([a, g, s]) => `${a}${String(g).padStart(2, '0')}${String(s).padStart(4, '0')}`);

describe('SSN protection', () => {
  it('round-trips through AES-256-GCM and never stores the digits in clear', () => {
    fc.assert(
      fc.property(ssnArb, (ssn) => {
        const stored = protectSsn(keys, ssn);
        expect(revealSsn(keys, stored.ciphertext)).toBe(ssn);
        expect(stored.ciphertext).not.toContain(ssn);
        expect(stored.blindIndex).not.toContain(ssn);
        expect(stored.last4).toBe(ssn.slice(5));
      }),
    );
  });

  it('gives equal blind indexes for equal SSNs and different ones for different SSNs', () => {
    expect(protectSsn(keys, '900-12-3456').blindIndex).toBe(blindIndexSsn(keys, '900123456'));
    expect(blindIndexSsn(keys, '900123456')).not.toBe(blindIndexSsn(keys, '900123457'));
  });

  it('encrypts the same SSN differently each time (random IV)', () => {
    expect(protectSsn(keys, '900123456').ciphertext).not.toBe(protectSsn(keys, '900123456').ciphertext);
  });

  it('refuses a ciphertext under another key', () => {
    const other = derivePiiKeys(crypto.randomBytes(32));
    expect(() => revealSsn(other, protectSsn(keys, '900123456').ciphertext)).toThrow();
  });

  it('rejects SSNs that are never issued, naming the field', () => {
    for (const bad of ['000123456', '666123456', '900003456', '900120000', '12345678', 'abcdefghi']) {
      expect(() => normalizeSsn(bad, '/obligor/ssn')).toThrow(
        expect.objectContaining({ code: 'ssn_is_invalid', fields: [expect.objectContaining({ path: '/obligor/ssn' })] }),
      );
    }
  });

  it('masks to the last four digits', () => {
    expect(maskSsn('3456')).toBe('***-**-3456');
    expect(maskSsn(null)).toBeNull();
  });
});
