/**
 * The campaign report as a PDF: the group and its size, the overall score and stage, scores by domain and
 * principle against the target, the ranked gaps, the heat map by org unit and the trend — with every
 * suppressed figure written as "fewer than k", exactly as the screen shows it.
 */
import { renderLetter } from '../../platform/pdf/letter';
import type { Results } from './contract';
import { stages } from './domain/framework';

const scoreText = (score: number | null, k: number) => (score === null ? `not shown (fewer than ${k} respondents)` : score.toFixed(2));

export async function resultsPdf(results: Results, groupName: string): Promise<{ fileName: string; pdf: Uint8Array }> {
  const k = results.minGroupSize;
  const stage = stages.find((s) => s.id === results.stage)?.label ?? 'not shown';
  const paragraphs: string[] = [];
  if (results.isSuppressed)
    paragraphs.push(`Fewer than ${k} people in this group answered, or the group could be worked out from others: no results are shown.`);
  else {
    paragraphs.push(
      `Scores are means on a ${results.scale.min}–${results.scale.max} scale; higher is more trauma-informed. Target: ${results.target.toFixed(2)}.`,
    );
    paragraphs.push('Implementation domains (SAMHSA):');
    for (const d of results.domains) paragraphs.push(`• ${d.label}: ${scoreText(d.score, k)}`);
    paragraphs.push('Key principles (SAMHSA):');
    for (const p of results.principles) paragraphs.push(`• ${p.label}: ${scoreText(p.score, k)}`);
    paragraphs.push('Gaps to the target, largest first:');
    if (results.gaps.length === 0) paragraphs.push('• None: every shown score meets the target.');
    for (const g of results.gaps)
      paragraphs.push(`• ${g.rank}. ${g.label} (${g.kind}): ${g.score.toFixed(2)}, ${g.gap.toFixed(2)} below target; ${g.actions} action(s) in the plan`);
  }
  paragraphs.push('By org unit (implementation domains, in the order above):');
  for (const row of results.heatMap)
    paragraphs.push(
      row.isSuppressed
        ? `• ${row.orgUnitName}: not shown (fewer than ${k} respondents, or it could be worked out from the others)`
        : `• ${row.orgUnitName}: ${row.cells.map((c) => (c.score === null ? '—' : c.score.toFixed(1))).join(' · ')}`,
    );
  paragraphs.push('Trend across campaigns of the same instrument:');
  for (const t of results.trend) paragraphs.push(`• ${t.title} (closed ${t.closesOn}): overall ${scoreText(t.overall, k)}`);
  const pdf = await renderLetter({
    title: `Trauma-informed organisation assessment — ${results.campaignTitle}`,
    heading: ['California Department of Child Support Services', `Group: ${groupName}`],
    facts: [
      ['Respondents', results.respondents === null ? `fewer than ${k}, or not shown` : String(results.respondents)],
      ['Overall score', scoreText(results.overall, k)],
      ['Stage (Missouri Model)', stage],
      ['Results shown for groups of', `${k} or more`],
    ],
    paragraphs,
    footer: `Campaign ${results.campaignId}`,
    producedAt: new Date(),
  });
  return { fileName: `trauma-assessment-${results.campaignId.slice(0, 8)}.pdf`, pdf };
}
