import { expect, test } from '@playwright/test';
import { expectNoAxeViolations, signIn } from './helpers';

// A caseworker's navigation: the modules it works (no Expenditure claims: its role does not claim).
const modulePages = ['Finance', 'Insurance intercept', 'Liens', 'Training', 'Trauma-informed', 'Strategic plan'];

test('a caseworker signs in, sees role and LCSA, visits every page, and signs out', async ({ page }) => {
  // Eleven pages, each checked with axe: on a slow CI machine (2026-12-02) it passed 30 s, the default limit.
  test.setTimeout(90_000);
  await page.goto('/');
  await expect(page).toHaveURL(/\/sign-in$/);
  await expectNoAxeViolations(page);

  await signIn(page, 'la.caseworker@concord.test');
  await expect(page.getByTestId('who-am-i')).toContainText('LCSA caseworker');
  await expect(page.getByTestId('who-am-i')).toContainText('Los Angeles County Department of Child Support Services');
  await expectNoAxeViolations(page);

  const nav = page.getByRole('navigation', { name: 'Primary' });
  await nav.getByRole('link', { name: 'Cases' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Cases' })).toBeVisible();
  await expect(page.getByRole('table')).toContainText('cases');
  await expectNoAxeViolations(page);

  await page.getByRole('table').getByRole('link').first().click();
  await expect(page.getByRole('heading', { level: 1, name: /^Case / })).toBeVisible();
  await expect(page.getByRole('table').first()).toContainText('***-**-');
  await expectNoAxeViolations(page);

  for (const name of modulePages) {
    await nav.getByRole('link', { name, exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
    // Every module shows its work.
    if (name === 'Finance') await expect(page.getByRole('heading', { level: 2, name: 'Audit requests and complaints' })).toBeVisible();
    else if (name === 'Liens') await expect(page.getByRole('heading', { level: 2, name: 'Work queue' })).toBeVisible();
    else if (name === 'Training') await expect(page.getByRole('heading', { level: 2, name: 'My learning' })).toBeVisible();
    else if (name === 'Trauma-informed') await expect(page.getByRole('heading', { level: 2, name: 'My surveys' })).toBeVisible();
    else if (name === 'Strategic plan') await expect(page.getByRole('heading', { level: 2, name: 'Tactics', exact: true })).toBeVisible();
    else if (name === 'Insurance intercept') await expect(page.getByRole('heading', { level: 2, name: 'Candidate matches to review' })).toBeVisible();
    await expectNoAxeViolations(page);
  }

  await nav.getByRole('link', { name: 'Jobs' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Jobs' })).toBeVisible();
  await expectNoAxeViolations(page);
  await expect(nav.getByRole('link', { name: 'Audit' })).toHaveCount(0);
  await expect(nav.getByRole('link', { name: 'Expenditure claims' })).toHaveCount(0);

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
  await page.goto('/cases');
  await expect(page).toHaveURL(/\/sign-in$/);
});

test('a wrong password is announced as an error', async ({ page }) => {
  await page.goto('/sign-in');
  await page.getByLabel('Email address').fill('la.caseworker@concord.test');
  await page.getByLabel('Password').fill('not the password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toContainText('The email or password is not right.');
  await expectNoAxeViolations(page);
});
