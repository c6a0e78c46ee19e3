/**
 * The learning management system over stored data: org units (HQ divisions and the LCSAs) and staff
 * (platform users with an org unit and hire date), the catalogue (courses with versioned lessons and
 * quizzes; learners take the published version their assignment pins), curricula whose rules assign
 * courses (new hires, roles, org units, recertification), and each learner's progress, quiz attempts,
 * completion and certificate. LCSA administrators manage their own LCSA's staff; trainers and state
 * administrators everyone. All writes audited.
 */
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/audit';
import type { Actor } from '../../platform/auth/actor';
import { users } from '../../platform/auth/schema';
import { authorize, can, isLcsaInScope } from '../../platform/auth/scope';
import type { Tx } from '../../platform/db/connect';
import { todayInCalifornia } from '../../platform/dates';
import { AppError } from '../../platform/errors';
import { renderLetter } from '../../platform/pdf/letter';
import { lcsas } from '../registry/index';
import type { AssignmentView, CourseContent, CourseView, NewCourse, NewCurriculum, Staff } from './contract';
import { curriculumDue, expiresOn, isCourseComplete, quizProblems, scoreQuiz, type CurriculumRules, type Quiz } from './domain/learning';
import { emitLearning } from './xapi/lrs';
import {
  trainingAssignments,
  trainingCourses,
  trainingCourseVersions,
  trainingCurricula,
  trainingLessonProgress,
  trainingOrgUnits,
  trainingQuizAttempts,
  trainingStaff,
} from './schema';

export const hqDivisions = [
  { id: 'hq-director', name: 'Office of the Director' },
  { id: 'hq-css', name: 'Child Support Services Division' },
  { id: 'hq-technology', name: 'Technology Services Division' },
  { id: 'hq-administration', name: 'Administrative Services Division' },
  { id: 'hq-legal', name: 'Office of Legal Services' },
  { id: 'hq-audits', name: 'Office of Audits and Compliance' },
];

/** The org units: the HQ divisions and one per LCSA (idempotent; run with the reference data). */
export async function loadTrainingReference(tx: Tx): Promise<void> {
  const agencies = await tx.select({ id: lcsas.id, name: lcsas.name }).from(lcsas);
  await tx
    .insert(trainingOrgUnits)
    .values([...hqDivisions.map((d) => ({ ...d, kind: 'hq_division' as const })), ...agencies.map((l) => ({ id: l.id, name: l.name, kind: 'lcsa' as const }))])
    .onConflictDoNothing();
}

export async function listOrgUnits(tx: Tx, actor: Actor) {
  authorize(actor, 'training.learn');
  return tx
    .select({ id: trainingOrgUnits.id, name: trainingOrgUnits.name, kind: trainingOrgUnits.kind })
    .from(trainingOrgUnits)
    .orderBy(asc(trainingOrgUnits.kind), asc(trainingOrgUnits.name));
}

/** An LCSA administrator manages only their LCSA's org unit; the state every unit. */
export function assertCanManageUnit(actor: Actor, orgUnitId: string): void {
  authorize(actor, 'training.manage');
  if (!isLcsaInScope(actor, orgUnitId))
    throw new AppError('forbidden', 'org_unit_out_of_scope', `You may manage only your own LCSA's training.`, [
      { path: '/orgUnitId', message: 'your own LCSA' },
    ]);
}

export async function setStaff(tx: Tx, actor: Actor, input: Staff): Promise<{ assigned: number }> {
  assertCanManageUnit(actor, input.orgUnitId);
  const [user] = await tx.select({ id: users.id, lcsaId: users.lcsaId }).from(users).where(eq(users.id, input.userId));
  if (!user || !isLcsaInScope(actor, user.lcsaId)) throw new AppError('not_found', 'user_not_found', `User ${input.userId} was not found.`);
  const [unit] = await tx.select({ id: trainingOrgUnits.id }).from(trainingOrgUnits).where(eq(trainingOrgUnits.id, input.orgUnitId));
  if (!unit)
    throw new AppError('validation', 'org_unit_unknown', `There is no org unit ${input.orgUnitId}.`, [{ path: '/orgUnitId', message: 'an org unit id' }]);
  await tx
    .insert(trainingStaff)
    .values(input)
    .onConflictDoUpdate({ target: trainingStaff.userId, set: { orgUnitId: input.orgUnitId, hireDate: input.hireDate } });
  await recordAudit(tx, actor, { action: 'training.staff.set', entityType: 'user', entityId: input.userId, after: input });
  return runAssignments(tx, [input.userId]);
}

type CourseRow = typeof trainingCourses.$inferSelect;
type VersionRow = typeof trainingCourseVersions.$inferSelect;

async function courseVersion(tx: Tx, courseId: string, version: number): Promise<VersionRow | undefined> {
  const [row] = await tx
    .select()
    .from(trainingCourseVersions)
    .where(and(eq(trainingCourseVersions.courseId, courseId), eq(trainingCourseVersions.version, version)));
  return row;
}

async function latestVersion(tx: Tx, courseId: string): Promise<VersionRow | undefined> {
  const [row] = await tx
    .select()
    .from(trainingCourseVersions)
    .where(eq(trainingCourseVersions.courseId, courseId))
    .orderBy(desc(trainingCourseVersions.version))
    .limit(1);
  return row;
}

/** A quiz as a learner sees it: the questions and options, never which are right. */
function learnerQuiz(quiz: Quiz | null) {
  return quiz === null ? null : { ...quiz, questions: quiz.questions.map(({ correct: _correct, ...q }) => q) };
}

function courseView(course: CourseRow, version: VersionRow | undefined, latest: number, isAuthor: boolean): CourseView {
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
  const [course] = await tx.insert(trainingCourses).values(input).onConflictDoNothing().returning();
  if (!course) throw new AppError('conflict', 'course_code_taken', `A course ${input.code} exists already.`, [{ path: '/code', message: 'unique' }]);
  await recordAudit(tx, actor, { action: 'training.course.create', entityType: 'training_course', entityId: course.id, after: input });
  return courseView(course, undefined, 0, true);
}

/** Saves a new version of a course's content (not yet what learners take until published). */
export async function saveCourseVersion(tx: Tx, actor: Actor, courseId: string, content: CourseContent): Promise<CourseView> {
  authorize(actor, 'training.author');
  const [course] = await tx.select().from(trainingCourses).where(eq(trainingCourses.id, courseId)).for('update');
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
  const [row] = await tx
    .insert(trainingCourseVersions)
    .values({ courseId, version, description: content.description, lessons: content.lessons, quiz: content.quiz, savedBy: actor.userId })
    .returning();
  await recordAudit(tx, actor, { action: 'training.course.save', entityType: 'training_course', entityId: courseId, after: { version } });
  return courseView(course, row, version, true);
}

export async function publishCourse(tx: Tx, actor: Actor, courseId: string): Promise<CourseView> {
  authorize(actor, 'training.author');
  const latest = await latestVersion(tx, courseId);
  if (!latest) throw new AppError('conflict', 'course_has_no_content', 'Save the course content before publishing it.');
  await tx.update(trainingCourseVersions).set({ isPublished: true }).where(eq(trainingCourseVersions.id, latest.id));
  const [course] = await tx.update(trainingCourses).set({ publishedVersion: latest.version }).where(eq(trainingCourses.id, courseId)).returning();
  await recordAudit(tx, actor, { action: 'training.course.publish', entityType: 'training_course', entityId: courseId, after: { version: latest.version } });
  return courseView(course!, latest, latest.version, true);
}

export async function listCourses(tx: Tx, actor: Actor): Promise<CourseView[]> {
  authorize(actor, 'training.learn');
  const isAuthor = can(actor, 'training.author');
  const courses = await tx.select().from(trainingCourses).orderBy(asc(trainingCourses.code));
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
  const known = await tx.select({ id: trainingCourses.id }).from(trainingCourses).where(inArray(trainingCourses.id, input.courseIds));
  if (known.length !== new Set(input.courseIds).size)
    throw new AppError('validation', 'course_unknown', 'Every course must exist.', [{ path: '/courseIds', message: 'existing course ids' }]);
  const [row] = await tx.insert(trainingCurricula).values(input).onConflictDoNothing().returning({ id: trainingCurricula.id });
  if (!row) throw new AppError('conflict', 'curriculum_code_taken', `A curriculum ${input.code} exists already.`, [{ path: '/code', message: 'unique' }]);
  await recordAudit(tx, actor, { action: 'training.curriculum.create', entityType: 'training_curriculum', entityId: row.id, after: input });
  return { id: row.id, ...(await runAssignments(tx)) };
}

export async function listCurricula(tx: Tx, actor: Actor) {
  authorize(actor, 'training.learn');
  return tx.select().from(trainingCurricula).orderBy(asc(trainingCurricula.code));
}

/**
 * The assignment engine: every curriculum's rules applied to staff (all, or `userIds`), creating the
 * first assignment of each course due, and a new cycle where a completion has lapsed (recertification).
 * Courses not yet published are skipped until they are. Repeatable: nothing is assigned twice.
 */
export async function runAssignments(tx: Tx, userIds?: string[], today = todayInCalifornia()): Promise<{ assigned: number }> {
  const staff = await tx
    .select({ userId: trainingStaff.userId, orgUnitId: trainingStaff.orgUnitId, hireDate: trainingStaff.hireDate, role: users.role })
    .from(trainingStaff)
    .innerJoin(users, eq(users.id, trainingStaff.userId))
    .where(and(eq(users.isActive, true), userIds ? inArray(trainingStaff.userId, userIds) : undefined));
  if (staff.length === 0) return { assigned: 0 };
  const curricula = await tx.select().from(trainingCurricula);
  const courses = new Map((await tx.select().from(trainingCourses)).map((c) => [c.id, c]));
  const existing = await tx
    .select()
    .from(trainingAssignments)
    .where(
      inArray(
        trainingAssignments.userId,
        staff.map((s) => s.userId),
      ),
    );
  const latestOf = new Map<string, (typeof existing)[number]>();
  for (const a of existing) {
    const key = `${a.userId}/${a.courseId}`;
    if ((latestOf.get(key)?.cycle ?? 0) < a.cycle) latestOf.set(key, a);
  }
  let assigned = 0;
  for (const curriculum of curricula) {
    const rules = curriculum.rules as CurriculumRules;
    for (const member of staff) {
      const due = curriculumDue(rules, member, curriculum.startsOn, today);
      if (!due) continue;
      for (const courseId of curriculum.courseIds) {
        const course = courses.get(courseId);
        if (!course?.publishedVersion) continue;
        const latest = latestOf.get(`${member.userId}/${courseId}`);
        const isLapsed = latest?.status === 'completed' && latest.expiresOn !== null && latest.expiresOn <= today;
        if (latest && !isLapsed) continue;
        const row = {
          userId: member.userId,
          courseId,
          curriculumId: curriculum.id,
          cycle: (latest?.cycle ?? 0) + 1,
          courseVersion: course.publishedVersion,
          source: isLapsed ? ('recertification' as const) : due.source,
          assignedOn: today,
          dueOn: isLapsed ? latest!.expiresOn! : due.dueOn,
          status: 'assigned' as const,
        };
        const [created] = await tx.insert(trainingAssignments).values(row).onConflictDoNothing().returning();
        if (created) {
          latestOf.set(`${member.userId}/${courseId}`, created);
          assigned += 1;
        }
      }
    }
  }
  return { assigned };
}

type AssignmentRow = typeof trainingAssignments.$inferSelect;

async function viewsOf(tx: Tx, rows: AssignmentRow[]): Promise<AssignmentView[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const progress = await tx.select().from(trainingLessonProgress).where(inArray(trainingLessonProgress.assignmentId, ids));
  const attempts = await tx
    .select({ assignmentId: trainingQuizAttempts.assignmentId, n: sql<number>`count(*)::int` })
    .from(trainingQuizAttempts)
    .where(inArray(trainingQuizAttempts.assignmentId, ids))
    .groupBy(trainingQuizAttempts.assignmentId);
  const courses = new Map((await tx.select().from(trainingCourses)).map((c) => [c.id, c]));
  const curricula = new Map(
    (await tx.select({ id: trainingCurricula.id, title: trainingCurricula.title }).from(trainingCurricula)).map((c) => [c.id, c.title]),
  );
  // The course versions the assignments pin, in one query.
  const versions = new Map(
    (
      await tx
        .select()
        .from(trainingCourseVersions)
        .where(
          inArray(
            trainingCourseVersions.courseId,
            rows.map((r) => r.courseId),
          ),
        )
    ).map((v) => [`${v.courseId}/${v.version}`, v]),
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
      lessonsDone: progress.filter((p) => p.assignmentId === r.id).map((p) => p.lessonId),
      lessonCount: ((version?.lessons ?? []) as unknown[]).length,
      attemptsUsed: attempts.find((a) => a.assignmentId === r.id)?.n ?? 0,
      maxAttempts: quiz?.maxAttempts ?? null,
      scorePercent: r.scorePercent,
      completedOn: r.completedOn,
      expiresOn: r.expiresOn,
    };
  });
}

export async function myLearning(tx: Tx, actor: Actor): Promise<AssignmentView[]> {
  authorize(actor, 'training.learn');
  const rows = await tx
    .select()
    .from(trainingAssignments)
    .where(eq(trainingAssignments.userId, actor.userId ?? '00000000-0000-0000-0000-000000000000'))
    .orderBy(asc(trainingAssignments.status), asc(trainingAssignments.dueOn));
  return viewsOf(tx, rows);
}

async function ownAssignment(tx: Tx, actor: Actor, id: string): Promise<AssignmentRow> {
  authorize(actor, 'training.learn');
  const [row] = await tx
    .select()
    .from(trainingAssignments)
    .where(and(eq(trainingAssignments.id, id), eq(trainingAssignments.userId, actor.userId ?? '00000000-0000-0000-0000-000000000000')));
  if (!row) throw new AppError('not_found', 'assignment_not_found', `Assignment ${id} was not found.`);
  return row;
}

/** Marks the assignment complete once every lesson is done and the quiz passed; returns whether it is. */
async function completeIfDone(tx: Tx, row: AssignmentRow, via: string): Promise<boolean> {
  const version = await courseVersion(tx, row.courseId, row.courseVersion);
  const lessons = ((version?.lessons ?? []) as { id: string }[]).map((l) => l.id);
  const done = new Set((await tx.select().from(trainingLessonProgress).where(eq(trainingLessonProgress.assignmentId, row.id))).map((p) => p.lessonId));
  const [best] = await tx
    .select()
    .from(trainingQuizAttempts)
    .where(and(eq(trainingQuizAttempts.assignmentId, row.id), eq(trainingQuizAttempts.isPassed, true)))
    .limit(1);
  const quiz = (version?.quiz ?? null) as Quiz | null;
  const isDone = isCourseComplete(lessons, done, quiz, best !== undefined);
  if (isDone) {
    const [course] = await tx.select().from(trainingCourses).where(eq(trainingCourses.id, row.courseId));
    if (via === 'concord') await emitLearning(tx, row.userId, 'completed', { courseCode: course!.code, name: course!.title });
  }
  const curriculum = row.curriculumId ? (await tx.select().from(trainingCurricula).where(eq(trainingCurricula.id, row.curriculumId)))[0] : undefined;
  const today = todayInCalifornia();
  await tx
    .update(trainingAssignments)
    .set(
      isDone
        ? {
            status: 'completed',
            completedOn: today,
            completedVia: via,
            scorePercent: best?.scorePercent ?? null,
            expiresOn: curriculum ? expiresOn(curriculum.rules as CurriculumRules, today) : null,
          }
        : { status: 'in_progress' },
    )
    .where(eq(trainingAssignments.id, row.id));
  return isDone;
}

/** One of my assignments with the course version it pins (lessons, and the quiz without its answers). */
export async function assignmentDetail(tx: Tx, actor: Actor, assignmentId: string) {
  const row = await ownAssignment(tx, actor, assignmentId);
  const [course] = await tx.select().from(trainingCourses).where(eq(trainingCourses.id, row.courseId));
  const version = await courseVersion(tx, row.courseId, row.courseVersion);
  const [view] = await viewsOf(tx, [row]);
  return { assignment: view!, course: courseView(course!, version, row.courseVersion, false) };
}

export async function completeLesson(tx: Tx, actor: Actor, assignmentId: string, lessonId: string): Promise<AssignmentView> {
  const row = await ownAssignment(tx, actor, assignmentId);
  const version = await courseVersion(tx, row.courseId, row.courseVersion);
  if (!((version?.lessons ?? []) as { id: string }[]).some((l) => l.id === lessonId))
    throw new AppError('not_found', 'lesson_not_found', `The course has no lesson ${lessonId}.`);
  const [isNew] = await tx.insert(trainingLessonProgress).values({ assignmentId, lessonId }).onConflictDoNothing().returning();
  const [course] = await tx.select().from(trainingCourses).where(eq(trainingCourses.id, row.courseId));
  const lesson = ((version?.lessons ?? []) as { id: string; title: string }[]).find((l) => l.id === lessonId)!;
  if (isNew) await emitLearning(tx, row.userId, 'experienced', { courseCode: course!.code, part: { kind: 'lesson', id: lessonId }, name: lesson.title });
  if (row.status !== 'completed') await completeIfDone(tx, row, 'concord');
  await recordAudit(tx, actor, { action: 'training.lesson.complete', entityType: 'training_assignment', entityId: assignmentId, detail: { lessonId } });
  const [view] = await viewsOf(tx, await tx.select().from(trainingAssignments).where(eq(trainingAssignments.id, assignmentId)));
  return view!;
}

export async function submitQuiz(tx: Tx, actor: Actor, assignmentId: string, answers: Record<string, string[]>) {
  const row = await ownAssignment(tx, actor, assignmentId);
  const version = await courseVersion(tx, row.courseId, row.courseVersion);
  const quiz = (version?.quiz ?? null) as Quiz | null;
  if (!quiz) throw new AppError('conflict', 'course_has_no_quiz', 'This course has no quiz.');
  if (row.status === 'completed') throw new AppError('conflict', 'assignment_completed', 'This course is already complete.');
  const used = (
    await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(trainingQuizAttempts)
      .where(eq(trainingQuizAttempts.assignmentId, assignmentId))
  )[0]!.n;
  if (used >= quiz.maxAttempts)
    throw new AppError('conflict', 'no_attempts_left', `All ${quiz.maxAttempts} attempts are used: ask your trainer to reset the course.`);
  const result = scoreQuiz(quiz, answers);
  await tx.insert(trainingQuizAttempts).values({ assignmentId, attempt: used + 1, answers, scorePercent: result.scorePercent, isPassed: result.isPassed });
  const [course] = await tx.select().from(trainingCourses).where(eq(trainingCourses.id, row.courseId));
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
  const [view] = await viewsOf(tx, await tx.select().from(trainingAssignments).where(eq(trainingAssignments.id, assignmentId)));
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
  const [course] = await tx.select().from(trainingCourses).where(eq(trainingCourses.id, row.courseId));
  const [user] = await tx.select({ displayName: users.displayName }).from(users).where(eq(users.id, row.userId));
  const pdf = await renderLetter({
    title: 'Certificate of completion',
    heading: ['California Department of Child Support Services', 'Statewide training'],
    facts: [
      ['Awarded to', user?.displayName ?? ''],
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
