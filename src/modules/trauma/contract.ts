/** Shapes of the trauma API (TypeBox), shared with the web app (no Node imports). */
import { Type, type Static } from 'typebox';
import type { Instrument as DomainInstrument } from './domain/instrument';
import { roleGroups, type RoleGroup } from './domain/results';
import { DateSchema, Nullable } from '../../platform/http/contract';

const Id = Type.String({ pattern: '^[a-z0-9_-]{1,40}$' });
const LocalizedText = (maxLength: number) =>
  Type.Object({ en: Type.String({ minLength: 1, maxLength }), es: Type.String({ minLength: 1, maxLength }) }, { additionalProperties: false });

/**
 * An instrument as configuration: subscales, items and a response scale. Concord's own is shipped; a
 * licensed one (TICOMETER, ARTIC, …) is loaded by its licensee in this format, never shipped.
 */
export const InstrumentSchema = Type.Object(
  {
    code: Type.String({ pattern: '^[A-Z0-9-]{2,30}$' }),
    version: Type.Integer({ minimum: 1 }),
    title: LocalizedText(200),
    source: Type.String({ minLength: 2, maxLength: 500, description: 'Who wrote it and under which licence' }),
    audience: Type.Optional(Type.Enum(['staff', 'families'] as const, { description: 'Who answers it: staff (the default) or the families served' })),
    scale: Type.Object(
      {
        min: Type.Integer({ minimum: 0, maximum: 10 }),
        max: Type.Integer({ minimum: 1, maximum: 11 }),
        /** One label per point, lowest first. */
        labels: Type.Array(LocalizedText(100), { minItems: 2, maxItems: 11 }),
        notApplicableLabel: LocalizedText(100),
      },
      { additionalProperties: false },
    ),
    /** A scale score is computed only when at least this share of its items is answered (not N/A). */
    minAnsweredShare: Type.Number({ exclusiveMinimum: 0, maximum: 1 }),
    /** The target for each domain on the instrument's scale, unless a campaign sets its own. */
    defaultTarget: Type.Number(),
    subscales: Type.Array(Type.Object({ id: Id, title: LocalizedText(200) }, { additionalProperties: false }), { minItems: 1, maxItems: 30 }),
    items: Type.Array(
      Type.Object(
        {
          id: Id,
          text: LocalizedText(500),
          subscale: Id,
          principle: Type.String({ description: 'A SAMHSA key principle id' }),
          domain: Type.String({ description: 'A SAMHSA implementation domain id' }),
          isReversed: Type.Boolean(),
          allowsNotApplicable: Type.Boolean(),
        },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 300 },
    ),
  },
  { additionalProperties: false },
);
export type Instrument = Static<typeof InstrumentSchema>;
// The file format describes the engine's Instrument exactly (domain/instrument.ts); the compiler checks both ways.
const _sameInstrument: [Instrument extends DomainInstrument ? true : false, DomainInstrument extends Instrument ? true : false] = [true, true];

export { roleGroups, type RoleGroup };
export const campaignAudiences = ['staff', 'families'] as const;

export const InstrumentSummarySchema = Type.Object({
  id: Type.String(),
  code: Type.String(),
  version: Type.Integer(),
  title: Type.String(),
  source: Type.String(),
  items: Type.Integer(),
  isShipped: Type.Boolean(),
  audience: Type.Enum(['staff', 'families'] as const),
});
export type InstrumentSummary = Static<typeof InstrumentSummarySchema>;

export const NewCampaignSchema = Type.Object(
  {
    title: Type.String({ minLength: 3, maxLength: 200 }),
    instrumentId: Type.String({ format: 'uuid' }),
    opensOn: DateSchema(),
    closesOn: DateSchema(),
    orgUnitIds: Type.Array(Type.String({ maxLength: 60 }), { minItems: 1, maxItems: 100 }),
    targetScore: Type.Optional(Type.Number()),
    /** Staff of the org units (the default), or families served by those LCSAs, asked in the portal after a request closes. */
    audience: Type.Optional(Type.Enum(campaignAudiences)),
  },
  { additionalProperties: false },
);
export type NewCampaign = Static<typeof NewCampaignSchema>;

export const CampaignSchema = Type.Object({
  id: Type.String(),
  title: Type.String(),
  instrumentId: Type.String(),
  instrumentTitle: Type.String(),
  opensOn: Type.String(),
  closesOn: Type.String(),
  status: Type.Enum(['scheduled', 'open', 'closed'] as const),
  audience: Type.Enum(campaignAudiences),
  orgUnitIds: Type.Array(Type.String()),
  targetScore: Type.Number(),
  minGroupSize: Type.Integer(),
  invited: Type.Integer(),
  responded: Type.Integer(),
  /** Response progress per org unit: invitations and how many have answered (counts only, never answers). */
  progress: Type.Array(Type.Object({ orgUnitId: Type.String(), orgUnitName: Type.String(), invited: Type.Integer(), responded: Type.Integer() })),
});
export type Campaign = Static<typeof CampaignSchema>;

export const MySurveySchema = Type.Object({
  campaignId: Type.String(),
  title: Type.String(),
  closesOn: Type.String(),
  hasAnswered: Type.Boolean(),
  remindedOn: Nullable(Type.String()),
  /** The anonymous link's token: the survey page takes it from the address's fragment, never sent in a URL. */
  token: Type.String(),
});
export type MySurvey = Static<typeof MySurveySchema>;

export const SurveyTokenSchema = Type.Object({ token: Type.String({ minLength: 20, maxLength: 100 }) }, { additionalProperties: false });

export const SurveySchema = Type.Object({
  campaignTitle: Type.String(),
  closesOn: Type.String(),
  hasAnswered: Type.Boolean(),
  isOpen: Type.Boolean(),
  audience: Type.Enum(campaignAudiences),
  instrument: InstrumentSchema,
});
export type Survey = Static<typeof SurveySchema>;

export const SurveyAnswersSchema = Type.Object(
  {
    token: Type.String({ minLength: 20, maxLength: 100 }),
    language: Type.Enum(['en', 'es'] as const),
    roleGroup: Type.Enum(roleGroups),
    /** Item id → the point chosen, or null for "does not apply". Unanswered items are left out. */
    answers: Type.Record(Type.String({ maxLength: 40 }), Nullable(Type.Integer())),
  },
  { additionalProperties: false },
);
export type SurveyAnswers = Static<typeof SurveyAnswersSchema>;

const Score = Type.Object({
  id: Type.String(),
  label: Type.String(),
  /** Null when fewer respondents than the group threshold have a score here. */
  score: Nullable(Type.Number()),
  isSuppressed: Type.Boolean(),
});
export const GapSchema = Type.Object({
  kind: Type.Enum(['domain', 'principle'] as const),
  id: Type.String(),
  label: Type.String(),
  score: Type.Number(),
  target: Type.Number(),
  gap: Type.Number(),
  rank: Type.Integer(),
  actions: Type.Integer(),
});
export type Gap = Static<typeof GapSchema>;

export const ResultsSchema = Type.Object({
  campaignId: Type.String(),
  campaignTitle: Type.String(),
  filter: Type.Object({ orgUnitId: Nullable(Type.String()), roleGroup: Nullable(Type.String()) }),
  minGroupSize: Type.Integer(),
  /** Null when the group is below the threshold (or could be worked out by subtraction): nothing else is shown then. */
  respondents: Nullable(Type.Integer()),
  isSuppressed: Type.Boolean(),
  scale: Type.Object({ min: Type.Integer(), max: Type.Integer() }),
  target: Type.Number(),
  overall: Nullable(Type.Number()),
  stage: Nullable(Type.String()),
  principles: Type.Array(Score),
  domains: Type.Array(Score),
  subscales: Type.Array(Type.Intersect([Score, Type.Object({ alpha: Nullable(Type.Number()) })])),
  heatMap: Type.Array(Type.Object({ orgUnitId: Type.String(), orgUnitName: Type.String(), isSuppressed: Type.Boolean(), cells: Type.Array(Score) })),
  gaps: Type.Array(GapSchema),
  trend: Type.Array(
    Type.Object({ campaignId: Type.String(), title: Type.String(), closesOn: Type.String(), overall: Nullable(Type.Number()), domains: Type.Array(Score) }),
  ),
});
export type Results = Static<typeof ResultsSchema>;

export const actionStatuses = ['planned', 'in_progress', 'done', 'deferred'] as const;

export const NewActionSchema = Type.Object(
  {
    phaseId: Type.String({ format: 'uuid' }),
    title: Type.String({ minLength: 3, maxLength: 200 }),
    description: Type.String({ maxLength: 2_000 }),
    owner: Type.String({ minLength: 2, maxLength: 200 }),
    dueOn: DateSchema(),
    gap: Nullable(Type.Object({ kind: Type.Enum(['domain', 'principle'] as const), id: Type.String() }, { additionalProperties: false })),
    campaignId: Nullable(Type.String({ format: 'uuid' })),
    /** Training courses (by code) the action requires; their completion by managers and supervisors is shown. */
    courseCodes: Type.Array(Type.String({ maxLength: 30 }), { maxItems: 20 }),
  },
  { additionalProperties: false },
);
export type NewAction = Static<typeof NewActionSchema>;

export const ActionChangeSchema = Type.Object(
  { status: Type.Enum(actionStatuses), note: Type.Optional(Type.String({ maxLength: 1_000 })) },
  { additionalProperties: false },
);

export const CourseCompletionSchema = Type.Object({
  code: Type.String(),
  title: Type.String(),
  leaders: Type.Integer(),
  completed: Type.Integer(),
  percent: Nullable(Type.Integer()),
});
export const ActionSchema = Type.Object({
  id: Type.String(),
  phaseId: Type.String(),
  title: Type.String(),
  description: Type.String(),
  owner: Type.String(),
  dueOn: Type.String(),
  status: Type.Enum(actionStatuses),
  isOverdue: Type.Boolean(),
  completedOn: Nullable(Type.String()),
  gap: Nullable(Type.Object({ kind: Type.String(), id: Type.String(), label: Type.String() })),
  campaignId: Nullable(Type.String()),
  courses: Type.Array(CourseCompletionSchema),
});
export type Action = Static<typeof ActionSchema>;

export const ActionPlanSchema = Type.Object({
  percentComplete: Type.Integer(),
  done: Type.Integer(),
  total: Type.Integer(),
  phases: Type.Array(
    Type.Object({
      id: Type.String(),
      ordinal: Type.Integer(),
      title: Type.String(),
      stage: Type.String(),
      startsOn: Type.String(),
      endsOn: Type.String(),
      percentComplete: Type.Integer(),
      actions: Type.Array(ActionSchema),
    }),
  ),
});
export type ActionPlan = Static<typeof ActionPlanSchema>;
