/**
 * The platform's HTTP kernel: Fastify with TypeBox schemas, OpenAPI 3.1 and its reference page,
 * security headers, cookies, rate limits, actor resolution, problem+json errors, health, readiness and
 * Prometheus metrics, request ids in every log line. Modules add their routes in app.ts.
 *
 * @example
 *   const app = await createPlatformServer(context);
 *   await app.register(registryRoutes);
 */
import crypto from 'node:crypto';
import type { Writable } from 'node:stream';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import cors from '@fastify/cors';
import rateLimit from '@fastify/rate-limit';
import { databaseRateLimitStore } from './rate-limit-store';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { sql } from 'drizzle-orm';
import Fastify from 'fastify';
import { collectDefaultMetrics, Counter, Histogram } from 'prom-client';
import { recordAudit } from '../audit/audit';
import { lagTolerantReadsMetric, pinReadsAfterWrite } from '../db/replica';
import { AppError } from '../errors';
import { crossOriginPrefixes, enforceRouteAccess, openTo, routeAccessRegistrar, type DeclaredRoute } from './access';
import { resolveActor } from './auth-hook';
import { refuseNulCharacters } from './nul-bytes';
import { safeError } from './log-safety';
import { sendProblem, toProblem } from './problem';
import type { ConcordApp, PlatformContext } from './types';

export interface ServerOptions {
  /** Where logs go; standard output when absent (tests pass a stream to read them). */
  logStream?: Writable;
  /** The OpenAPI document's tags, with their descriptions, in the order the reference shows them. */
  tags?: readonly { name: string; description: string }[];
}

/** Paths whose values pino replaces with [redacted]: credentials, and any field that names or identifies a person. */
export const redactedLogPaths = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  '*.ssn',
  '*.ssnCiphertext',
  '*.password',
  '*.firstName',
  '*.lastName',
  '*.dateOfBirth',
  '*.addressLine1',
  '*.email',
];

function auditFailure(app: ConcordApp, request: Parameters<typeof toProblem>[1], error: AppError): Promise<void> {
  // A refused or not-found read of a record is an attempt on it (another LCSA's case answers 404): audited.
  const isWorthAuditing = error.kind === 'forbidden' || error.kind === 'locked' || error.kind === 'not_found' || request.method !== 'GET';
  if (!isWorthAuditing || !request.actor) return Promise.resolve();
  const id = (request.params as { id?: unknown } | undefined)?.id;
  return recordAudit(app.concord.database.db, request.actor, {
    action: `${request.method} ${request.routeOptions.url ?? request.url}`,
    entityType: 'http_request',
    entityId: typeof id === 'string' ? id.slice(0, 100) : null,
    outcome: 'failed',
    detail: { code: error.code, status: toProblem(error, request).status },
  });
}

/** What a log line says of a request: its method, path and id, and where it came from. */
export function requestLine(request: { method: string; url: string; id?: unknown; hostname?: string; ip?: string }) {
  return { method: request.method, url: request.url.split('?')[0], id: request.id, hostname: request.hostname, remoteAddress: request.ip };
}

export async function createPlatformServer(context: PlatformContext, options: ServerOptions = {}): Promise<ConcordApp> {
  const app = Fastify({
    logger: {
      level: context.config.logLevel,
      redact: { paths: redactedLogPaths, censor: '[redacted]' },
      // An error is logged by type, code, SQL and frames: never the values it carried (log-safety.ts).
      // A request is logged by its path, never its query string (a bookmarked search page carries a name).
      serializers: { err: safeError, req: requestLine },
      ...(options.logStream ? { stream: options.logStream } : {}),
    },
    genReqId: (req) => {
      const sent = req.headers['x-request-id'];
      return typeof sent === 'string' && /^[\w-]{8,64}$/.test(sent) ? sent : crypto.randomUUID();
    },
    ajv: { customOptions: { coerceTypes: 'array', removeAdditional: false, useDefaults: true, allErrors: true } },
    // Forwarded headers are believed only from the proxies the operator named (CONCORD_TRUSTED_PROXIES).
    trustProxy: context.config.trustedProxies.length > 0 ? context.config.trustedProxies : false,
    bodyLimit: 10 * 1024 * 1024,
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.decorate('concord', context);

  app.decorateRequest('actor', null as never);
  app.decorateRequest('sessionToken', null);

  collectDefaultMetrics({ register: context.metrics, prefix: 'concord_' });
  const httpDuration = new Histogram({
    name: 'concord_http_request_duration_seconds',
    help: 'HTTP request duration by route and status',
    labelNames: ['method', 'route', 'status'],
    registers: [context.metrics],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
  });
  new Counter({
    name: lagTolerantReadsMetric,
    help: 'Reads of reports, dashboards and exports (mayLag routes) with a read replica configured, by where they were made',
    labelNames: ['served_by'],
    registers: [context.metrics],
  });
  app.addHook('onResponse', async (request, reply) => {
    httpDuration.observe(
      { method: request.method, route: request.routeOptions.url ?? 'unmatched', status: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
  });
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
    // With a read replica, a person's successful write pins their lag-tolerant reads to the primary until the
    // replica has replayed it (db/replica.ts); before the answer leaves, so their next request sees the pin.
    const { replica, db } = context.database;
    if (replica && request.actor?.userId && !['GET', 'HEAD', 'OPTIONS'].includes(request.method) && reply.statusCode < 400) {
      // The write has committed: a failed pin must not turn its answer into an error (at worst one stale report).
      await pinReadsAfterWrite(db, request.actor.userId).catch((error: unknown) => request.log.warn({ err: error }, 'could not pin reads to the primary'));
    }
    // Every API answer is for one signed-in person and may carry personal data: no cache, shared or private, keeps it.
    if (request.url.startsWith('/api/') && !reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
  });

  await app.register(helmet, {
    contentSecurityPolicy: { directives: { 'img-src': ["'self'", 'data:'], 'upgrade-insecure-requests': context.config.isSecureCookies ? [] : null } },
    hsts: context.config.isSecureCookies,
  });
  // Learning content runs in the learner's browser from anywhere (cmi5, other LMSs): the xAPI endpoint and
  // cmi5's fetch URL answer any origin, without cookies (their callers bring their own credentials). No
  // other path carries CORS headers.
  await app.register(cors, {
    delegator: (request, callback) =>
      callback(
        null,
        crossOriginPrefixes.some((p) => request.url.startsWith(p))
          ? {
              origin: '*',
              methods: ['GET', 'HEAD', 'PUT', 'POST', 'DELETE'],
              allowedHeaders: ['Authorization', 'Content-Type', 'X-Experience-API-Version', 'If-Match', 'If-None-Match'],
              exposedHeaders: ['ETag', 'Last-Modified', 'X-Experience-API-Version', 'X-Experience-API-Consistent-Through'],
              maxAge: 600,
            }
          : { origin: false },
      ),
  });
  await app.register(cookie);
  // Counted in the database, so that several app processes share one limit.
  await app.register(rateLimit, { global: false, store: databaseRateLimitStore(context.database.db) });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Concord API', version: '0.1.0', description: "The statewide platform of California's child support programme." },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'concord_session' },
          apiToken: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ session: [] }, { apiToken: [] }],
      tags: [...(options.tags ?? [])],
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });
  // Every route from here on under /api/, /xapi/ and the probes names who may call it, or the server does
  // not start (access.ts). The reference page's own files, registered above, are open.
  const declared: DeclaredRoute[] = [];
  app.decorate('declaredRoutes', declared);
  app.addHook('onRoute', routeAccessRegistrar(declared));

  app.addHook('onRequest', resolveActor);
  app.addHook('onRequest', enforceRouteAccess);
  app.addHook('preValidation', refuseNulCharacters);

  app.setErrorHandler(async (error, request, reply) => {
    const problem = toProblem(error, request);
    if (problem.status >= 500) request.log.error({ err: error }, 'request failed');
    if (error instanceof AppError) {
      await auditFailure(app, request, error).catch((auditError: unknown) => request.log.error({ err: auditError }, 'could not audit a failed attempt'));
    }
    return sendProblem(reply, problem);
  });

  app.get('/api/openapi.json', { config: openTo('the API description'), schema: { hide: true } }, () => app.swagger());
  app.get('/health', { config: openTo('the liveness probe'), schema: { hide: true } }, () => ({ status: 'ok' }));
  app.get('/ready', { config: openTo('the readiness probe'), schema: { hide: true } }, async (_request, reply) => {
    try {
      await context.database.db.execute(sql`select 1`);
      return { status: 'ready', database: context.database.kind };
    } catch {
      return reply.status(503).send({ status: 'not_ready', database: context.database.kind });
    }
  });
  app.get(
    '/metrics',
    { config: openTo('Prometheus scraping (no personal data: counts and durations by route)'), schema: { hide: true } },
    async (_request, reply) => {
      return reply.type(context.metrics.contentType).send(await context.metrics.metrics());
    },
  );
  return app;
}
