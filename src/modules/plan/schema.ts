import { doublePrecision, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { calendarDate, createdAt } from '../../platform/db/columns';

/** A plan period: its title, dates, mission, vision and values. The one in force is the current plan. */
export const planPeriods = pgTable('plan_periods', {
  id: uuid('id').primaryKey().defaultRandom(),
  title: text('title').notNull().unique(),
  startsOn: calendarDate('starts_on').notNull(),
  endsOn: calendarDate('ends_on').notNull(),
  mission: text('mission').notNull(),
  vision: text('vision').notNull(),
  values: text('values').array().notNull(),
});

export const planGoals = pgTable(
  'plan_goals',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    periodId: uuid('period_id').notNull(),
    ordinal: integer('ordinal').notNull(),
    title: text('title').notNull(),
  },
  (t) => [uniqueIndex('plan_goals_period_ordinal_uq').on(t.periodId, t.ordinal)],
);

export const planObjectives = pgTable('plan_objectives', {
  id: uuid('id').primaryKey().defaultRandom(),
  goalId: uuid('goal_id').notNull(),
  ordinal: integer('ordinal').notNull(),
  slug: text('slug').notNull().unique(),
  title: text('title').notNull(),
});

/** A tactic card with every field the published cards have, its owner and where its progress comes from. */
export const planTactics = pgTable(
  'plan_tactics',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    objectiveId: uuid('objective_id').notNull(),
    ordinal: integer('ordinal').notNull(),
    slug: text('slug').notNull().unique(),
    title: text('title').notNull(),
    description: text('description').notNull(),
    businessProblem: text('business_problem'),
    /** "Current Status" as written: a date text or a percent. */
    statusText: text('status_text').notNull(),
    /** The percent the owner last reported (the published status), kept apart from any rounded rendering. */
    percentComplete: integer('percent_complete'),
    /** The bar as the department drew it, when it differs from the stated percent (null: the same). */
    publishedBarPercent: integer('published_bar_percent'),
    /** The status circle as the department drew it, when its words do not say it (null: read from the words and percent). */
    publishedCircle: text('published_circle', { enum: ['not_started', 'started', 'complete'] }),
    outcomesLabel: text('outcomes_label').notNull(),
    outcomes: text('outcomes').array().notNull(),
    criticalSuccessFactors: text('critical_success_factors').array().notNull(),
    progressLabel: text('progress_label').notNull(),
    progressSource: text('progress_source', { enum: ['manual', 'milestones', 'metric'] }).notNull(),
    metricKey: text('metric_key'),
    /** The share that counts as 100%. */
    metricTarget: doublePrecision('metric_target'),
    modules: text('modules').array().notNull(),
    ownerUserId: uuid('owner_user_id'),
    checkInEveryDays: integer('check_in_every_days').notNull(),
    createdOn: calendarDate('created_on').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [index('plan_tactics_objective_idx').on(t.objectiveId), index('plan_tactics_owner_idx').on(t.ownerUserId)],
);

export const planMilestones = pgTable('plan_milestones', {
  id: uuid('id').primaryKey().defaultRandom(),
  tacticId: uuid('tactic_id').notNull(),
  ordinal: integer('ordinal').notNull(),
  title: text('title').notNull(),
  weight: integer('weight').notNull(),
  doneOn: calendarDate('done_on'),
});

/** The history of a tactic: every check-in with its status, percent and narrative. */
export const planCheckIns = pgTable(
  'plan_check_ins',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tacticId: uuid('tactic_id').notNull(),
    onDate: calendarDate('on_date').notNull(),
    authorUserId: uuid('author_user_id'),
    authorName: text('author_name').notNull(),
    statusText: text('status_text').notNull(),
    percentComplete: integer('percent_complete'),
    narrative: text('narrative').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('plan_check_ins_tactic_idx').on(t.tacticId, t.onDate)],
);

/** Each module metric's value as the refresh job computed it, one row per day: the history. */
export const planMetricValues = pgTable(
  'plan_metric_values',
  {
    metricKey: text('metric_key').notNull(),
    computedOn: calendarDate('computed_on').notNull(),
    label: text('label').notNull(),
    value: doublePrecision('value'),
    numerator: integer('numerator').notNull(),
    denominator: integer('denominator').notNull(),
    note: text('note').notNull(),
    computedAt: timestamp('computed_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.metricKey, t.computedOn] })],
);
