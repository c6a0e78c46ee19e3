import { describe, expect, it } from 'vitest';
import { testPassword, useTestApp } from '../../../test/app';

const { app, signInAs } = await useTestApp({ CONCORD_SIGNIN_MAX_FAILURES: '3' });

describe('sign-in and sessions', () => {
  it('sets an httpOnly, SameSite=Strict session cookie and returns the user with a CSRF token', async () => {
    const { email } = await signInAs('lcsa_caseworker');
    const response = await app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { email, password: testPassword } });
    expect(response.statusCode).toBe(200);
    const cookie = response.cookies.find((c) => c.name === 'concord_session')!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    expect(response.json()).toMatchObject({ user: { email, role: 'lcsa_caseworker', roleLabel: 'LCSA caseworker', lcsaId: 'los-angeles' } });
    expect(response.json().csrfToken).toHaveLength(43);
  });

  it('answers a wrong password and an unknown email alike', async () => {
    const { email } = await signInAs('auditor');
    const wrong = await app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { email, password: 'not the password' } });
    const unknown = await app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { email: 'nobody@test.concord', password: 'whatever' } });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json().code).toBe('sign_in_failed');
    expect(unknown.json().code).toBe('sign_in_failed');
    expect(wrong.headers['content-type']).toContain('application/problem+json');
  });

  it('locks the account after the configured number of failures, even for the right password', async () => {
    const { email } = await signInAs('state_staff');
    const attempt = (password: string) => app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { email, password } });
    expect((await attempt('wrong-1')).statusCode).toBe(401);
    expect((await attempt('wrong-2')).statusCode).toBe(401);
    expect((await attempt('wrong-3')).statusCode).toBe(401);
    const right = await attempt(testPassword);
    const unknown = await app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { email: 'nobody.locked@test.concord', password: testPassword } });
    // A locked account answers as an unknown email does: the lock does not reveal that the account exists.
    expect(right.statusCode).toBe(401);
    const { instance: _a, requestId: _b, ...answer } = right.json<Record<string, unknown>>();
    const { instance: _c, requestId: _d, ...unknownAnswer } = unknown.json<Record<string, unknown>>();
    expect(answer).toEqual(unknownAnswer);
    expect(answer.code).toBe('sign_in_failed');
  });

  it('rate-limits sign-in attempts for one address and email', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      statuses.push((await app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { email: 'flood@test.concord', password: 'x' } })).statusCode);
    }
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(10)).toEqual([429, 429]);
  });

  it('refuses a state-changing request with the cookie but without the CSRF token', async () => {
    const { headers } = await signInAs('insurer_partner');
    const withoutToken = await app.inject({ method: 'POST', url: '/api/auth/tokens', headers: { cookie: headers.cookie! }, payload: { name: 'feed' } });
    expect(withoutToken.statusCode).toBe(403);
    expect(withoutToken.json().code).toBe('csrf_token_missing_or_wrong');
    const withToken = await app.inject({ method: 'POST', url: '/api/auth/tokens', headers, payload: { name: 'feed' } });
    expect(withToken.statusCode).toBe(201);
  });

  it('ends the session on sign-out', async () => {
    const { headers } = await signInAs('trainer');
    expect((await app.inject({ method: 'GET', url: '/api/auth/session', headers })).statusCode).toBe(200);
    expect((await app.inject({ method: 'POST', url: '/api/auth/sign-out', headers })).statusCode).toBe(204);
    expect((await app.inject({ method: 'GET', url: '/api/auth/session', headers })).statusCode).toBe(401);
  });
});

describe('API tokens', () => {
  it('authenticates a partner system until the token is revoked, and is stored only as a hash', async () => {
    const { headers } = await signInAs('title_escrow_partner');
    const created = await app.inject({ method: 'POST', url: '/api/auth/tokens', headers, payload: { name: 'escrow system' } });
    const { secret, token } = created.json<{ secret: string; token: { id: string; prefix: string } }>();
    expect(secret.startsWith(token.prefix)).toBe(true);
    const bearer = { authorization: `Bearer ${secret}` };
    const session = await app.inject({ method: 'GET', url: '/api/auth/session', headers: bearer });
    expect(session.json().user.role).toBe('title_escrow_partner');
    const listed = await app.inject({ method: 'GET', url: '/api/auth/tokens', headers: bearer });
    expect(JSON.stringify(listed.json())).not.toContain(secret);
    expect((await app.inject({ method: 'DELETE', url: `/api/auth/tokens/${token.id}`, headers })).statusCode).toBe(200);
    const after = await app.inject({ method: 'GET', url: '/api/auth/session', headers: bearer });
    expect(after.statusCode).toBe(401);
    expect(after.json().code).toBe('api_token_invalid');
  });
});

describe('accounts', () => {
  it('lets an LCSA administrator create staff for their own LCSA only', async () => {
    const { headers } = await signInAs('lcsa_admin', { lcsaId: 'sacramento' });
    const body = { email: 'new.worker@test.concord', displayName: 'New Worker', password: 'a long enough password', role: 'lcsa_caseworker' };
    const own = await app.inject({ method: 'POST', url: '/api/users', headers, payload: { ...body, lcsaId: 'sacramento' } });
    expect(own.statusCode).toBe(201);
    const other = await app.inject({ method: 'POST', url: '/api/users', headers, payload: { ...body, email: 'x@test.concord', lcsaId: 'los-angeles' } });
    expect(other.statusCode).toBe(403);
    const listed = (await app.inject({ method: 'GET', url: '/api/users?pageSize=200', headers })).json<{
      items: { lcsaId: string; email: string }[];
      total: number;
    }>();
    expect(listed.items.length).toBe(listed.total);
    expect(listed.items.every((u) => u.lcsaId === 'sacramento')).toBe(true);
    const found = (await app.inject({ method: 'GET', url: '/api/users?q=NEW.WORKER&role=lcsa_caseworker', headers })).json<{ items: { email: string }[] }>();
    expect(found.items.map((u) => u.email)).toEqual(['new.worker@test.concord']);
  });

  it('names the field when a new account is invalid', async () => {
    const { headers } = await signInAs('state_admin');
    const response = await app.inject({
      method: 'POST',
      url: '/api/users',
      headers,
      payload: { email: 'not-an-email', displayName: 'X', password: 'short', role: 'auditor' },
    });
    expect(response.statusCode).toBe(400);
    const paths = response.json<{ errors: { path: string }[] }>().errors.map((e) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['body/email', 'body/password']));
  });
});
