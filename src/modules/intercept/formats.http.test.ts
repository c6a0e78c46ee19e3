import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { registerInsurer, useTestApp } from '../../../test/app';
import { queryRows } from '../../platform/db/rows';
import { detectClaimFormat } from './formats';

const { app, signInAs } = await useTestApp();
const admin = await signInAs('state_admin');
const insurerId = await registerInsurer(app, admin.headers, {
  name: 'Onboarding Mutual',
  naicCode: '60001',
  fein: '11-2233445',
  linesOfBusiness: ['life'],
  channel: 'direct',
});
const partner = await signInAs('insurer_partner', { partnerId: insurerId });
const get = (url: string) => app.inject({ method: 'GET', url, headers: partner.headers });
const upload = (body: string, fileName: string, format?: 'csv' | 'fixed') =>
  app.inject({
    method: 'POST',
    url: `/api/intercept/files?fileName=${encodeURIComponent(fileName)}${format ? `&format=${format}` : ''}`,
    headers: { ...partner.headers, 'content-type': 'text/plain' },
    payload: body,
  });
const filesNamed = async (name: string) =>
  (await queryRows<{ n: number }>(app.concord.database.db, sql`select count(*)::int as n from intercept_claim_files where file_name = ${name}`))[0]!.n;

describe('claim-file onboarding', () => {
  it('tells the formats apart from the first line', () => {
    expect(detectClaimFormat('\uFEFFclaim_number,amount\r\nX,1')).toBe('csv');
    expect(detectClaimFormat(`IM${' '.repeat(189)}\n`)).toBe('fixed');
    expect(detectClaimFormat(`IM${' '.repeat(150)}\n`)).toBeNull();
    expect(detectClaimFormat('name,amount\n')).toBeNull();
  });

  it('offers a template and samples that import as they are, in either format, without naming it', async () => {
    const template = await get('/api/intercept/formats/template.csv');
    expect(template.statusCode).toBe(200);
    expect(template.body.trim().split(',')).toContain('claim_number');
    const csv = (await get('/api/intercept/formats/sample.csv')).body;
    const fixed = (await get('/api/intercept/formats/sample-fixed-width.txt')).body;
    const fromCsv = await upload(csv, 'sample.csv');
    expect(fromCsv.statusCode).toBe(201);
    expect(fromCsv.json()).toMatchObject({ format: 'csv', lineCount: 2, rejectedCount: 0 });
    // The same claims in the other format are the same claim numbers: refused by line as already reported.
    const fromFixed = await upload(fixed, 'sample.txt');
    expect(fromFixed.json()).toMatchObject({ format: 'fixed', lineCount: 2, rejectedCount: 2 });
    const errors = await get(`/api/intercept/files/${fromFixed.json<{ id: string }>().id}/errors`);
    expect(errors.json()).toEqual([expect.objectContaining({ line: 1, field: 'claim_number' }), expect.objectContaining({ line: 2, field: 'claim_number' })]);
  });

  it('refuses a file sent as the wrong format, or in no format, storing nothing, so the corrected request goes through', async () => {
    const csv = (await get('/api/intercept/formats/sample.csv')).body.replaceAll('SAMPLE-', 'WRONGFMT-');
    const wrong = await upload(csv, 'wrong-format.csv', 'fixed');
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json()).toMatchObject({ code: 'file_format_mismatch', errors: [{ path: '/format' }] });
    const unknown = await upload('name;amount\nJordan;12\n', 'unknown.csv');
    expect(unknown.json()).toMatchObject({ code: 'file_format_unknown' });
    expect(await filesNamed('wrong-format.csv')).toBe(0);
    const again = await upload(csv, 'wrong-format.csv', 'csv');
    expect(again.statusCode).toBe(201);
    expect(again.json()).toMatchObject({ rejectedCount: 0, lineCount: 2 });
  });
});
