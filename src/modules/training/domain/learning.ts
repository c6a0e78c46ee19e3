/**
 * Learning rules, pure and versioned (the domain page's 2.4):
 * - quizzes: single-choice questions score when the one right option is chosen; multiple-choice questions
 *   score only when exactly the right set is chosen ([GAP] no DCSS partial-credit rule: all or nothing).
 *   The score is the share of points earned, as a whole percent rounded down, so a pass is never rounded
 *   up into existence; a quiz is passed at or above its pass mark, within its allowed attempts;
 * - a course is complete when every lesson is done and its quiz (if any) is passed;
 * - curricula assign their courses: new staff within N days of hire ([GAP]: no DCSS deadline was found;
 *   the curriculum sets N, 90 for the Core Curriculum), staff of chosen roles or org units, and again
 *   every M months where the curriculum requires recertification.
 */
import { addDays, addMonthsClamped, type CalendarDate } from '../../../platform/dates';

export interface QuizOption {
  id: string;
  text: string;
}

export interface QuizQuestion {
  id: string;
  text: string;
  kind: 'single' | 'multiple';
  options: QuizOption[];
  correct: string[];
  points: number;
}

export interface Quiz {
  passMarkPercent: number;
  maxAttempts: number;
  questions: QuizQuestion[];
}

export interface QuizResult {
  scorePercent: number;
  pointsEarned: number;
  pointsPossible: number;
  isPassed: boolean;
  questions: { id: string; isCorrect: boolean }[];
}

export function scoreQuiz(quiz: Quiz, answers: Record<string, string[]>): QuizResult {
  let pointsEarned = 0;
  let pointsPossible = 0;
  const questions = quiz.questions.map((q) => {
    pointsPossible += q.points;
    const chosen = [...new Set(answers[q.id] ?? [])].sort();
    const right = [...q.correct].sort();
    const isCorrect = (q.kind === 'single' ? chosen.length === 1 : true) && chosen.length === right.length && chosen.every((c, i) => c === right[i]);
    if (isCorrect) pointsEarned += q.points;
    return { id: q.id, isCorrect };
  });
  const scorePercent = pointsPossible === 0 ? 100 : Math.floor((pointsEarned * 100) / pointsPossible);
  return { scorePercent, pointsEarned, pointsPossible, isPassed: scorePercent >= quiz.passMarkPercent, questions };
}

/** Problems with a quiz as authored, each naming its field (a question with no right answer, a single-choice with two…). */
export function quizProblems(quiz: Quiz): { path: string; message: string }[] {
  const problems: { path: string; message: string }[] = [];
  if (quiz.passMarkPercent < 1 || quiz.passMarkPercent > 100) problems.push({ path: '/quiz/passMarkPercent', message: 'between 1 and 100' });
  quiz.questions.forEach((q, i) => {
    const ids = new Set(q.options.map((o) => o.id));
    if (q.options.length < 2) problems.push({ path: `/quiz/questions/${i}/options`, message: 'at least two options' });
    if (ids.size !== q.options.length) problems.push({ path: `/quiz/questions/${i}/options`, message: 'option ids must be unique' });
    if (q.correct.length === 0 || q.correct.some((c) => !ids.has(c)))
      problems.push({ path: `/quiz/questions/${i}/correct`, message: 'one or more of the options' });
    if (q.kind === 'single' && q.correct.length !== 1)
      problems.push({ path: `/quiz/questions/${i}/correct`, message: 'exactly one right option for a single-choice question' });
  });
  if (quiz.questions.length === 0) problems.push({ path: '/quiz/questions', message: 'at least one question' });
  return problems;
}

export function isCourseComplete(lessonIds: string[], doneLessonIds: Set<string>, quiz: Quiz | null, isQuizPassed: boolean): boolean {
  return lessonIds.every((id) => doneLessonIds.has(id)) && (quiz === null || isQuizPassed);
}

export interface CurriculumRules {
  /** New staff (hired on or after the curriculum's start) are assigned, due this many days after hire. */
  newHireDueDays: number | null;
  /** Staff of these roles or org units are assigned, due this many days after assignment. */
  roles: string[];
  orgUnits: string[];
  assignDueDays: number;
  /** Completion lapses after this many months and the course is assigned again; null: never. */
  recertifyMonths: number | null;
}

export interface StaffFacts {
  userId: string;
  role: string;
  orgUnitId: string;
  hireDate: CalendarDate;
}

export interface Due {
  source: 'new_hire' | 'role' | 'org_unit';
  dueOn: CalendarDate;
}

/**
 * Why and by when a member of staff must take a curriculum, or null. A new hire's deadline comes first;
 * otherwise a role or org-unit rule gives `assignDueDays` from today.
 */
export function curriculumDue(rules: CurriculumRules, staff: StaffFacts, startsOn: CalendarDate, today: CalendarDate): Due | null {
  if (rules.newHireDueDays !== null && staff.hireDate >= startsOn) return { source: 'new_hire', dueOn: addDays(staff.hireDate, rules.newHireDueDays) };
  if (rules.roles.includes(staff.role)) return { source: 'role', dueOn: addDays(today, rules.assignDueDays) };
  if (rules.orgUnits.includes(staff.orgUnitId)) return { source: 'org_unit', dueOn: addDays(today, rules.assignDueDays) };
  return null;
}

/**
 * A due date no sooner than the unit's launch allows: a new hire hired before the launch has the new-hire
 * days from the launch date, an assignment by role or unit its assignment days from it.
 */
export function heldForLaunch<D extends { source: string; dueOn: CalendarDate }>(
  due: D | null,
  rules: CurriculumRules,
  launchedOn: CalendarDate | null,
): D | null {
  if (!due || !launchedOn) return due;
  const days = due.source === 'new_hire' ? (rules.newHireDueDays ?? rules.assignDueDays) : rules.assignDueDays;
  const earliest = addDays(launchedOn, days);
  return due.dueOn < earliest ? { ...due, dueOn: earliest } : due;
}

/** When a completion lapses under the rules (null: it does not). */
export function expiresOn(rules: CurriculumRules, completedOn: CalendarDate): CalendarDate | null {
  return rules.recertifyMonths === null ? null : addMonthsClamped(completedOn, rules.recertifyMonths);
}
