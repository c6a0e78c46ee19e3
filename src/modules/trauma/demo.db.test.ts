import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../../test/db';
import { systemActor } from '../../platform/auth/actor';
import { todayInCalifornia } from '../../platform/dates';
import { inTransaction } from '../../platform/db/transaction';
import { derivePiiKeys } from '../../platform/pii/keys';
import { seedTrainingDemo } from '../training/index';
import { actionPlan, actionPlanProgress } from './actions';
import { seedTraumaDemo } from './demo';
import { listCampaigns } from './campaigns';
import { campaignResults } from './results';

const { db } = await useTestDatabase();
const keys = derivePiiKeys(crypto.randomBytes(32));

describe('demo trauma-informed assessment', () => {
  it('seeds two campaigns a year apart across several LCSAs, an open pulse survey and an action plan in progress, once', async () => {
    // Seeded as of today, as the demo is: whether a campaign is open is decided against today.
    const today = todayInCalifornia();
    await inTransaction(db, (tx) => seedTrainingDemo(tx, today));
    await inTransaction(db, (tx) => seedTraumaDemo(tx, keys, today));
    await inTransaction(db, (tx) => seedTraumaDemo(tx, keys, today));
    const actor = systemActor();
    const campaigns = await inTransaction(db, (tx) => listCampaigns(tx, { ...actor, role: 'state_admin' }));
    expect(campaigns.map((c) => [c.title, c.status])).toEqual([
      ['Quarterly pulse survey', 'open'],
      ['Annual follow-up assessment', 'closed'],
      ['Baseline assessment', 'closed'],
    ]);
    const followUp = campaigns[1]!;
    expect(followUp.orgUnitIds.filter((id) => !id.startsWith('hq-')).length).toBeGreaterThanOrEqual(6);
    expect(followUp.responded).toBeGreaterThan(80);
    const results = await inTransaction(db, (tx) => campaignResults(tx, keys, { ...actor, role: 'state_admin' }, followUp.id, {}));
    expect(results.trend.map((t) => t.title)).toEqual(['Baseline assessment', 'Annual follow-up assessment']);
    expect(results.trend[1]!.overall!).toBeGreaterThan(results.trend[0]!.overall!);
    const legal = results.heatMap.find((r) => r.orgUnitId === 'hq-legal')!;
    expect(legal.isSuppressed).toBe(true);
    expect(results.heatMap.filter((r) => !r.isSuppressed).length).toBeGreaterThanOrEqual(5);
    expect(results.gaps.length).toBeGreaterThan(3);
    expect(await inTransaction(db, (tx) => actionPlanProgress(tx))).toEqual({ percentComplete: 23, done: 3, total: 13 });
    const plan = await inTransaction(db, (tx) => actionPlan(tx, { ...actor, role: 'state_admin' }));
    expect(plan.phases).toHaveLength(4);
    const leadership = plan.phases.flatMap((p) => p.actions).find((a) => a.courses.some((c) => c.code === 'LEAD-400'))!;
    expect(leadership.courses[0]!.leaders).toBeGreaterThanOrEqual(47);
    expect(leadership.courses[0]!.completed).toBeGreaterThan(0);
  });
});
