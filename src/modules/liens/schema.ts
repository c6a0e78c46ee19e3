import { boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { calendarDate, cents, createdAt } from '../../platform/db/columns';

/** Real property liens (CCP 697.320, FC 4506): one row per order and county, with its recording status. */
export const liens = pgTable(
  'liens',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id').notNull(),
    orderId: uuid('order_id').notNull(),
    personId: uuid('person_id').notNull(),
    /** The recording LCSA (the case's). */
    lcsaId: text('lcsa_id').notNull(),
    countyFips: text('county_fips').notNull(),
    instrument: text('instrument', { enum: ['abstract_of_support_judgment', 'certified_order', 'federal_notice_of_lien'] }).notNull(),
    status: text('status', { enum: ['to_record', 'submitted', 'recorded', 'rejected', 'partially_released', 'released', 'subordinated'] }).notNull(),
    trigger: text('trigger', { enum: ['order_received', 'case_opened', 'order_registered'] }).notNull(),
    triggerDate: calendarDate('trigger_date').notNull(),
    /** 22 CCR 116130: record within 45 days of the trigger (versioned policy). */
    dueBy: calendarDate('due_by').notNull(),
    submittedOn: calendarDate('submitted_on'),
    recordedOn: calendarDate('recorded_on'),
    instrumentNumber: text('instrument_number'),
    feeCents: cents('fee_cents'),
    erecordingRef: text('erecording_ref'),
    rejectionReason: text('rejection_reason'),
    /** The release that covered this lien (one release covers all of an obligor's liens). */
    releaseId: uuid('release_id'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('liens_order_county_uq').on(t.orderId, t.countyFips),
    index('liens_person_idx').on(t.personId),
    index('liens_queue_idx').on(t.lcsaId, t.status, t.dueBy),
  ],
);

/** Every change of a lien, in order: its full history. */
export const lienEvents = pgTable(
  'lien_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    lienId: uuid('lien_id').notNull(),
    status: text('status').notNull(),
    detail: text('detail').notNull(),
    actorId: uuid('actor_id'),
    at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [index('lien_events_lien_idx').on(t.lienId, t.at)],
);

/** One release of every lien of an obligor, in every county (22 CCR 116134; form CA 8581 per lien). */
export const lienReleases = pgTable(
  'lien_releases',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    personId: uuid('person_id').notNull(),
    reason: text('reason', { enum: ['paid_in_full', 'wrong_person', 'court_order'] }).notNull(),
    /** general: CA 8581 and, when nothing more is owed, an acknowledgment of full satisfaction; matured_installment: arrears paid while support continues (22 CCR 116132). */
    kind: text('kind', { enum: ['general', 'matured_installment'] })
      .notNull()
      .default('general'),
    triggerDate: calendarDate('trigger_date').notNull(),
    dueBy: calendarDate('due_by').notNull(),
    /** When the release packet was produced and sent: the release as the LCSA made it. */
    releasedOn: calendarDate('released_on').notNull(),
    /** When the county recorder recorded the release (the last county, for a packet of several). */
    recordedOn: calendarDate('recorded_on'),
    lienCount: integer('lien_count').notNull(),
    note: text('note'),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
  },
  (t) => [index('lien_releases_person_idx').on(t.personId)],
);

/**
 * A payoff demand from a title or escrow company (through the partner portal, or entered by staff): the
 * borrower's identifiers as the company gave them (SSN and licence only as keyed hashes and last four),
 * the identity checks against the registry, and — once issued — the statewide payoff good through a
 * date with its per-diem, per case, and the demand letter's version. Due 15 days from receipt.
 */
export const lienPayoffDemands = pgTable(
  'lien_payoff_demands',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** The requesting title/escrow partner; null when staff entered a demand received by mail or fax. */
    partnerId: uuid('partner_id'),
    channel: text('channel', { enum: ['portal', 'staff'] }).notNull(),
    companyName: text('company_name').notNull(),
    escrowNumber: text('escrow_number').notNull(),
    contactName: text('contact_name'),
    contactPhone: text('contact_phone'),
    contactEmail: text('contact_email'),
    propertyAddress: text('property_address').notNull(),
    transactionType: text('transaction_type', { enum: ['sale', 'refinance', 'other'] }).notNull(),
    borrowerFirstName: text('borrower_first_name').notNull(),
    borrowerLastName: text('borrower_last_name').notNull(),
    ssnBlindIndex: text('ssn_blind_index').notNull(),
    ssnLast4: text('ssn_last4').notNull(),
    dateOfBirth: calendarDate('date_of_birth').notNull(),
    driversLicenseBlindIndex: text('drivers_license_blind_index'),
    documents: jsonb('documents').$type<string[]>().notNull(),
    /** The obligor the identifiers matched, if any, and the LCSAs of that obligor's cases (whose staff see the demand). */
    personId: uuid('person_id'),
    lcsaIds: text('lcsa_ids').array().notNull(),
    identity: jsonb('identity').$type<Record<string, unknown>>().notNull(),
    status: text('status', { enum: ['needs_review', 'issued', 'rejected', 'paid'] }).notNull(),
    receivedOn: calendarDate('received_on').notNull(),
    dueBy: calendarDate('due_by').notNull(),
    goodThrough: calendarDate('good_through').notNull(),
    issuedOn: calendarDate('issued_on'),
    payoffCents: cents('payoff_cents'),
    perDiemCents: cents('per_diem_cents'),
    breakdown: jsonb('breakdown').$type<unknown[]>(),
    /** The recorded liens the payoff releases, as issued. */
    liens: jsonb('liens').$type<unknown[]>(),
    letterVersion: text('letter_version'),
    reviewNote: text('review_note'),
    decidedBy: uuid('decided_by'),
    paidOn: calendarDate('paid_on'),
    paidCents: cents('paid_cents'),
    receiptId: text('receipt_id'),
    releaseId: uuid('release_id'),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('lien_payoff_demands_escrow_uq').on(t.companyName, t.escrowNumber),
    index('lien_payoff_demands_queue_idx').on(t.status, t.dueBy),
    index('lien_payoff_demands_partner_idx').on(t.partnerId),
    index('lien_payoff_demands_person_idx').on(t.personId),
  ],
);

/** A request to subordinate the obligor's lien to a new first deed of trust, with the eligibility found and the decision. */
export const lienSubordinations = pgTable(
  'lien_subordinations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    personId: uuid('person_id').notNull(),
    /** The LCSAs of the obligor's cases when requested: whose staff see the request. */
    lcsaIds: text('lcsa_ids').array().notNull(),
    countyFips: text('county_fips').notNull(),
    propertyAddress: text('property_address').notNull(),
    lenderName: text('lender_name').notNull(),
    loanAmountCents: cents('loan_amount_cents').notNull(),
    requestedOn: calendarDate('requested_on').notNull(),
    isEligible: boolean('is_eligible').notNull(),
    eligibility: jsonb('eligibility').$type<Record<string, unknown>>().notNull(),
    status: text('status', { enum: ['pending', 'approved', 'denied'] }).notNull(),
    decidedOn: calendarDate('decided_on'),
    decidedBy: uuid('decided_by'),
    decisionNote: text('decision_note'),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
  },
  (t) => [index('lien_subordinations_person_idx').on(t.personId)],
);

/**
 * A wrong-person demand (22 CCR 116134(a)): the owner of a property, who shares the obligor's name or a
 * similar one, shows they are not the obligor. Staff verify the proof; Concord then issues a release of
 * the judgment liens as to that owner's property (APN, county). The obligor's liens stay in force.
 */
export const lienWrongPersonRequests = pgTable(
  'lien_wrong_person_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** The obligor whose liens cloud the owner's title. */
    personId: uuid('person_id').notNull(),
    /** The LCSA that handles the demand (of an obligor case in the staff member's scope). */
    lcsaId: text('lcsa_id').notNull(),
    ownerName: text('owner_name').notNull(),
    apn: text('apn').notNull(),
    countyFips: text('county_fips').notNull(),
    propertyAddress: text('property_address'),
    /** The proof the owner sent, by name (identity documents, the deed). */
    proofDocuments: text('proof_documents').array().notNull(),
    receivedOn: calendarDate('received_on').notNull(),
    dueBy: calendarDate('due_by').notNull(),
    status: text('status', { enum: ['received', 'verified', 'denied'] }).notNull(),
    decidedOn: calendarDate('decided_on'),
    decisionNote: text('decision_note'),
    decidedBy: uuid('decided_by'),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
  },
  (t) => [index('lien_wrong_person_requests_person_idx').on(t.personId)],
);

/**
 * A document a title or escrow company uploaded with a payoff demand (the letterhead request, the copy of
 * the recorded lien, the borrower's authorization): sealed (AES-256-GCM) because it carries the
 * borrower's personal data, and checked by staff before a payoff is issued on it.
 */
export const lienDemandDocuments = pgTable(
  'lien_demand_documents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    demandId: uuid('demand_id').notNull(),
    kind: text('kind').notNull(),
    fileName: text('file_name').notNull(),
    contentType: text('content_type').notNull(),
    bytes: integer('bytes').notNull(),
    sha256: text('sha256').notNull(),
    /** The file, base64, sealed with the personal-data key. */
    sealed: text('sealed').notNull(),
    check: text('check', { enum: ['unchecked', 'accepted', 'refused'] })
      .notNull()
      .default('unchecked'),
    checkNote: text('check_note'),
    checkedBy: uuid('checked_by'),
    uploadedBy: uuid('uploaded_by'),
    createdAt: createdAt(),
  },
  (t) => [index('lien_demand_documents_demand_idx').on(t.demandId)],
);

/**
 * A paying parent's own request about their liens, from the parents' portal: the payoff (what it would
 * take to release every lien) or the release (they believe they have paid). Staff of the LCSA answer it
 * by its due date; a payoff answer carries the amount, good through a date.
 */
export const lienParentRequests = pgTable(
  'lien_parent_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** The parent (the obligor) who asked. */
    personId: uuid('person_id').notNull(),
    lcsaId: text('lcsa_id').notNull(),
    kind: text('kind', { enum: ['payoff', 'release'] }).notNull(),
    /** What the parent chose to say, if anything. */
    message: text('message'),
    receivedOn: calendarDate('received_on').notNull(),
    dueBy: calendarDate('due_by').notNull(),
    status: text('status', { enum: ['received', 'answered'] }).notNull(),
    answer: text('answer'),
    payoffCents: cents('payoff_cents'),
    goodThrough: calendarDate('good_through'),
    answeredOn: calendarDate('answered_on'),
    answeredBy: uuid('answered_by'),
    createdAt: createdAt(),
  },
  (t) => [index('lien_parent_requests_queue_idx').on(t.lcsaId, t.status, t.dueBy)],
);
