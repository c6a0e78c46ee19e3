import AxeBuilder from '@axe-core/playwright';
import { expect, type Page, type TestInfo } from '@playwright/test';

export const demoPassword = 'concord-demo-2026';

export async function signIn(page: Page, email: string): Promise<void> {
  await page.goto('/sign-in');
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password').fill(demoPassword);
  await page.getByRole('button', { name: 'Sign in' }).click();
  // Signing in hashes the password (argon2id): give a loaded CI machine time. Staff land on their home,
  // a partner on its portal.
  await expect(page).not.toHaveURL(/\/sign-in/, { timeout: 15_000 });
  await expect(page.getByRole('heading', { level: 1, name: /Welcome|Insurance intercept|Lien payoffs/ })).toBeVisible({ timeout: 15_000 });
}

/** Fails on any WCAG 2.1 A/AA violation axe finds on the page as it is now. */
export async function expectNoAxeViolations(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join('; ')})`)).toEqual([]);
}

/** Posts a collection through the case page's form and waits for it to be confirmed. */
export async function postCollection(page: Page, receipt: string, receivedOn: string, dollars: string): Promise<void> {
  const postForm = page.getByRole('form', { name: 'Post a collection' });
  await postForm.getByLabel('Receipt id').fill(receipt);
  await postForm.getByLabel('Received on').fill(receivedOn);
  await postForm.getByLabel('Amount (dollars)').fill(dollars);
  await postForm.getByLabel('Source').selectOption('voluntary');
  await page.getByRole('button', { name: 'Post collection' }).click();
  await expect(page.getByRole('status').filter({ hasText: `Receipt ${receipt} posted.` })).toBeVisible();
}

/**
 * Axe at desktop (1280) and phone (390, and any other `phones`) width, no sideways scroll at phone width, and a
 * screenshot of each attached to the report. The viewport is left as it was found.
 */
export async function atBothWidths(page: Page, testInfo: TestInfo, name: string, phones: readonly number[] = [390]): Promise<void> {
  const before = page.viewportSize() ?? { width: 1280, height: 900 };
  await page.setViewportSize({ width: 1280, height: 900 });
  await expectNoAxeViolations(page);
  await testInfo.attach(`${name}-1280`, { body: await page.screenshot({ fullPage: true }), contentType: 'image/png' });
  for (const width of phones) {
    await page.setViewportSize({ width, height: 844 });
    await expectNoAxeViolations(page);
    // At phone width the page itself does not scroll sideways: wide tables scroll inside their region.
    expect(await page.locator('html').evaluate((html) => html.scrollWidth > html.clientWidth + 1)).toBe(false);
    await testInfo.attach(`${name}-${width}`, { body: await page.screenshot({ fullPage: true }), contentType: 'image/png' });
  }
  await page.setViewportSize(before);
}
