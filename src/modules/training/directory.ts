/**
 * What other modules read of training's organisation and completions (through index.ts): org units and
 * their staff, and how many of a set of roles have completed given courses. Plus the record-only staff
 * the demo data uses (people who appear in reports and surveys but cannot sign in).
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import { users } from '../../platform/auth/schema';
import type { Tx } from '../../platform/db/connect';
import { trainingAssignments, trainingCourses, trainingOrgUnits, trainingStaff } from './schema';

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
