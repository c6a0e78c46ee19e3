/** Training endpoints: org units and staff, the catalogue and its editor, curricula, my learning, reports, reminders and the rollout. */
import { Type } from 'typebox';
import { recordAudit } from '../../platform/audit/audit';
import { authorize } from '../../platform/auth/scope';
import { commonErrorResponses, ProblemSchema } from '../../platform/http/contract';
import { inRequestTransaction, requestOrigin, sendDownload, xlsxContentType } from '../../platform/http/handler';
import type { ConcordApp } from '../../platform/http/types';
import {
  AssignmentViewSchema,
  Cmi5ImportSchema,
  Cmi5LaunchSchema,
  CourseContentSchema,
  CourseViewSchema,
  NewCourseSchema,
  NewCurriculumSchema,
  QuizAnswersSchema,
  QuizResultSchema,
  RolloutChangeSchema,
  RolloutWaveSchema,
  StaffSchema,
  TrainingReportSchema,
  lrsScopes,
} from './contract';
import { remindOverdue, rollout, setRollout, trainingReport, trainingReportCsv, trainingReportXlsx } from './reports';
import { changeClient, createClient, listClients, rotateClientSecret } from './xapi/lrs';

import { xapiRoutes } from './xapi/routes';
import { ltiRoutes } from './lti/routes';
import { assignmentDetail, certificate, completeLesson, myLearning, submitQuiz } from './learning';
import { createCourse, createCurriculum, listCourses, listCurricula, publishCourse, saveCourseVersion } from './catalogue';
import { listOrgUnits, setStaff } from './staff';
import { openTo, ownCredentials, requires } from '../../platform/http/access';
import { mayLag } from '../../platform/db/replica';
import { inTransaction } from '../../platform/db/transaction';
import { AppError } from '../../platform/errors';
import { toProblem } from '../../platform/http/problem';
import { contentFile, importPackage } from './cmi5/package';
import { fetchAuthToken, launchUnit } from './cmi5/session';

const params = Type.Object({ id: Type.String({ format: 'uuid' }) });
const groupBy = Type.Object({ groupBy: Type.Enum(['org_unit', 'role', 'course'] as const, { default: 'org_unit' }) });

export async function trainingRoutes(app: ConcordApp): Promise<void> {
  const tags = ['training'];
  const db = app.concord.database.db;
  await xapiRoutes(app);
  ltiRoutes(app);
  app.get(
    '/api/training/org-units',
    {
      config: requires('training.learn'),
      schema: {
        tags,
        summary: 'HQ divisions and LCSAs',
        response: { 200: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), kind: Type.String() })), ...commonErrorResponses },
      },
    },
    (request) => inRequestTransaction(request, (tx, actor) => listOrgUnits(tx, actor)),
  );
  app.post(
    '/api/training/staff',
    {
      config: requires('training.manage'),
      schema: {
        tags,
        summary: "Set a user's org unit and hire date; the curricula's rules then assign what they must take",
        body: StaffSchema,
        response: { 200: Type.Object({ assigned: Type.Integer() }), ...commonErrorResponses },
      },
    },
    (request) => inRequestTransaction(request, (tx, actor) => setStaff(tx, actor, request.body)),
  );
  app.get(
    '/api/training/courses',
    {
      config: requires('training.learn'),
      schema: {
        tags,
        summary: 'The catalogue (learners see published versions, without quiz answers)',
        response: { 200: Type.Array(CourseViewSchema), ...commonErrorResponses },
      },
    },
    (request) => inRequestTransaction(request, (tx, actor) => listCourses(tx, actor)),
  );
  app.post(
    '/api/training/courses',
    {
      config: requires('training.author'),
      schema: { tags, summary: 'Create a course (trainers)', body: NewCourseSchema, response: { 201: CourseViewSchema, ...commonErrorResponses } },
    },
    async (request, reply) => reply.status(201).send(await inRequestTransaction(request, (tx, actor) => createCourse(tx, actor, request.body))),
  );
  app.post(
    '/api/training/courses/:id/versions',
    {
      config: requires('training.author'),
      schema: {
        tags,
        summary: "Save a new version of a course's lessons and quiz",
        params,
        body: CourseContentSchema,
        response: { 200: CourseViewSchema, ...commonErrorResponses },
      },
    },
    (request) => inRequestTransaction(request, (tx, actor) => saveCourseVersion(tx, actor, request.params.id, request.body)),
  );
  app.post(
    '/api/training/courses/:id/publish',
    {
      config: requires('training.author'),
      schema: { tags, summary: 'Publish the latest version: new assignments take it', params, response: { 200: CourseViewSchema, ...commonErrorResponses } },
    },
    (request) => inRequestTransaction(request, (tx, actor) => publishCourse(tx, actor, request.params.id)),
  );
  app.get(
    '/api/training/curricula',
    {
      config: requires('training.learn'),
      schema: { tags, summary: 'Curricula with their courses and assignment rules', response: { 200: Type.Array(Type.Any()), ...commonErrorResponses } },
    },
    (request) => inRequestTransaction(request, (tx, actor) => listCurricula(tx, actor)),
  );
  app.post(
    '/api/training/curricula',
    {
      config: requires('training.author'),
      schema: {
        tags,
        summary: 'Create a curriculum: its courses and rules (new hires due N days after hire, roles, org units, recertification); assigns at once',
        body: NewCurriculumSchema,
        response: { 201: Type.Object({ id: Type.String(), assigned: Type.Integer() }), ...commonErrorResponses },
      },
    },
    async (request, reply) => reply.status(201).send(await inRequestTransaction(request, (tx, actor) => createCurriculum(tx, actor, request.body))),
  );
  app.get(
    '/api/training/my',
    {
      config: requires('training.learn'),
      schema: {
        tags,
        summary: 'My learning: assignments with due dates and progress',
        response: { 200: Type.Array(AssignmentViewSchema), ...commonErrorResponses },
      },
    },
    (request) => inRequestTransaction(request, (tx, actor) => myLearning(tx, actor)),
  );
  app.get(
    '/api/training/assignments/:id',
    {
      config: requires('training.learn'),
      schema: {
        tags,
        summary: 'One of my assignments with the course version it pins (the quiz without its answers)',
        params,
        response: { 200: Type.Object({ assignment: AssignmentViewSchema, course: CourseViewSchema }), ...commonErrorResponses },
      },
    },
    (request) => inRequestTransaction(request, (tx, actor) => assignmentDetail(tx, actor, request.params.id)),
  );
  app.post(
    '/api/training/assignments/:id/lessons/:lessonId/complete',
    {
      config: requires('training.learn'),
      schema: {
        tags,
        summary: 'Mark a lesson of my assignment done (progress is saved)',
        params: Type.Object({ id: Type.String({ format: 'uuid' }), lessonId: Type.String({ maxLength: 40 }) }),
        response: { 200: AssignmentViewSchema, ...commonErrorResponses },
      },
    },
    (request) => inRequestTransaction(request, (tx, actor) => completeLesson(tx, actor, request.params.id, request.params.lessonId)),
  );
  app.post(
    '/api/training/assignments/:id/lessons/:lessonId/launch',
    {
      config: requires('training.learn'),
      schema: {
        tags,
        summary: 'Launch a lesson of my assignment that is cmi5 content: the URL to open (cmi5 launch protocol)',
        params: Type.Object({ id: Type.String({ format: 'uuid' }), lessonId: Type.String({ maxLength: 40 }) }),
        response: { 200: Cmi5LaunchSchema, ...commonErrorResponses },
      },
    },
    (request) => inRequestTransaction(request, (tx, actor) => launchUnit(tx, actor, request.params.id, request.params.lessonId, requestOrigin(request))),
  );
  app.post(
    '/api/training/cmi5/fetch/:token',
    {
      config: ownCredentials('the fetch URL’s one-time token is the credential (cmi5 8.2)'),
      schema: {
        tags,
        summary: 'cmi5 fetch URL: the launched unit’s auth token for the LRS, once',
        params: Type.Object({ token: Type.String({ maxLength: 100 }) }),
        response: {
          200: Type.Object({ 'auth-token': Type.String() }),
          ...commonErrorResponses,
          400: Type.Intersect([ProblemSchema, Type.Object({ 'error-code': Type.Optional(Type.String()), 'error-text': Type.Optional(Type.String()) })]),
        },
      },
    },
    async (request, reply) => {
      const answer = await inTransaction(db, (tx) => fetchAuthToken(tx, request.params.token));
      if ('auth-token' in answer) return answer;
      // A refusal is problem+json like every error here, carrying cmi5's own error-code and error-text (cmi5 8.2.3).
      const problem = toProblem(new AppError('validation', 'cmi5_fetch_refused', answer['error-text']), request);
      return reply
        .status(400)
        .type('application/problem+json')
        .send({ ...problem, ...answer });
    },
  );
  app.get(
    '/api/training/cmi5/content/:packageId/*',
    {
      config: openTo('course content (no personal data), reached by the package’s unguessable id; served sandboxed so it cannot act as the learner'),
      schema: {
        tags,
        summary: 'A file of an imported cmi5 package',
        params: Type.Object({ packageId: Type.String({ format: 'uuid' }), '*': Type.String({ maxLength: 500 }) }),
      },
    },
    async (request, reply) => {
      const file = await inTransaction(db, (tx) => contentFile(tx, request.params.packageId, request.params['*']));
      const origin = requestOrigin(request);
      const own = `${origin}/api/training/cmi5/content/${request.params.packageId}/`;
      // The package's own scripts run, but in an opaque origin: no Concord cookie, storage or API as the learner.
      return reply
        .type(file.contentType)
        .header(
          'content-security-policy',
          `sandbox allow-scripts allow-forms allow-popups; default-src 'none'; script-src ${own}; style-src ${own} 'unsafe-inline'; img-src ${own} data:; media-src ${own}; font-src ${own}; connect-src ${origin}/xapi/ ${origin}/api/training/cmi5/fetch/; frame-ancestors 'self'; base-uri 'none'`,
        )
        .header('cross-origin-resource-policy', 'cross-origin')
        .header('cache-control', 'private, max-age=3600')
        .send(file.content);
    },
  );
  app.addContentTypeParser('application/zip', { parseAs: 'buffer', bodyLimit: 50 * 1024 * 1024 }, (_request, body, done) => done(null, body));
  app.post(
    '/api/training/courses/:id/cmi5',
    {
      config: requires('training.author'),
      schema: {
        tags,
        summary: 'Import a cmi5 course package (a zip with cmi5.xml): a new draft version whose lessons are its assignable units',
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
        body: Type.Any({ description: 'The zip, sent as application/zip' }),
        response: { 200: Cmi5ImportSchema, ...commonErrorResponses },
      },
    },
    (request) =>
      inRequestTransaction(request, (tx, actor) => {
        if (!Buffer.isBuffer(request.body))
          throw new AppError('validation', 'cmi5_package_invalid', 'Send the cmi5 package as the request body with Content-Type: application/zip.', [
            { path: 'file', message: 'application/zip' },
          ]);
        return importPackage(tx, actor, request.params.id, request.body);
      }),
  );
  app.post(
    '/api/training/assignments/:id/quiz',
    {
      config: requires('training.learn'),
      schema: {
        tags,
        summary: "Submit an attempt at my assignment's quiz",
        params,
        body: QuizAnswersSchema,
        response: { 200: QuizResultSchema, ...commonErrorResponses },
      },
    },
    (request) => inRequestTransaction(request, (tx, actor) => submitQuiz(tx, actor, request.params.id, request.body.answers)),
  );
  app.get(
    '/api/training/assignments/:id/certificate.pdf',
    {
      config: requires('training.learn'),
      schema: {
        tags,
        summary: 'The certificate of a completed assignment',
        params,
        produces: ['application/pdf'],
        response: { 200: Type.Any({ description: 'application/pdf' }), ...commonErrorResponses },
      },
    },
    async (request, reply) => {
      const { fileName, pdf } = await inRequestTransaction(request, (tx, actor) => certificate(tx, actor, request.params.id));
      return sendDownload(reply, { fileName, contentType: 'application/pdf', body: pdf });
    },
  );
  app.get(
    '/api/training/report',
    {
      config: mayLag(requires('training.manage')),
      schema: {
        tags,
        summary: 'Completion, overdue and quiz results by org unit, role or course',
        querystring: groupBy,
        response: { 200: TrainingReportSchema, ...commonErrorResponses },
      },
    },
    (request) => inRequestTransaction(request, (tx, actor) => trainingReport(tx, actor, request.query.groupBy)),
  );
  for (const format of ['csv', 'xlsx'] as const) {
    app.get(
      `/api/training/report.${format}`,
      {
        config: mayLag(requires('training.manage')),
        schema: {
          tags,
          summary: `The training report as ${format.toUpperCase()}`,
          querystring: groupBy,
          produces: [format === 'csv' ? 'text/csv' : xlsxContentType],
          response: { 200: Type.Any(), ...commonErrorResponses },
        },
      },
      async (request, reply) => {
        const report = await inRequestTransaction(request, (tx, actor) => trainingReport(tx, actor, request.query.groupBy));
        return format === 'csv'
          ? sendDownload(reply, { fileName: `training-by-${report.groupBy}.csv`, contentType: 'text/csv; charset=utf-8', body: trainingReportCsv(report) })
          : sendDownload(reply, { fileName: `training-by-${report.groupBy}.xlsx`, contentType: xlsxContentType, body: await trainingReportXlsx(report) });
      },
    );
  }
  app.post(
    '/api/training/reminders',
    {
      config: requires('training.manage'),
      schema: {
        tags,
        summary: 'Remind learners of overdue assignments (at most weekly each)',
        response: { 200: Type.Object({ reminded: Type.Integer() }), ...commonErrorResponses },
      },
    },
    (request) => inRequestTransaction(request, (tx, actor) => remindOverdue(tx, actor)),
  );
  const ScopesSchema = Type.Array(Type.Enum(lrsScopes), { minItems: 1, maxItems: lrsScopes.length, description: 'xAPI scopes (Communication 4.2)' });
  const ClientViewSchema = Type.Object({
    name: Type.String(),
    key: Type.String(),
    isActive: Type.Boolean(),
    scopes: Type.Array(Type.String()),
    createdAt: Type.String(),
    secretRotatedAt: Type.Union([Type.String(), Type.Null()]),
    lastUsedAt: Type.Union([Type.String(), Type.Null()]),
  });
  const SecretSchema = Type.Object({ key: Type.String(), secret: Type.String({ description: 'Shown once' }) });
  const KeyParams = Type.Object({ key: Type.String({ pattern: '^[A-Za-z0-9_-]{1,100}$' }) });
  app.get(
    '/api/training/xapi-clients',
    {
      config: requires('training.author'),
      schema: {
        tags,
        summary: 'LRS clients (outside LMSs reporting to /xapi/): scopes, active or not, last use — never their secrets',
        response: { 200: Type.Array(ClientViewSchema), ...commonErrorResponses },
      },
    },
    (request) => inRequestTransaction(request, (tx, actor) => listClients(tx, actor)),
  );
  app.post(
    '/api/training/xapi-clients',
    {
      config: requires('training.author'),
      schema: {
        tags,
        summary: 'Register an LRS client with its scopes: its key and secret for HTTP Basic on /xapi/ (the secret is shown once)',
        body: Type.Object({ name: Type.String({ minLength: 2, maxLength: 200 }), scopes: Type.Optional(ScopesSchema) }, { additionalProperties: false }),
        response: { 201: SecretSchema, ...commonErrorResponses },
      },
    },
    async (request, reply) =>
      reply.status(201).send(
        await inRequestTransaction(request, async (tx, actor) => {
          authorize(actor, 'training.author');
          const scopes = request.body.scopes ?? ['all'];
          const created = await createClient(tx, request.body.name, { scopes });
          await recordAudit(tx, actor, {
            action: 'training.xapi_client.create',
            entityType: 'xapi_client',
            entityId: created.key,
            detail: { name: request.body.name, scopes },
          });
          return created;
        }),
      ),
  );
  app.post(
    '/api/training/xapi-clients/:key/rotate',
    {
      config: requires('training.author'),
      schema: {
        tags,
        summary: "A new secret for an LRS client (shown once); the old one is refused from the client's next request",
        params: KeyParams,
        response: { 200: SecretSchema, ...commonErrorResponses },
      },
    },
    (request) => inRequestTransaction(request, (tx, actor) => rotateClientSecret(tx, actor, request.params.key)),
  );
  app.patch(
    '/api/training/xapi-clients/:key',
    {
      config: requires('training.author'),
      schema: {
        tags,
        summary: 'Disable or enable an LRS client, or change its scopes (a disabled client is refused at once)',
        params: KeyParams,
        body: Type.Object({ isActive: Type.Optional(Type.Boolean()), scopes: Type.Optional(ScopesSchema) }, { additionalProperties: false, minProperties: 1 }),
        response: { 200: ClientViewSchema, ...commonErrorResponses },
      },
    },
    (request) => inRequestTransaction(request, (tx, actor) => changeClient(tx, actor, request.params.key, request.body)),
  );
  app.get(
    '/api/training/rollout',
    {
      config: requires('training.learn'),
      schema: {
        tags,
        summary: 'The launch plan: org units in waves, their status and progress',
        response: { 200: Type.Array(RolloutWaveSchema), ...commonErrorResponses },
      },
    },
    (request) => inRequestTransaction(request, (tx, actor) => rollout(tx, actor)),
  );
  app.post(
    '/api/training/rollout/:orgUnitId',
    {
      config: requires('training.manage'),
      schema: {
        tags,
        summary: "Set an org unit's wave, planned date and status (a delay needs its reason)",
        params: Type.Object({ orgUnitId: Type.String({ maxLength: 60 }) }),
        body: RolloutChangeSchema,
        response: { 200: RolloutWaveSchema, ...commonErrorResponses },
      },
    },
    (request) => inRequestTransaction(request, (tx, actor) => setRollout(tx, actor, request.params.orgUnitId, request.body)),
  );
}
