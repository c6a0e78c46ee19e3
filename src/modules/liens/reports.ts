/**
 * Lien deadlines and results, per LCSA and statewide, for a period: liens recorded and released, the
 * average days from trigger to recording and to release, the share recorded by the 45-day deadline and
 * released by the release deadline, liens still to record past their deadline, and collections received
 * as lien payoffs (from finance). Exported as XLSX.
 */
import { sql } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/audit';
import { compareText } from '../../platform/compare';
import type { Actor } from '../../platform/auth/actor';
import { authorize, lcsaScope } from '../../platform/auth/scope';
import type { Tx } from '../../platform/db/connect';
import { queryRows } from '../../platform/db/rows';
import { addTableSheet, newWorkbook, workbookBuffer } from '../../platform/xlsx';
import { todayInCalifornia } from '../../platform/dates';
import { collectedBySource } from '../finance/index';
import { lcsaNames } from '../registry/index';
import type { LienReport } from './contract';
import { liens } from './schema';

type Row = LienReport['statewide'];

export async function lienReport(tx: Tx, actor: Actor, period: { from: string; to: string }): Promise<LienReport> {
  authorize(actor, 'liens.manage');
  const today = todayInCalifornia();
  const counted = await queryRows<Omit<Row, 'payoffCollectionsCents' | 'lcsaName'>>(
    tx,
    sql`select liens.lcsa_id as "lcsaId",
          count(*) filter (where liens.recorded_on between ${period.from}::date and ${period.to}::date)::int as recorded,
          count(*) filter (where liens.recorded_on between ${period.from}::date and ${period.to}::date and liens.recorded_on <= liens.due_by)::int as "recordedOnTime",
          avg(liens.recorded_on - liens.trigger_date) filter (where liens.recorded_on between ${period.from}::date and ${period.to}::date)::float as "averageDaysToRecord",
          count(r.id) filter (where r.released_on between ${period.from}::date and ${period.to}::date)::int as released,
          count(r.id) filter (where r.released_on between ${period.from}::date and ${period.to}::date and r.released_on <= r.due_by)::int as "releasedOnTime",
          avg(r.released_on - r.trigger_date) filter (where r.released_on between ${period.from}::date and ${period.to}::date)::float as "averageDaysToRelease",
          count(*) filter (where liens.status = 'to_record' and liens.due_by < ${today}::date)::int as "overdueToRecord"
        from liens left join lien_releases r on r.id = liens.release_id
        where ${lcsaScope(actor, liens.lcsaId)}
        group by liens.lcsa_id`,
  );
  const names = await lcsaNames(tx);
  const rows = counted.map((r) => ({ ...r, lcsaName: names.get(r.lcsaId) ?? r.lcsaId })).sort((a, b) => compareText(a.lcsaName, b.lcsaName));
  const payoffs = await collectedBySource(tx, actor, 'lien_payoff', period);
  const round = (n: number | null) => (n === null ? null : Math.round(n * 10) / 10);
  const lcsas: Row[] = rows.map((r) => ({
    ...r,
    averageDaysToRecord: round(r.averageDaysToRecord),
    averageDaysToRelease: round(r.averageDaysToRelease),
    payoffCollectionsCents: payoffs.get(r.lcsaId) ?? 0,
  }));
  const sum = (key: 'recorded' | 'recordedOnTime' | 'released' | 'releasedOnTime' | 'overdueToRecord' | 'payoffCollectionsCents') =>
    lcsas.reduce((a, r) => a + r[key], 0);
  const weighted = (avg: 'averageDaysToRecord' | 'averageDaysToRelease', count: 'recorded' | 'released') => {
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
      { header: 'Average days to release', key: 'averageDaysToRelease', width: 12 },
      { header: 'Overdue to record', key: 'overdueToRecord', width: 10 },
      { header: 'Payoff collections ($)', key: 'payoffs', width: 16, style: { numFmt: '#,##0.00' } },
    ],
    rows.map((row) => ({ ...row, payoffs: row.payoffCollectionsCents / 100 })),
  ).getRow(rows.length + 1).font = { bold: true };
  return workbookBuffer(workbook);
}
