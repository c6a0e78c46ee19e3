import { afterAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/app';
import { followToCallback, startTestProvider } from '../../../test/oidc-provider';

const redirectUrl = 'http://127.0.0.1:3000/api/auth/sso/callback';
const provider = await startTestProvider(redirectUrl);
afterAll(() => provider.close());
const { app, signInAs } = await useTestApp({
  CONCORD_OIDC_ISSUER: provider.issuerUrl,
  CONCORD_OIDC_CLIENT_ID: provider.clientId,
  CONCORD_OIDC_CLIENT_SECRET: provider.clientSecret,
  CONCORD_OIDC_REDIRECT_URL: redirectUrl,
});

/** The browser's trip: Concord → provider (login, consent) → Concord's callback. */
async function singleSignOn() {
  const start = await app.inject('/api/auth/sso/start');
  expect(start.statusCode, start.body).toBe(302);
  expect(start.headers.location).toContain(`${provider.issuerUrl}/auth?`);
  expect(start.headers.location).toContain('code_challenge_method=S256');
  const back = await followToCallback(String(start.headers.location), redirectUrl);
  return app.inject(`${back.pathname}${back.search}`);
}

describe('single sign-on with OpenID Connect', () => {
  it('signs in a person whose verified email matches an account, and links the identity', async () => {
    const { email } = await signInAs('lcsa_caseworker', { lcsaId: 'fresno' });
    provider.signInAs({ sub: 'employee-1001', email, emailVerified: true });
    const callback = await singleSignOn();
    expect(callback.statusCode, callback.body).toBe(302);
    expect(callback.headers.location).toBe('/');
    const cookie = callback.cookies.find((c) => c.name === 'concord_session')!;
    const session = await app.inject({ url: '/api/auth/session', headers: { cookie: `concord_session=${cookie.value}` } });
    expect(session.json().user).toMatchObject({ email, role: 'lcsa_caseworker', lcsaId: 'fresno' });

    // Linked: the next sign-in finds the account by subject, whatever email the provider now says.
    provider.signInAs({ sub: 'employee-1001', email: 'changed@example.test', emailVerified: false });
    const again = await singleSignOn();
    expect(again.statusCode).toBe(302);
  });

  it('refuses an identity with no Concord account, or with an unverified email', async () => {
    provider.signInAs({ sub: 'stranger', email: 'stranger@example.test', emailVerified: true });
    const stranger = await singleSignOn();
    expect(stranger.statusCode).toBe(403);
    expect(stranger.json().code).toBe('no_account_for_sso_identity');
    const { email } = await signInAs('auditor');
    provider.signInAs({ sub: 'unverified', email, emailVerified: false });
    expect((await singleSignOn()).json().code).toBe('no_account_for_sso_identity');
  });

  it('refuses a callback whose state it did not issue, and a replayed one', async () => {
    const forged = await app.inject('/api/auth/sso/callback?code=abc&state=forged');
    expect(forged.json().code).toBe('sso_request_unknown_or_expired');
    const { email } = await signInAs('trainer');
    provider.signInAs({ sub: 'trainer-1', email, emailVerified: true });
    const start = await app.inject('/api/auth/sso/start');
    const back = await followToCallback(String(start.headers.location), redirectUrl);
    expect((await app.inject(`${back.pathname}${back.search}`)).statusCode).toBe(302);
    expect((await app.inject(`${back.pathname}${back.search}`)).json().code).toBe('sso_request_unknown_or_expired');
  });

  it('says whether single sign-on is offered', async () => {
    expect((await app.inject('/api/auth/sso')).json()).toEqual({ isEnabled: true, startUrl: '/api/auth/sso/start' });
  });
});
