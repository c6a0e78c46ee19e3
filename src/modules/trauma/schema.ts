import { boolean, doublePrecision, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { calendarDate, createdAt } from '../../platform/db/columns';
import type { Instrument } from './contract';

/** Instruments as configuration: Concord's own, and licensed ones a licensee loads (never shipped). */
export const traumaInstruments = pgTable(
  'trauma_instruments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    code: text('code').notNull(),
    version: integer('version').notNull(),
    definition: jsonb('definition').$type<Instrument>().notNull(),
    isShipped: boolean('is_shipped').notNull(),
    loadedBy: uuid('loaded_by'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('trauma_instruments_uq').on(t.code, t.version)],
);

export const traumaCampaigns = pgTable('trauma_campaigns', {
  id: uuid('id').primaryKey().defaultRandom(),
  title: text('title').notNull(),
  instrumentId: uuid('instrument_id').notNull(),
  opensOn: calendarDate('opens_on').notNull(),
  closesOn: calendarDate('closes_on').notNull(),
  /** Set when an administrator closes the campaign early; otherwise it closes after closesOn. */
  closedEarlyOn: calendarDate('closed_early_on'),
  orgUnitIds: text('org_unit_ids').array().notNull(),
  /**
   * Who is asked: staff of the org units (invited when it opens), or families served by those LCSAs (a
   * parent is invited in the portal once one of their requests there has closed).
   */
  audience: text('audience', { enum: ['staff', 'families'] })
    .notNull()
    .default('staff'),
  minGroupSize: integer('min_group_size').notNull(),
  targetScore: doublePrecision('target_score').notNull(),
  createdBy: uuid('created_by'),
  createdAt: createdAt(),
});

/**
 * One invitation per member of staff in the campaign's org units: who may answer, and whether they have
 * (so that nobody answers twice and reminders go only to those who have not). The link's token is kept
 * only as a hash. Nothing here points at a response, and nothing records when it was used.
 */
export const traumaInvitations = pgTable(
  'trauma_invitations',
  {
    campaignId: uuid('campaign_id').notNull(),
    userId: uuid('user_id').notNull(),
    orgUnitId: text('org_unit_id').notNull(),
    tokenHash: text('token_hash').notNull(),
    isUsed: boolean('is_used').notNull().default(false),
    remindedOn: calendarDate('reminded_on'),
  },
  (t) => [primaryKey({ columns: [t.campaignId, t.userId] }), uniqueIndex('trauma_invitations_token_uq').on(t.tokenHash)],
);

/**
 * Anonymous answers: the campaign, the org unit (from the invitation) and the role group the respondent
 * chose — no person, no invitation, no time (a random id, so not even the order of answering), written in
 * shuffled batches of at least the campaign's minimum group size, each in one transaction (so a row's
 * xmin is shared with the rest of its batch, never with the spending of an invitation).
 */
export const traumaResponses = pgTable(
  'trauma_responses',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    campaignId: uuid('campaign_id').notNull(),
    orgUnitId: text('org_unit_id').notNull(),
    roleGroup: text('role_group', { enum: ['staff', 'supervisor', 'manager', 'family'] }).notNull(),
    language: text('language', { enum: ['en', 'es'] }).notNull(),
    answers: jsonb('answers').$type<Record<string, number | null>>().notNull(),
  },
  (t) => [index('trauma_responses_campaign_idx').on(t.campaignId)],
);

/**
 * Answers waiting to be mixed: each sealed (org unit, role group, language and answers, encrypted under the
 * personal-data key) in the transaction that spends its invitation, so that a reader of the database sees
 * which invitation was spent with which row but not what the row says. Once `minGroupSize` wait (and when
 * the campaign's results are first read after it closes), they are opened and written to trauma_responses
 * together, shuffled, in a transaction of their own, and deleted here (survey.ts, mixAnswers).
 */
export const traumaResponseInbox = pgTable(
  'trauma_response_inbox',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    campaignId: uuid('campaign_id').notNull(),
    sealed: text('sealed').notNull(),
  },
  (t) => [index('trauma_response_inbox_campaign_idx').on(t.campaignId)],
);

/** The multi-year plan's phases, each aimed at a stage of the Missouri Model. */
export const traumaPhases = pgTable('trauma_phases', {
  id: uuid('id').primaryKey().defaultRandom(),
  ordinal: integer('ordinal').notNull().unique(),
  title: text('title').notNull(),
  stage: text('stage').notNull(),
  startsOn: calendarDate('starts_on').notNull(),
  endsOn: calendarDate('ends_on').notNull(),
  createdAt: createdAt(),
});

export const traumaActions = pgTable(
  'trauma_actions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    phaseId: uuid('phase_id').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull(),
    owner: text('owner').notNull(),
    dueOn: calendarDate('due_on').notNull(),
    status: text('status', { enum: ['planned', 'in_progress', 'done', 'deferred'] }).notNull(),
    completedOn: calendarDate('completed_on'),
    /** The gap it closes: an implementation domain or a principle. */
    gapKind: text('gap_kind', { enum: ['domain', 'principle'] }),
    gapId: text('gap_id'),
    campaignId: uuid('campaign_id'),
    courseCodes: text('course_codes').array().notNull(),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [index('trauma_actions_phase_idx').on(t.phaseId)],
);
