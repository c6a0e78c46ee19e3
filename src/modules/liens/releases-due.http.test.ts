/**
 * Release deadlines measured from the event that triggers them, over HTTP on a real database: an obligor
 * whose arrears-only case is paid shows in the releases-due queue from the day of the last payment, with
 * days left; the release made later is due from that payment, not from when staff acted; the county's
 * recording of the release is recorded, and the report gives days from trigger to sent and to recorded.
 */
import { describe, expect, it } from 'vitest';
import { openCaseWithOrder, useTestApp, recordCaseLien } from '../../../test/app';
import { addDays, todayInCalifornia } from '../../platform/dates';

const { app, signInAs } = await useTestApp();
const la = await signInAs('lcsa_caseworker', { lcsaId: 'los-angeles' });
const finance = await signInAs('lcsa_finance', { lcsaId: 'los-angeles' });
const today = todayInCalifornia();
const paidOn = addDays(today, -3);

type Due = { personId: string; triggerDate: string | null; dueBy: string | null; daysLeft: number | null; supportContinues: boolean };
const releasesDue = () => app.inject({ url: '/api/liens/releases-due', headers: la.headers }).then((r) => r.json<Due[]>());

describe('release deadlines from the event', () => {
  it('queues a paid obligor from the last payment, and the release is due from it', async () => {
    const created = await openCaseWithOrder(app, la.headers, { issuedOn: '2025-06-01', amountCents: 20_000 });
    const obligor = created.participants.find((p) => p.role === 'obligor')!.id;
    const detail = (await app.inject({ url: `/api/cases/${created.id}`, headers: la.headers })).json<{ orders: { id: string }[] }>();
    await app.inject({
      method: 'POST',
      url: `/api/orders/${detail.orders[0]!.id}/terms`,
      headers: la.headers,
      payload: { reason: 'termination', effectiveFrom: '2025-09-01', frequency: 'monthly', amountCents: 0 },
    });
    await recordCaseLien(app, la.headers, created.id, { recordedOn: addDays(today, -30), instrumentNumber: '2026-DUE-1' });
    expect((await releasesDue()).map((d) => d.personId)).not.toContain(obligor);

    const account = (await app.inject({ url: `/api/cases/${created.id}/account?asOf=${today}`, headers: la.headers })).json();
    const paid = await app.inject({
      method: 'POST',
      url: `/api/cases/${created.id}/collections`,
      headers: finance.headers,
      payload: { receiptId: `PAID-${created.id}`, receivedOn: paidOn, amountCents: account.summary.totalOwedCents + 1_000, source: 'voluntary' },
    });
    expect(paid.statusCode).toBe(201);
    expect((await releasesDue()).find((d) => d.personId === obligor)).toEqual(
      expect.objectContaining({ triggerDate: paidOn, dueBy: addDays(paidOn, 5), daysLeft: 2, supportContinues: false }),
    );

    // Staff act today, three days after the payment: the release is still due five days from the payment.
    const release = await app.inject({
      method: 'POST',
      url: `/api/persons/${obligor}/liens/release`,
      headers: la.headers,
      payload: { reason: 'paid_in_full' },
    });
    expect(release.json()).toMatchObject({ kind: 'general', triggerDate: paidOn, dueBy: addDays(paidOn, 5), releasedOn: today, recordedOn: null });
    expect((await releasesDue()).map((d) => d.personId)).not.toContain(obligor);

    const recorded = (payload: object) => app.inject({ method: 'POST', url: `/api/lien-releases/${release.json().id}/recorded`, headers: la.headers, payload });
    expect((await recorded({ recordedOn: addDays(today, -1) })).json().code).toBe('release_recorded_date_out_of_range');
    expect((await recorded({ recordedOn: today })).json()).toMatchObject({ recordedOn: today });

    const report = (await app.inject({ url: `/api/liens/report?from=${addDays(today, -10)}&to=${today}`, headers: la.headers })).json();
    const los = report.lcsas.find((r: { lcsaId: string }) => r.lcsaId === 'los-angeles');
    expect(los).toMatchObject({ released: 1, releasedOnTime: 1, averageDaysToRelease: 3, releasesRecorded: 1, averageDaysToReleaseRecorded: 3 });
  });
});
