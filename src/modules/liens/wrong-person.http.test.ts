/**
 * A wrong-person demand (22 CCR 116134(a)) over HTTP on a real database: the owner of a parcel who shares
 * the obligor's name proves they are someone else; staff verify; the certificate releases the liens as to
 * that owner's property only, and the obligor's liens stay recorded. A general release for "wrong person"
 * of every lien of the obligor is refused.
 */
import { describe, expect, it } from 'vitest';
import { openCaseWithOrder, useTestApp, recordCaseLien } from '../../../test/app';
import { pdfText } from '../../../test/pdf-text';
import { addDays, todayInCalifornia } from '../../platform/dates';

const { app, signInAs } = await useTestApp();
const la = await signInAs('lcsa_caseworker', { lcsaId: 'los-angeles' });
const sacramento = await signInAs('lcsa_caseworker', { lcsaId: 'sacramento' });
const today = todayInCalifornia();

describe('wrong-person release', () => {
  it("releases the liens as to the other owner's parcel only, after staff verify the proof", async () => {
    const created = await openCaseWithOrder(app, la.headers, { issuedOn: addDays(today, -40) });
    const obligor = created.participants.find((p) => p.role === 'obligor')!.id;
    await recordCaseLien(app, la.headers, created.id, { recordedOn: addDays(today, -5), instrumentNumber: '2026-WP-0001' });

    const everything = await app.inject({
      method: 'POST',
      url: `/api/persons/${obligor}/liens/release`,
      headers: la.headers,
      payload: { reason: 'wrong_person' },
    });
    expect(everything.statusCode).toBe(400);

    const demand = (payload: object, headers = la.headers) =>
      app.inject({ method: 'POST', url: `/api/persons/${obligor}/wrong-person-requests`, headers, payload });
    const good = {
      ownerName: 'Pat Q. Namesake',
      apn: '5012-004-017',
      countyFips: '06037',
      propertyAddress: '48 Elm Ave, Pasadena CA 91101',
      proofDocuments: ['California driver licence', 'Grant deed 2019-0458812'],
      receivedOn: addDays(today, -2),
    };
    expect((await demand({ ...good, countyFips: '06999' })).json().code).toBe('county_not_found');
    expect((await demand({ ...good, proofDocuments: [] })).statusCode).toBe(400);
    expect((await demand(good, sacramento.headers)).statusCode).toBe(404);
    const received = await demand(good);
    expect(received.statusCode).toBe(201);
    expect(received.json()).toMatchObject({ status: 'received', dueBy: addDays(good.receivedOn, 15), countyName: 'Los Angeles', obligorLiensInCounty: 1 });
    const id = received.json().id;
    expect((await app.inject({ url: `/api/wrong-person-requests/${id}/certificate.pdf`, headers: la.headers })).json().code).toBe('wrong_person_not_verified');

    const verified = await app.inject({
      method: 'POST',
      url: `/api/wrong-person-requests/${id}/decision`,
      headers: la.headers,
      payload: { decision: 'verified', note: 'Birth date and licence differ from the obligor’s; deed names the owner.' },
    });
    expect(verified.json()).toMatchObject({ status: 'verified', decidedOn: today });
    expect(
      (
        await app.inject({
          method: 'POST',
          url: `/api/wrong-person-requests/${id}/decision`,
          headers: la.headers,
          payload: { decision: 'denied', note: 'again' },
        })
      ).json().code,
    ).toBe('wrong_person_request_decided');

    const certificate = pdfText((await app.inject({ url: `/api/wrong-person-requests/${id}/certificate.pdf`, headers: la.headers })).rawPayload).join(' ');
    expect(certificate).toContain('Pat Q. Namesake');
    expect(certificate).toContain('5012-004-017');
    expect(certificate).toContain('2026-WP-0001');
    expect(certificate).toContain('remain in force');
    // The obligor's lien is untouched.
    const index = (await app.inject({ url: `/api/persons/${obligor}/liens`, headers: la.headers })).json<{ status: string }[]>();
    expect(index.map((l) => l.status)).toEqual(['recorded']);
    const list = (await app.inject({ url: `/api/persons/${obligor}/wrong-person-requests`, headers: la.headers })).json();
    expect(list).toHaveLength(1);
  });
});
