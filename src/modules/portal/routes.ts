/** The parents' portal endpoints: sign-up, my cases and statement, requests, language; and staff's side of requests. */
import { Type } from 'typebox';
import { presentUser } from '../../platform/auth/users';
import { SessionSchema } from '../../platform/auth/contract';
import { setSessionCookie } from '../../platform/auth/routes';
import { commonErrorResponses } from '../../platform/http/contract';
import { inRequestTransaction, sendDownload } from '../../platform/http/handler';
import type { ConcordApp } from '../../platform/http/types';
import { openTo, requires } from '../../platform/http/access';
import { assertVerified, finishSignUp, startSignUp, verifySignUp } from './accounts';
import {
  LanguageSchema,
  MyCaseDetailSchema,
  MyCaseSchema,
  MyLienSchema,
  MyNoticeSchema,
  MyRequestSchema,
  NewRequestSchema,
  OutboxMessageSchema,
  RequestDecisionSchema,
  SignUpFinishSchema,
  SignUpStartedSchema,
  SignUpStartSchema,
  SignUpVerifiedSchema,
  SignUpVerifySchema,
  StaffRequestSchema,
} from './contract';
import { ask, attachDocument, chooseLanguage, myCase, myCases, myLiens, myNotices, myRequests, myStatement, mySurveysAsParent } from './service';
import { MySurveySchema } from '../trauma/index';
import { decideRequest, outbox, requestDocument, staffRequests } from './staff';
import { acceptDocuments, uploadedDocument } from '../../platform/http/documents';

const params = Type.Object({ id: Type.String({ format: 'uuid' }) });
/** Sign-up steps: a few tries a minute from one address, on top of the five tries a code allows. */
const signUpRateLimit = { max: 10, timeWindow: '1 minute', hook: 'preHandler' as const };

export async function portalRoutes(app: ConcordApp): Promise<void> {
  const tags = ['portal'];
  const { config } = app.concord;

  app.post(
    '/api/portal/sign-up',
    {
      config: { ...openTo('a parent opening their own account'), rateLimit: signUpRateLimit },
      schema: {
        tags,
        summary: 'Start a parent’s sign-up: case number, birth date and SSN last four; a code goes to the contact on file',
        body: SignUpStartSchema,
        response: { 202: SignUpStartedSchema, ...commonErrorResponses },
      },
    },
    async (request, reply) => {
      const started = await inRequestTransaction(request, (tx) => startSignUp(tx, request.body, String(request.id)));
      return reply.status(202).send(started);
    },
  );
  app.post(
    '/api/portal/sign-up/verify',
    {
      config: { ...openTo('a parent opening their own account'), rateLimit: signUpRateLimit },
      schema: {
        tags,
        summary: 'Check the code sent to the contact on file (five tries)',
        body: SignUpVerifySchema,
        response: { 200: SignUpVerifiedSchema, ...commonErrorResponses },
      },
    },
    // A wrong try is committed (counted) before the answer says so.
    async (request) => assertVerified(await inRequestTransaction(request, (tx) => verifySignUp(tx, request.body, String(request.id)))),
  );
  app.post(
    '/api/portal/sign-up/finish',
    {
      config: { ...openTo('a parent opening their own account'), rateLimit: signUpRateLimit },
      schema: {
        tags,
        summary: 'Choose the email and password to sign in with; opens a session',
        body: SignUpFinishSchema,
        response: { 200: SessionSchema, ...commonErrorResponses },
      },
    },
    async (request, reply) => {
      const result = await inRequestTransaction(request, (tx) => finishSignUp(tx, request.body, config.sessionTtlMinutes, String(request.id)));
      setSessionCookie(reply, config, result.sessionToken);
      return { user: presentUser(result.user), csrfToken: result.csrfToken };
    },
  );

  app.get(
    '/api/portal/cases',
    { config: requires('portal.use'), schema: { tags, summary: 'My cases', response: { 200: Type.Array(MyCaseSchema), ...commonErrorResponses } } },
    (request) => inRequestTransaction(request, (tx, actor) => myCases(tx, actor)),
  );
  app.get(
    '/api/portal/cases/:id',
    {
      config: requires('portal.use'),
      schema: {
        tags,
        summary: 'One of my cases: what is owed and why, payments, the order',
        params,
        response: { 200: MyCaseDetailSchema, ...commonErrorResponses },
      },
    },
    (request) => inRequestTransaction(request, (tx, actor) => myCase(tx, actor, request.params.id)),
  );
  app.get(
    '/api/portal/cases/:id/statement.pdf',
    {
      config: requires('portal.use'),
      schema: {
        tags,
        summary: 'My account statement (PDF)',
        params,
        produces: ['application/pdf'],
        response: { 200: Type.Any({ description: 'application/pdf' }), ...commonErrorResponses },
      },
    },
    async (request, reply) => {
      const { fileName, pdf } = await inRequestTransaction(request, (tx, actor) => myStatement(tx, actor, request.params.id));
      return sendDownload(reply, { fileName, contentType: 'application/pdf', body: pdf });
    },
  );
  app.get(
    '/api/portal/notices',
    {
      config: requires('portal.use'),
      schema: {
        tags,
        summary: 'Insurance intercept notices to me, with where each contest stands',
        response: { 200: Type.Array(MyNoticeSchema), ...commonErrorResponses },
      },
    },
    (request) => inRequestTransaction(request, (tx, actor) => myNotices(tx, actor)),
  );
  app.get(
    '/api/portal/requests',
    {
      config: requires('portal.use'),
      schema: { tags, summary: 'What I have asked for, and where it stands', response: { 200: Type.Array(MyRequestSchema), ...commonErrorResponses } },
    },
    (request) => inRequestTransaction(request, (tx, actor) => myRequests(tx, actor)),
  );
  app.post(
    '/api/portal/requests',
    {
      config: requires('portal.use'),
      schema: {
        tags,
        summary: 'Ask once: an account audit, an order review, contesting an insurance intercept notice, a contact change or a safety concern',
        body: NewRequestSchema,
        response: { 201: MyRequestSchema, ...commonErrorResponses },
      },
    },
    async (request, reply) => reply.status(201).send(await inRequestTransaction(request, (tx, actor) => ask(tx, actor, request.body))),
  );
  // A document arrives as the request body, as it is: a PDF or an image, at most 5 MiB.
  acceptDocuments(app);
  app.post(
    '/api/portal/requests/:id/documents',
    {
      config: requires('portal.use'),
      schema: {
        tags,
        summary: 'Attach a document to one of my open requests (body: the file, application/pdf, image/png or image/jpeg, at most 5 MiB; five to a request)',
        params,
        querystring: Type.Object({ fileName: Type.String({ minLength: 1, maxLength: 200 }) }),
        response: { 200: MyRequestSchema, ...commonErrorResponses },
      },
    },
    (request) => {
      const document = uploadedDocument(request);
      return inRequestTransaction(request, (tx, actor) =>
        attachDocument(tx, app.concord.piiKeys, actor, request.params.id, { fileName: request.query.fileName, ...document }),
      );
    },
  );
  app.get(
    '/api/portal/staff/requests/:id/documents/:documentId',
    {
      config: requires('registry.read'),
      schema: {
        tags,
        summary: 'A document a parent attached to a request in your LCSA (a read of personal data, audited)',
        params: Type.Object({ id: Type.String({ format: 'uuid' }), documentId: Type.String({ format: 'uuid' }) }),
        produces: ['application/pdf', 'image/png', 'image/jpeg'],
        response: { 200: Type.Any({ description: 'the file' }), ...commonErrorResponses },
      },
    },
    async (request, reply) => {
      const file = await inRequestTransaction(request, (tx, actor) =>
        requestDocument(tx, app.concord.piiKeys, actor, request.params.id, request.params.documentId),
      );
      return sendDownload(reply, { fileName: file.fileName, contentType: file.contentType, body: file.body });
    },
  );
  app.get(
    '/api/portal/liens',
    {
      config: requires('portal.use'),
      schema: {
        tags,
        summary: 'The recorded liens on my property, in every county (a paying parent)',
        response: { 200: Type.Array(MyLienSchema), ...commonErrorResponses },
      },
    },
    (request) => inRequestTransaction(request, (tx, actor) => myLiens(tx, actor)),
  );
  app.get(
    '/api/portal/surveys',
    {
      config: requires('portal.use'),
      schema: {
        tags,
        summary: "The families' surveys offered to me once a request of mine has closed (answered anonymously, through trauma's survey)",
        response: { 200: Type.Array(MySurveySchema), ...commonErrorResponses },
      },
    },
    (request) => inRequestTransaction(request, (tx, actor) => mySurveysAsParent(tx, app.concord.piiKeys, actor)),
  );
  app.put(
    '/api/portal/language',
    {
      config: requires('portal.use'),
      schema: {
        tags,
        summary: 'Remember my language',
        body: Type.Object({ language: LanguageSchema }, { additionalProperties: false }),
        response: { 204: Type.Null(), ...commonErrorResponses },
      },
    },
    async (request, reply) => {
      await inRequestTransaction(request, (tx, actor) => chooseLanguage(tx, actor, request.body.language));
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/portal/staff/requests',
    {
      config: requires('registry.read'),
      schema: {
        tags,
        summary: 'Parents’ requests in my scope, open first',
        querystring: Type.Object({ open: Type.Optional(Type.Boolean()) }),
        response: { 200: Type.Array(StaffRequestSchema), ...commonErrorResponses },
      },
    },
    (request) => inRequestTransaction(request, (tx, actor) => staffRequests(tx, actor, { isOpenOnly: request.query.open ?? true })),
  );
  app.post(
    '/api/portal/staff/requests/:id/decision',
    {
      config: requires('registry.write'),
      schema: {
        tags,
        summary: 'Confirm or decline a parent’s request, with the answer they read (a confirmed safety concern protects them everywhere)',
        params,
        body: RequestDecisionSchema,
        response: { 200: StaffRequestSchema, ...commonErrorResponses },
      },
    },
    (request) => inRequestTransaction(request, (tx, actor) => decideRequest(tx, actor, request.params.id, request.body)),
  );
  app.get(
    '/api/portal/staff/outbox',
    {
      config: requires('users.manage'),
      schema: {
        tags,
        summary: 'The newest messages to parents (state administrators; nothing is sent in the demo)',
        response: { 200: Type.Array(OutboxMessageSchema), ...commonErrorResponses },
      },
    },
    (request) => inRequestTransaction(request, (tx, actor) => outbox(tx, actor)),
  );
}
