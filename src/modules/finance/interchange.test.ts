import fs from 'node:fs';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { pdfText } from '../../../test/pdf-text';
import { formatCents } from '../../platform/money';
import { auditReport } from './cli';
import { readCaseHistory, readFinanceDocument } from './interchange';

const example = fs.readFileSync('data/examples/finance-case.json', 'utf8');
const document = () =>
  JSON.parse(example) as Record<string, unknown> & { orders: { terms: Record<string, unknown>[] }[]; collections: Record<string, unknown>[] };

function problemsOf(text: string) {
  try {
    readFinanceDocument(text, 'case.json');
    return [];
  } catch (error) {
    return (error as { fields: { path: string; message: string }[] }).fields;
  }
}

describe('finance interchange format', () => {
  it('reads the documented example', () => {
    expect(readCaseHistory(example, 'example.json').orders[0]!.terms).toHaveLength(2);
  });

  it('names the path of an unknown field, a wrong type and a bad date', () => {
    const doc = document();
    doc.nickname = 'x';
    doc.collections[0]!.amountCents = 12.5;
    doc.orders[0]!.terms[1]!.effectiveFrom = 'soon';
    expect(problemsOf(JSON.stringify(doc))).toEqual(
      expect.arrayContaining([
        { path: '/nickname', message: 'is not a field of the format' },
        { path: '/collections/0/amountCents', message: 'must be integer' },
        expect.objectContaining({ path: '/orders/0/terms/1/effectiveFrom' }),
      ]),
    );
  });

  it('says what would be right: the allowed values of an enum, a date that does not exist, where JSON breaks, a value that fits no choice', () => {
    const doc = document();
    doc.collections[0]!.source = 'cash';
    doc.collections[1]!.receivedOn = '2024-02-30';
    doc.orders[0]!.terms[0]!.effectiveFrom = '2023-13-01';
    doc.incarcerations = [{ id: 's', from: '2024-03-01', releasedOn: 'soon' }];
    const problems = problemsOf(JSON.stringify(doc));
    expect(problems).toEqual(
      expect.arrayContaining([
        { path: '/collections/0/source', message: expect.stringMatching(/^must be one of: "wage_withholding", "voluntary", .*"other"$/) },
        { path: '/collections/1/receivedOn', message: '2024-02-30 does not exist: February 2024 has 29 days' },
        { path: '/orders/0/terms/0/effectiveFrom', message: '2023-13-01 does not exist: there is no month 13' },
        { path: '/incarcerations/0/releasedOn', message: 'must be a date written YYYY-MM-DD, or must be null' },
      ]),
    );
    expect(problems.filter((p) => p.path === '/incarcerations/0/releasedOn')).toHaveLength(1);
    // Line and column of the first fault: the third line's value has no colon before it.
    expect(problemsOf('{\n  "formatVersion": 1,\n  "caseId" "x"\n}')[0]!.message).toMatch(/at line 3, column 12$/);
  });

  it('refuses impossible histories, naming where', () => {
    const doc = document();
    doc.orders[0]!.terms[1]!.effectiveFrom = '2023-06-01';
    doc.collections[1]!.id = 'r-1001';
    doc.suspensions = [{ from: '2024-05-01', to: '2024-04-01' }];
    const problems = problemsOf(JSON.stringify(doc));
    expect(problems).toEqual(
      expect.arrayContaining([
        { path: '/orders/0/terms/1/effectiveFrom', message: 'terms must be in date order' },
        { path: '/orders/0/terms/1/effectiveFrom', message: 'not before the order was issued (2024-01-01)' },
        { path: '/collections/1/id', message: 'collection id r-1001 appears more than once' },
        { path: '/suspensions/0/to', message: 'ends before it starts (2024-05-01)' },
      ]),
    );
    expect(problemsOf('{ "formatVersion": 1,')[0]).toMatchObject({
      path: 'case.json',
      message: expect.stringMatching(/^is not JSON: .* at line 1, column 22$/),
    });
  });

  it('reads stays in custody as facts and audits the suspension FC 4007.5 derives from them; a bad stay is named', async () => {
    const doc = document();
    doc.incarcerations = [{ id: 'stay-1', from: '2024-03-10', releasedOn: '2024-07-07' }];
    const report = JSON.parse((await auditReport(JSON.stringify(doc), 'stay.json', '2024-09-30', 'json')) as string) as {
      months: { month: string; orderedCents: number }[];
    };
    const ordered = (month: string) => report.months.find((m) => m.month === month)?.orderedCents;
    expect([ordered('2024-03'), ordered('2024-04'), ordered('2024-07'), ordered('2024-08')]).toEqual([expect.any(Number), 0, 0, expect.any(Number)]);
    expect(ordered('2024-08')).toBeGreaterThan(0);
    // The same stay with an exception charges on.
    doc.incarcerations = [{ id: 'stay-1', from: '2024-03-10', releasedOn: '2024-07-07', exceptions: ['means_to_pay'] }];
    const charging = JSON.parse((await auditReport(JSON.stringify(doc), 'stay.json', '2024-09-30', 'json')) as string) as typeof report;
    expect(charging.months.find((m) => m.month === '2024-05')!.orderedCents).toBeGreaterThan(0);
    doc.incarcerations = [{ id: 'stay-1', from: '2024-03-10', releasedOn: null, exceptions: ['remorse'] }];
    expect(problemsOf(JSON.stringify(doc))).toEqual([expect.objectContaining({ path: '/incarcerations/0/exceptions/0' })]);
    doc.incarcerations = [
      { id: 'stay-1', from: '2024-03-10', releasedOn: null },
      { id: 'stay-1', from: '2024-03-10', releasedOn: '2024-01-07' },
    ];
    expect(problemsOf(JSON.stringify(doc))).toEqual(
      expect.arrayContaining([
        { path: '/incarcerations/1/releasedOn', message: 'is before the stay began (2024-03-10)' },
        { path: '/incarcerations/1/id', message: 'stay id stay-1 appears more than once' },
      ]),
    );
  });

  it('audits an obligor’s cases together (formatVersion 2): each lump sum prorated across them, each case’s audit with its parts', async () => {
    const obligor = fs.readFileSync('data/examples/finance-obligor.json', 'utf8');
    const report = JSON.parse((await auditReport(obligor, 'obligor.json', '2024-06-30', 'json')) as string) as {
      prorations: { collectionId: string; parts: { caseId: string; currentCents: number; arrearsCents: number }[] }[];
      cases: { caseId: string; months: { month: string; collectedCents: number }[] }[];
    };
    // $200 on March 10 against $300 and $100 of March's support: 3 : 1; the tax offset in June pays arrears only, pro rata.
    expect(report.prorations[0]!.parts.map((p) => [p.caseId, p.currentCents, p.arrearsCents])).toEqual([
      ['FAMILY-A', 15_000, 0],
      ['FAMILY-B', 5_000, 0],
    ]);
    expect(report.prorations[1]!.parts.every((p) => p.currentCents === 0 && p.arrearsCents > 0)).toBe(true);
    const collected = (caseId: string, month: string) => report.cases.find((c) => c.caseId === caseId)!.months.find((m) => m.month === month)!.collectedCents;
    expect([collected('FAMILY-A', '2024-03'), collected('FAMILY-B', '2024-03')]).toEqual([15_000, 5_000]);
    const csv = (await auditReport(obligor, 'obligor.json', '2024-06-30', 'csv')) as string;
    // Every case's rows, each with its case id: months, payments (the lump sums' parts among them) and totals.
    const rows = parse(csv, { columns: true }) as Record<string, string>[];
    expect(rows.filter((r) => r.section === 'total').map((r) => r.caseId)).toEqual(['FAMILY-A', 'FAMILY-B']);
    expect(rows.filter((r) => r.section === 'payment' && r.date === '2024-03-10').map((r) => [r.caseId, r.amountCents])).toEqual([
      ['FAMILY-A', '15000'],
      ['FAMILY-B', '5000'],
    ]);
    await expect(auditReport(obligor, 'obligor.json', '2024-06-30', 'pdf')).rejects.toThrow(/one case’s statement/);
    // A problem in one case is named by the case's place; a case history of version 1 is still read (the tests above).
    const doc = JSON.parse(obligor) as { cases: { caseId: string; collections: { receivedOn: string }[] }[] };
    doc.cases[1]!.caseId = 'FAMILY-A';
    doc.cases[0]!.collections[0]!.receivedOn = '2024-02-30';
    expect(problemsOf(JSON.stringify(doc))).toEqual(
      expect.arrayContaining([{ path: '/cases/0/collections/0/receivedOn', message: '2024-02-30 does not exist: February 2024 has 29 days' }]),
    );
    doc.cases[0]!.collections[0]!.receivedOn = '2024-02-03';
    expect(problemsOf(JSON.stringify(doc))).toEqual([0, 1].map((i) => ({ path: `/cases/${i}/caseId`, message: 'case id FAMILY-A appears more than once' })));
  });

  it('audits the example month by month: ordered against collected, principal, interest and balances', async () => {
    const report = JSON.parse((await auditReport(example, 'example.json', '2024-12-31', 'json')) as string) as {
      months: { month: string; principalBalanceCents: number; orderedCents: number }[];
      balances: { principalCents: number; interestCents: number };
    };
    expect(report.months).toHaveLength(12);
    // T1 in March: $800 leaves January at $200 and February at $500.
    expect(report.months[2]).toMatchObject({ month: '2024-03', orderedCents: 50_000, principalBalanceCents: 70_000 });
    // The June federal tax offset pays arrears only; June's own support stays owed.
    expect(report.months[5]).toMatchObject({ month: '2024-06', principalBalanceCents: 50_000 });
    expect(report.months.at(-1)!.principalBalanceCents).toBe(report.balances.principalCents);
  });

  it('writes the CSV audit with the case id and date on every row, each payment with its date and source, and totals that add up', async () => {
    // Mid-December: the month's interest has accrued and is not yet posted.
    const csv = (await auditReport(example, 'example.json', '2024-12-15', 'csv')) as string;
    const rows = parse(csv, {
      columns: true,
      cast: (value, context) => (context.column.toString().endsWith('Cents') && value !== '' ? Number(value) : value),
    }) as Record<string, string | number>[];
    expect(rows.every((r) => r.caseId === 'EXAMPLE-T1' && r.asOf === '2024-12-15')).toBe(true);
    expect(rows.filter((r) => r.section === 'month')).toHaveLength(12);
    expect(rows.filter((r) => r.section === 'payment').map((r) => [r.date, r.receiptId, r.source, r.amountCents, r.familyCents])).toEqual([
      ['2024-03-10', 'r-1001', 'wage_withholding', 80_000, 80_000],
      ['2024-05-02', 'r-1002', 'wage_withholding', 50_000, 50_000],
      ['2024-06-20', 'r-1003', 'federal_tax_offset', 120_000, 120_000],
    ]);
    const total = rows.at(-1)!;
    expect(total.section).toBe('total');
    const above = rows.slice(0, -1);
    for (const column of ['orderedCents', 'collectedCents', 'principalPaidCents', 'interestChargedCents', 'interestPaidCents', 'amountCents', 'familyCents'])
      expect(total[column], column).toBe(above.reduce((sum, r) => sum + (typeof r[column] === 'number' ? r[column] : 0), 0));
    const json = JSON.parse((await auditReport(example, 'example.json', '2024-12-15', 'json')) as string) as {
      summary: { interestCents: number; interestAccruedCents: number; totalOwedCents: number; arrearsCents: number; familyArrearsCents: number };
      balances: { principalCents: number };
    };
    // The headline's interest, accrued part included, is the last month's interest owed and the total row's.
    expect(json.summary.interestAccruedCents).toBeGreaterThan(0);
    expect([total.interestOwedCents, rows[11]!.interestBalanceCents, total.interestAccruedCents]).toEqual([
      json.summary.interestCents,
      json.summary.interestCents,
      json.summary.interestAccruedCents,
    ]);
    expect([total.totalOwedCents, total.principalBalanceCents, total.familyArrearsCents]).toEqual([
      json.summary.totalOwedCents,
      json.balances.principalCents,
      json.summary.familyArrearsCents,
    ]);
  });

  it('prints the statement as a PDF with current support, arrears and interest apart, and every month', async () => {
    const pdf = await auditReport(example, 'example.json', '2024-12-31', 'pdf');
    expect(pdf).toBeInstanceOf(Uint8Array);
    const text = pdfText(pdf as Uint8Array);
    const report = JSON.parse((await auditReport(example, 'example.json', '2024-12-31', 'json')) as string) as {
      summary: { currentDueCents: number; arrearsCents: number; interestCents: number; totalOwedCents: number };
    };
    const { currentDueCents, arrearsCents, interestCents, totalOwedCents } = report.summary;
    expect(currentDueCents + arrearsCents + interestCents).toBe(totalOwedCents);
    for (const [label, cents] of [
      ['Current support due this month', currentDueCents],
      ['Arrears (unpaid support from earlier months)', arrearsCents],
      ['owed to the family', arrearsCents],
      ['Interest (10% simple, unpaid)', interestCents],
      ['Total owed', totalOwedCents],
      ['Paid to the family', 250_000],
      ['Retained by the state (assistance reimbursement)', 0],
    ] as const) {
      const at = text.indexOf(label);
      expect(at).toBeGreaterThan(-1);
      expect(text[at + 1]).toBe(formatCents(cents));
    }
    for (let m = 1; m <= 12; m++) expect(text).toContain(`2024-${String(m).padStart(2, '0')}`);
    // Each payment with its date, receipt, source and where it went.
    const tax = text.indexOf('r-1003');
    expect(text.slice(tax - 1, tax + 3)).toEqual(['2024-06-20', 'r-1003', 'Federal tax offset', formatCents(120_000)]);
    expect(text.at(-1)).toContain('page 1 of 1');
  });
});
