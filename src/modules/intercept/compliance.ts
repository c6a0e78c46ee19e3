/**
 * Insurer compliance and outreach. Per insurer, for a period: files received and the share of months
 * with a file (the reporting cadence), claims reported, matches, notices, answers, dollars remitted, and
 * the average days from match to notice and from notice to remittance; the licensed insurers that sent
 * nothing; and the outreach log (bulletins to every insurer, contacts with one). Export as XLSX.
 */
import { recordAudit } from '../../platform/audit/audit';
import type { Actor } from '../../platform/auth/actor';
import { authorize, rowFilter } from '../../platform/auth/scope';
import type { Tx } from '../../platform/db/connect';
import { addTableSheet, newWorkbook, workbookBuffer } from '../../platform/xlsx';
import { AppError } from '../../platform/errors';
import type { ComplianceReport, NewOutreach, OutreachEntry } from './contract';
import { complianceRows, insertOutreach, insurerInScope, outreachInScope } from './store';
import type { CalendarDate, Period } from '../../platform/dates';

/** Months from `from` to `to`, both included (YYYY-MM-DD → count of calendar months touched). */
function monthsIn(from: string, to: string): number {
  return (Number(to.slice(0, 4)) - Number(from.slice(0, 4))) * 12 + Number(to.slice(5, 7)) - Number(from.slice(5, 7)) + 1;
}

export async function complianceReport(tx: Tx, actor: Actor, period: Period): Promise<ComplianceReport> {
  authorize(actor, 'intercept.manage');
  if (period.from > period.to)
    throw new AppError('validation', 'period_reversed', 'The period must start on or before it ends.', [{ path: 'from', message: 'after to' }]);
  const rows = await complianceRows(tx, period);
  const months = monthsIn(period.from, period.to);
  const insurers = rows.map((r) => ({
    ...r,
    remittedCents: Number(r.remittedCents),
    reportingShare: Math.round((r.monthsWithFile / months) * 1000) / 1000,
    averageDaysMatchToNotice: r.averageDaysMatchToNotice === null ? null : Math.round(r.averageDaysMatchToNotice * 10) / 10,
    averageDaysNoticeToRemittance: r.averageDaysNoticeToRemittance === null ? null : Math.round(r.averageDaysNoticeToRemittance * 10) / 10,
  }));
  const licensed = insurers.filter((i) => i.isLicensed);
  await recordAudit(tx, actor, { action: 'intercept.compliance.read', entityType: 'intercept', detail: period });
  return {
    ...period,
    months,
    insurers,
    licensedCount: licensed.length,
    reportingCount: licensed.filter((i) => i.filesReceived > 0).length,
    notReporting: licensed.filter((i) => i.filesReceived === 0).map((i) => ({ insurerId: i.insurerId, name: i.name, naicCode: i.naicCode })),
    totals: {
      claimsReported: insurers.reduce((a, i) => a + i.claimsReported, 0),
      matches: insurers.reduce((a, i) => a + i.matches, 0),
      notices: insurers.reduce((a, i) => a + i.notices, 0),
      remittedCents: insurers.reduce((a, i) => a + i.remittedCents, 0),
    },
  };
}

/** The report as an XLSX workbook: one sheet per insurer figures, one for the insurers that did not report. */
export async function complianceXlsx(report: ComplianceReport): Promise<Buffer> {
  const workbook = newWorkbook();
  addTableSheet(
    workbook,
    'Insurers',
    [
      { header: 'Insurer', key: 'name', width: 38 },
      { header: 'NAIC', key: 'naicCode', width: 8 },
      { header: 'Channel', key: 'channel', width: 9 },
      { header: 'Licensed', key: 'isLicensed', width: 9 },
      { header: 'Files', key: 'filesReceived', width: 7 },
      { header: 'Months with a file', key: 'reportingShare', width: 12, style: { numFmt: '0%' } },
      { header: 'Claims reported', key: 'claimsReported', width: 10 },
      { header: 'Matches', key: 'matches', width: 9 },
      { header: 'Notices', key: 'notices', width: 9 },
      { header: 'Answered', key: 'noticesAnswered', width: 9 },
      { header: 'Remitted ($)', key: 'remitted', width: 14, style: { numFmt: '#,##0.00' } },
      { header: 'Days match → notice', key: 'averageDaysMatchToNotice', width: 12 },
      { header: 'Days notice → remittance', key: 'averageDaysNoticeToRemittance', width: 12 },
      { header: 'Last file', key: 'lastFileOn', width: 12 },
    ],
    // Dollars for the spreadsheet reader; cents stay exact: the division is done once, for display.
    report.insurers.map((i) => ({ ...i, isLicensed: i.isLicensed ? 'yes' : 'no', remitted: i.remittedCents / 100 })),
  );
  addTableSheet(
    workbook,
    'Not reporting',
    [
      { header: 'Insurer', key: 'name', width: 38 },
      { header: 'NAIC', key: 'naicCode', width: 8 },
    ],
    report.notReporting,
  );
  workbook
    .addWorksheet('About')
    .addRows([
      ['Insurance Payment Intercept Program: insurer compliance'],
      ['Period', `${report.from} to ${report.to}`],
      ['Licensed insurers reporting', `${report.reportingCount} of ${report.licensedCount}`],
    ]);
  return workbookBuffer(workbook);
}

export async function logOutreach(tx: Tx, actor: Actor, input: NewOutreach): Promise<OutreachEntry> {
  authorize(actor, 'intercept.manage');
  if (input.insurerId && !(await insurerInScope(tx, rowFilter(actor), input.insurerId)))
    throw new AppError('not_found', 'insurer_not_found', `Insurer ${input.insurerId} is not registered.`);
  const row = await insertOutreach(tx, {
    insurerId: input.insurerId ?? null,
    kind: input.kind,
    subject: input.subject,
    body: input.body,
    sentOn: input.sentOn,
    createdBy: actor.userId,
  });
  await recordAudit(tx, actor, { action: 'intercept.outreach.log', entityType: 'intercept_outreach', entityId: row.id, after: input });
  return { id: row.id, insurerId: row.insurerId, insurerName: null, kind: row.kind, subject: row.subject, body: row.body, sentOn: row.sentOn };
}

/** The outreach log: state staff see everything; an insurer sees bulletins and what was sent to it. */
export async function listOutreach(tx: Tx, actor: Actor, options: { since?: CalendarDate } = {}): Promise<OutreachEntry[]> {
  const filter = rowFilter(actor);
  // Staff who see only one LCSA read the log only if they manage the programme.
  if (filter.kind === 'lcsa') authorize(actor, 'intercept.manage');
  const rows = await outreachInScope(tx, filter, options.since);
  return rows.map(({ entry, insurerName }) => ({
    id: entry.id,
    insurerId: entry.insurerId,
    insurerName,
    kind: entry.kind,
    subject: entry.subject,
    body: entry.body,
    sentOn: entry.sentOn,
  }));
}
