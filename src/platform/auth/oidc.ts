/**
 * OpenID Connect single sign-on (authorization code flow with PKCE, state and nonce) through
 * `openid-client`. The identity provider says who the person is; Concord's own account (created by an
 * administrator, holding the role and LCSA) says what they may do. An account is found by its linked
 * subject, or on first use by a verified email, which then links the subject.
 *
 * @example
 *   const url = await startOidcSignIn(tx, oidcConfig);        // redirect the browser here
 *   const result = await finishOidcSignIn(tx, oidcConfig, callbackUrl, policy);
 */
import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import * as client from 'openid-client';
import { recordAudit } from '../audit/audit';
import type { Config } from '../config';
import type { Tx } from '../db/connect';
import { AppError } from '../errors';
import { oidcRequests, users } from './schema';
import { actorOf, openSession, type SignInPolicy } from './users';

type OidcSettings = NonNullable<Config['oidc']>;

const requestTtlMs = 10 * 60_000;
const discovered = new Map<string, Promise<client.Configuration>>();

/** Discovers the provider once per process; plain-http issuers are allowed only on loopback (tests, local providers). */
export function oidcConfiguration(settings: OidcSettings): Promise<client.Configuration> {
  const key = `${settings.issuerUrl}|${settings.clientId}`;
  let configuration = discovered.get(key);
  if (!configuration) {
    const issuer = new URL(settings.issuerUrl);
    const isLoopback = ['127.0.0.1', 'localhost', '[::1]'].includes(issuer.hostname);
    configuration = client.discovery(
      issuer,
      settings.clientId,
      settings.clientSecret,
      undefined,
      isLoopback ? { execute: [client.allowInsecureRequests] } : undefined,
    );
    configuration.catch(() => discovered.delete(key));
    discovered.set(key, configuration);
  }
  return configuration;
}

export async function startOidcSignIn(tx: Tx, settings: OidcSettings): Promise<string> {
  const configuration = await oidcConfiguration(settings);
  const codeVerifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const nonce = client.randomNonce();
  await tx.delete(oidcRequests).where(sql`${oidcRequests.expiresAt} < now()`);
  await tx.insert(oidcRequests).values({ state, codeVerifier, nonce, expiresAt: new Date(Date.now() + requestTtlMs) });
  const url = client.buildAuthorizationUrl(configuration, {
    redirect_uri: settings.redirectUrl,
    scope: 'openid email profile',
    code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
    state,
    nonce,
  });
  return url.href;
}

/** Exchanges the code (checking PKCE, state and nonce), then reads email claims from userinfo if the ID token lacks them. */
async function verifiedClaims(settings: OidcSettings, callbackUrl: URL, pending: { codeVerifier: string; state: string; nonce: string }) {
  try {
    const configuration = await oidcConfiguration(settings);
    const tokens = await client.authorizationCodeGrant(configuration, callbackUrl, {
      pkceCodeVerifier: pending.codeVerifier,
      expectedState: pending.state,
      expectedNonce: pending.nonce,
      idTokenExpected: true,
    });
    const idToken = tokens.claims()!;
    if (typeof idToken.email === 'string') return { sub: idToken.sub, email: idToken.email, email_verified: idToken.email_verified };
    const userInfo = await client.fetchUserInfo(configuration, tokens.access_token, idToken.sub);
    return { sub: idToken.sub, email: userInfo.email, email_verified: userInfo.email_verified };
  } catch (error) {
    throw new AppError('unauthenticated', 'sso_failed', `Single sign-on failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}

export async function finishOidcSignIn(tx: Tx, settings: OidcSettings, callbackUrl: URL, policy: SignInPolicy, requestId: string | null) {
  const state = callbackUrl.searchParams.get('state') ?? '';
  const [pending] = await tx
    .delete(oidcRequests)
    .where(and(eq(oidcRequests.state, state), gt(oidcRequests.expiresAt, sql`now()`)))
    .returning();
  if (!pending) throw new AppError('unauthenticated', 'sso_request_unknown_or_expired', 'The single sign-on request is unknown or expired; start again.');
  const claims = await verifiedClaims(settings, callbackUrl, pending);
  const subject = `${settings.issuerUrl}#${claims.sub}`;
  let [user] = await tx.select().from(users).where(eq(users.oidcSubject, subject));
  const email = typeof claims.email === 'string' ? claims.email.toLowerCase() : null;
  if (!user && email && claims.email_verified === true) {
    [user] = await tx
      .update(users)
      .set({ oidcSubject: subject })
      .where(and(eq(users.email, email), isNull(users.oidcSubject)))
      .returning();
  }
  if (!user || !user.isActive) {
    throw new AppError(
      'forbidden',
      'no_account_for_sso_identity',
      'You signed in with the state identity provider, but no active Concord account is linked to you. Ask an administrator.',
    );
  }
  const session = await openSession(tx, user.id, policy.sessionTtlMinutes);
  await recordAudit(tx, actorOf(user, requestId), { action: 'auth.sign_in.sso', entityType: 'user', entityId: user.id, lcsaId: user.lcsaId });
  return { user, ...session };
}
