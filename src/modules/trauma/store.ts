/**
 * The trauma module's SQL over its own tables: instruments, campaigns with their invitations and
 * anonymous responses, and the action plan's phases and actions. A campaign belongs to the LCSAs (org
 * units) it surveys: the store applies the actor's row filter to that list. A response carries no
 * account: invitations say who was asked, responses what was answered, and nothing joins them.
 */
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { scopeSql, type RowFilter } from '../../platform/auth/scope';
import type { Tx } from '../../platform/db/connect';
import type { Instrument } from './contract';
import { traumaActions, traumaCampaigns, traumaInstruments, traumaInvitations, traumaPhases, traumaResponseInbox, traumaResponses } from './schema';
import type { CalendarDate } from '../../platform/dates';

export type CampaignRow = typeof traumaCampaigns.$inferSelect;
export type InstrumentRow = typeof traumaInstruments.$inferSelect;
export type ActionRow = typeof traumaActions.$inferSelect;

const campaignScope = (filter: RowFilter) => scopeSql(filter, { lcsaList: traumaCampaigns.orgUnitIds });

// Instruments

/** Stores an instrument version; undefined when that code and version are loaded already. */
export async function insertInstrument(
  tx: Tx,
  instrument: Instrument,
  options: { isShipped: boolean; loadedBy: string | null },
): Promise<InstrumentRow | undefined> {
  const [row] = await tx
    .insert(traumaInstruments)
    .values({ code: instrument.code, version: instrument.version, definition: instrument, ...options })
    .onConflictDoNothing()
    .returning();
  return row;
}

export async function allInstruments(tx: Tx): Promise<InstrumentRow[]> {
  return tx.select().from(traumaInstruments).orderBy(asc(traumaInstruments.code), asc(traumaInstruments.version));
}

export async function instrumentDefinition(tx: Tx, id: string): Promise<Instrument | undefined> {
  const [row] = await tx.select({ definition: traumaInstruments.definition }).from(traumaInstruments).where(eq(traumaInstruments.id, id));
  return row?.definition;
}

/** The English titles of these instruments, by id. */
export async function instrumentTitles(tx: Tx, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await tx
    .select({ id: traumaInstruments.id, title: sql<string>`${traumaInstruments.definition}->'title'->>'en'` })
    .from(traumaInstruments)
    .where(inArray(traumaInstruments.id, [...new Set(ids)]));
  return new Map(rows.map((r) => [r.id, r.title]));
}

// Campaigns and invitations

/** Campaigns in the filter, newest first; only those of one instrument opening by a date, oldest first, given `sameInstrumentAs`. */
export async function campaignsIn(tx: Tx, filter: RowFilter, sameInstrumentAs?: Pick<CampaignRow, 'instrumentId' | 'opensOn'>): Promise<CampaignRow[]> {
  if (sameInstrumentAs)
    return tx
      .select()
      .from(traumaCampaigns)
      .where(
        and(
          campaignScope(filter),
          eq(traumaCampaigns.instrumentId, sameInstrumentAs.instrumentId),
          sql`${traumaCampaigns.opensOn} <= ${sameInstrumentAs.opensOn}`,
        ),
      )
      .orderBy(asc(traumaCampaigns.opensOn));
  return tx
    .select()
    .from(traumaCampaigns)
    .where(campaignScope(filter))
    .orderBy(sql`${traumaCampaigns.opensOn} desc`);
}

export async function findCampaign(tx: Tx, filter: RowFilter, id: string, options: { forUpdate?: boolean } = {}): Promise<CampaignRow | undefined> {
  const query = tx
    .select()
    .from(traumaCampaigns)
    .where(and(eq(traumaCampaigns.id, id), campaignScope(filter)));
  const [row] = options.forUpdate ? await query.for('update') : await query;
  return row;
}

export async function insertCampaign(tx: Tx, campaign: typeof traumaCampaigns.$inferInsert): Promise<CampaignRow> {
  const [row] = await tx.insert(traumaCampaigns).values(campaign).returning();
  return row!;
}

export async function closeCampaignOn(tx: Tx, id: string, on: CalendarDate): Promise<CampaignRow> {
  const [row] = await tx.update(traumaCampaigns).set({ closedEarlyOn: on }).where(eq(traumaCampaigns.id, id)).returning();
  return row!;
}

/** Invites these people, 500 to a statement; an invitation that exists is kept as it is. */
export async function insertInvitations(tx: Tx, invitations: (typeof traumaInvitations.$inferInsert)[]): Promise<void> {
  for (let i = 0; i < invitations.length; i += 500)
    await tx
      .insert(traumaInvitations)
      .values(invitations.slice(i, i + 500))
      .onConflictDoNothing();
}

/** Families' campaigns over this LCSA that have not closed early (the caller checks the dates). */
export async function openFamilyCampaigns(tx: Tx, orgUnitId: string): Promise<CampaignRow[]> {
  return tx
    .select()
    .from(traumaCampaigns)
    .where(
      and(eq(traumaCampaigns.audience, 'families'), sql`${orgUnitId} = any(${traumaCampaigns.orgUnitIds})`, sql`${traumaCampaigns.closedEarlyOn} is null`),
    );
}

/** The newest families' campaign closed by this date, if any. */
export async function latestClosedFamilyCampaign(tx: Tx, asOf: CalendarDate): Promise<CampaignRow | undefined> {
  const [row] = await tx
    .select()
    .from(traumaCampaigns)
    .where(and(eq(traumaCampaigns.audience, 'families'), sql`coalesce(${traumaCampaigns.closedEarlyOn}, ${traumaCampaigns.closesOn} + 1) <= ${asOf}`))
    .orderBy(sql`coalesce(${traumaCampaigns.closedEarlyOn}, ${traumaCampaigns.closesOn}) desc`)
    .limit(1);
  return row;
}

/** Invited and answered, per campaign and org unit. */
export async function invitationCounts(tx: Tx, campaignIds: readonly string[]) {
  if (campaignIds.length === 0) return [];
  return tx
    .select({
      campaignId: traumaInvitations.campaignId,
      orgUnitId: traumaInvitations.orgUnitId,
      invited: sql<number>`count(*)::int`,
      responded: sql<number>`count(*) filter (where ${traumaInvitations.isUsed})::int`,
    })
    .from(traumaInvitations)
    .where(inArray(traumaInvitations.campaignId, [...campaignIds]))
    .groupBy(traumaInvitations.campaignId, traumaInvitations.orgUnitId);
}

/** Marks as reminded today the invitations not yet answered and not reminded since `notSince`; returns how many. */
export async function remindUnanswered(tx: Tx, campaignId: string, today: CalendarDate, notSince: CalendarDate): Promise<number> {
  const reminded = await tx
    .update(traumaInvitations)
    .set({ remindedOn: today })
    .where(
      and(
        eq(traumaInvitations.campaignId, campaignId),
        eq(traumaInvitations.isUsed, false),
        sql`(${traumaInvitations.remindedOn} is null or ${traumaInvitations.remindedOn} <= ${notSince})`,
      ),
    )
    .returning({ userId: traumaInvitations.userId });
  return reminded.length;
}

/** A person's invitations, with their campaigns. */
export async function invitationsOf(tx: Tx, userId: string) {
  return tx
    .select({ campaign: traumaCampaigns, isUsed: traumaInvitations.isUsed, remindedOn: traumaInvitations.remindedOn })
    .from(traumaInvitations)
    .innerJoin(traumaCampaigns, eq(traumaCampaigns.id, traumaInvitations.campaignId))
    .where(eq(traumaInvitations.userId, userId));
}

/** The invitation a survey link's token hash stands for, with its campaign. */
export async function invitationByTokenHash(tx: Tx, hash: string) {
  const [found] = await tx
    .select({ campaign: traumaCampaigns, isUsed: traumaInvitations.isUsed, orgUnitId: traumaInvitations.orgUnitId })
    .from(traumaInvitations)
    .innerJoin(traumaCampaigns, eq(traumaCampaigns.id, traumaInvitations.campaignId))
    .where(eq(traumaInvitations.tokenHash, hash));
  return found;
}

/**
 * Spends an invitation and stores the anonymous response in the same transaction; undefined when the
 * invitation was spent already (two submissions racing: one wins).
 */
/** Spends an unused invitation and keeps its sealed answers in the inbox; undefined when it was spent already. */
export async function spendInvitationAndSeal(tx: Tx, hash: string, seal: (orgUnitId: string) => string): Promise<{ campaignId: string } | undefined> {
  const [spent] = await tx
    .update(traumaInvitations)
    .set({ isUsed: true })
    .where(and(eq(traumaInvitations.tokenHash, hash), eq(traumaInvitations.isUsed, false)))
    .returning({ campaignId: traumaInvitations.campaignId, orgUnitId: traumaInvitations.orgUnitId });
  if (!spent) return undefined;
  await tx.insert(traumaResponseInbox).values({ campaignId: spent.campaignId, sealed: seal(spent.orgUnitId) });
  return { campaignId: spent.campaignId };
}

/** The sealed answers waiting in a campaign's inbox, locked until the transaction ends (one mixer at a time). */
export async function inboxOf(tx: Tx, campaignId: string) {
  return tx.select().from(traumaResponseInbox).where(eq(traumaResponseInbox.campaignId, campaignId)).for('update');
}

/**
 * Moves answers from the inbox into the responses, in the order given; with `isRewritingAll`, the
 * campaign's earlier responses are written again with them, so that every response shares one xmin.
 */
export async function mixIntoResponses(
  tx: Tx,
  campaignId: string,
  inboxIds: string[],
  answers: Omit<typeof traumaResponses.$inferInsert, 'id' | 'campaignId'>[],
  isRewritingAll: boolean,
): Promise<number> {
  const earlier = isRewritingAll
    ? await tx.delete(traumaResponses).where(eq(traumaResponses.campaignId, campaignId)).returning({
        orgUnitId: traumaResponses.orgUnitId,
        roleGroup: traumaResponses.roleGroup,
        language: traumaResponses.language,
        answers: traumaResponses.answers,
      })
    : [];
  if (inboxIds.length > 0) await tx.delete(traumaResponseInbox).where(inArray(traumaResponseInbox.id, inboxIds));
  const rows = [...earlier, ...answers].map((a) => ({ ...a, campaignId }));
  if (rows.length > 0) await tx.insert(traumaResponses).values(rows);
  return rows.length;
}

export async function responsesOf(tx: Tx, campaignId: string) {
  return tx
    .select({ orgUnitId: traumaResponses.orgUnitId, roleGroup: traumaResponses.roleGroup, answers: traumaResponses.answers })
    .from(traumaResponses)
    .where(eq(traumaResponses.campaignId, campaignId));
}

// The action plan

/** Adds a phase; undefined when its number is taken. */
export async function insertPhase(tx: Tx, phase: typeof traumaPhases.$inferInsert): Promise<{ id: string } | undefined> {
  const [row] = await tx.insert(traumaPhases).values(phase).onConflictDoNothing().returning({ id: traumaPhases.id });
  return row;
}

export async function phaseExists(tx: Tx, id: string): Promise<boolean> {
  const [phase] = await tx.select({ id: traumaPhases.id }).from(traumaPhases).where(eq(traumaPhases.id, id));
  return phase !== undefined;
}

export async function allPhases(tx: Tx) {
  return tx.select().from(traumaPhases).orderBy(asc(traumaPhases.ordinal));
}

export async function insertAction(tx: Tx, action: typeof traumaActions.$inferInsert): Promise<ActionRow> {
  const [row] = await tx.insert(traumaActions).values(action).returning();
  return row!;
}

export async function actionForUpdate(tx: Tx, id: string): Promise<ActionRow | undefined> {
  const [row] = await tx.select().from(traumaActions).where(eq(traumaActions.id, id)).for('update');
  return row;
}

export async function setActionRowStatus(tx: Tx, id: string, change: Pick<ActionRow, 'status' | 'completedOn'>): Promise<ActionRow> {
  const [row] = await tx
    .update(traumaActions)
    .set({ ...change, updatedAt: new Date() })
    .where(eq(traumaActions.id, id))
    .returning();
  return row!;
}

/** Every action, soonest due first. */
export async function allActions(tx: Tx): Promise<ActionRow[]> {
  return tx.select().from(traumaActions).orderBy(asc(traumaActions.dueOn), asc(traumaActions.title));
}

/** How many live actions (planned, under way or done) address each gap. */
export async function actionsPerGap(tx: Tx) {
  return tx
    .select({ gapKind: traumaActions.gapKind, gapId: traumaActions.gapId, n: sql<number>`count(*)::int` })
    .from(traumaActions)
    .where(inArray(traumaActions.status, ['planned', 'in_progress', 'done']))
    .groupBy(traumaActions.gapKind, traumaActions.gapId);
}
