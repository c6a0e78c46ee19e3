import { expect, test } from '@playwright/test';
import { demoPackage } from '../src/modules/training';
import { expectNoAxeViolations, signIn } from './helpers';

test('a trainer imports a cmi5 package; a new hire launches its units, reads, passes the check and comes back with the course complete', async ({
  browser,
}) => {
  const trainer = await (await browser.newContext()).newPage();
  await signIn(trainer, 'trainer@concord.test');
  await trainer.getByRole('navigation', { name: 'Primary' }).getByRole('link', { name: 'Training' }).click();
  const code = `CMI5-${Date.now() % 100_000}`;
  const create = trainer.getByRole('form', { name: 'New course' });
  await create.getByLabel('Code').fill(code);
  await create.getByLabel('Title').fill('First contact, imported');
  await create.getByRole('button', { name: 'Create the course' }).click();
  await expect(trainer).toHaveURL(/\/training\/courses\/[0-9a-f-]{36}$/);
  const importForm = trainer.getByRole('form', { name: 'Import a cmi5 course package' });
  await importForm.getByLabel('Package (.zip)').setInputFiles({ name: 'first-contact.zip', mimeType: 'application/zip', buffer: await demoPackage() });
  await importForm.getByRole('button', { name: 'Import the package' }).click();
  await expect(importForm.getByRole('status')).toContainText('Imported: version 1 has 2 lessons from the package.');
  const edit = trainer.getByRole('form', { name: new RegExp(`^Edit ${code}`) });
  await expect(edit.getByLabel('Lesson 2 title')).toHaveValue('Knowledge check: a trauma-informed first contact');
  await expect(edit.getByTestId('lesson-1-au')).toHaveText('cmi5 unit check.html: done when the unit is completed and passed (pass mark 80%).');
  await expectNoAxeViolations(trainer);

  // The demo Core Curriculum carries the same package as CORE-105: the Los Angeles new hire takes it.
  const learner = await (await browser.newContext()).newPage();
  await signIn(learner, 'la.caseworker@concord.test');
  await learner.getByRole('navigation', { name: 'Primary' }).getByRole('link', { name: 'Training' }).click();
  await learner.getByTestId('my-learning').getByRole('link', { name: 'CORE-105 First contact with a parent' }).click();
  await expect(learner.getByRole('heading', { level: 1 })).toHaveText('CORE-105 — First contact with a parent');
  const assignmentUrl = learner.url();
  const player = learner.getByTestId('course-player');
  await expect(player.getByRole('button', { name: /^Mark/ })).toHaveCount(0);
  await expectNoAxeViolations(learner);

  // The reading unit: launched in this window, it fetches its token, reads its launch data and reports.
  await player.getByRole('button', { name: 'Start “Before the first call”' }).click();
  await expect(learner).toHaveURL(/\/api\/training\/cmi5\/content\/[0-9a-f-]{36}\/welcome\.html\?endpoint=/);
  await expect(learner.getByRole('status')).toHaveText('Read the lesson, then say you have read it.');
  await expectNoAxeViolations(learner);
  await learner.getByRole('button', { name: 'I have read this lesson' }).click();
  await expect(learner.getByRole('status')).toHaveText('Lesson complete. Concord has recorded it.');
  await learner.getByRole('link', { name: 'Return to Concord' }).click();
  await expect(learner).toHaveURL(assignmentUrl);
  await expect(player.getByRole('button', { name: 'Open “Before the first call” again' })).toBeVisible();

  // The knowledge check: one wrong answer of five still passes at the 0.8 mastery score.
  await player.getByRole('button', { name: 'Start “Knowledge check: a trauma-informed first contact”' }).click();
  await expect(learner.getByRole('status')).toHaveText('Answer every question, then submit.');
  await expectNoAxeViolations(learner);
  for (const answer of [
    'Do not confirm or share it in any form',
    'Read the case notes and the preferred language',
    '"I\'m calling about your case; it will take about ten minutes, and you can ask me to call back."',
    'Speak slowly in English',
    'With what happens next and how to reach you',
  ])
    await learner.getByLabel(answer).check();
  await learner.getByRole('button', { name: 'Submit my answers' }).click();
  await expect(learner.getByRole('status')).toHaveText('You answered 4 of 5 right and passed. Concord has recorded it.');
  await learner.getByRole('link', { name: 'Return to Concord' }).click();
  await expect(learner).toHaveURL(assignmentUrl);
  await expect(player).toContainText('completed');
  await expect(player.getByRole('button', { name: 'Open “Knowledge check: a trauma-informed first contact” again' })).toBeVisible();
  await expectNoAxeViolations(learner);
});
