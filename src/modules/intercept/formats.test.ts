import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { csvColumns, dollarsToCents, readCsvClaims, readFixedWidthClaims, reportabilityOf, toFixedWidth, type ClaimLine, type ReadLine } from './formats';

const collect = async (lines: AsyncIterable<ReadLine>) => {
  const all: ReadLine[] = [];
  for await (const l of lines) all.push(l);
  return all;
};

const claim: ClaimLine = {
  claimNumber: 'A-1',
  claimType: 'disability_income',
  paymentType: 'periodic',
  amountCents: 123_456,
  lossDate: '2026-01-31',
  ssn: '123456789',
  firstName: 'ANA',
  lastName: 'RUIZ',
  dateOfBirth: '1980-02-29',
  addressLine1: '1 MAIN ST',
  city: 'SAN JOSE',
  state: 'CA',
  zip: '95112',
};

describe('claim file formats', () => {
  it('round-trips a claim through the fixed-width layout', async () => {
    const record = toFixedWidth(claim, '2026-02-01');
    expect(record).toHaveLength(191);
    expect(await collect(readFixedWidthClaims(Readable.from([`${record}\n`])))).toEqual([{ line: 1, claim }]);
  });

  it('accepts CSV columns in any order and names every problem of a line', async () => {
    const header = [...csvColumns].reverse().join(',');
    const good = [...csvColumns].reverse().map(
      (c) =>
        ({
          claim_number: 'A-1',
          claim_type: 'liability',
          payment_type: 'lump_sum',
          amount: '1000.5',
          claimant_last_name: 'Ruiz',
          claimant_first_name: 'Ana',
          claimant_ssn: '123-45-6789',
        })[c as 'claim_number'] ?? '',
    );
    const lines = await collect(readCsvClaims(Readable.from([`${header}\n${good.join(',')}\n,,,,,,,,,,,,\n`])));
    expect(lines[0]).toMatchObject({ line: 2, claim: { amountCents: 100_050, ssn: '123456789', lossDate: null } });
    expect(lines[1]!.problems!.map((p) => p.field)).toEqual([
      'claim_number',
      'claim_type',
      'payment_type',
      'amount',
      'claimant_last_name',
      'claimant_first_name',
      'claimant_ssn',
    ]);
  });

  it('refuses a header without the required columns, on line 1', async () => {
    const lines = await collect(readCsvClaims(Readable.from(['claim_number,amount\nA,5\n'])));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ line: 1, problems: expect.arrayContaining([{ field: 'claim_type', reason: 'column is missing from the header' }]) });
  });

  it('reads dollars without floating point, and decides reportability (Ins. Code 13550)', () => {
    expect(dollarsToCents('$12,345.67')).toBe(1_234_567);
    expect(dollarsToCents('0.1')).toBe(10);
    expect(dollarsToCents('1e3')).toBeNull();
    expect(reportabilityOf({ claimType: 'liability', amountCents: 99_999 })).toBe('below_threshold');
    expect(reportabilityOf({ claimType: 'liability', amountCents: 100_000 })).toBe('reportable');
    expect(reportabilityOf({ claimType: 'accelerated_death_benefit', amountCents: 5_000_000 })).toBe('exempt_kind:accelerated_death_benefit');
  });
});
