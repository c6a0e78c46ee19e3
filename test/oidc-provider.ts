/**
 * A real OpenID Connect provider (oidc-provider) on loopback for single sign-on tests. The protocol is
 * real — discovery, authorization code with PKCE, token endpoint, signed ID tokens — and only the
 * provider's own login and consent screens are answered automatically, as the given person.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

export interface TestIdentity {
  sub: string;
  email: string;
  emailVerified: boolean;
}

export interface TestProvider {
  issuerUrl: string;
  clientId: string;
  clientSecret: string;
  /** Who signs in at the provider's next login screen. */
  signInAs(identity: TestIdentity): void;
  close(): Promise<void>;
}

export async function startTestProvider(redirectUrl: string): Promise<TestProvider> {
  let identity: TestIdentity = { sub: 'nobody', email: 'nobody@example.test', emailVerified: false };
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuerUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const clientId = 'concord-test';
  const clientSecret = 'concord-test-secret-that-is-long-enough';
  const provider = new Provider(issuerUrl, {
    clients: [
      { client_id: clientId, client_secret: clientSecret, redirect_uris: [redirectUrl], grant_types: ['authorization_code'], response_types: ['code'] },
    ],
    claims: { openid: ['sub'], email: ['email', 'email_verified'] },
    findAccount: async (_ctx, sub) => ({
      accountId: sub,
      claims: async () => ({ sub, email: identity.email, email_verified: identity.emailVerified }),
    }),
    features: { devInteractions: { enabled: false } },
  });
  const callback = provider.callback();
  server.on('request', (req, res) => {
    if (!req.url?.startsWith('/interaction/')) {
      void callback(req, res);
      return;
    }
    void (async () => {
      const details = await provider.interactionDetails(req, res);
      if (details.prompt.name === 'login') {
        await provider.interactionFinished(req, res, { login: { accountId: identity.sub } }, { mergeWithLastSubmission: false });
        return;
      }
      const grant = new provider.Grant({ accountId: identity.sub, clientId });
      grant.addOIDCScope('openid email profile');
      await provider.interactionFinished(req, res, { consent: { grantId: await grant.save() } }, { mergeWithLastSubmission: true });
    })().catch((error: unknown) => {
      res.statusCode = 500;
      res.end(String(error));
    });
  });
  return {
    issuerUrl,
    clientId,
    clientSecret,
    signInAs: (next) => {
      identity = next;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** Follows the browser's redirects through the provider (keeping its cookies) until it is sent back to `backTo`. */
export async function followToCallback(startUrl: string, backTo: string): Promise<URL> {
  const cookies = new Map<string, string>();
  let url = startUrl;
  for (let hop = 0; hop < 15; hop++) {
    if (url.startsWith(backTo)) return new URL(url);
    const response = await fetch(url, { redirect: 'manual', headers: { cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; ') } });
    for (const header of response.headers.getSetCookie()) {
      const [pair] = header.split(';');
      const [name, ...value] = pair!.split('=');
      cookies.set(name!.trim(), value.join('='));
    }
    const location = response.headers.get('location');
    if (!location) throw new Error(`provider stopped at ${url} with ${response.status}: ${await response.text()}`);
    url = new URL(location, url).href;
  }
  throw new Error('too many redirects');
}
