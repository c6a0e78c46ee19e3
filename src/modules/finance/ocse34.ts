/**
 * The OCSE-34 from the ledger: each case's replay reported for the quarter (domain/ocse34.ts), added up per
 * LCSA and statewide, with the receipts behind any figure and XLSX and PDF exports. The cases in the
 * actor's scope open in any part of the quarter (closed ones too, if they closed in it or later); an LCSA
 * sees its own.
 */
import { recordAudit } from '../../platform/audit/audit';
import type { Actor } from '../../platform/auth/actor';
import { authorize, isLcsaInScope, lcsaScope } from '../../platform/auth/scope';
import type { Tx } from '../../platform/db/connect';
import { quarterEnd, quarterStart, todayInCalifornia } from '../../platform/dates';
import { AppError } from '../../platform/errors';
import { addTableSheet, newWorkbook, workbookBuffer } from '../../platform/xlsx';
import { formatCents } from '../../platform/money';
import { renderReportPdf } from '../../platform/pdf/report';
import { caseNumbers, lcsaNames, openCaseIds } from '../registry/index';
import { ocse34BandLabels, ocse34ColumnLabels, ocse34LineLabels, ocse34RowLabels, type Ocse34Item as ItemView, type Ocse34Report } from './contract';
import { addCaseOcse34, ageBands, distributionRows, ocse34Columns, ocse34Lines, sourceLines, type Ocse34Figures } from './domain/ocse34';
import { loadAccounts } from './service';

/** Every case's figures for the quarter, per LCSA (only `lcsaId`'s when given). */
async function figuresByLcsa(tx: Tx, actor: Actor, quarter: string, lcsaId: string | undefined): Promise<Map<string, Ocse34Figures>> {
  if (lcsaId !== undefined && !isLcsaInScope(actor, lcsaId))
    throw new AppError('not_found', 'lcsa_not_in_scope', `LCSA ${lcsaId} is not one you can report on.`);
  const [from, to] = [quarterStart(quarter), quarterEnd(quarter)];
  // Every case open in any part of the quarter: money received before a case closed is still reported.
  const caseIds = await openCaseIds(tx, (lcsa) => lcsaScope(actor, lcsa), { closedOnOrAfter: from });
  const byLcsa = new Map<string, Ocse34Figures>();
  for (let i = 0; i < caseIds.length; i += 500) {
    for (const { found, history } of await loadAccounts(tx, actor, caseIds.slice(i, i + 500))) {
      if (lcsaId !== undefined && found.lcsaId !== lcsaId) continue;
      let figures = byLcsa.get(found.lcsaId);
      if (!figures) byLcsa.set(found.lcsaId, (figures = new Map()));
      addCaseOcse34(figures, history, from, to);
    }
  }
  return byLcsa;
}

function merged(all: Iterable<Ocse34Figures>): Ocse34Figures {
  const result: Ocse34Figures = new Map();
  for (const figures of all) for (const [key, items] of figures) result.set(key, [...(result.get(key) ?? []), ...items]);
  return result;
}

export async function ocse34Report(tx: Tx, actor: Actor, quarter: string, lcsaId?: string): Promise<Ocse34Report> {
  authorize(actor, 'registry.read');
  const byLcsa = await figuresByLcsa(tx, actor, quarter, lcsaId);
  const names = await lcsaNames(tx);
  await recordAudit(tx, actor, { action: 'finance.ocse34.read', entityType: 'report', entityId: quarter, detail: { lcsaId: lcsaId ?? null } });
  const to = quarterEnd(quarter);
  return {
    quarter,
    from: quarterStart(quarter),
    to,
    // A quarter not yet ended is reported as it stands: preliminary.
    isPreliminary: to >= todayInCalifornia(),
    total: ocse34Lines(merged(byLcsa.values())),
    lcsas: [...byLcsa.entries()]
      .map(([id, figures]) => ({ lcsaId: id, lcsaName: names.get(id) ?? id, lines: ocse34Lines(figures) }))
      .sort((a, b) => (a.lcsaName < b.lcsaName ? -1 : 1)),
  };
}

/** The keys of every figure a report can be drilled into. */
export const ocse34FigureKeys = [
  'line1',
  ...sourceLines,
  'line3',
  ...ocse34Columns.flatMap((c) => distributionRows.map((r) => `${c}:${r}`)),
  ...ageBands.map(({ band }) => `undistributed:${band}`),
];

/** The amounts behind one figure: the receipts (or distributions) that make it, largest first, and their total. */
export async function ocse34Items(
  tx: Tx,
  actor: Actor,
  quarter: string,
  figure: string,
  lcsaId: string | undefined,
  limit: number,
): Promise<{ figure: string; totalCents: number; count: number; items: ItemView[] }> {
  authorize(actor, 'registry.read');
  if (!ocse34FigureKeys.includes(figure))
    throw new AppError('validation', 'unknown_figure', `There is no figure ${figure} on the OCSE-34.`, [
      { path: '/figure', message: `one of ${ocse34FigureKeys.join(', ')}` },
    ]);
  const items = merged((await figuresByLcsa(tx, actor, quarter, lcsaId)).values()).get(figure) ?? [];
  const shown = [...items].sort((a, b) => b.amountCents - a.amountCents || (a.date < b.date ? -1 : 1)).slice(0, limit);
  const numbers = await caseNumbers(
    tx,
    shown.map((i) => i.caseId),
  );
  await recordAudit(tx, actor, { action: 'finance.ocse34.items', entityType: 'report', entityId: quarter, detail: { figure, lcsaId: lcsaId ?? null } });
  return {
    figure,
    totalCents: items.reduce((sum, i) => sum + i.amountCents, 0),
    count: items.length,
    items: shown.map((i) => ({ ...i, caseNumber: numbers.get(i.caseId) ?? '' })),
  };
}

/** The report as a workbook: one row per LCSA and the statewide total, a column per figure (dollars and cents as cents). */
export async function ocse34Xlsx(report: Ocse34Report): Promise<Buffer> {
  const workbook = newWorkbook();
  const columns = [
    { header: 'LCSA', key: 'lcsa', width: 28 },
    { header: 'Line 1 undistributed at start', key: 'line1', width: 14 },
    ...sourceLines.map((l) => ({ header: `Line ${l}`, key: l, width: 12 })),
    { header: 'Line 2 total collected', key: 'line2Total', width: 14 },
    { header: 'Line 3 net adjustments', key: 'line3', width: 14 },
    { header: 'Line 5 available', key: 'line5', width: 14 },
    ...ocse34Columns.flatMap((c) => distributionRows.map((r) => ({ header: `Col ${c} ${r.replaceAll('_', ' ')}`, key: `${c}:${r}`, width: 14 }))),
    { header: 'Total distributed', key: 'distributedTotal', width: 14 },
    ...ageBands.map(({ band }) => ({ header: `Undistributed ${band} days`, key: `u:${band}`, width: 14 })),
    { header: 'Total undistributed', key: 'undistributedTotal', width: 14 },
  ];
  const row = (lcsa: string, lines: Ocse34Report['total']) => ({
    lcsa,
    line1: lines.line1,
    ...lines.line2,
    line2Total: lines.line2Total,
    line3: lines.line3,
    line5: lines.line5,
    ...Object.fromEntries(ocse34Columns.flatMap((c) => distributionRows.map((r) => [`${c}:${r}`, lines.distributed[c][r]]))),
    distributedTotal: lines.distributedTotal,
    ...Object.fromEntries(ageBands.map(({ band }) => [`u:${band}`, lines.undistributed[band]])),
    undistributedTotal: lines.undistributedTotal,
  });
  addTableSheet(workbook, `OCSE-34 ${report.quarter}`, columns, [
    ...report.lcsas.map((l) => row(l.lcsaName, l.lines)),
    row(report.lcsas.length === 1 ? `Total (${report.lcsas[0]!.lcsaName})` : 'Statewide', report.total),
  ]);
  return workbookBuffer(workbook);
}

/**
 * The federal share of assistance reimbursement the quarter's OCSE-34 retained, over every column: what the
 * OCSE-396 subtracts on its line 9 (the federal government's part of IV-A collections it already holds).
 */
export async function federalShareOfIvaCollections(tx: Tx, actor: Actor, quarter: string): Promise<number> {
  authorize(actor, 'registry.read');
  const total = ocse34Lines(merged((await figuresByLcsa(tx, actor, quarter, undefined)).values()));
  await recordAudit(tx, actor, {
    action: 'finance.ocse34.read',
    entityType: 'report',
    entityId: quarter,
    detail: { lcsaId: null, figure: 'assistance_reimbursement_federal' },
  });
  return ocse34Columns.reduce((sum, column) => sum + total.distributed[column].assistance_reimbursement_federal, 0);
}

/** The report as a PDF: collections, distribution by column, undistributed by age, and each LCSA's totals. */
export async function ocse34Pdf(report: Ocse34Report, producedAt: Date): Promise<Uint8Array> {
  const t = report.total;
  const money = (title: string) => ({ title, width: 100 });
  const label = (title: string, width = 330) => ({ title, width, isText: true });
  return renderReportPdf({
    title: `OCSE-34 quarterly collection report — ${report.quarter}`,
    subject: 'Child support collections received, distributed and undistributed, from the ledger',
    heading: [
      `${report.from} to ${report.to} · ${report.lcsas.length === 1 ? report.lcsas[0]!.lcsaName : 'statewide'}${report.isPreliminary ? ' · preliminary: the quarter has not ended' : ''}`,
    ],
    tables: [
      {
        title: 'Collections',
        columns: [label('Line'), money('Amount')],
        rows: [
          ['1 Undistributed at the start of the quarter', formatCents(t.line1)],
          ...sourceLines.map((l) => [`${l} ${ocse34LineLabels[l]}`, formatCents(t.line2[l])]),
          ['2 Total collected', formatCents(t.line2Total)],
          ['3 Net adjustments', formatCents(t.line3)],
          ['5 Available for distribution', formatCents(t.line5)],
        ],
      },
      {
        title: 'Distribution by assistance status',
        columns: [label('Row', 260), ...ocse34Columns.map((c) => money(ocse34ColumnLabels[c])), money('G Total')],
        rows: distributionRows.map((r) => [
          ocse34RowLabels[r],
          ...ocse34Columns.map((c) => formatCents(t.distributed[c][r])),
          formatCents(ocse34Columns.reduce((sum, c) => sum + t.distributed[c][r], 0)),
        ]),
      },
      {
        title: 'Undistributed at the end of the quarter, by age',
        columns: [label('Days since received'), money('Amount')],
        rows: [
          ...ageBands.map(({ band }) => [ocse34BandLabels[band], formatCents(t.undistributed[band])]),
          ['Total undistributed', formatCents(t.undistributedTotal)],
        ],
      },
      {
        title: 'By LCSA',
        columns: [label('LCSA', 200), money('Collected (2)'), money('Distributed'), money('Undistributed')],
        rows: report.lcsas.map((l) => [
          l.lcsaName,
          formatCents(l.lines.line2Total),
          formatCents(l.lines.distributedTotal),
          formatCents(l.lines.undistributedTotal),
        ]),
        empty: 'No cases in scope.',
      },
    ],
    footer: `OCSE-34 ${report.quarter}`,
    producedAt,
  });
}
