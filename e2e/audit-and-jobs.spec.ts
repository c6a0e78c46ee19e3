import { expect, test } from '@playwright/test';
import { expectNoAxeViolations, signIn } from './helpers';

test('an administrator starts a background job and watches its progress to the end', async ({ page }) => {
  await signIn(page, 'admin@concord.test');
  const started = await page.evaluate(async () => {
    const session = (await (await fetch('/api/auth/session')).json()) as { csrfToken: string };
    const response = await fetch('/api/demo/seed', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-csrf-token': session.csrfToken },
      body: JSON.stringify({ cases: 600, seed: 2 }),
    });
    return response.status;
  });
  expect(started).toBe(202);
  await page.getByRole('navigation', { name: 'Primary' }).getByRole('link', { name: 'Jobs' }).click();
  await expect(page.getByRole('row', { name: /registry\.demo_seed/ })).toBeVisible();
  await expect(page.getByRole('row', { name: /registry\.demo_seed/ })).toContainText('succeeded', { timeout: 60_000 });
  await expect(page.getByRole('row', { name: /registry\.demo_seed/ })).toContainText('100%');
  await expectNoAxeViolations(page);
});

test('an auditor finds reads of personal data and verifies the chain', async ({ page }) => {
  await signIn(page, 'la.caseworker@concord.test');
  await page.getByRole('navigation', { name: 'Primary' }).getByRole('link', { name: 'Cases' }).click();
  await page.getByRole('table').getByRole('link').first().click();
  await expect(page.getByRole('heading', { level: 1, name: /^Case / })).toBeVisible();
  await page.getByRole('button', { name: 'Sign out' }).click();

  await signIn(page, 'auditor@concord.test');
  await page.getByRole('navigation', { name: 'Primary' }).getByRole('link', { name: 'Audit' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Audit log' })).toBeVisible();
  await page.getByLabel('Action starts with').fill('case.read');
  await page.locator('label[for="audit-pii"]').click();
  await expect(page.getByLabel('Reads of personal data only')).toBeChecked();
  await page.getByRole('main').getByRole('button', { name: 'Search' }).click();
  await expect(page.getByRole('table')).toContainText('case.read (personal data)');
  await expect(page.getByRole('table')).toContainText('lcsa_caseworker · los-angeles');
  await page.getByRole('button', { name: 'Verify the hash chain' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Intact' })).toBeVisible();
  await expectNoAxeViolations(page);
});
