import { expect, test } from '@playwright/test';
import { atBothWidths, expectNoAxeViolations, signIn } from './helpers';

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
  // The seed job runs in the same server process as the page's request: the first list can take a while.
  await expect(page.getByRole('row', { name: /registry\.demo_seed/ })).toBeVisible({ timeout: 20_000 });
  await expect(page.getByRole('row', { name: /registry\.demo_seed/ })).toContainText('succeeded', { timeout: 60_000 });
  await expect(page.getByRole('row', { name: /registry\.demo_seed/ })).toContainText('100%');
  await expectNoAxeViolations(page);
});

test('an auditor finds one person’s reads of personal data today, downloads them, and verifies the chain', async ({ page }, testInfo) => {
  await signIn(page, 'la.caseworker@concord.test');
  await page.getByRole('navigation', { name: 'Primary' }).getByRole('link', { name: 'Cases' }).click();
  await page.getByRole('table').getByRole('link').first().click();
  await expect(page.getByRole('heading', { level: 1, name: /^Case / })).toBeVisible();
  await page.getByRole('button', { name: 'Sign out' }).click();

  await signIn(page, 'auditor@concord.test');
  await page.getByRole('navigation', { name: 'Primary' }).getByRole('link', { name: 'Audit' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Audit log' })).toBeVisible();
  const list = page.getByTestId('audit-list');
  await list.getByLabel('Action starts with').fill('case.read');
  await list.getByRole('button', { name: 'Apply' }).click();
  await list.locator('label[for="audit-isPiiRead"]').click();
  await expect(list.getByLabel('Reads of personal data only')).toBeChecked();
  await expect(page).toHaveURL(/audit\.isPiiRead=true/);
  await expect(page.getByTestId('audit')).toContainText('case.read (personal data)');
  await expect(page.getByTestId('audit')).toContainText('lcsa_caseworker · los-angeles');
  await expect(list.getByRole('status')).toContainText(/^\d[\d,]* audit entr(y|ies), page 1 of \d+/);
  // A date that is not one is named in words, and nothing is searched.
  await list.getByLabel('From', { exact: true }).fill('13/45/2026');
  await list.getByRole('button', { name: 'Apply' }).click();
  await expect(list.getByRole('alert')).toContainText('From: enter a real date');
  // The same person, by email, on today's date typed as people type it.
  const today = new Intl.DateTimeFormat('en-US', { timeZone: 'America/Los_Angeles', month: '2-digit', day: '2-digit', year: 'numeric' }).format(new Date());
  await list.getByLabel('Person (email)').fill('la.caseworker@concord.test');
  await list.getByLabel('From', { exact: true }).fill(today);
  await list.getByLabel('To', { exact: true }).fill(today);
  await list.getByRole('button', { name: 'Apply' }).click();
  await expect(page).toHaveURL(/audit\.actorEmail=la\.caseworker/);
  await expect(page.getByTestId('audit')).toContainText('Casey Worker (la.caseworker@concord.test)');
  await expect(page.getByTestId('audit')).not.toContainText('sac.caseworker');
  // The address brings the same selection back.
  await page.reload();
  await expect(list.getByLabel('Person (email)')).toHaveValue('la.caseworker@concord.test');
  await expect(page.getByTestId('audit')).toContainText('Casey Worker (la.caseworker@concord.test)');
  const download = page.waitForEvent('download');
  await list.getByRole('link', { name: 'CSV' }).click();
  const csv = await (await download).path().then((file) => import('node:fs').then((fs) => fs.readFileSync(file, 'utf8')));
  expect(csv.split('\n')[0]).toContain('Person,Email,Role');
  expect(csv).toContain('la.caseworker@concord.test');
  expect(csv).not.toContain('sac.caseworker');
  await page.getByRole('button', { name: 'Verify the hash chain' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Intact' })).toBeVisible();
  await atBothWidths(page, testInfo, 'audit-log');
});
