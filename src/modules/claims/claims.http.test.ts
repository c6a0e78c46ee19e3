import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { openCaseWithOrder, useTestApp } from '../../../test/app';
import { pdfText } from '../../../test/pdf-text';
import { quarterOf, shiftQuarter, stateFiscal } from './domain/calendar';
import { todayInCalifornia } from '../../platform/dates';
import { queryRows } from '../../platform/db/rows';

const { app, signInAs } = await useTestApp();
const state = await signInAs('state_admin');
const reviewer = await signInAs('state_staff');
const preparer = await signInAs('lcsa_budget', { lcsaId: 'los-angeles' });
const director = await signInAs('lcsa_admin', { lcsaId: 'los-angeles' });
const controller = await signInAs('lcsa_auditor_controller', { lcsaId: 'los-angeles' });
const sacramento = await signInAs('lcsa_budget', { lcsaId: 'sacramento' });
const caseworker = await signInAs('lcsa_caseworker', { lcsaId: 'los-angeles' });
const financeUnit = await signInAs('lcsa_finance', { lcsaId: 'los-angeles' });

const reviewerAudit = async (quarter: string) =>
  (
    await queryRows<{ action: string }>(
      app.concord.database.db,
      sql`select action from audit_log where actor_user_id = ${reviewer.userId} and (entity_id = ${quarter} or detail->>'quarter' = ${quarter}) order by id`,
    )
  ).map((r) => r.action);
const post = (url: string, headers: Record<string, string>, payload: object) => app.inject({ method: 'POST', url, headers, payload });
const get = (url: string, headers: Record<string, string>) => app.inject({ url, headers });
const line = (currentCents: number, adjustmentCents = 0, estimateCents = 0) => ({ currentCents, adjustmentCents, estimateCents });
const timeStudy = { kind: 'time_study', ivdHours: 4_000, nonIvdHours: 40, staffCount: 25 };
const certification = { kind: 'time_certification', ivdHours: 900, nonIvdHours: 0, staffCount: 5 };
const lines = {
  salaries: line(300_000_01),
  benefits: line(120_000_00, -500_00, 121_000_00),
  non_ivd: line(2_500_00),
  income_fees: line(1_000_00),
  edp_mo: line(10_000_00),
};
const benefitsAdjustment = (amountCents: number) => [{ line: 'benefits', quarter: '2025-Q4', amountCents, reason: 'Benefits rate corrected' }];

for (const [stream, amountCents] of [
  ['administration', 1_000_000_00],
  ['edp_mo', 60_000_00],
] as const)
  await post('/api/claims/allocations', state.headers, { lcsaId: 'los-angeles', stateFiscalYear: '2025-26', stream, amountCents });

describe('quarterly claims', () => {
  let claimId = '';

  it('computes shares to the cent and will not submit until every problem, named by field, is fixed', async () => {
    const draft = await post('/api/claims', preparer.headers, { lcsaId: 'los-angeles', quarter: '2026-Q1', lines, attachments: [timeStudy] });
    expect(draft.statusCode, draft.body).toBe(200);
    const claim = draft.json();
    claimId = claim.id;
    expect(claim).toMatchObject({ status: 'draft', version: 1, stateFiscalYear: '2025-26', dueBy: '2026-04-15' });
    const salaries = claim.lines.find((l: { code: string }) => l.code === 'salaries');
    // $300,000.01 × 66% = $198,000.0066 → $198,000.01.
    expect(salaries.columns).toMatchObject({ A: 300_000_01, B: 198_000_01 });
    // Program income is subtracted; non-IV-D costs get no FFP.
    expect(claim.totals.A).toBe(300_000_01 + 120_000_00 + 2_500_00 - 1_000_00 + 10_000_00);
    expect(claim.totals.B).toBe(198_000_01 + 79_200_00 + 0 - 660_00 + 6_600_00);
    // January–March is the state's third quarter: a time certification is due too.
    // And column C must be itemised by the quarter it adjusts.
    expect(claim.problems).toEqual([
      { path: '/lines/benefits/adjustmentCents', message: expect.stringContaining('itemised by quarter') },
      { path: '/attachments', message: 'A time certification summary must be attached this quarter.' },
    ]);
    const refused = await post(`/api/claims/${claimId}/workflow`, preparer.headers, { action: 'submit' });
    expect(refused.statusCode).toBe(400);
    expect(refused.json()).toMatchObject({ code: 'claim_invalid', errors: [{ path: '/lines/benefits/adjustmentCents' }, { path: '/attachments' }] });

    const unitemised = (
      await post('/api/claims', preparer.headers, { lcsaId: 'los-angeles', quarter: '2026-Q1', lines, attachments: [timeStudy, certification] })
    ).json();
    expect(unitemised.problems).toEqual([
      {
        path: '/lines/benefits/adjustmentCents',
        message: 'Staff benefits: the prior-quarter adjustments are -$500.00 but those itemised by quarter add up to $0.00.',
      },
    ]);
    const fixed = (
      await post('/api/claims', preparer.headers, {
        lcsaId: 'los-angeles',
        quarter: '2026-Q1',
        lines,
        attachments: [timeStudy, certification],
        adjustments: benefitsAdjustment(-500_00),
      })
    ).json();
    expect(fixed.adjustments).toEqual(benefitsAdjustment(-500_00));
    expect(fixed).toMatchObject({ version: 3, problems: [] });
    // A draft is the LCSA's: the state does not see it, nor does another LCSA.
    expect((await get(`/api/claims/${claimId}`, reviewer.headers)).statusCode).toBe(404);
    expect((await get(`/api/claims/${claimId}`, sacramento.headers)).statusCode).toBe(404);
    const submitted = (await post(`/api/claims/${claimId}/workflow`, preparer.headers, { action: 'submit' })).json();
    // Submitted after April 15: late, and recorded so.
    expect(submitted).toMatchObject({ status: 'submitted', isLate: true });
    expect((await post('/api/claims', preparer.headers, { lcsaId: 'los-angeles', quarter: '2026-Q1', lines, attachments: [] })).json().code).toBe(
      'claim_not_editable',
    );
  });

  it('goes preparer → director → auditor-controller → state; each may return it with comments; a preparer cannot approve', async () => {
    expect((await post(`/api/claims/${claimId}/workflow`, preparer.headers, { action: 'approve' })).statusCode).toBe(403);
    expect((await post(`/api/claims/${claimId}/workflow`, sacramento.headers, { action: 'approve' })).statusCode).toBe(404);
    expect((await get('/api/claims/inbox', director.headers)).json()).toEqual([
      expect.objectContaining({ claimId, message: 'Submitted: waiting for the director’s approval.' }),
    ]);
    expect((await post(`/api/claims/${claimId}/workflow`, director.headers, { action: 'approve' })).json().status).toBe('approved');
    expect((await post(`/api/claims/${claimId}/workflow`, controller.headers, { action: 'certify' })).json().status).toBe('certified');
    expect((await post(`/api/claims/${claimId}/workflow`, reviewer.headers, { action: 'return' })).json()).toMatchObject({
      code: 'comment_required',
      errors: [{ path: '/comment' }],
    });
    const returned = (
      await post(`/api/claims/${claimId}/workflow`, reviewer.headers, { action: 'return', comment: 'Benefits adjustment needs the Q4 reference' })
    ).json();
    expect(returned.status).toBe('returned');
    const inbox = (await get('/api/claims/inbox', preparer.headers)).json();
    expect(inbox[0].message).toContain('Benefits adjustment needs the Q4 reference');

    await post('/api/claims', preparer.headers, {
      lcsaId: 'los-angeles',
      quarter: '2026-Q1',
      lines: { ...lines, benefits: line(120_000_00, -400_00) },
      attachments: [timeStudy, certification],
      adjustments: benefitsAdjustment(-400_00),
    });
    for (const [who, action] of [
      [preparer, 'submit'],
      [director, 'approve'],
      [controller, 'certify'],
      [reviewer, 'accept'],
    ] as const)
      expect((await post(`/api/claims/${claimId}/workflow`, who.headers, { action })).statusCode).toBe(200);
    const accepted = (await get(`/api/claims/${claimId}`, preparer.headers)).json();
    expect(accepted).toMatchObject({ status: 'accepted', version: 4 });
    expect(accepted.versions.map((v: { version: number }) => v.version)).toEqual([1, 2, 3, 4]);
    expect(accepted.events.map((e: { toStatus: string }) => e.toStatus)).toEqual([
      'submitted',
      'approved',
      'certified',
      'returned',
      'submitted',
      'approved',
      'certified',
      'accepted',
    ]);
    // Lateness is judged by the first submission.
    expect(accepted.isLate).toBe(true);
  });

  it('consolidates accepted claims into the OCSE-396, each line drilling down to the LCSA lines behind it, with XLSX and CSV', async () => {
    const report = (await get('/api/claims/consolidated?quarter=2026-Q1', reviewer.headers)).json();
    expect(report).toMatchObject({ quarter: '2026-Q1', federalFiscalYear: 2026, federalQuarter: 2, acceptedClaims: 1 });
    const row = (line: string) => report.rows.find((r: { line: string }) => r.line === line).columns;
    expect(row('1b').A).toBe(300_000_01 + 120_000_00);
    expect(row('1b').C).toBe(-400_00);
    expect(row('1c')).toMatchObject({ A: 2_500_00, B: 0 });
    expect(row('3').A).toBe(row('1a').A + row('1b').A + row('1c').A - row('2a').A - row('2b').A);
    expect(row('7').B).toBe(row('3').B + row('4').B + row('5').B);
    expect(report.lcsasWithoutAcceptedClaim).toHaveLength(46);
    const drill = (await get('/api/claims/consolidated/drill-down?quarter=2026-Q1&line=1b', reviewer.headers)).json();
    expect(drill.lcsas).toHaveLength(1);
    expect(drill.lcsas[0]).toMatchObject({ lcsaId: 'los-angeles', columns: row('1b') });
    expect(drill.lcsas[0].lines.map((l: { code: string }) => l.code)).toEqual([
      'salaries',
      'benefits',
      'services_supplies',
      'indirect',
      'collections_distribution',
    ]);
    // Line 3 drills down to every line it adds up, 1d (paid with incentives under an exemption) among them.
    const net = (await get('/api/claims/consolidated/drill-down?quarter=2026-Q1&line=3', reviewer.headers)).json();
    expect(net.lcsas[0].lines.map((l: { code: string }) => l.code)).toContain('incentive_exemption');
    expect(net.lcsas[0].columns.A).toBe(row('3').A);
    const csv = await get('/api/claims/consolidated.csv?quarter=2026-Q1', reviewer.headers);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body).toContain(`1b,"Administrative costs, regular",420000.01`);
    const xlsx = await get('/api/claims/consolidated.xlsx?quarter=2026-Q1', reviewer.headers);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(new Uint8Array(xlsx.rawPayload).buffer);
    expect(workbook.getWorksheet('OCSE-396 2026-Q1')!.getRow(3).getCell(3).value).toBe(420_000.01);
    // Another LCSA sees only its own figures in the report.
    expect((await get('/api/claims/consolidated?quarter=2026-Q1', sacramento.headers)).json().acceptedClaims).toBe(0);
  });

  it('builds Sections B and C: line 9 from finance’s OCSE-34, the fees and adjustments the state enters, the net federal and the state share', async () => {
    // A CalWORKs family in Los Angeles pays in March 2026: part of it is retained, the federal share of it is line 9.
    const family = await openCaseWithOrder(app, caseworker.headers, { issuedOn: '2026-01-01', amountCents: 50_000 });
    const grant = { program: 'calworks', startsOn: '2026-01-01', endsOn: '2026-12-31', monthlyGrantCents: 80_000 };
    expect((await post(`/api/cases/${family.id}/assistance`, caseworker.headers, grant)).statusCode).toBe(201);
    const paid = { receiptId: `CW-${family.id}`, receivedOn: '2026-03-10', amountCents: 50_000, source: 'wage_withholding' };
    expect((await post(`/api/cases/${family.id}/collections`, financeUnit.headers, paid)).statusCode).toBe(201);
    const ocse34 = (await get('/api/finance/ocse34?quarter=2026-Q1', reviewer.headers)).json();
    const retainedFederal = ['A', 'C', 'F'].reduce((sum, c) => sum + ocse34.total.distributed[c].assistance_reimbursement_federal, 0);
    expect(retainedFederal).toBeGreaterThan(0);

    const entries = {
      collectionsAdjustmentCents: -12_34,
      fplsFeesCents: 1_500_00,
      csenetFeesCents: 250_00,
      preOffsetFeesCents: 75_00,
      adjustmentCents: 1_000_00,
      incentiveEstimateCents: 2_000_000_00,
    };
    const url = '/api/claims/consolidated/entries?quarter=2026-Q1';
    const put = (headers: Record<string, string>, payload: object) => app.inject({ method: 'PUT', url, headers, payload });
    expect((await put(preparer.headers, entries)).statusCode).toBe(403);
    expect((await put(reviewer.headers, entries)).json()).toMatchObject({ code: 'note_required', errors: [{ path: '/note' }] });
    expect((await put(reviewer.headers, { ...entries, fplsFeesCents: -1, note: 'x' })).statusCode).toBe(400);
    const saved = await put(reviewer.headers, { ...entries, note: 'Returned FFP on a 2025 contract audit' });
    expect(saved.statusCode, saved.body).toBe(200);
    const report = (await get('/api/claims/consolidated?quarter=2026-Q1', reviewer.headers)).json();
    const row = (line: string) => report.rows.find((r: { line: string }) => r.line === line);
    expect(report.collectionsSource).toContain('OCSE-34');
    expect(row('9')).toMatchObject({ section: 'B', open: ['B', 'D'], columns: { B: retainedFederal, D: -12_34 } });
    expect(row('14').columns).toMatchObject({
      B: row('7').columns.B - retainedFederal - 1_500_00 - 250_00 - 75_00 + 1_000_00,
      D: row('7').columns.D + 12_34,
      F: row('7').columns.F,
    });
    // The state share leaves out the non-IV-D $2,500 (and any incentive-funded costs): the claim's own figure.
    const claim = (await get(`/api/claims/${claimId}`, reviewer.headers)).json();
    expect(row('15').columns.B).toBe(claim.stateCents);
    expect(row('15').columns.B).toBe(row('7').columns.A - row('1c').columns.A - row('1a').columns.A - row('1d').columns.A - row('7').columns.B);
    expect(row('16')).toMatchObject({ section: 'C', columns: { E: 2_000_000_00 } });
    expect(report.entries.note).toBe('Returned FFP on a 2025 contract audit');
    // The LCSA's own view carries none of the state's entries.
    const own = (await get('/api/claims/consolidated?quarter=2026-Q1', preparer.headers)).json();
    expect(own.rows.find((r: { line: string }) => r.line === '10').columns.B).toBe(0);
    expect(own.canFile).toBe(false);

    const csv = (await get('/api/claims/consolidated.csv?quarter=2026-Q1', reviewer.headers)).body;
    expect(csv).toContain('10,Fees: Federal Parent Locator Service,,1500.00,,,,');
    const pdf = await get('/api/claims/consolidated.pdf?quarter=2026-Q1', reviewer.headers);
    expect(pdf.statusCode, pdf.body).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const text = pdfText(pdf.rawPayload);
    expect(text).toContain('Section B. Fees for services, federal and state shares');
    expect(text).toContain('$1,500.00');
  });

  it('files the report once the quarter has ended, late after 45 days, and never once it is final', async () => {
    const today = todayInCalifornia();
    const current = quarterOf(today);
    const lastEnded = shiftQuarter(current, -1);
    const file = (quarter: string) => app.inject({ method: 'POST', url: `/api/claims/consolidated/filings?quarter=${quarter}`, headers: reviewer.headers });
    expect((await file(current)).json()).toMatchObject({ code: 'quarter_not_ended' });
    // Two years back, the December 31 after its federal fiscal year has passed.
    expect((await file(shiftQuarter(current, -8))).json()).toMatchObject({ code: 'report_final' });
    expect((await app.inject({ method: 'POST', url: `/api/claims/consolidated/filings?quarter=${lastEnded}`, headers: preparer.headers })).statusCode).toBe(
      403,
    );
    const auditedBefore = await reviewerAudit(lastEnded);
    const first = (await file(lastEnded)).json();
    // Filing is audited as a filing, not as a read of the report beside it.
    expect((await reviewerAudit(lastEnded)).slice(auditedBefore.length)).toEqual(['finance.ocse34.read', 'claims.federal_report.file']);
    expect(first.filings).toEqual([{ version: 1, filedOn: today, isLate: today > first.federalDueBy, isRevision: false }]);
    const second = (await file(lastEnded)).json();
    expect(second.filings.map((f: { version: number; isRevision: boolean }) => [f.version, f.isRevision])).toEqual([
      [2, true],
      [1, false],
    ]);
    const report = (await get(`/api/claims/consolidated?quarter=${lastEnded}`, reviewer.headers)).json();
    expect(report.filings).toHaveLength(2);
    expect(report.canFile).toBe(true);
  });

  it('refuses to submit a claim for a quarter not yet ended, and an increase for a quarter past the two-year limit without an exception', async () => {
    const current = quarterOf(todayInCalifornia());
    const allocation = { lcsaId: 'los-angeles', stateFiscalYear: stateFiscal(current).year, stream: 'administration', amountCents: 1_000_000_00 };
    expect((await post('/api/claims/allocations', state.headers, allocation)).statusCode).toBe(200);
    const early = (await post('/api/claims', preparer.headers, { lcsaId: 'los-angeles', quarter: current, lines: {}, attachments: [] })).json();
    expect(early.problems[0]).toMatchObject({ path: '/quarter', message: expect.stringContaining('once the quarter has ended') });
    const refused = await post(`/api/claims/${early.id}/workflow`, preparer.headers, { action: 'submit' });
    expect(refused.json()).toMatchObject({ code: 'claim_invalid' });
    expect(refused.json().errors.map((e: { path: string }) => e.path)).toContain('/quarter');
    const old = [{ line: 'salaries', quarter: '2020-Q1', amountCents: 100_00, reason: 'Found an invoice' }];
    const draft = (
      await post('/api/claims', preparer.headers, {
        lcsaId: 'los-angeles',
        quarter: current,
        lines: { salaries: line(0, 100_00) },
        attachments: [],
        adjustments: old,
      })
    ).json();
    expect(draft.problems).toContainEqual({ path: '/adjustments/0/quarter', message: expect.stringContaining('had to be claimed by 2022-03-31') });
    const excused = (
      await post('/api/claims', preparer.headers, {
        lcsaId: 'los-angeles',
        quarter: current,
        lines: { salaries: line(0, 100_00) },
        attachments: [],
        adjustments: [{ ...old[0], exception: 'court_ordered_retroactive_payment', reference: 'LASC BC-12345' }],
      })
    ).json();
    expect(excused.problems.map((p: { path: string }) => p.path)).not.toContain('/adjustments/0/quarter');
    const unknown = await post('/api/claims', preparer.headers, {
      lcsaId: 'los-angeles',
      quarter: current,
      lines: {},
      attachments: [],
      adjustments: [{ ...old[0], exception: 'because' }],
    });
    expect(unknown.statusCode).toBe(400);
  });

  it('imports a claim from the XLSX template; a bad cell is named by sheet and cell and nothing is saved', async () => {
    const template = await get('/api/claims/template.xlsx?quarter=2026-Q2', preparer.headers);
    expect(template.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(new Uint8Array(template.rawPayload).buffer);
    const sheet = workbook.getWorksheet('Claim')!;
    expect(sheet.getCell('A4').value).toBe('salaries');
    sheet.getCell('C4').value = '250,000.5x';
    sheet.getCell('C5').value = 90_000;
    workbook.getWorksheet('Time reports')!.getRow(2).values = ['time_study', 3_000, 0, 20];
    const upload = async () =>
      app.inject({
        method: 'POST',
        url: '/api/claims/import?quarter=2026-Q2',
        headers: { ...preparer.headers, 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
        payload: Buffer.from(await workbook.xlsx.writeBuffer()),
      });
    const bad = await upload();
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({
      code: 'claim_file_invalid',
      errors: [{ path: 'Claim!C4', message: '"250,000.5x" is not an amount in dollars and cents' }],
    });
    expect((await get('/api/claims?quarter=2026-Q2', preparer.headers)).json()).toMatchObject({ items: [], total: 0 });
    sheet.getCell('C4').value = 250_000.5;
    const good = await upload();
    expect(good.statusCode, good.body).toBe(200);
    expect(good.json()).toMatchObject({ quarter: '2026-Q2', status: 'draft', version: 1, problems: [] });
    expect(good.json().lines.find((l: { code: string }) => l.code === 'salaries').columns.A).toBe(250_000_50);
    expect(good.json().versions[0].source).toBe('xlsx import');
  });

  it('reads itemised adjustments from the template’s Adjustments sheet, naming the cell of each bad value', async () => {
    const template = await get('/api/claims/template.xlsx?quarter=2026-Q2', preparer.headers);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(new Uint8Array(template.rawPayload).buffer);
    const sheet = workbook.getWorksheet('Adjustments')!;
    expect(sheet.getRow(1).getCell(2).value).toBe('Quarter adjusted');
    sheet.getRow(2).values = ['wages', '2026-Q5', 'ten', 'x', 'because'];
    const upload = async () =>
      app.inject({
        method: 'POST',
        url: '/api/claims/import?quarter=2026-Q2',
        headers: { ...preparer.headers, 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
        payload: Buffer.from(await workbook.xlsx.writeBuffer()),
      });
    const bad = (await upload()).json();
    expect(bad.errors.map((e: { path: string }) => e.path)).toEqual(['Adjustments!A2', 'Adjustments!B2', 'Adjustments!C2', 'Adjustments!D2', 'Adjustments!E2']);
    sheet.getRow(2).values = ['salaries', '2026-Q1', 125.5, 'Overtime found late', 'audit_exception', 'Audit 26-3'];
    workbook.getWorksheet('Claim')!.getCell('D4').value = 125.5;
    const good = await upload();
    expect(good.statusCode, good.body).toBe(200);
    expect(good.json().adjustments).toEqual([
      { line: 'salaries', quarter: '2026-Q1', amountCents: 125_50, reason: 'Overtime found late', exception: 'audit_exception', reference: 'Audit 26-3' },
    ]);
    expect(good.json().problems.map((p: { path: string }) => p.path)).not.toContain('/lines/salaries/adjustmentCents');
  });

  it('asks for a justification when the fiscal year’s claims pass the allocation', async () => {
    const over = (
      await post('/api/claims', preparer.headers, {
        lcsaId: 'los-angeles',
        quarter: '2026-Q2',
        lines: { salaries: line(700_000_00) },
        attachments: [timeStudy],
      })
    ).json();
    // 2026-Q1 claimed $419,600.01 + $2,500 non-IV-D is outside the stream; with $700,000 now, over $1,000,000.
    expect(over.problems).toEqual([
      { path: '/overAllocationJustification', message: expect.stringContaining('is over the allocation ($1,000,000.00): explain why.') },
      { path: '/lines/non_ivd/currentCents', message: expect.stringContaining('non-IV-D hours') },
    ]);
    expect(
      (await post('/api/claims/allocations', preparer.headers, { lcsaId: 'los-angeles', stateFiscalYear: '2025-26', stream: 'administration', amountCents: 9 }))
        .statusCode,
    ).toBe(403);
  });

  it('shows allocation, claimed, spent and unspent per LCSA, and the methodology calculator’s working', async () => {
    const dashboard = (await get('/api/claims/dashboard?stateFiscalYear=2025-26', preparer.headers)).json();
    expect(dashboard.lcsas.map((r: { lcsaId: string }) => r.lcsaId)).toEqual(['los-angeles']);
    expect(dashboard.lcsas[0]).toMatchObject({ allocationCents: 1_060_000_00, spentCents: 300_000_01 + 119_600_00 + 2_500_00 - 1_000_00 + 10_000_00 });
    expect(dashboard.lcsas[0].unspentCents).toBe(1_060_000_00 - dashboard.lcsas[0].spentCents);
    const calc = (
      await post('/api/claims/allocations/calculate?stateFiscalYear=2026-27', preparer.headers, {
        openCases: 18_800,
        averageCostPerFteCents: 120_000_00,
        callCenterCents: 500_000_00,
        operatingExpensesCents: 1_500_000_00,
        priorAllocationCents: 10_000_000_00,
        phaseInYear: 1,
      })
    ).json();
    expect(calc).toMatchObject({ baselineCents: 14_000_000_00, allocationCents: 11_333_333_33 });
    expect(calc.steps).toHaveLength(7);
  });

  it('takes an annual budget request with positions, operating expenses and equipment, each justified, for the state to approve or return', async () => {
    const body = {
      lcsaId: 'los-angeles',
      stateFiscalYear: '2026-27',
      positions: [
        {
          classification: 'Child Support Specialist II',
          fte: 12.5,
          averageSalaryCents: 68_000_00,
          benefitsRateBasisPoints: 4_500,
          justification: 'Caseload of 2,350 at 188 cases per FTE',
        },
        {
          classification: 'Supervising Child Support Specialist',
          fte: 2,
          averageSalaryCents: 89_500_00,
          benefitsRateBasisPoints: 4_500,
          justification: 'One supervisor per six specialists',
        },
      ],
      items: [
        { kind: 'operating_expenses', description: 'Rent and utilities', amountCents: 240_000_00, justification: 'Lease renewal at the same rate' },
        { kind: 'equipment', description: 'Scanners', amountCents: 18_500_00, justification: 'Replace five scanners past their service life' },
      ],
    };
    const saved = (await post('/api/claims/budget-requests', preparer.headers, body)).json();
    // 12.5 × $68,000 + 2 × $89,500 = $1,029,000 salaries; 45% benefits $463,050.
    expect(saved).toMatchObject({
      status: 'draft',
      fte: 14.5,
      salariesCents: 1_029_000_00,
      benefitsCents: 463_050_00,
      operatingExpensesCents: 240_000_00,
      equipmentCents: 18_500_00,
    });
    expect(saved.totalCents).toBe(1_029_000_00 + 463_050_00 + 240_000_00 + 18_500_00);
    expect((await get('/api/claims/budget-requests?stateFiscalYear=2026-27', reviewer.headers)).json()).toEqual([]);
    const short = await post('/api/claims/budget-requests', preparer.headers, { ...body, items: [{ ...body.items[0], justification: 'why' }] });
    expect(short.statusCode).toBe(400);
    expect((await post(`/api/claims/budget-requests/${saved.id}/decision`, preparer.headers, { action: 'submit' })).json().status).toBe('submitted');
    expect((await post(`/api/claims/budget-requests/${saved.id}/decision`, preparer.headers, { action: 'approve' })).statusCode).toBe(403);
    expect(
      (await post(`/api/claims/budget-requests/${saved.id}/decision`, reviewer.headers, { action: 'return', comment: 'Show the scanner quotes' })).json(),
    ).toMatchObject({
      status: 'returned',
      reviewComment: 'Show the scanner quotes',
    });
    await post('/api/claims/budget-requests', preparer.headers, body);
    await post(`/api/claims/budget-requests/${saved.id}/decision`, preparer.headers, { action: 'submit' });
    expect((await post(`/api/claims/budget-requests/${saved.id}/decision`, reviewer.headers, { action: 'approve' })).json()).toMatchObject({
      status: 'approved',
      version: 2,
    });
    expect((await get('/api/claims/budget-requests?stateFiscalYear=2026-27', sacramento.headers)).json()).toEqual([]);
  });

  it('pages, sorts and narrows the claims list on the server: drafts stay the LCSA’s, and the export holds the selection', async () => {
    for (const quarter of ['2024-Q1', '2024-Q2', '2024-Q3'])
      await post('/api/claims', preparer.headers, { lcsaId: 'los-angeles', quarter, lines, attachments: [timeStudy] });
    await post('/api/claims', sacramento.headers, { lcsaId: 'sacramento', quarter: '2024-Q1', lines, attachments: [timeStudy] });
    type Page = { items: { quarter: string; lcsaId: string; status: string; totalCents: number }[]; total: number; sort: string; dir: string };
    const list = async (query: string, who = preparer) => (await get(`/api/claims?${query}`, who.headers)).json<Page>();

    const all = await list('pageSize=200');
    expect(all).toMatchObject({ sort: 'quarter', dir: 'desc' });
    expect(all.items.every((c) => c.lcsaId === 'los-angeles')).toBe(true);
    expect(all.items.map((c) => c.quarter)).toEqual([...all.items.map((c) => c.quarter)].sort().reverse());
    const oldest = await list('sort=quarter&dir=asc&pageSize=2');
    expect(oldest.items.map((c) => c.quarter)).toEqual(['2024-Q1', '2024-Q2']);
    expect(oldest.total).toBe(all.total);
    expect((await list('sort=quarter&dir=asc&pageSize=2&page=2')).items[0]!.quarter).toBe('2024-Q3');
    expect((await list('quarter=2024-Q2')).items).toMatchObject([{ quarter: '2024-Q2', status: 'draft', totalCents: expect.any(Number) }]);

    // The state sees no LCSA's draft; q narrows by the LCSA's name.
    expect((await list('quarter=2024-Q1', reviewer)).total).toBe(0);
    expect((await list('quarter=2024-Q1&q=sacra', sacramento)).items.map((c) => c.lcsaId)).toEqual(['sacramento']);
    expect((await list('quarter=2024-Q1&q=sacra')).total).toBe(0);

    const csv = await get('/api/claims/export.csv?status=draft&sort=quarter&dir=asc', preparer.headers);
    const rows = csv.body.trim().split('\n');
    expect(rows[0]).toBe('Quarter,LCSA,Status,Version,Total claimed (cents),Federal share (cents),State share (cents),Due by,Submitted on,Late');
    expect(rows[1]).toMatch(/^2024-Q1,/);
    expect((await get('/api/claims?sort=totalCents', preparer.headers)).json().code).toBe('sort_unknown');
  });
});
