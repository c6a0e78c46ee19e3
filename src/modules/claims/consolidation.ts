/**
 * The statewide OCSE-396 — Section A (expenditures, columns A–F: the quarter, prior-quarter adjustments,
 * the next quarter's estimate, each with its federal share) from the accepted claims of a quarter,
 * Section B (line 9 from finance's OCSE-34 of the same quarter, the fees and adjustments the state
 * enters, the net federal share and the state share) and Section C (the incentive estimate). Every
 * Section A figure drills down to the LCSA claim lines behind it, and every total is a sum of line cents
 * (domain/claim.ts). Filing records the report as filed: refused before the quarter ends and after the
 * December 31 that makes it final, late after the 45th day (45 CFR 301.15). Exported as XLSX, CSV and PDF.
 */
import { toCsv } from '../../platform/export-cells';
import { recordAudit } from '../../platform/audit/audit';
import type { Actor } from '../../platform/auth/actor';
import { authorize, can, rowFilter, visibleUnits } from '../../platform/auth/scope';
import type { Tx } from '../../platform/db/connect';
import { AppError } from '../../platform/errors';
import { addTableSheet, newWorkbook, workbookBuffer } from '../../platform/xlsx';
import { lcsaNames, listLcsas } from '../registry/index';
import { federalShareOfIvaCollections } from '../finance/index';
import { todayInCalifornia } from '../../platform/dates';
import { formatCents } from '../../platform/money';
import { renderReportPdf } from '../../platform/pdf/report';
import type { Consolidated, DrillDown, FederalEntriesInput } from './contract';
import { federalFiscal, quarterEnd } from './domain/calendar';
import {
  claimShares,
  federalDeadlines,
  noFederalEntries,
  ocse396,
  ocse396ClaimedLines,
  ocse396Rows,
  type ClaimLines,
  type ColumnKey,
  type FederalEntries,
  type LineShares,
} from './domain/claim';
import { policyFor } from './service';
import { federalEntriesOf, federalFilingsOf, findClaims, recordFederalFiling, saveFederalEntries } from './store';

async function acceptedClaims(tx: Tx, actor: Actor, quarter: string) {
  authorize(actor, 'claims.read');
  // The consolidated report is the state's: LCSA staff see only their own figures.
  const rows = await findClaims(tx, rowFilter(actor), { quarter, status: 'accepted' }, { order: 'quarter' });
  const policy = policyFor(quarter);
  return rows.map((r) => ({ id: r.id, lcsaId: r.lcsaId, shares: claimShares(r.lines as ClaimLines, policy) }));
}

/** The state's entries on a quarter's report are the statewide report's: an LCSA's view carries none. */
async function entriesFor(tx: Tx, actor: Actor, quarter: string): Promise<{ entries: FederalEntries; note: string | null }> {
  const saved = visibleUnits(actor) ? undefined : await federalEntriesOf(tx, quarter);
  return { entries: { ...noFederalEntries, ...((saved?.entries as Partial<FederalEntries>) ?? {}) }, note: saved?.note ?? null };
}

export async function consolidatedReport(tx: Tx, actor: Actor, quarter: string): Promise<Consolidated> {
  const report = await buildConsolidated(tx, actor, quarter);
  await recordAudit(tx, actor, { action: 'claims.consolidated.read', entityType: 'claim', detail: { quarter } });
  return report;
}

/** The report as it stands, for reading or for filing (each audits what it does). */
async function buildConsolidated(tx: Tx, actor: Actor, quarter: string): Promise<Consolidated> {
  const accepted = await acceptedClaims(tx, actor, quarter);
  const all = await listLcsas(tx);
  const fiscal = federalFiscal(quarter);
  const deadlines = federalDeadlines(quarter, policyFor(quarter));
  // Line 9 is the OCSE-34's: it is read from finance's replay for whoever may read case accounts.
  const readsCollections = can(actor, 'registry.read');
  const collections = readsCollections ? await federalShareOfIvaCollections(tx, actor, quarter) : 0;
  const { entries, note } = await entriesFor(tx, actor, quarter);
  const filings = visibleUnits(actor) ? [] : await federalFilingsOf(tx, quarter);
  const today = todayInCalifornia();
  return {
    quarter,
    federalFiscalYear: fiscal.year,
    federalQuarter: fiscal.quarter,
    rows: ocse396(
      accepted.flatMap((c) => c.shares),
      collections,
      entries,
    ),
    acceptedClaims: accepted.length,
    lcsasWithoutAcceptedClaim: visibleUnits(actor) ? [] : all.filter((l) => !accepted.some((c) => c.lcsaId === l.id)).map((l) => l.name),
    federalDueBy: deadlines.dueBy,
    finalAfter: deadlines.finalAfter,
    canFile: can(actor, 'claims.review') && !visibleUnits(actor) && today > quarterEnd(quarter) && today <= deadlines.finalAfter,
    collectionsSource: readsCollections
      ? `Finance's OCSE-34 for ${quarter}: the federal share of assistance reimbursement, all columns`
      : 'Not shown: reading the OCSE-34 needs access to case accounts',
    entries: { ...entries, note },
    filings: filings.map((f) => ({ version: f.version, filedOn: f.filedOn, isLate: f.isLate, isRevision: f.version > 1 })),
  };
}

/** Sets the state's entries on a quarter's report (lines 9 column D, 10–13 and 16); line 13 needs a note saying what it is. */
export async function setFederalEntries(tx: Tx, actor: Actor, quarter: string, input: FederalEntriesInput): Promise<Consolidated> {
  authorize(actor, 'claims.review');
  const note = input.note?.trim() || null;
  if (input.adjustmentCents !== 0 && !note)
    throw new AppError('validation', 'note_required', 'Say what the line 13 adjustment is.', [{ path: '/note', message: 'required when line 13 is not zero' }]);
  const { note: _note, ...entries } = input;
  await saveFederalEntries(tx, quarter, entries, note, actor.userId);
  await recordAudit(tx, actor, { action: 'claims.federal_entries.set', entityType: 'report', entityId: quarter, after: { ...entries, note } });
  return consolidatedReport(tx, actor, quarter);
}

/**
 * Files the quarter's report as it stands: refused while the quarter has not ended and after the December
 * 31 that follows its federal fiscal year; a filing after the 45th day is recorded as late. A second filing
 * is a revision.
 */
export async function fileFederalReport(tx: Tx, actor: Actor, quarter: string): Promise<Consolidated> {
  authorize(actor, 'claims.review');
  const today = todayInCalifornia();
  const deadlines = federalDeadlines(quarter, policyFor(quarter));
  if (today <= quarterEnd(quarter))
    throw new AppError('conflict', 'quarter_not_ended', `${quarter} ends on ${quarterEnd(quarter)}: its report can be filed once the quarter has ended.`);
  if (today > deadlines.finalAfter)
    throw new AppError(
      'conflict',
      'report_final',
      `The ${quarter} report became final after ${deadlines.finalAfter}: correct it with prior-quarter adjustments on a later report.`,
    );
  const report = await buildConsolidated(tx, actor, quarter);
  const version = (report.filings[0]?.version ?? 0) + 1;
  const recorded = await recordFederalFiling(tx, {
    quarter,
    version,
    filedOn: today,
    isLate: today > deadlines.dueBy,
    rows: report.rows,
    filedBy: actor.userId,
  });
  if (!recorded)
    throw new AppError('conflict', 'filing_conflict', `The ${quarter} report was filed by someone else a moment ago: read it again before filing a revision.`);
  await recordAudit(tx, actor, { action: 'claims.federal_report.file', entityType: 'report', entityId: quarter, after: { version, filedOn: today } });
  return { ...report, filings: [{ version, filedOn: today, isLate: today > deadlines.dueBy, isRevision: version > 1 }, ...report.filings] };
}

/** The LCSA claims behind one figure of the report: each LCSA's part of the line, and its claim lines. */
export async function drillDown(tx: Tx, actor: Actor, quarter: string, line: string): Promise<DrillDown> {
  const row = ocse396Rows.find((r) => r.line === line);
  if (!row || row.section !== 'A')
    throw new AppError('not_found', 'line_not_found', `Line ${line} is not one of the OCSE-396 expenditure lines (Section A) that LCSA claims make up.`);
  const accepted = await acceptedClaims(tx, actor, quarter);
  const lineOf = (shares: LineShares[]) => ocse396(shares).find((r) => r.line === line)!.columns;
  const codes = ocse396ClaimedLines(line);
  const names = await lcsaNames(tx);
  return {
    quarter,
    line,
    label: row.label,
    total: lineOf(accepted.flatMap((c) => c.shares)),
    lcsas: accepted
      .map((c) => ({
        claimId: c.id,
        lcsaId: c.lcsaId,
        lcsaName: names.get(c.lcsaId) ?? c.lcsaId,
        columns: lineOf(c.shares),
        lines: c.shares.filter((s) => codes.includes(s.ocse396)).map((s) => ({ ...s, federalRateBasisPoints: 0 })),
      }))
      .sort((a, b) => (a.lcsaName < b.lcsaName ? -1 : 1)),
  };
}

const columnHeaders = [
  { header: 'Line', key: 'line', width: 6 },
  { header: 'Description', key: 'label', width: 55 },
  { header: 'A Current quarter ($)', key: 'A', width: 18 },
  { header: 'B Federal share ($)', key: 'B', width: 18 },
  { header: 'C Prior-quarter adjustments ($)', key: 'C', width: 18 },
  { header: 'D Federal share ($)', key: 'D', width: 18 },
  { header: 'E Next-quarter estimate ($)', key: 'E', width: 18 },
  { header: 'F Federal share ($)', key: 'F', width: 18 },
];

const columnKeys = ['A', 'B', 'C', 'D', 'E', 'F'] as const;

/** Each row in dollars, with the form's shaded boxes empty. */
function dollarRows(report: Consolidated): Record<string, string | number>[] {
  return report.rows.map((r) => ({
    line: r.line,
    label: r.label,
    ...Object.fromEntries(columnKeys.map((k) => [k, r.open.includes(k as ColumnKey) ? r.columns[k] / 100 : ''])),
  }));
}

export async function consolidatedXlsx(report: Consolidated): Promise<Buffer> {
  const workbook = newWorkbook();
  addTableSheet(
    workbook,
    `OCSE-396 ${report.quarter}`,
    columnHeaders.map((c) => (['line', 'label'].includes(c.key) ? c : { ...c, style: { numFmt: '#,##0.00' } })),
    dollarRows(report),
  );
  return workbookBuffer(workbook);
}

export function consolidatedCsv(report: Consolidated): string {
  return toCsv(
    dollarRows(report).map((r) => ({ ...r, ...Object.fromEntries(columnKeys.map((k) => [k, r[k] === '' ? '' : (r[k] as number).toFixed(2)])) })),
    { header: true, columns: columnHeaders.map((c) => ({ key: c.key, header: c.header })) },
  );
}

/** The report as a PDF: the form's three sections, shaded boxes blank, the deadlines and filings under the title. */
export async function consolidatedPdf(report: Consolidated, producedAt: Date): Promise<Uint8Array> {
  const sections = { A: 'Section A. Expenditures', B: 'Section B. Fees for services, federal and state shares', C: 'Section C. Incentives' } as const;
  const filed = report.filings[0];
  return renderReportPdf({
    title: `OCSE-396 quarterly financial report — ${report.quarter}`,
    subject: 'Child support program quarterly financial report (expenditures and estimates)',
    heading: [
      `Federal fiscal year ${report.federalFiscalYear}, quarter ${report.federalQuarter} · ${report.acceptedClaims} accepted LCSA claims`,
      `Due ${report.federalDueBy}; final after ${report.finalAfter} · ${filed ? `filed ${filed.filedOn}${filed.isLate ? ' (late)' : ''}, version ${filed.version}` : 'not filed'}`,
      `Line 9: ${report.collectionsSource}`,
    ],
    tables: (['A', 'B', 'C'] as const).map((section) => ({
      title: sections[section],
      columns: [
        { title: 'Line', width: 30, isText: true },
        { title: 'Description', width: 250, isText: true },
        ...columnHeaders.slice(2).map((c) => ({ title: c.header.replace(' ($)', ''), width: 72 })),
      ],
      rows: report.rows
        .filter((r) => r.section === section)
        .map((r) => [r.line, r.label, ...columnKeys.map((k) => (r.open.includes(k) ? formatCents(r.columns[k]) : ''))]),
    })),
    footer: `OCSE-396 ${report.quarter}`,
    producedAt,
  });
}
