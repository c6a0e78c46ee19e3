import { describe, expect, it } from 'vitest';
import { openCaseWithOrder, useTestApp } from '../../../test/app';

const { app, signInAs } = await useTestApp();
const worker = await signInAs('lcsa_caseworker', { lcsaId: 'los-angeles' });
const finance = await signInAs('lcsa_finance', { lcsaId: 'los-angeles' });
const fresno = await signInAs('lcsa_finance', { lcsaId: 'fresno' });
const admin = await signInAs('state_admin');

type Account = { months: { month: string; orderedCents: number }[] };
type Stay = { id: string; from: string; releasedOn: string | null; exceptions: string[]; suspended: { from: string; to: string | null } | null };

describe('stays in custody recorded as facts (FC 4007.5)', () => {
  it('derives the suspension of every case of the obligor from the stay, follows a release and an exception, in scope and audited', async () => {
    // $500 a month from January 2025; in custody from March 10 to July 7, 2025 (120 days).
    const created = await openCaseWithOrder(app, worker.headers, { issuedOn: '2025-01-01', amountCents: 50_000 });
    const obligor = created.participants.find((p) => p.role === 'obligor')!.id;
    const ordered = async (month: string) =>
      (await app.inject({ url: `/api/cases/${created.id}/account?asOf=2025-09-30`, headers: worker.headers }))
        .json<Account>()
        .months.find((m) => m.month === month)?.orderedCents;
    expect(await ordered('2025-05')).toBe(50_000);

    const url = `/api/persons/${obligor}/incarcerations`;
    // A caseworker may read the stays, not record them: that changes every case's charges.
    const refused = await app.inject({ method: 'POST', url, headers: worker.headers, payload: { from: '2025-03-10', source: 'County jail roster' } });
    expect(refused.statusCode).toBe(403);
    const recorded = await app.inject({ method: 'POST', url, headers: finance.headers, payload: { from: '2025-03-10', source: 'County jail roster' } });
    expect(recorded.statusCode, recorded.body).toBe(201);
    const stay = recorded.json<Stay>();
    // Still in custody: suspended from its start (it has lasted more than 90 days by today), with no end yet.
    expect(stay.suspended).toEqual({ from: '2025-03-10', to: null });
    expect([await ordered('2025-03'), await ordered('2025-05'), await ordered('2025-09')]).toEqual([50_000, 0, 0]);

    // Released July 7: charging resumes on August 1.
    const released = await app.inject({
      method: 'PUT',
      url: `${url}/${stay.id}`,
      headers: finance.headers,
      payload: { releasedOn: '2025-07-07', exceptions: [], source: 'Release certificate' },
    });
    expect(released.statusCode, released.body).toBe(200);
    expect(released.json<Stay>().suspended).toEqual({ from: '2025-03-10', to: '2025-07-31' });
    expect([await ordered('2025-07'), await ordered('2025-08')]).toEqual([0, 50_000]);

    // The obligor had the means to pay while in custody: no suspension at all.
    await app.inject({
      method: 'PUT',
      url: `${url}/${stay.id}`,
      headers: finance.headers,
      payload: { releasedOn: '2025-07-07', exceptions: ['means_to_pay'], source: 'Court finding' },
    });
    expect(await ordered('2025-05')).toBe(50_000);
    const listed = await app.inject({ url, headers: worker.headers });
    expect(listed.json<Stay[]>()).toEqual([expect.objectContaining({ id: stay.id, exceptions: ['means_to_pay'], suspended: null })]);

    // Another LCSA neither sees nor records them; bad facts are refused by field.
    expect((await app.inject({ url, headers: fresno.headers })).statusCode).toBe(404);
    expect((await app.inject({ method: 'POST', url, headers: fresno.headers, payload: { from: '2025-03-10', source: 'Roster' } })).statusCode).toBe(404);
    const backwards = await app.inject({
      method: 'POST',
      url,
      headers: finance.headers,
      payload: { from: '2025-03-10', releasedOn: '2025-03-01', source: 'Roster' },
    });
    expect(backwards.json()).toMatchObject({ code: 'released_before_stay', errors: [{ path: '/releasedOn' }] });
    const future = await app.inject({ method: 'POST', url, headers: finance.headers, payload: { from: '2999-01-01', source: 'Roster' } });
    expect(future.json()).toMatchObject({ code: 'stay_in_future', errors: [{ path: '/from' }] });
    const elsewhere = await app.inject({
      method: 'PUT',
      url: `${url}/00000000-0000-4000-8000-000000000000`,
      headers: finance.headers,
      payload: { releasedOn: null, exceptions: [], source: 'Roster' },
    });
    expect(elsewhere.json()).toMatchObject({ code: 'incarceration_not_found' });

    const audit = await app.inject({ url: `/api/audit?entityId=${obligor}`, headers: admin.headers });
    const actions = audit.json<{ items: { action: string }[] }>().items.map((i) => i.action);
    expect(actions).toEqual(expect.arrayContaining(['finance.incarceration.record', 'finance.incarceration.update', 'finance.incarceration.read']));
  });
});
