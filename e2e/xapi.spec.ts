import { expect, test } from '@playwright/test';
import { atBothWidths, expectNoAxeViolations, signIn } from './helpers';

test('an external statement marks a course complete', async ({ page, playwright, baseURL }) => {
  // An outside LMS reports to Concord's LRS with its own credentials (the demo client).
  const lms = await playwright.request.newContext({
    baseURL,
    extraHTTPHeaders: {
      authorization: `Basic ${Buffer.from('demo-lms:demo-lms-secret-2026').toString('base64')}`,
      'x-experience-api-version': '1.0.3',
    },
  });
  const sent = await lms.post('/xapi/statements', {
    data: {
      actor: { objectType: 'Agent', name: 'Casey Worker', mbox: 'mailto:la.caseworker@concord.test' },
      verb: { id: 'http://adlnet.gov/expapi/verbs/completed', display: { 'en-US': 'completed' } },
      object: {
        objectType: 'Activity',
        id: 'https://concord.dcss.ca.gov/xapi/activities/courses/SOFT-300',
        definition: { name: { 'en-US': 'Customer service and de-escalation' } },
      },
      result: { completion: true, success: true, score: { scaled: 0.9 } },
    },
  });
  expect(sent.status()).toBe(200);
  const [id] = (await sent.json()) as string[];
  const stored = await lms.get(`/xapi/statements?statementId=${id}`);
  expect(stored.headers()['x-experience-api-version']).toBe('1.0.3');
  expect(((await stored.json()) as { authority: { account: { name: string } } }).authority.account.name).toBe('demo-lms');

  await signIn(page, 'la.caseworker@concord.test');
  await page.getByRole('navigation', { name: 'Primary' }).getByRole('link', { name: 'Training' }).click();
  const row = page.getByTestId('my-learning').getByRole('row').filter({ hasText: 'SOFT-300' });
  await expect(row).toContainText('completed');
  await expect(row).toContainText('90%');
  await expectNoAxeViolations(page);
});

test('a trainer registers an LRS client with its scopes, gives it a new secret and disables it; each takes effect at once', async ({
  page,
  playwright,
  baseURL,
}, testInfo) => {
  await signIn(page, 'trainer@concord.test');
  await page.getByRole('navigation', { name: 'Primary' }).getByRole('link', { name: 'Training' }).click();
  await page.getByRole('link', { name: 'LRS clients' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'LRS clients' })).toBeVisible();
  const form = page.getByRole('form', { name: 'Register a client' });
  await form.getByLabel('Name').fill('Blackboard (test)');
  await form.locator('label[for="scope-state"]').click();
  await expect(form.getByLabel(/Keep learners’ state/)).toBeChecked();
  await form.getByRole('button', { name: 'Register client' }).click();
  const shown = page.getByTestId('secret-shown');
  await expect(shown).toContainText('Blackboard (test) registered');
  const [key, secret] = await shown.locator('code').allTextContents();
  const row = page.getByTestId('lrs-clients').getByRole('row').filter({ hasText: 'Blackboard (test)' });
  await expect(row).toContainText('Send statements; Read the statements it sent; Keep learners’ state');
  await expect(row).toContainText('Last used: Never');

  const lms = (password: string) =>
    playwright.request.newContext({
      baseURL,
      extraHTTPHeaders: { authorization: `Basic ${Buffer.from(`${key}:${password}`).toString('base64')}`, 'x-experience-api-version': '1.0.3' },
    });
  expect((await (await lms(secret!)).get('/xapi/statements?limit=1')).status()).toBe(200);
  // Not in its scopes: profiles.
  expect((await (await lms(secret!)).get('/xapi/agents?agent=%7B%22mbox%22%3A%22mailto%3Aa%40example.com%22%7D')).status()).toBe(403);

  await row.getByRole('button', { name: /New secret/ }).click();
  await page.getByTestId('confirm-rotate').getByRole('button', { name: 'Make a new secret' }).click();
  await expect(shown).toContainText('New secret made');
  const fresh = (await shown.locator('code').allTextContents())[1]!;
  await atBothWidths(page, testInfo, 'lrs-clients-secret-shown');
  expect(fresh).not.toBe(secret);
  expect((await (await lms(secret!)).get('/xapi/statements?limit=1')).status()).toBe(401);
  expect((await (await lms(fresh)).get('/xapi/statements?limit=1')).status()).toBe(200);
  await page.reload();
  await expect(row).not.toContainText('Last used: Never');
  await atBothWidths(page, testInfo, 'lrs-clients');

  await row.getByRole('button', { name: /Disable/ }).click();
  await expect(row).toContainText('Disabled');
  expect((await (await lms(fresh)).get('/xapi/statements?limit=1')).status()).toBe(401);
  await row.getByRole('button', { name: /Enable/ }).click();
  await expect(row).toContainText('Active');
});
