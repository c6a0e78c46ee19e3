import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations, signIn } from './helpers';

const card = (page: Page, slug: string) => page.getByTestId(`tactic-${slug}`);

test('the public page shows the seeded tactics with their percentages, without sign-in', async ({ page }) => {
  await page.goto('/strategic-plan');
  await expect(page.getByRole('heading', { level: 1, name: 'Strategic plan progress' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: 'Goal 3: Enhance Program Performance' })).toBeVisible();
  const foster = card(page, 'foster-care-referral-review');
  await expect(foster).toContainText('Progress: Foster care review 85%');
  await expect(foster.getByRole('img', { name: 'Green circle filled to 85 percent: task under way' })).toBeVisible();
  const insurers = card(page, 'collaborate-with-insurance-companies');
  await expect(insurers.getByRole('heading', { name: 'Collaborate With Insurance Companies' })).toBeVisible();
  await expect(insurers).toContainText('Current Status:');
  await expect(insurers).toContainText('75% completed');
  await expect(insurers).toContainText('Critical Success Factors:');
  await expect(insurers).toContainText('Live measure on');
  await expect(card(page, 'transition-to-learning-management-system')).toContainText('Scheduled for early 2020.');
  // The department's published status and Concord's live measure, side by side and labelled.
  const trauma = card(page, 'become-a-trauma-informed-organization');
  await expect(trauma).toContainText('23% completed');
  await expect(trauma).toContainText('Progress: Trauma informed 25%');
  await expect(trauma).toContainText(/Live measure: Trauma-informed action plan: actions done \d+%/);
  await expect(card(page, 'develop-statewide-training').getByRole('img', { name: 'Green circle indicating task has started' })).toBeVisible();
  await expect(
    page.getByRole('heading', { level: 3, name: 'Establish new partnerships to help reduce poverty' }).locator('xpath=following-sibling::p[1]'),
  ).toContainText('Published status: 49% (mean of 2 of 2 with a figure)');
  await expectNoAxeViolations(page);
  // Responsive: on a phone the cards stack and nothing needs a sideways scroll.
  await page.setViewportSize({ width: 375, height: 800 });
  expect(await page.locator('html').evaluate((html) => html.scrollWidth)).toBeLessThanOrEqual(375);
  await expectNoAxeViolations(page);
});

test('an owner records a check-in and the bar changes', async ({ browser }) => {
  const owner = await (await browser.newContext()).newPage();
  await signIn(owner, 'analyst@concord.test');
  await owner.getByRole('navigation', { name: 'Primary' }).getByRole('link', { name: 'Strategic plan' }).click();
  await expect(owner.getByTestId('my-tactics')).toContainText('End Enforcement of Uncollectible State-Owed Debt');
  await expectNoAxeViolations(owner);
  const form = owner.getByRole('form', { name: 'Record a check-in' });
  await form.getByLabel('Tactic').selectOption({ label: 'End Enforcement of Uncollectible State-Owed Debt' });
  await form.getByLabel('Current status').fill('72% completed');
  await form.getByLabel('Percent complete').fill('72');
  await form.getByLabel('What happened since the last check-in').fill('Three more LCSAs finished their reviews.');
  await form.getByRole('button', { name: 'Save the check-in' }).click();
  await expect(form.getByRole('status')).toContainText('Check-in saved');
  await expect(owner.getByTestId('tactics').getByRole('row').filter({ hasText: 'End Enforcement' })).toContainText('Progress: State-owed debt 72%');

  const visitor = await (await browser.newContext()).newPage();
  await visitor.goto('/strategic-plan');
  await expect(card(visitor, 'uncollectible-state-owed-debt')).toContainText('Progress: State-owed debt 72%');
  await expect(card(visitor, 'uncollectible-state-owed-debt')).toContainText('72% completed');
});

test('a tactic bound to a live metric moves when the module’s data changes', async ({ browser }) => {
  const admin = await (await browser.newContext()).newPage();
  await signIn(admin, 'admin@concord.test');
  const visitor = await (await browser.newContext()).newPage();
  await visitor.goto('/strategic-plan');
  const trauma = card(visitor, 'become-a-trauma-informed-organization');
  await expect(trauma).toContainText(/Progress: Trauma informed \d+%/);

  // The trauma action plan moves: one more action done.
  await admin.getByRole('navigation', { name: 'Primary' }).getByRole('link', { name: 'Trauma-informed' }).click();
  const plan = admin.getByTestId('action-plan');
  await expect(plan).toContainText(/of \d+ actions done/);
  const [, done, total] = /(\d+) of (\d+) actions done/.exec((await plan.textContent())!)!.map(Number);
  await plan.getByLabel('Status of “Private interview spaces in every LCSA lobby”').selectOption('done');
  await expect(plan).toContainText(`${done! + 1} of ${total} actions done`);
  const expected = Math.round((100 * (done! + 1)) / total!);

  // The plan recomputes its live measures in a background job, with its progress shown.
  await admin.getByRole('navigation', { name: 'Primary' }).getByRole('link', { name: 'Strategic plan' }).click();
  await admin.getByRole('button', { name: 'Recompute live progress' }).click();
  await expect(admin.getByTestId('refresh-status')).toContainText(/Recomputed: \d of 8 measures available/, { timeout: 15_000 });
  await expectNoAxeViolations(admin);
  await visitor.reload();
  await expect(trauma).toContainText(`Live measure: Trauma-informed action plan: actions done ${expected}%`);
  // The published status stays as the department published it.
  await expect(trauma).toContainText('Progress: Trauma informed 25%');
  await expect(trauma).toContainText(`${done! + 1} of ${total} actions done`);
});
