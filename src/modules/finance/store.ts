/**
 * The finance module's SQL over its own tables: collections, adjustments, account-audit requests and the
 * balances a legacy system stored (for the discrepancy report). Cases are the registry's: a statement
 * that must check a case's LCSA uses the registry's `caseSource`, never its tables. Services pass the
 * actor's row filter; the store applies it to each table's LCSA.
 */
import { and, asc, desc, eq, gt, inArray, sql } from 'drizzle-orm';
import { auditWrite } from '../../platform/audit/audit';
import type { Actor } from '../../platform/auth/actor';
import { scopeSql, type RowFilter } from '../../platform/auth/scope';
import type { CalendarDate, Period } from '../../platform/dates';
import type { Db, Tx } from '../../platform/db/connect';
import { queryRows } from '../../platform/db/rows';
import { countDue, type WorkCount } from '../../platform/work/work';
import { caseIdsByNumberSql, caseSource } from '../registry/index';
import { windowRows, type ListWindow } from '../../platform/lists/lists';
import type { NewCollection } from './contract';
import type { CollectionSource } from './domain/types';
import { financeAdjustments, financeAuditRequests, financeCollections, financeIncarcerations, financeStoredBalances } from './schema';

export type CollectionRow = typeof financeCollections.$inferSelect;
export type AdjustmentRow = typeof financeAdjustments.$inferSelect;
export type AuditRequestRow = typeof financeAuditRequests.$inferSelect;
export type IncarcerationRow = typeof financeIncarcerations.$inferSelect;

// Collections

/** The LCSA of the case, if the filter reaches it. */
export async function caseLcsaInScope(db: Db, filter: RowFilter, caseId: string): Promise<string | undefined> {
  const [owner] = await queryRows<{ lcsa_id: string }>(db, sql`select c.lcsa_id from ${caseSource(caseId, (lcsa) => scopeSql(filter, { lcsa }))} as c`);
  return owner?.lcsa_id;
}

/**
 * Inserts the collection and its audit row in one statement (one statement is one transaction: both or
 * neither), if the filter reaches the case and the receipt id is free; true when it was inserted.
 */
export async function insertCollectionAudited(db: Db, filter: RowFilter, actor: Actor, caseId: string, lcsaId: string, input: NewCollection): Promise<boolean> {
  const [inserted] = await queryRows<{ audit_id: number }>(
    db,
    sql`with inserted as (
          insert into ${financeCollections} (lcsa_id, case_id, receipt_id, received_on, amount_cents, source, posted_by)
          select c.lcsa_id, c.id, ${input.receiptId}, ${input.receivedOn}::date, ${input.amountCents}::bigint, ${input.source}, ${actor.userId}::uuid
          from ${caseSource(caseId, (lcsa) => scopeSql(filter, { lcsa }))} as c
          on conflict (receipt_id) do nothing
          returning 1),
        ${auditWrite(actor, { action: 'finance.collection.post', entityType: 'case', entityId: caseId, lcsaId, after: input }, sql`inserted`)}
        select audit_id from audit_queued`,
  );
  return inserted !== undefined;
}

export async function collectionByReceipt(db: Db, receiptId: string): Promise<CollectionRow | undefined> {
  const [row] = await db.select().from(financeCollections).where(eq(financeCollections.receiptId, receiptId));
  return row;
}

/** The per-case parts of an obligor's lump sum. */
export async function collectionsOfObligorReceipt(tx: Tx, obligorReceiptId: string): Promise<CollectionRow[]> {
  return tx.select().from(financeCollections).where(eq(financeCollections.obligorReceiptId, obligorReceiptId));
}

export async function insertCollection(tx: Tx, collection: typeof financeCollections.$inferInsert): Promise<void> {
  await tx.insert(financeCollections).values(collection);
}

/** The day each case last received a collection (cases with none are left out). */
export async function lastCollectionDates(tx: Tx, caseIds: readonly string[]): Promise<Map<string, CalendarDate>> {
  if (caseIds.length === 0) return new Map();
  const rows = await tx
    .select({ caseId: financeCollections.caseId, last: sql<CalendarDate>`max(${financeCollections.receivedOn})::text` })
    .from(financeCollections)
    .where(inArray(financeCollections.caseId, [...caseIds]))
    .groupBy(financeCollections.caseId);
  return new Map(rows.map((r) => [r.caseId, r.last]));
}

/** A case's collections, in the order received. */
export async function collectionsOfCase(tx: Tx, caseId: string): Promise<CollectionRow[]> {
  return tx.select().from(financeCollections).where(eq(financeCollections.caseId, caseId)).orderBy(asc(financeCollections.receivedOn));
}

/** Each case's collections with only what the replay reads, and its approved adjustments, for batch work over many cases. */
export async function replayEvents(tx: Tx, caseIds: string[]) {
  const collections = new Map<string, Pick<CollectionRow, 'receiptId' | 'receivedOn' | 'amountCents' | 'source'>[]>();
  const adjustments = new Map<string, AdjustmentRow[]>();
  const rows = await tx
    .select({
      caseId: financeCollections.caseId,
      receiptId: financeCollections.receiptId,
      receivedOn: financeCollections.receivedOn,
      amountCents: financeCollections.amountCents,
      source: financeCollections.source,
    })
    .from(financeCollections)
    .where(inArray(financeCollections.caseId, caseIds));
  for (const row of rows) appendTo(collections, row.caseId, row);
  for (const row of await approvedAdjustments(tx, caseIds)) appendTo(adjustments, row.caseId, row);
  return { collections, adjustments };
}

function appendTo<T>(groups: Map<string, T[]>, key: string, row: T): void {
  const group = groups.get(key);
  if (group) group.push(row);
  else groups.set(key, [row]);
}

/** The collections and approved adjustments of many cases, 500 cases to a query. */
export async function accountEvents(
  tx: Tx,
  caseIds: string[],
): Promise<{ collections: Map<string, CollectionRow[]>; adjustments: Map<string, AdjustmentRow[]> }> {
  const collections = new Map<string, CollectionRow[]>();
  const adjustments = new Map<string, AdjustmentRow[]>();
  for (let i = 0; i < caseIds.length; i += 500) {
    const batch = caseIds.slice(i, i + 500);
    // Appended in place: copying a case's list for each of its rows made a chunk's grouping quadratic.
    for (const row of await tx.select().from(financeCollections).where(inArray(financeCollections.caseId, batch))) appendTo(collections, row.caseId, row);
    for (const row of await approvedAdjustments(tx, batch)) appendTo(adjustments, row.caseId, row);
  }
  return { collections, adjustments };
}

/** Collections received in a period (of one source, or all when null), per LCSA in the filter. */
export async function collectedPerLcsa(tx: Tx, filter: RowFilter, source: CollectionSource | null, period: Period): Promise<Map<string, number>> {
  const rows = await tx
    .select({ lcsaId: financeCollections.lcsaId, cents: sql<string>`sum(${financeCollections.amountCents})` })
    .from(financeCollections)
    .where(
      and(
        scopeSql(filter, { lcsa: financeCollections.lcsaId }),
        source ? eq(financeCollections.source, source) : undefined,
        sql`${financeCollections.receivedOn} between ${period.from}::date and ${period.to}::date`,
      ),
    )
    .groupBy(financeCollections.lcsaId);
  return new Map(rows.map((r) => [r.lcsaId, Number(r.cents)]));
}

// Adjustments

export async function approvedAdjustments(tx: Tx, caseIds: string[]): Promise<AdjustmentRow[]> {
  if (caseIds.length === 0) return [];
  return tx
    .select()
    .from(financeAdjustments)
    .where(and(inArray(financeAdjustments.caseId, caseIds), eq(financeAdjustments.status, 'approved')));
}

export async function insertAdjustment(tx: Tx, adjustment: typeof financeAdjustments.$inferInsert): Promise<AdjustmentRow> {
  const [row] = await tx.insert(financeAdjustments).values(adjustment).returning();
  return row!;
}

export async function findAdjustment(tx: Tx, filter: RowFilter, id: string): Promise<AdjustmentRow | undefined> {
  const [row] = await tx
    .select()
    .from(financeAdjustments)
    .where(and(eq(financeAdjustments.id, id), scopeSql(filter, { lcsa: financeAdjustments.lcsaId })));
  return row;
}

/**
 * Decides a pending adjustment: `status = 'pending'` in the update too, so of two checkers deciding at
 * once one wins; undefined for the other.
 */
export async function decidePending(
  tx: Tx,
  id: string,
  decision: Pick<AdjustmentRow, 'status' | 'decidedBy' | 'decisionNote'>,
): Promise<AdjustmentRow | undefined> {
  const [row] = await tx
    .update(financeAdjustments)
    .set({ ...decision, decidedAt: sql`now()` })
    .where(and(eq(financeAdjustments.id, id), eq(financeAdjustments.status, 'pending')))
    .returning();
  return row;
}

/** Adjustments in the filter: one case's newest first, or a queue oldest first. */
export async function findAdjustments(tx: Tx, filter: RowFilter, where: { caseId?: string; status?: AdjustmentRow['status'] }): Promise<AdjustmentRow[]> {
  return tx
    .select()
    .from(financeAdjustments)
    .where(
      and(
        scopeSql(filter, { lcsa: financeAdjustments.lcsaId }),
        where.caseId ? eq(financeAdjustments.caseId, where.caseId) : undefined,
        where.status ? eq(financeAdjustments.status, where.status) : undefined,
      ),
    )
    .orderBy(where.caseId ? desc(financeAdjustments.createdAt) : asc(financeAdjustments.createdAt))
    .limit(500);
}

// Account-audit requests

export async function insertAuditRequest(tx: Tx, request: typeof financeAuditRequests.$inferInsert): Promise<AuditRequestRow> {
  const [row] = await tx.insert(financeAuditRequests).values(request).returning();
  return row!;
}

export async function findAuditRequest(tx: Tx, filter: RowFilter, id: string): Promise<AuditRequestRow | undefined> {
  const [row] = await tx
    .select()
    .from(financeAuditRequests)
    .where(and(eq(financeAuditRequests.id, id), scopeSql(filter, { lcsa: financeAuditRequests.lcsaId })));
  return row;
}

export async function updateAuditRequestRow(tx: Tx, id: string, change: Partial<AuditRequestRow>): Promise<AuditRequestRow> {
  const [row] = await tx.update(financeAuditRequests).set(change).where(eq(financeAuditRequests.id, id)).returning();
  return row!;
}

/** The ids of a case's adjustments and audit requests (their audit rows join the case's activity). */
export async function recordIdsOfCase(tx: Tx, caseId: string): Promise<string[]> {
  const adjustments = await tx.select({ id: financeAdjustments.id }).from(financeAdjustments).where(eq(financeAdjustments.caseId, caseId));
  const requests = await tx.select({ id: financeAuditRequests.id }).from(financeAuditRequests).where(eq(financeAuditRequests.caseId, caseId));
  return [...adjustments, ...requests].map((r) => r.id);
}

/** Audit requests in the filter, soonest due first. */
export async function findAuditRequests(
  tx: Tx,
  filter: RowFilter,
  where: { status?: AuditRequestRow['status']; kind?: AuditRequestRow['kind']; caseId?: string },
): Promise<AuditRequestRow[]> {
  return tx
    .select()
    .from(financeAuditRequests)
    .where(
      and(
        scopeSql(filter, { lcsa: financeAuditRequests.lcsaId }),
        where.status ? eq(financeAuditRequests.status, where.status) : undefined,
        where.kind ? eq(financeAuditRequests.kind, where.kind) : undefined,
        where.caseId ? eq(financeAuditRequests.caseId, where.caseId) : undefined,
      ),
    )
    .orderBy(asc(financeAuditRequests.dueOn), asc(financeAuditRequests.receivedOn))
    .limit(1_000);
}

/** The deadline the law holds an audit request to: a complaint's extension moves it, an audit's delay letter does not. */
export const auditRequestLegalDue = sql`(case when ${financeAuditRequests.kind} = 'complaint' and ${financeAuditRequests.extendedTo} is not null
  then ${financeAuditRequests.extendedTo} else ${financeAuditRequests.dueOn} end)`;

/**
 * One window of the audit requests in the filter and how many there are: by status and kind, only those past
 * their legal deadline and still open (`overdueOn`), and `q` the start of a case number or words in the requester.
 */
export async function pageAuditRequests(
  tx: Tx,
  filter: RowFilter,
  where: { status?: AuditRequestRow['status']; kind?: AuditRequestRow['kind']; overdueOn?: CalendarDate; q?: string },
  window: ListWindow,
): Promise<{ rows: AuditRequestRow[]; total: number }> {
  const q = where.q?.trim();
  const condition = and(
    scopeSql(filter, { lcsa: financeAuditRequests.lcsaId }),
    where.status ? eq(financeAuditRequests.status, where.status) : undefined,
    where.kind ? eq(financeAuditRequests.kind, where.kind) : undefined,
    where.overdueOn ? sql`${financeAuditRequests.completedOn} is null and ${auditRequestLegalDue} < ${where.overdueOn}::date` : undefined,
    q
      ? sql`(${financeAuditRequests.caseId} in ${caseIdsByNumberSql(q)} or strpos(lower(${financeAuditRequests.requestedBy}), ${q.toLowerCase()}) > 0)`
      : undefined,
  );
  return windowRows(tx, financeAuditRequests, condition, window, financeAuditRequests.id);
}

/** Account audits completed between two dates, and how many within 30 days of receipt (not an extended deadline). */
export async function auditsCompletedWithin30Days(tx: Tx, from: string, to: string): Promise<{ numerator: number; denominator: number }> {
  const [row] = await queryRows<{ numerator: number; denominator: number }>(
    tx,
    sql`select count(*) filter (where completed_on <= received_on + 30)::int as numerator, count(*)::int as denominator
        from ${financeAuditRequests}
        where kind = 'arrears_audit' and status = 'completed' and completed_on between ${from}::date and ${to}::date`,
  );
  return row ?? { numerator: 0, denominator: 0 };
}

// Stored balances

export async function upsertStoredBalances(tx: Tx, values: typeof financeStoredBalances.$inferInsert): Promise<void> {
  await tx.insert(financeStoredBalances).values(values).onConflictDoUpdate({ target: financeStoredBalances.caseId, set: values });
}

/** Stored balances in the filter, by case id, after `after`, a page at a time. */
export async function storedBalancesPage(tx: Tx, filter: RowFilter, after: string | undefined, limit: number) {
  return tx
    .select()
    .from(financeStoredBalances)
    .where(and(scopeSql(filter, { lcsa: financeStoredBalances.lcsaId }), after ? gt(financeStoredBalances.caseId, after) : undefined))
    .orderBy(asc(financeStoredBalances.caseId))
    .limit(limit);
}

/** Collections whose receipt id (or the obligor's lump-sum receipt id) is the text as typed or in upper case, within the filter. */
export async function collectionsByReceipt(tx: Tx, filter: RowFilter, typed: readonly string[], limit: number): Promise<CollectionRow[]> {
  const ids = [...new Set(typed)];
  return tx
    .select()
    .from(financeCollections)
    .where(
      and(
        sql`(${inArray(financeCollections.receiptId, ids)} or ${inArray(financeCollections.obligorReceiptId, ids)})`,
        scopeSql(filter, { lcsa: financeCollections.lcsaId }),
      ),
    )
    .orderBy(desc(financeCollections.receivedOn))
    .limit(limit);
}

// Work queues (the home page)

/** Open audit requests and complaints by their legal deadline (a complaint's director extension moves it; an audit's delay letter does not). */
export function openAuditRequestsCount(tx: Tx, filter: RowFilter, today: CalendarDate): Promise<WorkCount> {
  const r = financeAuditRequests;
  return countDue(
    tx,
    sql`${r}`,
    sql`${r.status} = 'open' and ${scopeSql(filter, { lcsa: r.lcsaId })}`,
    sql`(case when ${r.kind} = 'complaint' and ${r.extendedTo} is not null then ${r.extendedTo} else ${r.dueOn} end)`,
    today,
  );
}

/** Adjustments proposed and waiting for a second person's approval (no deadline). */
export function pendingAdjustmentsCount(tx: Tx, filter: RowFilter, today: CalendarDate): Promise<WorkCount> {
  const a = financeAdjustments;
  return countDue(tx, sql`${a}`, sql`${a.status} = 'pending' and ${scopeSql(filter, { lcsa: a.lcsaId })}`, sql`null::date`, today);
}

// Stays in custody (FC 4007.5)

export async function insertIncarceration(tx: Tx, stay: typeof financeIncarcerations.$inferInsert): Promise<IncarcerationRow> {
  const [row] = await tx.insert(financeIncarcerations).values(stay).returning();
  return row!;
}

export async function findIncarceration(tx: Tx, id: string): Promise<IncarcerationRow | undefined> {
  const [row] = await tx.select().from(financeIncarcerations).where(eq(financeIncarcerations.id, id));
  return row;
}

export async function updateIncarcerationRow(
  tx: Tx,
  id: string,
  change: Pick<IncarcerationRow, 'releasedOn' | 'exceptions' | 'source'>,
): Promise<IncarcerationRow> {
  const [row] = await tx.update(financeIncarcerations).set(change).where(eq(financeIncarcerations.id, id)).returning();
  return row!;
}

/** The stays recorded for these people, oldest first. */
export async function incarcerationsOf(tx: Tx, personIds: string[]): Promise<IncarcerationRow[]> {
  const rows: IncarcerationRow[] = [];
  for (let i = 0; i < personIds.length; i += 500) {
    rows.push(
      ...(await tx
        .select()
        .from(financeIncarcerations)
        .where(inArray(financeIncarcerations.personId, personIds.slice(i, i + 500)))
        .orderBy(asc(financeIncarcerations.startsOn))),
    );
  }
  return rows;
}
