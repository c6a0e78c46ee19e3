/** The plan's status report: every tactic with its goal, objective, owner, status, percent and next check-in — XLSX and PDF. */
import { renderLetter } from '../../platform/pdf/letter';
import { addTableSheet, newWorkbook, workbookBuffer } from '../../platform/xlsx';
import type { StaffTactic } from './contract';
import type { CalendarDate } from '../../platform/dates';

const percentText = (t: StaffTactic) => (t.percent === null ? 'no percent yet' : `${t.percent}%`);

export async function statusReportXlsx(tactics: StaffTactic[]): Promise<Buffer> {
  const workbook = newWorkbook();
  addTableSheet(
    workbook,
    'Tactics',
    [
      { header: 'Goal', key: 'goalTitle', width: 40 },
      { header: 'Objective', key: 'objectiveTitle', width: 44 },
      { header: 'Tactic', key: 'title', width: 48 },
      { header: 'Owner', key: 'ownerName', width: 22 },
      { header: 'Current status', key: 'statusText', width: 30 },
      { header: 'Percent complete', key: 'percent', width: 12 },
      { header: 'Progress from', key: 'basis', width: 60 },
      { header: 'Next check-in', key: 'nextCheckInDue', width: 14 },
      { header: 'Check-in overdue', key: 'overdue', width: 10 },
    ],
    tactics.map((t) => ({ ...t, overdue: t.isCheckInOverdue ? 'yes' : 'no' })),
  );
  return workbookBuffer(workbook);
}

export async function statusReportPdf(tactics: StaffTactic[], title: string, asOf: CalendarDate): Promise<Uint8Array> {
  const paragraphs: string[] = [];
  let goal = '';
  for (const t of tactics) {
    if (t.goalTitle !== goal) {
      goal = t.goalTitle;
      paragraphs.push(`Goal: ${goal}`);
    }
    paragraphs.push(
      `• ${t.title} (${t.objectiveTitle}) — ${percentText(t)}. Status: ${t.statusText}. ${t.basis}. Owner: ${t.ownerName ?? 'none'}; next check-in ${t.nextCheckInDue}${t.isCheckInOverdue ? ' (overdue)' : ''}.`,
    );
  }
  const measured = tactics.filter((t) => t.percent !== null);
  return renderLetter({
    title: `${title}: status report`,
    heading: ['California Department of Child Support Services', `As of ${asOf}`],
    facts: [
      ['Tactics', String(tactics.length)],
      ['With a percent complete', String(measured.length)],
      ['Check-ins overdue', String(tactics.filter((t) => t.isCheckInOverdue).length)],
    ],
    paragraphs,
    footer: `Strategic plan status ${asOf}`,
    producedAt: new Date(),
  });
}
