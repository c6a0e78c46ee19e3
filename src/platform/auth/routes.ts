/** Sign-in, sign-out, the current session, users and API tokens over HTTP. */
import { Type } from 'typebox';
import { AppError } from '../errors';
import { commonErrorResponses } from '../http/contract';
import { inRequestTransaction } from '../http/handler';
import type { FastifyReply } from 'fastify';
import type { Config } from '../config';
import type { ConcordApp } from '../http/types';
import { createApiToken, listApiTokens, revokeApiToken } from './api-tokens';
import {
  ApiTokenSchema,
  CreatedApiTokenSchema,
  NewApiTokenSchema,
  NewUserSchema,
  RoleSchema,
  SessionSchema,
  SignInSchema,
  UserSchema,
  sessionCookie,
} from './contract';
import { finishOidcSignIn, startOidcSignIn } from './oidc';
import { closeSession, createUser, findSession, getUser, presentUser, signIn, signInFailed, userList } from './users';
import { registerList } from '../lists/lists';
import { openTo, requires, requiresSignIn } from '../http/access';

/** The signed-in session's cookie (sign-in, single sign-on, an LTI launch): HTTP only, same-site strict, secure where served over TLS. */
export function setSessionCookie(reply: FastifyReply, config: Pick<Config, 'isSecureCookies' | 'sessionTtlMinutes'>, token: string): void {
  reply.setCookie(sessionCookie, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'strict',
    secure: config.isSecureCookies,
    maxAge: config.sessionTtlMinutes * 60,
  });
}

export async function authRoutes(app: ConcordApp): Promise<void> {
  const { config } = app.concord;
  const tags = ['accounts'];
  const signInPolicy = { maxFailures: config.signInMaxFailures, lockoutMinutes: config.signInLockoutMinutes, sessionTtlMinutes: config.sessionTtlMinutes };

  app.post(
    '/api/auth/sign-in',
    {
      schema: { tags, summary: 'Sign in with email and password', body: SignInSchema, response: { 200: SessionSchema, ...commonErrorResponses } },
      config: {
        ...openTo('signing in'),
        rateLimit: {
          max: 10,
          timeWindow: '1 minute',
          hook: 'preHandler',
          keyGenerator: (r) => `${r.ip}:${String((r.body as { email?: string } | undefined)?.email ?? '').toLowerCase()}`,
        },
      },
    },
    async (request, reply) => {
      const result = await inRequestTransaction(request, (tx) => signIn(tx, signInPolicy, request.body, String(request.id)));
      if (!result.isSignedIn) throw signInFailed();
      setSessionCookie(reply, config, result.sessionToken);
      return { user: presentUser(result.user), csrfToken: result.csrfToken };
    },
  );

  app.get(
    '/api/auth/sso',
    {
      config: openTo('whether single sign-on is on, for the sign-in page'),
      schema: { tags, summary: 'Whether single sign-on is offered', response: { 200: Type.Object({ isEnabled: Type.Boolean(), startUrl: Type.String() }) } },
    },
    () => ({ isEnabled: config.oidc !== null, startUrl: '/api/auth/sso/start' }),
  );

  app.get(
    '/api/auth/sso/start',
    { config: openTo('single sign-on'), schema: { tags, summary: 'Begin single sign-on (redirects to the identity provider)' } },
    async (request, reply) => {
      const settings = config.oidc;
      if (!settings) throw new AppError('not_found', 'sso_not_configured', 'Single sign-on is not configured on this server.');
      const url = await inRequestTransaction(request, (tx) => startOidcSignIn(tx, settings));
      return reply.redirect(url, 302);
    },
  );

  app.get(
    '/api/auth/sso/callback',
    { config: openTo('single sign-on'), schema: { tags, summary: 'Identity provider callback: opens a session and returns to the web app' } },
    async (request, reply) => {
      const settings = config.oidc;
      if (!settings) throw new AppError('not_found', 'sso_not_configured', 'Single sign-on is not configured on this server.');
      const callbackUrl = new URL(request.url, settings.redirectUrl);
      const result = await inRequestTransaction(request, (tx) => finishOidcSignIn(tx, settings, callbackUrl, signInPolicy, String(request.id)));
      setSessionCookie(reply, config, result.sessionToken);
      return reply.redirect('/', 302);
    },
  );

  app.post(
    '/api/auth/sign-out',
    {
      config: openTo('signing out ends the session the request carries, if any'),
      schema: { tags, summary: 'End the session', response: { 204: Type.Null(), ...commonErrorResponses } },
    },
    async (request, reply) => {
      const token = request.sessionToken;
      if (token) await inRequestTransaction(request, (tx, actor) => closeSession(tx, actor, token));
      reply.clearCookie(sessionCookie, { path: '/' });
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/auth/session',
    { config: requiresSignIn(), schema: { tags, summary: 'The signed-in user', response: { 200: SessionSchema, ...commonErrorResponses } } },
    async (request) => {
      const { actor } = request;
      if (actor.userId === null) throw new AppError('unauthenticated', 'sign_in_required', 'Sign in to continue.');
      return inRequestTransaction(request, async (tx) => {
        const session = request.sessionToken ? await findSession(tx, request.sessionToken) : null;
        const user = session?.user ?? (await getUser(tx, actor.userId!));
        return { user: presentUser(user), csrfToken: session?.csrfToken ?? '' };
      });
    },
  );

  registerList(app, {
    path: '/api/users',
    config: requires('users.manage'),
    tags,
    summary: 'Accounts in your scope, by email; q is an email or name that contains it',
    filters: { role: Type.Optional(RoleSchema) },
    item: UserSchema,
    source: userList,
  });

  app.post(
    '/api/users',
    {
      config: requires('users.manage'),
      schema: { tags, summary: 'Create a local account', body: NewUserSchema, response: { 201: UserSchema, ...commonErrorResponses } },
    },
    async (request, reply) => {
      const user = await inRequestTransaction(request, (tx, actor) => createUser(tx, actor, request.body));
      return reply.status(201).send(presentUser(user));
    },
  );

  app.get(
    '/api/auth/tokens',
    { config: requires('tokens.manage'), schema: { tags, summary: 'Your API tokens', response: { 200: Type.Array(ApiTokenSchema), ...commonErrorResponses } } },
    (request) => inRequestTransaction(request, (tx, actor) => listApiTokens(tx, actor)),
  );
  app.post(
    '/api/auth/tokens',
    {
      config: requires('tokens.manage'),
      schema: { tags, summary: 'Create an API token (shown once)', body: NewApiTokenSchema, response: { 201: CreatedApiTokenSchema, ...commonErrorResponses } },
    },
    async (request, reply) => {
      const created = await inRequestTransaction(request, (tx, actor) => createApiToken(tx, actor, request.body));
      return reply.status(201).send(created);
    },
  );
  app.delete(
    '/api/auth/tokens/:id',
    {
      config: requires('tokens.manage'),
      schema: {
        tags,
        summary: 'Revoke an API token',
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
        response: { 200: ApiTokenSchema, ...commonErrorResponses },
      },
    },
    (request) => inRequestTransaction(request, (tx, actor) => revokeApiToken(tx, actor, request.params.id)),
  );
}
