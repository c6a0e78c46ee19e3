import { boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { calendarDate, cents, createdAt } from '../../platform/db/columns';

/** Each LCSA's allocation for a state fiscal year, per funding stream, with the methodology's working when computed. */
export const claimAllocations = pgTable(
  'claim_allocations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    lcsaId: text('lcsa_id').notNull(),
    stateFiscalYear: text('state_fiscal_year').notNull(),
    stream: text('stream', { enum: ['administration', 'edp_mo', 'one_time'] }).notNull(),
    amountCents: cents('amount_cents').notNull(),
    working: jsonb('working'),
    setBy: uuid('set_by'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('claim_allocations_uq').on(t.lcsaId, t.stateFiscalYear, t.stream)],
);

/** One LCSA's claim for one quarter, as it stands now; every saved state is also a claim version. */
export const claims = pgTable(
  'claims',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    lcsaId: text('lcsa_id').notNull(),
    quarter: text('quarter').notNull(),
    status: text('status', { enum: ['draft', 'submitted', 'approved', 'certified', 'accepted', 'returned'] }).notNull(),
    version: integer('version').notNull(),
    lines: jsonb('lines').notNull(),
    attachments: jsonb('attachments').notNull(),
    /** The prior-quarter adjustments itemised by the quarter they adjust (domain/claim.ts AdjustmentItem). */
    adjustments: jsonb('adjustments').notNull().default([]),
    overAllocationJustification: text('over_allocation_justification'),
    dueBy: calendarDate('due_by').notNull(),
    /** The first submission: lateness is judged by it. */
    submittedOn: calendarDate('submitted_on'),
    isLate: boolean('is_late').notNull().default(false),
    acceptedOn: calendarDate('accepted_on'),
    preparedBy: uuid('prepared_by'),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('claims_lcsa_quarter_uq').on(t.lcsaId, t.quarter), index('claims_quarter_status_idx').on(t.quarter, t.status)],
);

/** Every version of a claim, kept: what was saved, by whom, and why. */
export const claimVersions = pgTable(
  'claim_versions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    claimId: uuid('claim_id').notNull(),
    version: integer('version').notNull(),
    lines: jsonb('lines').notNull(),
    attachments: jsonb('attachments').notNull(),
    adjustments: jsonb('adjustments').notNull().default([]),
    overAllocationJustification: text('over_allocation_justification'),
    source: text('source').notNull(),
    savedBy: uuid('saved_by'),
    savedAt: timestamp('saved_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('claim_versions_uq').on(t.claimId, t.version)],
);

/** The workflow's history: each step with its actor and comment. */
export const claimEvents = pgTable(
  'claim_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    claimId: uuid('claim_id').notNull(),
    fromStatus: text('from_status'),
    toStatus: text('to_status').notNull(),
    version: integer('version').notNull(),
    comment: text('comment'),
    actorId: uuid('actor_id'),
    actorRole: text('actor_role').notNull(),
    on: calendarDate('on').notNull(),
    at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [index('claim_events_claim_idx').on(t.claimId, t.at)],
);

/**
 * An LCSA's annual budget request (CS 921-style): positions by classification with FTEs, average salary
 * and benefits, operating expenses and equipment, each with its justification; the state approves it
 * or returns it.
 */
export const claimBudgetRequests = pgTable(
  'claim_budget_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    lcsaId: text('lcsa_id').notNull(),
    stateFiscalYear: text('state_fiscal_year').notNull(),
    status: text('status', { enum: ['draft', 'submitted', 'approved', 'returned'] }).notNull(),
    positions: jsonb('positions').notNull(),
    items: jsonb('items').notNull(),
    totalCents: cents('total_cents').notNull(),
    reviewComment: text('review_comment'),
    version: integer('version').notNull(),
    updatedBy: uuid('updated_by'),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('claim_budget_requests_uq').on(t.lcsaId, t.stateFiscalYear)],
);

/** The state's own entries on a quarter's OCSE-396: fees the federal government charges, adjustments, the incentive estimate. */
export const claimFederalEntries = pgTable('claim_federal_entries', {
  quarter: text('quarter').primaryKey(),
  entries: jsonb('entries').notNull(),
  note: text('note'),
  updatedBy: uuid('updated_by'),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
});

/** Each filing of a quarter's OCSE-396 with the federal government: the report as filed, when, and whether late. */
export const claimFederalFilings = pgTable(
  'claim_federal_filings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    quarter: text('quarter').notNull(),
    version: integer('version').notNull(),
    filedOn: calendarDate('filed_on').notNull(),
    isLate: boolean('is_late').notNull(),
    rows: jsonb('rows').notNull(),
    filedBy: uuid('filed_by'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('claim_federal_filings_uq').on(t.quarter, t.version)],
);
