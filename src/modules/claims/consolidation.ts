/**
 * The statewide quarterly report shaped like the OCSE-396 (Section A, columns A–F), built from the
 * accepted claims of a quarter; every figure drills down to the LCSA claim lines behind it, and every
 * total is a sum of line cents (domain/claim.ts). Exported as XLSX and CSV.
 */
import { toCsv } from '../../platform/export-cells';
import { recordAudit } from '../../platform/audit/audit';
import type { Actor } from '../../platform/auth/actor';
import { authorize, rowFilter, visibleUnits } from '../../platform/auth/scope';
import type { Tx } from '../../platform/db/connect';
import { AppError } from '../../platform/errors';
import { addTableSheet, newWorkbook, workbookBuffer } from '../../platform/xlsx';
import { lcsaNames, listLcsas } from '../registry/index';
import type { Consolidated, DrillDown } from './contract';
import { federalFiscal } from './domain/calendar';
import { claimShares, ocse396, ocse396Rows, type ClaimLines, type LineShares } from './domain/claim';
import { policyFor } from './service';
import { findClaims } from './store';

const composite: Record<string, string[]> = { '3': ['1a', '1b', '1c', '2a', '2b'], '7': ['1a', '1b', '1c', '2a', '2b', '4', '5'] };

async function acceptedClaims(tx: Tx, actor: Actor, quarter: string) {
  authorize(actor, 'claims.read');
  // The consolidated report is the state's: LCSA staff see only their own figures.
  const rows = await findClaims(tx, rowFilter(actor), { quarter, status: 'accepted' }, { order: 'quarter' });
  const policy = policyFor(quarter);
  return rows.map((r) => ({ id: r.id, lcsaId: r.lcsaId, shares: claimShares(r.lines as ClaimLines, policy) }));
}

export async function consolidatedReport(tx: Tx, actor: Actor, quarter: string): Promise<Consolidated> {
  const accepted = await acceptedClaims(tx, actor, quarter);
  const all = await listLcsas(tx);
  const fiscal = federalFiscal(quarter);
  await recordAudit(tx, actor, { action: 'claims.consolidated.read', entityType: 'claim', detail: { quarter } });
  return {
    quarter,
    federalFiscalYear: fiscal.year,
    federalQuarter: fiscal.quarter,
    rows: ocse396(accepted.flatMap((c) => c.shares)),
    acceptedClaims: accepted.length,
    lcsasWithoutAcceptedClaim: visibleUnits(actor) ? [] : all.filter((l) => !accepted.some((c) => c.lcsaId === l.id)).map((l) => l.name),
  };
}

/** The LCSA claims behind one figure of the report: each LCSA's part of the line, and its claim lines. */
export async function drillDown(tx: Tx, actor: Actor, quarter: string, line: string): Promise<DrillDown> {
  const row = ocse396Rows.find((r) => r.line === line);
  if (!row) throw new AppError('not_found', 'line_not_found', `The OCSE-396 has no line ${line} here.`);
  const accepted = await acceptedClaims(tx, actor, quarter);
  const lineOf = (shares: LineShares[]) => ocse396(shares).find((r) => r.line === line)!.columns;
  const codes = composite[line] ?? [line];
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

function dollarRows(report: Consolidated): Record<string, string | number>[] {
  return report.rows.map((r) => ({ line: r.line, label: r.label, ...Object.fromEntries(columnKeys.map((k) => [k, r.columns[k] / 100])) }));
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
    dollarRows(report).map((r) => ({ ...r, ...Object.fromEntries(columnKeys.map((k) => [k, (r[k] as number).toFixed(2)])) })),
    { header: true, columns: columnHeaders.map((c) => ({ key: c.key, header: c.header })) },
  );
}
