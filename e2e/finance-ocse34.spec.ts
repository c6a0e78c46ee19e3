import { expect, test } from '@playwright/test';
import { expectNoAxeViolations, signIn } from './helpers';

test('a finance worker reads the quarter’s OCSE-34 for the LCSA and opens the receipts behind a figure', async ({ page }) => {
  await signIn(page, 'la.finance@concord.test');
  await page.getByRole('navigation', { name: 'Primary' }).getByRole('link', { name: 'Finance' }).click();
  const section = page.getByRole('region', { name: 'Collections and distribution (OCSE-34)' });
  const collections = page.getByTestId('ocse34-collections');
  await expect(collections).toBeVisible({ timeout: 30_000 });
  await expect(section).toContainText('1 LCSA');
  await expect(section.getByRole('link', { name: 'Download the report by LCSA (XLSX)' })).toBeVisible();
  const pdf = await page.request.get((await section.getByRole('link', { name: 'the report as a document (PDF)' }).getAttribute('href'))!);
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()['content-type']).toBe('application/pdf');
  // Income withholding is the demo's commonest source: its receipts add up to the figure.
  const withholding = collections.getByRole('row').filter({ hasText: 'Income withholding' });
  const figure = (await withholding.getByRole('cell').last().textContent())!.replace(/\s*—.*$/, '').trim();
  await withholding.getByRole('button').click();
  const items = page.getByTestId('ocse34-items');
  await expect(items.locator('caption')).toContainText(`Behind line 2e:`);
  await expect(items.locator('caption')).toContainText(`${figure} in all`);
  await expect(items.getByRole('link').first()).toBeVisible();
  await expectNoAxeViolations(page);
  await page.setViewportSize({ width: 390, height: 844 });
  await expectNoAxeViolations(page);
});
