import { expect, test, type Browser, type Page } from '@playwright/test';
import { expectNoAxeViolations, signIn } from './helpers';
import { todayInCalifornia } from '../src/platform/calendar/contract';

const title = 'Los Angeles pulse survey';

/** Signs a Los Angeles member of staff in and follows their anonymous link to the survey. */
async function openSurvey(browser: Browser, email: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, email);
  await page.getByRole('navigation', { name: 'Primary' }).getByRole('link', { name: 'Trauma-informed' }).click();
  await page
    .getByTestId('my-surveys')
    .getByRole('link', { name: `Answer “${title}” anonymously` })
    .click();
  await expect(page.getByRole('heading', { level: 2, name: title })).toBeVisible();
  return page;
}

/** Answers every statement with the same choice by clicking its label. */
async function answerAll(page: Page, choice: string, send: string) {
  const form = page.getByRole('form');
  const statements = form.locator('fieldset').filter({
    has: page.locator(
      'input[name^="gov"], input[name^="pol"], input[name^="env"], input[name^="eng"], input[name^="crs"], input[name^="scr"], input[name^="wrk"], input[name^="mon"], input[name^="fin"], input[name^="evl"]',
    ),
  });
  await expect(statements).toHaveCount(30);
  for (const statement of await statements.all()) await statement.getByText(choice, { exact: true }).click();
  await form.getByRole('button', { name: send }).click();
}

test('an administrator opens a campaign, staff answer anonymously (one with the keyboard only), results appear when it closes and only above the threshold, and a gap becomes an action', async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const admin = await (await browser.newContext()).newPage();
  await signIn(admin, 'admin@concord.test');
  await admin.getByRole('navigation', { name: 'Primary' }).getByRole('link', { name: 'Trauma-informed' }).click();
  await expect(admin.getByRole('heading', { level: 1, name: 'Trauma-informed organisation' })).toBeVisible();
  // The demo: two campaigns a year apart, and the action plan at 23%.
  await expect(admin.getByTestId('campaigns')).toContainText('Baseline assessment');
  // The open follow-up's results: each domain against the baseline a year ago and the target.
  await expect(admin.getByTestId('baseline')).toContainText('Implementation domains: baseline (Baseline assessment)');
  await expect(admin.getByTestId('action-plan')).toContainText(/\d+% complete: \d+ of \d+ actions done/);
  const totalBefore = Number(/of (\d+) actions done/.exec((await admin.getByTestId('action-plan').textContent())!)![1]);
  await expectNoAxeViolations(admin);

  const form = admin.getByRole('form', { name: 'Open a campaign' });
  await form.getByLabel('Title').fill(title);
  const today = todayInCalifornia();
  await form.getByLabel('Opens on').fill(today);
  await form.getByLabel('Closes on').fill('2099-12-31');
  await form.getByText('Los Angeles County Department of Child Support Services', { exact: true }).click();
  await form.getByRole('button', { name: 'Open the campaign' }).click();
  await expect(form.getByRole('status')).toContainText(`Campaign “${title}” is open`);

  // Four answer with the mouse, one of them in Spanish.
  const mouse = ['la.caseworker@concord.test', 'la.finance@concord.test', 'la.budget@concord.test', 'la.controller@concord.test'];
  for (const [i, email] of mouse.entries()) {
    const page = await openSurvey(browser, email);
    if (i === 0) {
      await page.getByText('Español', { exact: true }).click();
      await expect(page.getByRole('heading', { level: 1, name: 'Encuesta para el personal' })).toBeVisible();
      await expectNoAxeViolations(page);
      await answerAll(page, 'De acuerdo', 'Enviar mis respuestas');
      await expect(page.getByRole('status').last()).toHaveText('Gracias. Recibimos sus respuestas.');
    } else {
      await answerAll(page, i === 1 ? 'Disagree' : 'Agree', 'Send my answers');
      await expect(page.getByRole('status').last()).toHaveText('Thank you. Your answers were received.');
    }
    if (i === 1) {
      // The same link again: answered already.
      await page.reload();
      await expect(page.getByText('You have answered this survey already. Thank you.')).toBeVisible();
    }
    await page.context().close();
  }

  // While the campaign is open, no results: they would change with each answer.
  await admin.reload();
  await admin.getByRole('link', { name: `Results of “${title}”` }).click();
  // The campaign's results have their own address.
  await expect(admin).toHaveURL(/\/trauma\?campaign=[0-9a-f-]{36}$/);
  const results = admin.getByTestId('results');
  await expect(results.getByRole('heading', { name: `Results: ${title}` })).toBeVisible();
  await expect(results.getByTestId('results-summary')).toContainText('Results are shown when this campaign closes');

  // The fifth answers with the keyboard only.
  const keyboard = await openSurvey(browser, 'la.admin@concord.test');
  await keyboard.getByRole('radio', { name: 'English' }).focus();
  await keyboard.keyboard.press('Tab'); // the role group
  await expect(keyboard.getByRole('radio', { name: 'Staff' })).toBeFocused();
  await keyboard.keyboard.press('ArrowDown'); // Supervisor
  for (let i = 0; i < 30; i++) {
    await keyboard.keyboard.press('Tab');
    for (let k = 0; k < 3; k++) await keyboard.keyboard.press('ArrowDown'); // → Agree
  }
  await keyboard.keyboard.press('Tab');
  await expect(keyboard.getByRole('button', { name: 'Send my answers' })).toBeFocused();
  await expectNoAxeViolations(keyboard);
  await keyboard.keyboard.press('Enter');
  await expect(keyboard.getByRole('status').last()).toHaveText('Thank you. Your answers were received.');

  // Closed with five answers: the results appear; a role group of one (or its complement of four) does not.
  await admin.reload();
  await admin.getByRole('button', { name: `Close “${title}”` }).click();
  await expect(admin.getByText(`Campaign “${title}” is closed.`)).toBeVisible();
  await admin.getByRole('link', { name: `Results of “${title}”` }).click();
  await expect(results.getByTestId('results-summary')).toContainText('5 respondents');
  await expect(results.getByTestId('heat-map')).not.toContainText('Not shown');
  await expectNoAxeViolations(admin);
  await results.getByLabel('Role group').selectOption('supervisor');
  await expect(results.getByTestId('results-summary')).toContainText('Not shown: fewer than 5 people');
  await results.getByLabel('Role group').selectOption('staff');
  await expect(results.getByTestId('results-summary')).toContainText('Not shown: fewer than 5 people');
  await results.getByLabel('Role group').selectOption('');
  await expect(results.getByTestId('results-summary')).toContainText('5 respondents');

  // A gap becomes an action in the plan.
  const gaps = results.getByTestId('gaps');
  const firstGap = gaps.getByRole('button').first();
  const gapName = (await firstGap.textContent())!.replace(/^Make “|” an action$/g, '');
  await firstGap.click();
  const action = admin.getByRole('form', { name: `New action for the gap in ${gapName}` });
  await expect(action.getByLabel('Action')).toHaveValue(`Close the gap in ${gapName}`);
  await action.getByLabel('Owner').fill('Los Angeles LCSA director');
  await action.getByLabel('Due on').fill('2027-06-30');
  await action.getByLabel('Required training courses').fill('LEAD-400');
  await action.getByRole('button', { name: 'Add the action' }).click();
  await expect(action.getByRole('status')).toContainText('added to the plan');
  const plan = admin.getByTestId('action-plan');
  await expect(plan.getByRole('row').filter({ hasText: `Close the gap in ${gapName}` })).toContainText('LEAD-400');
  await expect(plan).toContainText(`of ${totalBefore + 1} actions done`);
  await expectNoAxeViolations(admin);
});
