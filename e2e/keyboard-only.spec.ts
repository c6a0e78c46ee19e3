import { expect, test } from '@playwright/test';
import { demoPassword, expectNoAxeViolations } from './helpers';

test('a caseworker signs in and opens a case with the keyboard only', async ({ page }) => {
  await page.goto('/sign-in');
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in to Concord' })).toBeVisible();
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Email address')).toBeFocused();
  await page.keyboard.type('sac.caseworker@concord.test');
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Password')).toBeFocused();
  await page.keyboard.type(demoPassword);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: /Welcome/ })).toBeFocused();

  // On a fresh load the skip link comes first and moves focus past the navigation.
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: /Welcome/ })).toBeVisible();
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to main content' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#main-content$/);

  // From the top, through the navigation to Cases, then into the first case.
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: /Welcome/ })).toBeVisible();
  const casesLink = page.getByRole('navigation', { name: 'Primary' }).getByRole('link', { name: 'Cases' });
  for (let i = 0; i < 10 && !(await casesLink.evaluate((el) => el.matches(':focus'))); i++) await page.keyboard.press('Tab');
  await expect(casesLink).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Cases' })).toBeFocused();
  const firstCase = page.getByRole('table').getByRole('link').first();
  for (let i = 0; i < 20 && !(await firstCase.evaluate((el) => el.matches(':focus'))); i++) await page.keyboard.press('Tab');
  await expect(firstCase).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: /^Case / })).toBeFocused();
  await expect(page.getByText('sacramento · county 06067')).toBeVisible();
  await expectNoAxeViolations(page);
});
