import { expect, test } from '@playwright/test';
import { expectNoAxeViolations, signIn } from './helpers';
import { todayInCalifornia } from '../src/platform/calendar/contract';

test('a caseworker works the lien recording queue and sees the obligor’s liens statewide on the case', async ({ page }) => {
  await signIn(page, 'la.caseworker@concord.test');
  await page.getByRole('navigation', { name: 'Primary' }).getByRole('link', { name: 'Liens' }).click();
  const queue = page.getByTestId('liens');
  await expect(queue).toBeVisible();
  await expect(page.getByTestId('lien-report')).toContainText('Statewide (your scope)');
  await expect(page.getByRole('img', { name: /^Liens recorded within 45 days, by LCSA\./ })).toBeVisible();
  await expectNoAxeViolations(page);
  const packageLink = page.getByRole('link', { name: /^Recording package for .+ County \(PDF\)$/ }).first();
  const pdf = await page.request.get((await packageLink.getAttribute('href'))!);
  expect(pdf.headers()['content-type']).toBe('application/pdf');
  const form = page.getByRole('form', { name: "Record the recorder's answer" });
  const lienLabel = (await form.getByLabel('Lien').locator('option').first().textContent())!;
  const caseNumber = /Case (\S+),/.exec(lienLabel)![1]!;
  await form.getByLabel('Recorded on').fill('2026-11-20');
  await form.getByLabel('Instrument number').fill('2026-E2E-0001');
  await form.getByLabel('Recording fee (dollars)').fill('14.00');
  await form.getByRole('button', { name: 'Save answer' }).click();
  await expect(page.getByRole('status').filter({ hasText: `Lien on case ${caseNumber}` })).toContainText('recorded');

  await page.getByTestId('liens-list').getByLabel('Status').selectOption('recorded');
  await queue.getByRole('link', { name: caseNumber }).first().click();
  await expect(page.getByTestId('obligor-liens')).toContainText('2026-E2E-0001');
  await expectNoAxeViolations(page);

  // A court orders the liens released: one request releases them in every county, with one packet.
  const release = page.getByRole('form', { name: 'Release every lien of this obligor' });
  await release.getByLabel('Reason').selectOption('court_order');
  await release.getByRole('button', { name: 'Release all liens' }).click();
  await expect(release.getByTestId('confirm')).toContainText('This cannot be undone here.');
  await release.getByRole('button', { name: 'Yes, release every lien' }).click();
  await expect(release.getByRole('status')).toContainText('liens released in');
  const packet = await page.request.get(
    (await release.getByRole('link', { name: 'Download the release packet for every county (PDF)' }).getAttribute('href'))!,
  );
  expect(packet.headers()['content-type']).toBe('application/pdf');
  await expect(page.getByTestId('obligor-liens')).not.toContainText('recorded');
  await expectNoAxeViolations(page);
});

test('a caseworker sees a Chapter 13 debtor with no lien, records another obligor’s bankruptcy, and the lien waiting to record is held', async ({ page }) => {
  await signIn(page, 'la.caseworker@concord.test');
  const nav = page.getByRole('navigation', { name: 'Primary' });
  await nav.getByRole('link', { name: 'Cases' }).click();
  await page.getByLabel("Case number or obligor's last name").fill('LA-BANKRUPT-0001');
  await page.getByRole('main').getByRole('button', { name: 'Apply' }).click();
  await page.getByRole('link', { name: 'LA-BANKRUPT-0001' }).click();
  const bankruptcies = page.getByTestId('bankruptcies');
  await expect(bankruptcies.getByRole('row').filter({ hasText: '2:26-bk-20417' })).toContainText('In force');
  await expect(page.getByRole('region', { name: 'Liens of the obligor, statewide' }).or(page.getByTestId('obligor-liens'))).not.toContainText('to record');
  await expectNoAxeViolations(page);

  // An obligor whose lien is still to record files for Chapter 7: the lien is held during the stay.
  await nav.getByRole('link', { name: 'Liens' }).click();
  const first = page.getByTestId('liens').getByRole('row').nth(1);
  const caseNumber = (await first.getByRole('rowheader').textContent())!.trim();
  await first.getByRole('link', { name: caseNumber }).click();
  const form = page.getByRole('form', { name: 'Record a bankruptcy' });
  await form.getByLabel('Chapter').selectOption('7');
  await form.getByLabel('Bankruptcy case number').fill(`2:26-bk-${Date.now() % 100000}`);
  await form.getByLabel('Court').fill('U.S. Bankruptcy Court, C.D. Cal.');
  await form.getByLabel('Filed on').fill(todayInCalifornia());
  await form.getByRole('button', { name: 'Record bankruptcy' }).click();
  await expect(form.getByRole('status')).toContainText('Chapter 7 case');
  await expect(page.getByTestId('obligor-liens')).toContainText('held: bankruptcy stay');
  await expectNoAxeViolations(page);
});

test('the releases-due queue shows an obligor who paid in full twelve days ago as overdue, and releasing clears it', async ({ page }) => {
  await signIn(page, 'la.caseworker@concord.test');
  const nav = page.getByRole('navigation', { name: 'Primary' });
  await nav.getByRole('link', { name: 'Liens' }).click();
  const row = page.getByTestId('releases-due').getByRole('row').filter({ hasText: 'Lindqvist' });
  await expect(row).toContainText('7 days overdue');
  await expectNoAxeViolations(page);
  await nav.getByRole('link', { name: 'Cases' }).click();
  await page.getByLabel("Case number or obligor's last name").fill('LA-PAID-0001');
  await page.getByRole('main').getByRole('button', { name: 'Apply' }).click();
  await page.getByRole('link', { name: 'LA-PAID-0001' }).click();
  const release = page.getByRole('form', { name: 'Release every lien of this obligor' });
  await release.getByLabel('Reason').selectOption('paid_in_full');
  await release.getByRole('button', { name: 'Release all liens' }).click();
  await expect(release.getByTestId('confirm')).toContainText('This cannot be undone here.');
  await release.getByRole('button', { name: 'Yes, release every lien' }).click();
  await expect(release.getByRole('status')).toContainText('liens released in');
  const recorded = page.getByRole('form', { name: 'Record when the county recorded the release' });
  await recorded.getByLabel('Recorded by the county on').fill(todayInCalifornia());
  await recorded.getByRole('button', { name: 'Save recording date' }).click();
  await expect(recorded.getByRole('status')).toHaveText(`Release recorded on ${todayInCalifornia()}.`);
  await expectNoAxeViolations(page);
  await nav.getByRole('link', { name: 'Liens' }).click();
  await expect(page.getByTestId('releases-due').or(page.getByText('None: every obligor'))).not.toContainText('Lindqvist');
});

test('a lien worker records a namesake owner’s demand, verifies it, and the release covers that parcel while the obligor’s liens stay', async ({ page }) => {
  await signIn(page, 'la.caseworker@concord.test');
  const nav = page.getByRole('navigation', { name: 'Primary' });
  await nav.getByRole('link', { name: 'Cases' }).click();
  await page.getByLabel("Case number or obligor's last name").fill('LA-PAYOFF-0001');
  await page.getByRole('main').getByRole('button', { name: 'Apply' }).click();
  await page.getByRole('link', { name: 'LA-PAYOFF-0001' }).click();
  const demands = page.getByTestId('wrong-person-requests');
  // The demo's verified demand, with its release.
  await expect(demands.getByRole('row').filter({ hasText: '7243-019-022' })).toContainText('Verified: release issued');
  await expect(demands.getByRole('link', { name: 'Release for parcel 7243-019-022 (PDF)' })).toBeVisible();
  await expectNoAxeViolations(page);

  const form = page.getByRole('form', { name: 'Record a wrong-person demand' });
  const apn = `5555-${String(Date.now() % 1000).padStart(3, '0')}-001`;
  await form.getByLabel('Property owner').fill('Morgan B. Ellison');
  await form.getByLabel("Assessor's parcel number (APN)").fill(apn);
  await form.getByLabel('Proof sent').fill('Passport; Grant deed');
  await form.getByLabel('Demand received on').fill(todayInCalifornia());
  await form.getByRole('button', { name: 'Record demand' }).click();
  await expect(form.getByRole('status')).toContainText('Demand from Morgan B. Ellison recorded');
  const decide = page.getByRole('form', { name: `Decide the demand for parcel ${apn}` });
  await decide.getByLabel('What the proof showed').fill('Passport birth date differs from the obligor’s.');
  await decide.getByRole('button', { name: 'Record decision' }).click();
  await expect(demands.getByRole('link', { name: `Release for parcel ${apn} (PDF)` })).toBeVisible();
  await expect(page.getByTestId('obligor-liens')).toContainText('recorded');
  await expectNoAxeViolations(page);
});
