import { expect, test } from '@playwright/test';
import { expectNoAxeViolations, postCollection, signIn } from './helpers';

test('a finance worker posts a collection and the account shows it at once', async ({ page }) => {
  await signIn(page, 'la.finance@concord.test');
  await page.getByRole('navigation', { name: 'Primary' }).getByRole('link', { name: 'Cases' }).click();
  await page.getByRole('table').getByRole('link').first().click();
  await expect(page.getByRole('heading', { level: 2, name: 'Account' })).toBeVisible();
  const balances = page.getByTestId('account-balances');
  await expect(balances).toBeVisible();
  const before = await balances.textContent();
  await expectNoAxeViolations(page);

  const receipt = `E2E-${Date.now()}`;
  await postCollection(page, receipt, '2026-11-02', '1,234.56');
  await expect(balances).not.toHaveText(before ?? '');
  // Where the money went: family, state, federal, and what assistance is still unreimbursed.
  const distribution = page.getByTestId('account-distribution');
  await expect(distribution).toContainText('to the family');
  await expect(distribution).toContainText('Unreimbursed assistance (URA)');
  // The payments view, newest first: the new receipt with its source and where its dollars went.
  const payment = page
    .getByTestId('payments')
    .getByRole('row')
    .filter({ hasText: `Receipt ${receipt}` });
  await expect(payment).toContainText('$1,234.56');
  await expect(payment).toContainText('Voluntary payment');
  await expect(payment.getByRole('rowheader')).toHaveText('2026-11-02');

  // The same receipt again changes nothing.
  await page.getByRole('button', { name: 'Post collection' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'was already posted; nothing changed' })).toBeVisible();
  await expectNoAxeViolations(page);
});
