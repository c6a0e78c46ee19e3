import { boolean, index, integer, jsonb, pgTable, real, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { calendarDate, cents, createdAt } from '../../platform/db/columns';

/** Insurers in the programme: each is a partner organisation (platform `partners`) with its identifiers. */
export const interceptInsurers = pgTable('intercept_insurers', {
  partnerId: uuid('partner_id').primaryKey(),
  naicCode: text('naic_code').notNull().unique(),
  fein: text('fein').notNull(),
  linesOfBusiness: text('lines_of_business').array().notNull(),
  /** direct: the insurer sends files itself; cro: through a central reporting organization (Ins. Code 13553–13554). */
  channel: text('channel', { enum: ['direct', 'cro'] }).notNull(),
  contactName: text('contact_name'),
  contactEmail: text('contact_email'),
  contactPhone: text('contact_phone'),
  /** Licensed in California for a line the programme covers: expected to report. */
  isLicensed: boolean('is_licensed').notNull().default(true),
  createdAt: createdAt(),
});

/** One claim file as received; the same content from the same insurer is one file (sha256). */
export const interceptClaimFiles = pgTable(
  'intercept_claim_files',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    insurerId: uuid('insurer_id').notNull(),
    fileName: text('file_name').notNull(),
    format: text('format', { enum: ['csv', 'fixed'] }).notNull(),
    sha256: text('sha256').notNull(),
    bytes: integer('bytes').notNull(),
    lineCount: integer('line_count').notNull(),
    acceptedCount: integer('accepted_count').notNull(),
    notReportableCount: integer('not_reportable_count').notNull(),
    rejectedCount: integer('rejected_count').notNull(),
    matchedCount: integer('matched_count').notNull().default(0),
    reviewCount: integer('review_count').notNull().default(0),
    receivedBy: uuid('received_by'),
    /**
     * `importing` while its lines are committed in chunks (its claims and matches are seen by no one), then
     * `received` by one short publishing transaction. An import that stopped resumes after `importedThrough`
     * when the same file is sent again, once its lease has run out (intake.ts).
     */
    status: text('status', { enum: ['importing', 'received'] })
      .notNull()
      .default('received'),
    importedThrough: integer('imported_through').notNull().default(0),
    /** The import holding the file: its token, renewed with each chunk until `leaseUntil`. */
    leaseToken: uuid('lease_token'),
    leaseUntil: timestamp('lease_until', { withTimezone: true, mode: 'date' }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('intercept_claim_files_uq').on(t.insurerId, t.sha256)],
);

/** Lines of a file that were refused, with the field and the reason (downloadable by the insurer). */
export const interceptFileErrors = pgTable(
  'intercept_file_errors',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    fileId: uuid('file_id').notNull(),
    line: integer('line').notNull(),
    field: text('field').notNull(),
    reason: text('reason').notNull(),
  },
  (t) => [index('intercept_file_errors_file_idx').on(t.fileId, t.line)],
);

/**
 * Claims reported. Claimant data is personal: the SSN encrypted with a blind index, and all of it erased
 * by the purge job once the claim is known not to match an obligor (Ins. Code 13552), keeping the row
 * (counts, claim number) for compliance.
 */
export const interceptClaims = pgTable(
  'intercept_claims',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    fileId: uuid('file_id').notNull(),
    insurerId: uuid('insurer_id').notNull(),
    line: integer('line').notNull(),
    claimNumber: text('claim_number').notNull(),
    claimType: text('claim_type').notNull(),
    paymentType: text('payment_type', { enum: ['lump_sum', 'periodic'] }).notNull(),
    amountCents: cents('amount_cents').notNull(),
    lossDate: calendarDate('loss_date'),
    /** reportable, or why not (below_threshold, exempt_kind). */
    reportability: text('reportability').notNull(),
    status: text('status', { enum: ['not_reportable', 'no_match', 'review', 'matched', 'confirmed', 'rejected', 'purged'] }).notNull(),
    firstName: text('first_name'),
    lastName: text('last_name'),
    dateOfBirth: calendarDate('date_of_birth'),
    addressLine1: text('address_line1'),
    city: text('city'),
    state: text('state'),
    zip: text('zip'),
    ssnCiphertext: text('ssn_ciphertext'),
    ssnBlindIndex: text('ssn_blind_index'),
    ssnLast4: text('ssn_last4'),
    purgedAt: timestamp('purged_at', { withTimezone: true, mode: 'date' }),
    createdAt: createdAt(),
  },
  (t) => [
    index('intercept_claims_file_idx').on(t.fileId),
    index('intercept_claims_status_idx').on(t.status, t.createdAt),
    index('intercept_claims_number_idx').on(t.claimNumber),
  ],
);

/**
 * Obligors who can be matched: past-due support at or above the policy threshold and no exclusion, with
 * their SSN keys (the blind index and nine masked blind indexes). Rebuilt by the refresh job.
 */
export const interceptMatchable = pgTable('intercept_matchable', {
  personId: uuid('person_id').primaryKey(),
  lcsaId: text('lcsa_id').notNull(),
  pastDueCents: cents('past_due_cents').notNull(),
  asOf: calendarDate('as_of').notNull(),
  maskedKeys: text('masked_keys').array(),
  refreshedAt: timestamp('refreshed_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
});

/** Exclusions from matching, as data: a bankruptcy stay, an unverified SSN, an exemption. */
export const interceptExclusions = pgTable(
  'intercept_exclusions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    personId: uuid('person_id').notNull(),
    reason: text('reason', { enum: ['bankruptcy_stay', 'unverified_ssn', 'exemption'] }).notNull(),
    fromDate: calendarDate('from_date').notNull(),
    toDate: calendarDate('to_date'),
    createdAt: createdAt(),
  },
  (t) => [index('intercept_exclusions_person_idx').on(t.personId)],
);

/**
 * Sets of match weights for the database's matching (intake and pre-payment lookups), versioned: m and u
 * per field level as estimated from files (`concord intercept match --save-weights`), in force from a
 * date; the set in force on a day is the latest from on or before it (none: the priors in code).
 */
export const interceptMatchWeights = pgTable(
  'intercept_match_weights',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    effectiveFrom: calendarDate('effective_from').notNull(),
    /** The saved parameters as loaded (`concord-match-weights/1`). */
    levels: jsonb('levels').notNull(),
    /** Where the weights come from: the files they were estimated from, the run. */
    note: text('note').notNull(),
    /** Who loaded them (null: the system, from the command line). */
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
  },
  (t) => [index('intercept_match_weights_effective_idx').on(t.effectiveFrom)],
);

/** A claim's best candidate with its evidence; review-band candidates wait for an LCSA caseworker. */
export const interceptMatches = pgTable(
  'intercept_matches',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    claimId: uuid('claim_id').notNull().unique(),
    personId: uuid('person_id').notNull(),
    lcsaId: text('lcsa_id').notNull(),
    score: real('score').notNull(),
    outcome: text('outcome', { enum: ['match', 'review'] }).notNull(),
    evidence: jsonb('evidence').notNull(),
    /** The set of weights the score was made with (null: the priors in code). */
    weightsId: uuid('weights_id'),
    decision: text('decision', { enum: ['confirmed', 'rejected'] }),
    decidedBy: uuid('decided_by'),
    decidedAt: timestamp('decided_at', { withTimezone: true, mode: 'date' }),
    pastDueCents: cents('past_due_cents').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('intercept_matches_queue_idx').on(t.lcsaId, t.outcome, t.decision)],
);

/**
 * Notices to insurers for confirmed matches (Ins. Code 13550(e)): the amount to withhold is the past-due
 * balance on the notice date, capped at half a disability-income payment; the insurer's answers follow.
 */
export const interceptNotices = pgTable(
  'intercept_notices',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    matchId: uuid('match_id').notNull().unique(),
    claimId: uuid('claim_id').notNull(),
    insurerId: uuid('insurer_id').notNull(),
    personId: uuid('person_id').notNull(),
    lcsaId: text('lcsa_id').notNull(),
    kind: text('kind', { enum: ['lump_sum', 'periodic'] }).notNull(),
    noticeDate: calendarDate('notice_date').notNull(),
    pastDueCents: cents('past_due_cents').notNull(),
    withholdCents: cents('withhold_cents').notNull(),
    capRule: text('cap_rule').notNull(),
    status: text('status', { enum: ['issued', 'will_withhold', 'already_paid', 'not_binding', 'denied', 'remitted', 'released'] }).notNull(),
    /** What the insurer said it remitted: a promise, until a disbursement unit receipt matches it. */
    promisedCents: cents('promised_cents').notNull().default(0),
    /** Money the state disbursement unit received against this notice and posted to finance. */
    remittedCents: cents('remitted_cents').notNull().default(0),
    /** Periodic payments: the share of each payment that may be withheld (CCP 704.130(c), 706.052), in basis points. */
    perPaymentBasisPoints: integer('per_payment_basis_points'),
    /** An open contest holds the notice: nothing is remitted, posted or disbursed until it is decided. */
    onHold: boolean('on_hold').notNull().default(false),
    insurerCopyMailedOn: calendarDate('insurer_copy_mailed_on'),
    obligorCopyMailedOn: calendarDate('obligor_copy_mailed_on'),
    /** When the insurer received the notice: "a notice after payment does not bind" compares with this. */
    insurerReceivedOn: calendarDate('insurer_received_on'),
    firstPaymentOn: calendarDate('first_payment_on'),
    recheckOn: calendarDate('recheck_on'),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
  },
  (t) => [index('intercept_notices_insurer_idx').on(t.insurerId), index('intercept_notices_lcsa_idx').on(t.lcsaId)],
);

export const interceptNoticeAnswers = pgTable(
  'intercept_notice_answers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    noticeId: uuid('notice_id').notNull(),
    answer: text('answer', { enum: ['will_withhold', 'already_paid', 'denied', 'remitted'] }).notNull(),
    amountCents: cents('amount_cents'),
    /** already_paid: when the insurer paid the claimant; remitted: when the insurer sent the remittance. */
    onDate: calendarDate('on_date'),
    /** remitted, periodic: the gross payment the remittance was withheld from. */
    paymentGrossCents: cents('payment_gross_cents'),
    /** remitted: the disbursement unit receipt that matched this promise, once one has. */
    receiptId: uuid('receipt_id'),
    note: text('note'),
    answeredBy: uuid('answered_by'),
    createdAt: createdAt(),
  },
  (t) => [index('intercept_notice_answers_notice_idx').on(t.noticeId)],
);

/**
 * Receipts of the state disbursement unit quoting a notice: the money actually received. A receipt that
 * matches a promised remittance (notice, amount, date window) is posted to finance; any other waits in
 * the exceptions queue for staff to match it by hand or return it to the payer.
 */
export const interceptSduReceipts = pgTable(
  'intercept_sdu_receipts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** The disbursement unit's own receipt number: the same receipt twice is one receipt. */
    sduReceiptId: text('sdu_receipt_id').notNull().unique(),
    noticeReference: text('notice_reference').notNull(),
    amountCents: cents('amount_cents').notNull(),
    receivedOn: calendarDate('received_on').notNull(),
    payerName: text('payer_name'),
    sourceFile: text('source_file'),
    line: integer('line'),
    noticeId: uuid('notice_id'),
    /** The notice's LCSA, when the reference names a notice: LCSA staff see their own exceptions. */
    lcsaId: text('lcsa_id'),
    status: text('status', { enum: ['posted', 'exception', 'returned'] }).notNull(),
    /** Why it did not match: unknown_notice, notice_on_hold, notice_closed, no_promise, amount_or_date_differs. */
    reason: text('reason'),
    resolvedBy: uuid('resolved_by'),
    resolvedAt: timestamp('resolved_at', { withTimezone: true, mode: 'date' }),
    resolutionNote: text('resolution_note'),
    createdAt: createdAt(),
  },
  (t) => [index('intercept_sdu_receipts_status_idx').on(t.status, t.receivedOn), index('intercept_sdu_receipts_notice_idx').on(t.noticeId)],
);

/**
 * An obligor's contest of a notice (the copy says they may contest within the policy's days): while it
 * is open the notice is on hold; upheld amends or releases the notice, denied lets it proceed.
 */
export const interceptContests = pgTable(
  'intercept_contests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    noticeId: uuid('notice_id').notNull(),
    lcsaId: text('lcsa_id').notNull(),
    receivedOn: calendarDate('received_on').notNull(),
    /** not_my_claim, amount_wrong, support_paid, exempt_payment, other. */
    grounds: text('grounds').notNull(),
    statement: text('statement'),
    /** The documents the obligor sent, by name (what they are; the papers stay in the case file). */
    documents: text('documents').array().notNull(),
    source: text('source', { enum: ['staff', 'parent'] }).notNull(),
    status: text('status', { enum: ['open', 'upheld_amended', 'upheld_released', 'denied'] }).notNull(),
    decidedOn: calendarDate('decided_on'),
    decisionNote: text('decision_note'),
    amendedWithholdCents: cents('amended_withhold_cents'),
    recordedBy: uuid('recorded_by'),
    decidedBy: uuid('decided_by'),
    createdAt: createdAt(),
  },
  (t) => [index('intercept_contests_notice_idx').on(t.noticeId)],
);

/** Outreach to insurers: bulletins to all (no insurer) and contacts with one, kept as a log. */
export const interceptOutreach = pgTable(
  'intercept_outreach',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    insurerId: uuid('insurer_id'),
    kind: text('kind', { enum: ['bulletin', 'email', 'call', 'letter', 'meeting'] }).notNull(),
    subject: text('subject').notNull(),
    body: text('body').notNull(),
    sentOn: calendarDate('sent_on').notNull(),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
  },
  (t) => [index('intercept_outreach_insurer_idx').on(t.insurerId, t.sentOn)],
);
