/**
 * Resolves the request's actor once, before any handler: a Bearer API token, else the session cookie,
 * else anonymous. Cookie-authenticated state-changing requests must carry the session's CSRF token.
 */
import crypto from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { anonymousActor } from '../auth/actor';
import { csrfHeader, sessionCookie } from '../auth/contract';
import { actorOf, findSession, findUserByApiToken } from '../auth/users';
import { AppError } from '../errors';

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

function isSameToken(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && crypto.timingSafeEqual(left, right);
}

export async function resolveActor(request: FastifyRequest): Promise<void> {
  const requestId = String(request.id);
  const db = request.server.concord.database.db;
  request.actor = anonymousActor(requestId);
  request.sessionToken = null;
  const authorization = request.headers.authorization;
  if (authorization?.startsWith('Bearer ')) {
    const user = await findUserByApiToken(db, authorization.slice('Bearer '.length).trim());
    if (!user) throw new AppError('unauthenticated', 'api_token_invalid', 'The API token is unknown or revoked.');
    request.actor = actorOf(user, requestId);
    return;
  }
  const token = request.cookies[sessionCookie];
  if (!token) return;
  const session = await findSession(db, token);
  if (!session) return;
  if (!safeMethods.has(request.method)) {
    const sent = request.headers[csrfHeader];
    if (typeof sent !== 'string' || !isSameToken(sent, session.csrfToken)) {
      throw new AppError('forbidden', 'csrf_token_missing_or_wrong', `State-changing requests need the ${csrfHeader} header from the session.`);
    }
  }
  request.actor = actorOf(session.user, requestId);
  request.sessionToken = token;
}
