import { describe, expect, it } from 'vitest';
import { curriculumDue, expiresOn, isCourseComplete, quizProblems, scoreQuiz, type Quiz } from './learning';

const quiz: Quiz = {
  passMarkPercent: 80,
  maxAttempts: 3,
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
      points: 2,
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
      points: 2,
    },
    {
      id: 'q3',
      text: 'Interest on support arrears is…',
      kind: 'single',
      options: [
        { id: 'a', text: '10% simple' },
        { id: 'b', text: '5% compound' },
      ],
      correct: ['a'],
      points: 1,
    },
  ],
};

describe('quizzes', () => {
  it('scores single choice by the one right option and multiple choice only for exactly the right set', () => {
    expect(scoreQuiz(quiz, { q1: ['a'], q2: ['b', 'a'], q3: ['a'] })).toMatchObject({ scorePercent: 100, isPassed: true });
    const partial = scoreQuiz(quiz, { q1: ['a'], q2: ['a'], q3: ['a'] });
    expect(partial).toMatchObject({ pointsEarned: 3, pointsPossible: 5, scorePercent: 60, isPassed: false });
    expect(partial.questions).toEqual([
      { id: 'q1', isCorrect: true },
      { id: 'q2', isCorrect: false },
      { id: 'q3', isCorrect: true },
    ]);
    // Two options on a single-choice question is wrong even if one of them is right.
    expect(scoreQuiz(quiz, { q1: ['a', 'b'], q2: ['a', 'b'], q3: ['a'] }).scorePercent).toBe(60);
  });

  it('rounds the score down, so 79.9% does not pass an 80% mark', () => {
    const many: Quiz = { ...quiz, questions: Array.from({ length: 1_000 }, (_, i) => ({ ...quiz.questions[0]!, id: `q${i}`, points: 1 })) };
    const answers = Object.fromEntries(many.questions.map((q, i) => [q.id, i < 799 ? ['a'] : ['b']]));
    expect(scoreQuiz(many, answers)).toMatchObject({ scorePercent: 79, isPassed: false });
  });

  it('names what is wrong with a quiz as written', () => {
    const bad: Quiz = {
      passMarkPercent: 0,
      maxAttempts: 1,
      questions: [
        { ...quiz.questions[0]!, correct: ['a', 'b'] },
        { ...quiz.questions[1]!, correct: ['z'] },
      ],
    };
    expect(quizProblems(bad).map((p) => p.path)).toEqual(['/quiz/passMarkPercent', '/quiz/questions/0/correct', '/quiz/questions/1/correct']);
    expect(quizProblems(quiz)).toEqual([]);
  });
});

describe('courses and curricula', () => {
  it('completes a course when every lesson is done and the quiz is passed', () => {
    expect(isCourseComplete(['l1', 'l2'], new Set(['l1', 'l2']), quiz, true)).toBe(true);
    expect(isCourseComplete(['l1', 'l2'], new Set(['l1']), quiz, true)).toBe(false);
    expect(isCourseComplete(['l1'], new Set(['l1']), quiz, false)).toBe(false);
    expect(isCourseComplete(['l1'], new Set(['l1']), null, false)).toBe(true);
  });

  it('assigns new staff due N days after hire, others by role or org unit, and recertifies after M months', () => {
    const rules = { newHireDueDays: 90, roles: ['lcsa_caseworker'], orgUnits: ['hq-technology'], assignDueDays: 30, recertifyMonths: 12 };
    const staff = { userId: 'u', role: 'lcsa_finance', orgUnitId: 'sacramento', hireDate: '2026-10-01' } as const;
    expect(curriculumDue(rules, staff, '2026-01-01', '2026-11-24')).toEqual({ source: 'new_hire', dueOn: '2026-12-30' });
    expect(curriculumDue(rules, { ...staff, hireDate: '2020-01-01' }, '2026-01-01', '2026-11-24')).toBeNull();
    expect(curriculumDue(rules, { ...staff, hireDate: '2020-01-01', role: 'lcsa_caseworker' }, '2026-01-01', '2026-11-24')).toEqual({
      source: 'role',
      dueOn: '2026-12-24',
    });
    expect(curriculumDue(rules, { ...staff, hireDate: '2020-01-01', orgUnitId: 'hq-technology' }, '2026-01-01', '2026-11-24')?.source).toBe('org_unit');
    expect(expiresOn(rules, '2026-02-28')).toBe('2027-02-28');
    expect(expiresOn({ ...rules, recertifyMonths: null }, '2026-02-28')).toBeNull();
  });
});
