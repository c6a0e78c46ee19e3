import { expect, test } from '@playwright/test';
import { expectNoAxeViolations, signIn } from './helpers';

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
