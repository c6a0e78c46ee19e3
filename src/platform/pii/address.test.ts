import { describe, expect, it } from 'vitest';
import { outboundAddress, suppressedAddressText } from './address';

const person = { addressLine1: '1200 J St', city: 'Sacramento', state: 'CA', zip: '95814' };

describe('family-violence address rule', () => {
  it('gives the address lines of an unflagged person', () => {
    expect(outboundAddress({ ...person, hasFamilyViolenceFlag: false })).toEqual({ isSuppressed: false, lines: ['1200 J St', 'Sacramento, CA 95814'] });
  });

  it('never gives any part of a flagged person’s address', () => {
    const out = outboundAddress({ ...person, hasFamilyViolenceFlag: true });
    expect(out).toEqual({ isSuppressed: true, lines: [suppressedAddressText] });
    expect(JSON.stringify(out)).not.toMatch(/1200|Sacramento|95814/);
  });
});
