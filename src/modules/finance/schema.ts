import { boolean, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { calendarDate, cents, createdAt } from '../../platform/db/columns';

/** Collections as received: the source events the account replays. A receipt id is posted once. */
export const financeCollections = pgTable(
  'finance_collections',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    lcsaId: text('lcsa_id').notNull(),
    caseId: uuid('case_id').notNull(),
    receiptId: text('receipt_id').notNull().unique(),
    receivedOn: calendarDate('received_on').notNull(),
    amountCents: cents('amount_cents').notNull(),
    source: text('source').notNull(),
    /** Set when the collection is one case's part of an obligor's lump sum prorated across cases. */
    obligorReceiptId: text('obligor_receipt_id'),
    postedBy: uuid('posted_by'),
    createdAt: createdAt(),
  },
  (t) => [index('finance_collections_case_idx').on(t.caseId, t.receivedOn), index('finance_collections_obligor_receipt_idx').on(t.obligorReceiptId)],
);

/**
 * Adjustments under maker-checker: proposed by one user, approved or rejected by another. Only approved
 * adjustments enter the replay; none is ever edited or deleted once decided.
 */
export const financeAdjustments = pgTable(
  'finance_adjustments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    lcsaId: text('lcsa_id').notNull(),
    caseId: uuid('case_id').notNull(),
    kind: text('kind').notNull(),
    effectiveOn: calendarDate('effective_on').notNull(),
    /** The kind's own fields (amount, what a compromise applies to, the misapplied receipt, the determined principal). */
    terms: jsonb('terms').notNull(),
    justification: text('justification').notNull(),
    status: text('status', { enum: ['pending', 'approved', 'rejected'] })
      .notNull()
      .default('pending'),
    /** Null for demo data. */
    proposedBy: uuid('proposed_by'),
    decidedBy: uuid('decided_by'),
    decidedAt: timestamp('decided_at', { withTimezone: true, mode: 'date' }),
    decisionNote: text('decision_note'),
    createdAt: createdAt(),
  },
  (t) => [index('finance_adjustments_case_idx').on(t.caseId, t.effectiveOn), index('finance_adjustments_queue_idx').on(t.lcsaId, t.status)],
);

/**
 * Arrears audit requests (CSS Letter 15-12, FC 17526) and complaints (FC 17800), each tracked against the
 * deadline the policy in force on its receipt date gives.
 */
export const financeAuditRequests = pgTable(
  'finance_audit_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    lcsaId: text('lcsa_id').notNull(),
    caseId: uuid('case_id').notNull(),
    kind: text('kind', { enum: ['arrears_audit', 'complaint'] }).notNull(),
    requestedBy: text('requested_by', { enum: ['obligor', 'obligee', 'other_party'] }).notNull(),
    receivedOn: calendarDate('received_on').notNull(),
    /** Complaints: when the parent knew or should have known of the matter (starts the 90-day filing window). */
    knewOn: calendarDate('knew_on'),
    summary: text('summary').notNull(),
    dueOn: calendarDate('due_on').notNull(),
    isFiledLate: boolean('is_filed_late').notNull().default(false),
    /** Audits: the delay letter's estimated completion date. Complaints: the director's extension. */
    extendedTo: calendarDate('extended_to'),
    extensionReason: text('extension_reason'),
    status: text('status', { enum: ['open', 'completed'] })
      .notNull()
      .default('open'),
    completedOn: calendarDate('completed_on'),
    outcome: text('outcome'),
    /** Null for demo data. */
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
  },
  (t) => [index('finance_audit_requests_queue_idx').on(t.lcsaId, t.status, t.dueOn), index('finance_audit_requests_case_idx').on(t.caseId)],
);

/**
 * Balances as another system (or an earlier Concord replay) stated them, e.g. converted from an LCSA's
 * legacy system. The discrepancy report compares them with the replay; they never feed the replay.
 */
export const financeStoredBalances = pgTable(
  'finance_stored_balances',
  {
    caseId: uuid('case_id').primaryKey(),
    lcsaId: text('lcsa_id').notNull(),
    asOf: calendarDate('as_of').notNull(),
    source: text('source').notNull(),
    principalCents: cents('principal_cents').notNull(),
    interestCents: cents('interest_cents').notNull(),
    futuresCents: cents('futures_cents').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('finance_stored_balances_lcsa_idx').on(t.lcsaId)],
);

/**
 * An obligor's stays in custody (FC 4007.5), as recorded: facts, from which every replay of the
 * obligor's cases derives the suspension (domain/incarceration.ts). A stay is about the person, so it
 * reaches all of the person's cases.
 */
export const financeIncarcerations = pgTable(
  'finance_incarcerations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    personId: uuid('person_id').notNull(),
    startsOn: calendarDate('starts_on').notNull(),
    releasedOn: calendarDate('released_on'),
    /** The statute's exceptions that apply (domain/incarceration.ts `incarcerationExceptions`). */
    exceptions: jsonb('exceptions').$type<string[]>().notNull().default([]),
    /** Where the facts came from (a jail roster, a verification letter). */
    source: text('source').notNull(),
    recordedBy: uuid('recorded_by'),
    createdAt: createdAt(),
  },
  (t) => [index('finance_incarcerations_person_idx').on(t.personId)],
);

/**
 * Every account's balances as of the last nightly run (nightly.ts): the replay's headline figures kept, so
 * that lists, reports and other modules can read a million accounts' balances without replaying each.
 * Rebuilt by every run; the replay of the case stays the authority. `storedDifferenceCents` is the run's
 * discrepancy check: how far balances stated elsewhere (finance_stored_balances) are from the replay as
 * of their own date, summed across principal, interest and futures; null when none are stated.
 */
export const financeBalances = pgTable(
  'finance_balances',
  {
    caseId: uuid('case_id').primaryKey(),
    lcsaId: text('lcsa_id').notNull(),
    asOf: calendarDate('as_of').notNull(),
    currentDueCents: cents('current_due_cents').notNull(),
    arrearsCents: cents('arrears_cents').notNull(),
    interestCents: cents('interest_cents').notNull(),
    futuresCents: cents('futures_cents').notNull(),
    totalOwedCents: cents('total_owed_cents').notNull(),
    storedDifferenceCents: cents('stored_difference_cents'),
    runJobId: uuid('run_job_id'),
    computedAt: timestamp('computed_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [index('finance_balances_lcsa_idx').on(t.lcsaId)],
);
