/** The registry's SQL. Every function takes the transaction first and the actor's scope condition. */
import { asc, count, eq, inArray, like, type SQL } from 'drizzle-orm';
import type { Tx } from '../../platform/db/connect';
import { assistancePeriods, caseParticipants, cases, counties, lcsas, orders, orderTerms, persons } from './schema';

export async function listLcsasWithCounties(tx: Tx) {
  const lcsaRows = await tx.select().from(lcsas).orderBy(asc(lcsas.name));
  const countyRows = await tx.select().from(counties).orderBy(asc(counties.name));
  return lcsaRows.map((l) => ({
    id: l.id,
    name: l.name,
    isRegional: l.isRegional,
    counties: countyRows.filter((c) => c.lcsaId === l.id).map((c) => ({ fips: c.fips, name: c.name })),
  }));
}

export async function findCounty(tx: Tx, fips: string) {
  const [row] = await tx.select().from(counties).where(eq(counties.fips, fips));
  return row;
}

export async function pageCases(tx: Tx, where: SQL, page: number, pageSize: number) {
  const obligor = tx
    .select({ caseId: caseParticipants.caseId, name: persons.lastName, first: persons.firstName })
    .from(caseParticipants)
    .innerJoin(persons, eq(persons.id, caseParticipants.personId))
    .where(eq(caseParticipants.role, 'obligor'))
    .as('obligor');
  const items = await tx
    .select({ row: cases, obligorLast: obligor.name, obligorFirst: obligor.first })
    .from(cases)
    .leftJoin(obligor, eq(obligor.caseId, cases.id))
    .where(where)
    .orderBy(asc(cases.caseNumber))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  const [total] = await tx.select({ n: count() }).from(cases).where(where);
  return { items, total: total?.n ?? 0 };
}

export function caseNumberPrefix(prefix: string): SQL {
  return like(cases.caseNumber, `${prefix.replace(/[%_\\]/g, (c) => `\\${c}`)}%`);
}

export async function findCase(tx: Tx, caseId: string) {
  const [row] = await tx.select().from(cases).where(eq(cases.id, caseId));
  return row;
}

export async function loadCaseParts(tx: Tx, caseId: string) {
  const people = await tx
    .select({ person: persons, role: caseParticipants.role })
    .from(caseParticipants)
    .innerJoin(persons, eq(persons.id, caseParticipants.personId))
    .where(eq(caseParticipants.caseId, caseId))
    .orderBy(asc(persons.dateOfBirth));
  const assistance = await tx.select().from(assistancePeriods).where(eq(assistancePeriods.caseId, caseId)).orderBy(asc(assistancePeriods.startsOn));
  const orderRows = await tx.select().from(orders).where(eq(orders.caseId, caseId)).orderBy(asc(orders.issuedOn));
  const terms =
    orderRows.length === 0
      ? []
      : await tx
          .select()
          .from(orderTerms)
          .where(
            inArray(
              orderTerms.orderId,
              orderRows.map((o) => o.id),
            ),
          )
          .orderBy(asc(orderTerms.effectiveFrom));
  return { people, assistance, orderRows, terms };
}

export type NewCaseRows = {
  caseRow: typeof cases.$inferInsert;
  people: (typeof persons.$inferInsert)[];
  participants: (typeof caseParticipants.$inferInsert)[];
  assistance: (typeof assistancePeriods.$inferInsert)[];
  orders: (typeof orders.$inferInsert)[];
  terms: (typeof orderTerms.$inferInsert)[];
};

/**
 * Inserts cases with everything that belongs to them, in multi-row statements; rows that already
 * exist (same ids, same case number) are left alone, so a repeated batch changes nothing.
 */
export async function insertCaseRows(tx: Tx, batch: NewCaseRows[]): Promise<number> {
  if (batch.length === 0) return 0;
  const inserted = await tx
    .insert(cases)
    .values(batch.map((b) => b.caseRow))
    .onConflictDoNothing()
    .returning({ id: cases.id });
  const fresh = new Set(inserted.map((r) => r.id));
  const rows = batch.filter((b) => fresh.has(b.caseRow.id!));
  const insertAll = async <T>(table: Parameters<Tx['insert']>[0], values: T[]) => {
    for (let i = 0; i < values.length; i += 1_000)
      await tx
        .insert(table)
        .values(values.slice(i, i + 1_000) as never)
        .onConflictDoNothing();
  };
  await insertAll(
    persons,
    rows.flatMap((b) => b.people),
  );
  await insertAll(
    caseParticipants,
    rows.flatMap((b) => b.participants),
  );
  await insertAll(
    assistancePeriods,
    rows.flatMap((b) => b.assistance),
  );
  await insertAll(
    orders,
    rows.flatMap((b) => b.orders),
  );
  await insertAll(
    orderTerms,
    rows.flatMap((b) => b.terms),
  );
  return rows.length;
}
