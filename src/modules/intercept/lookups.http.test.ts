/**
 * The insurer's pre-payment lookup over HTTP on a real database: yes with a notice to follow, or no —
 * never an amount or a case; the same matcher as file intake; a bad line answered by field; the same
 * claim number asked again answers the same; only insurers may ask, and not without limit.
 */
import { describe, expect, it } from 'vitest';
import { makeNewCase, openCaseWithOrder, registerInsurer, useTestApp } from '../../../test/app';

const { app, signInAs } = await useTestApp();
const admin = await signInAs('state_admin');
const worker = await signInAs('lcsa_caseworker', { lcsaId: 'los-angeles' });
const insurerId = await registerInsurer(app, admin.headers, {
  name: 'Lookup Casualty',
  naicCode: '45678',
  fein: '45-6789012',
  linesOfBusiness: ['liability'],
  channel: 'direct',
});
const partner = await signInAs('insurer_partner', { partnerId: insurerId });
const obligor = { ...makeNewCase().obligor, firstName: 'Ignacio', lastName: 'Berenguer', ssn: '904-88-6543', dateOfBirth: '1970-12-01', zip: '90012' };
const owed = await openCaseWithOrder(app, worker.headers, {}, { obligor });
await app.inject({ method: 'POST', url: '/api/intercept/matchable/refresh', headers: admin.headers });

const ask = (claimant: object, claimNumber: string, headers = partner.headers) =>
  app.inject({
    method: 'POST',
    url: '/api/intercept/lookups',
    headers,
    payload: { claimNumber, claimType: 'liability', paymentType: 'lump_sum', amountCents: 2_500_000, claimant },
  });

describe('pre-payment lookup', () => {
  it('answers yes with a notice to follow, never the amount or the case, and no for someone who owes nothing', async () => {
    const yes = await ask({ ssn: '904886543', firstName: 'Ignacio', lastName: 'Berenguer', dateOfBirth: '1970-12-01' }, 'LK-1');
    expect(yes.statusCode).toBe(200);
    expect(yes.json()).toMatchObject({ claimNumber: 'LK-1', owesPastDueSupport: 'yes' });
    expect(yes.json().message).toContain('A notice to withhold follows');
    expect(yes.body).not.toMatch(/\$|\d{3,}\.\d\d|D0|case/i);
    expect(yes.body).not.toContain(owed.caseNumber);
    const no = await ask(
      { ssn: '904886544', firstName: 'Paloma', lastName: 'Sanz', dateOfBirth: '1988-03-03', addressLine1: '5 Elm', city: 'Oakland', zip: '94601' },
      'LK-2',
    );
    expect(no.json()).toMatchObject({ owesPastDueSupport: 'no' });
    expect(Object.keys(no.json()).sort()).toEqual(['claimNumber', 'message', 'owesPastDueSupport']);
    // The same claim asked again: the same answer, not a second claim.
    expect((await ask({ ssn: '904886543', firstName: 'Ignacio', lastName: 'Berenguer', dateOfBirth: '1970-12-01' }, 'LK-1')).json().owesPastDueSupport).toBe(
      'yes',
    );
    // The match is the intake's: a notice can be issued from it.
    const matches = (await app.inject({ url: '/api/intercept/reviews?outcome=match', headers: worker.headers })).json<{ items: { claimNumber: string }[] }>()
      .items;
    expect(matches.map((m) => m.claimNumber)).toContain('LK-1');
  });

  it('answers a line it cannot read by field, and only insurers may ask', async () => {
    const bad = await ask({ ssn: '666112222', firstName: 'A', lastName: 'B' }, 'LK-3');
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'lookup_invalid' });
    expect(bad.json().errors.map((e: { path: string }) => e.path)).toContain('/claimant_ssn');
    expect((await ask({ firstName: 'A', lastName: 'B' }, 'LK-4', worker.headers)).statusCode).toBe(403);
  });

  it('limits how many lookups one insurer user makes a minute', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 32; i++) statuses.push((await ask({ firstName: 'Rate', lastName: 'Limit' }, `LK-R-${i}`)).statusCode);
    expect(statuses).toContain(429);
  });
});
