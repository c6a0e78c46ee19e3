/**
 * The claims module's SQL over its own tables: allocations, quarterly claims with their versions and
 * workflow events, and budget requests. Services decide who may do what and pass the actor's row
 * filter (`rowFilter`); the store applies it to its own columns. Drafts are the LCSA's: a statewide
 * filter reaches claims and budget requests only once they have been submitted.
 */
import { and, asc, desc, eq, inArray, ne, sql } from 'drizzle-orm';
import { scopeSql, type RowFilter } from '../../platform/auth/scope';
import type { Tx } from '../../platform/db/connect';
import { queryRows } from '../../platform/db/rows';
import type { AllocationResult } from './contract';
import { claimAllocations, claimBudgetRequests, claimEvents, claimFederalEntries, claimFederalFilings, claims, claimVersions } from './schema';
import type { CalendarDate } from '../../platform/dates';
import { windowRows, type ListWindow } from '../../platform/lists/lists';

export type ClaimRow = typeof claims.$inferSelect;
export type ClaimStatus = ClaimRow['status'];
export type BudgetRequestRow = typeof claimBudgetRequests.$inferSelect;

/** Statuses of a claim the LCSA has sent on: what counts as claimed. */
export const filedStatuses: ClaimStatus[] = ['submitted', 'approved', 'certified', 'accepted'];

const claimScope = (filter: RowFilter) => scopeSql(filter, { lcsa: claims.lcsaId, statewide: ne(claims.status, 'draft') });
const budgetScope = (filter: RowFilter) => scopeSql(filter, { lcsa: claimBudgetRequests.lcsaId, statewide: ne(claimBudgetRequests.status, 'draft') });

// Allocations

export async function upsertAllocation(
  tx: Tx,
  input: Pick<typeof claimAllocations.$inferInsert, 'lcsaId' | 'stateFiscalYear' | 'stream' | 'amountCents'>,
  working: AllocationResult | null,
  setBy: string | null,
): Promise<void> {
  await tx
    .insert(claimAllocations)
    .values({ ...input, working, setBy })
    .onConflictDoUpdate({
      target: [claimAllocations.lcsaId, claimAllocations.stateFiscalYear, claimAllocations.stream],
      set: { amountCents: input.amountCents, working, setBy },
    });
}

/** A fiscal year's allocations in the filter, by LCSA and funding stream (or one LCSA's, given `lcsaId`). */
export async function allocationsOf(tx: Tx, filter: RowFilter, stateFiscalYear: string, lcsaId?: string) {
  return tx
    .select()
    .from(claimAllocations)
    .where(
      and(
        eq(claimAllocations.stateFiscalYear, stateFiscalYear),
        scopeSql(filter, { lcsa: claimAllocations.lcsaId }),
        lcsaId === undefined ? undefined : eq(claimAllocations.lcsaId, lcsaId),
      ),
    )
    .orderBy(asc(claimAllocations.lcsaId), asc(claimAllocations.stream));
}

/** Each LCSA's allocation for the fiscal year, every stream added up. */
export async function allocationTotals(tx: Tx, filter: RowFilter, stateFiscalYear: string): Promise<Map<string, number>> {
  const rows = await tx
    .select({ lcsaId: claimAllocations.lcsaId, cents: sql<string>`sum(${claimAllocations.amountCents})` })
    .from(claimAllocations)
    .where(and(eq(claimAllocations.stateFiscalYear, stateFiscalYear), scopeSql(filter, { lcsa: claimAllocations.lcsaId })))
    .groupBy(claimAllocations.lcsaId);
  return new Map(rows.map((r) => [r.lcsaId, Number(r.cents)]));
}

// Claims

export async function findClaim(tx: Tx, filter: RowFilter, id: string): Promise<ClaimRow | undefined> {
  const [row] = await tx
    .select()
    .from(claims)
    .where(and(eq(claims.id, id), claimScope(filter)));
  return row;
}

/** An LCSA's claim for a quarter, whoever may see it (the template and the save check it themselves); locked when `forUpdate`. */
export async function claimOfQuarter(tx: Tx, lcsaId: string, quarter: string, options: { forUpdate?: boolean } = {}): Promise<ClaimRow | undefined> {
  const query = tx
    .select()
    .from(claims)
    .where(and(eq(claims.lcsaId, lcsaId), eq(claims.quarter, quarter)));
  const [row] = options.forUpdate ? await query.for('update') : await query;
  return row;
}

/** Claims in the filter, newest quarter first (`order: 'quarter'`) or soonest due first (`order: 'dueBy'`). */
export async function findClaims(
  tx: Tx,
  filter: RowFilter,
  where: { quarter?: string; quarters?: string[]; status?: ClaimStatus; statuses?: ClaimStatus[]; lcsaId?: string },
  options: { order: 'quarter' | 'dueBy'; limit?: number },
): Promise<ClaimRow[]> {
  const query = tx
    .select()
    .from(claims)
    .where(
      and(
        claimScope(filter),
        where.quarter ? eq(claims.quarter, where.quarter) : undefined,
        where.quarters ? inArray(claims.quarter, where.quarters) : undefined,
        where.status ? eq(claims.status, where.status) : undefined,
        where.statuses ? inArray(claims.status, where.statuses) : undefined,
        where.lcsaId ? eq(claims.lcsaId, where.lcsaId) : undefined,
      ),
    )
    .orderBy(...(options.order === 'quarter' ? [sql`${claims.quarter} desc`, asc(claims.lcsaId)] : [asc(claims.dueBy)]));
  return options.limit === undefined ? query : query.limit(options.limit);
}

/** One window of the claims the filter reaches, narrowed by quarter, status and LCSAs, and how many there are. */
export async function pageClaims(
  tx: Tx,
  filter: RowFilter,
  where: { quarter?: string; status?: ClaimStatus; lcsaIds?: readonly string[] },
  window: ListWindow,
): Promise<{ rows: ClaimRow[]; total: number }> {
  const condition = and(
    claimScope(filter),
    where.quarter ? eq(claims.quarter, where.quarter) : undefined,
    where.status ? eq(claims.status, where.status) : undefined,
    where.lcsaIds ? inArray(claims.lcsaId, [...where.lcsaIds, '']) : undefined,
  );
  return windowRows(tx, claims, condition, window, claims.lcsaId, claims.id);
}

/** A claim's workflow events and saved versions, oldest first. */
export async function claimHistory(tx: Tx, claimId: string) {
  const events = await tx.select().from(claimEvents).where(eq(claimEvents.claimId, claimId)).orderBy(asc(claimEvents.at));
  const versions = await tx
    .select({ version: claimVersions.version, source: claimVersions.source, savedAt: claimVersions.savedAt })
    .from(claimVersions)
    .where(eq(claimVersions.claimId, claimId))
    .orderBy(asc(claimVersions.version));
  return { events, versions };
}

type ClaimContent = Pick<ClaimRow, 'lines' | 'attachments' | 'adjustments' | 'overAllocationJustification'>;

/** Saves a claim's content as version `version` (a new draft, or the next version of `existing`), keeping the version. */
export async function saveClaimVersion(
  tx: Tx,
  existing: ClaimRow | undefined,
  fresh: Pick<ClaimRow, 'lcsaId' | 'quarter' | 'dueBy'>,
  content: ClaimContent,
  saved: { version: number; source: string; by: string | null },
): Promise<ClaimRow> {
  const [row] = existing
    ? await tx
        .update(claims)
        .set({ ...content, version: saved.version, updatedAt: new Date() })
        .where(eq(claims.id, existing.id))
        .returning()
    : await tx
        .insert(claims)
        .values({ ...content, ...fresh, status: 'draft', version: saved.version, preparedBy: saved.by })
        .returning();
  await tx.insert(claimVersions).values({ claimId: row!.id, version: saved.version, ...content, source: saved.source, savedBy: saved.by });
  return row!;
}

/** Moves a claim to its next status and records the event. */
export async function moveClaim(
  tx: Tx,
  row: ClaimRow,
  change: Partial<Pick<ClaimRow, 'submittedOn' | 'isLate' | 'acceptedOn'>> & { status: ClaimStatus },
  event: { comment: string | null; actorId: string | null; actorRole: string; on: CalendarDate },
): Promise<ClaimRow> {
  const [updated] = await tx
    .update(claims)
    .set({ ...change, updatedAt: new Date() })
    .where(eq(claims.id, row.id))
    .returning();
  await tx.insert(claimEvents).values({ claimId: row.id, fromStatus: row.status, toStatus: change.status, version: row.version, ...event });
  return updated!;
}

/** The comment each of these claims was last returned with. */
export async function lastReturnComments(tx: Tx, claimIds: string[]): Promise<Map<string, string | null>> {
  if (claimIds.length === 0) return new Map();
  const returned = await tx
    .select({ claimId: claimEvents.claimId, comment: claimEvents.comment })
    .from(claimEvents)
    .where(and(eq(claimEvents.toStatus, 'returned'), inArray(claimEvents.claimId, claimIds)))
    .orderBy(asc(claimEvents.at));
  return new Map(returned.map((e) => [e.claimId, e.comment]));
}

// Budget requests

export async function budgetRequestOf(tx: Tx, lcsaId: string, stateFiscalYear: string): Promise<BudgetRequestRow | undefined> {
  const [row] = await tx
    .select()
    .from(claimBudgetRequests)
    .where(and(eq(claimBudgetRequests.lcsaId, lcsaId), eq(claimBudgetRequests.stateFiscalYear, stateFiscalYear)));
  return row;
}

export async function findBudgetRequest(tx: Tx, filter: RowFilter, id: string): Promise<BudgetRequestRow | undefined> {
  const [row] = await tx
    .select()
    .from(claimBudgetRequests)
    .where(and(eq(claimBudgetRequests.id, id), budgetScope(filter)));
  return row;
}

export async function budgetRequestsOf(tx: Tx, filter: RowFilter, stateFiscalYear: string): Promise<BudgetRequestRow[]> {
  return tx
    .select()
    .from(claimBudgetRequests)
    .where(and(eq(claimBudgetRequests.stateFiscalYear, stateFiscalYear), budgetScope(filter)))
    .orderBy(asc(claimBudgetRequests.lcsaId));
}

type BudgetContent = Pick<BudgetRequestRow, 'positions' | 'items' | 'totalCents' | 'updatedBy'>;

/** Saves a budget request's content: the next version of `existing`, or a new draft. */
export async function saveBudgetContent(
  tx: Tx,
  existing: BudgetRequestRow | undefined,
  fresh: Pick<BudgetRequestRow, 'lcsaId' | 'stateFiscalYear'>,
  content: BudgetContent,
): Promise<BudgetRequestRow> {
  const values = { ...content, updatedAt: new Date() };
  const [row] = existing
    ? await tx
        .update(claimBudgetRequests)
        .set({ ...values, version: existing.version + 1 })
        .where(eq(claimBudgetRequests.id, existing.id))
        .returning()
    : await tx
        .insert(claimBudgetRequests)
        .values({ ...values, ...fresh, status: 'draft', version: 1 })
        .returning();
  return row!;
}

export async function setBudgetStatus(tx: Tx, id: string, change: Pick<BudgetRequestRow, 'status' | 'reviewComment'>): Promise<BudgetRequestRow> {
  const [row] = await tx
    .update(claimBudgetRequests)
    .set({ ...change, updatedAt: new Date() })
    .where(eq(claimBudgetRequests.id, id))
    .returning();
  return row!;
}

// The plan's measure

/** The last quarter whose claims fell due by `asOf`, and how many LCSAs had submitted theirs by then. */
export async function lastDueQuarterClaimants(tx: Tx, asOf: CalendarDate): Promise<{ quarter: string; lcsas: number } | undefined> {
  const [row] = await queryRows<{ quarter: string; lcsas: number }>(
    tx,
    sql`with q as (select max(quarter) as quarter from ${claims} where due_by <= ${asOf}::date)
        select q.quarter,
               (select count(distinct lcsa_id)::int from ${claims} c where c.quarter = q.quarter and c.status <> 'draft' and c.submitted_on <= ${asOf}::date) as lcsas
        from q where q.quarter is not null`,
  );
  return row;
}

export type FederalEntriesRow = typeof claimFederalEntries.$inferSelect;
export type FederalFilingRow = typeof claimFederalFilings.$inferSelect;

/** The state's entries on a quarter's OCSE-396, if any. */
export async function federalEntriesOf(tx: Tx, quarter: string): Promise<FederalEntriesRow | undefined> {
  const [row] = await tx.select().from(claimFederalEntries).where(eq(claimFederalEntries.quarter, quarter));
  return row;
}

export async function saveFederalEntries(tx: Tx, quarter: string, entries: object, note: string | null, by: string | null): Promise<void> {
  await tx
    .insert(claimFederalEntries)
    .values({ quarter, entries, note, updatedBy: by })
    .onConflictDoUpdate({ target: claimFederalEntries.quarter, set: { entries, note, updatedBy: by, updatedAt: new Date() } });
}

/** A quarter's filings, newest first. */
export async function federalFilingsOf(tx: Tx, quarter: string): Promise<FederalFilingRow[]> {
  return tx.select().from(claimFederalFilings).where(eq(claimFederalFilings.quarter, quarter)).orderBy(desc(claimFederalFilings.version));
}

/** Records a filing; false when that version of the quarter was recorded first by someone else. */
export async function recordFederalFiling(tx: Tx, filing: Omit<FederalFilingRow, 'id' | 'createdAt'>): Promise<boolean> {
  const rows = await tx.insert(claimFederalFilings).values(filing).onConflictDoNothing().returning({ id: claimFederalFilings.id });
  return rows.length === 1;
}
