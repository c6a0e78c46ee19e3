import { date, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { cents, createdAt } from '../../platform/db/columns';

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
    triggerDate: date('trigger_date', { mode: 'string' }).notNull(),
    /** 22 CCR 116130: record within 45 days of the trigger (versioned policy). */
    dueBy: date('due_by', { mode: 'string' }).notNull(),
    submittedOn: date('submitted_on', { mode: 'string' }),
    recordedOn: date('recorded_on', { mode: 'string' }),
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
    triggerDate: date('trigger_date', { mode: 'string' }).notNull(),
    dueBy: date('due_by', { mode: 'string' }).notNull(),
    releasedOn: date('released_on', { mode: 'string' }).notNull(),
    lienCount: integer('lien_count').notNull(),
    note: text('note'),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
  },
  (t) => [index('lien_releases_person_idx').on(t.personId)],
);
