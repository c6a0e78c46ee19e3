/**
 * LTI 1.3 routes: the tool's key set, the OIDC login initiation, the launch (resource links and deep
 * linking), the instructor's course choice, and the administrators' platform registrations. The platform
 * reaches the first four with its own signed messages (no Concord session); a browser that asked for HTML
 * gets a launch that cannot go on as a page in words, anything else problem+json.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { setSessionCookie } from '../../../platform/auth/routes';
import { inTransaction } from '../../../platform/db/transaction';
import { AppError } from '../../../platform/errors';
import { openTo, requires } from '../../../platform/http/access';
import { commonErrorResponses, OpenQuerySchema } from '../../../platform/http/contract';
import { inRequestTransaction, requestOrigin } from '../../../platform/http/handler';
import { toProblem } from '../../../platform/http/problem';
import type { ConcordApp } from '../../../platform/http/types';
import { LtiPlatformChangeSchema, LtiPlatformSchema, LtiPlatformsSchema, NewLtiPlatformSchema } from '../contract';
import { toolJwks, toolKey } from './keys';
import { deepLinkResponse, launch, loginInitiation } from './launch';
import { coursePickerPage, launchProblemPage, returnToPlatformPage } from './pages';
import { changePlatform, listPlatforms, registerPlatform } from './platforms';

const fieldsOf = (request: FastifyRequest): Record<string, string | undefined> => ({
  ...(request.query as Record<string, string | undefined>),
  ...(typeof request.body === 'object' && request.body !== null ? (request.body as Record<string, string | undefined>) : {}),
});

/** A refusal: as a page in words to a browser (it came from the course site), as problem+json to anything else. */
async function answerProblem(request: FastifyRequest, reply: FastifyReply, work: () => Promise<unknown>) {
  try {
    return await work();
  } catch (error) {
    if (!(error instanceof AppError) || !String(request.headers.accept ?? '').includes('text/html')) throw error;
    const problem = toProblem(error, request);
    return reply.status(problem.status).type('text/html; charset=utf-8').send(launchProblemPage(problem.detail));
  }
}

export function ltiRoutes(app: ConcordApp): void {
  const db = app.concord.database.db;
  const { config, piiKeys } = app.concord;
  const tags = ['lti'];
  const open = openTo('an LTI platform’s browser exchange: each message carries the platform’s own signature, state or one-time token');

  app.get('/api/lti/jwks', { config: openTo('public keys'), schema: { tags, summary: 'Concord’s public signing keys as an LTI tool (JWK Set)' } }, () =>
    inTransaction(db, async (tx) => {
      const published = await toolJwks(tx);
      if (published.keys.length > 0) return published;
      await toolKey(tx, piiKeys); // made on first use; the private half is opened only then
      return toolJwks(tx);
    }),
  );
  for (const method of ['GET', 'POST'] as const)
    app.route({
      method,
      url: '/api/lti/login',
      config: open,
      schema: {
        tags,
        summary: 'LTI 1.3 OIDC login initiation (third-party initiated login)',
        querystring: OpenQuerySchema,
        ...(method === 'POST' ? { body: Type.Any() } : {}),
      },
      handler: (request, reply) =>
        answerProblem(request, reply, async () =>
          reply.redirect(await inTransaction(db, (tx) => loginInitiation(tx, fieldsOf(request), requestOrigin(request))), 302),
        ),
    });
  app.post(
    '/api/lti/launch',
    { config: open, schema: { tags, summary: 'LTI 1.3 launch: the platform’s id_token and state (form post)', body: Type.Any() } },
    (request, reply) =>
      answerProblem(request, reply, async () => {
        const outcome = await inTransaction(db, (tx) => launch(tx, fieldsOf(request), config.sessionTtlMinutes, String(request.id)));
        if (outcome.kind === 'deep_link')
          return reply.type('text/html; charset=utf-8').send(coursePickerPage(outcome.platformName, outcome.token, outcome.courses));
        setSessionCookie(reply, config, outcome.sessionToken);
        return reply.redirect(`/training/assignments/${outcome.assignmentId}`, 303);
      }),
  );
  app.post(
    '/api/lti/deep-link',
    { config: open, schema: { tags, summary: 'The instructor’s course choice, returned to the platform as a signed deep linking response', body: Type.Any() } },
    (request, reply) =>
      answerProblem(request, reply, async () => {
        const fields = fieldsOf(request);
        const { returnUrl, jwt } = await inTransaction(db, (tx) => deepLinkResponse(tx, piiKeys, fields, requestOrigin(request)));
        // The page's one form posts to the platform: the only other origin it may send to.
        return reply
          .type('text/html; charset=utf-8')
          .header(
            'content-security-policy',
            `default-src 'self'; style-src 'unsafe-inline'; form-action ${new URL(returnUrl).origin}; frame-ancestors 'self'; base-uri 'none'`,
          )
          .send(returnToPlatformPage(String(fields.course), returnUrl, jwt));
      }),
  );

  app.get(
    '/api/training/lti-platforms',
    {
      config: requires('users.manage'),
      schema: {
        tags,
        summary: 'Registered LTI platforms, and what to enter in a platform for Concord',
        response: { 200: LtiPlatformsSchema, ...commonErrorResponses },
      },
    },
    (request) => inRequestTransaction(request, (tx, actor) => listPlatforms(tx, actor, requestOrigin(request))),
  );
  app.post(
    '/api/training/lti-platforms',
    {
      config: requires('users.manage'),
      schema: { tags, summary: 'Register an LTI 1.3 platform', body: NewLtiPlatformSchema, response: { 201: LtiPlatformSchema, ...commonErrorResponses } },
    },
    async (request, reply) => reply.status(201).send(await inRequestTransaction(request, (tx, actor) => registerPlatform(tx, actor, request.body))),
  );
  app.post(
    '/api/training/lti-platforms/:id',
    {
      config: requires('users.manage'),
      schema: {
        tags,
        summary: 'Disable or enable a platform, or change its deployments',
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
        body: LtiPlatformChangeSchema,
        response: { 200: LtiPlatformSchema, ...commonErrorResponses },
      },
    },
    (request) => inRequestTransaction(request, (tx, actor) => changePlatform(tx, actor, request.params.id, request.body)),
  );
}
