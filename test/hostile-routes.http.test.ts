/**
 * Every declared route, called by an account its rule lets in, with hostile input: malformed and
 * wrongly typed bodies, NUL bytes, an oversized field, path parameters that are not ids (traversal,
 * SQL, 10,000 characters), odd query strings. Nothing may answer a 5xx: bad input is a 4xx naming what
 * is wrong. Part of the hostile-input suite (issue 24); the count of calls is printed for the record.
 */
import { describe, expect, it } from 'vitest';
import { roleHas, roles } from '../src/platform/auth/roles';
import { roleMayCall } from '../src/platform/http/access';
import { signInEveryRole, useTestApp } from './app';

const testApp = await useTestApp();
const { app, signInAs } = testApp;
const admin = await signInAs('state_admin');

const pathValues = ['../../etc/passwd', "1' or '1'='1", 'x'.repeat(10_000), '%00', '00000000-0000-0000-0000-000000000000', '-1', 'NaN'];
const bodies: unknown[] = [
  {},
  [],
  'not json at all',
  { id: 1, amountCents: 'lots', date: '2026-02-30', name: '\u0000', nested: { deeper: [null] } },
  { text: 'x'.repeat(200_000) },
  { email: '=HYPERLINK("http://evil")', password: null, fileName: '../../x', format: 'exe' },
  Object.fromEntries(Array.from({ length: 200 }, (_, i) => [`k${i}`, i])),
];
const queries = ['', '?page=-1&pageSize=100000', '?q=%00%27%22', `?from=2026-13-45&to=${'9'.repeat(400)}`, '?format=../../x&groupBy=__proto__'];

describe('hostile input on every route', () => {
  it('answers no 5xx to any of them', async () => {
    const accounts = await signInEveryRole(testApp, 'Fuzzed Mutual');
    const failures: string[] = [];
    let calls = 0;
    for (const route of app.declaredRoutes.filter((r) => r.method !== 'HEAD' && r.url !== '/api/demo/seed')) {
      // One account the rule lets in (the state administrator where it may), else none (an open route).
      const role = roleMayCall(route.access, (p) => roleHas('state_admin', p), true)
        ? 'state_admin'
        : roles.find((r) => roleMayCall(route.access, (p) => roleHas(r, p), true));
      const headers = role ? accounts.get(role)! : {};
      for (const [i, value] of pathValues.entries()) {
        const url = route.url.replace(/:(\w+)/g, () => encodeURIComponent(value)) + queries[i % queries.length]!;
        const payloads = route.method === 'GET' || route.method === 'DELETE' ? [undefined] : bodies;
        for (const payload of payloads) {
          const response = await app.inject({
            method: route.method as 'POST',
            url,
            headers: { ...headers, ...(typeof payload === 'string' ? { 'content-type': 'application/json' } : {}) },
            ...(payload === undefined ? {} : { payload: payload as object }),
          });
          calls++;
          if (response.statusCode >= 500)
            failures.push(
              `${route.method} ${route.url} [${i}] ${JSON.stringify(payload)?.slice(0, 60)}: ${response.statusCode} ${response.body.slice(0, 200)}`,
            );
        }
      }
    }
    process.stdout.write(`hostile calls: ${calls}, 5xx: ${failures.length}\n`);
    expect(failures).toEqual([]);
  }, 600_000);
});

describe('a NUL character', () => {
  it('is refused with 400 naming where it is, in a query, a path or a body', async () => {
    const inQuery = await app.inject({ url: '/api/audit?q=%00', headers: admin.headers });
    expect(inQuery.statusCode).toBe(400);
    expect(inQuery.json()).toMatchObject({ code: 'nul_character', errors: [{ path: '/q' }] });
    const inBody = await app.inject({ method: 'POST', url: '/api/cases', headers: admin.headers, payload: { obligor: { firstName: 'Ana\u0000' } } });
    expect(inBody.json()).toMatchObject({ code: 'nul_character', errors: [{ path: '/obligor/firstName' }] });
  });
});
