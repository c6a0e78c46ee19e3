/**
 * The training module's SQL over its own tables: org units and staff, courses and their versions,
 * curricula, assignments with lesson progress and quiz attempts, the rollout plan, and the figures
 * reports and the plan's measures count. Staff are accounts: the store joins the platform's `users`
 * table for role, name and whether the account is active (the platform is not a module; no other
 * module's table is read). What other modules use (org units, staff in units, completion among roles)
 * is exported through index.ts.
 */
import { and, asc, desc, eq, inArray, isNull, lt, ne, or, sql, type SQL } from 'drizzle-orm';
import { users } from '../../platform/auth/schema';
import { scopeSql, type RowFilter } from '../../platform/auth/scope';
import type { Tx } from '../../platform/db/connect';
import { queryRows } from '../../platform/db/rows';
import type { RolloutWave, TrainingReport } from './contract';
import {
  trainingAssignments,
  trainingCourses,
  trainingCourseVersions,
  trainingCurricula,
  trainingLessonProgress,
  trainingOrgUnits,
  trainingQuizAttempts,
  trainingRolloutWaves,
  trainingStaff,
} from './schema';

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
  people: { key: string; displayName: string; role: string; hireDate: string }[],
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

// Reports, reminders and the rollout

const groupings = {
  org_unit: { key: sql`ou.id`, label: sql`ou.name` },
  role: { key: sql`u.role`, label: sql`u.role` },
  course: { key: sql`c.code`, label: sql`c.code || ' — ' || c.title` },
} as const;
export type Grouping = keyof typeof groupings;

/** Assigned, completed and overdue, and the average quiz score, per group of the staff in the filter. */
export async function assignmentFigures(tx: Tx, filter: RowFilter, groupBy: Grouping, today: string): Promise<TrainingReport['rows']> {
  const g = groupings[groupBy];
  return queryRows<TrainingReport['rows'][number]>(
    tx,
    sql`select ${g.key} as key, ${g.label} as label, count(*)::int as assigned,
          count(*) filter (where a.status = 'completed')::int as completed,
          count(*) filter (where a.status <> 'completed' and a.due_on < ${today}::date)::int as overdue,
          round(avg(a.score_percent) filter (where a.score_percent is not null), 1)::float as "averageScorePercent"
        from training_assignments a join training_staff s on s.user_id = a.user_id join users u on u.id = a.user_id
        join training_org_units ou on ou.id = s.org_unit_id join training_courses c on c.id = a.course_id
        where ${scopeSql(filter, { lcsa: sql`s.org_unit_id` })} group by 1, 2 order by 2`,
  );
}

/** Marks reminded today the overdue assignments of the staff in the filter not reminded since `notSince`; returns how many. */
export async function remindOverdueAssignments(tx: Tx, filter: RowFilter, today: string, notSince: string): Promise<number> {
  const due = await tx
    .select({ id: trainingAssignments.id })
    .from(trainingAssignments)
    .innerJoin(trainingStaff, eq(trainingStaff.userId, trainingAssignments.userId))
    .where(
      and(
        ne(trainingAssignments.status, 'completed'),
        lt(trainingAssignments.dueOn, today),
        or(isNull(trainingAssignments.remindedOn), lt(trainingAssignments.remindedOn, notSince)),
        scopeSql(filter, { lcsa: trainingStaff.orgUnitId }),
      ),
    );
  if (due.length > 0)
    await tx
      .update(trainingAssignments)
      .set({ remindedOn: today })
      .where(
        inArray(
          trainingAssignments.id,
          due.map((d) => d.id),
        ),
      );
  return due.length;
}

/** The rollout plan: every wave with its unit's assignments and completions. */
export async function rolloutWaves(tx: Tx): Promise<RolloutWave[]> {
  return queryRows<RolloutWave>(
    tx,
    sql`select w.org_unit_id as "orgUnitId", ou.name as "orgUnitName", w.wave, w.planned_on::text as "plannedOn", w.status,
          w.launched_on::text as "launchedOn", w.delay_reason as "delayReason",
          (select count(*)::int from training_assignments a join training_staff s on s.user_id = a.user_id where s.org_unit_id = w.org_unit_id) as assigned,
          (select count(*)::int from training_assignments a join training_staff s on s.user_id = a.user_id where s.org_unit_id = w.org_unit_id and a.status = 'completed') as completed
        from training_rollout_waves w join training_org_units ou on ou.id = w.org_unit_id order by w.wave, ou.name`,
  );
}

export async function waveOf(tx: Tx, orgUnitId: string) {
  const [row] = await tx.select().from(trainingRolloutWaves).where(eq(trainingRolloutWaves.orgUnitId, orgUnitId));
  return row;
}

export async function upsertWave(tx: Tx, wave: typeof trainingRolloutWaves.$inferInsert): Promise<void> {
  await tx.insert(trainingRolloutWaves).values(wave).onConflictDoUpdate({ target: trainingRolloutWaves.orgUnitId, set: wave });
}

// The plan's measures

/** New staff whose Core Curriculum fell due in the year to `asOf`, and how many finished it on time. */
export async function coreOnTimeCounts(tx: Tx, asOf: string, yearBefore: string): Promise<{ numerator: number; denominator: number }> {
  return countPair(
    tx,
    sql`with due as (
          select a.user_id, bool_and(a.status = 'completed' and a.completed_on <= a.due_on) as on_time
          from training_assignments a join training_curricula c on c.id = a.curriculum_id
          where c.code = 'CORE' and a.source = 'new_hire' and a.cycle = 1
          group by a.user_id
          having max(a.due_on) between ${yearBefore}::date and ${asOf}::date)
        select count(*) filter (where on_time)::int as numerator, count(*)::int as denominator from due`,
  );
}

/** Org units, and how many had launched by `asOf`. */
export async function unitsLaunchedCounts(tx: Tx, asOf: string): Promise<{ numerator: number; denominator: number }> {
  return countPair(
    tx,
    sql`select count(*) filter (where w.status in ('launched', 'complete') and coalesce(w.launched_on, ${asOf}::date) <= ${asOf}::date)::int as numerator,
               count(*)::int as denominator
        from training_org_units u left join training_rollout_waves w on w.org_unit_id = u.id`,
  );
}

async function countPair(tx: Tx, query: SQL): Promise<{ numerator: number; denominator: number }> {
  const [row] = await queryRows<{ numerator: number; denominator: number }>(tx, query);
  return row ?? { numerator: 0, denominator: 0 };
}
