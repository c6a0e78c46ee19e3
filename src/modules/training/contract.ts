/** Shapes of the training API (TypeBox), shared with the web app (no Node imports). */
import { Type, type Static } from 'typebox';
import { DateSchema, Nullable } from '../../platform/http/contract';

export const LessonSchema = Type.Object(
  {
    id: Type.String({ pattern: '^[a-z0-9-]{1,40}$' }),
    title: Type.String({ minLength: 2, maxLength: 200 }),
    body: Type.String({ maxLength: 50_000, description: 'Rich text as Markdown (rendered as text; no HTML is executed)' }),
    videoUrl: Type.Optional(Type.String({ format: 'uri', maxLength: 500 })),
    files: Type.Optional(
      Type.Array(Type.Object({ name: Type.String({ maxLength: 200 }), url: Type.String({ format: 'uri', maxLength: 500 }) }), { maxItems: 20 }),
    ),
    /** A cmi5 assignable unit: the lesson is done when the unit reports its moveOn criterion met. */
    au: Type.Optional(
      Type.Object(
        {
          packageId: Type.String({ format: 'uuid' }),
          activityId: Type.String({ maxLength: 500 }),
          url: Type.String({ maxLength: 500 }),
          moveOn: Type.Enum(['Passed', 'Completed', 'CompletedAndPassed', 'CompletedOrPassed', 'NotApplicable'] as const),
          masteryScore: Nullable(Type.Number({ minimum: 0, maximum: 1 })),
          launchMethod: Type.Enum(['AnyWindow', 'OwnWindow'] as const),
          launchParameters: Nullable(Type.String({ maxLength: 2_000 })),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);
export const QuizSchema = Type.Object(
  {
    passMarkPercent: Type.Integer({ minimum: 1, maximum: 100 }),
    maxAttempts: Type.Integer({ minimum: 1, maximum: 20 }),
    questions: Type.Array(
      Type.Object(
        {
          id: Type.String({ pattern: '^[a-z0-9-]{1,40}$' }),
          text: Type.String({ minLength: 2, maxLength: 2_000 }),
          kind: Type.Enum(['single', 'multiple'] as const),
          options: Type.Array(Type.Object({ id: Type.String({ maxLength: 20 }), text: Type.String({ maxLength: 500 }) }, { additionalProperties: false }), {
            maxItems: 10,
          }),
          correct: Type.Array(Type.String({ maxLength: 20 }), { maxItems: 10 }),
          points: Type.Integer({ minimum: 1, maximum: 100 }),
        },
        { additionalProperties: false },
      ),
      { maxItems: 100 },
    ),
  },
  { additionalProperties: false },
);
export const NewCourseSchema = Type.Object(
  {
    code: Type.String({ pattern: '^[A-Z0-9-]{2,30}$' }),
    title: Type.String({ minLength: 2, maxLength: 200 }),
    category: Type.Enum(['procedures', 'system', 'soft_skills'] as const),
    owner: Type.String({ minLength: 2, maxLength: 200 }),
  },
  { additionalProperties: false },
);
export type NewCourse = Static<typeof NewCourseSchema>;
export type Lesson = Static<typeof LessonSchema>;
/** What a trainer's cmi5 import made: a new draft version of the course whose lessons are the package's units. */
export const Cmi5ImportSchema = Type.Object({
  packageId: Type.String({ format: 'uuid' }),
  isNew: Type.Boolean(),
  version: Type.Integer(),
  units: Type.Integer(),
  courseActivityId: Type.String(),
});
export type Cmi5Import = Static<typeof Cmi5ImportSchema>;
export const Cmi5LaunchSchema = Type.Object({ url: Type.String(), launchMethod: Type.Enum(['AnyWindow', 'OwnWindow'] as const) });
export type Cmi5Launch = Static<typeof Cmi5LaunchSchema>;

export const CourseContentSchema = Type.Object(
  {
    description: Type.String({ maxLength: 5_000 }),
    lessons: Type.Array(LessonSchema, { minItems: 1, maxItems: 50 }),
    quiz: Type.Union([QuizSchema, Type.Null()]),
  },
  { additionalProperties: false },
);
export type CourseContent = Static<typeof CourseContentSchema>;

export const CourseViewSchema = Type.Object({
  id: Type.String({ format: 'uuid' }),
  code: Type.String(),
  title: Type.String(),
  category: Type.String(),
  owner: Type.String(),
  publishedVersion: Nullable(Type.Integer()),
  latestVersion: Type.Integer(),
  description: Type.String(),
  lessons: Type.Array(LessonSchema),
  /** For learners, questions without their answers. */
  quiz: Nullable(Type.Any()),
});
export type CourseView = Static<typeof CourseViewSchema>;

export const CurriculumRulesSchema = Type.Object(
  {
    newHireDueDays: Nullable(Type.Integer({ minimum: 1, maximum: 730 })),
    roles: Type.Array(Type.String(), { maxItems: 20 }),
    orgUnits: Type.Array(Type.String(), { maxItems: 100 }),
    assignDueDays: Type.Integer({ minimum: 1, maximum: 730 }),
    recertifyMonths: Nullable(Type.Integer({ minimum: 1, maximum: 120 })),
  },
  { additionalProperties: false },
);
export const NewCurriculumSchema = Type.Object(
  {
    code: Type.String({ pattern: '^[A-Z0-9-]{2,30}$' }),
    title: Type.String({ minLength: 2, maxLength: 200 }),
    description: Type.String({ maxLength: 5_000 }),
    courseIds: Type.Array(Type.String({ format: 'uuid' }), { minItems: 1, maxItems: 100 }),
    rules: CurriculumRulesSchema,
    startsOn: DateSchema(),
  },
  { additionalProperties: false },
);
export type NewCurriculum = Static<typeof NewCurriculumSchema>;

export const AssignmentViewSchema = Type.Object({
  id: Type.String({ format: 'uuid' }),
  userId: Type.String(),
  courseId: Type.String(),
  courseCode: Type.String(),
  courseTitle: Type.String(),
  curriculumTitle: Nullable(Type.String()),
  source: Type.String(),
  assignedOn: DateSchema(),
  dueOn: DateSchema(),
  isOverdue: Type.Boolean(),
  status: Type.String(),
  lessonsDone: Type.Array(Type.String()),
  lessonCount: Type.Integer(),
  attemptsUsed: Type.Integer(),
  maxAttempts: Nullable(Type.Integer()),
  scorePercent: Nullable(Type.Integer()),
  completedOn: Nullable(DateSchema()),
  expiresOn: Nullable(DateSchema()),
});
export type AssignmentView = Static<typeof AssignmentViewSchema>;

export const QuizAnswersSchema = Type.Object(
  { answers: Type.Record(Type.String(), Type.Array(Type.String(), { maxItems: 10 })) },
  { additionalProperties: false },
);
export const QuizResultSchema = Type.Object({
  scorePercent: Type.Integer(),
  isPassed: Type.Boolean(),
  attempt: Type.Integer(),
  attemptsLeft: Type.Integer(),
  questions: Type.Array(Type.Object({ id: Type.String(), isCorrect: Type.Boolean() })),
  assignment: AssignmentViewSchema,
});

export const StaffSchema = Type.Object(
  { userId: Type.String({ format: 'uuid' }), orgUnitId: Type.String(), hireDate: DateSchema() },
  { additionalProperties: false },
);
export type Staff = Static<typeof StaffSchema>;

export const TrainingReportRowSchema = Type.Object({
  key: Type.String(),
  label: Type.String(),
  assigned: Type.Integer(),
  completed: Type.Integer(),
  overdue: Type.Integer(),
  averageScorePercent: Nullable(Type.Number()),
});
export const TrainingReportSchema = Type.Object({ groupBy: Type.String(), rows: Type.Array(TrainingReportRowSchema) });
export type TrainingReport = Static<typeof TrainingReportSchema>;

export const RolloutWaveSchema = Type.Object({
  orgUnitId: Type.String(),
  orgUnitName: Type.String(),
  wave: Type.Integer(),
  plannedOn: DateSchema(),
  status: Type.Enum(['planned', 'launched', 'delayed', 'complete'] as const),
  launchedOn: Nullable(DateSchema()),
  delayReason: Nullable(Type.String()),
  assigned: Type.Integer(),
  completed: Type.Integer(),
  /** Every change to the unit's place in the plan, oldest first: a delay keeps its reason, dates and who. */
  history: Type.Array(
    Type.Object({
      status: Type.Enum(['planned', 'launched', 'delayed', 'complete'] as const),
      plannedOn: DateSchema(),
      reason: Nullable(Type.String()),
      at: Type.String(),
      by: Nullable(Type.String()),
    }),
  ),
});
export type RolloutWave = Static<typeof RolloutWaveSchema>;
export const RolloutChangeSchema = Type.Object(
  {
    status: Type.Enum(['planned', 'launched', 'delayed', 'complete'] as const),
    wave: Type.Optional(Type.Integer({ minimum: 1, maximum: 20 })),
    plannedOn: Type.Optional(DateSchema()),
    delayReason: Type.Optional(Type.String({ maxLength: 2_000 })),
  },
  { additionalProperties: false },
);

/** What an LRS client may do: xAPI 1.0.3's scope names (Communication 4.2); xapi/scopes.ts says which requests each allows. */
export const lrsScopes = ['all', 'all/read', 'statements/write', 'statements/read', 'statements/read/mine', 'state', 'profile'] as const;
export type LrsScope = (typeof lrsScopes)[number];

export const lrsScopeNames: Record<LrsScope, string> = {
  all: 'Everything',
  'all/read': 'Read everything',
  'statements/write': 'Send statements',
  'statements/read': 'Read all statements',
  'statements/read/mine': 'Read the statements it sent',
  state: 'Keep learners’ state',
  profile: 'Activity and agent profiles, definitions and people',
};

/** An LTI 1.3 platform as an administrator registers it: what the platform's own registration of Concord gave. */
export const NewLtiPlatformSchema = Type.Object(
  {
    name: Type.String({ minLength: 2, maxLength: 200 }),
    issuer: Type.String({ format: 'uri', maxLength: 500, description: 'The platform’s issuer (iss), e.g. https://blackboard.com' }),
    clientId: Type.String({ minLength: 1, maxLength: 200, description: 'The client id the platform gave Concord' }),
    deploymentIds: Type.Array(Type.String({ minLength: 1, maxLength: 200 }), { minItems: 1, maxItems: 20 }),
    authLoginUrl: Type.String({ format: 'uri', maxLength: 500, description: 'The platform’s OIDC authorisation endpoint' }),
    accessTokenUrl: Type.String({ format: 'uri', maxLength: 500, description: 'The platform’s OAuth 2 token endpoint (for sending scores)' }),
    jwksUrl: Type.String({ format: 'uri', maxLength: 500, description: 'The platform’s public key set' }),
  },
  { additionalProperties: false },
);
export type NewLtiPlatform = Static<typeof NewLtiPlatformSchema>;
export const LtiPlatformSchema = Type.Intersect([
  NewLtiPlatformSchema,
  Type.Object({ id: Type.String({ format: 'uuid' }), isActive: Type.Boolean(), createdAt: Type.String() }),
]);
export type LtiPlatform = Static<typeof LtiPlatformSchema>;
/** What an administrator enters in the platform when registering Concord as a tool. */
export const LtiToolConfigSchema = Type.Object({
  loginUrl: Type.String(),
  redirectUrl: Type.String(),
  jwksUrl: Type.String(),
  deepLinkingUrl: Type.String(),
});
export const LtiPlatformsSchema = Type.Object({ platforms: Type.Array(LtiPlatformSchema), tool: LtiToolConfigSchema });
export type LtiPlatforms = Static<typeof LtiPlatformsSchema>;
export const LtiPlatformChangeSchema = Type.Object(
  {
    isActive: Type.Optional(Type.Boolean()),
    deploymentIds: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 200 }), { minItems: 1, maxItems: 20 })),
  },
  { additionalProperties: false },
);
