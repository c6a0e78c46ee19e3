/**
 * Assessment campaigns over stored data: instruments (Concord's own, licensed ones loaded as
 * configuration), campaigns over org units with one anonymous invitation per member of staff, the
 * anonymous survey, and results under small-group suppression. Administrators at the state run
 * campaigns; LCSA administrators see their own LCSA's unit; the survey itself needs no sign-in — its link
 * is the invitation, and the answers are stored with nothing that leads back to a person.
 */
import crypto from 'node:crypto';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/audit';
import { anonymousActor, type Actor } from '../../platform/auth/actor';
import { authorize, isLcsaInScope, lcsaListScope, requireSignedIn, visibleUnits } from '../../platform/auth/scope';
import type { Tx } from '../../platform/db/connect';
import { addDays, todayInCalifornia } from '../../platform/dates';
import { AppError } from '../../platform/errors';
import type { PiiKeys } from '../../platform/pii/keys';
import { readJsonDocument } from '../../platform/schema-problems';
import { orgUnitNames, staffInUnits } from '../training/index';
import {
  InstrumentSchema,
  type Campaign,
  type Instrument,
  type InstrumentSummary,
  type MySurvey,
  type NewCampaign,
  type Results,
  type Survey,
  type SurveyAnswers,
} from './contract';
import { concordInstrument } from './domain/concord-instrument';
import { answerProblems, instrumentProblems } from './domain/instrument';
import { traumaPolicyOn } from './domain/policy';
import { groupResults, type ResultsFilter } from './domain/results';
import { traumaActions, traumaCampaigns, traumaInstruments, traumaInvitations, traumaResponses } from './schema';

type CampaignRow = typeof traumaCampaigns.$inferSelect;

/** Concord's own instrument, loaded with the reference data (idempotent). */
export async function loadShippedInstrument(tx: Tx): Promise<void> {
  await tx
    .insert(traumaInstruments)
    .values({ code: concordInstrument.code, version: concordInstrument.version, definition: concordInstrument, isShipped: true })
    .onConflictDoNothing();
}

type InstrumentRow = typeof traumaInstruments.$inferSelect;

function instrumentSummary(r: InstrumentRow): InstrumentSummary {
  return {
    id: r.id,
    code: r.code,
    version: r.version,
    title: r.definition.title.en,
    source: r.definition.source,
    items: r.definition.items.length,
    isShipped: r.isShipped,
  };
}

export async function listInstruments(tx: Tx, actor: Actor): Promise<InstrumentSummary[]> {
  authorize(actor, 'trauma.read');
  const rows = await tx.select().from(traumaInstruments).orderBy(asc(traumaInstruments.code), asc(traumaInstruments.version));
  return rows.map(instrumentSummary);
}

/** Reads an instrument document (a licensed instrument's configuration); every problem names file and path. */
export function readInstrument(text: string, source: string): Instrument {
  return readJsonDocument<Instrument>(text, source, InstrumentSchema, { notJson: 'instrument_not_json', invalid: 'instrument_is_invalid' }, instrumentProblems);
}

export async function loadInstrument(tx: Tx, actor: Actor, instrument: Instrument): Promise<InstrumentSummary> {
  authorize(actor, 'trauma.manage');
  const problems = instrumentProblems(instrument);
  if (problems.length > 0) throw new AppError('validation', 'instrument_is_invalid', `The instrument has ${problems.length} problem(s).`, problems);
  const [row] = await tx
    .insert(traumaInstruments)
    .values({ code: instrument.code, version: instrument.version, definition: instrument, isShipped: false, loadedBy: actor.userId })
    .onConflictDoNothing()
    .returning();
  if (!row)
    throw new AppError('conflict', 'instrument_version_exists', `${instrument.code} version ${instrument.version} is loaded already; load a new version.`, [
      { path: '/version', message: 'a new version number' },
    ]);
  await recordAudit(tx, actor, {
    action: 'trauma.instrument.load',
    entityType: 'trauma_instrument',
    entityId: row.id,
    after: { code: row.code, version: row.version },
  });
  return instrumentSummary(row);
}

async function instrumentOf(tx: Tx, id: string): Promise<Instrument> {
  const [row] = await tx.select({ definition: traumaInstruments.definition }).from(traumaInstruments).where(eq(traumaInstruments.id, id));
  if (!row)
    throw new AppError('not_found', 'instrument_not_found', `Instrument ${id} was not found.`, [{ path: '/instrumentId', message: 'a loaded instrument' }]);
  return row.definition;
}

export function campaignStatus(c: Pick<CampaignRow, 'opensOn' | 'closesOn' | 'closedEarlyOn'>, today: string): Campaign['status'] {
  if (c.closedEarlyOn !== null || today > c.closesOn) return 'closed';
  return today < c.opensOn ? 'scheduled' : 'open';
}

/**
 * The invitation's token: an HMAC of campaign and person under a key derived for this purpose alone, so
 * the link can be shown to its owner again without being stored; only its SHA-256 is kept.
 */
export function invitationToken(keys: PiiKeys, campaignId: string, userId: string): string {
  let key = invitationKeys.get(keys);
  if (!key) {
    key = Buffer.from(crypto.hkdfSync('sha256', keys.blindIndexKey, Buffer.alloc(0), 'concord/trauma/invitation', 32));
    invitationKeys.set(keys, key);
  }
  return crypto.createHmac('sha256', key).update(`${campaignId}:${userId}`).digest('base64url');
}
/** The invitation key of each key set, derived once (a campaign signs one token per member of staff). */
const invitationKeys = new WeakMap<PiiKeys, Buffer>();
const tokenHash = (token: string) => crypto.createHash('sha256').update(token).digest('hex');

/** Campaigns as the actor may see them, with response progress by org unit (one query for every campaign's counts). */
async function campaignViews(tx: Tx, actor: Actor, rows: CampaignRow[]): Promise<Campaign[]> {
  if (rows.length === 0) return [];
  const counts = await tx
    .select({
      campaignId: traumaInvitations.campaignId,
      orgUnitId: traumaInvitations.orgUnitId,
      invited: sql<number>`count(*)::int`,
      responded: sql<number>`count(*) filter (where ${traumaInvitations.isUsed})::int`,
    })
    .from(traumaInvitations)
    .where(
      inArray(
        traumaInvitations.campaignId,
        rows.map((r) => r.id),
      ),
    )
    .groupBy(traumaInvitations.campaignId, traumaInvitations.orgUnitId);
  const names = await orgUnitNames(tx);
  const instruments = await tx
    .select({ id: traumaInstruments.id, title: sql<string>`${traumaInstruments.definition}->'title'->>'en'` })
    .from(traumaInstruments)
    .where(inArray(traumaInstruments.id, [...new Set(rows.map((r) => r.instrumentId))]));
  const units = visibleUnits(actor);
  const today = todayInCalifornia();
  return rows.map((row) => {
    const visible = counts.filter((c) => c.campaignId === row.id && (!units || units.includes(c.orgUnitId)));
    return {
      id: row.id,
      title: row.title,
      instrumentId: row.instrumentId,
      instrumentTitle: instruments.find((i) => i.id === row.instrumentId)?.title ?? '',
      opensOn: row.opensOn,
      closesOn: row.closedEarlyOn ?? row.closesOn,
      status: campaignStatus(row, today),
      orgUnitIds: units ? row.orgUnitIds.filter((id) => units.includes(id)) : row.orgUnitIds,
      targetScore: row.targetScore,
      minGroupSize: row.minGroupSize,
      invited: visible.reduce((sum, c) => sum + c.invited, 0),
      responded: visible.reduce((sum, c) => sum + c.responded, 0),
      progress: visible
        .map((c) => ({ orgUnitId: c.orgUnitId, orgUnitName: names.get(c.orgUnitId) ?? c.orgUnitId, invited: c.invited, responded: c.responded }))
        .sort((a, b) => a.orgUnitName.localeCompare(b.orgUnitName)),
    };
  });
}

export async function listCampaigns(tx: Tx, actor: Actor): Promise<Campaign[]> {
  authorize(actor, 'trauma.read');
  const rows = await tx
    .select()
    .from(traumaCampaigns)
    .where(lcsaListScope(actor, traumaCampaigns.orgUnitIds))
    .orderBy(sql`${traumaCampaigns.opensOn} desc`);
  return campaignViews(tx, actor, rows);
}

async function campaignInScope(tx: Tx, actor: Actor, id: string, options: { forUpdate?: boolean } = {}): Promise<CampaignRow> {
  const query = tx
    .select()
    .from(traumaCampaigns)
    .where(and(eq(traumaCampaigns.id, id), lcsaListScope(actor, traumaCampaigns.orgUnitIds)));
  const [row] = options.forUpdate ? await query.for('update') : await query;
  if (!row) throw new AppError('not_found', 'campaign_not_found', `Campaign ${id} was not found.`);
  return row;
}

/** Opens a campaign: one invitation for each member of staff in its org units. */
export async function openCampaign(tx: Tx, keys: PiiKeys, actor: Actor, input: NewCampaign, today = todayInCalifornia()): Promise<Campaign> {
  authorize(actor, 'trauma.manage');
  const instrument = await instrumentOf(tx, input.instrumentId);
  const names = await orgUnitNames(tx);
  const problems = [
    ...input.orgUnitIds.flatMap((id, i) => (names.has(id) ? [] : [{ path: `/orgUnitIds/${i}`, message: `there is no org unit ${id}` }])),
    ...(input.closesOn < input.opensOn ? [{ path: '/closesOn', message: 'must be on or after the opening date' }] : []),
    ...(input.closesOn < today ? [{ path: '/closesOn', message: 'must not be in the past' }] : []),
    ...(input.targetScore !== undefined && (input.targetScore < instrument.scale.min || input.targetScore > instrument.scale.max)
      ? [{ path: '/targetScore', message: `must be on the instrument's scale (${instrument.scale.min}–${instrument.scale.max})` }]
      : []),
  ];
  if (problems.length > 0)
    throw new AppError('validation', 'campaign_is_invalid', `The campaign cannot open: ${problems.map((p) => p.message).join('; ')}.`, problems);
  const policy = traumaPolicyOn(input.opensOn);
  const orgUnitIds = [...new Set(input.orgUnitIds)];
  const [row] = await tx
    .insert(traumaCampaigns)
    .values({
      title: input.title,
      instrumentId: input.instrumentId,
      opensOn: input.opensOn,
      closesOn: input.closesOn,
      orgUnitIds,
      minGroupSize: policy.minGroupSize,
      targetScore: input.targetScore ?? instrument.defaultTarget,
      createdBy: actor.userId,
    })
    .returning();
  const staff = await staffInUnits(tx, orgUnitIds);
  for (let i = 0; i < staff.length; i += 500) {
    await tx
      .insert(traumaInvitations)
      .values(
        staff
          .slice(i, i + 500)
          .map((s) => ({ campaignId: row!.id, userId: s.userId, orgUnitId: s.orgUnitId, tokenHash: tokenHash(invitationToken(keys, row!.id, s.userId)) })),
      );
  }
  await recordAudit(tx, actor, {
    action: 'trauma.campaign.open',
    entityType: 'trauma_campaign',
    entityId: row!.id,
    after: { ...input, invited: staff.length },
  });
  return (await campaignViews(tx, actor, [row!]))[0]!;
}

export async function closeCampaign(tx: Tx, actor: Actor, id: string, today = todayInCalifornia()): Promise<Campaign> {
  authorize(actor, 'trauma.manage');
  const row = await campaignInScope(tx, actor, id, { forUpdate: true });
  if (campaignStatus(row, today) === 'closed') throw new AppError('conflict', 'campaign_already_closed', `Campaign “${row.title}” is closed already.`);
  const [closed] = await tx.update(traumaCampaigns).set({ closedEarlyOn: today }).where(eq(traumaCampaigns.id, id)).returning();
  await recordAudit(tx, actor, { action: 'trauma.campaign.close', entityType: 'trauma_campaign', entityId: id, after: { closedEarlyOn: today } });
  return (await campaignViews(tx, actor, [closed!]))[0]!;
}

/** Reminds the staff who have not answered an open campaign (at most once a week each): it shows in their surveys. */
export async function remindCampaign(tx: Tx, actor: Actor, id: string, today = todayInCalifornia()): Promise<{ reminded: number }> {
  authorize(actor, 'trauma.manage');
  const row = await campaignInScope(tx, actor, id);
  if (campaignStatus(row, today) !== 'open') throw new AppError('conflict', 'campaign_not_open', `Campaign “${row.title}” is not open.`);
  const reminded = await tx
    .update(traumaInvitations)
    .set({ remindedOn: today })
    .where(
      and(
        eq(traumaInvitations.campaignId, id),
        eq(traumaInvitations.isUsed, false),
        sql`(${traumaInvitations.remindedOn} is null or ${traumaInvitations.remindedOn} <= ${addDays(today, -7)})`,
      ),
    )
    .returning({ userId: traumaInvitations.userId });
  await recordAudit(tx, actor, { action: 'trauma.campaign.remind', entityType: 'trauma_campaign', entityId: id, detail: { reminded: reminded.length } });
  return { reminded: reminded.length };
}

/** The signed-in person's surveys: open campaigns that invited them, with their anonymous link's token. */
export async function mySurveys(tx: Tx, keys: PiiKeys, actor: Actor, today = todayInCalifornia()): Promise<MySurvey[]> {
  requireSignedIn(actor);
  const rows = await tx
    .select({ campaign: traumaCampaigns, isUsed: traumaInvitations.isUsed, remindedOn: traumaInvitations.remindedOn })
    .from(traumaInvitations)
    .innerJoin(traumaCampaigns, eq(traumaCampaigns.id, traumaInvitations.campaignId))
    .where(eq(traumaInvitations.userId, actor.userId!));
  return rows
    .filter((r) => campaignStatus(r.campaign, today) === 'open')
    .map((r) => ({
      campaignId: r.campaign.id,
      title: r.campaign.title,
      closesOn: r.campaign.closesOn,
      hasAnswered: r.isUsed,
      remindedOn: r.remindedOn,
      token: invitationToken(keys, r.campaign.id, actor.userId!),
    }));
}

async function invitationByToken(tx: Tx, token: string) {
  const [found] = await tx
    .select({ campaign: traumaCampaigns, isUsed: traumaInvitations.isUsed, orgUnitId: traumaInvitations.orgUnitId })
    .from(traumaInvitations)
    .innerJoin(traumaCampaigns, eq(traumaCampaigns.id, traumaInvitations.campaignId))
    .where(eq(traumaInvitations.tokenHash, tokenHash(token)));
  if (!found)
    throw new AppError('not_found', 'survey_link_unknown', 'This survey link is not valid. Use the link from your list of surveys.', [
      { path: '/token', message: 'unknown' },
    ]);
  return found;
}

/** The survey behind an anonymous link (no sign-in: the link is the invitation). */
export async function openSurvey(tx: Tx, token: string, today = todayInCalifornia()): Promise<Survey> {
  const { campaign, isUsed } = await invitationByToken(tx, token);
  return {
    campaignTitle: campaign.title,
    closesOn: campaign.closedEarlyOn ?? campaign.closesOn,
    hasAnswered: isUsed,
    isOpen: campaignStatus(campaign, today) === 'open',
    instrument: await instrumentOf(tx, campaign.instrumentId),
  };
}

/**
 * Stores one anonymous response and spends the invitation, in one transaction: the answers keep the org
 * unit and the role group the person chose, and nothing else; the audit records that a response came,
 * not from whom. A second answer through the same link is refused.
 */
export async function submitSurvey(tx: Tx, input: SurveyAnswers, requestId: string | null, today = todayInCalifornia()): Promise<{ thanks: true }> {
  const { campaign, isUsed } = await invitationByToken(tx, input.token);
  if (isUsed) throw new AppError('conflict', 'survey_already_answered', 'You have answered this survey already. Thank you.');
  if (campaignStatus(campaign, today) !== 'open') throw new AppError('conflict', 'campaign_not_open', `The survey “${campaign.title}” is not open.`);
  const instrument = await instrumentOf(tx, campaign.instrumentId);
  const problems = answerProblems(instrument, input.answers);
  if (Object.keys(input.answers).length === 0) problems.push({ path: '/answers', message: 'answer at least one statement' });
  if (problems.length > 0)
    throw new AppError(
      'validation',
      'survey_answers_invalid',
      `Some answers cannot be used: ${problems.map((p) => `${p.path} ${p.message}`).join('; ')}.`,
      problems,
    );
  const [spent] = await tx
    .update(traumaInvitations)
    .set({ isUsed: true })
    .where(and(eq(traumaInvitations.tokenHash, tokenHash(input.token)), eq(traumaInvitations.isUsed, false)))
    .returning({ orgUnitId: traumaInvitations.orgUnitId });
  if (!spent) throw new AppError('conflict', 'survey_already_answered', 'You have answered this survey already. Thank you.');
  await tx
    .insert(traumaResponses)
    .values({ campaignId: campaign.id, orgUnitId: spent.orgUnitId, roleGroup: input.roleGroup, language: input.language, answers: input.answers });
  await recordAudit(tx, anonymousActor(requestId), { action: 'trauma.response.submit', entityType: 'trauma_campaign', entityId: campaign.id });
  return { thanks: true };
}

/**
 * A closed campaign's results for a group, with the trend over earlier closed campaigns of the same
 * instrument and the number of plan actions aimed at each gap. LCSA administrators see their own LCSA's
 * unit only.
 */
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
