import ExcelJS from 'exceljs';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { expectNoAxeViolations, signIn } from './helpers';
import { todayInCalifornia } from '../src/platform/calendar/contract';

/** The quarter before today's, as the demo seeds it: Los Angeles' claim for it is still a draft. */
function lastQuarter(): string {
  const [year, month] = todayInCalifornia().split('-').map(Number) as [number, number];
  const quarter = Math.ceil(month / 3);
  return quarter === 1 ? `${year - 1}-Q4` : `${year}-Q${quarter - 1}`;
}

function previousQuarter(quarter: string): string {
  const [year, q] = [Number(quarter.slice(0, 4)), Number(quarter.slice(-1))];
  return q === 1 ? `${year - 1}-Q4` : `${year}-Q${q - 1}`;
}

async function as(browser: Browser, email: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, email);
  await page.getByRole('navigation', { name: 'Primary' }).getByRole('link', { name: 'Expenditure claims' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Expenditure claims' })).toBeVisible();
  return page;
}

/** Line 1b's current-quarter cell of the consolidated report for the quarter. */
async function line1bCell(page: Page, quarter: string) {
  await page.getByLabel('Quarter', { exact: true }).last().fill(quarter);
  const row = page
    .getByTestId('ocse-396-A')
    .getByRole('row')
    .filter({ has: page.getByRole('rowheader', { name: /^1b/ }) });
  return row.getByRole('cell').nth(1);
}

async function line1bCurrent(page: Page, quarter: string): Promise<string> {
  return (await (await line1bCell(page, quarter)).textContent())!;
}

test('an LCSA imports a claim from XLSX, fixes an error, submits; it is approved, certified and accepted, and the consolidated report changes', async ({
  browser,
}) => {
  test.setTimeout(90_000);
  const quarter = lastQuarter();
  const state = await as(browser, 'admin@concord.test');
  const before = await line1bCurrent(state, quarter);
  await expect(state.getByTestId('ocse-396-A')).toBeVisible();
  await expect(state.getByTestId('ocse-396-B')).toContainText('Net federal share of expenditures');

  const preparer = await as(browser, 'la.budget@concord.test');
  await expectNoAxeViolations(preparer);
  const form = preparer.getByRole('form', { name: 'Import a claim from the XLSX template' });
  await form.getByLabel('Quarter').fill(quarter);
  const template = await preparer.request.get(
    (await form.getByRole('link', { name: `Download the claim template for ${quarter} (XLSX)` }).getAttribute('href'))!,
  );
  expect(template.status()).toBe(200);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(new Uint8Array(await template.body()).buffer);
  const sheet = workbook.getWorksheet('Claim')!;
  sheet.getCell('C4').value = '41,000.00 dollars';
  sheet.getCell('C5').value = 15_000;
  sheet.getCell('C10').value = 250;
  const times = workbook.getWorksheet('Time reports')!;
  times.getRow(2).values = ['time_study', 6_000, 40, 30];
  times.getRow(3).values = ['time_certification', 1_200, 0, 6];
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'claim-')), 'claim.xlsx');
  await workbook.xlsx.writeFile(file);
  await form.getByLabel('Filled-in workbook').setInputFiles(file);
  await form.getByRole('button', { name: 'Import the claim' }).click();
  await expect(form.getByRole('alert')).toContainText('Claim!C4 "41,000.00 dollars" is not an amount in dollars and cents');

  sheet.getCell('C4').value = 41_000;
  const fixed = path.join(path.dirname(file), 'claim-fixed.xlsx');
  await workbook.xlsx.writeFile(fixed);
  await form.getByLabel('Filled-in workbook').setInputFiles(fixed);
  await form.getByRole('button', { name: 'Import the claim' }).click();
  // The saved claim opens at its own address.
  await expect(preparer).toHaveURL(/\/claims\/[0-9a-f-]{36}$/);
  const detail = preparer.getByTestId('claim-detail');
  await expect(detail).toContainText('Version 2');
  await expect(detail).toContainText('$41,000.00');
  // A line corrected on the page, without the workbook: a new version, the shares worked out again.
  const lines = preparer.getByRole('form', { name: 'Edit the claim lines' });
  await expect(lines.getByLabel('Salaries and wages, current quarter (dollars)')).toHaveValue('41000.00');
  await lines.getByLabel('Salaries and wages, current quarter (dollars)').fill('42,500.00');
  await lines.getByLabel('Salaries and wages, prior-quarter adjustments (dollars)').fill('abc');
  await lines.getByRole('button', { name: 'Save a new version' }).click();
  await expect(lines.getByRole('alert')).toContainText('Salaries and wages, prior-quarter adjustments: enter dollars and cents');
  await lines.getByLabel('Salaries and wages, prior-quarter adjustments (dollars)').fill('-500.00');
  await lines.getByRole('button', { name: 'Save a new version' }).click();
  await expect(lines.getByRole('status')).toContainText('Version 3 saved');
  await expect(detail).toContainText('Version 3');
  await expect(detail).toContainText('$42,500.00');
  await expect(detail).toContainText('-$500.00');
  // Column C is itemised by the quarter it adjusts: the demo's item no longer adds up to it.
  await expect(detail).toContainText('those itemised by quarter add up to');
  const adjustments = preparer.getByTestId('claim-adjustments');
  await adjustments.getByRole('button', { name: /^Remove the / }).click();
  await expect(detail).toContainText('Version 4');
  const itemise = preparer.getByRole('form', { name: 'Itemise an adjustment' });
  await itemise.getByLabel('Quarter adjusted').fill(previousQuarter(quarter));
  await itemise.getByLabel('Amount (dollars)').fill('minus five hundred');
  await itemise.getByLabel('Reason').fill('Time study correction');
  await itemise.getByRole('button', { name: 'Add the adjustment' }).click();
  await expect(itemise.getByRole('alert')).toContainText('Amount: enter dollars and cents');
  await itemise.getByLabel('Amount (dollars)').fill('-500.00');
  await itemise.getByRole('button', { name: 'Add the adjustment' }).click();
  await expect(itemise.getByRole('status')).toContainText('Version 5 saved with 1 adjustments itemised.');
  await expect(adjustments).toContainText(previousQuarter(quarter));
  await expect(detail).not.toContainText('those itemised by quarter add up to');
  await expectNoAxeViolations(preparer);
  await detail.getByRole('button', { name: 'Submit the claim' }).click();
  // A signature is asked once more, with the amount, before it is recorded.
  await expect(detail.getByTestId('workflow-confirm')).toContainText(`${quarter}, version 5: $`);
  await expectNoAxeViolations(preparer);
  await detail.getByRole('button', { name: 'Yes, submit the claim' }).click();
  await expect(detail.getByRole('status').filter({ hasText: 'The claim is now' })).toContainText('The claim is now submitted.');
  // A submitted claim is no longer edited on the page.
  await expect(lines).toHaveCount(0);
  await expectNoAxeViolations(preparer);

  for (const [email, button, status] of [
    ['la.admin@concord.test', 'Approve (IV-D director)', 'approved'],
    ['la.controller@concord.test', 'Certify (auditor-controller)', 'certified'],
  ] as const) {
    const page = await as(browser, email);
    await expect(page.getByTestId('claims-inbox')).toContainText(quarter);
    await page
      .getByTestId('claims-inbox')
      .getByRole('link', { name: `Los Angeles County Department of Child Support Services, ${quarter}` })
      .click();
    await page.getByTestId('claim-detail').getByRole('button', { name: button }).click();
    await page
      .getByTestId('workflow-confirm')
      .getByRole('button', { name: /^Yes, / })
      .click();
    await expect(page.getByTestId('claim-detail').getByRole('status')).toContainText(`The claim is now ${status}.`);
    await expectNoAxeViolations(page);
  }

  await state.reload();
  await state
    .getByTestId('claims-inbox')
    .getByRole('link', { name: `Los Angeles County Department of Child Support Services, ${quarter}` })
    .click();
  await expect(state).toHaveURL(/\/claims\/[0-9a-f-]{36}$/);
  await expectNoAxeViolations(state);
  await state.getByTestId('claim-detail').getByRole('button', { name: 'Accept (state)' }).click();
  await state
    .getByTestId('workflow-confirm')
    .getByRole('button', { name: /^Yes, / })
    .click();
  await expect(state.getByTestId('claim-detail').getByRole('status')).toContainText('The claim is now accepted.');
  await state.getByRole('link', { name: 'All expenditure claims' }).click();
  // The report is read again once the page is back: it changes when the fresh figures arrive.
  await expect(await line1bCell(state, quarter)).not.toHaveText(before);
  await state.getByRole('button', { name: '1b — show the LCSA lines behind it' }).click();
  await expect(state.getByTestId('drill-down')).toContainText('Los Angeles County Department of Child Support Services');
  await expectNoAxeViolations(state);

  // The state enters the fees the federal government charged and files the report; line 14 nets them.
  const entries = state.getByRole('form', { name: `The state's entries for ${quarter}` });
  await entries.getByLabel('Line 10: Federal Parent Locator Service fees').fill('1,234.56');
  await entries.getByRole('button', { name: 'Save the entries' }).click();
  await expect(entries.getByRole('status')).toContainText('Saved: line 14, the net federal share, is now');
  await expect(state.getByTestId('ocse-396-B')).toContainText('$1,234.56');
  const filing = state.getByRole('form', { name: `File the ${quarter} report` });
  await filing.getByRole('button', { name: /^File (the|a revised) report$/ }).click();
  await filing.getByRole('button', { name: 'File it' }).click();
  await expect(filing.getByRole('status')).toContainText('Filed on');
  await expect(state.getByTestId('federal-deadlines')).toContainText('Filed on');
  await expectNoAxeViolations(state);

  // Los Angeles' budget request for the year waits for the state too.
  const budget = state.getByRole('form', { name: "Decide los-angeles's budget request" });
  await budget.getByRole('button', { name: 'Approve' }).click();
  await expect(state.getByTestId('budget-status')).toContainText('The budget request is now approved.');
  await expectNoAxeViolations(state);
});
