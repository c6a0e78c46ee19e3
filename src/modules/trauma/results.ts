/** A closed campaign's results under small-group suppression, with the comparison to the campaign before it. */
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { type Actor } from '../../platform/auth/actor';
import { authorize, isLcsaInScope, lcsaListScope, visibleUnits } from '../../platform/auth/scope';
import type { Tx } from '../../platform/db/connect';
import { todayInCalifornia } from '../../platform/dates';
import { AppError } from '../../platform/errors';
import { orgUnitNames } from '../training/index';
import { type Results } from './contract';
import { traumaPolicyOn } from './domain/policy';
import { groupResults, type ResultsFilter } from './domain/results';
import { campaignInScope, campaignStatus, type CampaignRow } from './campaigns';
import { instrumentOf } from './instruments';
import { traumaActions, traumaCampaigns, traumaResponses } from './schema';

export async function campaignResults(tx: Tx, actor: Actor, campaignId: string, filter: ResultsFilter, today = todayInCalifornia()): Promise<Results> {
  authorize(actor, 'trauma.read');
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
  const unitsInScope = visibleUnits(actor);
  const shownUnits = unitsInScope ? new Set(unitsInScope) : null;
  const resultsOf = async (row: CampaignRow) => {
    const responses = await tx
      .select({ orgUnitId: traumaResponses.orgUnitId, roleGroup: traumaResponses.roleGroup, answers: traumaResponses.answers })
      .from(traumaResponses)
      .where(eq(traumaResponses.campaignId, row.id));
    return groupResults(instrument, responses, filter, {
      k: row.minGroupSize,
      target: row.targetScore,
      policy: traumaPolicyOn(row.opensOn),
      unitNames: names,
      visibleUnits: shownUnits,
    });
  };
  const results = await resultsOf(campaign);
  const sameInstrument = await tx
    .select()
    .from(traumaCampaigns)
    .where(
      and(
        eq(traumaCampaigns.instrumentId, campaign.instrumentId),
        lcsaListScope(actor, traumaCampaigns.orgUnitIds),
        sql`${traumaCampaigns.opensOn} <= ${campaign.opensOn}`,
      ),
    )
    .orderBy(asc(traumaCampaigns.opensOn));
  const trend = [];
  for (const row of sameInstrument.filter((c) => campaignStatus(c, today) === 'closed')) {
    const r = row.id === campaign.id ? results : await resultsOf(row);
    trend.push({ campaignId: row.id, title: row.title, closesOn: row.closedEarlyOn ?? row.closesOn, overall: r.overall, domains: r.domains });
  }
  const actions = await tx
    .select({ gapKind: traumaActions.gapKind, gapId: traumaActions.gapId, n: sql<number>`count(*)::int` })
    .from(traumaActions)
    .where(inArray(traumaActions.status, ['planned', 'in_progress', 'done']))
    .groupBy(traumaActions.gapKind, traumaActions.gapId);
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
