import { bigserial, boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { calendarDate, createdAt } from '../../platform/db/columns';

/** HQ divisions and the LCSAs, as the units training is organised and reported by. */
export const trainingOrgUnits = pgTable('training_org_units', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  kind: text('kind', { enum: ['hq_division', 'lcsa'] }).notNull(),
  createdAt: createdAt(),
});

/** A member of staff as training sees them: the platform user, their org unit and hire date. */
export const trainingStaff = pgTable(
  'training_staff',
  {
    userId: uuid('user_id').primaryKey(),
    orgUnitId: text('org_unit_id').notNull(),
    hireDate: calendarDate('hire_date').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('training_staff_org_idx').on(t.orgUnitId)],
);

export const trainingCourses = pgTable('training_courses', {
  id: uuid('id').primaryKey().defaultRandom(),
  code: text('code').notNull().unique(),
  title: text('title').notNull(),
  category: text('category', { enum: ['procedures', 'system', 'soft_skills'] }).notNull(),
  owner: text('owner').notNull(),
  /** The version learners take; null until the first is published. */
  publishedVersion: integer('published_version'),
  createdAt: createdAt(),
});

/** Every version of a course's content: lessons (rich text, a video link, files) and its quiz. */
export const trainingCourseVersions = pgTable(
  'training_course_versions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    courseId: uuid('course_id').notNull(),
    version: integer('version').notNull(),
    description: text('description').notNull(),
    lessons: jsonb('lessons').notNull(),
    quiz: jsonb('quiz'),
    isPublished: boolean('is_published').notNull().default(false),
    savedBy: uuid('saved_by'),
    savedAt: timestamp('saved_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('training_course_versions_uq').on(t.courseId, t.version)],
);

export const trainingCurricula = pgTable('training_curricula', {
  id: uuid('id').primaryKey().defaultRandom(),
  code: text('code').notNull().unique(),
  title: text('title').notNull(),
  description: text('description').notNull(),
  courseIds: jsonb('course_ids').$type<string[]>().notNull(),
  rules: jsonb('rules').notNull(),
  /** New-hire rules apply to staff hired on or after this date. */
  startsOn: calendarDate('starts_on').notNull(),
  createdAt: createdAt(),
});

/** A course a member of staff must take, why, by when, and how it went; a recertification is a new cycle. */
export const trainingAssignments = pgTable(
  'training_assignments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id').notNull(),
    courseId: uuid('course_id').notNull(),
    curriculumId: uuid('curriculum_id'),
    cycle: integer('cycle').notNull(),
    courseVersion: integer('course_version').notNull(),
    source: text('source', { enum: ['new_hire', 'role', 'org_unit', 'manual', 'recertification', 'external', 'lti'] }).notNull(),
    assignedOn: calendarDate('assigned_on').notNull(),
    dueOn: calendarDate('due_on').notNull(),
    status: text('status', { enum: ['assigned', 'in_progress', 'completed'] }).notNull(),
    completedOn: calendarDate('completed_on'),
    expiresOn: calendarDate('expires_on'),
    scorePercent: integer('score_percent'),
    /** How completion was recorded: here, or by an xAPI statement from another LMS. */
    completedVia: text('completed_via'),
    remindedOn: calendarDate('reminded_on'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('training_assignments_uq').on(t.userId, t.courseId, t.cycle), index('training_assignments_due_idx').on(t.status, t.dueOn)],
);

export const trainingLessonProgress = pgTable(
  'training_lesson_progress',
  {
    assignmentId: uuid('assignment_id').notNull(),
    lessonId: text('lesson_id').notNull(),
    completedAt: timestamp('completed_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('training_lesson_progress_uq').on(t.assignmentId, t.lessonId)],
);

export const trainingQuizAttempts = pgTable(
  'training_quiz_attempts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    assignmentId: uuid('assignment_id').notNull(),
    attempt: integer('attempt').notNull(),
    answers: jsonb('answers').notNull(),
    scorePercent: integer('score_percent').notNull(),
    isPassed: boolean('is_passed').notNull(),
    at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('training_quiz_attempts_uq').on(t.assignmentId, t.attempt)],
);

/** The launch plan: org units in waves (HQ divisions first, then the LCSAs). */
export const trainingRolloutWaves = pgTable('training_rollout_waves', {
  orgUnitId: text('org_unit_id').primaryKey(),
  wave: integer('wave').notNull(),
  plannedOn: calendarDate('planned_on').notNull(),
  status: text('status', { enum: ['planned', 'launched', 'delayed', 'complete'] }).notNull(),
  launchedOn: calendarDate('launched_on'),
  delayReason: text('delay_reason'),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
});

/** Every change to an org unit's place in the launch plan, kept: the status, the date planned, why (a delay's reason), when and who. */
export const trainingRolloutEvents = pgTable(
  'training_rollout_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgUnitId: text('org_unit_id').notNull(),
    status: text('status', { enum: ['planned', 'launched', 'delayed', 'complete'] }).notNull(),
    plannedOn: calendarDate('planned_on').notNull(),
    reason: text('reason'),
    byUserId: uuid('by_user_id'),
    at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [index('training_rollout_events_unit_idx').on(t.orgUnitId, t.at)],
);

/** Clients of the Learning Record Store: each with its own key and secret (only the secret's SHA-256 is kept). */
export const trainingXapiClients = pgTable('training_xapi_clients', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  key: text('key').notNull().unique(),
  secretHash: text('secret_hash').notNull(),
  isActive: boolean('is_active').notNull().default(true),
  /** What the client may do, in xAPI's scope names (lrs-scopes.ts); `all` for everything. */
  scopes: text('scopes').array().notNull().default(['all']),
  secretRotatedAt: timestamp('secret_rotated_at', { withTimezone: true, mode: 'date' }),
  lastUsedAt: timestamp('last_used_at', { withTimezone: true, mode: 'date' }),
  /** The cmi5 launch session a credential was issued for (its fetch URL); null for a client an admin registered. */
  cmi5SessionId: uuid('cmi5_session_id'),
  /** A session's credential stops working at this time; a registered client's does not expire. */
  expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }),
  createdAt: createdAt(),
});

/**
 * xAPI statements as stored (with `stored`, `authority` and `version` set by the LRS), in the order
 * stored, with what the query filters need alongside: the actor and object agents, the object activity,
 * the broad relations, the verb, the registration, the StatementRef target and whether it was voided.
 */
export const trainingXapiStatements = pgTable(
  'training_xapi_statements',
  {
    seq: bigserial('seq', { mode: 'number' }).primaryKey(),
    id: uuid('id').notNull().unique(),
    statement: jsonb('statement').notNull(),
    stored: timestamp('stored', { withTimezone: true, mode: 'date' }).notNull(),
    verbId: text('verb_id').notNull(),
    ownActivity: text('own_activity'),
    ownAgents: text('own_agents').array().notNull(),
    relatedActivities: text('related_activities').array().notNull(),
    relatedAgents: text('related_agents').array().notNull(),
    registration: text('registration'),
    targetId: uuid('target_id'),
    isVoided: boolean('is_voided').notNull().default(false),
    clientId: uuid('client_id'),
  },
  (t) => [
    index('training_xapi_verb_idx').on(t.verbId),
    index('training_xapi_activity_idx').on(t.ownActivity),
    index('training_xapi_target_idx').on(t.targetId),
  ],
);

/**
 * Attachment data sent with statements (multipart/mixed), kept once per content by its SHA-256 (the
 * statement's `sha2`), base64 as sent. Signatures (JWS) are attachments too.
 */
export const trainingXapiAttachments = pgTable('training_xapi_attachments', {
  sha2: text('sha2').primaryKey(),
  contentType: text('content_type').notNull(),
  content: text('content').notNull(),
  createdAt: createdAt(),
});

/** xAPI documents: the State, Activity Profile and Agent Profile resources (scoped by activity, agent, registration). */
export const trainingXapiDocuments = pgTable(
  'training_xapi_documents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: text('kind', { enum: ['state', 'activity_profile', 'agent_profile'] }).notNull(),
    /** '' where the resource does not use the key, so the unique index holds. */
    activityId: text('activity_id').notNull(),
    agentIfi: text('agent_ifi').notNull(),
    registration: text('registration').notNull(),
    documentId: text('document_id').notNull(),
    contentType: text('content_type').notNull(),
    content: text('content').notNull(),
    etag: text('etag').notNull(),
    updated: timestamp('updated', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [uniqueIndex('training_xapi_documents_uq').on(t.kind, t.activityId, t.agentIfi, t.registration, t.documentId)],
);

/**
 * cmi5 course packages as imported (cmi5.xml and the content it launches): the course structure read
 * from cmi5.xml, and each file of the zip (base64), served to the learner's browser sandboxed.
 */
export const trainingCmi5Packages = pgTable('training_cmi5_packages', {
  id: uuid('id').primaryKey().defaultRandom(),
  courseId: uuid('course_id').notNull(),
  /** The course's id in cmi5.xml (an IRI): the activity `satisfied` is stated about. */
  courseActivityId: text('course_activity_id').notNull(),
  structure: jsonb('structure').notNull(),
  sha256: text('sha256').notNull(),
  importedBy: uuid('imported_by'),
  createdAt: createdAt(),
});

export const trainingCmi5Files = pgTable(
  'training_cmi5_files',
  {
    packageId: uuid('package_id').notNull(),
    path: text('path').notNull(),
    contentType: text('content_type').notNull(),
    content: text('content').notNull(),
  },
  (t) => [uniqueIndex('training_cmi5_files_uq').on(t.packageId, t.path)],
);

/**
 * One launch of an assignable unit (cmi5 session): the registration is the assignment's id, the fetch
 * URL's token is kept as its SHA-256 and works once, and what the unit reported in the session decides
 * whether its moveOn criterion is met.
 */
export const trainingCmi5Sessions = pgTable(
  'training_cmi5_sessions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    assignmentId: uuid('assignment_id').notNull(),
    userId: uuid('user_id').notNull(),
    lessonId: text('lesson_id').notNull(),
    packageId: uuid('package_id').notNull(),
    auActivityId: text('au_activity_id').notNull(),
    fetchTokenHash: text('fetch_token_hash').notNull().unique(),
    fetchedAt: timestamp('fetched_at', { withTimezone: true, mode: 'date' }),
    launchedAt: timestamp('launched_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    initializedAt: timestamp('initialized_at', { withTimezone: true, mode: 'date' }),
    terminatedAt: timestamp('terminated_at', { withTimezone: true, mode: 'date' }),
    isCompleted: boolean('is_completed').notNull().default(false),
    isPassed: boolean('is_passed').notNull().default(false),
    isFailed: boolean('is_failed').notNull().default(false),
    scaledScore: text('scaled_score'),
  },
  (t) => [index('training_cmi5_sessions_assignment_idx').on(t.assignmentId, t.lessonId)],
);

/**
 * LTI 1.3 platforms (Blackboard or any other) that launch Concord's courses, as an administrator registered
 * them: the issuer and the client id the platform gave Concord, the deployments allowed, and where the
 * platform's OIDC authorisation, OAuth 2 token and key set are.
 */
export const trainingLtiPlatforms = pgTable(
  'training_lti_platforms',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    issuer: text('issuer').notNull(),
    clientId: text('client_id').notNull(),
    deploymentIds: text('deployment_ids').array().notNull(),
    authLoginUrl: text('auth_login_url').notNull(),
    accessTokenUrl: text('access_token_url').notNull(),
    jwksUrl: text('jwks_url').notNull(),
    isActive: boolean('is_active').notNull().default(true),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('training_lti_platforms_uq').on(t.issuer, t.clientId)],
);

/** Concord's own signing keys as an LTI tool (deep linking responses, service token requests): the private key sealed. */
export const trainingLtiKeys = pgTable('training_lti_keys', {
  kid: text('kid').primaryKey(),
  publicJwk: jsonb('public_jwk').notNull(),
  privateJwkSealed: text('private_jwk_sealed').notNull(),
  createdAt: createdAt(),
});

/** An OIDC login initiation waiting for its launch: the state and nonce are used once, within ten minutes. */
export const trainingLtiStates = pgTable('training_lti_states', {
  state: text('state').primaryKey(),
  nonce: text('nonce').notNull(),
  platformId: uuid('platform_id').notNull(),
  expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
});

/**
 * A platform's link to a Concord course for one learner (its resource link), with the line item where the
 * platform wants the score (Assignment and Grade Services), and when the score was last sent.
 */
export const trainingLtiLinks = pgTable(
  'training_lti_links',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    platformId: uuid('platform_id').notNull(),
    deploymentId: text('deployment_id').notNull(),
    resourceLinkId: text('resource_link_id').notNull(),
    userId: uuid('user_id').notNull(),
    /** The learner's id on the platform (`sub`), as its score names them. */
    subject: text('subject').notNull(),
    courseId: uuid('course_id').notNull(),
    lineItemUrl: text('line_item_url'),
    scoreSentAt: timestamp('score_sent_at', { withTimezone: true, mode: 'date' }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('training_lti_links_uq').on(t.platformId, t.resourceLinkId, t.userId), index('training_lti_links_user_idx').on(t.userId, t.courseId)],
);

/** A deep linking request waiting for the instructor's choice of course: used once, within thirty minutes. */
export const trainingLtiDeepLinks = pgTable('training_lti_deep_links', {
  tokenHash: text('token_hash').primaryKey(),
  platformId: uuid('platform_id').notNull(),
  deploymentId: text('deployment_id').notNull(),
  returnUrl: text('return_url').notNull(),
  data: text('data'),
  expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
});
