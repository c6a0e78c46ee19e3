/**
 * A person on their own page: who they are, masked as on a case, and the cases in the reader's scope they
 * take part in — nobody outside that scope learns the person exists, and every read is audited.
 */
import { describe, expect, it } from 'vitest';
import { makeNewCase, useTestApp } from '../../../test/app';

const { app, signInAs } = await useTestApp();

describe('a person by their own address', () => {
  it('shows the person masked with their cases in scope, audits the read, and is not found outside the scope', async () => {
    const worker = await signInAs('lcsa_caseworker');
    const created = (await app.inject({ method: 'POST', url: '/api/cases', headers: worker.headers, payload: makeNewCase() })).json();
    const custodial = created.participants.find((p: { role: string }) => p.role === 'custodial_party');
    const response = await app.inject({ url: `/api/persons/${custodial.id}`, headers: worker.headers });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      id: custodial.id,
      lastName: 'Custodial',
      ssn: '***-**-6789',
      isSsnRevealed: false,
      hasFamilyViolenceFlag: true,
      cases: [{ id: created.id, caseNumber: created.caseNumber, role: 'custodial_party', status: 'open' }],
    });
    expect(response.body).not.toContain('923-45-6789');
    // The caseworker may reveal the SSN (audited as such); another LCSA cannot see the person at all.
    expect((await app.inject({ url: `/api/persons/${custodial.id}?reveal=ssn`, headers: worker.headers })).json()).toMatchObject({
      ssn: '923-45-6789',
      isSsnRevealed: true,
    });
    const sacramento = await signInAs('lcsa_caseworker', { lcsaId: 'sacramento' });
    expect((await app.inject({ url: `/api/persons/${custodial.id}`, headers: sacramento.headers })).json().code).toBe('person_not_found');
    const auditor = await signInAs('auditor');
    const audit = (await app.inject({ url: `/api/audit?action=person.read`, headers: auditor.headers })).json<{
      items: { entityId: string; action: string; isPiiRead: boolean }[];
    }>();
    expect(audit.items.filter((e) => e.entityId === custodial.id).map((e) => [e.action, e.isPiiRead])).toEqual([
      ['person.read.ssn_revealed', true],
      ['person.read', true],
    ]);
  });
});
