/** The plan's status report: every tactic with its goal, objective, owner, status, percent and next check-in — XLSX and PDF. */
import { renderLetter } from '../../platform/pdf/letter';
import { addTableSheet, newWorkbook, workbookBuffer } from '../../platform/xlsx';
import type { StaffTactic } from './contract';
import type { CalendarDate } from '../../platform/dates';

const percentText = (percent: number | null) => (percent === null ? 'no percent yet' : `${percent}%`);
const publishedText = (t: StaffTactic) => `published ${percentText(t.published.percent)}${t.published.asOf ? ` (${t.published.asOf})` : ''}`;
const liveText = (t: StaffTactic) => (t.live ? `live measure ${percentText(t.live.percent)} (${t.live.basis})` : 'no live measure');

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
      { header: 'Published status', key: 'statusText', width: 30 },
      { header: 'Published percent', key: 'publishedPercent', width: 12 },
      { header: 'Published on', key: 'publishedOn', width: 14 },
      { header: 'Live measure percent', key: 'livePercent', width: 12 },
      { header: 'Live measure', key: 'liveBasis', width: 60 },
      { header: 'Next check-in', key: 'nextCheckInDue', width: 14 },
      { header: 'Check-in overdue', key: 'overdue', width: 10 },
    ],
    tactics.map((t) => ({
      ...t,
      statusText: t.published.statusText,
      publishedPercent: t.published.percent,
      publishedOn: t.published.asOf,
      livePercent: t.live?.percent ?? null,
      liveBasis: t.live?.basis ?? 'Reported by the owner only',
      overdue: t.isCheckInOverdue ? 'yes' : 'no',
    })),
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
      `• ${t.title} (${t.objectiveTitle}) — ${publishedText(t)}; ${liveText(t)}. Status: ${t.published.statusText}. Owner: ${t.ownerName ?? 'none'}; next check-in ${t.nextCheckInDue}${t.isCheckInOverdue ? ' (overdue)' : ''}.`,
    );
  }
  const measured = tactics.filter((t) => t.published.percent !== null);
  return renderLetter({
    title: `${title}: status report`,
    heading: ['California Department of Child Support Services', `As of ${asOf}`],
    facts: [
      ['Tactics', String(tactics.length)],
      ['With a published percent', String(measured.length)],
      ['With a live measure', String(tactics.filter((t) => t.live?.percent != null).length)],
      ['Check-ins overdue', String(tactics.filter((t) => t.isCheckInOverdue).length)],
    ],
    paragraphs,
    footer: `Strategic plan status ${asOf}`,
    producedAt: new Date(),
  });
}
