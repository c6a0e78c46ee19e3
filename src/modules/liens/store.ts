/**
 * The liens module's SQL over its own tables (liens and their events, releases, payoff demands,
 * subordinations), with the registry's names (LCSAs, counties, people) read through the registry's
 * functions, never its tables. Services pass the actor's row filter; the store applies it to a lien's
 * LCSA, and to the LCSAs (or the partner) a demand or subordination belongs to.
 */
import { and, asc, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import { partners } from '../../platform/auth/schema';
import { scopeSql, type RowFilter } from '../../platform/auth/scope';
import { compareText } from '../../platform/compare';
import type { Tx } from '../../platform/db/connect';
import { queryRows } from '../../platform/db/rows';
import { contains, startsWith } from '../../platform/db/like';
import { countDue, type WorkCount } from '../../platform/work/work';
import { caseIdsByNumberSql, countyNames, findPersons, lcsaNames, personName, personNameSql } from '../registry/index';
import { windowRows, type ListWindow } from '../../platform/lists/lists';
import type { LienReport } from './contract';
import {
  lienDemandDocuments,
  lienEvents,
  lienParentRequests,
  lienPayoffDemands,
  lienReleases,
  liens,
  lienSubordinations,
  lienWrongPersonRequests,
} from './schema';
import type { CalendarDate, Period } from '../../platform/dates';

export type LienRow = typeof liens.$inferSelect;
export type LienStatus = LienRow['status'];
export type ReleaseRow = typeof lienReleases.$inferSelect;
export type DemandRow = typeof lienPayoffDemands.$inferSelect;
export type SubordinationRow = typeof lienSubordinations.$inferSelect;
type NewEvent = typeof lienEvents.$inferInsert;

/** Which liens: each field given narrows the set; `filter` limits it to the LCSAs an actor reaches. */
export interface LienSelection {
  filter?: RowFilter;
  id?: string;
  personIds?: readonly string[];
  countyFips?: string;
  statuses?: readonly LienStatus[];
  releaseId?: string;
}

function selecting(selection: LienSelection): SQL | undefined {
  return and(
    selection.filter ? scopeSql(selection.filter, { lcsa: liens.lcsaId }) : undefined,
    selection.id ? eq(liens.id, selection.id) : undefined,
    selection.personIds ? inArray(liens.personId, [...selection.personIds]) : undefined,
    selection.countyFips ? eq(liens.countyFips, selection.countyFips) : undefined,
    selection.statuses ? inArray(liens.status, [...selection.statuses]) : undefined,
    selection.releaseId ? eq(liens.releaseId, selection.releaseId) : undefined,
  );
}

// Liens and their events

/** The selected liens, soonest due first (the first `limit` of them, when given). */
export async function selectLiens(tx: Tx, selection: LienSelection, limit?: number): Promise<LienRow[]> {
  if (selection.personIds?.length === 0) return [];
  const query = tx.select().from(liens).where(selecting(selection)).orderBy(asc(liens.dueBy), asc(liens.countyFips));
  return limit === undefined ? query : query.limit(limit);
}

/**
 * One window of the selected liens and how many there are; `q` narrows to a case number that starts with it
 * or a county whose name contains it.
 */
export async function pageLiens(tx: Tx, selection: LienSelection & { q?: string }, window: ListWindow): Promise<{ rows: LienRow[]; total: number }> {
  let text: SQL | undefined;
  if (selection.q) {
    const q = selection.q.trim().toLowerCase();
    const fips = [...(await countyNames(tx))].filter(([, name]) => name.toLowerCase().includes(q)).map(([code]) => code);
    text = sql`(${liens.caseId} in ${caseIdsByNumberSql(q)}${fips.length > 0 ? sql` or ${inArray(liens.countyFips, fips)}` : sql``})`;
  }
  const where = and(selecting(selection), text);
  return windowRows(tx, liens, where, window, liens.id);
}

/** A lien's steps, oldest first. */
export async function eventsOfLien(tx: Tx, lienId: string): Promise<{ at: Date; status: string; detail: string }[]> {
  return tx
    .select({ at: lienEvents.at, status: lienEvents.status, detail: lienEvents.detail })
    .from(lienEvents)
    .where(eq(lienEvents.lienId, lienId))
    .orderBy(asc(lienEvents.at), asc(lienEvents.id));
}

/** The ids of a case's liens and of the releases that covered them (their audit rows join the case's activity). */
export async function recordIdsOfCase(tx: Tx, caseId: string): Promise<string[]> {
  const rows = await tx.select({ id: liens.id, releaseId: liens.releaseId }).from(liens).where(eq(liens.caseId, caseId));
  return [...new Set(rows.flatMap((r) => (r.releaseId ? [r.id, r.releaseId] : [r.id])))];
}

/** The counties with liens to record (or to correct and send again) in the filter's scope, and how many each. */
export async function countiesToRecord(tx: Tx, filter: RowFilter): Promise<{ countyFips: string; liens: number }[]> {
  return tx
    .select({ countyFips: liens.countyFips, liens: sql<number>`count(*)::int` })
    .from(liens)
    .where(selecting({ filter, statuses: ['to_record', 'rejected'] }))
    .groupBy(liens.countyFips)
    .orderBy(asc(liens.countyFips));
}

/** Creates a record task unless the lien exists already, with its first event; its id, or undefined. */
export async function insertRecordTask(tx: Tx, lien: typeof liens.$inferInsert, event: Omit<NewEvent, 'lienId'>): Promise<string | undefined> {
  const [created] = await tx.insert(liens).values(lien).onConflictDoNothing().returning({ id: liens.id });
  if (created) await tx.insert(lienEvents).values({ ...event, lienId: created.id });
  return created?.id;
}

/** Changes these liens, and records an event on each. */
export async function changeLiens(
  tx: Tx,
  lienIds: readonly string[],
  change: Partial<typeof liens.$inferInsert>,
  eventOf: (lienId: string) => Omit<NewEvent, 'lienId'>,
): Promise<void> {
  if (lienIds.length === 0) return;
  await tx
    .update(liens)
    .set(change)
    .where(inArray(liens.id, [...lienIds]));
  await tx.insert(lienEvents).values(lienIds.map((lienId) => ({ ...eventOf(lienId), lienId })));
}

type ReportRow = Omit<LienReport['statewide'], 'payoffCollectionsCents' | 'lcsaName'>;

/** Per LCSA the filter reaches: liens recorded and released in the period (on time, days taken) and overdue today. */
export async function lienFiguresByLcsa(tx: Tx, filter: RowFilter, period: Period, today: CalendarDate): Promise<ReportRow[]> {
  const within = (column: SQL) => sql`${column} between ${period.from}::date and ${period.to}::date`;
  return queryRows<ReportRow>(
    tx,
    sql`select l.lcsa_id as "lcsaId",
          count(*) filter (where ${within(sql`l.recorded_on`)})::int as recorded,
          count(*) filter (where ${within(sql`l.recorded_on`)} and l.recorded_on <= l.due_by)::int as "recordedOnTime",
          avg(l.recorded_on - l.trigger_date) filter (where ${within(sql`l.recorded_on`)})::float as "averageDaysToRecord",
          count(r.id) filter (where ${within(sql`r.released_on`)})::int as released,
          count(r.id) filter (where ${within(sql`r.released_on`)} and r.released_on <= r.due_by)::int as "releasedOnTime",
          avg(r.released_on - r.trigger_date) filter (where ${within(sql`r.released_on`)})::float as "averageDaysToRelease",
          count(r.id) filter (where ${within(sql`r.recorded_on`)})::int as "releasesRecorded",
          avg(r.recorded_on - r.trigger_date) filter (where ${within(sql`r.recorded_on`)})::float as "averageDaysToReleaseRecorded",
          count(*) filter (where l.status = 'to_record' and l.due_by < ${today}::date)::int as "overdueToRecord"
        from ${liens} l left join ${lienReleases} r on r.id = l.release_id
        where ${scopeSql(filter, { lcsa: sql`l.lcsa_id` })}
        group by l.lcsa_id`,
  );
}

/** Obligors in the filter with recorded liens, by name (at most 500): candidates for a release. */
export async function obligorsWithRecordedLiens(tx: Tx, filter: RowFilter): Promise<{ personId: string; debtor: string; liens: number }[]> {
  return queryRows(
    tx,
    sql`select l.person_id as "personId", ${personNameSql(sql`l.person_id`)} as debtor, count(*)::int as liens
        from ${liens} l
        where l.status = 'recorded' and ${scopeSql(filter, { lcsa: sql`l.lcsa_id` })} group by l.person_id order by debtor limit 500`,
  );
}

// Releases

export async function insertRelease(tx: Tx, release: typeof lienReleases.$inferInsert): Promise<ReleaseRow> {
  const [row] = await tx.insert(lienReleases).values(release).returning();
  return row!;
}

export async function setReleaseRecorded(tx: Tx, id: string, recordedOn: CalendarDate): Promise<void> {
  await tx.update(lienReleases).set({ recordedOn }).where(eq(lienReleases.id, id));
}

export async function findRelease(tx: Tx, id: string): Promise<ReleaseRow | undefined> {
  const [row] = await tx.select().from(lienReleases).where(eq(lienReleases.id, id));
  return row;
}

// Payoff demands

/** Demands the filter reaches: every one statewide, those naming the LCSA, a partner's own. */
const demandScope = (filter: RowFilter) => scopeSql(filter, { partner: lienPayoffDemands.partnerId, lcsaList: lienPayoffDemands.lcsaIds });

export async function demandInScope(tx: Tx, filter: RowFilter, id: string): Promise<DemandRow | undefined> {
  const [row] = await tx
    .select()
    .from(lienPayoffDemands)
    .where(and(eq(lienPayoffDemands.id, id), demandScope(filter)));
  return row;
}

/** The filter's demands (of one status), soonest due first, at most 500. */
/** The columns a payoff-demand list orders by. */
export const demandOrder = {
  dueBy: lienPayoffDemands.dueBy,
  receivedOn: lienPayoffDemands.receivedOn,
  company: lienPayoffDemands.companyName,
  escrowNumber: lienPayoffDemands.escrowNumber,
  status: lienPayoffDemands.status,
  payoffCents: lienPayoffDemands.payoffCents,
};

/**
 * One window of the demands in scope and how many there are; `q` narrows to an escrow number that starts
 * with it, or a company or a property address that contains it.
 */
export async function pageDemands(
  tx: Tx,
  filter: RowFilter,
  selection: { status?: DemandRow['status']; q?: string },
  window: ListWindow,
): Promise<{ rows: DemandRow[]; total: number }> {
  const q = selection.q?.trim();
  const where = and(
    demandScope(filter),
    selection.status ? eq(lienPayoffDemands.status, selection.status) : undefined,
    q
      ? or(
          startsWith(lienPayoffDemands.escrowNumber, q, { ignoreCase: true }),
          contains(lienPayoffDemands.companyName, q),
          contains(lienPayoffDemands.propertyAddress, q),
        )
      : undefined,
  );
  return windowRows(tx, lienPayoffDemands, where, window, lienPayoffDemands.id);
}

/** The company's demand for this escrow, whoever may see it (an escrow number is one demand). */
export async function demandByEscrow(tx: Tx, companyName: string, escrowNumber: string): Promise<DemandRow | undefined> {
  const [row] = await tx
    .select()
    .from(lienPayoffDemands)
    .where(and(eq(lienPayoffDemands.companyName, companyName), eq(lienPayoffDemands.escrowNumber, escrowNumber)));
  return row;
}

export async function insertDemand(tx: Tx, demand: typeof lienPayoffDemands.$inferInsert): Promise<DemandRow> {
  const [row] = await tx.insert(lienPayoffDemands).values(demand).returning();
  return row!;
}

export async function updateDemand(tx: Tx, id: string, change: Partial<typeof lienPayoffDemands.$inferInsert>): Promise<DemandRow> {
  const [row] = await tx.update(lienPayoffDemands).set(change).where(eq(lienPayoffDemands.id, id)).returning();
  return row!;
}

/** The name of a partner organisation (the title or escrow company a portal user acts for). */
export async function partnerName(tx: Tx, partnerId: string): Promise<string | undefined> {
  const [row] = await tx.select({ name: partners.name }).from(partners).where(eq(partners.id, partnerId));
  return row?.name;
}

// Subordinations

const subordinationScope = (filter: RowFilter) => scopeSql(filter, { lcsaList: lienSubordinations.lcsaIds });

export async function insertSubordination(tx: Tx, request: typeof lienSubordinations.$inferInsert): Promise<SubordinationRow> {
  const [row] = await tx.insert(lienSubordinations).values(request).returning();
  return row!;
}

export async function subordinationInScope(tx: Tx, filter: RowFilter, id: string): Promise<SubordinationRow | undefined> {
  const [row] = await tx
    .select()
    .from(lienSubordinations)
    .where(and(eq(lienSubordinations.id, id), subordinationScope(filter)));
  return row;
}

/** The columns a subordinations list orders by. */
export const subordinationOrder = {
  requestedOn: lienSubordinations.requestedOn,
  lender: lienSubordinations.lenderName,
  loanAmountCents: lienSubordinations.loanAmountCents,
  status: lienSubordinations.status,
  decidedOn: lienSubordinations.decidedOn,
};

/** One window of the requests the filter reaches; `q`: a lender or property address that contains it. */
export async function pageSubordinations(
  tx: Tx,
  filter: RowFilter,
  selection: { status?: SubordinationRow['status']; q?: string },
  window: ListWindow,
): Promise<{ rows: SubordinationRow[]; total: number }> {
  const q = selection.q?.trim();
  const where = and(
    subordinationScope(filter),
    selection.status ? eq(lienSubordinations.status, selection.status) : undefined,
    q ? or(contains(lienSubordinations.lenderName, q), contains(lienSubordinations.propertyAddress, q)) : undefined,
  );
  return windowRows(tx, lienSubordinations, where, window, lienSubordinations.id);
}

export async function updateSubordination(tx: Tx, id: string, change: Partial<typeof lienSubordinations.$inferInsert>): Promise<SubordinationRow> {
  const [row] = await tx.update(lienSubordinations).set(change).where(eq(lienSubordinations.id, id)).returning();
  return row!;
}

// Names for views and letters

/** Liens with their county's and LCSA's names. */
export async function withNames(tx: Tx, rows: LienRow[]): Promise<(LienRow & { countyName: string; lcsaName: string })[]> {
  const [counties, lcsas] = [await countyNames(tx), await lcsaNames(tx)];
  return rows.map((l) => ({ ...l, countyName: counties.get(l.countyFips) ?? l.countyFips, lcsaName: lcsas.get(l.lcsaId) ?? l.lcsaId }));
}

/** The selected liens, each with its county's and LCSA's names. */
export async function liensWithNames(tx: Tx, selection: LienSelection): Promise<(LienRow & { countyName: string; lcsaName: string })[]> {
  return withNames(tx, await tx.select().from(liens).where(selecting(selection)));
}

/** Which of these people have a lien. */
export async function peopleWithLiens(tx: Tx, personIds: readonly string[]): Promise<Set<string>> {
  if (personIds.length === 0) return new Set();
  const rows = await tx
    .selectDistinct({ personId: liens.personId })
    .from(liens)
    .where(inArray(liens.personId, [...personIds]));
  return new Set(rows.map((r) => r.personId));
}

/** These people's recorded (or partly released) liens, as a payoff demand lists them: by county, then date recorded. */
export async function storedLiensOf(
  tx: Tx,
  personIds: readonly string[],
): Promise<{ countyName: string; lcsaName: string; instrumentNumber: string; recordedOn: CalendarDate }[]> {
  if (personIds.length === 0) return [];
  const rows = await liensWithNames(tx, { personIds, statuses: ['recorded', 'partially_released'] });
  return rows
    .sort((a, b) => compareText(a.countyName, b.countyName) || compareText(a.recordedOn ?? '', b.recordedOn ?? ''))
    .map((l) => ({ countyName: l.countyName, lcsaName: l.lcsaName, instrumentNumber: l.instrumentNumber!, recordedOn: l.recordedOn! }));
}

/** The counties, by name, of the liens a release covers. */
export async function countiesOfRelease(tx: Tx, releaseId: string): Promise<string[]> {
  const rows = await liensWithNames(tx, { releaseId });
  return [...new Set(rows.map((l) => l.countyName))].sort(compareText);
}

/** The selected liens that were recorded, each with its county, LCSA and debtor, by county and date recorded (or by date alone). */
export async function recordedLiensForLetters(
  tx: Tx,
  selection: LienSelection,
  options: { byCounty: boolean; middleName: boolean },
): Promise<(LienRow & { countyName: string; lcsaName: string; debtor: string; instrumentNumber: string; recordedOn: CalendarDate })[]> {
  const rows = (await liensWithNames(tx, selection)).filter((l) => l.recordedOn !== null);
  const people = await findPersons(
    tx,
    rows.map((l) => l.personId),
  );
  return rows
    .map((l) => {
      const p = people.get(l.personId);
      const debtor = p ? personName(p, { middle: options.middleName }) : '';
      return { ...l, debtor, instrumentNumber: l.instrumentNumber ?? '', recordedOn: l.recordedOn! };
    })
    .sort((a, b) => (options.byCounty ? compareText(a.countyName, b.countyName) : 0) || compareText(a.recordedOn, b.recordedOn));
}

// Wrong-person demands

export type WrongPersonRow = typeof lienWrongPersonRequests.$inferSelect;

export async function insertWrongPersonRequest(tx: Tx, values: typeof lienWrongPersonRequests.$inferInsert): Promise<WrongPersonRow> {
  const [row] = await tx.insert(lienWrongPersonRequests).values(values).returning();
  return row!;
}

export async function updateWrongPersonRequest(tx: Tx, id: string, change: Partial<typeof lienWrongPersonRequests.$inferInsert>): Promise<void> {
  await tx.update(lienWrongPersonRequests).set(change).where(eq(lienWrongPersonRequests.id, id));
}

export async function wrongPersonRequests(tx: Tx, where: { id?: string; personIds?: readonly string[] }): Promise<WrongPersonRow[]> {
  if (where.personIds?.length === 0) return [];
  return tx
    .select()
    .from(lienWrongPersonRequests)
    .where(
      and(
        where.id ? eq(lienWrongPersonRequests.id, where.id) : undefined,
        where.personIds ? inArray(lienWrongPersonRequests.personId, [...where.personIds]) : undefined,
      ),
    )
    .orderBy(asc(lienWrongPersonRequests.receivedOn), asc(lienWrongPersonRequests.id));
}

// Payoff demand documents

export type DemandDocumentRow = typeof lienDemandDocuments.$inferSelect;

export async function insertDemandDocument(tx: Tx, values: typeof lienDemandDocuments.$inferInsert): Promise<DemandDocumentRow> {
  const [row] = await tx.insert(lienDemandDocuments).values(values).returning();
  return row!;
}

export async function demandDocumentsOf(tx: Tx, demandId: string): Promise<DemandDocumentRow[]> {
  return tx
    .select()
    .from(lienDemandDocuments)
    .where(eq(lienDemandDocuments.demandId, demandId))
    .orderBy(asc(lienDemandDocuments.createdAt), asc(lienDemandDocuments.id));
}

export async function checkDemandDocument(tx: Tx, id: string, change: Pick<DemandDocumentRow, 'check' | 'checkNote' | 'checkedBy'>): Promise<void> {
  await tx.update(lienDemandDocuments).set(change).where(eq(lienDemandDocuments.id, id));
}

// Work queues (the home page)

/** Liens waiting to be recorded, by their record-by date. */
export function liensToRecordCount(tx: Tx, filter: RowFilter, today: CalendarDate): Promise<WorkCount> {
  return countDue(tx, sql`${liens}`, and(eq(liens.status, 'to_record'), scopeSql(filter, { lcsa: liens.lcsaId }))!, sql`${liens.dueBy}`, today);
}

/** Title and escrow payoff demands waiting for staff, by their answer-by date. */
export function payoffDemandsToAnswerCount(tx: Tx, filter: RowFilter, today: CalendarDate): Promise<WorkCount> {
  return countDue(
    tx,
    sql`${lienPayoffDemands}`,
    and(eq(lienPayoffDemands.status, 'needs_review'), scopeSql(filter, { lcsaList: lienPayoffDemands.lcsaIds }))!,
    sql`${lienPayoffDemands.dueBy}`,
    today,
  );
}

/** Wrong-person demands waiting for a decision, by their answer-by date. */
export function wrongPersonDemandsCount(tx: Tx, filter: RowFilter, today: CalendarDate): Promise<WorkCount> {
  return countDue(
    tx,
    sql`${lienWrongPersonRequests}`,
    and(eq(lienWrongPersonRequests.status, 'received'), scopeSql(filter, { lcsa: lienWrongPersonRequests.lcsaId }))!,
    sql`${lienWrongPersonRequests.dueBy}`,
    today,
  );
}

// Parents' requests from the portal

export type ParentLienRequestRow = typeof lienParentRequests.$inferSelect;

export async function insertParentLienRequest(tx: Tx, values: typeof lienParentRequests.$inferInsert): Promise<ParentLienRequestRow> {
  const [row] = await tx.insert(lienParentRequests).values(values).returning();
  return row!;
}

/** Parents' lien requests in the filter's LCSAs: the open ones soonest due first, then the answered ones newest first. */
export async function parentLienRequestsIn(tx: Tx, filter: RowFilter, options: { isOpenOnly: boolean }): Promise<ParentLienRequestRow[]> {
  return tx
    .select()
    .from(lienParentRequests)
    .where(and(scopeSql(filter, { lcsa: lienParentRequests.lcsaId }), options.isOpenOnly ? eq(lienParentRequests.status, 'received') : undefined))
    .orderBy(sql`${lienParentRequests.status} = 'answered'`, asc(lienParentRequests.dueBy), asc(lienParentRequests.createdAt))
    .limit(500);
}

export async function parentLienRequestForUpdate(tx: Tx, filter: RowFilter, id: string): Promise<ParentLienRequestRow | undefined> {
  const [row] = await tx
    .select()
    .from(lienParentRequests)
    .where(and(eq(lienParentRequests.id, id), scopeSql(filter, { lcsa: lienParentRequests.lcsaId })))
    .for('update');
  return row;
}

export async function updateParentLienRequest(tx: Tx, id: string, change: Partial<typeof lienParentRequests.$inferInsert>): Promise<ParentLienRequestRow> {
  const [row] = await tx.update(lienParentRequests).set(change).where(eq(lienParentRequests.id, id)).returning();
  return row!;
}

export async function parentLienRequestsByIds(tx: Tx, ids: readonly string[]): Promise<ParentLienRequestRow[]> {
  if (ids.length === 0) return [];
  return tx
    .select()
    .from(lienParentRequests)
    .where(inArray(lienParentRequests.id, [...ids]));
}

export function parentLienRequestsCount(tx: Tx, filter: RowFilter, today: CalendarDate): Promise<WorkCount> {
  return countDue(
    tx,
    sql`${lienParentRequests}`,
    and(eq(lienParentRequests.status, 'received'), scopeSql(filter, { lcsa: lienParentRequests.lcsaId }))!,
    sql`${lienParentRequests.dueBy}`,
    today,
  );
}
