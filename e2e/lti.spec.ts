import { expect, test } from '@playwright/test';
import { instructorRole, learnerRole, startTestPlatform, type TestPlatform } from '../test/lti-platform';
import { expectNoAxeViolations, signIn } from './helpers';

let platform: TestPlatform;
test.beforeAll(async () => {
  platform = await startTestPlatform(String(test.info().project.use.baseURL));
});
test.afterAll(async () => platform.close());

test('an administrator registers Blackboard; an instructor picks a Concord course there; a learner launched from it is signed in, completes it, and the score goes back', async ({
  browser,
}) => {
  const admin = await (await browser.newContext()).newPage();
  await signIn(admin, 'admin@concord.test');
  await admin.goto('/training/lti-platforms');
  await expect(admin.getByRole('heading', { level: 1 })).toHaveText('LTI platforms');
  await expect(admin.getByTestId('lti-tool')).toContainText('/api/lti/login');
  const register = admin.getByRole('form', { name: 'Register a platform' });
  const r = platform.registration;
  await register.getByLabel('Name').fill(r.name);
  await register.getByLabel('Issuer').fill(r.issuer);
  await register.getByLabel('Client id').fill(r.clientId);
  await register.getByLabel('Deployment ids').fill(r.deploymentIds.join(', '));
  await register.getByLabel('OIDC authorisation URL').fill(r.authLoginUrl);
  await register.getByLabel('OAuth 2 token URL').fill(r.accessTokenUrl);
  await register.getByLabel('Public key set (JWKS) URL').fill(r.jwksUrl);
  await register.getByRole('button', { name: 'Register the platform' }).click();
  await expect(register.getByRole('status')).toHaveText('Blackboard (test) is registered: its launches are accepted from now on.');
  await expect(admin.getByTestId('lti-platforms')).toContainText('deployment-1');
  await expectNoAxeViolations(admin);

  // Deep linking: the instructor, on the course site, picks CORE-110; the platform checks Concord's signature.
  platform.plan('instructor', { messageType: 'LtiDeepLinkingRequest', sub: 'bb-teacher-1', roles: [instructorRole] });
  const instructor = await (await browser.newContext()).newPage();
  await instructor.goto(platform.startUrl('instructor'));
  await expect(instructor.getByRole('heading', { level: 1 })).toHaveText('Choose a Concord course');
  await expectNoAxeViolations(instructor);
  await instructor.getByLabel('CORE-110 — Case initiation and intake').check();
  await instructor.getByRole('button', { name: 'Add the course' }).click();
  await expect(instructor.getByRole('heading', { level: 1 })).toHaveText('Course chosen');
  await expectNoAxeViolations(instructor);
  await instructor.getByRole('button', { name: 'Return to the course site' }).click();
  await expect(instructor.getByRole('heading', { level: 1 })).toHaveText('Added to your course site');
  await expect(instructor.getByRole('main')).toContainText('CORE-110 — Case initiation and intake');
  const item = (platform.deepLinks[0]!['https://purl.imsglobal.org/spec/lti-dl/claim/content_items'] as { custom: Record<string, string> }[])[0]!;

  // The learner opens it from the course site: signed in to Concord on the course, without a password.
  platform.plan('learner', {
    messageType: 'LtiResourceLinkRequest',
    sub: 'bb-learner-7',
    email: 'sac.caseworker@concord.test',
    roles: [learnerRole],
    custom: item.custom,
    lineItem: true,
  });
  const learner = await (await browser.newContext()).newPage();
  await learner.goto(platform.startUrl('learner'));
  await expect(learner).toHaveURL(/\/training\/assignments\/[0-9a-f-]{36}$/);
  await expect(learner.getByRole('heading', { level: 1 })).toHaveText('CORE-110 — Case initiation and intake');
  await expect(learner.getByText('Sacha Reyes')).toBeVisible();
  await expectNoAxeViolations(learner);
  const player = learner.getByTestId('course-player');
  for (const lesson of ['Opening a case', 'Interviewing the parties']) await player.getByRole('button', { name: `Mark “${lesson}” done` }).click();
  const quiz = learner.getByRole('form', { name: 'Proficiency check' });
  for (const option of await quiz.getByText('It follows the statewide procedure').all()) await option.click();
  await quiz.getByRole('button', { name: 'Submit my answers' }).click();
  await expect(quiz.getByRole('status')).toContainText('You scored 100%: passed. Course complete.');
  // Concord's worker sends the score to the platform's line item.
  await expect
    .poll(() => platform.scores.map((s) => s.score), { timeout: 15_000 })
    .toEqual([expect.objectContaining({ userId: 'bb-learner-7', scoreGiven: 100, gradingProgress: 'FullyGraded' })]);
});
