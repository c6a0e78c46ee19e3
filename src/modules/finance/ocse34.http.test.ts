import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { openCaseWithOrder, useTestApp } from '../../../test/app';
import { pdfText } from '../../../test/pdf-text';
import type { Ocse34Report } from './contract';

const { app, signInAs } = await useTestApp();
const worker = await signInAs('lcsa_caseworker', { lcsaId: 'los-angeles' });
const finance = await signInAs('lcsa_finance', { lcsaId: 'los-angeles' });
const fresnoWorker = await signInAs('lcsa_caseworker', { lcsaId: 'fresno' });
const fresno = await signInAs('lcsa_finance', { lcsaId: 'fresno' });
const state = await signInAs('state_admin');

type Items = { totalCents: number; count: number; items: { caseNumber: string; ref: string; date: string; amountCents: number }[] };

async function post(caseId: string, headers: Record<string, string>, receiptId: string, receivedOn: string, amountCents: number, source: string) {
  const answer = await app.inject({
    method: 'POST',
    url: `/api/cases/${caseId}/collections`,
    headers,
    payload: { receiptId, receivedOn, amountCents, source },
  });
  expect(answer.statusCode, answer.body).toBe(201);
}

// Los Angeles: $500 a month from January 2025; in April–June, wage withholding, an overpayment held as
// futures, and a federal tax offset. Fresno: one payment in the quarter, one before it (left held).
const la = await openCaseWithOrder(app, worker.headers, { issuedOn: '2025-01-01', amountCents: 50_000 });
await post(la.id, finance.headers, 'LA-1', '2025-04-10', 30_000, 'wage_withholding');
await post(la.id, finance.headers, 'LA-2', '2025-05-15', 300_000, 'voluntary');
await post(la.id, finance.headers, 'LA-3', '2025-06-20', 40_000, 'federal_tax_offset');
const fr = await openCaseWithOrder(app, fresnoWorker.headers, { issuedOn: '2025-01-01', amountCents: 20_000 }, { lcsaId: 'fresno', countyFips: '06019' });
await post(fr.id, fresno.headers, 'FR-1', '2025-03-03', 100_000, 'voluntary');
await post(fr.id, fresno.headers, 'FR-2', '2025-05-01', 20_000, 'unemployment_insurance');

const report = async (headers: Record<string, string>, query = 'quarter=2025-Q2') => {
  const answer = await app.inject({ url: `/api/finance/ocse34?${query}`, headers });
  expect(answer.statusCode, answer.body).toBe(200);
  return answer.json<Ocse34Report>();
};

describe('the OCSE-34 from the ledger', () => {
  it('reports a quarter per LCSA and statewide, every figure the sum of the receipts behind it, and adds up', async () => {
    const all = await report(state.headers);
    expect(all.lcsas.map((l) => l.lcsaId).sort()).toEqual(['fresno', 'los-angeles']);
    expect(all.isPreliminary).toBe(false);
    const { total } = all;
    // Line 2 by source: wage withholding 2e, unemployment insurance 2c, federal tax offset 2a, voluntary 2h.
    expect(total.line2).toMatchObject({ '2a': 40_000, '2c': 20_000, '2e': 30_000, '2h': 300_000 });
    expect(total.line2Total).toBe(390_000);
    // Fresno's March overpayment was held at the start of the quarter.
    expect(total.line1).toBeGreaterThan(0);
    for (const lines of [total, ...all.lcsas.map((l) => l.lines)]) {
      expect(lines.line5).toBe(lines.line1 + lines.line2Total + lines.line3);
      expect(lines.distributedTotal + lines.undistributedTotal).toBe(lines.line5);
    }
    // Statewide is the sum of the LCSAs, figure by figure.
    const la = all.lcsas.find((l) => l.lcsaId === 'los-angeles')!.lines;
    const fr = all.lcsas.find((l) => l.lcsaId === 'fresno')!.lines;
    expect(total.line2Total).toBe(la.line2Total + fr.line2Total);
    expect(total.distributed.F.to_family).toBe(la.distributed.F.to_family + fr.distributed.F.to_family);
    // Drill-down: each figure equals the sum of the items behind it.
    const figures: [string, number][] = [
      ['line1', total.line1],
      ['2a', total.line2['2a']],
      ['2h', total.line2['2h']],
      ['F:to_family', total.distributed.F.to_family],
      ['undistributed:0-30', total.undistributed['0-30']],
      ['undistributed:31-90', total.undistributed['31-90']],
    ];
    for (const [figure, cents] of figures) {
      const answer = await app.inject({ url: `/api/finance/ocse34/items?quarter=2025-Q2&figure=${encodeURIComponent(figure)}`, headers: state.headers });
      expect(answer.statusCode, answer.body).toBe(200);
      const behind = answer.json<Items>();
      expect([figure, behind.totalCents]).toEqual([figure, cents]);
      expect(behind.items.reduce((sum, i) => sum + i.amountCents, 0)).toBe(cents);
    }
    const tax = (await app.inject({ url: '/api/finance/ocse34/items?quarter=2025-Q2&figure=2a', headers: state.headers })).json<Items>();
    expect(tax.items).toEqual([{ caseId: expect.any(String), caseNumber: expect.any(String), ref: 'LA-3', date: '2025-06-20', amountCents: 40_000 }]);
  });

  it('shows an LCSA only its own cases, refuses another LCSA and an unknown figure, and exports a workbook', async () => {
    const own = await report(fresno.headers);
    expect(own.lcsas.map((l) => l.lcsaId)).toEqual(['fresno']);
    expect(own.total.line2Total).toBe(20_000);
    expect((await app.inject({ url: '/api/finance/ocse34?quarter=2025-Q2&lcsaId=los-angeles', headers: fresno.headers })).statusCode).toBe(404);
    expect((await app.inject({ url: '/api/finance/ocse34?quarter=2025-Q5', headers: fresno.headers })).statusCode).toBe(400);
    const unknown = await app.inject({ url: '/api/finance/ocse34/items?quarter=2025-Q2&figure=line99', headers: fresno.headers });
    expect(unknown.json()).toMatchObject({ code: 'unknown_figure', errors: [{ path: '/figure' }] });
    const xlsx = await app.inject({ url: '/api/finance/ocse34.xlsx?quarter=2025-Q2', headers: state.headers });
    expect(xlsx.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('OCSE-34 2025-Q2')!;
    expect(sheet.rowCount).toBe(1 + 2 + 1);
    const header = sheet.getRow(1).values as unknown[];
    const totalRow = sheet.getRow(4).values as unknown[];
    expect(totalRow[header.indexOf('LCSA')]).toBe('Statewide');
    expect(totalRow[header.indexOf('Line 2 total collected')]).toBe(390_000);
    const pdf = await app.inject({ url: '/api/finance/ocse34.pdf?quarter=2025-Q2', headers: state.headers });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const text = pdfText(pdf.rawPayload);
    expect(text[text.indexOf('2 Total collected') + 1]).toBe('$3,900.00');
    expect(text.some((t) => t.startsWith('Los Angeles'))).toBe(true);
  });

  it('still reports a case closed during the quarter, and leaves out one closed before it', async () => {
    const before = await report(state.headers);
    const { db } = app.concord.database;
    const close = (caseId: string, closedOn: string) => db.execute(sql`update cases set status = 'closed', closed_on = ${closedOn} where id = ${caseId}`);
    // Closed in June after a May payment: the quarter still reports the payment.
    const closing = await openCaseWithOrder(app, worker.headers, { issuedOn: '2025-01-01', amountCents: 10_000 });
    await post(closing.id, finance.headers, 'CL-1', '2025-05-02', 10_000, 'voluntary');
    await close(closing.id, '2025-06-01');
    // Closed in March with money held from February: not a case of April–June.
    const closedBefore = await openCaseWithOrder(app, worker.headers, { issuedOn: '2025-01-01', amountCents: 10_000 });
    await post(closedBefore.id, finance.headers, 'CL-2', '2025-02-03', 90_000, 'voluntary');
    await close(closedBefore.id, '2025-03-31');
    const after = await report(state.headers);
    expect(after.total.line2Total).toBe(before.total.line2Total + 10_000);
    expect(after.total.line1).toBe(before.total.line1);
  });
});
