/**
 * The purge the law asks beyond non-matches (Ins. Code 13552), on a real database: a review candidate
 * undecided past the policy's days, and a matched claim whose notice the insurer denied, lose their
 * claimant data (and the candidate its match row) when the daily purge runs; a fresh candidate stays. The
 * ageing report shows the review queue by age with what the purge takes within a week.
 */
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { makeNewCase, openCaseWithOrder, registerInsurer, useTestApp } from '../../../test/app';
import { inTransaction } from '../../platform/db/transaction';
import { queryRows } from '../../platform/db/rows';
import { addDays, todayInCalifornia } from '../../platform/dates';
import { purgeAgedAndClosed } from './review';

const { app, signInAs } = await useTestApp();
const db = app.concord.database.db;
const admin = await signInAs('state_admin');
const worker = await signInAs('lcsa_caseworker', { lcsaId: 'los-angeles' });
const insurerId = await registerInsurer(app, admin.headers, {
  name: 'Ageing Life',
  naicCode: '34567',
  fein: '34-5678901',
  linesOfBusiness: ['life'],
  channel: 'direct',
});
const partner = await signInAs('insurer_partner', { partnerId: insurerId });
const obligor = { ...makeNewCase().obligor, firstName: 'Teodora', lastName: 'Villaseñor', ssn: '903-77-5432', dateOfBirth: '1975-05-05', zip: '90012' };
await openCaseWithOrder(app, worker.headers, {}, { obligor });
await app.inject({ method: 'POST', url: '/api/intercept/matchable/refresh', headers: admin.headers });
const header =
  'claim_number,claim_type,payment_type,amount,loss_date,claimant_ssn,claimant_first_name,claimant_last_name,claimant_date_of_birth,claimant_address_line1,claimant_city,claimant_state,claimant_zip';
const file = await app.inject({
  method: 'POST',
  url: '/api/intercept/files?fileName=ageing.csv&format=csv',
  headers: { ...partner.headers, 'content-type': 'text/csv' },
  payload: [
    header,
    // Review candidates (no SSN, moved, a digit of the birth date off): one will be old, one fresh. An exact match whose notice is denied.
    'AG-OLD,life_beneficiary,lump_sum,5000.00,2026-10-01,,Teodora,Villaseñor,1975-05-15,9 Far Rd,Fresno,CA,93701',
    'AG-NEW,life_beneficiary,lump_sum,5000.00,2026-10-01,,Teodora,Villasenor,1975-05-15,10 Far Rd,Fresno,CA,93701',
    'AG-DENIED,life_beneficiary,lump_sum,5000.00,2026-10-01,903775432,Teodora,Villaseñor,1975-05-05,1 Main St,Los Angeles,CA,90012',
  ].join('\n'),
});
const claims = () =>
  queryRows<{ claim_number: string; status: string; last_name: string | null; has_match: boolean }>(
    db,
    sql`select c.claim_number, c.status, c.last_name, exists (select 1 from intercept_matches m where m.claim_id = c.id) as has_match
        from intercept_claims c where c.file_id = ${file.json<{ id: string }>().id} order by c.claim_number`,
  );

describe('the aged purge', () => {
  it('purges a review candidate past the policy and a claim whose notice was denied, and reports the queue by age', async () => {
    expect((await claims()).map((c) => [c.claim_number, c.status])).toEqual([
      ['AG-DENIED', 'matched'],
      ['AG-NEW', 'review'],
      ['AG-OLD', 'review'],
    ]);
    await db.execute(
      // Noon in California 61 calendar days ago: `now() - 61 days` is 60 calendar days late in the evening across a DST change.
      sql`update intercept_matches set created_at = (${addDays(todayInCalifornia(), -61)}::date + time '12:00') at time zone 'America/Los_Angeles'
          where claim_id = (select id from intercept_claims where claim_number = 'AG-OLD')`,
    );
    const ageing = (await app.inject({ url: '/api/intercept/reviews/ageing', headers: worker.headers })).json();
    expect(ageing.purgeReviewAfterDays).toBe(60);
    expect(ageing.lcsas).toEqual([expect.objectContaining({ lcsaId: 'los-angeles', upTo14: 1, over60: 1, purgeWithin7Days: 1, oldestDays: 61 })]);
    expect((await app.inject({ url: '/api/intercept/reviews/ageing', headers: partner.headers })).statusCode).toBe(403);

    const [denied] = await queryRows<{ id: string }>(
      db,
      sql`select m.id from intercept_matches m join intercept_claims c on c.id = m.claim_id where c.claim_number = 'AG-DENIED'`,
    );
    const notice = (await app.inject({ method: 'POST', url: `/api/intercept/matches/${denied!.id}/notice`, headers: worker.headers })).json<{ id: string }>();
    await app.inject({
      method: 'POST',
      url: `/api/intercept/notices/${notice.id}/answers`,
      headers: partner.headers,
      payload: { answer: 'denied', note: 'Claim denied: policy lapsed' },
    });

    expect(await inTransaction(db, (tx) => purgeAgedAndClosed(tx))).toEqual({ agedReview: 1, closedNotice: 1 });
    expect(await claims()).toEqual([
      { claim_number: 'AG-DENIED', status: 'purged', last_name: null, has_match: true },
      { claim_number: 'AG-NEW', status: 'review', last_name: 'Villasenor', has_match: true },
      { claim_number: 'AG-OLD', status: 'purged', last_name: null, has_match: false },
    ]);
    // Running again purges nothing more.
    expect(await inTransaction(db, (tx) => purgeAgedAndClosed(tx))).toEqual({ agedReview: 0, closedNotice: 0 });
  });
});
