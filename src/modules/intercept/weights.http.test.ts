/**
 * Match weights for the database's matching over HTTP on a real database: a set estimated from files
 * (the JSON `concord intercept match --save-weights` writes) is loaded by the state with the date it
 * takes effect from; intake and the pre-payment lookup score with the set in force, each match records
 * it, and the review shows it. A bad set is refused naming the value; an LCSA may not load one.
 */
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { makeNewCase, openCaseWithOrder, registerInsurer, useTestApp } from '../../../test/app';
import { addDays, todayInCalifornia } from '../../platform/dates';
import { queryRows } from '../../platform/db/rows';
import { savedWeights } from './domain/estimate';
import { defaultMatchPolicy } from './domain/match';

const { app, signInAs } = await useTestApp();
const db = app.concord.database.db;
const admin = await signInAs('state_admin');
const lcsaAdmin = await signInAs('lcsa_admin', { lcsaId: 'los-angeles' });
const worker = await signInAs('lcsa_caseworker', { lcsaId: 'los-angeles' });
const insurerId = await registerInsurer(app, admin.headers, {
  name: 'Weights Mutual',
  naicCode: '56789',
  fein: '56-7890123',
  linesOfBusiness: ['liability'],
  channel: 'direct',
});
const partner = await signInAs('insurer_partner', { partnerId: insurerId });
const obligor = { ...makeNewCase().obligor, firstName: 'Casimira', lastName: 'Olabarrieta', ssn: '905-66-7788', dateOfBirth: '1968-02-09', zip: '90012' };
await openCaseWithOrder(app, worker.headers, {}, { obligor });
await app.inject({ method: 'POST', url: '/api/intercept/matchable/refresh', headers: admin.headers });

// An estimated set whose exact SSN weighs more than the prior's: log2(0.9 / 0.0000005) = 20.78.
const estimated = { ...defaultMatchPolicy, ssn: { ...defaultMatchPolicy.ssn, exact: { m: 0.9, u: 0.000_000_5 } } };
const load = (weights: unknown, effectiveFrom: string, headers = admin.headers) =>
  app.inject({ method: 'POST', url: '/api/intercept/match-weights', headers, payload: { weights, effectiveFrom, note: 'Q3 claims × matchable obligors' } });
const header =
  'claim_number,claim_type,payment_type,amount,loss_date,claimant_ssn,claimant_first_name,claimant_last_name,claimant_date_of_birth,claimant_address_line1,claimant_city,claimant_state,claimant_zip';
const importFile = (claimNumber: string, review = false) =>
  app.inject({
    method: 'POST',
    url: `/api/intercept/files?fileName=${claimNumber}.csv&format=csv`,
    headers: { ...partner.headers, 'content-type': 'text/csv' },
    // An exact SSN match; or, for review, no SSN, another address and a birth-date digit off.
    payload: [
      header,
      review
        ? `${claimNumber},liability,lump_sum,5000.00,2026-10-01,,Casimira,Olabarrieta,1968-02-19,9 Far Rd,Fresno,CA,93701`
        : `${claimNumber},liability,lump_sum,5000.00,2026-10-01,905667788,Casimira,Olabarrieta,1968-02-09,1 Main St,Los Angeles,CA,90012`,
    ].join('\n'),
  });
const matchOf = async (claimNumber: string) =>
  (
    await queryRows<{ evidence: { field: string; weight: number }[]; weights_id: string | null }>(
      db,
      sql`select m.evidence, m.weights_id from intercept_matches m join intercept_claims c on c.id = m.claim_id where c.claim_number = ${claimNumber}`,
    )
  )[0]!;

describe('match weights for the database’s matching', () => {
  it('refuses a set from an LCSA, and a set with a bad value, naming it', async () => {
    expect((await load(JSON.parse(savedWeights(estimated)), todayInCalifornia(), lcsaAdmin.headers)).statusCode).toBe(403);
    const bad = JSON.parse(savedWeights(estimated));
    bad.levels.ssn.exact.u = 0;
    const refused = await load(bad, todayInCalifornia());
    expect(refused.statusCode).toBe(400);
    expect(refused.json()).toMatchObject({ code: 'invalid_match_weights', detail: 'weights: levels.ssn.exact.u must be a number above 0 and at most 1.' });
    expect((await load({ format: 'concord-match-weights/1' }, todayInCalifornia())).json()).toMatchObject({ code: 'invalid_match_weights' });
  });

  it('scores with the priors until a set is in force, then with the set, and each match and review says which', async () => {
    const later = await load(JSON.parse(savedWeights(estimated)), addDays(todayInCalifornia(), 30));
    expect(later.statusCode).toBe(201);
    expect((await importFile('W-1')).statusCode).toBe(201);
    const before = await matchOf('W-1');
    expect(before).toMatchObject({ weights_id: null });
    expect(before.evidence[0]).toMatchObject({ field: 'ssn', weight: 19.78 });

    const now = await load(JSON.parse(savedWeights(estimated)), todayInCalifornia());
    const sets = (await app.inject({ url: '/api/intercept/match-weights', headers: admin.headers })).json();
    expect(sets.map((s: { id: string; isInForce: boolean }) => [s.id, s.isInForce])).toEqual([
      [later.json().id, false],
      [now.json().id, true],
    ]);
    expect(sets[1].weights.ssn.exact).toBe(20.78);
    expect((await importFile('W-2')).statusCode).toBe(201);
    const after = await matchOf('W-2');
    expect(after).toMatchObject({ weights_id: now.json().id });
    expect(after.evidence[0]).toMatchObject({ field: 'ssn', weight: 20.78 });

    await importFile('W-3', true);
    const queue = (await app.inject({ url: '/api/intercept/reviews', headers: worker.headers })).json().items;
    expect(queue.find((i: { claimNumber: string }) => i.claimNumber === 'W-3').weights).toBe(
      `Weights estimated from files, in force from ${todayInCalifornia()}: Q3 claims × matchable obligors`,
    );
  });
});
