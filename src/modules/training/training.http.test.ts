import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/app';
import { pdfText } from '../../../test/pdf-text';
import { todayInCalifornia, addDays, addMonthsClamped } from '../../platform/dates';

const { app, signInAs } = await useTestApp();
const trainer = await signInAs('trainer');
const laAdmin = await signInAs('lcsa_admin', { lcsaId: 'los-angeles' });
const sacAdmin = await signInAs('lcsa_admin', { lcsaId: 'sacramento' });
const newHire = await signInAs('lcsa_caseworker', { lcsaId: 'los-angeles' });
const veteran = await signInAs('lcsa_caseworker', { lcsaId: 'los-angeles' });
const today = todayInCalifornia();

const post = (url: string, headers: Record<string, string>, payload?: object) => app.inject({ method: 'POST', url, headers, payload: payload ?? {} });
const get = (url: string, headers: Record<string, string>) => app.inject({ url, headers });

const quiz = {
  passMarkPercent: 80,
  maxAttempts: 2,
  questions: [
    {
      id: 'q1',
      text: 'Who records a support lien?',
      kind: 'single',
      options: [
        { id: 'a', text: 'The LCSA' },
        { id: 'b', text: 'The court' },
      ],
      correct: ['a'],
      points: 1,
    },
    {
      id: 'q2',
      text: 'Which are enforcement tools?',
      kind: 'multiple',
      options: [
        { id: 'a', text: 'Income withholding' },
        { id: 'b', text: 'Tax offset' },
        { id: 'c', text: 'A birthday card' },
      ],
      correct: ['a', 'b'],
      points: 1,
    },
  ],
};

async function publishedCourse(code: string, withQuiz: boolean) {
  const course = (
    await post('/api/training/courses', trainer.headers, { code, title: `${code} course`, category: 'procedures', owner: 'Statewide Training Unit' })
  ).json<{ id: string }>();
  const saved = await post(`/api/training/courses/${course.id}/versions`, trainer.headers, {
    description: 'What every caseworker needs',
    lessons: [
      { id: 'intro', title: 'Introduction', body: '# Welcome\nThe child support programme.', videoUrl: 'https://video.example/intro' },
      { id: 'tools', title: 'Tools', body: 'Liens, withholding, intercepts.', files: [{ name: 'Guide', url: 'https://files.example/guide.pdf' }] },
    ],
    quiz: withQuiz ? quiz : null,
  });
  expect(saved.statusCode, saved.body).toBe(200);
  expect((await post(`/api/training/courses/${course.id}/publish`, trainer.headers)).json().publishedVersion).toBe(1);
  return course.id;
}

describe('training', () => {
  let enforcement = '';
  let orientation = '';

  it('refuses a quiz written wrongly, naming the field', async () => {
    const course = (await post('/api/training/courses', trainer.headers, { code: 'BAD-1', title: 'Bad', category: 'system', owner: 'Trainer' })).json<{
      id: string;
    }>();
    const bad = await post(`/api/training/courses/${course.id}/versions`, trainer.headers, {
      description: '',
      lessons: [{ id: 'l', title: 'Lesson', body: 'x' }],
      quiz: { ...quiz, questions: [{ ...quiz.questions[0], correct: ['a', 'b'] }] },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'course_content_invalid', errors: [{ path: '/quiz/questions/0/correct' }] });
    expect((await post('/api/training/courses', newHire.headers, { code: 'NOPE-1', title: 'Nope', category: 'system', owner: 'Someone' })).statusCode).toBe(
      403,
    );
  });

  it('assigns the core curriculum to a new hire, due 90 days after hire; others by rule only', async () => {
    orientation = await publishedCourse('CORE-101', false);
    enforcement = await publishedCourse('CORE-201', true);
    const created = await post('/api/training/curricula', trainer.headers, {
      code: 'CORE',
      title: 'Core Curriculum',
      description: 'Procedures, system training and soft skills for all new staff',
      courseIds: [orientation, enforcement],
      rules: { newHireDueDays: 90, roles: [], orgUnits: [], assignDueDays: 30, recertifyMonths: 12 },
      startsOn: '2026-01-01',
    });
    expect(created.statusCode).toBe(201);
    expect(
      (await post('/api/training/staff', sacAdmin.headers, { userId: newHire.userId, orgUnitId: 'los-angeles', hireDate: addDays(today, -20) })).json().code,
    ).toBe('org_unit_out_of_scope');
    const set = await post('/api/training/staff', laAdmin.headers, { userId: newHire.userId, orgUnitId: 'los-angeles', hireDate: addDays(today, -20) });
    expect(set.json()).toEqual({ assigned: 2 });
    // Hired before the curriculum started: not a new hire, and no role or unit rule applies.
    expect((await post('/api/training/staff', laAdmin.headers, { userId: veteran.userId, orgUnitId: 'los-angeles', hireDate: '2019-05-01' })).json()).toEqual({
      assigned: 0,
    });
    const mine = (await get('/api/training/my', newHire.headers)).json();
    expect(mine.map((a: { courseCode: string; dueOn: string; source: string }) => [a.courseCode, a.dueOn, a.source])).toEqual([
      ['CORE-101', addDays(today, 70), 'new_hire'],
      ['CORE-201', addDays(today, 70), 'new_hire'],
    ]);
    // Learners never see which options are right.
    const catalogue = (await get('/api/training/courses', newHire.headers)).json();
    expect(JSON.stringify(catalogue)).not.toContain('"correct"');
  });

  it('takes lessons and a quiz (progress saved, attempts counted) to completion and a certificate', async () => {
    const mine = (await get('/api/training/my', newHire.headers)).json<{ id: string; courseCode: string }[]>();
    const assignment = mine.find((a) => a.courseCode === 'CORE-201')!.id;
    expect((await get(`/api/training/assignments/${assignment}/certificate.pdf`, newHire.headers)).json().code).toBe('not_completed');
    expect((await post(`/api/training/assignments/${assignment}/lessons/intro/complete`, veteran.headers)).statusCode).toBe(404);
    const progress = (await post(`/api/training/assignments/${assignment}/lessons/intro/complete`, newHire.headers)).json();
    expect(progress).toMatchObject({ status: 'in_progress', lessonsDone: ['intro'], lessonCount: 2 });
    const failed = (await post(`/api/training/assignments/${assignment}/quiz`, newHire.headers, { answers: { q1: ['a'], q2: ['a'] } })).json();
    expect(failed).toMatchObject({ scorePercent: 50, isPassed: false, attempt: 1, attemptsLeft: 1 });
    const passed = (await post(`/api/training/assignments/${assignment}/quiz`, newHire.headers, { answers: { q1: ['a'], q2: ['a', 'b'] } })).json();
    // Passed, but a lesson is still to do.
    expect(passed).toMatchObject({ isPassed: true, assignment: { status: 'in_progress' } });
    expect((await post(`/api/training/assignments/${assignment}/quiz`, newHire.headers, { answers: {} })).json().code).toBe('no_attempts_left');
    const done = (await post(`/api/training/assignments/${assignment}/lessons/tools/complete`, newHire.headers)).json();
    expect(done).toMatchObject({ status: 'completed', completedOn: today, scorePercent: 100, expiresOn: addMonthsClamped(today, 12) });
    const pdf = pdfText((await get(`/api/training/assignments/${assignment}/certificate.pdf`, newHire.headers)).rawPayload).join(' ');
    expect(pdf).toContain('Certificate of completion');
    expect(pdf).toContain('CORE-201');
  });

  it('reports completion, overdue and scores by org unit, role and course, to managers in scope, with CSV and XLSX', async () => {
    const late = await signInAs('lcsa_caseworker', { lcsaId: 'los-angeles' });
    await post('/api/training/staff', laAdmin.headers, { userId: late.userId, orgUnitId: 'los-angeles', hireDate: '2026-01-05' });
    const byUnit = (await get('/api/training/report?groupBy=org_unit', laAdmin.headers)).json();
    expect(byUnit.rows).toEqual([
      { key: 'los-angeles', label: 'Los Angeles County Department of Child Support Services', assigned: 4, completed: 1, overdue: 2, averageScorePercent: 100 },
    ]);
    expect((await get('/api/training/report?groupBy=org_unit', sacAdmin.headers)).json().rows).toEqual([]);
    const byCourse = (await get('/api/training/report?groupBy=course', trainer.headers)).json();
    expect(byCourse.rows.map((r: { key: string }) => r.key)).toEqual(['CORE-101', 'CORE-201']);
    const csv = await get('/api/training/report.csv?groupBy=role', trainer.headers);
    expect(csv.body).toContain('lcsa_caseworker,4,1,2,100');
    expect((await get('/api/training/report', newHire.headers)).statusCode).toBe(403);
    expect((await post('/api/training/reminders', laAdmin.headers)).json()).toEqual({ reminded: 2 });
    expect((await post('/api/training/reminders', laAdmin.headers)).json()).toEqual({ reminded: 0 });
  });

  it('keeps the rollout plan in waves, a delay with its reason, with progress per unit', async () => {
    expect((await post('/api/training/rollout/hq-css', trainer.headers, { status: 'launched', wave: 1, plannedOn: '2026-04-01' })).json()).toMatchObject({
      status: 'launched',
      launchedOn: today,
    });
    expect((await post('/api/training/rollout/los-angeles', trainer.headers, { status: 'delayed', wave: 2, plannedOn: '2026-06-01' })).json().code).toBe(
      'delay_reason_required',
    );
    const delayed = (
      await post('/api/training/rollout/los-angeles', trainer.headers, {
        status: 'delayed',
        wave: 2,
        plannedOn: '2026-06-01',
        delayReason: 'Staff shortage during the CSE release',
      })
    ).json();
    expect(delayed).toMatchObject({ status: 'delayed', delayReason: 'Staff shortage during the CSE release', assigned: 4, completed: 1 });
    expect((await post('/api/training/rollout/los-angeles', laAdmin.headers, { status: 'launched' })).statusCode).toBe(403);
    expect((await get('/api/training/rollout', newHire.headers)).json().map((w: { orgUnitId: string }) => w.orgUnitId)).toEqual(['hq-css', 'los-angeles']);
  });

  it('gates on the launch: a delayed unit is assigned nothing; its launch assigns from the launch date; every change is kept with who made it', async () => {
    const plan = { wave: 3, plannedOn: addDays(today, -60) };
    expect((await post('/api/training/rollout/fresno', trainer.headers, { status: 'planned', ...plan })).statusCode).toBe(200);
    expect(
      (await post('/api/training/rollout/fresno', trainer.headers, { status: 'delayed', ...plan, plannedOn: addDays(today, 30), delayReason: 'Hiring freeze' }))
        .statusCode,
    ).toBe(200);
    const fresnoHire = await signInAs('lcsa_caseworker', { lcsaId: 'fresno' });
    const fresnoAdmin = await signInAs('lcsa_admin', { lcsaId: 'fresno' });
    // Hired 80 days ago: 90 days from hire would leave 10; held until the launch, nothing is assigned and nothing overdue.
    expect(
      (await post('/api/training/staff', fresnoAdmin.headers, { userId: fresnoHire.userId, orgUnitId: 'fresno', hireDate: addDays(today, -80) })).json(),
    ).toEqual({
      assigned: 0,
    });
    expect((await get('/api/training/my', fresnoHire.headers)).json()).toEqual([]);
    const launched = (await post('/api/training/rollout/fresno', trainer.headers, { status: 'launched' })).json();
    expect(launched).toMatchObject({ status: 'launched', launchedOn: today, assigned: 2 });
    // Due 90 days from the launch, not from the hire date.
    const mine = (await get('/api/training/my', fresnoHire.headers)).json<{ dueOn: string }[]>();
    expect(mine.map((a) => a.dueOn)).toEqual([addDays(today, 90), addDays(today, 90)]);
    expect(launched.history.map((h: { status: string; reason: string | null; by: string | null }) => [h.status, h.reason, h.by !== null])).toEqual([
      ['planned', null, true],
      ['delayed', 'Hiring freeze', true],
      ['launched', null, true],
    ]);
    // Los Angeles was delayed with assignments open: its launch re-plans them from the launch date.
    const before = (await get('/api/training/my', newHire.headers)).json<{ id: string; status: string; source: string; dueOn: string }[]>();
    const open = before.filter((a) => a.status !== 'completed' && a.source === 'new_hire');
    expect(open.length).toBeGreaterThan(0);
    expect(open.every((a) => a.dueOn < addDays(today, 90))).toBe(true);
    expect((await post('/api/training/rollout/los-angeles', trainer.headers, { status: 'launched' })).statusCode).toBe(200);
    const after = (await get('/api/training/my', newHire.headers)).json<{ id: string; dueOn: string }[]>();
    for (const a of open) expect(after.find((b) => b.id === a.id)!.dueOn).toBe(addDays(today, 90));
  });
});
