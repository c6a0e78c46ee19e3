import { expect, test } from '@playwright/test';
import { expectNoAxeViolations, signIn } from './helpers';

test('a new hire is assigned the core curriculum, takes a lesson and passes a quiz, and the manager dashboard shows it', async ({ browser }) => {
  const learner = await (await browser.newContext()).newPage();
  await signIn(learner, 'la.caseworker@concord.test');
  await learner.getByRole('navigation', { name: 'Primary' }).getByRole('link', { name: 'Training' }).click();
  const mine = learner.getByTestId('my-learning');
  await expect(mine).toContainText('Core Curriculum for new child support staff');
  await expect(mine).toContainText('CORE-100');
  await expectNoAxeViolations(learner);

  await mine.getByRole('link', { name: 'CORE-100 The child support programme' }).click();
  // The course has its own address: a learner can come back to it, or bookmark it.
  await expect(learner).toHaveURL(/\/training\/assignments\/[0-9a-f-]{36}$/);
  await expect(learner.getByRole('heading', { level: 1 })).toHaveText('CORE-100 — The child support programme');
  const player = learner.getByTestId('course-player');
  for (const lesson of ['Title IV-D and the DCSS–LCSA partnership', 'Our mission and the families we serve']) {
    await player.getByRole('button', { name: `Mark “${lesson}” done` }).click();
    await expect(player.getByRole('button', { name: `Mark “${lesson}” done` })).toHaveCount(0);
  }
  const quiz = learner.getByRole('form', { name: 'Proficiency check' });
  for (const option of await quiz.getByText('It follows the statewide procedure').all()) await option.click();
  await quiz.getByRole('button', { name: 'Submit my answers' }).click();
  await expect(quiz.getByRole('status')).toContainText('You scored 100%: passed. Course complete.');
  await expect(player.getByRole('link', { name: 'Download your certificate for CORE-100 (PDF)' })).toBeVisible();
  const certificate = await learner.request.get(
    (await player.getByRole('link', { name: 'Download your certificate for CORE-100 (PDF)' }).getAttribute('href'))!,
  );
  expect(certificate.headers()['content-type']).toBe('application/pdf');
  await expectNoAxeViolations(learner);

  const manager = await (await browser.newContext()).newPage();
  await signIn(manager, 'la.admin@concord.test');
  await manager.getByRole('navigation', { name: 'Primary' }).getByRole('link', { name: 'Training' }).click();
  await manager.getByLabel('Group by').selectOption('course');
  const row = manager.getByTestId('training-report').getByRole('row').filter({ hasText: 'CORE-100' });
  // The Los Angeles demo learners and the new hire: the new hire's completion is counted.
  await expect(row).toBeVisible();
  const completed = Number(await row.getByRole('cell').nth(1).textContent());
  expect(completed).toBeGreaterThanOrEqual(1);
  await expectNoAxeViolations(manager);
});

test('a trainer writes a course with a lesson and a quiz, saves a version and publishes it', async ({ page }) => {
  await signIn(page, 'trainer@concord.test');
  await page.getByRole('navigation', { name: 'Primary' }).getByRole('link', { name: 'Training' }).click();
  const code = `E2E-${Date.now() % 100_000}`;
  const create = page.getByRole('form', { name: 'New course' });
  await create.getByLabel('Code').fill(code);
  await create.getByLabel('Title').fill('Working a locate lead');
  await create.getByRole('button', { name: 'Create the course' }).click();
  // The new course opens on its own page, where it is written.
  await expect(page).toHaveURL(/\/training\/courses\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`${code} — Working a locate lead`);
  const edit = page.getByRole('form', { name: new RegExp(`^Edit ${code}`) });
  await edit.getByLabel('Description').fill('How to work a locate lead from start to finish.');
  await edit.getByLabel('Lesson 1 title').fill('Sources');
  await edit.getByLabel('Lesson 1 text (Markdown)').fill('Employment, DMV and FTB sources.');
  await edit.getByRole('button', { name: 'Add a quiz' }).click();
  await edit.getByLabel('Question 1', { exact: true }).fill('Which source shows current employment?');
  await edit.getByLabel('Question 1, option A').fill('New-hire reports');
  await edit.getByLabel('Question 1, option B').fill('The phone book');
  await edit.getByRole('button', { name: 'Save a new version' }).click();
  await expect(edit.getByRole('status')).toContainText('Version 1 saved.');
  const publish = page.getByRole('form', { name: `Publish ${code}` });
  await publish.getByRole('button', { name: 'Publish the latest version' }).click();
  await expect(publish.getByRole('status')).toContainText(`Version 1 of ${code} is published.`);
  await expectNoAxeViolations(page);

  await expect(page.getByTestId('course-facts')).toContainText('Published version1');
  await page.getByRole('link', { name: 'All courses' }).click();
  await expect(page.getByTestId('courses').getByRole('row').filter({ hasText: code })).toContainText('1');

  // The rollout: a wave is delayed, with its reason.
  const rollout = page.getByRole('form', { name: 'Update the rollout' });
  await rollout.getByLabel('Org unit').selectOption('sacramento');
  await rollout.getByLabel('Status').selectOption('delayed');
  await rollout.getByLabel('Why it is delayed').fill('Trainers redeployed to year-end closing');
  await rollout.getByRole('button', { name: 'Save the status' }).click();
  await expect(rollout.getByRole('status')).toContainText('delayed');
  await expect(page.getByTestId('rollout')).toContainText('Trainers redeployed to year-end closing');
  // The plan against actuals, and every change kept with who made it.
  const sacramento = page.getByTestId('rollout').getByRole('row').filter({ hasText: 'Sacramento' });
  await expect(sacramento).toContainText(/days? (late|early)|as planned/);
  await sacramento.getByText(/\d changes?/).click();
  await expect(sacramento.getByRole('listitem').last()).toContainText('delayed');
  await expect(sacramento.getByRole('listitem').last()).toContainText('(Trainers redeployed to year-end closing) by Terry Trainer');
  // A wave delayed in the demo was never launched: its units are not assigned anything, so no one there is overdue.
  await expect(page.getByTestId('rollout').getByRole('row').filter({ hasText: 'Staff redeployed to the CSE release' }).first()).toContainText(
    'Not assigned until it launches',
  );
  await expectNoAxeViolations(page);
});
