/**
 * The plan store on a database (PGlite, or the server with DATABASE_URL), without the HTTP app: the
 * period in force, the plan tree in order, tactics with unique slugs, milestones, check-ins and stored
 * metric values; and the platform's account and job look-ups the plan's services use.
 */
import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../../test/db';
import { systemActor } from '../../platform/auth/actor';
import { activeUserByEmail, createUser, displayNames } from '../../platform/auth/users';
import { inTransaction } from '../../platform/db/transaction';
import { enqueueJob, pendingJobOfKind } from '../../platform/jobs/jobs';
import { planGoals, planObjectives, planPeriods } from './schema';
import {
  checkInsNewestFirst,
  currentPeriod,
  insertCheckIn,
  insertTactic,
  latestMetricValues,
  metricHistory,
  milestonesByTactic,
  objectiveExists,
  planTree,
  setMilestoneDone,
  storeMetricValue,
  tacticForUpdate,
  updateTactic,
} from './store';

const { db } = await useTestDatabase();
const tag = crypto.randomBytes(3).toString('hex');

const tactic = (objectiveId: string, title: string) => ({
  objectiveId,
  title,
  description: '',
  businessProblem: null,
  statusText: 'Not started.',
  percentComplete: null,
  outcomesLabel: 'Business Outcomes',
  outcomes: [],
  criticalSuccessFactors: [],
  progressLabel: 'Progress',
  progressSource: 'manual' as const,
  modules: [],
  ownerUserId: null,
  checkInEveryDays: 90,
  createdOn: '2040-01-02' as const,
});

describe('the plan store', () => {
  it('finds the period in force, its goals, objectives and tactics in order, with unique slugs and milestones', () =>
    inTransaction(db, async (tx) => {
      const period = { startsOn: '2040-01-01' as const, endsOn: '2044-12-31' as const, mission: 'm', vision: 'v', values: [] };
      const [later] = await tx
        .insert(planPeriods)
        .values({ ...period, title: `Plan ${tag} 2040` })
        .returning();
      await tx.insert(planPeriods).values({ ...period, title: `Plan ${tag} 2045`, startsOn: '2045-01-01', endsOn: '2049-12-31' });
      expect((await currentPeriod(tx, '2040-06-01'))!.id).toBe(later!.id);
      const [second] = await tx.insert(planGoals).values({ periodId: later!.id, ordinal: 2, title: 'Second' }).returning();
      const [first] = await tx.insert(planGoals).values({ periodId: later!.id, ordinal: 1, title: 'First' }).returning();
      const [objective] = await tx
        .insert(planObjectives)
        .values({ goalId: first!.id, ordinal: 1, slug: `o-${tag}`, title: 'An objective' })
        .returning();
      expect(await objectiveExists(tx, objective!.id)).toBe(true);
      expect(await objectiveExists(tx, crypto.randomUUID())).toBe(false);

      const a = await insertTactic(tx, tactic(objective!.id, 'A'), `t-${tag}`);
      const b = await insertTactic(tx, tactic(objective!.id, 'B'), `t-${tag}`);
      expect([a.slug, b.slug]).toEqual([`t-${tag}`, `t-${tag}-2`]);
      const tree = await planTree(tx, later!.id);
      expect(tree.goals.map((g) => g.id)).toEqual([first!.id, second!.id]);
      expect(tree.objectives.map((o) => o.id)).toEqual([objective!.id]);
      expect(tree.tactics.map((t) => [t.title, t.ordinal])).toEqual([
        ['A', 1],
        ['B', 2],
      ]);

      await updateTactic(tx, a.id, { statusText: 'Under way.', percentComplete: 40 });
      expect(await tacticForUpdate(tx, a.id)).toMatchObject({ statusText: 'Under way.', percentComplete: 40 });
      expect(await tacticForUpdate(tx, crypto.randomUUID())).toBeUndefined();
      expect(await setMilestoneDone(tx, a.id, crypto.randomUUID(), '2040-03-01')).toBeUndefined();
      expect((await milestonesByTactic(tx)).get(a.id)).toBeUndefined();

      const input = { statusText: 'x', percentComplete: 10, narrative: 'n', authorUserId: null, authorName: 'Concord' };
      await insertCheckIn(tx, { tacticId: a.id, onDate: '2040-02-01', ...input });
      await insertCheckIn(tx, { tacticId: a.id, onDate: '2040-03-01', ...input });
      expect((await checkInsNewestFirst(tx)).filter((c) => c.tacticId === a.id).map((c) => c.onDate)).toEqual(['2040-03-01', '2040-02-01']);
    }));

  it('keeps one value per metric per day, the latest day being the current value', () =>
    inTransaction(db, async (tx) => {
      const key = `test.metric_${tag}`;
      const value = { key, label: 'A measure', value: 0.25, numerator: 1, denominator: 4, note: '1 of 4', asOf: '2040-01-01' as const };
      await storeMetricValue(tx, value, '2040-01-01');
      await storeMetricValue(tx, { ...value, value: 0.5, numerator: 2, note: '2 of 4' }, '2040-01-01');
      await storeMetricValue(tx, { ...value, value: 0.75, numerator: 3, note: '3 of 4' }, '2040-01-02');
      expect((await metricHistory(tx)).filter((v) => v.metricKey === key).map((v) => [v.computedOn, v.value])).toEqual([
        ['2040-01-01', 0.5],
        ['2040-01-02', 0.75],
      ]);
      expect((await latestMetricValues(tx)).get(key)).toMatchObject({ computedOn: '2040-01-02', note: '3 of 4' });
    }));
});

describe('the platform look-ups the plan uses', () => {
  it('finds an active account by email, names accounts, and finds a job of a kind still pending', () =>
    inTransaction(db, async (tx) => {
      const user = await createUser(tx, systemActor(), {
        email: `owner.${tag}@test.concord`,
        displayName: 'Tactic Owner',
        password: 'correct horse battery staple',
        role: 'state_admin',
      });
      expect(await activeUserByEmail(tx, `owner.${tag}@test.concord`)).toEqual({ id: user.id, displayName: 'Tactic Owner' });
      expect(await activeUserByEmail(tx, `nobody.${tag}@test.concord`)).toBeUndefined();
      expect(await displayNames(tx, [user.id, user.id])).toEqual(new Map([[user.id, 'Tactic Owner']]));
      expect(await displayNames(tx, [])).toEqual(new Map());
      const kind = `test.kind_${tag}`;
      expect(await pendingJobOfKind(tx, kind)).toBeUndefined();
      const jobId = await enqueueJob(tx, systemActor(), { kind, payload: {}, maxAttempts: 1 });
      expect(await pendingJobOfKind(tx, kind)).toBe(jobId);
    }));
});
