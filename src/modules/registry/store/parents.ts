/**
 * The registry's reads and writes for the parents' portal: proving who a parent is from what their case
 * papers show, the cases they are a parent on (every registry record of the same individual), their
 * contact on file, and the family-violence protection once staff confirm a safety concern.
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Tx } from '../../../platform/db/connect';
import { queryRows } from '../../../platform/db/rows';
import type { CalendarDate } from '../../../platform/dates';
import { caseParticipants, cases, persons } from '../schema';
import { sameIndividual } from './index';

/** The two parent roles a portal account can hold on a case (never a child's). */
export type ParentRole = 'obligor' | 'custodial_party';

export interface ParentIdentity {
  personId: string;
  caseId: string;
  lcsaId: string;
  role: ParentRole;
  phone: string | null;
  email: string | null;
}

/**
 * The parent on this case whose birth date and SSN's last four are these: what a parent's own papers
 * show, checked together (any one wrong finds nobody). A case number in any letter case.
 */
export async function parentByIdentity(
  tx: Tx,
  facts: { caseNumber: string; dateOfBirth: CalendarDate; ssnLast4: string },
): Promise<ParentIdentity | undefined> {
  const [row] = await queryRows<ParentIdentity>(
    tx,
    sql`select p.id as "personId", c.id as "caseId", c.lcsa_id as "lcsaId", cp.role, p.phone, p.email
        from cases c
        join case_participants cp on cp.case_id = c.id and cp.role in ('obligor', 'custodial_party')
        join persons p on p.id = cp.person_id
        where upper(c.case_number) = upper(${facts.caseNumber}) and p.date_of_birth = ${facts.dateOfBirth} and p.ssn_last4 = ${facts.ssnLast4}
        limit 1`,
  );
  return row;
}

export interface ParentCase {
  caseId: string;
  caseNumber: string;
  lcsaId: string;
  status: 'open' | 'closed';
  role: ParentRole;
  /** The registry record of this parent on this case (one individual may be several records). */
  personId: string;
}

/** The cases this individual is a parent on, statewide, open first and then by case number. */
export async function parentCases(tx: Tx, personId: string): Promise<ParentCase[]> {
  const people = await sameIndividual(tx, personId);
  return tx
    .select({
      caseId: cases.id,
      caseNumber: cases.caseNumber,
      lcsaId: cases.lcsaId,
      status: cases.status,
      role: sql<ParentRole>`${caseParticipants.role}`,
      personId: caseParticipants.personId,
    })
    .from(caseParticipants)
    .innerJoin(cases, eq(cases.id, caseParticipants.caseId))
    .where(and(inArray(caseParticipants.personId, people), inArray(caseParticipants.role, ['obligor', 'custodial_party'])))
    .orderBy(sql`${cases.status} = 'closed'`, cases.caseNumber);
}

export interface ContactOnFile {
  firstName: string;
  lastName: string;
  addressLine1: string | null;
  city: string | null;
  state: string | null;
  zip: string | null;
  phone: string | null;
  email: string | null;
  preferredLanguage: string | null;
  hasFamilyViolenceFlag: boolean;
}

/** A person's own contact details as the registry holds them. */
export async function contactOf(tx: Tx, personId: string): Promise<ContactOnFile | undefined> {
  const [row] = await tx
    .select({
      firstName: persons.firstName,
      lastName: persons.lastName,
      addressLine1: persons.addressLine1,
      city: persons.city,
      state: persons.state,
      zip: persons.zip,
      phone: persons.phone,
      email: persons.email,
      preferredLanguage: persons.preferredLanguage,
      hasFamilyViolenceFlag: persons.hasFamilyViolenceFlag,
    })
    .from(persons)
    .where(eq(persons.id, personId));
  return row;
}

export type ContactChange = Partial<Pick<ContactOnFile, 'addressLine1' | 'city' | 'state' | 'zip' | 'phone' | 'email' | 'preferredLanguage'>>;

/** Writes a contact change to every registry record of the individual (a move is a move on every case). */
export async function updateContact(tx: Tx, personId: string, change: ContactChange): Promise<string[]> {
  const people = await sameIndividual(tx, personId);
  if (Object.keys(change).length > 0) await tx.update(persons).set(change).where(inArray(persons.id, people));
  return people;
}

/**
 * Sets the family-violence protection on every registry record of the individual: from then on their
 * address never leaves the system (platform/pii/address.ts), on every case.
 */
export async function protectIndividual(tx: Tx, personId: string): Promise<string[]> {
  const people = await sameIndividual(tx, personId);
  await tx.update(persons).set({ hasFamilyViolenceFlag: true }).where(inArray(persons.id, people));
  return people;
}

/**
 * Open cases of an LCSA with both parents on them, neither protected, by case number: where the demo
 * gives parents a contact on file and portal accounts.
 */
export async function casesWithBothParents(
  tx: Tx,
  lcsaId: string,
  limit: number,
): Promise<{ caseId: string; caseNumber: string; obligorId: string; custodialPartyId: string }[]> {
  return queryRows(
    tx,
    sql`select c.id as "caseId", c.case_number as "caseNumber", o.person_id as "obligorId", cp.person_id as "custodialPartyId"
        from cases c
        join case_participants o on o.case_id = c.id and o.role = 'obligor'
        join case_participants cp on cp.case_id = c.id and cp.role = 'custodial_party'
        join persons po on po.id = o.person_id and not po.has_family_violence_flag and po.date_of_birth is not null and po.ssn_last4 is not null
        join persons pc on pc.id = cp.person_id and not pc.has_family_violence_flag and pc.date_of_birth is not null and pc.ssn_last4 is not null
        where c.lcsa_id = ${lcsaId} and c.status = 'open' and exists (select 1 from orders where orders.case_id = c.id)
        order by c.case_number limit ${limit}`,
  );
}

/** The parent role each person holds on each case, for many (person, case) pairs in one query; keyed `person:case`. */
export async function parentRolesOn(tx: Tx, pairs: readonly { personId: string; caseId: string }[]): Promise<Map<string, ParentRole>> {
  if (pairs.length === 0) return new Map();
  const rows = await tx
    .select({ personId: caseParticipants.personId, caseId: caseParticipants.caseId, role: sql<ParentRole>`${caseParticipants.role}` })
    .from(caseParticipants)
    .where(
      and(
        inArray(caseParticipants.personId, [...new Set(pairs.map((p) => p.personId))]),
        inArray(caseParticipants.caseId, [...new Set(pairs.map((p) => p.caseId))]),
        inArray(caseParticipants.role, ['obligor', 'custodial_party']),
      ),
    );
  return new Map(rows.map((r) => [`${r.personId}:${r.caseId}`, r.role]));
}
