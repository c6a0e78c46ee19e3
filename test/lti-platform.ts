/**
 * An LTI 1.3 platform (a stand-in for Blackboard) on loopback, for the LTI tests and the Playwright journey.
 * Its side of the protocol is real: its own RS256 key set, an OIDC authorisation endpoint that checks the
 * tool's request and answers with a signed id_token in an auto-posting form, an OAuth 2 token endpoint that
 * verifies the tool's JWT client assertion against the tool's published keys, a line item's scores
 * endpoint, and a deep linking return that verifies the tool's signed response. What it launches is set
 * per login hint; a launch may be made wrong on purpose (another key, nonce, deployment or audience).
 */
import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRemoteJWKSet, exportJWK, generateKeyPair, jwtVerify, SignJWT, type CryptoKey, type JWTPayload } from 'jose';

const lti = (name: string) => `https://purl.imsglobal.org/spec/lti/claim/${name}`;
export const learnerRole = 'http://purl.imsglobal.org/vocab/lis/v2/membership#Learner';
export const instructorRole = 'http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor';

export interface LaunchPlan {
  messageType: 'LtiResourceLinkRequest' | 'LtiDeepLinkingRequest';
  sub: string;
  email?: string;
  roles: string[];
  resourceLinkId?: string;
  custom?: Record<string, string>;
  /** Offer a line item (Assignment and Grade Services) for the score. */
  lineItem?: boolean;
  /** Made wrong on purpose. */
  forge?: 'other_key' | 'nonce' | 'deployment' | 'audience';
}

export interface TestPlatform {
  issuer: string;
  clientId: string;
  deploymentId: string;
  registration: { name: string; issuer: string; clientId: string; deploymentIds: string[]; authLoginUrl: string; accessTokenUrl: string; jwksUrl: string };
  /** What the platform launches for this login hint. */
  plan(loginHint: string, plan: LaunchPlan): void;
  /** The platform's page that starts a launch (third-party initiated login at the tool). */
  startUrl(loginHint: string): string;
  scores: { lineItem: string; score: Record<string, unknown> }[];
  deepLinks: JWTPayload[];
  close(): Promise<void>;
}

async function formOf(request: http.IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

export async function startTestPlatform(toolOrigin: string): Promise<TestPlatform> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const clientId = 'concord-tool-client';
  const deploymentId = 'deployment-1';
  const key = await generateKeyPair('RS256');
  const rogue = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(key.publicKey)), kid: 'platform-key-1', alg: 'RS256', use: 'sig' };
  const toolKeys = createRemoteJWKSet(new URL(`${toolOrigin}/api/lti/jwks`));
  const plans = new Map<string, LaunchPlan>();
  const tokens = new Set<string>();
  const scores: TestPlatform['scores'] = [];
  const deepLinks: JWTPayload[] = [];

  async function idToken(plan: LaunchPlan, nonce: string): Promise<string> {
    const claims: Record<string, unknown> = {
      nonce: plan.forge === 'nonce' ? 'not-the-nonce' : nonce,
      email: plan.email,
      name: 'Platform Person',
      [lti('message_type')]: plan.messageType,
      [lti('version')]: '1.3.0',
      [lti('deployment_id')]: plan.forge === 'deployment' ? 'deployment-unknown' : deploymentId,
      [lti('roles')]: plan.roles,
      [lti('context')]: { id: 'course-site-1', title: 'Child support onboarding' },
      [lti('target_link_uri')]: `${toolOrigin}/api/lti/launch`,
    };
    if (plan.messageType === 'LtiResourceLinkRequest') {
      claims[lti('resource_link')] = { id: plan.resourceLinkId ?? 'resource-link-1', title: 'Concord course' };
      if (plan.custom) claims[lti('custom')] = plan.custom;
      if (plan.lineItem)
        claims['https://purl.imsglobal.org/spec/lti-ags/claim/endpoint'] = {
          scope: ['https://purl.imsglobal.org/spec/lti-ags/scope/lineitem', 'https://purl.imsglobal.org/spec/lti-ags/scope/score'],
          lineitems: `${issuer}/lineitems`,
          lineitem: `${issuer}/lineitems/${plan.resourceLinkId ?? 'resource-link-1'}`,
        };
    } else {
      claims['https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings'] = {
        deep_link_return_url: `${issuer}/deep-link-return`,
        accept_types: ['ltiResourceLink'],
        accept_presentation_document_targets: ['window'],
        data: 'platform-opaque-data',
      };
    }
    return new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid: 'platform-key-1' })
      .setIssuer(issuer)
      .setAudience(plan.forge === 'audience' ? 'someone-else' : clientId)
      .setSubject(plan.sub)
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign((plan.forge === 'other_key' ? rogue.privateKey : key.privateKey) as CryptoKey);
  }

  server.on('request', (request, response) => {
    const url = new URL(request.url ?? '/', issuer);
    const send = (status: number, type: string, body: string) => response.writeHead(status, { 'content-type': `${type}; charset=utf-8` }).end(body);
    void (async () => {
      if (url.pathname === '/jwks') return send(200, 'application/json', JSON.stringify({ keys: [jwk] }));
      if (url.pathname === '/start') {
        const hint = url.searchParams.get('hint') ?? '';
        const target = new URL(`${toolOrigin}/api/lti/login`);
        for (const [k, v] of Object.entries({
          iss: issuer,
          login_hint: hint,
          target_link_uri: `${toolOrigin}/api/lti/launch`,
          lti_message_hint: `msg-${hint}`,
          client_id: clientId,
          lti_deployment_id: deploymentId,
        }))
          target.searchParams.set(k, v);
        return response.writeHead(302, { location: target.href }).end();
      }
      if (url.pathname === '/auth') {
        const q = url.searchParams;
        const problems = [
          q.get('scope') === 'openid' ? '' : 'scope',
          q.get('response_type') === 'id_token' ? '' : 'response_type',
          q.get('response_mode') === 'form_post' ? '' : 'response_mode',
          q.get('prompt') === 'none' ? '' : 'prompt',
          q.get('client_id') === clientId ? '' : 'client_id',
          q.get('redirect_uri') === `${toolOrigin}/api/lti/launch` ? '' : 'redirect_uri',
          q.get('nonce') ? '' : 'nonce',
          q.get('state') ? '' : 'state',
          q.get('lti_message_hint') === `msg-${q.get('login_hint')}` ? '' : 'lti_message_hint',
        ].filter(Boolean);
        const plan = plans.get(q.get('login_hint') ?? '');
        if (problems.length > 0 || !plan) return send(400, 'text/plain', `invalid authorisation request: ${problems.join(', ') || 'unknown login_hint'}`);
        const token = await idToken(plan, q.get('nonce')!);
        // The form the platform's page posts at once (form_post response mode).
        return send(
          200,
          'text/html',
          `<!doctype html><html lang="en"><head><title>Launching</title></head><body><main><h1>Opening Concord…</h1><form id="launch" method="post" action="${q.get('redirect_uri')}"><input type="hidden" name="id_token" value="${token}"><input type="hidden" name="state" value="${q.get('state')}"><button type="submit">Continue</button></form><script>document.getElementById('launch').submit()</script></main></body></html>`,
        );
      }
      if (url.pathname === '/token' && request.method === 'POST') {
        const form = await formOf(request);
        try {
          await jwtVerify(form.get('client_assertion') ?? '', toolKeys, { issuer: clientId, subject: clientId, audience: `${issuer}/token` });
        } catch (error) {
          return send(401, 'application/json', JSON.stringify({ error: 'invalid_client', error_description: String(error) }));
        }
        if (form.get('grant_type') !== 'client_credentials' || form.get('client_assertion_type') !== 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer')
          return send(400, 'application/json', JSON.stringify({ error: 'invalid_request' }));
        const accessToken = crypto.randomBytes(16).toString('hex');
        tokens.add(accessToken);
        return send(200, 'application/json', JSON.stringify({ access_token: accessToken, token_type: 'Bearer', expires_in: 3600, scope: form.get('scope') }));
      }
      const scoresPath = /^\/lineitems\/([^/]+)\/scores$/.exec(url.pathname);
      if (scoresPath && request.method === 'POST') {
        const bearer = String(request.headers.authorization ?? '').replace(/^Bearer /, '');
        if (!tokens.has(bearer)) return send(401, 'application/json', '{}');
        if (request.headers['content-type'] !== 'application/vnd.ims.lis.v1.score+json') return send(415, 'application/json', '{}');
        const chunks: Buffer[] = [];
        for await (const chunk of request) chunks.push(chunk as Buffer);
        scores.push({ lineItem: `${issuer}/lineitems/${scoresPath[1]}`, score: JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown> });
        return send(200, 'application/json', '{}');
      }
      if (url.pathname === '/deep-link-return' && request.method === 'POST') {
        const form = await formOf(request);
        try {
          const { payload } = await jwtVerify(form.get('JWT') ?? '', toolKeys, { issuer: clientId, audience: issuer });
          deepLinks.push(payload);
          const items = payload['https://purl.imsglobal.org/spec/lti-dl/claim/content_items'] as { title: string }[];
          return send(
            200,
            'text/html',
            `<!doctype html><html lang="en"><head><title>Course site</title></head><body><main><h1>Added to your course site</h1><p>${items.map((i) => i.title).join(', ')}</p></main></body></html>`,
          );
        } catch (error) {
          return send(400, 'text/plain', `deep linking response refused: ${String(error)}`);
        }
      }
      return send(404, 'text/plain', 'not found');
    })().catch((error: unknown) => send(500, 'text/plain', String(error)));
  });

  return {
    issuer,
    clientId,
    deploymentId,
    registration: {
      name: 'Blackboard (test)',
      issuer,
      clientId,
      deploymentIds: [deploymentId],
      authLoginUrl: `${issuer}/auth`,
      accessTokenUrl: `${issuer}/token`,
      jwksUrl: `${issuer}/jwks`,
    },
    plan: (hint, plan) => void plans.set(hint, plan),
    startUrl: (hint) => `${issuer}/start?hint=${encodeURIComponent(hint)}`,
    scores,
    deepLinks,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
