/** Shapes of the strategic plan API (TypeBox), shared with the web app (no Node imports). */
import { Type, type Static } from 'typebox';
import { Nullable } from '../../platform/http/contract';

const StatusGraphic = Type.Object({ kind: Type.Enum(['not_started', 'started', 'complete'] as const), alt: Type.String() });

/** Tactics rolled up to an objective, or objectives to a goal (the rule: domain/progress.ts `rollUp`). */
const RollUpSchema = Type.Object({ percent: Nullable(Type.Integer()), counted: Type.Integer(), of: Type.Integer() });
const RollUps = { published: RollUpSchema, live: RollUpSchema };

/** A tactic card as the public sees it. */
export const PublicTacticSchema = Type.Object({
  id: Type.String(),
  slug: Type.String(),
  title: Type.String(),
  description: Type.String(),
  businessProblem: Nullable(Type.String()),
  outcomesLabel: Type.String(),
  outcomes: Type.Array(Type.String()),
  criticalSuccessFactors: Type.Array(Type.String()),
  progressLabel: Type.String(),
  /** The department's status as published: words, the percent they state, the bar drawn, the circle. */
  published: Type.Object({
    statusText: Type.String(),
    /** Null for a text-only status ("Scheduled for early 2020"). */
    percent: Nullable(Type.Integer()),
    barPercent: Nullable(Type.Integer({ description: 'The bar as published; it may differ from the stated percent' })),
    graphic: StatusGraphic,
    asOf: Nullable(Type.String({ description: 'The date of the status: its latest check-in' })),
    source: Type.String(),
  }),
  /** What Concord measures from the modules' data or the milestones; null for a tactic only its owner reports. */
  live: Nullable(
    Type.Object({
      percent: Nullable(Type.Integer()),
      basis: Type.String(),
      asOf: Nullable(Type.String()),
      source: Type.String(),
    }),
  ),
  modules: Type.Array(Type.String()),
});
export type PublicTactic = Static<typeof PublicTacticSchema>;

export const PublicPlanSchema = Type.Object({
  title: Type.String(),
  startsOn: Nullable(Type.String()),
  endsOn: Nullable(Type.String()),
  mission: Type.String(),
  vision: Type.String(),
  values: Type.Array(Type.String()),
  goals: Type.Array(
    Type.Object({
      id: Type.String(),
      ordinal: Type.Integer(),
      title: Type.String(),
      ...RollUps,
      objectives: Type.Array(
        Type.Object({ id: Type.String(), slug: Type.String(), title: Type.String(), ...RollUps, tactics: Type.Array(PublicTacticSchema) }),
      ),
    }),
  ),
});
export type PublicPlan = Static<typeof PublicPlanSchema>;

export const CheckInSchema = Type.Object({
  id: Type.String(),
  onDate: Type.String(),
  authorName: Type.String(),
  statusText: Type.String(),
  percentComplete: Nullable(Type.Integer()),
  narrative: Type.String(),
});
export type CheckIn = Static<typeof CheckInSchema>;

/** A tactic as staff see it: the card, its owner, source, milestones, check-ins and when the next is due. */
export const StaffTacticSchema = Type.Intersect([
  PublicTacticSchema,
  Type.Object({
    objectiveTitle: Type.String(),
    goalTitle: Type.String(),
    ownerUserId: Nullable(Type.String()),
    ownerName: Nullable(Type.String()),
    progressSource: Type.Enum(['manual', 'milestones', 'metric'] as const),
    metricKey: Nullable(Type.String()),
    metricTarget: Nullable(Type.Number()),
    enteredPercent: Nullable(Type.Integer()),
    checkInEveryDays: Type.Integer(),
    nextCheckInDue: Type.String(),
    isCheckInOverdue: Type.Boolean(),
    isMine: Type.Boolean(),
    milestones: Type.Array(Type.Object({ id: Type.String(), title: Type.String(), weight: Type.Integer(), doneOn: Nullable(Type.String()) })),
    checkIns: Type.Array(CheckInSchema),
    metricHistory: Type.Array(Type.Object({ computedOn: Type.String(), value: Nullable(Type.Number()), note: Type.String() })),
  }),
]);
export type StaffTactic = Static<typeof StaffTacticSchema>;

export const NewCheckInSchema = Type.Object(
  {
    statusText: Type.String({ minLength: 2, maxLength: 500 }),
    percentComplete: Nullable(Type.Integer({ minimum: 0, maximum: 100 })),
    narrative: Type.String({ minLength: 2, maxLength: 5_000 }),
  },
  { additionalProperties: false },
);
export type NewCheckIn = Static<typeof NewCheckInSchema>;

export const NewTacticSchema = Type.Object(
  {
    title: Type.String({ minLength: 3, maxLength: 300 }),
    description: Type.String({ maxLength: 2_000 }),
    businessProblem: Nullable(Type.String({ maxLength: 3_000 })),
    outcomes: Type.Array(Type.String({ maxLength: 2_000 }), { maxItems: 20 }),
    criticalSuccessFactors: Type.Array(Type.String({ maxLength: 2_000 }), { maxItems: 20 }),
    progressLabel: Type.String({ minLength: 2, maxLength: 100 }),
    ownerEmail: Nullable(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);
export type NewTactic = Static<typeof NewTacticSchema>;

export const TacticChangeSchema = Type.Object(
  {
    title: Type.Optional(Type.String({ minLength: 3, maxLength: 300 })),
    description: Type.Optional(Type.String({ maxLength: 2_000 })),
    statusText: Type.Optional(Type.String({ minLength: 2, maxLength: 500 })),
    businessProblem: Type.Optional(Nullable(Type.String({ maxLength: 3_000 }))),
    outcomes: Type.Optional(Type.Array(Type.String({ maxLength: 2_000 }), { maxItems: 20 })),
    criticalSuccessFactors: Type.Optional(Type.Array(Type.String({ maxLength: 2_000 }), { maxItems: 20 })),
    progressLabel: Type.Optional(Type.String({ minLength: 2, maxLength: 100 })),
    progressSource: Type.Optional(Type.Enum(['manual', 'milestones', 'metric'] as const)),
    metricKey: Type.Optional(Nullable(Type.String({ maxLength: 100 }))),
    metricTarget: Type.Optional(Nullable(Type.Number({ exclusiveMinimum: 0, maximum: 1 }))),
    ownerEmail: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
    checkInEveryDays: Type.Optional(Type.Integer({ minimum: 7, maximum: 366 })),
  },
  { additionalProperties: false },
);
export type TacticChange = Static<typeof TacticChangeSchema>;

export const MetricValueSchema = Type.Object({
  key: Type.String(),
  label: Type.String(),
  module: Type.String(),
  value: Nullable(Type.Number()),
  note: Type.String(),
  computedOn: Nullable(Type.String()),
});
export type MetricValue = Static<typeof MetricValueSchema>;
