import { expect, test } from '@playwright/test';
import { expectNoAxeViolations, signIn } from './helpers';

test('a caseworker works the lien recording queue and sees the obligor’s liens statewide on the case', async ({ page }) => {
  await signIn(page, 'la.caseworker@concord.test');
  await page.getByRole('navigation', { name: 'Primary' }).getByRole('link', { name: 'Liens' }).click();
  const queue = page.getByTestId('lien-queue');
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

  await page.getByLabel('Show liens that are').selectOption('recorded');
  await queue.getByRole('link', { name: caseNumber }).first().click();
  await expect(page.getByTestId('obligor-liens')).toContainText('2026-E2E-0001');
  await expectNoAxeViolations(page);

  // A court orders the liens released: one request releases them in every county, with one packet.
  const release = page.getByRole('form', { name: 'Release every lien of this obligor' });
  await release.getByLabel('Reason').selectOption('court_order');
  await release.getByRole('button', { name: 'Release all liens' }).click();
  await expect(release.getByRole('status')).toContainText('liens released in');
  const packet = await page.request.get(
    (await release.getByRole('link', { name: 'Download the release packet for every county (PDF)' }).getAttribute('href'))!,
  );
  expect(packet.headers()['content-type']).toBe('application/pdf');
  await expect(page.getByTestId('obligor-liens')).not.toContainText('recorded');
  await expectNoAxeViolations(page);
});
