/**
 * Route × role, from the rules the routes declare: every route under /api/ and /xapi/ names who may call
 * it (a route without a rule cannot be registered), and every role the rule leaves out — anonymous
 * included — is refused before the handler runs, on JSON and file (PDF, CSV, XLSX) routes alike.
 */
import crypto from 'node:crypto';
import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { roleHas, type Role } from '../src/platform/auth/roles';
import { roleMayCall } from '../src/platform/http/access';
import { createPlatformServer } from '../src/platform/http/server';
import { signInEveryRole, useTestApp } from './app';

const testApp = await useTestApp();
const { app } = testApp;

describe('declared route access', () => {
  it('refuses to register an API route that names no access rule', async () => {
    const bare = await createPlatformServer({ ...app.concord, metrics: new Registry() });
    expect(() => bare.get('/api/forgotten', { schema: {} }, () => ({ secret: true }))).toThrow(/GET \/api\/forgotten has no access rule/);
    expect(() => bare.get('/api/remembered', { config: { access: { kind: 'signed-in' } }, schema: {} }, () => ({}))).not.toThrow();
    await bare.close();
  });

  it('every declared route refuses every role its rule leaves out, before its handler (files included)', async () => {
    const routes = app.declaredRoutes.filter((r) => r.method !== 'HEAD');
    expect(routes.length).toBeGreaterThan(140);
    expect(routes.filter((r) => /\.(pdf|csv|xlsx)$/.test(r.url)).length).toBeGreaterThanOrEqual(15);
    const accounts = new Map<Role | 'anonymous', Record<string, string>>([['anonymous', {}], ...(await signInEveryRole(testApp, 'Route Walk Mutual'))]);
    let refusals = 0;
    const wrong: string[] = [];
    for (const route of routes) {
      const url = route.url.replace(/:(\w+)/g, () => crypto.randomUUID());
      for (const [role, headers] of accounts) {
        const isSignedIn = role !== 'anonymous';
        if (roleMayCall(route.access, (p) => isSignedIn && roleHas(role as Role, p), isSignedIn)) continue;
        const response = await app.inject({
          method: route.method as 'GET',
          url,
          headers,
          ...(route.method === 'GET' || route.method === 'DELETE' ? {} : { payload: {} }),
        });
        const expected = isSignedIn ? 403 : 401;
        if (response.statusCode !== expected) wrong.push(`${route.method} ${route.url} as ${role}: ${response.statusCode}`);
        refusals++;
      }
    }
    expect(wrong).toEqual([]);
    expect(refusals).toBeGreaterThan(800);
  });
});
