/** Each learner's assignments, lesson progress, quiz attempts, completion and certificate. All writes audited. */
import { recordAudit } from '../../platform/audit/audit';
import type { Actor } from '../../platform/auth/actor';
import { authorize } from '../../platform/auth/scope';
import type { Tx } from '../../platform/db/connect';
import { todayInCalifornia } from '../../platform/dates';
import { AppError } from '../../platform/errors';
import { renderLetter } from '../../platform/pdf/letter';
import type { AssignmentView, Lesson } from './contract';
import { expiresOn, isCourseComplete, scoreQuiz, type CurriculumRules, type Quiz } from './domain/learning';
import { emitLearning } from './xapi/lrs';
import { courseView } from './catalogue';
import { queueScores } from './lti/scores';
import {
  allCourses,
  allCurricula,
  courseVersion,
  displayNameOf,
  findCourse,
  insertQuizAttempt,
  learnerAssignment,
  learnerAssignments,
  learningProgress,
  markLessonDone,
  passingAttempt,
  updateAssignment,
  versionsOfCourses,
  type AssignmentRow,
} from './store';

/** No learner has this id: an actor without an account (the system) has no assignments. */
const nobody = '00000000-0000-0000-0000-000000000000';

async function viewsOf(tx: Tx, rows: AssignmentRow[]): Promise<AssignmentView[]> {
  if (rows.length === 0) return [];
  const { lessonsDone, attempts } = await learningProgress(
    tx,
    rows.map((r) => r.id),
  );
  const courses = new Map((await allCourses(tx)).map((c) => [c.id, c]));
  const curricula = new Map((await allCurricula(tx)).map((c) => [c.id, c.title]));
  // The course versions the assignments pin, in one query.
  const versions = await versionsOfCourses(
    tx,
    rows.map((r) => r.courseId),
  );
  const today = todayInCalifornia();
  return rows.map((r) => {
    const version = versions.get(`${r.courseId}/${r.courseVersion}`);
    const quiz = (version?.quiz ?? null) as Quiz | null;
    return {
      id: r.id,
      userId: r.userId,
      courseId: r.courseId,
      courseCode: courses.get(r.courseId)?.code ?? '',
      courseTitle: courses.get(r.courseId)?.title ?? '',
      curriculumTitle: r.curriculumId ? (curricula.get(r.curriculumId) ?? null) : null,
      source: r.source,
      assignedOn: r.assignedOn,
      dueOn: r.dueOn,
      isOverdue: r.status !== 'completed' && r.dueOn < today,
      status: r.status,
      lessonsDone: lessonsDone.get(r.id) ?? [],
      lessonCount: ((version?.lessons ?? []) as unknown[]).length,
      attemptsUsed: attempts.get(r.id) ?? 0,
      maxAttempts: quiz?.maxAttempts ?? null,
      scorePercent: r.scorePercent,
      completedOn: r.completedOn,
      expiresOn: r.expiresOn,
    };
  });
}

export async function myLearning(tx: Tx, actor: Actor): Promise<AssignmentView[]> {
  authorize(actor, 'training.learn');
  const rows = await learnerAssignments(tx, actor.userId ?? nobody);
  return viewsOf(tx, rows);
}

async function ownAssignment(tx: Tx, actor: Actor, id: string): Promise<AssignmentRow> {
  authorize(actor, 'training.learn');
  const row = await learnerAssignment(tx, actor.userId ?? nobody, id);
  if (!row) throw new AppError('not_found', 'assignment_not_found', `Assignment ${id} was not found.`);
  return row;
}

/** Marks the assignment complete once every lesson is done and the quiz passed; returns whether it is. */
async function completeIfDone(tx: Tx, row: AssignmentRow, via: string): Promise<boolean> {
  const version = await courseVersion(tx, row.courseId, row.courseVersion);
  const lessons = ((version?.lessons ?? []) as { id: string }[]).map((l) => l.id);
  const done = new Set((await learningProgress(tx, [row.id])).lessonsDone.get(row.id) ?? []);
  const best = await passingAttempt(tx, row.id);
  const quiz = (version?.quiz ?? null) as Quiz | null;
  const isDone = isCourseComplete(lessons, done, quiz, best !== undefined);
  const curriculum = row.curriculumId ? (await allCurricula(tx)).find((c) => c.id === row.curriculumId) : undefined;
  const today = todayInCalifornia();
  await updateAssignment(
    tx,
    row.id,
    isDone
      ? {
          status: 'completed',
          completedOn: today,
          completedVia: via,
          scorePercent: best?.scorePercent ?? null,
          expiresOn: curriculum ? expiresOn(curriculum.rules as CurriculumRules, today) : null,
        }
      : { status: 'in_progress' },
  );
  if (isDone) {
    // Stated once the assignment is complete, so the LRS's own completion rule finds nothing left to do.
    const course = await findCourse(tx, row.courseId);
    if (via === 'concord') await emitLearning(tx, row.userId, 'completed', { courseCode: course!.code, name: course!.title });
    // A platform that launched this course (LTI) gets the score.
    await queueScores(tx, row);
  }
  return isDone;
}

/** One of my assignments with the course version it pins (lessons, and the quiz without its answers). */
export async function assignmentDetail(tx: Tx, actor: Actor, assignmentId: string) {
  const row = await ownAssignment(tx, actor, assignmentId);
  const course = await findCourse(tx, row.courseId);
  const version = await courseVersion(tx, row.courseId, row.courseVersion);
  const [view] = await viewsOf(tx, [row]);
  return { assignment: view!, course: courseView(course!, version, row.courseVersion, false) };
}

/**
 * Marks a lesson done — a Concord lesson when its learner says so, a cmi5 unit when what it reported meets
 * its moveOn criterion — and completes the assignment when that was all it lacked. Whether the assignment is now complete.
 */
export async function lessonDone(tx: Tx, row: AssignmentRow, lesson: { id: string; title: string }, via: 'concord' | 'cmi5'): Promise<boolean> {
  const isNew = await markLessonDone(tx, row.id, lesson.id);
  if (isNew && via === 'concord') {
    const course = await findCourse(tx, row.courseId);
    await emitLearning(tx, row.userId, 'experienced', { courseCode: course!.code, part: { kind: 'lesson', id: lesson.id }, name: lesson.title });
  }
  return row.status === 'completed' || (await completeIfDone(tx, row, via));
}

/** A lesson of the course version the assignment is pinned to, or `lesson_not_found`. */
export async function lessonOf(tx: Tx, row: AssignmentRow, lessonId: string): Promise<Lesson> {
  const version = await courseVersion(tx, row.courseId, row.courseVersion);
  const lesson = ((version?.lessons ?? []) as Lesson[]).find((l) => l.id === lessonId);
  if (!lesson) throw new AppError('not_found', 'lesson_not_found', `The course has no lesson ${lessonId}.`);
  return lesson;
}

export async function completeLesson(tx: Tx, actor: Actor, assignmentId: string, lessonId: string): Promise<AssignmentView> {
  const row = await ownAssignment(tx, actor, assignmentId);
  const lesson = await lessonOf(tx, row, lessonId);
  if (lesson.au)
    throw new AppError('conflict', 'cmi5_unit_reports_completion', `“${lesson.title}” is done when its content reports it: open the lesson and finish it.`);
  await lessonDone(tx, row, lesson, 'concord');
  await recordAudit(tx, actor, { action: 'training.lesson.complete', entityType: 'training_assignment', entityId: assignmentId, detail: { lessonId } });
  const [view] = await viewsOf(tx, [(await learnerAssignment(tx, row.userId, assignmentId))!]);
  return view!;
}

export async function submitQuiz(tx: Tx, actor: Actor, assignmentId: string, answers: Record<string, string[]>) {
  const row = await ownAssignment(tx, actor, assignmentId);
  const version = await courseVersion(tx, row.courseId, row.courseVersion);
  const quiz = (version?.quiz ?? null) as Quiz | null;
  if (!quiz) throw new AppError('conflict', 'course_has_no_quiz', 'This course has no quiz.');
  if (row.status === 'completed') throw new AppError('conflict', 'assignment_completed', 'This course is already complete.');
  const used = (await learningProgress(tx, [assignmentId])).attempts.get(assignmentId) ?? 0;
  if (used >= quiz.maxAttempts)
    throw new AppError('conflict', 'no_attempts_left', `All ${quiz.maxAttempts} attempts are used: ask your trainer to reset the course.`);
  const result = scoreQuiz(quiz, answers);
  await insertQuizAttempt(tx, { assignmentId, attempt: used + 1, answers, scorePercent: result.scorePercent, isPassed: result.isPassed });
  const course = await findCourse(tx, row.courseId);
  await emitLearning(
    tx,
    row.userId,
    result.isPassed ? 'passed' : 'failed',
    { courseCode: course!.code, part: { kind: 'assessment', id: 'quiz' }, name: `${course!.title}: proficiency check` },
    result,
  );
  await completeIfDone(tx, row, 'concord');
  await recordAudit(tx, actor, {
    action: 'training.quiz.submit',
    entityType: 'training_assignment',
    entityId: assignmentId,
    after: { scorePercent: result.scorePercent, isPassed: result.isPassed },
  });
  const [view] = await viewsOf(tx, [(await learnerAssignment(tx, row.userId, assignmentId))!]);
  return {
    scorePercent: result.scorePercent,
    isPassed: result.isPassed,
    attempt: used + 1,
    attemptsLeft: quiz.maxAttempts - used - 1,
    questions: result.questions,
    assignment: view!,
  };
}

export async function certificate(tx: Tx, actor: Actor, assignmentId: string): Promise<{ fileName: string; pdf: Uint8Array }> {
  const row = await ownAssignment(tx, actor, assignmentId);
  if (row.status !== 'completed') throw new AppError('conflict', 'not_completed', 'The certificate is issued once the course is complete.');
  const course = await findCourse(tx, row.courseId);
  const displayName = await displayNameOf(tx, row.userId);
  const pdf = await renderLetter({
    title: 'Certificate of completion',
    heading: ['California Department of Child Support Services', 'Statewide training'],
    facts: [
      ['Awarded to', displayName ?? ''],
      ['Course', `${course!.code} — ${course!.title} (version ${row.courseVersion})`],
      ['Completed on', row.completedOn!],
      ['Score', row.scorePercent === null ? 'no quiz' : `${row.scorePercent}%`],
      ['Valid until', row.expiresOn ?? 'no expiry'],
    ],
    paragraphs: ['This certifies that the person named above completed the course named above.'],
    footer: `Assignment ${row.id}`,
    producedAt: new Date(),
  });
  return { fileName: `certificate-${course!.code}.pdf`, pdf };
}
