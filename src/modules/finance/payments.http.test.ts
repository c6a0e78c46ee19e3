import { describe, expect, it } from 'vitest';
import { openCaseWithOrder, useTestApp } from '../../../test/app';

const { app, signInAs } = await useTestApp();
const worker = await signInAs('lcsa_caseworker', { lcsaId: 'los-angeles' });
const finance = await signInAs('lcsa_finance', { lcsaId: 'los-angeles' });
const sacramento = await signInAs('lcsa_caseworker', { lcsaId: 'sacramento' });
const admin = await signInAs('state_admin');

type Payment = {
  receiptId: string;
  receivedOn: string;
  amountCents: number;
  source: string;
  isReversed: boolean;
  currentCents: number;
  arrearsCents: number;
  interestCents: number;
  heldAsFuturesCents: number;
  familyCents: number;
  stateCents: number;
  federalCents: number;
};

describe('payments a person can read', () => {
  it('lists a case’s payments newest first with where each dollar went, within scope, audited', async () => {
    // $500 a month from January; February's payment meets February; March's pays March, January's arrears,
    // January's interest, and holds the rest for April.
    const created = await openCaseWithOrder(app, worker.headers, { issuedOn: '2026-01-01', amountCents: 50_000 });
    const pay = (receiptId: string, receivedOn: string, amountCents: number, source: string) =>
      app.inject({
        method: 'POST',
        url: `/api/cases/${created.id}/collections`,
        headers: finance.headers,
        payload: { receiptId, receivedOn, amountCents, source },
      });
    expect((await pay(`R-${created.id}-1`, '2026-02-10', 50_000, 'wage_withholding')).statusCode).toBe(201);
    expect((await pay(`R-${created.id}-2`, '2026-03-05', 120_000, 'voluntary')).statusCode).toBe(201);

    const answer = await app.inject({ url: `/api/cases/${created.id}/payments?asOf=2026-03-31`, headers: worker.headers });
    expect(answer.statusCode, answer.body).toBe(200);
    const [march, february] = answer.json<Payment[]>();
    expect(february).toMatchObject({ receivedOn: '2026-02-10', source: 'wage_withholding', currentCents: 50_000, arrearsCents: 0, heldAsFuturesCents: 0 });
    expect(march).toMatchObject({ receivedOn: '2026-03-05', source: 'voluntary', currentCents: 50_000, arrearsCents: 50_000, isReversed: false });
    expect(march!.interestCents).toBeGreaterThan(0);
    expect(march!.interestCents + march!.heldAsFuturesCents).toBe(20_000);
    // A family never on assistance: every dollar applied goes to the family.
    for (const p of [march!, february!]) {
      expect(p.currentCents + p.arrearsCents + p.interestCents + p.heldAsFuturesCents).toBe(p.amountCents);
      expect(p).toMatchObject({ familyCents: p.amountCents - p.heldAsFuturesCents, stateCents: 0, federalCents: 0 });
    }
    // Before March's payment arrived, only February's is listed.
    expect((await app.inject({ url: `/api/cases/${created.id}/payments?asOf=2026-03-01`, headers: worker.headers })).json()).toHaveLength(1);

    expect((await app.inject({ url: `/api/cases/${created.id}/payments`, headers: sacramento.headers })).statusCode).toBe(404);
    const audit = await app.inject({ url: `/api/audit?action=finance.payments.read&entityId=${created.id}`, headers: admin.headers });
    expect(audit.json().items.length).toBeGreaterThanOrEqual(1);
  });
});
