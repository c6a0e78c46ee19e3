/**
 * Who may call a route, declared where the route is: every route under /api/ and /xapi/ names its rule in
 * `config`, and one registered without one stops the server from starting. The rule is checked before
 * the body is read or the handler runs; the use case still decides whose rows the caller reaches (scope.ts).
 *
 * @example
 *   app.get('/api/cases/:id', { config: requires('registry.read'), schema }, handler);
 *   app.post('/api/trauma/survey/answers', { config: openTo('the survey link is the invitation'), schema }, handler);
 */
import type { FastifyRequest } from 'fastify';
import { authorize, authorizeAny, requireSignedIn } from '../auth/scope';
import type { Permission } from '../auth/roles';

export type RouteAccess =
  | { kind: 'permission'; permission: Permission }
  | { kind: 'any'; permissions: readonly Permission[] }
  | { kind: 'signed-in' }
  /** Anyone: sign-in itself, health, the public plan, the anonymous survey. The reason is the documentation. */
  | { kind: 'open'; reason: string }
  /** The handler authenticates the caller by credentials of its own (xAPI clients' Basic credentials). */
  | { kind: 'own-credentials'; reason: string };

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
}

type Declared = { access: RouteAccess };
export const requires = (permission: Permission): Declared => ({ access: { kind: 'permission', permission } });
export const requiresAny = (...permissions: Permission[]): Declared => ({ access: { kind: 'any', permissions } });
export const requiresSignIn = (): Declared => ({ access: { kind: 'signed-in' } });
export const openTo = (reason: string): Declared => ({ access: { kind: 'open', reason } });
export const ownCredentials = (reason: string): Declared => ({ access: { kind: 'own-credentials', reason } });

/**
 * The API's paths: their routes must declare their access, and an unknown one answers problem+json (app.ts)
 * rather than the web app's page. The web app's own files are public assets.
 */
export const apiPrefixes = ['/api/', '/xapi/', '/health', '/ready', '/metrics'];
/** The paths any origin may call from a browser (CORS, no cookies): the LRS and cmi5's fetch URL, whose callers bring their own credentials. */
export const crossOriginPrefixes = ['/xapi/', '/api/training/cmi5/fetch/'];

export interface DeclaredRoute {
  method: string;
  url: string;
  access: RouteAccess;
  /** Its reads may come from the read replica (`mayLag`, db/replica.ts). */
  mayLag: boolean;
}

/**
 * Fastify's onRoute hook: refuses to register a guarded route without an access rule, and lists each
 * declared one in `declared` (the route × role test walks that list).
 */
export function routeAccessRegistrar(declared: DeclaredRoute[]) {
  return (route: { method: string | string[]; url: string; config?: { access?: RouteAccess; reads?: 'may-lag' } }): void => {
    if (!apiPrefixes.some((prefix) => route.url.startsWith(prefix))) return;
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    const access = route.config?.access;
    if (!access) {
      throw new Error(
        `${methods.join(',')} ${route.url} has no access rule: give it config: requires(…), requiresAny(…), requiresSignIn(), openTo(…) or ownCredentials(…).`,
      );
    }
    for (const method of methods) declared.push({ method, url: route.url, access, mayLag: route.config?.reads === 'may-lag' });
  };
}

/** The declared rule, applied once the actor is known (an onRequest hook after resolveActor). */
export async function enforceRouteAccess(request: FastifyRequest): Promise<void> {
  const access = request.routeOptions.config?.access;
  // No rule: no route matched (the not-found handler answers) or the web app's own files.
  if (!access) return;
  switch (access.kind) {
    case 'permission':
      return authorize(request.actor, access.permission);
    case 'any':
      return authorizeAny(request.actor, access.permissions);
    case 'signed-in':
      return requireSignedIn(request.actor);
    case 'open':
    case 'own-credentials':
      return;
  }
}

/** Whether an actor with these permissions passes a rule, without asking the request (the route × role walks). */
export function roleMayCall(access: RouteAccess, has: (permission: Permission) => boolean, isSignedIn: boolean): boolean {
  switch (access.kind) {
    case 'permission':
      return has(access.permission);
    case 'any':
      return access.permissions.some(has);
    case 'signed-in':
      return isSignedIn;
    case 'open':
    case 'own-credentials':
      return true;
  }
}
