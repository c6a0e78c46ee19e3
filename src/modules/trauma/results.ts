/** A closed campaign's results under small-group suppression, with the comparison to the campaign before it. */
import { type Actor } from '../../platform/auth/actor';
import { authorize, isLcsaInScope, rowFilter, visibleUnits } from '../../platform/auth/scope';
import type { Tx } from '../../platform/db/connect';
import { todayInCalifornia } from '../../platform/dates';
import { AppError } from '../../platform/errors';
import { orgUnitNames } from '../training/index';
import { type Results } from './contract';
import { traumaPolicyOn } from './domain/policy';
import { groupResults, type ResultsFilter } from './domain/results';
import { campaignInScope, campaignStatus, type CampaignRow } from './campaigns';
import { instrumentOf } from './instruments';
import { mixAnswers } from './survey';
import type { PiiKeys } from '../../platform/pii/keys';
import { actionsPerGap, campaignsIn, latestClosedFamilyCampaign, responsesOf } from './store';
import { shareMetric, type ProgressMetric } from '../../platform/progress-metric';
import type { CalendarDate } from '../../platform/dates';
import { respondentScores } from './domain/scoring';

export async function campaignResults(
  tx: Tx,
  keys: PiiKeys,
  actor: Actor,
  campaignId: string,
  asked: ResultsFilter,
  today = todayInCalifornia(),
): Promise<Results> {
  authorize(actor, 'trauma.read');
  // An LCSA's staff see their own LCSA's results only: a campaign's combined figures, beside their own,
  // would let them subtract down to the other agencies' answers.
  const ownUnits = visibleUnits(actor);
  const filter = ownUnits?.length === 1 && asked.orgUnitId === undefined ? { ...asked, orgUnitId: ownUnits[0] } : asked;
  if (filter.orgUnitId !== undefined && !isLcsaInScope(actor, filter.orgUnitId))
    throw new AppError('forbidden', 'org_unit_out_of_scope', "You may see only your own LCSA's results.", [{ path: '/orgUnitId', message: 'your own LCSA' }]);
  const campaign = await campaignInScope(tx, actor, campaignId);
  // Results that changed as each person answered would show that person's answers (the difference
  // between two looks): they exist only once the campaign has closed and its answers are final.
  if (campaignStatus(campaign, today) !== 'closed')
    throw new AppError(
      'conflict',
      'campaign_still_open',
      `Results of “${campaign.title}” are shown when it closes (${campaign.closesOn}): results that changed with each answer would reveal it.`,
    );
  const instrument = await instrumentOf(tx, campaign.instrumentId);
  const names = await orgUnitNames(tx);
  const shownUnits = ownUnits ? new Set(ownUnits) : null;
  const resultsOf = async (row: CampaignRow) => {
    // Answers still waiting when the campaign closed are mixed in now, with every earlier response.
    await mixAnswers(tx, keys, row.id, row.minGroupSize, true);
    const responses = await responsesOf(tx, row.id);
    return groupResults(instrument, responses, filter, {
      k: row.minGroupSize,
      target: row.targetScore,
      policy: traumaPolicyOn(row.opensOn),
      unitNames: names,
      visibleUnits: shownUnits,
    });
  };
  const results = await resultsOf(campaign);
  const sameInstrument = await campaignsIn(tx, rowFilter(actor), campaign);
  const trend = [];
  for (const row of sameInstrument.filter((c) => campaignStatus(c, today) === 'closed')) {
    const r = row.id === campaign.id ? results : await resultsOf(row);
    trend.push({ campaignId: row.id, title: row.title, closesOn: row.closedEarlyOn ?? row.closesOn, overall: r.overall, domains: r.domains });
  }
  const actions = await actionsPerGap(tx);
  return {
    campaignId: campaign.id,
    campaignTitle: campaign.title,
    filter: { orgUnitId: filter.orgUnitId ?? null, roleGroup: filter.roleGroup ?? null },
    minGroupSize: campaign.minGroupSize,
    scale: { min: instrument.scale.min, max: instrument.scale.max },
    target: campaign.targetScore,
    ...results,
    gaps: results.gaps.map((g) => ({ ...g, actions: actions.find((a) => a.gapKind === g.kind && a.gapId === g.id)?.n ?? 0 })),
    trend,
  };
}

/**
 * The plan's live measure of families' experience: of the families who answered the newest families'
 * survey that has closed, the share whose overall score reaches the campaign's target. Shown only when at
 * least the campaign's minimum group answered (a smaller count is no measure and could point at a
 * family); answers are counted once they are mixed into the responses.
 */
export async function familiesExperienceMetric(tx: Tx, asOf: CalendarDate): Promise<ProgressMetric> {
  const meta = { key: 'trauma.families_experience', label: "Families' experience: answers at or above the target", asOf, what: 'families' };
  const campaign = await latestClosedFamilyCampaign(tx, asOf);
  if (!campaign) return shareMetric(0, 0, { ...meta, emptyNote: "No families' survey has closed yet." });
  const instrument = await instrumentOf(tx, campaign.instrumentId);
  const overall = (await responsesOf(tx, campaign.id)).flatMap((r) => respondentScores(instrument, r.answers, () => 'overall').get('overall') ?? []);
  if (overall.length < campaign.minGroupSize)
    return shareMetric(0, 0, { ...meta, emptyNote: `Fewer than ${campaign.minGroupSize} families answered “${campaign.title}”: too few to show.` });
  return shareMetric(overall.filter((score) => score >= campaign.targetScore).length, overall.length, {
    ...meta,
    emptyNote: '',
    what: `families who answered “${campaign.title}” rate their experience at or above ${campaign.targetScore} of ${instrument.scale.max}`,
  });
}
