/**
 * The registry's own case list, export and writes: a page of cases, the export rows with obligor and
 * custodial party, the case or order locked for a write, order terms, assistance periods, and the
 * reference data (LCSAs and counties). Part of the registry store (re-exported by store/index.ts).
 */
import { and, asc, desc, eq, exists, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { scopeSql, type RowFilter } from '../../../platform/auth/scope';
import type { Tx } from '../../../platform/db/connect';
import { startsWith } from '../../../platform/db/like';
import type { CalendarDate } from '../../../platform/dates';
import { countAll, windowSelect, type ListWindow } from '../../../platform/lists/lists';
import { assistancePeriods, caseParticipants, cases, counties, lcsas, orders, orderTerms, persons } from '../schema';

export type CaseRow = typeof cases.$inferSelect;
export type PersonRecord = typeof persons.$inferSelect;
export type OrderRow = typeof orders.$inferSelect;
export type OrderTermRow = typeof orderTerms.$inferSelect;
export type AssistancePeriodRow = typeof assistancePeriods.$inferSelect;

/** Which cases: those the filter reaches, narrowed by status, LCSA, case-number prefix and `q`. */
export interface CaseSelection {
  filter: RowFilter;
  status?: 'open' | 'closed';
  lcsaId?: string;
  caseNumber?: string;
  /** A case number that starts with it, or an obligor whose last name does (either ignoring case). */
  q?: string;
}

/** The obligor's person row on the case in the outer query (a correlated subquery's condition). */
const isCaseObligor = sql`${caseParticipants.caseId} = ${cases.id} and ${caseParticipants.role} = 'obligor'`;

function selecting(selection: CaseSelection): SQL | undefined {
  const q = selection.q?.trim();
  return and(
    scopeSql(selection.filter, { lcsa: cases.lcsaId }),
    selection.status ? eq(cases.status, selection.status) : undefined,
    selection.lcsaId ? eq(cases.lcsaId, selection.lcsaId) : undefined,
    selection.caseNumber ? startsWith(cases.caseNumber, selection.caseNumber) : undefined,
    q
      ? or(
          startsWith(cases.caseNumber, q.toUpperCase()),
          exists(
            sql`(select 1 from ${caseParticipants} join ${persons} on ${persons.id} = ${caseParticipants.personId} where ${isCaseObligor} and ${startsWith(persons.lastName, q, { ignoreCase: true })})`,
          ),
        )
      : undefined,
  );
}

/** What a case list orders by: each valid in any query over `cases` (the obligor's name is a subquery). */
export const caseOrder = {
  caseNumber: cases.caseNumber,
  obligor: sql`(select lower(${persons.lastName} || ', ' || ${persons.firstName}) from ${caseParticipants} join ${persons} on ${persons.id} = ${caseParticipants.personId} where ${isCaseObligor} limit 1)`,
  lcsa: cases.lcsaId,
  county: cases.countyFips,
  status: cases.status,
  openedOn: cases.openedOn,
};

/** One window of the selected cases with the obligor's name, and how many there are. */
export async function pageCases(tx: Tx, selection: CaseSelection, window: ListWindow) {
  const where = selecting(selection);
  const obligor = tx
    .select({ caseId: caseParticipants.caseId, name: persons.lastName, first: persons.firstName })
    .from(caseParticipants)
    .innerJoin(persons, eq(persons.id, caseParticipants.personId))
    .where(eq(caseParticipants.role, 'obligor'))
    .as('obligor');
  const { rows, total } = await windowSelect(
    tx
      .select({ row: cases, obligorLast: obligor.name, obligorFirst: obligor.first })
      .from(cases)
      .leftJoin(obligor, eq(obligor.caseId, cases.id))
      .where(where)
      .$dynamic(),
    tx.select({ n: countAll }).from(cases).where(where),
    window,
    cases.id,
  );
  return { items: rows, total };
}

const obligorLink = alias(caseParticipants, 'obligor_link');
const obligor = alias(persons, 'obligor');
const custodialLink = alias(caseParticipants, 'custodial_link');
const custodial = alias(persons, 'custodial');

/** The selected cases in the window's order with their obligor and custodial party. */
export async function casesWithParties(
  tx: Tx,
  selection: CaseSelection,
  window: ListWindow,
): Promise<{ row: CaseRow; obligor: PersonRecord | null; custodial: PersonRecord | null }[]> {
  const { rows } = await windowSelect(
    tx
      .select({ row: cases, obligor, custodial })
      .from(cases)
      .leftJoin(obligorLink, and(eq(obligorLink.caseId, cases.id), eq(obligorLink.role, 'obligor')))
      .leftJoin(obligor, eq(obligor.id, obligorLink.personId))
      .leftJoin(custodialLink, and(eq(custodialLink.caseId, cases.id), eq(custodialLink.role, 'custodial_party')))
      .leftJoin(custodial, eq(custodial.id, custodialLink.personId))
      .where(selecting(selection))
      .$dynamic(),
    Promise.resolve([]),
    window,
    cases.id,
  );
  return rows;
}

/** The cases the filter reaches on which this person takes part, with the part they take; open first, newest first. */
export async function casesOfPerson(
  tx: Tx,
  filter: RowFilter,
  personId: string,
): Promise<
  { id: string; caseNumber: string; lcsaId: string; status: 'open' | 'closed'; openedOn: CalendarDate; role: 'obligor' | 'custodial_party' | 'child' }[]
> {
  return tx
    .select({ id: cases.id, caseNumber: cases.caseNumber, lcsaId: cases.lcsaId, status: cases.status, openedOn: cases.openedOn, role: caseParticipants.role })
    .from(caseParticipants)
    .innerJoin(cases, eq(cases.id, caseParticipants.caseId))
    .where(and(eq(caseParticipants.personId, personId), scopeSql(filter, { lcsa: cases.lcsaId })))
    .orderBy(desc(cases.status), desc(cases.openedOn), asc(cases.caseNumber));
}

/** The case, locked until the transaction ends (a write that checks it first). */
export async function caseForUpdate(tx: Tx, caseId: string): Promise<CaseRow | undefined> {
  const [row] = await tx.select().from(cases).where(eq(cases.id, caseId)).for('update');
  return row;
}

/** The order, locked until the transaction ends, with its terms in effective order. */
export async function orderForUpdate(tx: Tx, orderId: string): Promise<{ order: OrderRow; terms: OrderTermRow[] } | undefined> {
  const [order] = await tx.select().from(orders).where(eq(orders.id, orderId)).for('update');
  if (!order) return undefined;
  const terms = await tx.select().from(orderTerms).where(eq(orderTerms.orderId, orderId)).orderBy(asc(orderTerms.effectiveFrom));
  return { order, terms };
}

/** Records the order with its first term; undefined when the court order is already recorded. */
export async function insertOrder(
  tx: Tx,
  order: typeof orders.$inferInsert,
  firstTerm: Omit<typeof orderTerms.$inferInsert, 'orderId' | 'lcsaId'>,
): Promise<string | undefined> {
  const [created] = await tx.insert(orders).values(order).onConflictDoNothing().returning({ id: orders.id });
  if (created) await insertOrderTerm(tx, { ...firstTerm, orderId: created.id, lcsaId: order.lcsaId });
  return created?.id;
}

export async function insertOrderTerm(tx: Tx, term: typeof orderTerms.$inferInsert): Promise<void> {
  await tx.insert(orderTerms).values(term);
}

export async function assistancePeriodsOf(tx: Tx, caseId: string): Promise<AssistancePeriodRow[]> {
  return tx.select().from(assistancePeriods).where(eq(assistancePeriods.caseId, caseId));
}

export async function insertAssistancePeriod(tx: Tx, period: typeof assistancePeriods.$inferInsert): Promise<string> {
  const [row] = await tx.insert(assistancePeriods).values(period).returning({ id: assistancePeriods.id });
  return row!.id;
}

/** Brings the LCSAs and counties in line with the reference file (insert or update by id). */
export async function upsertReference(tx: Tx, lcsaRows: (typeof lcsas.$inferInsert)[], countyRows: (typeof counties.$inferInsert)[]): Promise<void> {
  await tx
    .insert(lcsas)
    .values(lcsaRows)
    .onConflictDoUpdate({ target: lcsas.id, set: { name: sql`excluded.name`, isRegional: sql`excluded.is_regional` } });
  await tx
    .insert(counties)
    .values(countyRows)
    .onConflictDoUpdate({ target: counties.fips, set: { name: sql`excluded.name`, lcsaId: sql`excluded.lcsa_id` } });
}
