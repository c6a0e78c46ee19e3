import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { makeNewCase, useTestApp } from '../../../test/app';

const { app, signInAs } = await useTestApp();

describe('case export', () => {
  it('never lets a family-violence-flagged address leave, and masks SSNs', async () => {
    const worker = await signInAs('lcsa_caseworker');
    const payload = makeNewCase({ caseNumber: 'EXPORT-1' });
    await app.inject({ method: 'POST', url: '/api/cases', headers: worker.headers, payload });
    const response = await app.inject({ url: '/api/cases/export.csv?caseNumber=EXPORT-', headers: worker.headers });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/csv');
    const [row] = parse(response.body, { columns: true }) as Record<string, string>[];
    expect(row).toMatchObject({
      case_number: 'EXPORT-1',
      obligor: 'Obligor, Dana',
      obligor_ssn: '***-**-5678',
      obligor_address: '1 Main St, Los Angeles, CA 90012',
      custodial_party: 'Custodial, Robin',
      custodial_party_address: 'Address withheld (confidential)',
    });
    // The flagged custodial party lives at 2 Oak Ave, Pasadena 91101: none of it may appear.
    expect(response.body).not.toMatch(/Oak Ave|Pasadena|91101|912-34-5678|912345678/);
  });

  it('exports only the LCSA’s own cases', async () => {
    const sacramento = await signInAs('lcsa_caseworker', { lcsaId: 'sacramento' });
    const body = (await app.inject({ url: '/api/cases/export.csv', headers: sacramento.headers })).body;
    expect(body).not.toContain('EXPORT-1');
    expect(parse(body, { columns: true })).toEqual([]);
  });
});
