/** The catalogue: courses with versioned lessons and quizzes (learners take the published version their assignment pins), and curricula whose rules assign courses. */
import { recordAudit } from '../../platform/audit/audit';
import type { Actor } from '../../platform/auth/actor';
import { authorize, can } from '../../platform/auth/scope';
import type { Tx } from '../../platform/db/connect';
import { AppError } from '../../platform/errors';
import type { CourseContent, CourseView, NewCourse, NewCurriculum } from './contract';
import { quizProblems, type Quiz } from './domain/learning';
import { runAssignments } from './assignments';
import {
  allCourses,
  allCurricula,
  countCoursesAmong,
  courseVersion,
  findCourse,
  insertCourse,
  insertCurriculum,
  insertVersion,
  latestVersion,
  publishVersion,
  type CourseRow,
  type VersionRow,
} from './store';

function learnerQuiz(quiz: Quiz | null) {
  return quiz === null ? null : { ...quiz, questions: quiz.questions.map(({ correct: _correct, ...q }) => q) };
}

export function courseView(course: CourseRow, version: VersionRow | undefined, latest: number, isAuthor: boolean): CourseView {
  const quiz = (version?.quiz ?? null) as Quiz | null;
  return {
    id: course.id,
    code: course.code,
    title: course.title,
    category: course.category,
    owner: course.owner,
    publishedVersion: course.publishedVersion,
    latestVersion: latest,
    description: version?.description ?? '',
    lessons: (version?.lessons ?? []) as CourseView['lessons'],
    quiz: isAuthor ? quiz : learnerQuiz(quiz),
  };
}

export async function createCourse(tx: Tx, actor: Actor, input: NewCourse): Promise<CourseView> {
  authorize(actor, 'training.author');
  const course = await insertCourse(tx, input);
  if (!course) throw new AppError('conflict', 'course_code_taken', `A course ${input.code} exists already.`, [{ path: '/code', message: 'unique' }]);
  await recordAudit(tx, actor, { action: 'training.course.create', entityType: 'training_course', entityId: course.id, after: input });
  return courseView(course, undefined, 0, true);
}

/** Saves a new version of a course's content (not yet what learners take until published). */
export async function saveCourseVersion(tx: Tx, actor: Actor, courseId: string, content: CourseContent): Promise<CourseView> {
  authorize(actor, 'training.author');
  const course = await findCourse(tx, courseId, { forUpdate: true });
  if (!course) throw new AppError('not_found', 'course_not_found', `Course ${courseId} was not found.`);
  const problems = content.quiz ? quizProblems(content.quiz as Quiz) : [];
  const lessonIds = content.lessons.map((l) => l.id);
  if (new Set(lessonIds).size !== lessonIds.length) problems.push({ path: '/lessons', message: 'lesson ids must be unique' });
  if (problems.length > 0)
    throw new AppError(
      'validation',
      'course_content_invalid',
      `The course cannot be saved: ${problems.map((p) => `${p.path} ${p.message}`).join('; ')}.`,
      problems,
    );
  const version = ((await latestVersion(tx, courseId))?.version ?? 0) + 1;
  const row = await insertVersion(tx, {
    courseId,
    version,
    description: content.description,
    lessons: content.lessons,
    quiz: content.quiz,
    savedBy: actor.userId,
  });
  await recordAudit(tx, actor, { action: 'training.course.save', entityType: 'training_course', entityId: courseId, after: { version } });
  return courseView(course, row, version, true);
}

export async function publishCourse(tx: Tx, actor: Actor, courseId: string): Promise<CourseView> {
  authorize(actor, 'training.author');
  const latest = await latestVersion(tx, courseId);
  if (!latest) throw new AppError('conflict', 'course_has_no_content', 'Save the course content before publishing it.');
  const course = await publishVersion(tx, latest);
  await recordAudit(tx, actor, { action: 'training.course.publish', entityType: 'training_course', entityId: courseId, after: { version: latest.version } });
  return courseView(course, latest, latest.version, true);
}

export async function listCourses(tx: Tx, actor: Actor): Promise<CourseView[]> {
  authorize(actor, 'training.learn');
  const isAuthor = can(actor, 'training.author');
  const courses = await allCourses(tx);
  const views: CourseView[] = [];
  for (const course of courses) {
    if (!isAuthor && course.publishedVersion === null) continue;
    const latest = await latestVersion(tx, course.id);
    const shown = isAuthor ? latest : await courseVersion(tx, course.id, course.publishedVersion!);
    views.push(courseView(course, shown, latest?.version ?? 0, isAuthor));
  }
  return views;
}

export async function createCurriculum(tx: Tx, actor: Actor, input: NewCurriculum): Promise<{ id: string; assigned: number }> {
  authorize(actor, 'training.author');
  if ((await countCoursesAmong(tx, input.courseIds)) !== new Set(input.courseIds).size)
    throw new AppError('validation', 'course_unknown', 'Every course must exist.', [{ path: '/courseIds', message: 'existing course ids' }]);
  const row = await insertCurriculum(tx, input);
  if (!row) throw new AppError('conflict', 'curriculum_code_taken', `A curriculum ${input.code} exists already.`, [{ path: '/code', message: 'unique' }]);
  await recordAudit(tx, actor, { action: 'training.curriculum.create', entityType: 'training_curriculum', entityId: row.id, after: input });
  return { id: row.id, ...(await runAssignments(tx)) };
}

export async function listCurricula(tx: Tx, actor: Actor) {
  authorize(actor, 'training.learn');
  return allCurricula(tx);
}
