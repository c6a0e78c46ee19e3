/**
 * The training store on a database (PGlite, or the server with DATABASE_URL), without the HTTP app:
 * staff in org units, courses and versions, assignments once per cycle and only to their learner,
 * progress, reminders and report figures within the actor's filter.
 */
import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../../test/db';
import { systemActor } from '../../platform/auth/actor';
import type { RowFilter } from '../../platform/auth/scope';
import { createUser } from '../../platform/auth/users';
import { inTransaction } from '../../platform/db/transaction';
import {
  activeStaff,
  assignmentFigures,
  courseVersion,
  findCourse,
  insertAssignment,
  insertCourse,
  insertVersion,
  latestVersion,
  learnerAssignment,
  learnerAssignments,
  learningProgress,
  markLessonDone,
  orgUnitExists,
  passingAttempt,
  insertQuizAttempt,
  publishVersion,
  remindOverdueAssignments,
  upsertStaff,
  versionsOfCourses,
} from './store';

const { db } = await useTestDatabase();
const tag = crypto.randomBytes(3).toString('hex');
const kern: RowFilter = { kind: 'lcsa', lcsaId: 'kern' };
const fresno: RowFilter = { kind: 'lcsa', lcsaId: 'fresno' };
const insurer: RowFilter = { kind: 'partner', partnerId: crypto.randomUUID() };

describe('the training store', () => {
  it('keeps courses with versions, assigns each cycle once to its learner, and counts progress, reminders and figures in the filter', () =>
    inTransaction(db, async (tx) => {
      expect(await orgUnitExists(tx, 'kern')).toBe(true);
      expect(await orgUnitExists(tx, `nowhere-${tag}`)).toBe(false);
      const learner = await createUser(tx, systemActor(), {
        email: `learner.${tag}@test.concord`,
        displayName: 'Learner',
        password: 'correct horse battery staple',
        role: 'lcsa_caseworker',
        lcsaId: 'kern',
      });
      await upsertStaff(tx, { userId: learner.id, orgUnitId: 'fresno', hireDate: '2040-01-01' });
      await upsertStaff(tx, { userId: learner.id, orgUnitId: 'kern', hireDate: '2040-01-02' });
      expect(await activeStaff(tx, [learner.id])).toEqual([{ userId: learner.id, orgUnitId: 'kern', hireDate: '2040-01-02', role: 'lcsa_caseworker' }]);

      const course = (await insertCourse(tx, { code: `C-${tag}`, title: 'Course', category: 'procedures', owner: 'HQ' }))!;
      expect(await insertCourse(tx, { code: `C-${tag}`, title: 'Again', category: 'procedures', owner: 'HQ' })).toBeUndefined();
      const content = { description: 'd', lessons: [{ id: 'l1', title: 'Lesson' }], quiz: null, savedBy: null };
      await insertVersion(tx, { courseId: course.id, version: 1, ...content });
      const second = await insertVersion(tx, { courseId: course.id, version: 2, ...content });
      expect((await latestVersion(tx, course.id))!.version).toBe(2);
      expect(await publishVersion(tx, second)).toMatchObject({ publishedVersion: 2 });
      expect((await courseVersion(tx, course.id, 2))!.isPublished).toBe(true);
      expect([...(await versionsOfCourses(tx, [course.id, course.id])).keys()].sort()).toEqual([`${course.id}/1`, `${course.id}/2`]);
      expect(await findCourse(tx, course.id, { forUpdate: true })).toMatchObject({ code: `C-${tag}` });

      const assignment = {
        userId: learner.id,
        courseId: course.id,
        cycle: 1,
        courseVersion: 2,
        source: 'new_hire' as const,
        assignedOn: '2040-01-02' as const,
        dueOn: '2040-02-01' as const,
        status: 'assigned' as const,
      };
      const row = (await insertAssignment(tx, assignment))!;
      expect(await insertAssignment(tx, assignment)).toBeUndefined();
      expect((await learnerAssignments(tx, learner.id)).map((a) => a.id)).toEqual([row.id]);
      expect(await learnerAssignment(tx, crypto.randomUUID(), row.id)).toBeUndefined();

      expect(await markLessonDone(tx, row.id, 'l1')).toBe(true);
      expect(await markLessonDone(tx, row.id, 'l1')).toBe(false);
      await insertQuizAttempt(tx, { assignmentId: row.id, attempt: 1, answers: {}, scorePercent: 40, isPassed: false });
      expect(await passingAttempt(tx, row.id)).toBeUndefined();
      await insertQuizAttempt(tx, { assignmentId: row.id, attempt: 2, answers: {}, scorePercent: 90, isPassed: true });
      expect((await passingAttempt(tx, row.id))!.scorePercent).toBe(90);
      const progress = await learningProgress(tx, [row.id]);
      expect(progress.lessonsDone.get(row.id)).toEqual(['l1']);
      expect(progress.attempts.get(row.id)).toBe(2);

      expect(await remindOverdueAssignments(tx, fresno, '2040-03-01', '2040-02-22')).toBe(0);
      expect(await remindOverdueAssignments(tx, kern, '2040-03-01', '2040-02-22')).toBe(1);
      expect(await remindOverdueAssignments(tx, kern, '2040-03-02', '2040-02-23')).toBe(0);

      const byCourse = async (filter: RowFilter) => (await assignmentFigures(tx, filter, 'course', '2040-03-01')).find((r) => r.key === `C-${tag}`);
      expect(await byCourse(kern)).toMatchObject({ assigned: 1, completed: 0, overdue: 1 });
      expect(await byCourse(fresno)).toBeUndefined();
      expect(await assignmentFigures(tx, insurer, 'org_unit', '2040-03-01')).toEqual([]);
    }));
});
