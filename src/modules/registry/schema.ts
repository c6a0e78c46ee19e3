import { sql } from 'drizzle-orm';
import { boolean, char, index, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { calendarDate, cents, createdAt } from '../../platform/db/columns';
import { assistancePrograms, bankruptcyChapters, caseStatuses, orderFrequencies, orderTypes, participantRoles } from './contract';

/** Local child support agencies: 47, some regional (serving several counties). */
export const lcsas = pgTable('lcsas', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  isRegional: boolean('is_regional').notNull(),
  createdAt: createdAt(),
});

/** California's 58 counties, by FIPS code, each served by one LCSA. */
export const counties = pgTable('counties', {
  fips: char('fips', { length: 5 }).primaryKey(),
  name: text('name').notNull().unique(),
  lcsaId: text('lcsa_id')
    .notNull()
    .references(() => lcsas.id),
  createdAt: createdAt(),
});

/** People in cases: obligors, custodial parties and children. */
export const persons = pgTable(
  'persons',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    lcsaId: text('lcsa_id')
      .notNull()
      .references(() => lcsas.id),
    firstName: text('first_name').notNull(),
    middleName: text('middle_name'),
    lastName: text('last_name').notNull(),
    dateOfBirth: calendarDate('date_of_birth'),
    ssnCiphertext: text('ssn_ciphertext'),
    ssnBlindIndex: text('ssn_blind_index'),
    ssnLast4: char('ssn_last4', { length: 4 }),
    /** Driver's licence: keyed HMAC for identity checks and the last four for display (never the number). */
    driversLicenseBlindIndex: text('drivers_license_blind_index'),
    driversLicenseLast4: text('drivers_license_last4'),
    addressLine1: text('address_line1'),
    city: text('city'),
    state: char('state', { length: 2 }),
    zip: text('zip'),
    hasFamilyViolenceFlag: boolean('has_family_violence_flag').notNull().default(false),
    /** The contact on file: where a one-time code to open a portal account goes (a parent proves who they are with it). */
    phone: text('phone'),
    email: text('email'),
    /** The language the person asked to be written to in ('en' or 'es'). */
    preferredLanguage: text('preferred_language'),
    /** "first last" in lower case, kept by the database: the trigram index of the name search. */
    searchName: text('search_name').generatedAlwaysAs(sql`lower(first_name || ' ' || last_name)`),
    createdAt: createdAt(),
  },
  (t) => [
    index('persons_lcsa_idx').on(t.lcsaId),
    index('persons_ssn_bidx').on(t.ssnBlindIndex),
    index('persons_search_name_trgm').using('gin', t.searchName.op('gin_trgm_ops')),
    index('persons_last4_dob_idx').on(t.ssnLast4, t.dateOfBirth),
  ],
);

export const cases = pgTable(
  'cases',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    lcsaId: text('lcsa_id')
      .notNull()
      .references(() => lcsas.id),
    caseNumber: text('case_number').notNull().unique(),
    countyFips: char('county_fips', { length: 5 })
      .notNull()
      .references(() => counties.fips),
    status: text('status', { enum: caseStatuses }).notNull(),
    openedOn: calendarDate('opened_on').notNull(),
    closedOn: calendarDate('closed_on'),
    createdAt: createdAt(),
  },
  (t) => [index('cases_lcsa_idx').on(t.lcsaId, t.openedOn), index('cases_number_prefix_idx').on(sql`upper(${t.caseNumber}) text_pattern_ops`)],
);

export const caseParticipants = pgTable(
  'case_participants',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    lcsaId: text('lcsa_id').notNull(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id),
    role: text('role', { enum: participantRoles }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('case_participants_uq').on(t.caseId, t.personId, t.role), index('case_participants_person_idx').on(t.personId)],
);

/** CalWORKs (current assistance), foster care and Medi-Cal periods: the case's assistance history. */

export const assistancePeriods = pgTable(
  'assistance_periods',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    lcsaId: text('lcsa_id').notNull(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    program: text('program', { enum: assistancePrograms }).notNull(),
    startsOn: calendarDate('starts_on').notNull(),
    endsOn: calendarDate('ends_on'),
    /** CalWORKs only: the family's monthly grant, which adds to unreimbursed assistance (URA); null for other programmes, and for CalWORKs periods recorded before grants were. */
    monthlyGrantCents: cents('monthly_grant_cents'),
    createdAt: createdAt(),
  },
  (t) => [index('assistance_periods_case_idx').on(t.caseId)],
);

export const orders = pgTable(
  'orders',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    lcsaId: text('lcsa_id').notNull(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    courtOrderNumber: text('court_order_number').notNull(),
    courtCountyFips: char('court_county_fips', { length: 5 })
      .notNull()
      .references(() => counties.fips),
    orderType: text('order_type', { enum: orderTypes }).notNull(),
    issuedOn: calendarDate('issued_on').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    index('orders_case_idx').on(t.caseId),
    uniqueIndex('orders_court_number_uq').on(t.courtCountyFips, t.courtOrderNumber),
    index('orders_number_prefix_idx').on(sql`upper(${t.courtOrderNumber}) text_pattern_ops`),
  ],
);

export const orderTermReasons = ['original', 'modification', 'termination'] as const;

/** An order's terms from an effective date: the original, each modification, a termination ($0). */
export const orderTerms = pgTable(
  'order_terms',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    lcsaId: text('lcsa_id').notNull(),
    orderId: uuid('order_id')
      .notNull()
      .references(() => orders.id),
    reason: text('reason', { enum: orderTermReasons }).notNull(),
    effectiveFrom: calendarDate('effective_from').notNull(),
    frequency: text('frequency', { enum: orderFrequencies }).notNull(),
    amountCents: cents('amount_cents').notNull(),
    isReserved: boolean('is_reserved').notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('order_terms_effective_uq').on(t.orderId, t.effectiveFrom)],
);

/**
 * Bankruptcies of a person, recorded once and read by every module (liens: no lien against a Chapter 13
 * debtor, record tasks held during the stay; intercept: no match while the stay is in force). The
 * automatic stay runs from filing until it is lifted, or the case is discharged or dismissed.
 */
export const bankruptcies = pgTable(
  'bankruptcies',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id),
    /** The LCSA that recorded it (its staff may correct it); every LCSA of the person reads it. */
    lcsaId: text('lcsa_id').notNull(),
    chapter: text('chapter', { enum: bankruptcyChapters }).notNull(),
    caseNumber: text('case_number').notNull(),
    court: text('court').notNull(),
    filedOn: calendarDate('filed_on').notNull(),
    stayLiftedOn: calendarDate('stay_lifted_on'),
    dischargedOn: calendarDate('discharged_on'),
    dismissedOn: calendarDate('dismissed_on'),
    recordedBy: uuid('recorded_by'),
    createdAt: createdAt(),
  },
  (t) => [index('bankruptcies_person_idx').on(t.personId), uniqueIndex('bankruptcies_case_uq').on(t.court, t.caseNumber, t.personId)],
);
