import { expect, test } from '@playwright/test';
import { expectNoAxeViolations, signIn } from './helpers';

test('a finance worker proposes an adjustment, a second user approves it on the Finance page, and the account changes', async ({ page }) => {
  await signIn(page, 'la.finance@concord.test');
  await page.getByRole('navigation', { name: 'Primary' }).getByRole('link', { name: 'Cases' }).click();
  await page.getByRole('table').getByRole('link').nth(1).click();
  const balances = page.getByTestId('account-balances');
  await expect(balances).toBeVisible();
  const caseUrl = page.url();
  const caseNumber = (await page.getByRole('heading', { level: 1 }).textContent())!.replace('Case ', '');

  await expect(balances).toContainText('Total owed');
  const before = await balances.textContent();

  // A receipt posted to this case by mistake…
  const receipt = `E2E-MIS-${Date.now()}`;
  const postForm = page.getByRole('form', { name: 'Post a collection' });
  await postForm.getByLabel('Receipt id').fill(receipt);
  await postForm.getByLabel('Received on').fill('2026-11-03');
  await postForm.getByLabel('Amount (dollars)').fill('321.00');
  await page.getByRole('button', { name: 'Post collection' }).click();
  await expect(page.getByRole('status').filter({ hasText: `Receipt ${receipt} posted.` })).toBeVisible();
  await expect(balances).not.toHaveText(before ?? '');
  const withReceipt = await balances.textContent();

  // …is corrected by an adjustment, which waits for a second user.
  await page.getByText(/^Adjustments \(/).click();
  const adjustForm = page.getByRole('form', { name: 'Propose an adjustment' });
  await adjustForm.getByLabel('Reason code').selectOption('misapplied_receipt');
  await adjustForm.getByLabel('Effective on').fill('2026-11-04');
  await adjustForm.getByLabel('Receipt id').fill(receipt);
  await adjustForm.getByLabel('Justification').fill('Receipt belongs to another obligor with the same name.');
  await page.getByRole('button', { name: 'Propose adjustment' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Adjustment proposed' })).toBeVisible();
  await expect(page.getByRole('cell', { name: 'pending' })).toBeVisible();
  await page.getByText(/^Ledger entries/).click();
  await page.getByText(/^Audit requests and complaints/).click();
  await expect(page.getByTestId('ledger')).toBeVisible();
  await expectNoAxeViolations(page);
  await expect(balances).toHaveText(withReceipt ?? '');

  // The proposer cannot approve their own adjustment.
  await page.getByRole('navigation', { name: 'Primary' }).getByRole('link', { name: 'Finance' }).click();
  const queue = page.getByTestId('approval-queue');
  const row = queue.getByRole('row').filter({ hasText: caseNumber });
  await expect(row).toContainText('Yours: another user decides');
  await expect(page.getByTestId('audits')).toBeVisible();
  await expectNoAxeViolations(page);

  await page.getByRole('button', { name: 'Sign out' }).click();
  await signIn(page, 'la.admin@concord.test');
  await page.getByRole('navigation', { name: 'Primary' }).getByRole('link', { name: 'Finance' }).click();
  await page
    .getByRole('button', { name: `Approve adjustment on case ${caseNumber}` })
    .first()
    .click();
  await expect(page.getByRole('status').filter({ hasText: `Adjustment on case ${caseNumber} approved.` })).toBeVisible();

  await page.goto(caseUrl);
  // The receipt no longer counts: the account is as it was before it was posted.
  await expect(balances).toHaveText(before ?? '');
  await page.getByText(/^Adjustments \(/).click();
  await expect(page.getByRole('cell', { name: 'approved' })).toBeVisible();
});
