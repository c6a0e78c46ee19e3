import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyBaseLogger, FastifyInstance, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify';
import type { Registry } from 'prom-client';
import type { Actor } from '../auth/actor';
import type { DeclaredRoute } from './access';
import type { Config } from '../config';
import type { Database } from '../db/connect';
import type { PiiKeys } from '../pii/keys';

/** What every route can reach through `app.concord`. */
export interface PlatformContext {
  config: Config;
  database: Database;
  piiKeys: PiiKeys;
  metrics: Registry;
}

export type ConcordApp = FastifyInstance<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, FastifyBaseLogger, TypeBoxTypeProvider>;

declare module 'fastify' {
  interface FastifyInstance {
    concord: PlatformContext;
    /** Every guarded route with its access rule, as registered (access.ts). */
    declaredRoutes: readonly DeclaredRoute[];
  }
  interface FastifyRequest {
    /** Resolved from the session cookie or a Bearer API token; anonymous when neither. */
    actor: Actor;
    /** The session token (cookie requests only), for sign-out. */
    sessionToken: string | null;
  }
}
