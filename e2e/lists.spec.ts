/**
 * Lists that scale: paged, sorted and filtered by the server, their state in the address (a reload or a
 * shared link shows the same rows), exports of the selected rows, and detail pages with their own address —
 * with axe at desktop (1280) and phone (390) width, screenshots attached to the report.
 */
import { expect, test } from '@playwright/test';
import { atBothWidths, postCollection, signIn } from './helpers';

test('the liens list pages, sorts and filters on the server, and the address brings the same view back', async ({ page }, testInfo) => {
  await signIn(page, 'admin@concord.test');
  await page.goto('/liens');
  const list = page.getByTestId('liens-list');
  await list.getByLabel('Status', { exact: true }).selectOption({ label: 'Any status' });
  await expect(page).toHaveURL(/liens\.status=any/);
  const summary = list.getByRole('status').filter({ hasText: /liens/ });
  await expect(summary).toHaveText(/^[\d,]+ liens, page 1 of \d+$/);
  const total = Number((await summary.textContent())!.split(' ')[0]!.replace(/,/g, ''));
  expect(total).toBeGreaterThan(25);
  await expect(page.getByTestId('liens').getByRole('row')).toHaveCount(26);

  await list.getByRole('navigation', { name: 'Pages of liens' }).getByRole('button', { name: 'Next page' }).click();
  await expect(page).toHaveURL(/liens\.page=2/);
  await expect(summary).toHaveText(/page 2 of/);

  // Due by is the starting order (ascending): one click turns it round, back to page 1.
  const dueBy = page.getByTestId('liens').getByRole('columnheader', { name: /Due by/ });
  await expect(dueBy).toHaveAttribute('aria-sort', 'ascending');
  await dueBy.getByRole('button').click();
  await expect(page).toHaveURL(/liens\.sort=dueBy/);
  await expect(page).toHaveURL(/liens\.dir=desc/);
  await expect(page).not.toHaveURL(/liens\.page=/);
  await expect(dueBy).toHaveAttribute('aria-sort', 'descending');
  const dueDates = async () => (await page.getByTestId('liens').getByRole('row').locator('td:nth-child(6)').allTextContents()).map((t) => t.trim());
  const descending = await dueDates();
  expect(descending).toEqual([...descending].sort().reverse());

  // The address is the view: a reload shows the same order and filter.
  await page.reload();
  await expect(page.getByTestId('liens').getByRole('columnheader', { name: /Due by/ })).toHaveAttribute('aria-sort', 'descending');
  expect(await dueDates()).toEqual(descending);
  await atBothWidths(page, testInfo, 'liens-list');

  // A shared link straight to the recorded liens in one county; the export takes the same rows.
  await page.goto('/liens?liens.status=recorded');
  const county = (await page.getByTestId('liens').getByRole('row').nth(1).getByRole('cell').first().textContent())!.trim();
  await page.goto(`/liens?liens.status=recorded&liens.q=${encodeURIComponent(county.toLowerCase())}`);
  await expect(list.getByLabel('Status', { exact: true })).toHaveValue('recorded');
  await expect(list.getByLabel('Case number or county')).toHaveValue(county.toLowerCase());
  const rows = page.getByTestId('liens').getByRole('row');
  await expect(rows.nth(1)).toContainText(county);
  for (const text of await rows.locator('td:nth-child(2)').allTextContents()) expect(text).toContain(county);
  const csvHref = (await list.getByRole('link', { name: 'CSV' }).getAttribute('href'))!;
  expect(csvHref).toContain('status=recorded');
  expect(csvHref).toContain(`q=${encodeURIComponent(county.toLowerCase())}`);
  const csv = await page.request.get(csvHref);
  expect(csv.headers()['content-type']).toContain('text/csv');
  const lines = (await csv.text()).trim().split('\n');
  expect(lines[0]).toMatch(/^Case,County,/);
  expect(lines.length).toBeGreaterThan(1);
  expect(lines.slice(1).every((line) => line.includes(county))).toBe(true);
  const xlsx = await page.request.get((await list.getByRole('link', { name: 'XLSX' }).getAttribute('href'))!);
  expect(xlsx.headers()['content-type']).toContain('spreadsheetml');
});

test('a claim has its own address: opened from the filtered list, reloaded, and back to the same list', async ({ page }, testInfo) => {
  await signIn(page, 'admin@concord.test');
  await page.goto('/claims?claims.status=accepted&claims.sort=lcsa&claims.dir=asc');
  const table = page.getByTestId('claims');
  await expect(table.getByRole('columnheader', { name: /LCSA/ })).toHaveAttribute('aria-sort', 'ascending');
  const statuses = await table.getByRole('row').locator('td:nth-child(3)').allTextContents();
  expect(statuses.length).toBeGreaterThan(0);
  expect(statuses.every((s) => s.trim() === 'accepted')).toBe(true);
  await atBothWidths(page, testInfo, 'claims-list');

  const first = table.getByRole('row').nth(1).getByRole('link');
  const name = (await first.textContent())!;
  await first.click();
  await expect(page).toHaveURL(/\/claims\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId('claim-detail')).toContainText(': accepted');
  await page.reload();
  await expect(page.getByTestId('claim-detail')).toContainText(name.slice(0, 7));
  await atBothWidths(page, testInfo, 'claim-detail');
  await page.goBack();
  await expect(page).toHaveURL(/claims\.status=accepted/);
  await expect(page.getByTestId('claims').getByRole('columnheader', { name: /LCSA/ })).toHaveAttribute('aria-sort', 'ascending');
});

test('a finance worker narrows the audit queue to what is overdue', async ({ page }, testInfo) => {
  await signIn(page, 'la.finance@concord.test');
  await page.goto('/finance');
  const list = page.getByTestId('audits-list');
  await list.getByLabel('Deadline').selectOption({ label: 'Overdue only' });
  await expect(page).toHaveURL(/audits\.overdue=true/);
  const states = page.getByTestId('audits').getByRole('row').locator('td:nth-child(5)');
  await expect(states.first()).toHaveText('Overdue');
  expect((await states.allTextContents()).every((s) => s.trim() === 'Overdue')).toBe(true);
  await atBothWidths(page, testInfo, 'audit-queue-overdue');
});

test('a case opened from its address shows its payments and its activity, with the ledger one click away', async ({ page }, testInfo) => {
  await signIn(page, 'la.finance@concord.test');
  await page.goto('/cases');
  await page.getByRole('table').getByRole('link').first().click();
  await expect(page).toHaveURL(/\/cases\/[0-9a-f-]{36}$/);
  const address = page.url();
  // A collection posted here joins the payments and the case's activity at once.
  const receipt = `E2E-ACT-${Date.now()}`;
  await postCollection(page, receipt, '11/03/2026', '100.00');
  const activity = page.getByTestId('case-activity');
  await expect(activity.getByRole('listitem').first()).toContainText('Collection posted');
  await expect(activity.getByRole('listitem').first()).toContainText('Frankie Ledger');

  // The address alone brings the case back.
  await page.goto('/');
  await page.goto(address);
  await expect(page.getByRole('navigation', { name: 'On this case' }).getByRole('link', { name: 'Payments' })).toHaveAttribute('href', '#payments');
  await expect(
    page
      .getByTestId('payments')
      .getByRole('row')
      .filter({ hasText: `Receipt ${receipt}` }),
  ).toContainText('$100.00');
  await expect(activity).toContainText('Collection posted');
  await expect(activity).not.toContainText('.read');
  await expect(page.getByText(/^Ledger entries/)).toBeVisible();
  await atBothWidths(page, testInfo, 'case-detail');
});

test('notices page on the server, and each opens on its own address with its facts, documents and follow-up', async ({ page }, testInfo) => {
  await signIn(page, 'admin@concord.test');
  await page.goto('/intercept?notices.sort=withholdCents&notices.dir=desc');
  const withhold = page.getByTestId('notices').getByRole('columnheader', { name: /Withhold/ });
  await expect(withhold).toHaveAttribute('aria-sort', 'descending');
  const amounts = (await page.getByTestId('notices').getByRole('row').locator('td:nth-child(5)').allTextContents()).map((t) =>
    Number(/\$([\d,.]+)/.exec(t)![1]!.replace(/,/g, '')),
  );
  expect(amounts.length).toBeGreaterThan(0);
  expect(amounts).toEqual([...amounts].sort((a, b) => b - a));
  const first = page.getByTestId('notices').getByRole('rowheader').first().getByRole('link');
  const claimNumber = (await first.textContent())!;
  await first.click();
  await expect(page).toHaveURL(/\/intercept\/notices\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Notice to withhold: claim ${claimNumber}`);
  await expect(page.getByTestId('notice-facts')).toContainText("Obligor's case");
  await atBothWidths(page, testInfo, 'notice');
  // Back returns to the list as it was sorted.
  await page.goBack();
  await expect(withhold).toHaveAttribute('aria-sort', 'descending');
});

test('state staff narrow the cases to one LCSA and order them by obligor, and a shared address shows the same', async ({ page }, testInfo) => {
  await signIn(page, 'admin@concord.test');
  await page.goto('/cases');
  const list = page.getByTestId('cases-list');
  await list.getByLabel('LCSA', { exact: true }).selectOption('fresno');
  await expect(page).toHaveURL(/cases\.lcsaId=fresno/);
  await page
    .getByTestId('cases')
    .getByRole('columnheader', { name: /Obligor/ })
    .getByRole('button')
    .click();
  await expect(page).toHaveURL(/cases\.sort=obligor/);
  // The header says the order of the rows shown (the page keeps the last rows on screen until the new ones come).
  await expect(page.getByTestId('cases').getByRole('columnheader', { name: /Obligor/ })).toHaveAttribute('aria-sort', 'ascending');
  const rows = page.getByTestId('cases').getByRole('row');
  await expect(rows.nth(1).getByRole('cell').nth(1)).toHaveText('fresno');
  const names = (await rows.locator('td:nth-child(2)').allTextContents()).map((t) => t.trim().toLowerCase());
  expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'en', { sensitivity: 'base' })));
  expect((await rows.locator('td:nth-child(3)').allTextContents()).every((l) => l === 'fresno')).toBe(true);
  await page.reload();
  await expect(page.getByTestId('cases').getByRole('columnheader', { name: /Obligor/ })).toHaveAttribute('aria-sort', 'ascending');
  await expect(list.getByLabel('LCSA', { exact: true })).toHaveValue('fresno');
  // The last name typed narrows the rows; the download links carry the same filters.
  const surname = names[0]!.split(',')[0]!;
  await list.getByLabel("Case number or obligor's last name").fill(surname);
  await list.getByRole('button', { name: 'Apply' }).click();
  await expect(list.getByRole('link', { name: 'CSV' })).toHaveAttribute('href', new RegExp(`q=${surname}`));
  await expect.poll(async () => (await rows.locator('td:nth-child(2)').allTextContents()).every((n) => n.toLowerCase().startsWith(surname))).toBe(true);
  await atBothWidths(page, testInfo, 'cases-list');
});

test('payoff demands page and sort on the server, and each demand has its own page with the payoff by case and lien', async ({ page }, testInfo) => {
  await signIn(page, 'admin@concord.test');
  await page.goto('/payoffs?payoff-demands.status=issued');
  const list = page.getByTestId('payoff-demands-list');
  await expect(list.getByLabel('Status', { exact: true })).toHaveValue('issued');
  await expect(list.getByRole('status').filter({ hasText: /\d payoff demands?\b/ })).toHaveText(/^[1-9][\d,]* payoff demands?\b/);
  const statuses = await page.getByTestId('payoff-demands').getByRole('row').locator('td:nth-child(4)').allTextContents();
  expect(statuses.length).toBeGreaterThan(0);
  expect(statuses.every((s) => s === 'Issued')).toBe(true);
  await atBothWidths(page, testInfo, 'payoff-demands');
  await page.getByTestId('payoff-demands').getByRole('rowheader').first().getByRole('link').click();
  await expect(page).toHaveURL(/\/payoffs\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId('demand-facts')).toContainText('StatusIssued');
  await expect(page.getByTestId('payoff-breakdown').getByRole('row').nth(1)).toBeVisible();
  await atBothWidths(page, testInfo, 'payoff-demand');
});

test('a case links to each person and each court order, on pages of their own', async ({ page }, testInfo) => {
  await signIn(page, 'la.caseworker@concord.test');
  await page.goto('/cases?cases.status=open');
  await page.getByTestId('cases').getByRole('rowheader').first().getByRole('link').click();
  const caseNumber = (await page.getByRole('heading', { level: 1 }).textContent())!.replace('Case ', '');
  const caseAddress = page.url();
  const obligor = page.getByRole('table', { name: 'People in the case' }).getByRole('row').filter({ hasText: 'Obligor' }).getByRole('link');
  const name = (await obligor.textContent())!.trim();
  await obligor.click();
  await expect(page).toHaveURL(/\/people\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);
  await expect(page.getByTestId('person-facts')).toContainText(/SSN\*\*\*-\*\*-\d{4}|SSNNot recorded/);
  await expect(page.getByTestId('person-cases').getByRole('row').filter({ hasText: caseNumber })).toContainText('Obligor');
  await atBothWidths(page, testInfo, 'person');

  await page.goto(caseAddress);
  const order = page.getByRole('link', { name: /^Order / }).first();
  const orderNumber = (await order.textContent())!.replace('Order ', '');
  await order.click();
  await expect(page).toHaveURL(/\/orders\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Court order ${orderNumber}`);
  await expect(page.getByTestId('order-terms').getByRole('row').nth(1)).toContainText(/Original order/);
  await expect(page.getByTestId('order-facts').getByRole('link', { name: caseNumber })).toBeVisible();
  await atBothWidths(page, testInfo, 'order');
});

test('a lien opens on its own page with every step it went through, and the recorder’s answer is given there', async ({ page }, testInfo) => {
  await signIn(page, 'la.caseworker@concord.test');
  await page.goto('/liens?liens.status=to_record');
  const first = page.getByTestId('liens').getByRole('row').filter({ hasNotText: 'held' }).nth(1);
  const caseNumber = (await first.getByRole('rowheader').textContent())!.trim();
  await first.getByRole('link', { name: /Abstract|Certified|Federal/ }).click();
  await expect(page).toHaveURL(/\/liens\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId('lien-facts')).toContainText(`Case${caseNumber}`);
  await expect(page.getByTestId('lien-events').getByRole('listitem').first()).toContainText('to record');
  await atBothWidths(page, testInfo, 'lien');
  const form = page.getByRole('form', { name: "Record the recorder's answer" });
  await form.getByLabel('Answer').selectOption('submitted');
  await form.getByLabel('Submitted on').fill('12/01/2026');
  await form.getByRole('button', { name: 'Save answer' }).click();
  await expect(page.getByTestId('lien-events').getByRole('listitem')).toHaveCount(2);
  await expect(page.getByTestId('lien-facts')).toContainText('Statussubmitted');
});

test('a course and a learner’s assignment each have their own address', async ({ page }, testInfo) => {
  await signIn(page, 'trainer@concord.test');
  await page.goto('/training');
  await page
    .getByTestId('courses')
    .getByRole('link', { name: /^CORE-100 / })
    .click();
  await expect(page).toHaveURL(/\/training\/courses\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId('course-facts')).toContainText('Published version');
  await atBothWidths(page, testInfo, 'course');
  await page.getByRole('button', { name: 'Sign out' }).click();

  await signIn(page, 'sac.caseworker@concord.test');
  await page.goto('/training');
  await page.getByTestId('my-learning').getByRole('rowheader').first().getByRole('link').click();
  await expect(page).toHaveURL(/\/training\/assignments\/[0-9a-f-]{36}$/);
  const address = page.url();
  await page.goto('/');
  await page.goto(address);
  await expect(page.getByTestId('course-player')).toBeVisible();
  await atBothWidths(page, testInfo, 'assignment');
});

test('the review queue pages and orders its cards on the server, and the order is in the address', async ({ page }, testInfo) => {
  await signIn(page, 'la.caseworker@concord.test');
  await page.goto('/intercept');
  const list = page.getByTestId('reviews-list');
  await expect(list.getByRole('status').filter({ hasText: /\d candidates?\b/ })).toHaveText(/^[\d,]+ candidates?, page 1 of \d+$/);
  await list.getByLabel('Order').selectOption('score.desc');
  await expect(page).toHaveURL(/reviews\.sort=score&reviews\.dir=desc|reviews\.dir=desc&reviews\.sort=score/);
  await expect(list.getByLabel('Order')).toHaveValue('score.desc');
  await expect
    .poll(async () => {
      const scores = (await list.getByTestId('review-card').getByRole('heading').allTextContents()).map((h) => Number(/score (-?[\d.]+)/.exec(h)![1]));
      return scores.length > 0 && scores.every((s, i) => i === 0 || scores[i - 1]! >= s);
    })
    .toBe(true);
  await page.reload();
  await expect(list.getByLabel('Order')).toHaveValue('score.desc');
  await atBothWidths(page, testInfo, 'review-queue');
});

test('subordination requests wait in their own list, and a decision takes one out of it', async ({ page }, testInfo) => {
  await signIn(page, 'admin@concord.test');
  await page.goto('/liens');
  const list = page.getByTestId('subordinations-list');
  await expect(list.getByRole('status').filter({ hasText: /\d subordination requests?\b/ })).toHaveText(/^[1-9]\d* subordination requests?, page 1 of 1$/);
  const row = page.getByTestId('subordinations').getByRole('row').filter({ hasText: 'Pacific Home Lending' });
  await expect(row).toContainText('Waiting for a decision');
  await atBothWidths(page, testInfo, 'subordinations');
  const form = page.getByRole('form', { name: 'Decide the request of Pacific Home Lending for 77 Mission Ridge Ct' });
  await form.getByLabel('Decision').selectOption('deny');
  await form.getByLabel('Note').fill('No wage assignment in force: ask again once one is.');
  await form.getByRole('button', { name: 'Record decision' }).click();
  await expect(row).toHaveCount(0);
  await list.getByLabel('Status', { exact: true }).selectOption('denied');
  await expect(page).toHaveURL(/subordinations\.status=denied/);
  await expect(page.getByTestId('subordinations').getByRole('row').filter({ hasText: 'Pacific Home Lending' })).toContainText('Denied on');
});

test('jobs and claim files are lists like the others: filtered on the server, their view in the address', async ({ page }, testInfo) => {
  await signIn(page, 'admin@concord.test');
  await page.goto('/jobs');
  const jobs = page.getByTestId('jobs-list');
  await jobs.getByLabel('Status', { exact: true }).selectOption('succeeded');
  await expect(page).toHaveURL(/jobs\.status=succeeded/);
  await expect(jobs.getByRole('status').filter({ hasText: /\d jobs?\b/ })).toHaveText(/^[\d,]+ jobs?\b/);
  await expect
    .poll(async () => (await page.getByTestId('jobs').locator('tbody td:nth-child(2)').allTextContents()).every((s) => s.startsWith('succeeded')))
    .toBe(true);
  await atBothWidths(page, testInfo, 'jobs');

  await page.goto('/intercept?claim-files.refused=true');
  const files = page.getByTestId('claim-files-list');
  await expect(files.getByLabel('Refused lines')).toHaveValue('true');
  await expect(files.getByRole('status').filter({ hasText: /\d claim files?\b/ })).toHaveText(/^[\d,]+ claim files?\b/);
  await expect
    .poll(async () => (await page.getByTestId('claim-files').locator('tbody td:nth-child(7)').allTextContents()).every((n) => Number(n) > 0))
    .toBe(true);
});
