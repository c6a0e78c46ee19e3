import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations, signIn } from './helpers';
import { todayInCalifornia } from '../src/platform/calendar/contract';

const header =
  'claim_number,claim_type,payment_type,amount,loss_date,claimant_ssn,claimant_first_name,claimant_last_name,claimant_date_of_birth,claimant_address_line1,claimant_city,claimant_state,claimant_zip';

async function upload(page: Page, name: string, lines: string[]) {
  await page.getByLabel('Claim file', { exact: true }).setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from([header, ...lines].join('\n')) });
  await page.getByRole('button', { name: 'Upload file' }).click();
}

test('an insurer learns the format, uploads a claim file with errors, sees and downloads them, and sends the corrected lines', async ({ page }) => {
  await signIn(page, 'insurer@concord.test');
  await page.getByRole('navigation', { name: 'Primary' }).getByRole('link', { name: 'Insurance intercept' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Insurance intercept' })).toBeVisible();
  await expectNoAxeViolations(page);
  // The formats are on the page, with a template and samples to download.
  await expect(page.getByRole('heading', { level: 2, name: 'Claim-file formats' })).toBeVisible();
  await expect(page.getByRole('table', { name: 'CSV columns' })).toContainText('claimant_date_of_birth');
  const template = await page.request.get((await page.getByRole('link', { name: 'CSV template' }).getAttribute('href'))!);
  expect((await template.text()).trim()).toBe(header);

  const stamp = Date.now();
  await upload(page, `e2e-${stamp}.csv`, [
    `E2E-${stamp}-1,liability,lump_sum,4500.00,2026-10-01,321549876,Kim,Alvarez,1984-05-05,1 Bay St,Oakland,CA,94601`,
    `E2E-${stamp}-2,liability,lump_sum,4500.00,2026-10-32,321549877,Lou,Alvarez,1984-05-06,1 Bay St,Oakland,CA,94601`,
  ]);
  // The format was detected (none chosen), and the refused line is shown on the page with its field and reason.
  await expect(page.getByRole('status').filter({ hasText: `e2e-${stamp}.csv (CSV): 1 claims accepted, 1 lines refused.` })).toBeVisible();
  await expect(page.getByTestId('refused-lines').getByRole('row').filter({ hasText: 'loss_date' })).toContainText('3');
  const link = page.getByRole('link', { name: `Download errors for e2e-${stamp}.csv` });
  await expect(link).toBeVisible();
  const errors = await page.request.get((await link.getAttribute('href'))!);
  expect(await errors.text()).toContain(`e2e-${stamp}.csv,3,loss_date,is not a date (YYYY-MM-DD)`);
  await expectNoAxeViolations(page);

  // The corrected line, alone, in a new file.
  await upload(page, `e2e-${stamp}-fixed.csv`, [
    `E2E-${stamp}-2,liability,lump_sum,4500.00,2026-10-31,321549877,Lou,Alvarez,1984-05-06,1 Bay St,Oakland,CA,94601`,
  ]);
  await expect(page.getByRole('status').filter({ hasText: `e2e-${stamp}-fixed.csv (CSV): 1 claims accepted, 0 lines refused.` })).toBeVisible();
  await expect(
    page
      .getByTestId('claim-files')
      .getByRole('row')
      .filter({ hasText: `e2e-${stamp}-fixed.csv` }),
  ).toContainText('None');
});

test('a caseworker reviews a candidate match side by side, with the evidence in words and the case a click away, and confirms it from the keyboard', async ({
  page,
}) => {
  await signIn(page, 'la.caseworker@concord.test');
  await page.getByRole('navigation', { name: 'Primary' }).getByRole('link', { name: 'Insurance intercept' }).click();
  const card = page.getByTestId('review-card').first();
  await expect(card).toBeVisible();
  await expect(card.getByRole('table')).toContainText('Claimant');
  await expect(card.getByRole('list', { name: 'Evidence' })).toContainText('Date of birth one digit different: some evidence for the same person');
  await expect(card.getByRole('link', { name: /^Open case / })).toBeVisible();
  await expect(page.getByTestId('review-ageing').getByRole('row').filter({ hasText: 'Los Angeles' })).toContainText('0');
  await expectNoAxeViolations(page);
  const heading = (await card.getByRole('heading').textContent())!;
  const claimNumber = /Claim (\S+)/.exec(heading)![1]!;
  // C confirms the card that has focus (here its Reject button has it: the shortcut, not the button, acts).
  await card.getByRole('button', { name: `Reject match for claim ${claimNumber}` }).focus();
  await page.keyboard.press('c');
  await expect(page.getByRole('status').filter({ hasText: `Claim ${claimNumber}: match confirmed.` })).toBeVisible();
  await expect(page.getByRole('heading', { name: new RegExp(`Claim ${claimNumber} `) })).toHaveCount(0);
});

test('a caseworker issues a notice, the insurer promises a remittance, the disbursement unit receives it, and it shows in the case ledger', async ({
  page,
}) => {
  // Three people sign in and out in turn (argon2id each time): more than the default 30 s on a loaded machine.
  test.setTimeout(90_000);
  await signIn(page, 'la.caseworker@concord.test');
  const nav = page.getByRole('navigation', { name: 'Primary' });
  await nav.getByRole('link', { name: 'Insurance intercept' }).click();
  const automatic = page.getByRole('region', { name: 'Automatic matches waiting for a notice' });
  const card = automatic.getByTestId('review-card').first();
  await expect(card).toBeVisible();
  const claimNumber = /Claim (\S+)/.exec((await card.getByRole('heading').textContent())!)![1]!;
  await card.getByRole('button', { name: `Confirm and issue notice for claim ${claimNumber}` }).click();
  await expect(page.getByRole('status').filter({ hasText: `Claim ${claimNumber}: match confirmed and notice issued.` })).toBeVisible();
  // The new notice, found by its claim number in the server-paged list; its claim number opens its own page.
  const notices = page.getByRole('form', { name: 'Filter notices' });
  await notices.getByLabel('Claim number or insurer').fill(claimNumber);
  await notices.getByRole('button', { name: 'Apply' }).click();
  await expect(page).toHaveURL(new RegExp(`notices\\.q=${claimNumber}`));
  const row = page.getByTestId('notices').getByRole('row').filter({ hasText: claimNumber });
  await expect(row).toContainText('Issued, no answer yet');
  const caseHref = await row.getByRole('link', { name: /^Case / }).getAttribute('href');
  await expectNoAxeViolations(page);
  await row.getByRole('link', { name: claimNumber, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Notice to withhold: claim ${claimNumber}`);
  const noticeId = /\/intercept\/notices\/([0-9a-f-]+)$/.exec(page.url())![1]!;
  await expect(page.getByRole('link', { name: `Notice for claim ${claimNumber} (PDF)` })).toHaveAttribute(
    'href',
    `/api/intercept/notices/${noticeId}/notice.pdf`,
  );
  await expect(page.getByRole('form', { name: 'Record mailing and receipt' })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: 'Sign out' }).click();

  // The insurer follows a link to the notice (its own address) and answers there.
  await signIn(page, 'insurer@concord.test');
  await page.goto(`/intercept/notices/${noticeId}`);
  const answer = page.getByRole('form', { name: `Answer notice for claim ${claimNumber}` });
  await answer.getByLabel('Answer').selectOption('remitted');
  await answer.getByLabel('Remittance sent on').fill(todayInCalifornia());
  await answer.getByLabel('Amount remitted (dollars)').fill('750.00');
  await answer.getByRole('button', { name: 'Send answer' }).click();
  const facts = page.getByTestId('notice-facts');
  await expect(facts).toContainText('StatusRemitted');
  // Promised $750.00, received $0.00 until the disbursement unit has the money; the insurer never sees the obligor's case.
  await expect(facts).toContainText('Promised by the insurer$750.00');
  await expect(facts).toContainText('Received by the disbursement unit$0.00');
  await expect(facts).not.toContainText("Obligor's case");
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: 'Sign out' }).click();

  await signIn(page, 'admin@concord.test');
  await nav.getByRole('link', { name: 'Insurance intercept' }).click();
  const receiptForm = page.getByRole('form', { name: 'Send a disbursement unit receipt file' });
  const receiptId = `E2E-${Date.now()}`;
  await receiptForm.getByLabel('Receipt file').setInputFiles({
    name: 'sdu-e2e.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(`receipt_id,notice_reference,amount,received_on,payer\n${receiptId},${noticeId},750.00,${todayInCalifornia()},Golden State Mutual\n`),
  });
  await receiptForm.getByRole('button', { name: 'Send receipts' }).click();
  await expect(receiptForm.getByRole('status')).toHaveText('1 receipts: 1 posted, 0 exceptions, 0 already on file.');
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: 'Sign out' }).click();

  await signIn(page, 'la.caseworker@concord.test');
  await page.goto(caseHref!);
  await page.getByText(/^Ledger entries/).click();
  const ledgerForm = page.getByRole('form', { name: 'Filter the ledger' });
  await ledgerForm.getByLabel('Kind of entry').selectOption('collection');
  await ledgerForm.getByLabel('From', { exact: true }).fill(todayInCalifornia());
  await ledgerForm.getByRole('button', { name: 'Show entries' }).click();
  await expect(page.getByTestId('ledger')).toContainText(`SDU-${receiptId}`);
});

test('a caseworker records a parent’s contest, the notice is on hold, and the decision lets it proceed with letters', async ({ page }) => {
  await signIn(page, 'la.caseworker@concord.test');
  await page.getByRole('navigation', { name: 'Primary' }).getByRole('link', { name: 'Insurance intercept' }).click();
  // A notice still open and not held: narrowed on the server, then opened on its own page.
  const filters = page.getByRole('form', { name: 'Filter notices' });
  await filters.getByLabel('Status').selectOption('remitted');
  await filters.getByLabel('Contest hold').selectOption('false');
  await expect(page).toHaveURL(/notices\.status=remitted/);
  const first = page.getByTestId('notices').getByRole('rowheader').first().getByRole('link');
  const claimNumber = (await first.textContent())!;
  await first.click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Notice to withhold: claim ${claimNumber}`);
  const form = page.getByRole('form', { name: 'Record a contest' });
  await form.getByLabel('Contest received on').fill(todayInCalifornia());
  await form.getByLabel('Grounds').selectOption('not_my_claim');
  await form.getByLabel('Documents sent (optional)').fill('Driver licence copy; Birth certificate');
  await form.getByRole('button', { name: 'Record contest' }).click();
  await expect(form.getByRole('status')).toHaveText(`Contest recorded for claim ${claimNumber}: the notice is on hold.`);
  await expect(page.getByTestId('notice-facts')).toContainText('on hold (contested)');
  const contests = page.getByTestId('contests');
  await expect(contests.getByRole('row').filter({ hasText: claimNumber })).toContainText('Open: notice on hold');
  await expect(
    contests
      .getByRole('row')
      .filter({ hasText: claimNumber })
      .getByRole('link', { name: `Letter to the insurer for claim ${claimNumber} (PDF)` }),
  ).toBeVisible();
  await expectNoAxeViolations(page);

  const decide = page.getByRole('form', { name: `Decide the contest of claim ${claimNumber}` });
  await decide.getByLabel('Decision').selectOption('denied');
  await decide.getByLabel("Reason (goes on the parent's letter)").fill('The claimant’s identity matches our records.');
  await decide.getByRole('button', { name: 'Record decision' }).click();
  const row = contests.getByRole('row').filter({ hasText: claimNumber });
  await expect(row).toContainText('Denied: notice proceeds');
  await expect(row.getByRole('link', { name: `Decision letter to the parent for claim ${claimNumber} (PDF)` })).toBeVisible();
  await expect(page.getByTestId('notice-facts')).not.toContainText('on hold');
  await expectNoAxeViolations(page);
});

test('state finance sees the receipt held on a contested notice and returns it to the payer', async ({ page }) => {
  await signIn(page, 'admin@concord.test');
  await page.getByRole('navigation', { name: 'Primary' }).getByRole('link', { name: 'Insurance intercept' }).click();
  // The demo's contested notice: on hold, its contest open.
  await expect(page.getByTestId('contests').getByRole('row').filter({ hasText: 'Open: notice on hold' }).first()).toBeVisible();
  await page.getByRole('form', { name: 'Filter notices' }).getByLabel('Contest hold').selectOption('true');
  await expect(page.getByTestId('notices')).toContainText('on hold (contested)');
  const exception = page.getByTestId('receipt-exceptions').getByRole('row').filter({ hasText: 'SDU-DEMO-' }).first();
  await expect(exception).toContainText('Notice on hold (contested)');
  const receiptId = (await exception.getByRole('rowheader').textContent())!;
  const settle = page.getByRole('form', { name: `Settle receipt ${receiptId}` });
  await settle.getByLabel('What to do').selectOption('return');
  await settle.getByLabel('Why').fill('Notice contested: money returned to the insurer.');
  await settle.getByRole('button', { name: 'Settle' }).click();
  await expect(page.getByTestId('receipt-exceptions').getByRole('row').filter({ hasText: receiptId })).toHaveCount(0);
  await expectNoAxeViolations(page);
});

test('the state sees each insurer’s compliance with charts, the insurers that sent nothing, and posts a bulletin', async ({ page }) => {
  await signIn(page, 'admin@concord.test');
  await page.getByRole('navigation', { name: 'Primary' }).getByRole('link', { name: 'Insurance intercept' }).click();
  await expect(page.getByTestId('compliance').getByRole('row').filter({ hasText: 'Golden State Mutual Insurance Company' })).toBeVisible();
  await expect(page.getByTestId('not-reporting')).toContainText('Mission Disability Insurers');
  await expect(page.getByRole('img', { name: /^Dollars remitted by insurer\./ })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Download the compliance report (XLSX)' })).toBeVisible();
  const bulletin = page.getByRole('form', { name: 'Post a bulletin to every insurer' });
  await bulletin.getByLabel('Subject').fill('Portal maintenance on Saturday');
  await bulletin.getByLabel('Message').fill('The insurer portal is closed from 8 to 10 am.');
  await bulletin.getByRole('button', { name: 'Post bulletin' }).click();
  await expect(page.getByTestId('outreach')).toContainText('Portal maintenance on Saturday');
  await expectNoAxeViolations(page);
});

test('an insurer checks a claimant before paying and is told whether to wait for a notice, never an amount', async ({ page }) => {
  await signIn(page, 'insurer@concord.test');
  await page.getByRole('navigation', { name: 'Primary' }).getByRole('link', { name: 'Insurance intercept' }).click();
  const form = page.getByRole('form', { name: 'Check a claimant before paying' });
  await form.getByLabel('Claim number').fill(`LOOKUP-${Date.now()}`);
  await form.getByLabel('Amount of the payment (dollars)').fill('18500.00');
  await form.getByLabel('Claimant first name').fill('Noor');
  await form.getByLabel('Claimant last name').fill('Haddad-Whitcombe');
  await form.getByLabel('Claimant date of birth').fill('1990-02-14');
  await form.getByLabel('Claimant street address').fill('77 Quiet Ln');
  await form.getByLabel('City').fill('Eureka');
  await form.getByLabel('ZIP code').fill('95501');
  await form.getByRole('button', { name: 'Check' }).click();
  await expect(form.getByRole('status')).toContainText('does not owe past-due child support');
  await expect(form.getByRole('status')).not.toContainText('$');
  await expectNoAxeViolations(page);
});
