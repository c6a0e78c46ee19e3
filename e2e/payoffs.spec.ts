import { expect, test, type Locator, type Page } from '@playwright/test';
import { expectNoAxeViolations, signIn } from './helpers';

const pdf = (name: string) => ({ name, mimeType: 'application/pdf', buffer: Buffer.from(`%PDF-1.4\n% ${name}\n%%EOF\n`) });

async function attachDocuments(form: Locator) {
  await form.getByLabel('Request on company letterhead (phone and fax)').setInputFiles(pdf('letterhead.pdf'));
  await form.getByLabel('Copy of the recorded abstract or lien').setInputFiles(pdf('lien-copy.pdf'));
  await form.getByLabel("Borrower's authorization to release information").setInputFiles(pdf('authorization.pdf'));
}

/** Narrows the demands list to one escrow number. */
async function findDemand(page: Page, escrow: string, label: string) {
  const filters = page.getByRole('form', { name: 'Filter payoff demands' });
  await filters.getByLabel(label).fill(escrow);
  await filters.getByRole('button', { name: 'Apply' }).click();
  await expect(page.getByTestId('payoff-demands').getByRole('row')).toHaveCount(2);
}

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
  await attachDocuments(form);
  await form.getByLabel('Good through (closing date)').fill(californiaDate(10));
  await form.getByRole('button', { name: 'Send the demand' }).click();
  await expect(form.getByRole('status')).toContainText(`Payoff issued for escrow ${escrow}: $`);
  // The demand in the company's own list, found by its escrow number; it opens on its own page with the letter.
  await findDemand(page, escrow, 'Escrow number or property');
  const row = page.getByTestId('payoff-demands').getByRole('row').filter({ hasText: escrow });
  await expect(row).toContainText('Issued');
  await expect(row).toContainText('***-**-0101');
  await row.getByRole('link', { name: escrow }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Payoff demand: escrow ${escrow}`);
  const letter = await page.request.get((await page.getByRole('link', { name: `Demand letter for escrow ${escrow} (PDF)` }).getAttribute('href'))!);
  expect(letter.status()).toBe(200);
  expect(letter.headers()['content-type']).toBe('application/pdf');
  await expectNoAxeViolations(page);
});

test('a payoff posts and the consolidated release packet is produced for three counties', async ({ page }) => {
  await signIn(page, 'admin@concord.test');
  await page.getByRole('navigation', { name: 'Primary' }).getByRole('link', { name: 'Payoffs' }).click();
  await findDemand(page, 'PCT-2026-0142', 'Escrow number, company or property');
  await page.getByTestId('payoff-demands').getByRole('link', { name: 'PCT-2026-0142' }).click();
  const facts = page.getByTestId('demand-facts');
  await expect(facts).toContainText('StatusIssued');
  const amount = /Payoff\$([\d,.]+)/.exec((await facts.textContent())!)![1]!.replace(/,/g, '');
  await expect(page.getByTestId('payoff-liens').getByRole('row')).toHaveCount(5);
  await expectNoAxeViolations(page);
  const form = page.getByRole('form', { name: 'Post the payoff received' });
  await form.getByLabel('Receipt number').fill(`SDU-E2E-${Date.now()}`);
  await form.getByLabel('Received on').fill(californiaDate());
  await form.getByLabel('Amount received (dollars)').fill(amount);
  await form.getByRole('button', { name: 'Post the payoff' }).click();
  await expect(form.getByRole('status')).toContainText('Payoff posted. 4 liens released in 3 counties: Los Angeles, Orange, Riverside.');
  const packet = await page.request.get((await form.getByRole('link', { name: 'Download the release packet (PDF)' }).getAttribute('href'))!);
  expect(packet.headers()['content-type']).toBe('application/pdf');
  await expect(facts).toContainText('StatusPaid');
  await expectNoAxeViolations(page);
});

test('a demand staff must review waits for its documents to be checked, then staff issue it', async ({ page }) => {
  await signIn(page, 'title@concord.test');
  const nav = page.getByRole('navigation', { name: 'Primary' });
  await nav.getByRole('link', { name: 'Payoffs' }).click();
  const escrow = `E2E-REVIEW-${Date.now()}`;
  const form = page.getByRole('form', { name: 'Request a payoff' });
  await form.getByLabel('Escrow number').fill(escrow);
  await form.getByLabel('Property address').fill('3 Pier Ave, Hermosa Beach CA 90254');
  await form.getByLabel('First name').fill('Morgan');
  await form.getByLabel('Last name').fill('Ellison');
  await form.getByLabel('Social Security number').fill('900-55-0101');
  // A birth date that differs from the registry's: the department reviews it.
  await form.getByLabel('Date of birth').fill('1979-08-15');
  await attachDocuments(form);
  await form.getByLabel('Good through (closing date)').fill(californiaDate(10));
  await form.getByRole('button', { name: 'Send the demand' }).click();
  await expect(form.getByRole('status')).toContainText(`Escrow ${escrow} is under review by the department`);
  await page.getByRole('button', { name: 'Sign out' }).click();

  await signIn(page, 'la.caseworker@concord.test');
  await nav.getByRole('link', { name: 'Payoffs' }).click();
  await findDemand(page, escrow, 'Escrow number, company or property');
  await page.getByTestId('payoff-demands').getByRole('link', { name: escrow }).click();
  const documents = page.getByRole('region', { name: `Documents for escrow ${escrow}` });
  for (const label of [
    'Request on company letterhead (phone and fax)',
    'Copy of the recorded abstract or lien',
    "Borrower's authorization to release information",
  ]) {
    const check = documents.getByRole('form', { name: `${label}: to check` });
    await check.getByLabel(`What was checked (${label.toLowerCase()})`).fill('Legible; matches the escrow');
    await check.getByRole('button', { name: 'Save the check' }).click();
    await expect(documents.getByRole('form', { name: `${label}: accepted` })).toBeVisible();
  }
  await expectNoAxeViolations(page);
  const review = page.getByRole('form', { name: 'Decide this demand' });
  await review.getByLabel('Note').fill('Birth date confirmed with the borrower by phone');
  await review.getByRole('button', { name: 'Save the decision' }).click();
  await expect(review.getByRole('status')).toContainText(`Payoff issued for escrow ${escrow}`);
  await expect(page.getByTestId('demand-facts')).toContainText('StatusIssued');
  await expectNoAxeViolations(page);
});
