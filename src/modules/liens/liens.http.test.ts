import ExcelJS from 'exceljs';
import { sheetValues } from '../../../test/xlsx';
import { describe, expect, it } from 'vitest';
import { makeNewCase, openCaseWithOrder, useTestApp, recordCaseLien } from '../../../test/app';
import { pdfText } from '../../../test/pdf-text';
import { addDays, addMonthsClamped, todayInCalifornia } from '../../platform/dates';

const { app, signInAs } = await useTestApp();
const la = await signInAs('lcsa_caseworker', { lcsaId: 'los-angeles' });
const sacramento = await signInAs('lcsa_caseworker', { lcsaId: 'sacramento' });
const admin = await signInAs('state_admin');

describe('liens', () => {
  it('creates record tasks once per order and county, records them, and shows every lien in the statewide index', async () => {
    // An order of the Los Angeles court on a Los Angeles case: one county (two-county cases: policy.test.ts).
    const created = await openCaseWithOrder(app, la.headers, { issuedOn: '2026-10-01' });
    const obligor = created.participants.find((p) => p.role === 'obligor')!.id;
    const generate = () => app.inject({ method: 'POST', url: '/api/liens/record-tasks', headers: la.headers }).then((r) => r.json());
    const first = await generate();
    expect(first.created).toBeGreaterThanOrEqual(1);
    expect((await generate()).created).toBe(0);
    const queue = (await app.inject({ url: '/api/liens?status=to_record&pageSize=200', headers: la.headers })).json<{
      items: { id: string; caseId: string; dueBy: string; countyName: string }[];
    }>().items;
    const mine = queue.filter((l) => l.caseId === created.id);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ dueBy: '2026-11-15', countyName: 'Los Angeles' });

    // The recorder's package: one abstract per lien, SSN by its last four only.
    const pkg = await app.inject({ url: '/api/liens/package.pdf?countyFips=06037', headers: la.headers });
    expect(pkg.headers['content-type'], pkg.body.slice(0, 300)).toBe('application/pdf');
    const text = pdfText(pkg.rawPayload).join(' ');
    expect(text).toContain('Submission package for the County Recorder of Los Angeles County');
    expect(text).toContain('Abstract of support judgment (Family Code 4506)');
    expect(text).toContain(`***-**-${created.obligorSsn.slice(-4)}`);
    expect(text).not.toContain(created.obligorSsn);
    expect(text).not.toContain(created.obligorSsn.replace(/-/g, ''));
    expect((await app.inject({ url: '/api/liens/package.pdf?countyFips=06037', headers: sacramento.headers })).json().code).toBe('nothing_to_record');

    const answer = (payload: object) => app.inject({ method: 'POST', url: `/api/liens/${mine[0]!.id}/recording`, headers: la.headers, payload });
    expect((await answer({ outcome: 'rejected', reason: 'Legal description missing' })).json()).toMatchObject({
      status: 'rejected',
      rejectionReason: 'Legal description missing',
    });
    expect((await answer({ outcome: 'submitted', submittedOn: '2026-11-05' })).json().status).toBe('submitted');
    const recorded = (await answer({ outcome: 'recorded', recordedOn: '2026-11-09', instrumentNumber: '2026-0123456', feeCents: 1_400 })).json();
    expect(recorded).toMatchObject({ status: 'recorded', instrumentNumber: '2026-0123456', feeCents: 1_400, daysLeft: null });
    expect((await answer({ outcome: 'rejected', reason: 'too late' })).json().code).toBe('lien_status_conflict');

    const index = (await app.inject({ url: `/api/persons/${obligor}/liens`, headers: admin.headers })).json();
    expect(index.map((l: { status: string }) => l.status)).toEqual(['recorded']);
    expect((await app.inject({ url: `/api/persons/${obligor}/liens`, headers: sacramento.headers })).statusCode).toBe(404);
    expect(
      (
        await app.inject({
          method: 'POST',
          url: `/api/liens/${mine[0]!.id}/recording`,
          headers: sacramento.headers,
          payload: { outcome: 'rejected', reason: 'xyz' },
        })
      ).statusCode,
    ).toBe(404);
  });

  it('makes no task for a reserved order, and counts why', async () => {
    const reserved = (await app.inject({ method: 'POST', url: '/api/cases', headers: la.headers, payload: makeNewCase() })).json<{ id: string }>();
    await app.inject({
      method: 'POST',
      url: `/api/cases/${reserved.id}/orders`,
      headers: la.headers,
      payload: {
        courtOrderNumber: 'R-1',
        courtCountyFips: '06037',
        orderType: 'child_support',
        issuedOn: '2026-09-01',
        frequency: 'monthly',
        amountCents: 0,
        isReserved: true,
      },
    });
    const result = (await app.inject({ method: 'POST', url: '/api/liens/record-tasks', headers: la.headers })).json();
    expect(result.suppressed.order_reserved ?? result.suppressed.order_zero).toBeGreaterThanOrEqual(1);
    const queue = (await app.inject({ url: '/api/liens?status=to_record&pageSize=200', headers: la.headers })).json<{ items: { caseId: string }[] }>().items;
    expect(queue.some((l) => l.caseId === reserved.id)).toBe(false);
  });

  it('releases every lien of an obligor in one request once arrears are paid, with one packet for every county', async () => {
    const finance = await signInAs('lcsa_finance', { lcsaId: 'los-angeles' });
    // Dated from today, so that "paid everything" stays true whenever the test runs: an order from the first of
    // the month before last, its lien recorded on the 20th, everything paid today.
    const today = todayInCalifornia();
    const issuedOn = addMonthsClamped(today, -2, 1);
    const recordedOn = addDays(issuedOn, 19);
    const created = await openCaseWithOrder(app, la.headers, { issuedOn });
    const obligor = created.participants.find((p) => p.role === 'obligor')!.id;
    await recordCaseLien(app, la.headers, created.id, { recordedOn, instrumentNumber: '2026-0777' });
    const release = (payload: object) => app.inject({ method: 'POST', url: `/api/persons/${obligor}/liens/release`, headers: la.headers, payload });
    expect((await release({ reason: 'paid_in_full' })).json().code).toBe('arrears_not_paid');
    const proposals = () => app.inject({ url: '/api/liens/releases-due', headers: la.headers }).then((r) => r.json<{ personId: string }[]>());
    expect((await proposals()).map((p) => p.personId)).not.toContain(obligor);

    // The obligor pays everything (three months' support and the interest): finance shows nothing past due.
    const paid = await app.inject({
      method: 'POST',
      url: `/api/cases/${created.id}/collections`,
      headers: finance.headers,
      payload: { receiptId: `PAYOFF-${created.id}`, receivedOn: today, amountCents: 160_000, source: 'lien_payoff' },
    });
    expect(paid.statusCode).toBe(201);
    expect((await proposals()).map((p) => p.personId)).toContain(obligor);
    // Support continues under the order: the arrears are satisfied, the lien partially released (matured installments).
    const released = await release({ reason: 'paid_in_full', triggerDate: today });
    expect(released.statusCode).toBe(201);
    expect(released.json()).toMatchObject({
      reason: 'paid_in_full',
      kind: 'matured_installment',
      dueBy: addDays(today, 5),
      lienCount: 1,
      counties: ['Los Angeles'],
    });
    const index = (await app.inject({ url: `/api/persons/${obligor}/liens`, headers: la.headers })).json();
    expect(index.map((l: { status: string }) => l.status)).toEqual(['partially_released']);
    const packet = pdfText((await app.inject({ url: `/api/lien-releases/${released.json().id}/packet.pdf`, headers: la.headers })).rawPayload);
    expect(packet.join(' ')).toContain('Satisfaction of matured installments: every support lien');
    expect(packet).toContain('Acknowledgment of satisfaction of matured installments');
    expect(packet).not.toContain('Release of judgment lien (form CA 8581)');
    expect(packet.join(' ')).toContain(`instrument 2026-0777, recorded ${recordedOn}`);
    expect((await release({ reason: 'paid_in_full' })).json().code).toBe('no_liens_to_release');
    // A court order of today releases it in full, by the deadline the court set (ten days, before the statutory fifteen).
    const courtDeadline = addDays(today, 10);
    const ordered = (await release({ reason: 'court_order', triggerDate: today, courtDeadline })).json();
    expect(ordered).toMatchObject({ kind: 'general', dueBy: courtDeadline, lienCount: 1 });
    const general = pdfText((await app.inject({ url: `/api/lien-releases/${ordered.id}/packet.pdf`, headers: la.headers })).rawPayload);
    expect(general).toContain('Release of judgment lien (form CA 8581)');
    expect(general).not.toContain('Acknowledgment of satisfaction of judgment');
    expect(
      (await app.inject({ method: 'POST', url: `/api/persons/${obligor}/liens/release`, headers: sacramento.headers, payload: { reason: 'court_order' } }))
        .statusCode,
    ).toBe(404);
  });

  it('reports liens recorded and released against their deadlines, and payoff collections, per LCSA, with XLSX', async () => {
    // From the first recording (2026) through today, when the releases were made.
    const period = `from=2026-01-01&to=${todayInCalifornia()}`;
    const report = (await app.inject({ url: `/api/liens/report?${period}`, headers: la.headers })).json();
    expect(report.lcsas.map((r: { lcsaId: string }) => r.lcsaId)).toEqual(['los-angeles']);
    const la2026 = report.lcsas[0];
    // The lien's last release: the court order of today, due in ten days, made today (on time).
    expect(la2026).toMatchObject({ recorded: 2, released: 1, releasedOnTime: 1, payoffCollectionsCents: 160_000 });
    expect(la2026.recordedOnTime).toBe(2);
    expect(report.statewide.recorded).toBe(2);
    const xlsx = await app.inject({ url: `/api/liens/report.xlsx?${period}`, headers: la.headers });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(new Uint8Array(xlsx.rawPayload).buffer);
    const values = workbook.getWorksheet('Liens by LCSA')!.getColumn(11).values;
    expect(values).toContain(1_600);
    expect((await app.inject({ url: `/api/liens/report?${period}`, headers: sacramento.headers })).json().lcsas).toEqual([]);
  });

  it('pages, sorts, narrows and exports the liens list on the server, within scope', async () => {
    const cases = [];
    for (const issuedOn of ['2026-07-01', '2026-08-01', '2026-09-01']) cases.push(await openCaseWithOrder(app, la.headers, { issuedOn }));
    await app.inject({ method: 'POST', url: '/api/liens/record-tasks', headers: la.headers });
    type Page = {
      items: { id: string; caseId: string; caseNumber: string; dueBy: string; countyName: string }[];
      total: number;
      page: number;
      sort: string;
      dir: string;
    };
    const list = async (query: string, who = la) => (await app.inject({ url: `/api/liens?${query}`, headers: who.headers })).json<Page>();

    const all = await list('status=to_record&pageSize=200');
    expect(all.total).toBe(all.items.length);
    expect(all.total).toBeGreaterThanOrEqual(3);
    expect(all).toMatchObject({ page: 1, sort: 'dueBy', dir: 'asc' });
    expect(all.items.map((l) => l.dueBy)).toEqual([...all.items.map((l) => l.dueBy)].sort());

    // Pages of two cover every row once, in the same order; newest due first when asked.
    const pages = [];
    for (let page = 1; page <= Math.ceil(all.total / 2); page++) pages.push(...(await list(`status=to_record&pageSize=2&page=${page}`)).items);
    expect(pages.map((l) => l.caseId)).toEqual(all.items.map((l) => l.caseId));
    const newest = await list('status=to_record&sort=dueBy&dir=desc&pageSize=200');
    expect(newest.items.map((l) => l.dueBy)).toEqual([...all.items.map((l) => l.dueBy)].sort().reverse());

    // q: the start of a case number, or a county's name.
    const one = await list(`q=${encodeURIComponent(cases[1]!.caseNumber.toLowerCase())}`);
    expect(one.items.map((l) => l.caseId)).toEqual([cases[1]!.id]);
    expect(one.total).toBe(1);
    expect((await list('q=los%20ang&pageSize=200')).items.every((l) => l.countyName === 'Los Angeles')).toBe(true);
    expect((await list(`q=${cases[1]!.caseNumber}`, sacramento)).total).toBe(0);

    // Each lien has its own address with the steps it went through; no other LCSA finds it.
    const lienId = one.items[0]!.id;
    const detail = await app.inject({ url: `/api/liens/${lienId}`, headers: la.headers });
    expect(detail.json()).toMatchObject({ id: lienId, caseId: cases[1]!.id, status: 'to_record', releaseId: null });
    expect(detail.json().events).toEqual([expect.objectContaining({ status: 'to_record' })]);
    expect((await app.inject({ url: `/api/liens/${lienId}`, headers: sacramento.headers })).json().code).toBe('lien_not_found');

    const unknownSort = await app.inject({ url: '/api/liens?sort=ssn', headers: la.headers });
    expect(unknownSort.statusCode).toBe(400);
    expect(unknownSort.json()).toMatchObject({ code: 'sort_unknown', errors: [{ path: 'querystring/sort' }] });

    // The export holds every selected row, in the list's order, and is audited.
    const csv = await app.inject({ url: '/api/liens/export.csv?status=to_record&sort=dueBy&dir=desc', headers: la.headers });
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.body.trim().split('\n');
    expect(lines[0]).toBe('Case,County,Recording LCSA,Document,Status,Due by,Days left,Instrument number,Recorded on,Recording fee (cents),Held');
    expect(lines).toHaveLength(all.total + 1);
    expect(lines[1]).toContain(newest.items[0]!.caseNumber);
    const xlsx = await app.inject({ url: `/api/liens/export.xlsx?q=${cases[0]!.caseNumber}`, headers: la.headers });
    const sheet = await sheetValues(xlsx.rawPayload, 'liens');
    expect(sheet).toHaveLength(2);
    expect(sheet[1]![0]).toBe(cases[0]!.caseNumber);
    const audit = (await app.inject({ url: '/api/audit?action=liens.export', headers: admin.headers })).json<{ items: { action: string }[] }>();
    expect(audit.items.length).toBeGreaterThanOrEqual(2);
  });
});
