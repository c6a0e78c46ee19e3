import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { makeNewCase, openCaseWithOrder, useTestApp } from '../../../test/app';
import { readSearchText } from './query';

const { app, logs, signInAs } = await useTestApp();
const caseworker = await signInAs('lcsa_caseworker');
const search = (headers: Record<string, string>, q: string) => app.inject({ method: 'POST', url: '/api/search', headers, payload: { q } });
type Hit = { kind: string; title: string; detail: string; href: string; lcsaId: string };

// Two Los Angeles cases with distinct obligors, one Alameda case whose obligor shares the surname.
const zephyr = await openCaseWithOrder(
  app,
  caseworker.headers,
  {},
  { obligor: { ...makeNewCase().obligor, firstName: 'Marisol', lastName: 'Quintanilla', ssn: '912-11-4321', dateOfBirth: '1979-11-23' } },
);
await openCaseWithOrder(
  app,
  caseworker.headers,
  {},
  { obligor: { ...makeNewCase().obligor, firstName: 'Bartholomew', lastName: 'Okonkwo-Reyes', ssn: '912-22-8765' } },
);
const alameda = await signInAs('lcsa_caseworker', { lcsaId: 'alameda' });
const alamedaCase = (
  await app.inject({
    method: 'POST',
    url: '/api/cases',
    headers: alameda.headers,
    payload: makeNewCase({
      lcsaId: 'alameda',
      countyFips: '06001',
      obligor: { ...makeNewCase().obligor, firstName: 'Teodoro', lastName: 'Quintanilla', ssn: '912-33-1111' },
    }),
  })
).json<{ id: string; caseNumber: string; participants: { id: string; role: string }[] }>();
const alamedaObligor = alamedaCase.participants.find((p) => p.role === 'obligor')!.id;

describe('reading the search box', () => {
  it('tells identifiers, names and last four with a birth date apart, and says what is missing', () => {
    expect(readSearchText(' la-000123 ')).toMatchObject({ identifier: 'LA-000123', ssnLast4: null });
    expect(readSearchText('Maria  de la Cruz')).toMatchObject({ name: 'maria de la cruz', identifier: null });
    expect(readSearchText('1234 5/2/1980')).toMatchObject({ ssnLast4: '1234', dateOfBirth: '1980-05-02', identifier: null, hint: null });
    expect(readSearchText('***-**-1234 1980-05-02')).toMatchObject({ ssnLast4: '1234', dateOfBirth: '1980-05-02' });
    expect(readSearchText('1234').hint).toMatch(/add their date of birth/);
    expect(readSearchText('02/30/1980 1234')).toMatchObject({ ssnLast4: null, dateOfBirth: null });
  });
});

describe('POST /api/search', () => {
  it('finds a case by the first characters of its number and an order by its number', async () => {
    const byCase = (await search(caseworker.headers, zephyr.caseNumber.toLowerCase())).json<{ items: Hit[] }>();
    expect(byCase.items[0]).toMatchObject({ kind: 'case', title: `Case ${zephyr.caseNumber}`, href: `/cases/${zephyr.id}` });
    expect(byCase.items[0]!.detail).toContain('Quintanilla, Marisol');
    const byOrder = (await search(caseworker.headers, `FO-${zephyr.id.slice(0, 8)}`)).json<{ items: Hit[] }>();
    expect(byOrder.items).toEqual([
      expect.objectContaining({ kind: 'order', href: expect.stringMatching(new RegExp(`^/cases/${zephyr.id}/orders/[0-9a-f-]{36}$`)) }),
    ]);
  });

  it('finds a person by name with a typo, within the LCSA only, SSN masked', async () => {
    const found = (await search(caseworker.headers, 'Quintanila')).json<{ items: Hit[]; readAs: string[] }>();
    expect(found.readAs).toContain('name');
    const people = found.items.filter((h) => h.kind === 'person');
    expect(people.map((p) => p.title)).toContain('Quintanilla, Marisol');
    expect(people.every((p) => p.lcsaId === 'los-angeles')).toBe(true);
    // The namesake in Alameda is not in the LCSA's results at all.
    expect(found.items.map((h) => (h as Hit & { id: string }).id)).not.toContain(alamedaObligor);
    const marisol = people.find((p) => p.title === 'Quintanilla, Marisol')!;
    expect(marisol.href).toMatch(/^\/people\/[0-9a-f-]{36}$/);
    expect(marisol.detail).toContain('***-**-4321');
    expect(JSON.stringify(found)).not.toContain('912-11-4321');
    const state = await signInAs('state_staff');
    const statewide = (await search(state.headers, 'quintanilla')).json<{ items: Hit[] }>();
    expect(statewide.items.filter((h) => h.kind === 'person').map((h) => h.lcsaId)).toEqual(expect.arrayContaining(['los-angeles', 'alameda']));
  });

  it('finds a person by the last four of the SSN only with the date of birth', async () => {
    const alone = (await search(caseworker.headers, '4321')).json<{ items: Hit[]; hint: string }>();
    expect(alone.items).toEqual([]);
    expect(alone.hint).toMatch(/date of birth/);
    const withDob = (await search(caseworker.headers, '4321 11/23/1979')).json<{ items: Hit[] }>();
    expect(withDob.items.map((h) => h.title)).toEqual(['Quintanilla, Marisol']);
    expect((await search(caseworker.headers, '4321 11/24/1979')).json<{ items: Hit[] }>().items).toEqual([]);
  });

  it('audits each search as a PII read with the records returned, never the text typed or a log line naming it', async () => {
    const marker = logs.length;
    await search(caseworker.headers, 'Okonkwo Reyes');
    const rows = await app.concord.database.db.execute(
      sql`select detail, is_pii_read from audit_log where action = 'search' and actor_user_id = ${caseworker.userId} order by id desc limit 1`,
    );
    const [row] = (rows as unknown as { rows: { detail: { readAs: string[]; hits: { kind: string }[] }; is_pii_read: boolean }[] }).rows;
    expect(row).toMatchObject({ is_pii_read: true, detail: { readAs: ['name'] } });
    expect(row!.detail.hits.length).toBeGreaterThan(0);
    expect(JSON.stringify(row)).not.toMatch(/okonkwo/i);
    expect(logs.slice(marker).join('')).not.toMatch(/okonkwo/i);
  });

  it('is refused to a role with nothing to search, and names a bad field', async () => {
    const insurer = await signInAs('insurer_partner');
    expect((await search(insurer.headers, 'quintanilla')).statusCode).toBe(403);
    const short = await search(caseworker.headers, 'q');
    expect(short.statusCode).toBe(400);
    expect(short.json().errors[0].path).toBe('body/q');
  });
});
