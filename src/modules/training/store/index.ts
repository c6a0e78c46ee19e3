/**
 * The training module's SQL over its own tables: org units and staff, courses and their versions,
 * curricula, assignments with lesson progress and quiz attempts, the rollout plan, and the figures
 * reports and the plan's measures count. Staff are accounts: the store joins the platform's `users`
 * table for role, name and whether the account is active (the platform is not a module; no other
 * module's table is read). What other modules use (org units, staff in units, completion among roles)
 * is exported through index.ts.
 */
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { users } from '../../../platform/auth/schema';
import type { Tx } from '../../../platform/db/connect';
import { scopeSql, type RowFilter } from '../../../platform/auth/scope';
import { countDue, type WorkCount } from '../../../platform/work/work';
export * from './figures';
import {
  trainingAssignments,
  trainingCourses,
  trainingCourseVersions,
  trainingCurricula,
  trainingLessonProgress,
  trainingOrgUnits,
  trainingQuizAttempts,
  trainingStaff,
} from '../schema';
import type { CalendarDate } from '../../../platform/dates';

export type CourseRow = typeof trainingCourses.$inferSelect;
export type VersionRow = typeof trainingCourseVersions.$inferSelect;
export type AssignmentRow = typeof trainingAssignments.$inferSelect;
export type CurriculumRow = typeof trainingCurricula.$inferSelect;

export async function orgUnitNames(tx: Tx): Promise<Map<string, string>> {
  const rows = await tx.select({ id: trainingOrgUnits.id, name: trainingOrgUnits.name }).from(trainingOrgUnits);
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** Staff of the given org units (active platform users only). */
export async function staffInUnits(tx: Tx, orgUnitIds: string[]): Promise<{ userId: string; orgUnitId: string }[]> {
  if (orgUnitIds.length === 0) return [];
  return tx
    .select({ userId: trainingStaff.userId, orgUnitId: trainingStaff.orgUnitId })
    .from(trainingStaff)
    .innerJoin(users, eq(users.id, trainingStaff.userId))
    .where(and(inArray(trainingStaff.orgUnitId, orgUnitIds), eq(users.isActive, true)));
}

export interface CourseCompletion {
  code: string;
  title: string;
  /** Staff holding one of the roles (in the org units, when given). */
  leaders: number;
  completed: number;
  /** Null when nobody holds the roles. */
  percent: number | null;
}

/** The courses with these codes (unknown codes are left out). */
export async function coursesByCode(tx: Tx, codes: string[]): Promise<{ id: string; code: string; title: string }[]> {
  if (codes.length === 0) return [];
  return tx
    .select({ id: trainingCourses.id, code: trainingCourses.code, title: trainingCourses.title })
    .from(trainingCourses)
    .where(inArray(trainingCourses.code, codes));
}

/** For each course (by code): how many staff in `roles` have completed it (any cycle). */
export async function completionAmong(tx: Tx, courseCodes: string[], roles: string[], orgUnitIds?: readonly string[]): Promise<CourseCompletion[]> {
  const courses = await coursesByCode(tx, courseCodes);
  if (courses.length === 0 || roles.length === 0) return courses.map((c) => ({ code: c.code, title: c.title, leaders: 0, completed: 0, percent: null }));
  const unitFilter = orgUnitIds ? inArray(trainingStaff.orgUnitId, orgUnitIds) : sql`true`;
  const [population] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(trainingStaff)
    .innerJoin(users, eq(users.id, trainingStaff.userId))
    .where(and(inArray(users.role, roles), eq(users.isActive, true), unitFilter));
  const done = await tx
    .select({ courseId: trainingAssignments.courseId, n: sql<number>`count(distinct ${trainingAssignments.userId})::int` })
    .from(trainingAssignments)
    .innerJoin(trainingStaff, eq(trainingStaff.userId, trainingAssignments.userId))
    .innerJoin(users, eq(users.id, trainingAssignments.userId))
    .where(
      and(
        inArray(
          trainingAssignments.courseId,
          courses.map((c) => c.id),
        ),
        eq(trainingAssignments.status, 'completed'),
        inArray(users.role, roles),
        eq(users.isActive, true),
        unitFilter,
      ),
    )
    .groupBy(trainingAssignments.courseId);
  const leaders = population?.n ?? 0;
  return courseCodes.flatMap((code) => {
    const course = courses.find((c) => c.code === code);
    if (!course) return [];
    const completed = done.find((d) => d.courseId === course.id)?.n ?? 0;
    return [{ code, title: course.title, leaders, completed, percent: leaders === 0 ? null : Math.round((100 * completed) / leaders) }];
  });
}

/**
 * Demo data: `count` record-only members of staff (no password: they cannot sign in) in an org unit,
 * with the given role and hire dates. Idempotent by e-mail address.
 */
export async function addStaffRecords(
  tx: Tx,
  unit: { id: string; name: string; kind: 'hq_division' | 'lcsa' },
  people: { key: string; displayName: string; role: string; hireDate: CalendarDate }[],
): Promise<string[]> {
  const ids: string[] = [];
  for (const person of people) {
    const [user] = await tx
      .insert(users)
      .values({
        email: `${person.key}.${unit.id}@concord.test`,
        displayName: person.displayName,
        role: person.role,
        lcsaId: unit.kind === 'lcsa' ? unit.id : null,
      })
      .onConflictDoNothing()
      .returning({ id: users.id });
    if (!user) continue;
    await tx.insert(trainingStaff).values({ userId: user.id, orgUnitId: unit.id, hireDate: person.hireDate }).onConflictDoNothing();
    ids.push(user.id);
  }
  return ids;
}

// Org units and staff

export async function insertOrgUnits(tx: Tx, units: (typeof trainingOrgUnits.$inferInsert)[]): Promise<void> {
  await tx.insert(trainingOrgUnits).values(units).onConflictDoNothing();
}

export async function allOrgUnits(tx: Tx) {
  return tx
    .select({ id: trainingOrgUnits.id, name: trainingOrgUnits.name, kind: trainingOrgUnits.kind })
    .from(trainingOrgUnits)
    .orderBy(asc(trainingOrgUnits.kind), asc(trainingOrgUnits.name));
}

export async function orgUnitExists(tx: Tx, id: string): Promise<boolean> {
  const [unit] = await tx.select({ id: trainingOrgUnits.id }).from(trainingOrgUnits).where(eq(trainingOrgUnits.id, id));
  return unit !== undefined;
}

/** The account's LCSA, to check a manager may place it; undefined when there is no such account. */
export async function accountLcsa(tx: Tx, userId: string): Promise<{ lcsaId: string | null } | undefined> {
  const [user] = await tx.select({ lcsaId: users.lcsaId }).from(users).where(eq(users.id, userId));
  return user;
}

export async function upsertStaff(tx: Tx, staff: typeof trainingStaff.$inferInsert): Promise<void> {
  await tx
    .insert(trainingStaff)
    .values(staff)
    .onConflictDoUpdate({ target: trainingStaff.userId, set: { orgUnitId: staff.orgUnitId, hireDate: staff.hireDate } });
}

/** Active staff with their unit, hire date and role (all of them, or those given). */
export async function activeStaff(tx: Tx, userIds?: string[]) {
  return tx
    .select({ userId: trainingStaff.userId, orgUnitId: trainingStaff.orgUnitId, hireDate: trainingStaff.hireDate, role: users.role })
    .from(trainingStaff)
    .innerJoin(users, eq(users.id, trainingStaff.userId))
    .where(and(eq(users.isActive, true), userIds ? inArray(trainingStaff.userId, userIds) : undefined));
}

export async function displayNameOf(tx: Tx, userId: string): Promise<string | undefined> {
  const [user] = await tx.select({ displayName: users.displayName }).from(users).where(eq(users.id, userId));
  return user?.displayName;
}

// Courses, versions and curricula

export async function allCourses(tx: Tx): Promise<CourseRow[]> {
  return tx.select().from(trainingCourses).orderBy(asc(trainingCourses.code));
}

export async function courseByCode(tx: Tx, code: string): Promise<CourseRow | undefined> {
  const [row] = await tx.select().from(trainingCourses).where(eq(trainingCourses.code, code));
  return row;
}

export async function findCourse(tx: Tx, id: string, options: { forUpdate?: boolean } = {}): Promise<CourseRow | undefined> {
  const query = tx.select().from(trainingCourses).where(eq(trainingCourses.id, id));
  const [row] = options.forUpdate ? await query.for('update') : await query;
  return row;
}

/** Adds a course; undefined when its code is taken. */
export async function insertCourse(tx: Tx, course: typeof trainingCourses.$inferInsert): Promise<CourseRow | undefined> {
  const [row] = await tx.insert(trainingCourses).values(course).onConflictDoNothing().returning();
  return row;
}

export async function countCoursesAmong(tx: Tx, ids: string[]): Promise<number> {
  const rows = await tx.select({ id: trainingCourses.id }).from(trainingCourses).where(inArray(trainingCourses.id, ids));
  return rows.length;
}

export async function courseVersion(tx: Tx, courseId: string, version: number): Promise<VersionRow | undefined> {
  const [row] = await tx
    .select()
    .from(trainingCourseVersions)
    .where(and(eq(trainingCourseVersions.courseId, courseId), eq(trainingCourseVersions.version, version)));
  return row;
}

export async function latestVersion(tx: Tx, courseId: string): Promise<VersionRow | undefined> {
  const [row] = await tx
    .select()
    .from(trainingCourseVersions)
    .where(eq(trainingCourseVersions.courseId, courseId))
    .orderBy(desc(trainingCourseVersions.version))
    .limit(1);
  return row;
}

/** Every version of these courses, by `courseId/version`. */
export async function versionsOfCourses(tx: Tx, courseIds: string[]): Promise<Map<string, VersionRow>> {
  if (courseIds.length === 0) return new Map();
  const rows = await tx
    .select()
    .from(trainingCourseVersions)
    .where(inArray(trainingCourseVersions.courseId, [...new Set(courseIds)]));
  return new Map(rows.map((v) => [`${v.courseId}/${v.version}`, v]));
}

export async function insertVersion(tx: Tx, version: typeof trainingCourseVersions.$inferInsert): Promise<VersionRow> {
  const [row] = await tx.insert(trainingCourseVersions).values(version).returning();
  return row!;
}

/** Publishes a version: the course then assigns it. */
export async function publishVersion(tx: Tx, version: VersionRow): Promise<CourseRow> {
  await tx.update(trainingCourseVersions).set({ isPublished: true }).where(eq(trainingCourseVersions.id, version.id));
  const [course] = await tx.update(trainingCourses).set({ publishedVersion: version.version }).where(eq(trainingCourses.id, version.courseId)).returning();
  return course!;
}

export async function allCurricula(tx: Tx): Promise<CurriculumRow[]> {
  return tx.select().from(trainingCurricula).orderBy(asc(trainingCurricula.code));
}

/** Adds a curriculum; undefined when its code is taken. */
export async function insertCurriculum(tx: Tx, curriculum: typeof trainingCurricula.$inferInsert): Promise<{ id: string } | undefined> {
  const [row] = await tx.insert(trainingCurricula).values(curriculum).onConflictDoNothing().returning({ id: trainingCurricula.id });
  return row;
}

// Assignments and learning

/** Assignments of these people, every cycle. */
export async function assignmentsOf(tx: Tx, userIds: string[]): Promise<AssignmentRow[]> {
  if (userIds.length === 0) return [];
  return tx.select().from(trainingAssignments).where(inArray(trainingAssignments.userId, userIds));
}

/** Assigns a course; undefined when that cycle is assigned already. */
export async function insertAssignment(tx: Tx, assignment: typeof trainingAssignments.$inferInsert): Promise<AssignmentRow | undefined> {
  const [row] = await tx.insert(trainingAssignments).values(assignment).onConflictDoNothing().returning();
  return row;
}

/** A learner's assignments, open ones first, soonest due first. */
export async function learnerAssignments(tx: Tx, userId: string): Promise<AssignmentRow[]> {
  return tx
    .select()
    .from(trainingAssignments)
    .where(eq(trainingAssignments.userId, userId))
    .orderBy(asc(trainingAssignments.status), asc(trainingAssignments.dueOn));
}

/** An assignment, only if it is this learner's. */
export async function learnerAssignment(tx: Tx, userId: string, id: string): Promise<AssignmentRow | undefined> {
  const [row] = await tx
    .select()
    .from(trainingAssignments)
    .where(and(eq(trainingAssignments.id, id), eq(trainingAssignments.userId, userId)));
  return row;
}

export async function updateAssignment(tx: Tx, id: string, change: Partial<typeof trainingAssignments.$inferInsert>): Promise<AssignmentRow> {
  const [row] = await tx.update(trainingAssignments).set(change).where(eq(trainingAssignments.id, id)).returning();
  return row!;
}

/** The learner's latest assignment of the course (its highest cycle), if any. */
export async function latestAssignment(tx: Tx, userId: string, courseId: string): Promise<AssignmentRow | undefined> {
  const [row] = await tx
    .select()
    .from(trainingAssignments)
    .where(and(eq(trainingAssignments.userId, userId), eq(trainingAssignments.courseId, courseId)))
    .orderBy(desc(trainingAssignments.cycle))
    .limit(1);
  return row;
}

/** The lessons done in each of these assignments, and the quiz attempts used. */
export async function learningProgress(tx: Tx, assignmentIds: string[]) {
  if (assignmentIds.length === 0) return { lessonsDone: new Map<string, string[]>(), attempts: new Map<string, number>() };
  const progress = await tx.select().from(trainingLessonProgress).where(inArray(trainingLessonProgress.assignmentId, assignmentIds));
  const attempts = await tx
    .select({ assignmentId: trainingQuizAttempts.assignmentId, n: sql<number>`count(*)::int` })
    .from(trainingQuizAttempts)
    .where(inArray(trainingQuizAttempts.assignmentId, assignmentIds))
    .groupBy(trainingQuizAttempts.assignmentId);
  const lessonsDone = new Map<string, string[]>();
  for (const p of progress) lessonsDone.set(p.assignmentId, [...(lessonsDone.get(p.assignmentId) ?? []), p.lessonId]);
  return { lessonsDone, attempts: new Map(attempts.map((a) => [a.assignmentId, a.n])) };
}

/** Records a lesson done; false when it was done already. */
export async function markLessonDone(tx: Tx, assignmentId: string, lessonId: string): Promise<boolean> {
  const [row] = await tx.insert(trainingLessonProgress).values({ assignmentId, lessonId }).onConflictDoNothing().returning();
  return row !== undefined;
}

/** A passing attempt of the assignment's quiz, if any. */
export async function passingAttempt(tx: Tx, assignmentId: string) {
  const [best] = await tx
    .select()
    .from(trainingQuizAttempts)
    .where(and(eq(trainingQuizAttempts.assignmentId, assignmentId), eq(trainingQuizAttempts.isPassed, true)))
    .limit(1);
  return best;
}

export async function insertQuizAttempt(tx: Tx, attempt: typeof trainingQuizAttempts.$inferInsert): Promise<void> {
  await tx.insert(trainingQuizAttempts).values(attempt);
}

// Work queues (the home page)

/** A learner's own assignments not yet completed, by due date. */
export function myOpenAssignmentsCount(tx: Tx, userId: string, today: CalendarDate): Promise<WorkCount> {
  const a = trainingAssignments;
  return countDue(tx, sql`${a}`, sql`${a.userId} = ${userId} and ${a.status} <> 'completed'`, sql`${a.dueOn}`, today);
}

/** Learners' assignments past due, of staff within the filter (their account's LCSA). */
export function overdueLearnersCount(tx: Tx, filter: RowFilter, today: CalendarDate): Promise<WorkCount> {
  const a = trainingAssignments;
  return countDue(
    tx,
    sql`${a}`,
    sql`${a.status} <> 'completed' and ${a.dueOn} < ${today}::date and exists (select 1 from ${users} where ${users.id} = ${a.userId} and ${scopeSql(filter, { lcsa: users.lcsaId })})`,
    sql`${a.dueOn}`,
    today,
  );
}
