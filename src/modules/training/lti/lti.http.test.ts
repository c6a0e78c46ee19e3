/**
 * Concord as an LTI 1.3 tool, against a platform simulated honestly over real HTTP (test/lti-platform.ts:
 * its own keys, signed id_tokens, a token endpoint that checks Concord's client assertion, a scores
 * endpoint, a deep linking return that checks Concord's signature).
 */
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../../../../test/app';
import { instructorRole, learnerRole, startTestPlatform } from '../../../../test/lti-platform';
import { JobRunner } from '../../../platform/jobs/runner';
import { scoreJob, scoreJobKind } from './scores';

const { app, signInAs } = await useTestApp();
await app.listen({ port: 0, host: '127.0.0.1' });
const tool = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
const platform = await startTestPlatform(tool);
afterAll(() => platform.close());
const admin = await signInAs('state_admin');
const trainer = await signInAs('trainer');
const learner = await signInAs('lcsa_caseworker', { lcsaId: 'los-angeles' });
const inject = (method: 'GET' | 'POST', url: string, headers: Record<string, string>, payload?: object) => app.inject({ method, url, headers, payload });

/** The browser's way from the platform's launch link to the form the platform posts to Concord. */
async function platformLaunch(hint: string): Promise<{ id_token: string; state: string }> {
  const atTool = await fetch(platform.startUrl(hint), { redirect: 'manual' });
  const login = await fetch(atTool.headers.get('location')!, { redirect: 'manual' });
  expect(login.status, await login.clone().text()).toBe(302);
  const auth = await fetch(login.headers.get('location')!, { redirect: 'manual' });
  const html = await auth.text();
  expect(auth.status, html).toBe(200);
  const field = (name: string) => new RegExp(`name="${name}" value="([^"]*)"`).exec(html)![1]!;
  return { id_token: field('id_token'), state: field('state') };
}
const postForm = (path: string, fields: Record<string, string>, accept = 'text/html') =>
  fetch(`${tool}${path}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept },
    body: new URLSearchParams(fields),
  });

describe('LTI 1.3', () => {
  let assignmentId = '';

  it('is registered by an administrator, who is shown what to enter in the platform', async () => {
    expect((await inject('POST', '/api/training/lti-platforms', trainer.headers, platform.registration)).statusCode).toBe(403);
    // An LCSA's administrator manages its own accounts, but a platform signs people in statewide.
    const laAdmin = await signInAs('lcsa_admin', { lcsaId: 'los-angeles' });
    expect((await inject('POST', '/api/training/lti-platforms', laAdmin.headers, platform.registration)).statusCode).toBe(403);
    const created = await inject('POST', '/api/training/lti-platforms', admin.headers, platform.registration);
    expect(created.statusCode, created.body).toBe(201);
    expect((await inject('POST', '/api/training/lti-platforms', admin.headers, platform.registration)).json().code).toBe('lti_platform_exists');
    const list = (await inject('GET', '/api/training/lti-platforms', admin.headers)).json();
    expect(list.platforms).toHaveLength(1);
    expect(list.tool).toEqual({
      loginUrl: 'http://localhost:80/api/lti/login',
      redirectUrl: 'http://localhost:80/api/lti/launch',
      jwksUrl: 'http://localhost:80/api/lti/jwks',
      deepLinkingUrl: 'http://localhost:80/api/lti/launch',
    });
    const course = (
      await inject('POST', '/api/training/courses', trainer.headers, {
        code: 'LTI-100',
        title: 'Working with the course site',
        category: 'system',
        owner: 'Training',
      })
    ).json();
    await inject('POST', `/api/training/courses/${course.id}/versions`, trainer.headers, {
      description: 'Launched from Blackboard',
      lessons: [
        { id: 'one', title: 'One', body: 'First.' },
        { id: 'two', title: 'Two', body: 'Second.' },
      ],
      quiz: null,
    });
    expect((await inject('POST', `/api/training/courses/${course.id}/publish`, trainer.headers)).json().publishedVersion).toBe(1);
  });

  it('launches a learner into their course: id_token verified against the platform’s keys, the learner signed in, the state used once', async () => {
    platform.plan('learner-1', {
      messageType: 'LtiResourceLinkRequest',
      sub: 'bb-user-17',
      email: learner.email,
      roles: [learnerRole],
      custom: { course: 'LTI-100' },
      lineItem: true,
    });
    const form = await platformLaunch('learner-1');
    const launched = await postForm('/api/lti/launch', form);
    expect(launched.status, await launched.clone().text()).toBe(303);
    const location = launched.headers.get('location')!;
    expect(location).toMatch(/^\/training\/assignments\/[0-9a-f-]{36}$/);
    assignmentId = location.split('/').pop()!;
    const cookie = launched.headers.get('set-cookie')!.split(';')[0]!;
    expect(cookie).toMatch(/^concord_session=/);
    // The session is the learner's: their assignment, made by the launch, is theirs to read.
    const detail = await fetch(`${tool}/api/training/assignments/${assignmentId}`, { headers: { cookie } });
    expect(detail.status).toBe(200);
    expect(((await detail.json()) as { assignment: unknown }).assignment).toMatchObject({ courseCode: 'LTI-100', source: 'lti', status: 'assigned' });
    // The same id_token and state again: refused (a replayed launch).
    const replay = await postForm('/api/lti/launch', form, 'application/json');
    expect([replay.status, ((await replay.json()) as { code: string }).code]).toEqual([401, 'lti_state_unknown']);
  });

  it('refuses an id_token signed with another key, with another nonce, deployment or audience, and an email with no account', async () => {
    for (const forge of ['other_key', 'nonce', 'deployment', 'audience'] as const) {
      platform.plan(`forged-${forge}`, {
        messageType: 'LtiResourceLinkRequest',
        sub: 'bb-user-17',
        email: learner.email,
        roles: [learnerRole],
        custom: { course: 'LTI-100' },
        forge,
      });
      const answer = await postForm('/api/lti/launch', await platformLaunch(`forged-${forge}`), 'application/json');
      const problem = (await answer.json()) as { code: string };
      expect([answer.status, problem.code], forge).toEqual([401, 'lti_launch_invalid']);
      expect(answer.headers.get('set-cookie')).toBeNull();
    }
    platform.plan('stranger', {
      messageType: 'LtiResourceLinkRequest',
      sub: 'bb-user-99',
      email: 'nobody.here@example.edu',
      roles: [learnerRole],
      custom: { course: 'LTI-100' },
    });
    const page = await postForm('/api/lti/launch', await platformLaunch('stranger'));
    expect(page.status).toBe(403);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await page.text()).toContain('no active Concord staff account has');
    const unknownIssuer = await fetch(`${tool}/api/lti/login?iss=https://evil.example&login_hint=x&target_link_uri=${tool}/api/lti/launch`, {
      redirect: 'manual',
      headers: { accept: 'application/json' },
    });
    expect(((await unknownIssuer.json()) as { code: string }).code).toBe('lti_platform_unknown');
  });

  it('sends the score to the platform’s line item when the course is completed (token by a signed client assertion)', async () => {
    for (const lesson of ['one', 'two'])
      expect((await inject('POST', `/api/training/assignments/${assignmentId}/lessons/${lesson}/complete`, learner.headers)).statusCode).toBe(200);
    const runner = new JobRunner(app.concord.database.db, new Map([[scoreJobKind, scoreJob(app.concord.piiKeys)]]));
    expect(await runner.runOnce()).toBe(true);
    expect(platform.scores).toHaveLength(1);
    expect(platform.scores[0]).toMatchObject({
      lineItem: `${platform.issuer}/lineitems/resource-link-1`,
      score: { userId: 'bb-user-17', scoreGiven: 100, scoreMaximum: 100, activityProgress: 'Completed', gradingProgress: 'FullyGraded' },
    });
    // Sent once: nothing more is queued.
    expect(await runner.runOnce()).toBe(false);
  });

  it('lets an instructor pick a course by deep linking; the platform verifies Concord’s signed response', async () => {
    platform.plan('student-dl', { messageType: 'LtiDeepLinkingRequest', sub: 'bb-user-17', roles: [learnerRole] });
    expect((await postForm('/api/lti/launch', await platformLaunch('student-dl'), 'application/json')).status).toBe(403);
    platform.plan('instructor-1', { messageType: 'LtiDeepLinkingRequest', sub: 'bb-teacher-1', roles: [instructorRole] });
    const picker = await postForm('/api/lti/launch', await platformLaunch('instructor-1'));
    const pickerHtml = await picker.text();
    expect(picker.status).toBe(200);
    expect(pickerHtml).toContain('LTI-100 — Working with the course site');
    const token = /name="token" value="([^"]+)"/.exec(pickerHtml)![1]!;
    const chosen = await postForm('/api/lti/deep-link', { token, course: 'LTI-100' });
    const chosenHtml = await chosen.text();
    expect(chosen.headers.get('content-security-policy')).toContain(`form-action ${platform.issuer}`);
    const action = /<form method="post" action="([^"]+)"/.exec(chosenHtml)![1]!;
    expect(action).toBe(`${platform.issuer}/deep-link-return`);
    const jwt = /name="JWT" value="([^"]+)"/.exec(chosenHtml)![1]!;
    const returned = await fetch(action, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ JWT: jwt }),
    });
    expect(returned.status, await returned.clone().text()).toBe(200);
    expect(platform.deepLinks[0]).toMatchObject({
      'https://purl.imsglobal.org/spec/lti/claim/message_type': 'LtiDeepLinkingResponse',
      'https://purl.imsglobal.org/spec/lti/claim/deployment_id': platform.deploymentId,
      'https://purl.imsglobal.org/spec/lti-dl/claim/data': 'platform-opaque-data',
      'https://purl.imsglobal.org/spec/lti-dl/claim/content_items': [
        { type: 'ltiResourceLink', custom: { course: 'LTI-100' }, url: `${tool}/api/lti/launch`, lineItem: { scoreMaximum: 100 } },
      ],
    });
    // The choice is made once.
    expect((await postForm('/api/lti/deep-link', { token, course: 'LTI-100' }, 'application/json')).status).toBe(401);
  });
});
