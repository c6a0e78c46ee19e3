import { expect, test } from '@playwright/test';
import { expectNoAxeViolations, signIn } from './helpers';

const californiaDate = (daysAhead = 0) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Los_Angeles' }).format(new Date(Date.now() + daysAhead * 86_400_000));

test('a title company requests a payoff and receives it, with the demand letter', async ({ page }) => {
  await signIn(page, 'title@concord.test');
  await page.getByRole('navigation', { name: 'Primary' }).getByRole('link', { name: 'Payoffs' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Lien payoffs' })).toBeVisible();
  await expectNoAxeViolations(page);
  const escrow = `E2E-${Date.now()}`;
  const form = page.getByRole('form', { name: 'Request a payoff' });
  await form.getByLabel('Escrow number').fill(escrow);
  await form.getByLabel('Property address').fill('88 Bluff Rd, Laguna Beach CA 92651');
  await form.getByLabel('Transaction').selectOption('refinance');
  await form.getByLabel('First name').fill('Morgan');
  await form.getByLabel('Last name').fill('Ellison');
  await form.getByLabel('Social Security number').fill('900-55-0101');
  await form.getByLabel('Date of birth').fill('1979-08-14');
  await form.getByLabel("Driver's licence number").fill('E1234567');
  await form.getByText('Request on company letterhead (phone and fax)').click();
  await form.getByText('Copy of the recorded abstract or lien').click();
  await form.getByText("Borrower's authorization to release information").click();
  await form.getByLabel('Good through (closing date)').fill(californiaDate(10));
  await expect(form.getByLabel('Copy of the recorded abstract or lien')).toBeChecked();
  await form.getByRole('button', { name: 'Send the demand' }).click();
  await expect(form.getByRole('status')).toContainText(`Payoff issued for escrow ${escrow}: $`);
  const row = page.getByTestId('payoff-demands').getByRole('row').filter({ hasText: escrow });
  await expect(row).toContainText('issued');
  await expect(row).toContainText('***-**-0101');
  const letter = await page.request.get((await row.getByRole('link', { name: `Demand letter for escrow ${escrow} (PDF)` }).getAttribute('href'))!);
  expect(letter.status()).toBe(200);
  expect(letter.headers()['content-type']).toBe('application/pdf');
  await expectNoAxeViolations(page);
});

test('a payoff posts and the consolidated release packet is produced for three counties', async ({ page }) => {
  await signIn(page, 'admin@concord.test');
  await page.getByRole('navigation', { name: 'Primary' }).getByRole('link', { name: 'Payoffs' }).click();
  const row = page.getByTestId('payoff-demands').getByRole('row').filter({ hasText: 'PCT-2026-0142' });
  await expect(row).toContainText('issued');
  // The cells after the escrow number: company, borrower, status, due by, good through, payoff.
  const payoff = (await row.getByRole('cell').nth(5).textContent())!;
  const amount = payoff.replace(/[$,]/g, '');
  await expectNoAxeViolations(page);
  const form = page.getByRole('form', { name: 'Post a payoff received' });
  await form
    .getByLabel('Demand')
    .selectOption({ label: `Pacific Coast Title & Escrow, escrow PCT-2026-0142: $${Number(amount).toLocaleString('en-US', { minimumFractionDigits: 2 })}` });
  await form.getByLabel('Receipt number').fill(`SDU-E2E-${Date.now()}`);
  await form.getByLabel('Received on').fill(californiaDate());
  await form.getByLabel('Amount received (dollars)').fill(amount);
  await form.getByRole('button', { name: 'Post the payoff' }).click();
  await expect(form.getByRole('status')).toContainText('Payoff posted. 4 liens released in 3 counties: Los Angeles, Orange, Riverside.');
  const packet = await page.request.get((await form.getByRole('link', { name: 'Download the release packet (PDF)' }).getAttribute('href'))!);
  expect(packet.headers()['content-type']).toBe('application/pdf');
  await expect(row).toContainText('paid');
  await expectNoAxeViolations(page);
});
