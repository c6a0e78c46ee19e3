import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { makeNewCase, useTestApp } from '../../../test/app';
import { sheetValues } from '../../../test/xlsx';

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
      'Case number': 'EXPORT-1',
      Obligor: 'Obligor, Dana',
      'Obligor SSN': '***-**-5678',
      'Obligor address': '1 Main St, Los Angeles, CA 90012',
      'Custodial party': 'Custodial, Robin',
      'Custodial party address': 'Address withheld (confidential)',
    });
    // The flagged custodial party lives at 2 Oak Ave, Pasadena 91101: none of it may appear.
    expect(response.body).not.toMatch(/Oak Ave|Pasadena|91101|912-34-5678|912345678/);
    // The workbook takes the same rows and the same safeguards.
    const workbook = await app.inject({ url: '/api/cases/export.xlsx?q=export-1', headers: worker.headers });
    expect(workbook.headers['content-type']).toContain('spreadsheetml');
    const sheet = await sheetValues(workbook.rawPayload, 'cases');
    expect(sheet[1]).toEqual(expect.arrayContaining(['EXPORT-1', 'Obligor, Dana', '***-**-5678', 'Address withheld (confidential)']));
    expect(JSON.stringify(sheet)).not.toMatch(/Oak Ave|Pasadena|91101/);
  });

  it('pages and sorts the case list on the server: by obligor name, and narrowed to a last name', async () => {
    const worker = await signInAs('lcsa_caseworker');
    const page = (query: string) => app.inject({ url: `/api/cases?${query}`, headers: worker.headers }).then((r) => r.json());
    const byName = await page('q=obligor&sort=obligor&dir=desc&pageSize=5');
    expect(byName).toMatchObject({ sort: 'obligor', dir: 'desc', pageSize: 5 });
    expect(byName.total).toBeGreaterThanOrEqual(1);
    expect(byName.items.every((c: { obligorName: string }) => c.obligorName.startsWith('Obligor,'))).toBe(true);
    expect((await page('sort=ssn')).code).toBe('sort_unknown');
  });

  it('exports only the LCSA’s own cases', async () => {
    const sacramento = await signInAs('lcsa_caseworker', { lcsaId: 'sacramento' });
    const body = (await app.inject({ url: '/api/cases/export.csv', headers: sacramento.headers })).body;
    expect(body).not.toContain('EXPORT-1');
    expect(parse(body, { columns: true })).toEqual([]);
  });
});
