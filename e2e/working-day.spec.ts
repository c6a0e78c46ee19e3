/**
 * A staff member's working day (issue 26): each demo role lands on its own work — staff on a home page of
 * their queues, partners on their portal — with navigation that holds only what the role can do, checked
 * with axe at desktop (1280) and phone (390) width, a screenshot of each home attached to the report; the
 * header's search finds a person by a misspelt name and opens their case; a search and a case open from
 * their own addresses.
 */
import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations, signIn } from './helpers';

const roles: { email: string; lands: RegExp; queues: string[]; nav: string[]; notInNav: string[] }[] = [
  {
    email: 'admin@concord.test',
    lands: /Welcome/,
    queues: ['Liens to record', 'Intercept matches to review', 'Adjustments to approve'],
    nav: ['Cases', 'Audit', 'Jobs'],
    notInNav: [],
  },
  {
    email: 'analyst@concord.test',
    lands: /Welcome/,
    queues: ['Expenditure claims waiting for you', 'My courses to complete'],
    nav: ['Cases', 'Expenditure claims'],
    notInNav: ['Finance', 'Liens', 'Audit'],
  },
  {
    email: 'la.admin@concord.test',
    lands: /Welcome/,
    queues: ['Liens to record', 'Adjustments to approve', 'Learners overdue'],
    nav: ['Cases', 'Finance', 'Liens'],
    notInNav: ['Insurance intercept', 'Audit'],
  },
  {
    email: 'la.caseworker@concord.test',
    lands: /Welcome/,
    queues: ['Liens to record', 'Lien releases due', 'Intercept matches to review', 'Account audits and complaints'],
    nav: ['Cases', 'Liens', 'Payoffs'],
    notInNav: ['Expenditure claims', 'Audit'],
  },
  {
    email: 'la.finance@concord.test',
    lands: /Welcome/,
    queues: ['Account audits and complaints', 'Adjustments to approve'],
    nav: ['Cases', 'Finance'],
    notInNav: ['Liens', 'Insurance intercept', 'Payoffs'],
  },
  {
    email: 'la.budget@concord.test',
    lands: /Welcome/,
    queues: ['Expenditure claims waiting for you'],
    nav: ['Expenditure claims', 'Training'],
    notInNav: ['Cases', 'Finance', 'Liens'],
  },
  {
    email: 'la.controller@concord.test',
    lands: /Welcome/,
    queues: ['Expenditure claims waiting for you'],
    nav: ['Expenditure claims'],
    notInNav: ['Cases', 'Finance', 'Jobs'],
  },
  {
    email: 'trainer@concord.test',
    lands: /Welcome/,
    queues: ['Learners overdue', 'My courses to complete'],
    nav: ['Training', 'Trauma-informed'],
    notInNav: ['Cases', 'Finance'],
  },
  { email: 'auditor@concord.test', lands: /Welcome/, queues: ['My courses to complete'], nav: ['Cases', 'Audit'], notInNav: ['Finance', 'Liens', 'Payoffs'] },
  {
    email: 'insurer@concord.test',
    lands: /Insurance intercept/,
    queues: [],
    nav: ['Insurance intercept'],
    notInNav: ['Home', 'Cases', 'Finance', 'Liens', 'Payoffs'],
  },
  { email: 'title@concord.test', lands: /Lien payoffs/, queues: [], nav: ['Payoffs'], notInNav: ['Home', 'Cases', 'Finance', 'Liens', 'Insurance intercept'] },
];

/** Opens the navigation at phone width (it folds into a menu) and closes it again. */
async function checkAtPhoneWidth(page: Page): Promise<void> {
  await page.setViewportSize({ width: 390, height: 844 });
  const hasSideways = await page.locator('html').evaluate((html) => html.scrollWidth > html.clientWidth + 1);
  expect(hasSideways, 'the page scrolls sideways at 390 px').toBe(false);
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: 'Menu' }).click();
  await expect(page.getByRole('navigation', { name: 'Primary' })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: 'Close menu' }).click();
  await page.setViewportSize({ width: 1280, height: 900 });
}

for (const role of roles) {
  test(`${role.email} lands on its own work with only what it can do`, async ({ page }, testInfo) => {
    test.setTimeout(60_000);
    await page.setViewportSize({ width: 1280, height: 900 });
    await signIn(page, role.email);
    await expect(page.getByRole('heading', { level: 1, name: role.lands })).toBeVisible();
    for (const label of role.queues) await expect(page.getByRole('heading', { level: 3, name: label })).toBeVisible();
    const nav = page.getByRole('navigation', { name: 'Primary' });
    for (const name of role.nav) await expect(nav.getByRole('link', { name, exact: true })).toBeVisible();
    for (const name of role.notInNav) await expect(nav.getByRole('link', { name, exact: true })).toHaveCount(0);
    // No page a role reaches from its navigation answers "your role may not do this".
    await expect(page.getByText(/may not do this/)).toHaveCount(0);
    await expectNoAxeViolations(page);
    await testInfo.attach(`home-1280-${role.email}`, { body: await page.screenshot({ fullPage: true }), contentType: 'image/png' });
    await checkAtPhoneWidth(page);
    await page.setViewportSize({ width: 390, height: 844 });
    await testInfo.attach(`home-390-${role.email}`, { body: await page.screenshot({ fullPage: true }), contentType: 'image/png' });
  });
}

test('a caseworker finds a person by a misspelt name from the header, opens their page and then their case; the search has its own address', async ({
  page,
}) => {
  test.setTimeout(60_000);
  await page.setViewportSize({ width: 1280, height: 900 });
  await signIn(page, 'la.caseworker@concord.test');
  await page.getByRole('navigation', { name: 'Primary' }).getByRole('link', { name: 'Cases' }).click();
  const firstRow = page.getByRole('table').getByRole('row').nth(1);
  const caseNumber = (await firstRow.getByRole('rowheader').innerText()).trim();
  const obligor = (await firstRow.getByRole('cell').first().innerText()).trim(); // "Last, First"
  const [last, first] = obligor.split(', ') as [string, string];
  // A typo: the surname's third and fourth letters swapped.
  const misspelt = last.length >= 5 ? `${last.slice(0, 2)}${last[3]}${last[2]}${last.slice(4)}` : last;
  await page.getByRole('searchbox', { name: /Search cases, people/ }).fill(`${first} ${misspelt}`);
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await expect(page).toHaveURL(/\/search\?q=/);
  await expect(page.getByRole('heading', { level: 1, name: /Search results/ })).toBeVisible();
  const hit = page.getByRole('link', { name: `${last}, ${first}` }).first();
  await expect(hit).toBeVisible();
  await expectNoAxeViolations(page);
  await hit.click();
  // The person's own page, with the cases they take part in, one click from each.
  await expect(page.getByRole('heading', { level: 1, name: new RegExp(`^${last}, ${first}`) })).toBeVisible();
  await page.getByTestId('person-cases').getByRole('rowheader').first().getByRole('link').click();
  await expect(page.getByRole('heading', { level: 1, name: /^Case / })).toBeVisible();
  const caseUrl = page.url();

  // The results page and the case open from their addresses (bookmarks, links shared with a colleague).
  await page.goto(`/search?q=${encodeURIComponent(caseNumber)}`);
  await expect(page.getByRole('link', { name: `Case ${caseNumber}` })).toBeVisible();
  await checkAtPhoneWidth(page);
  await page.goto(caseUrl);
  await expect(page.getByRole('heading', { level: 1, name: /^Case / })).toBeVisible();

  // The last four of an SSN alone asks for the date of birth.
  await page.goto('/search?q=1234');
  await expect(page.getByText('add their date of birth')).toBeVisible();
  await expectNoAxeViolations(page);
});
