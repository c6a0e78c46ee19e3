/**
 * Insurer compliance and outreach. Per insurer, for a period: files received and the share of months
 * with a file (the reporting cadence), claims reported, matches, notices, answers, dollars remitted, and
 * the average days from match to notice and from notice to remittance; the licensed insurers that sent
 * nothing; and the outreach log (bulletins to every insurer, contacts with one). Export as XLSX.
 */
import { and, asc, desc, eq, gte, isNull, or, sql } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/audit';
import type { Actor } from '../../platform/auth/actor';
import { authorize, partnerOf, requireSignedIn, visibleUnits } from '../../platform/auth/scope';
import { partners } from '../../platform/auth/schema';
import type { Tx } from '../../platform/db/connect';
import { businessDate } from '../../platform/db/business-date';
import { queryRows } from '../../platform/db/rows';
import { addTableSheet, newWorkbook, workbookBuffer } from '../../platform/xlsx';
import { AppError } from '../../platform/errors';
import type { ComplianceReport, NewOutreach, OutreachEntry } from './contract';
import { interceptInsurers, interceptOutreach } from './schema';

/** Months from `from` to `to`, both included (YYYY-MM-DD → count of calendar months touched). */
function monthsIn(from: string, to: string): number {
  return (Number(to.slice(0, 4)) - Number(from.slice(0, 4))) * 12 + Number(to.slice(5, 7)) - Number(from.slice(5, 7)) + 1;
}

export async function complianceReport(tx: Tx, actor: Actor, period: { from: string; to: string }): Promise<ComplianceReport> {
  authorize(actor, 'intercept.manage');
  if (period.from > period.to)
    throw new AppError('validation', 'period_reversed', 'The period must start on or before it ends.', [{ path: 'from', message: 'after to' }]);
  const rows = await queryRows<ComplianceReport['insurers'][number]>(
    tx,
    sql`with f as (
          select insurer_id, count(*)::int as files, count(distinct to_char(${businessDate(sql`created_at`)}, 'YYYY-MM'))::int as months, sum(accepted_count)::int as claims,
                 sum(matched_count + review_count)::int as matches, max(${businessDate(sql`created_at`)})::text as last_file_on
          from intercept_claim_files where ${businessDate(sql`created_at`)} between ${period.from}::date and ${period.to}::date group by insurer_id),
        n as (
          select n.insurer_id, count(*)::int as notices,
                 count(*) filter (where exists (select 1 from intercept_notice_answers a where a.notice_id = n.id))::int as answered,
                 coalesce(sum(n.remitted_cents), 0)::bigint as remitted,
                 avg(n.notice_date - ${businessDate(sql`m.created_at`)})::float as days_to_notice,
                 avg((select min(a.on_date) from intercept_notice_answers a where a.notice_id = n.id and a.answer = 'remitted') - n.notice_date)::float as days_to_remit
          from intercept_notices n join intercept_matches m on m.id = n.match_id
          where n.notice_date between ${period.from}::date and ${period.to}::date group by n.insurer_id)
        select i.partner_id as "insurerId", p.name, i.naic_code as "naicCode", i.channel, i.is_licensed as "isLicensed",
               coalesce(f.files, 0) as "filesReceived", coalesce(f.months, 0) as "monthsWithFile", coalesce(f.claims, 0) as "claimsReported",
               coalesce(f.matches, 0) as matches, coalesce(n.notices, 0) as notices, coalesce(n.answered, 0) as "noticesAnswered",
               coalesce(n.remitted, 0)::float8 as "remittedCents", n.days_to_notice as "averageDaysMatchToNotice",
               n.days_to_remit as "averageDaysNoticeToRemittance", f.last_file_on as "lastFileOn"
        from intercept_insurers i join partners p on p.id = i.partner_id
        left join f on f.insurer_id = i.partner_id left join n on n.insurer_id = i.partner_id
        order by p.name`,
  );
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
  if (input.insurerId) {
    const [insurer] = await tx.select({ id: interceptInsurers.partnerId }).from(interceptInsurers).where(eq(interceptInsurers.partnerId, input.insurerId));
    if (!insurer) throw new AppError('not_found', 'insurer_not_found', `Insurer ${input.insurerId} is not registered.`);
  }
  const [row] = await tx
    .insert(interceptOutreach)
    .values({ insurerId: input.insurerId ?? null, kind: input.kind, subject: input.subject, body: input.body, sentOn: input.sentOn, createdBy: actor.userId })
    .returning();
  await recordAudit(tx, actor, { action: 'intercept.outreach.log', entityType: 'intercept_outreach', entityId: row!.id, after: input });
  return { id: row!.id, insurerId: row!.insurerId, insurerName: null, kind: row!.kind, subject: row!.subject, body: row!.body, sentOn: row!.sentOn };
}

/** The outreach log: state staff see everything; an insurer sees bulletins and what was sent to it. */
export async function listOutreach(tx: Tx, actor: Actor, options: { since?: string } = {}): Promise<OutreachEntry[]> {
  requireSignedIn(actor);
  const ownInsurer = partnerOf(actor);
  // Staff who see only some LCSAs read the log only if they manage the programme.
  if (ownInsurer === null && visibleUnits(actor)) authorize(actor, 'intercept.manage');
  const rows = await tx
    .select({ entry: interceptOutreach, insurerName: partners.name })
    .from(interceptOutreach)
    .leftJoin(partners, eq(partners.id, interceptOutreach.insurerId))
    .where(
      and(
        ownInsurer !== null ? or(isNull(interceptOutreach.insurerId), eq(interceptOutreach.insurerId, ownInsurer)) : undefined,
        options.since ? gte(interceptOutreach.sentOn, options.since) : undefined,
      ),
    )
    .orderBy(desc(interceptOutreach.sentOn), asc(interceptOutreach.subject))
    .limit(500);
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
