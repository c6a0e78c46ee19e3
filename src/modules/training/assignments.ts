/** The assignment engine: curricula's rules applied to staff, with recertification cycles. */
import type { Tx } from '../../platform/db/connect';
import { todayInCalifornia, type CalendarDate } from '../../platform/dates';
import { curriculumDue, heldForLaunch, type CurriculumRules } from './domain/learning';
import { activeStaff, allCourses, allCurricula, assignmentsOf, insertAssignment, launchesByUnit, staffInUnits, updateAssignment } from './store';

/**
 * The assignment engine: every curriculum's rules applied to staff (all, or `userIds`), creating the
 * first assignment of each course due, and a new cycle where a completion has lapsed (recertification).
 * Courses not yet published are skipped until they are; staff of a unit whose launch is still planned or
 * delayed are skipped until it launches. Repeatable: nothing is assigned twice.
 */
export async function runAssignments(tx: Tx, userIds?: string[], today = todayInCalifornia()): Promise<{ assigned: number }> {
  const staff = await activeStaff(tx, userIds);
  if (staff.length === 0) return { assigned: 0 };
  const curricula = await allCurricula(tx);
  const courses = new Map((await allCourses(tx)).map((c) => [c.id, c]));
  const existing = await assignmentsOf(
    tx,
    staff.map((s) => s.userId),
  );
  const latestOf = new Map<string, (typeof existing)[number]>();
  for (const a of existing) {
    const key = `${a.userId}/${a.courseId}`;
    if ((latestOf.get(key)?.cycle ?? 0) < a.cycle) latestOf.set(key, a);
  }
  const launches = await launchesByUnit(tx);
  let assigned = 0;
  for (const curriculum of curricula) {
    const rules = curriculum.rules as CurriculumRules;
    for (const member of staff) {
      // The rollout gates: a unit in the plan that has not launched is assigned nothing yet, and what a
      // launched unit is assigned falls due no sooner than its launch date allows.
      const launch = launches.get(member.orgUnitId);
      if (launch && !(launch.status === 'launched' || launch.status === 'complete')) continue;
      const due = heldForLaunch(curriculumDue(rules, member, curriculum.startsOn, today), rules, launch?.launchedOn ?? null);
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
        const created = await insertAssignment(tx, row);
        if (created) {
          latestOf.set(`${member.userId}/${courseId}`, created);
          assigned += 1;
        }
      }
    }
  }
  return { assigned };
}

/**
 * A launch re-plans the unit's open assignments from the launch date (heldForLaunch, as the engine does for
 * new ones): none falls due sooner than the launch date plus its curriculum's days. Recertifications keep
 * the date the lapse set; assignments of no curriculum have no days to count.
 */
export async function replanFromLaunch(tx: Tx, orgUnitId: string, launchedOn: CalendarDate): Promise<number> {
  const staff = await staffInUnits(tx, [orgUnitId]);
  const rulesOf = new Map((await allCurricula(tx)).map((c) => [c.id, c.rules as CurriculumRules]));
  let replanned = 0;
  for (const a of await assignmentsOf(
    tx,
    staff.map((s) => s.userId),
  )) {
    const rules = a.curriculumId ? rulesOf.get(a.curriculumId) : undefined;
    if (!rules || a.status === 'completed' || a.source === 'recertification') continue;
    const held = heldForLaunch(a, rules, launchedOn)!;
    if (held.dueOn === a.dueOn) continue;
    await updateAssignment(tx, a.id, { dueOn: held.dueOn });
    replanned += 1;
  }
  return replanned;
}
