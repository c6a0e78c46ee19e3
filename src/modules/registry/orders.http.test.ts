import { describe, expect, it } from 'vitest';
import { makeNewCase, useTestApp } from '../../../test/app';

const { app, signInAs } = await useTestApp();
const worker = await signInAs('lcsa_caseworker', { lcsaId: 'los-angeles' });
const headers = worker.headers;

async function newCase() {
  return (await app.inject({ method: 'POST', url: '/api/cases', headers, payload: makeNewCase() })).json<{ id: string }>();
}

const order = {
  courtOrderNumber: 'BF123456',
  courtCountyFips: '06037',
  orderType: 'child_support',
  issuedOn: '2024-04-10',
  frequency: 'monthly',
  amountCents: 45_000,
};

describe('court orders', () => {
  it('records an order, modifies it and terminates it, keeping every term', async () => {
    const { id } = await newCase();
    const created = await app.inject({ method: 'POST', url: `/api/cases/${id}/orders`, headers, payload: order });
    expect(created.statusCode).toBe(201);
    const orderId = created.json().orders[0].id as string;
    const modified = await app.inject({
      method: 'POST',
      url: `/api/orders/${orderId}/terms`,
      headers,
      payload: { reason: 'modification', effectiveFrom: '2025-01-01', frequency: 'biweekly', amountCents: 24_000 },
    });
    expect(modified.statusCode).toBe(201);
    const ended = await app.inject({
      method: 'POST',
      url: `/api/orders/${orderId}/terms`,
      headers,
      payload: { reason: 'termination', effectiveFrom: '2026-03-01', frequency: 'monthly', amountCents: 0 },
    });
    expect(ended.json().orders[0].terms).toEqual([
      { effectiveFrom: '2024-04-10', reason: 'original', frequency: 'monthly', amountCents: 45_000, isReserved: false },
      { effectiveFrom: '2025-01-01', reason: 'modification', frequency: 'biweekly', amountCents: 24_000, isReserved: false },
      { effectiveFrom: '2026-03-01', reason: 'termination', frequency: 'monthly', amountCents: 0, isReserved: false },
    ]);
  });

  it('names what is wrong with a term, and refuses the same court order twice', async () => {
    const { id } = await newCase();
    const orderId = (await app.inject({ method: 'POST', url: `/api/cases/${id}/orders`, headers, payload: { ...order, courtOrderNumber: 'BF999' } })).json()
      .orders[0].id as string;
    const early = await app.inject({
      method: 'POST',
      url: `/api/orders/${orderId}/terms`,
      headers,
      payload: { reason: 'modification', effectiveFrom: '2020-01-01', frequency: 'monthly', amountCents: 1 },
    });
    expect(early.statusCode).toBe(400);
    expect(early.json()).toMatchObject({
      code: 'order_term_is_invalid',
      errors: [{ path: '/effectiveFrom', message: 'not before the order was issued (2024-04-10)' }],
    });
    const again = await app.inject({ method: 'POST', url: `/api/cases/${id}/orders`, headers, payload: { ...order, courtOrderNumber: 'BF999' } });
    expect(again.json().code).toBe('court_order_already_recorded');
  });

  it('keeps the assistance history with CalWORKs grants and refuses overlapping periods of one programme', async () => {
    const { id } = await newCase();
    const add = (payload: Record<string, unknown>) => app.inject({ method: 'POST', url: `/api/cases/${id}/assistance`, headers, payload });
    const first = await add({ program: 'calworks', startsOn: '2023-01-01', endsOn: '2024-06-30', monthlyGrantCents: 120_600 });
    expect(first.json().assistance).toEqual([{ program: 'calworks', startsOn: '2023-01-01', endsOn: '2024-06-30', monthlyGrantCents: 120_600 }]);
    const overlapping = await add({ program: 'calworks', startsOn: '2024-06-01', monthlyGrantCents: 120_600 });
    expect(overlapping.json().code).toBe('assistance_period_overlaps');
    const later = await add({ program: 'calworks', startsOn: '2025-02-01', monthlyGrantCents: 99_300 });
    expect(later.json().assistance).toHaveLength(2);
  });

  it('needs the grant of a CalWORKs period, and takes none for another programme', async () => {
    const { id } = await newCase();
    const add = (payload: Record<string, unknown>) => app.inject({ method: 'POST', url: `/api/cases/${id}/assistance`, headers, payload });
    const missing = await add({ program: 'calworks', startsOn: '2023-01-01' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json()).toMatchObject({ code: 'assistance_grant_required', errors: [{ path: '/monthlyGrantCents', message: 'required for CalWORKs' }] });
    const misplaced = await add({ program: 'medi_cal', startsOn: '2023-01-01', monthlyGrantCents: 50_000 });
    expect(misplaced.statusCode).toBe(400);
    expect(misplaced.json()).toMatchObject({ code: 'assistance_grant_not_calworks', errors: [{ path: '/monthlyGrantCents', message: 'only for CalWORKs' }] });
    const negative = await add({ program: 'calworks', startsOn: '2023-01-01', monthlyGrantCents: -1 });
    expect(negative.statusCode).toBe(400);
    const mediCal = await add({ program: 'medi_cal', startsOn: '2023-01-01' });
    expect(mediCal.json().assistance).toEqual([{ program: 'medi_cal', startsOn: '2023-01-01', endsOn: null, monthlyGrantCents: null }]);
  });

  it('lets no other LCSA record or change an order, and no finance role at all', async () => {
    const { id } = await newCase();
    const other = await signInAs('lcsa_caseworker', { lcsaId: 'sacramento' });
    expect((await app.inject({ method: 'POST', url: `/api/cases/${id}/orders`, headers: other.headers, payload: order })).statusCode).toBe(404);
    const finance = await signInAs('lcsa_finance', { lcsaId: 'los-angeles' });
    expect((await app.inject({ method: 'POST', url: `/api/cases/${id}/orders`, headers: finance.headers, payload: order })).statusCode).toBe(403);
  });
});
