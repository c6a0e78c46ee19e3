/**
 * The registry's SQL: the reads other modules use instead of its tables (cases, participants, orders and
 * terms, people, LCSAs and counties) here; the registry's own case list, export and writes in
 * `cases.ts`. Every function takes the transaction first; a scoped read takes a row filter or a scope
 * condition on the case's LCSA.
 */
export * from './cases';
export * from './search';
export * from './parents';
import { and, asc, count, eq, gt, gte, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Db, Tx } from '../../../platform/db/connect';
import { queryRows } from '../../../platform/db/rows';
import { assistancePeriods, bankruptcies, caseParticipants, cases, counties, lcsas, orders, orderTerms, persons } from '../schema';
import type { CalendarDate } from '../../../platform/dates';

/** Every LCSA's name by id (for reports and letters). */
/** Case numbers by case id (ids that are not cases are left out). */
export async function caseNumbers(tx: Tx, caseIds: readonly string[]): Promise<Map<string, string>> {
  if (caseIds.length === 0) return new Map();
  const rows = await tx
    .select({ id: cases.id, caseNumber: cases.caseNumber })
    .from(cases)
    .where(inArray(cases.id, [...new Set(caseIds)]));
  return new Map(rows.map((r) => [r.id, r.caseNumber]));
}

/**
 * A case's id and LCSA (`id`, `lcsa_id`) as a one-row SQL source for another module's statement, when
 * the case exists within `scope` (the caller's scope condition on the case's LCSA column): e.g.
 * `insert … select c.lcsa_id, c.id, … from ${caseSource(id, col => lcsaScope(actor, col))} as c`.
 */
export function caseSource(caseId: string, scope: (lcsaColumn: AnyPgColumn) => SQL): SQL {
  return sql`(select ${cases.id} as id, ${cases.lcsaId} as lcsa_id from ${cases} where ${cases.id} = ${caseId} and ${scope(cases.lcsaId)})`;
}

/** Every LCSA (id and name), by name. */
export async function listLcsas(tx: Tx): Promise<{ id: string; name: string }[]> {
  return tx.select({ id: lcsas.id, name: lcsas.name }).from(lcsas).orderBy(lcsas.name);
}

/** Cases by LCSA: every case, or the open ones. */
export async function caseCountsByLcsa(tx: Tx, options: { openOnly: boolean }): Promise<Map<string, number>> {
  const rows = await tx
    .select({ lcsaId: cases.lcsaId, n: count() })
    .from(cases)
    .where(options.openOnly ? eq(cases.status, 'open') : undefined)
    .groupBy(cases.lcsaId);
  return new Map(rows.map((r) => [r.lcsaId, Number(r.n)]));
}

/** Every county's name by FIPS code. */
export async function countyNames(tx: Tx): Promise<Map<string, string>> {
  return new Map((await tx.select({ fips: counties.fips, name: counties.name }).from(counties)).map((c) => [c.fips, c.name]));
}

export type PersonRow = typeof persons.$inferSelect;

/** People by id (ids that are not people are left out). */
export async function findPersons(tx: Tx, personIds: readonly string[]): Promise<Map<string, PersonRow>> {
  if (personIds.length === 0) return new Map();
  const rows = await tx
    .select()
    .from(persons)
    .where(inArray(persons.id, [...new Set(personIds)]));
  return new Map(rows.map((p) => [p.id, p]));
}

/**
 * What matching reads of every person, as a subquery another module joins on `id` (the intercept's
 * index of matchable obligors, hundreds of thousands of rows, in one statement).
 */
export function personMatchFacts(tx: Tx) {
  return tx
    .select({
      id: persons.id,
      ssnBlindIndex: persons.ssnBlindIndex,
      ssnCiphertext: persons.ssnCiphertext,
      firstName: persons.firstName,
      lastName: persons.lastName,
      dateOfBirth: persons.dateOfBirth,
      addressLine1: persons.addressLine1,
      city: persons.city,
      zip: persons.zip,
    })
    .from(persons)
    .as('person_facts');
}

/** Every obligor of an open case, with the case's LCSA and the obligor's encrypted SSN: by person, oldest case first. */
export async function openObligorCases(tx: Tx): Promise<{ personId: string; caseId: string; lcsaId: string; ssnCiphertext: string | null }[]> {
  return queryRows(
    tx,
    sql`select p.id as "personId", c.id as "caseId", c.lcsa_id as "lcsaId", p.ssn_ciphertext as "ssnCiphertext"
        from case_participants cp join cases c on c.id = cp.case_id join persons p on p.id = cp.person_id
        where cp.role = 'obligor' and c.status = 'open' order by p.id, c.opened_on`,
  );
}

/**
 * SQL for the obligor's oldest open case in an LCSA, as JSON \{ id, caseNumber \} or null, for another
 * module's select list (e.g. a notice's case, for staff to follow the money).
 */
export function obligorCaseInLcsa(personId: AnyPgColumn, lcsaId: AnyPgColumn): SQL<{ id: string; caseNumber: string } | null> {
  return sql<{ id: string; caseNumber: string } | null>`(select json_build_object('id', c.id, 'caseNumber', c.case_number)
        from case_participants cp join cases c on c.id = cp.case_id
        where cp.person_id = ${personId} and cp.role = 'obligor' and c.lcsa_id = ${lcsaId}
        order by c.opened_on, c.case_number limit 1)`;
}

/**
 * The open cases within `scope` (the caller's scope condition on the case's LCSA column); with
 * `closedOnOrAfter`, also the cases closed on or after that day (a quarter's report covers a case that was
 * open in any part of it).
 */
export async function openCaseIds(tx: Tx, scope: (lcsaColumn: AnyPgColumn) => SQL, options: { closedOnOrAfter?: CalendarDate } = {}): Promise<string[]> {
  const open = eq(cases.status, 'open');
  const rows = await tx
    .select({ id: cases.id })
    .from(cases)
    .where(and(scope(cases.lcsaId), options.closedOnOrAfter ? or(open, gte(cases.closedOn, options.closedOnOrAfter)) : open));
  return rows.map((r) => r.id);
}

/** The LCSAs of the cases in which these people are the obligor. */
export async function obligorCaseLcsas(tx: Tx, personIds: readonly string[]): Promise<string[]> {
  if (personIds.length === 0) return [];
  const rows = await tx
    .selectDistinct({ lcsaId: cases.lcsaId })
    .from(caseParticipants)
    .innerJoin(cases, eq(cases.id, caseParticipants.caseId))
    .where(and(inArray(caseParticipants.personId, [...personIds]), eq(caseParticipants.role, 'obligor')));
  return rows.map((r) => r.lcsaId);
}

/** The obligor records with this SSN (by blind index), oldest first, with what identity checks compare. */
export async function obligorsWithSsn(
  tx: Tx,
  ssnIndex: string,
): Promise<{ id: string; lastName: string; dateOfBirth: CalendarDate | null; licence: string | null }[]> {
  return queryRows(
    tx,
    sql`select p.id, p.last_name as "lastName", p.date_of_birth::text as "dateOfBirth", p.drivers_license_blind_index as licence
        from persons p where p.ssn_blind_index = ${ssnIndex}
          and exists (select 1 from case_participants cp where cp.person_id = p.id and cp.role = 'obligor') order by p.created_at`,
  );
}

/** People with this first and last name (any case), with their SSN blind index. */
export async function namesakes(tx: Tx, firstName: string, lastName: string): Promise<{ id: string; ssnBlindIndex: string | null }[]> {
  return tx
    .select({ id: persons.id, ssnBlindIndex: persons.ssnBlindIndex })
    .from(persons)
    .where(and(sql`lower(${persons.firstName}) = lower(${firstName})`, sql`lower(${persons.lastName}) = lower(${lastName})`));
}

/** A person's name as letters show it: first, middle (when asked for) and last, the parts there are. */
export function personName(person: { firstName: string; middleName: string | null; lastName: string }, options: { middle: boolean }): string {
  return [person.firstName, options.middle ? person.middleName : null, person.lastName].filter((part) => part !== null).join(' ');
}

/** SQL for a person's name (first and last), for another module's select list and ordering. */
export function personNameSql(personId: AnyPgColumn | SQL): SQL<string> {
  return sql<string>`(select concat_ws(' ', ${persons.firstName}, ${persons.lastName}) from ${persons} where ${persons.id} = ${personId})`;
}

/** The id of the case with this number, if there is one. */
export async function findCaseIdByNumber(tx: Tx, caseNumber: string): Promise<string | undefined> {
  const [row] = await tx.select({ id: cases.id }).from(cases).where(eq(cases.caseNumber, caseNumber));
  return row?.id;
}

/** How many cases there are (an empty database has none). */
/**
 * The next `limit` case ids after `after`, in id order, of one of `shards` disjoint parts of all cases (by a
 * hash of the id): batch work walks each part on a connection of its own and checkpoints where it stands.
 */
export async function caseIdsInShard(tx: Tx, shard: { index: number; of: number }, after: string | null, limit: number): Promise<string[]> {
  const rows = await tx
    .select({ id: cases.id })
    .from(cases)
    .where(and(sql`abs(hashtext(${cases.id}::text)) % ${shard.of}::integer = ${shard.index}::integer`, after ? gt(cases.id, after) : undefined))
    .orderBy(asc(cases.id))
    .limit(limit);
  return rows.map((r) => r.id);
}

export async function countCases(tx: Db): Promise<number> {
  const [row] = await tx.select({ n: count() }).from(cases);
  return row?.n ?? 0;
}

export async function lcsaNames(tx: Tx): Promise<Map<string, string>> {
  return new Map((await tx.select({ id: lcsas.id, name: lcsas.name }).from(lcsas)).map((l) => [l.id, l.name]));
}

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

export interface CasePerson {
  id: string;
  role: 'obligor' | 'custodial_party' | 'child';
  firstName: string;
  middleName: string | null;
  lastName: string;
  dateOfBirth: CalendarDate | null;
  ssnCiphertext: string | null;
  ssnLast4: string | null;
  addressLine1: string | null;
  city: string | null;
  state: string | null;
  zip: string | null;
  hasFamilyViolenceFlag: boolean;
  phone: string | null;
  email: string | null;
  preferredLanguage: string | null;
}

export interface CaseWithParts {
  id: string;
  lcsaId: string;
  caseNumber: string;
  countyFips: string;
  status: 'open' | 'closed';
  openedOn: CalendarDate;
  closedOn: CalendarDate | null;
  people: CasePerson[];
  assistance: { program: 'calworks' | 'foster_care' | 'medi_cal'; startsOn: CalendarDate; endsOn: CalendarDate | null; monthlyGrantCents: number | null }[];
  orders: {
    id: string;
    courtOrderNumber: string;
    courtCountyFips: string;
    orderType: 'child_support' | 'medical_support' | 'spousal_support' | 'family_support';
    issuedOn: CalendarDate;
    terms: {
      effectiveFrom: CalendarDate;
      reason: 'original' | 'modification' | 'termination';
      frequency: 'monthly' | 'semi_monthly' | 'biweekly' | 'weekly';
      amountCents: number;
      isReserved: boolean;
    }[];
  }[];
}

/** Just what an access check needs: the case's id and owning LCSA. */
export async function findCaseOwner(tx: Db, caseId: string): Promise<{ id: string; lcsaId: string } | undefined> {
  const [row] = await tx.select({ id: cases.id, lcsaId: cases.lcsaId }).from(cases).where(eq(cases.id, caseId));
  return row;
}

/** The open cases on which a person is the obligor (for a lump sum prorated across them), oldest first. */
/**
 * The person and every other registry record of the same individual: LCSAs register a parent once per
 * case, so one parent may be several person rows sharing an SSN (its blind index). Without an SSN, just the person.
 */
export async function sameIndividual(tx: Tx, personId: string): Promise<string[]> {
  const rows = await queryRows<{ id: string }>(
    tx,
    sql`select id from persons where id = ${personId}
        union select p.id from persons p join persons me on me.id = ${personId} and me.ssn_blind_index is not null and p.ssn_blind_index = me.ssn_blind_index`,
  );
  return rows.map((r) => r.id);
}

/** The open cases on which this individual (every registry record of them) is the obligor, statewide. */
export async function findObligorCases(tx: Tx, personId: string): Promise<{ id: string; lcsaId: string; caseNumber: string }[]> {
  const people = await sameIndividual(tx, personId);
  return tx
    .select({ id: cases.id, lcsaId: cases.lcsaId, caseNumber: cases.caseNumber })
    .from(caseParticipants)
    .innerJoin(cases, eq(cases.id, caseParticipants.caseId))
    .where(and(inArray(caseParticipants.personId, people), eq(caseParticipants.role, 'obligor'), eq(cases.status, 'open')))
    .orderBy(asc(cases.openedOn), asc(cases.caseNumber));
}

/** A case with its people, assistance history and orders in ONE query: the hot path of case reads. */
/** The ids of a case's orders. */
export async function orderIdsOfCase(tx: Tx, caseId: string): Promise<string[]> {
  return (await tx.select({ id: orders.id }).from(orders).where(eq(orders.caseId, caseId))).map((r) => r.id);
}

export async function findCaseWithParts(tx: Tx, caseId: string): Promise<CaseWithParts | undefined> {
  const [row] = await findCasesWithParts(tx, [caseId]);
  return row;
}

/** Many cases with their parts, in one query per 500 ids (batch work: screening, reports). */
export async function findCasesWithParts(tx: Tx, caseIds: string[]): Promise<CaseWithParts[]> {
  const found: CaseWithParts[] = [];
  for (let i = 0; i < caseIds.length; i += 500) found.push(...(await casesWithParts(tx, caseIds.slice(i, i + 500))));
  return found;
}

async function casesWithParts(tx: Tx, caseIds: string[]): Promise<CaseWithParts[]> {
  if (caseIds.length === 0) return [];
  return queryRows<CaseWithParts>(
    tx,
    sql`select c.id, c.lcsa_id as "lcsaId", c.case_number as "caseNumber", c.county_fips as "countyFips", c.status,
          c.opened_on::text as "openedOn", c.closed_on::text as "closedOn",
          coalesce((select json_agg(json_build_object(
              'id', p.id, 'role', cp.role, 'firstName', p.first_name, 'middleName', p.middle_name, 'lastName', p.last_name,
              'dateOfBirth', p.date_of_birth, 'ssnCiphertext', p.ssn_ciphertext, 'ssnLast4', p.ssn_last4,
              'addressLine1', p.address_line1, 'city', p.city, 'state', p.state, 'zip', p.zip,
              'hasFamilyViolenceFlag', p.has_family_violence_flag, 'phone', p.phone, 'email', p.email,
              'preferredLanguage', p.preferred_language) order by p.date_of_birth)
            from case_participants cp join persons p on p.id = cp.person_id where cp.case_id = c.id), '[]') as people,
          ${assistanceAndOrdersJson}
        from cases c where c.id in (${sql.join(
          caseIds.map((id) => sql`${id}`),
          sql`, `,
        )})`,
  );
}

/** A case's CalWORKs periods and its orders with their terms, as JSON columns of `cases c`: what the finance replay reads. */
const assistanceAndOrdersJson = sql`coalesce((select json_agg(json_build_object('program', a.program, 'startsOn', a.starts_on, 'endsOn', a.ends_on, 'monthlyGrantCents', a.monthly_grant_cents) order by a.starts_on)
            from assistance_periods a where a.case_id = c.id), '[]') as assistance,
          coalesce((select json_agg(json_build_object(
              'id', o.id, 'courtOrderNumber', o.court_order_number, 'courtCountyFips', o.court_county_fips, 'orderType', o.order_type,
              'issuedOn', o.issued_on,
              'terms', coalesce((select json_agg(json_build_object('effectiveFrom', t.effective_from, 'reason', t.reason, 'frequency', t.frequency,
                  'amountCents', t.amount_cents, 'isReserved', t.is_reserved) order by t.effective_from)
                from order_terms t where t.order_id = o.id), '[]')) order by o.issued_on)
            from orders o where o.case_id = c.id), '[]') as orders`;

/**
 * What batch replays read of many cases: the LCSA, the participants' ids and roles (none of their personal
 * columns), CalWORKs periods, orders and terms. For system batch work: no scope is applied.
 */
export async function caseSourcesOf(tx: Tx, caseIds: string[]) {
  if (caseIds.length === 0) return [];
  return queryRows<{
    id: string;
    lcsaId: string;
    people: { id: string; role: string }[];
    assistance: CaseWithParts['assistance'];
    orders: CaseWithParts['orders'];
  }>(
    tx,
    sql`select c.id, c.lcsa_id as "lcsaId",
          coalesce((select json_agg(json_build_object('id', cp.person_id, 'role', cp.role)) from case_participants cp where cp.case_id = c.id), '[]') as people,
          ${assistanceAndOrdersJson}
        from cases c where c.id = any(${`{${caseIds.join(',')}}`}::uuid[])`,
  );
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

// Bankruptcies

export type BankruptcyRow = typeof bankruptcies.$inferSelect;

export async function insertBankruptcy(tx: Tx, values: typeof bankruptcies.$inferInsert): Promise<BankruptcyRow> {
  const [row] = await tx.insert(bankruptcies).values(values).returning();
  return row!;
}

export async function updateBankruptcyRow(tx: Tx, id: string, change: Partial<typeof bankruptcies.$inferInsert>): Promise<void> {
  await tx.update(bankruptcies).set(change).where(eq(bankruptcies.id, id));
}

export async function bankruptcyById(tx: Tx, id: string): Promise<BankruptcyRow | undefined> {
  const [row] = await tx.select().from(bankruptcies).where(eq(bankruptcies.id, id));
  return row;
}

/**
 * The bankruptcies of each of these people as individuals: recorded on any registry record sharing the
 * person's SSN (blind index) counts, so one filing recorded by one LCSA is seen by all. Keyed by the ids asked.
 */
export async function bankruptciesOfIndividuals(tx: Tx, personIds: readonly string[]): Promise<Map<string, BankruptcyRow[]>> {
  const found = new Map<string, BankruptcyRow[]>(personIds.map((id) => [id, []]));
  if (personIds.length === 0) return found;
  const rows = await queryRows<BankruptcyRow & { askedId: string }>(
    tx,
    sql`select q.id as "askedId", b.id, b.person_id as "personId", b.lcsa_id as "lcsaId", b.chapter, b.case_number as "caseNumber", b.court,
               b.filed_on::text as "filedOn", b.stay_lifted_on::text as "stayLiftedOn", b.discharged_on::text as "dischargedOn",
               b.dismissed_on::text as "dismissedOn", b.recorded_by as "recordedBy", b.created_at as "createdAt"
        from ${bankruptcies} b join ${persons} p on p.id = b.person_id
        join ${persons} q on q.id = p.id or (p.ssn_blind_index is not null and q.ssn_blind_index = p.ssn_blind_index)
        where q.id in (${sql.join(
          personIds.map((id) => sql`${id}::uuid`),
          sql`, `,
        )})
        order by b.filed_on, b.id`,
  );
  for (const { askedId, ...row } of rows) found.get(askedId)!.push(row);
  return found;
}
