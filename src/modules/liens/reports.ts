/**
 * Lien deadlines and results, per LCSA and statewide, for a period: liens recorded and released, the
 * average days from trigger to recording, from the release's trigger (the payment, the order) to the
 * release sent and to the release recorded by the county, the share recorded by the 45-day deadline and
 * released by the release deadline, liens still to record past their deadline, and collections received
 * as lien payoffs (from finance). Exported as XLSX.
 */
import { recordAudit } from '../../platform/audit/audit';
import { compareText } from '../../platform/compare';
import type { Actor } from '../../platform/auth/actor';
import { authorize, rowFilter } from '../../platform/auth/scope';
import type { Tx } from '../../platform/db/connect';
import { addTableSheet, newWorkbook, workbookBuffer } from '../../platform/xlsx';
import { type Period, todayInCalifornia } from '../../platform/dates';
import { collectedBySource } from '../finance/index';
import { lcsaNames } from '../registry/index';
import type { LienReport } from './contract';
import { lienFiguresByLcsa } from './store';

type Row = LienReport['statewide'];

export async function lienReport(tx: Tx, actor: Actor, period: Period): Promise<LienReport> {
  authorize(actor, 'liens.manage');
  const today = todayInCalifornia();
  const counted = await lienFiguresByLcsa(tx, rowFilter(actor), period, today);
  const names = await lcsaNames(tx);
  const rows = counted.map((r) => ({ ...r, lcsaName: names.get(r.lcsaId) ?? r.lcsaId })).sort((a, b) => compareText(a.lcsaName, b.lcsaName));
  const payoffs = await collectedBySource(tx, actor, 'lien_payoff', period);
  const round = (n: number | null) => (n === null ? null : Math.round(n * 10) / 10);
  const lcsas: Row[] = rows.map((r) => ({
    ...r,
    averageDaysToRecord: round(r.averageDaysToRecord),
    averageDaysToRelease: round(r.averageDaysToRelease),
    averageDaysToReleaseRecorded: round(r.averageDaysToReleaseRecorded),
    payoffCollectionsCents: payoffs.get(r.lcsaId) ?? 0,
  }));
  const sum = (key: 'recorded' | 'recordedOnTime' | 'released' | 'releasedOnTime' | 'releasesRecorded' | 'overdueToRecord' | 'payoffCollectionsCents') =>
    lcsas.reduce((a, r) => a + r[key], 0);
  const weighted = (
    avg: 'averageDaysToRecord' | 'averageDaysToRelease' | 'averageDaysToReleaseRecorded',
    count: 'recorded' | 'released' | 'releasesRecorded',
  ) => {
    const n = sum(count);
    return n === 0 ? null : round(lcsas.reduce((a, r) => a + (r[avg] ?? 0) * r[count], 0) / n);
  };
  await recordAudit(tx, actor, { action: 'liens.report.read', entityType: 'lien', detail: period });
  return {
    ...period,
    lcsas,
    statewide: {
      lcsaId: 'statewide',
      lcsaName: 'Statewide (your scope)',
      recorded: sum('recorded'),
      recordedOnTime: sum('recordedOnTime'),
      averageDaysToRecord: weighted('averageDaysToRecord', 'recorded'),
      released: sum('released'),
      releasedOnTime: sum('releasedOnTime'),
      averageDaysToRelease: weighted('averageDaysToRelease', 'released'),
      releasesRecorded: sum('releasesRecorded'),
      averageDaysToReleaseRecorded: weighted('averageDaysToReleaseRecorded', 'releasesRecorded'),
      overdueToRecord: sum('overdueToRecord'),
      payoffCollectionsCents: sum('payoffCollectionsCents'),
    },
  };
}

export async function lienReportXlsx(report: LienReport): Promise<Buffer> {
  const workbook = newWorkbook();
  const rows = [...report.lcsas, report.statewide];
  addTableSheet(
    workbook,
    'Liens by LCSA',
    [
      { header: 'LCSA', key: 'lcsaName', width: 40 },
      { header: 'Recorded', key: 'recorded', width: 10 },
      { header: 'Recorded by deadline', key: 'recordedOnTime', width: 12 },
      { header: 'Average days to record', key: 'averageDaysToRecord', width: 12 },
      { header: 'Released', key: 'released', width: 10 },
      { header: 'Released by deadline', key: 'releasedOnTime', width: 12 },
      { header: 'Average days from trigger to release sent', key: 'averageDaysToRelease', width: 14 },
      { header: 'Releases recorded', key: 'releasesRecorded', width: 10 },
      { header: 'Average days from trigger to release recorded', key: 'averageDaysToReleaseRecorded', width: 14 },
      { header: 'Overdue to record', key: 'overdueToRecord', width: 10 },
      { header: 'Payoff collections ($)', key: 'payoffs', width: 16, style: { numFmt: '#,##0.00' } },
    ],
    rows.map((row) => ({ ...row, payoffs: row.payoffCollectionsCents / 100 })),
  ).getRow(rows.length + 1).font = { bold: true };
  return workbookBuffer(workbook);
}
