import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/app';
import { pdfText } from '../../../test/pdf-text';
import { inTransaction } from '../../platform/db/transaction';
import { JobRunner } from '../../platform/jobs/runner';
import { todayInCalifornia } from '../../platform/dates';
import type { MetricValue, PublicPlan, PublicTactic, StaffTactic } from './contract';
import { moduleMetrics } from '../../platform/module';
import { modules } from '../all';
import { seedPlanDemo } from './demo';
import { refreshJobKind, refreshMetricsJob } from './service';

const { app, signInAs } = await useTestApp();
const db = app.concord.database.db;
const today = todayInCalifornia();
const admin = await signInAs('state_admin');
const owner = await signInAs('state_staff');
const colleague = await signInAs('state_staff');
const lcsaAdmin = await signInAs('lcsa_admin', { lcsaId: 'sacramento' });
await inTransaction(db, (tx) => seedPlanDemo(tx, today, moduleMetrics(modules)));

const post = (url: string, headers: Record<string, string>, payload?: object) => app.inject({ method: 'POST', url, headers, payload: payload ?? {} });
const get = (url: string, headers: Record<string, string> = {}) => app.inject({ url, headers });

async function publicTactic(slug: string): Promise<PublicTactic> {
  const plan = (await get('/api/plan/public')).json<PublicPlan>();
  return plan.goals.flatMap((g) => g.objectives.flatMap((o) => o.tactics)).find((t) => t.slug === slug)!;
}
async function staffTactic(slug: string, who = admin): Promise<StaffTactic> {
  return (await get('/api/plan/tactics', who.headers)).json<StaffTactic[]>().find((t) => t.slug === slug)!;
}
const runRefresh = () => new JobRunner(db, new Map([[refreshJobKind, refreshMetricsJob(moduleMetrics(modules))]])).runOnce();

describe('the public plan', () => {
  it('shows the goals, objectives and the seed pages’ tactics with their texts, statuses and percentages, without sign-in', async () => {
    const response = await get('/api/plan/public');
    expect(response.statusCode).toBe(200);
    const plan = response.json<PublicPlan>();
    expect(plan.goals.map((g) => g.title)).toEqual([
      'Facilitate Consistent Support for Children',
      'Strengthen Customer Engagement',
      'Enhance Program Performance',
      'Build Collaborative Partnerships to Benefit Families',
      'Foster Innovation and Improve Service Delivery',
    ]);
    expect(plan.goals.flatMap((g) => g.objectives)).toHaveLength(14);
    const consistency = plan.goals[2]!.objectives.find((o) => o.slug === 'promote-consistency-of-processes-statewide')!;
    expect(consistency.tactics.map((t) => t.title)).toEqual([
      'Improve Collaboration between California Child Support Services and Local Child Support Agencies',
      'Transition to Learning Management System',
      'Develop Statewide Training',
      'Consolidate Budget Information Systems',
      'Amend Regulations to Improve Efficiency',
    ]);
    const foster = await publicTactic('foster-care-referral-review');
    // A tactic only its owner reports has the published status and no live measure.
    expect(foster.published).toMatchObject({ percent: 85, barPercent: 85, statusText: '85% completed', source: 'Reported by the tactic’s owner' });
    expect(foster.published.asOf! <= today).toBe(true);
    expect(foster.live).toBeNull();
    expect(foster.criticalSuccessFactors).toEqual(['Caseload and arrears balance both reach 0 cases and $0 by January 2025.']);
    expect(foster.published.graphic.alt).toBe('Green circle filled to 85 percent: task under way');
    // Weighted milestones: 3 of 7 points, a live figure beside the published status.
    expect((await publicTactic('flexibility-efficiency-modernization')).live).toMatchObject({ percent: 42, source: 'Weighted milestones' });
    // The trauma-informed card as published: 23% completed beside a 25% bar; the core curriculum started.
    expect((await publicTactic('become-a-trauma-informed-organization')).published).toMatchObject({ percent: 23, barPercent: 25, statusText: '23% completed' });
    expect((await publicTactic('develop-statewide-training')).published.graphic.alt).toBe('Green circle indicating task has started');
    // Roll-up by the stated rule: an objective's figure is the floor of the mean of its tactics' that have one.
    const partnerships = plan.goals[3]!.objectives.find((o) => o.slug === 'establish-new-partnerships-to-help-reduce-poverty')!;
    expect(partnerships.tactics.map((t) => t.published.percent)).toEqual([75, 23]);
    expect(partnerships.published).toEqual({ percent: 49, counted: 2, of: 2 });
    const goal = plan.goals[3]!;
    const withFigure = goal.objectives.filter((o) => o.published.percent !== null);
    expect(goal.published).toEqual({
      percent: Math.floor(withFigure.reduce((sum, o) => sum + o.published.percent!, 0) / withFigure.length),
      counted: withFigure.length,
      of: goal.objectives.length,
    });
    expect(JSON.stringify(plan)).not.toMatch(/@concord|ownerUserId|ownerName/);
    // Seeding again changes nothing.
    await inTransaction(db, (tx) => seedPlanDemo(tx, today, moduleMetrics(modules)));
    expect((await get('/api/plan/public')).json<PublicPlan>().goals.flatMap((g) => g.objectives.flatMap((o) => o.tactics))).toHaveLength(13); // before any is added
  });

  it('says when a live measure has nothing to count, instead of inventing a number', async () => {
    // No insurer is registered in this database.
    const insurers = await publicTactic('collaborate-with-insurance-companies');
    expect(insurers.live).toMatchObject({ percent: null, basis: 'Live measure not available yet: No licensed insurer is registered yet.' });
    // The published status stands as published beside it: 75% with its circle, not a live figure's.
    expect(insurers.published).toMatchObject({ statusText: '75% completed', percent: 75, barPercent: 75 });
    expect(insurers.published.graphic.kind).toBe('started');
  });
});

describe('check-ins', () => {
  it('lets the owner check in; the bar of a reported tactic moves and the history keeps both', async () => {
    const tactic = await staffTactic('uncollectible-state-owed-debt');
    expect((await post(`/api/plan/tactics/${tactic.id}`, admin.headers, { ownerEmail: owner.email })).statusCode).toBe(200);
    const mine = (await get('/api/plan/tactics', owner.headers)).json<StaffTactic[]>().filter((t) => t.isMine);
    expect(mine.map((t) => t.slug)).toEqual(['uncollectible-state-owed-debt']);
    expect(mine[0]!.nextCheckInDue).toBe(tactic.nextCheckInDue);
    const checkIn = { statusText: '70% completed', percentComplete: 70, narrative: 'Two more LCSAs finished their reviews.' };
    expect((await post(`/api/plan/tactics/${tactic.id}/check-ins`, colleague.headers, checkIn)).json<{ code: string }>().code).toBe('not_tactic_owner');
    expect((await post(`/api/plan/tactics/${tactic.id}/check-ins`, lcsaAdmin.headers, checkIn)).statusCode).toBe(403);
    const recorded = await post(`/api/plan/tactics/${tactic.id}/check-ins`, owner.headers, checkIn);
    expect(recorded.statusCode, recorded.body).toBe(200);
    expect((await publicTactic('uncollectible-state-owed-debt')).published).toMatchObject({ percent: 70, statusText: '70% completed', asOf: today });
    const after = await staffTactic('uncollectible-state-owed-debt', owner);
    expect(after.checkIns.map((c) => c.percentComplete)).toEqual([70, 65, 65].slice(0, after.checkIns.length));
    expect(after.checkIns[0]!.narrative).toBe('Two more LCSAs finished their reviews.');
    expect(after.isCheckInOverdue).toBe(false);
  });

  it('shows reviewers the tactics whose check-in is overdue', async () => {
    const overdue = (await get('/api/plan/tactics', admin.headers)).json<StaffTactic[]>().filter((t) => t.isCheckInOverdue);
    // The demo leaves every third tactic with only last year's check-in.
    expect(overdue.length).toBeGreaterThanOrEqual(3);
    expect(overdue.every((t) => t.nextCheckInDue < today)).toBe(true);
  });

  it('keeps a measured tactic’s live measure the measure’s beside the status its owner publishes, and marks milestones', async () => {
    const fem = await staffTactic('flexibility-efficiency-modernization');
    const open = fem.milestones.find((m) => m.doneOn === null)!;
    expect((await post(`/api/plan/tactics/${fem.id}/milestones/${open.id}`, admin.headers, { isDone: true })).statusCode).toBe(200);
    expect((await publicTactic('flexibility-efficiency-modernization')).live!.percent).toBe(open.weight === 3 ? 85 : 57);
    const trauma = await staffTactic('become-a-trauma-informed-organization');
    await post(`/api/plan/tactics/${trauma.id}/check-ins`, admin.headers, {
      statusText: 'Action plan under way',
      percentComplete: 99,
      narrative: 'Quarterly check-in.',
    });
    const checkedIn = await publicTactic('become-a-trauma-informed-organization');
    // The owner's status is published as entered (the bar drawn is now its percent); the measure is not touched.
    expect(checkedIn.published).toMatchObject({ statusText: 'Action plan under way', percent: 99, barPercent: 99 });
    expect(checkedIn.live!.percent).not.toBe(99);
  });

  it('refuses an unknown metric or owner, naming the field', async () => {
    const tactic = await staffTactic('smith-ostler-automation');
    const refused = await post(`/api/plan/tactics/${tactic.id}`, admin.headers, {
      progressSource: 'metric',
      metricKey: 'weather.sunny_days',
      ownerEmail: 'nobody@x',
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json<{ errors: { path: string }[] }>().errors.map((e) => e.path)).toEqual(['/metricKey', '/ownerEmail']);
    expect((await post(`/api/plan/tactics/${tactic.id}`, owner.headers, { progressLabel: 'Mine now' })).statusCode).toBe(403);
  });
});

describe('editing the plan', () => {
  it('adds a tactic to an objective and edits a card’s texts; the public page shows both', async () => {
    const plan = (await get('/api/plan/public')).json<PublicPlan>();
    expect(plan).toMatchObject({ title: 'California Child Support Services Strategic Plan', startsOn: '2019-01-01', endsOn: '2027-12-31' });
    const outreach = plan.goals[1]!.objectives.find((o) => o.slug === 'program-outreach')!;
    const body = {
      title: 'Plain-language program videos',
      description: 'Short videos that explain child support in plain language',
      businessProblem: null,
      outcomes: ['Parents know what to expect.'],
      criticalSuccessFactors: [],
      progressLabel: 'Videos',
      ownerEmail: owner.email,
    };
    expect((await post(`/api/plan/objectives/${outreach.id}/tactics`, owner.headers, body)).statusCode).toBe(403);
    const added = await post(`/api/plan/objectives/${outreach.id}/tactics`, admin.headers, body);
    expect(added.statusCode, added.body).toBe(200);
    expect(added.json<{ slug: string }>().slug).toBe('plain-language-program-videos');
    expect((await post(`/api/plan/objectives/${outreach.id}/tactics`, admin.headers, body)).json<{ slug: string }>().slug).toBe(
      'plain-language-program-videos-2',
    );
    const shown = await publicTactic('plain-language-program-videos');
    expect(shown).toMatchObject({
      published: { statusText: 'Not started.', percent: null, asOf: null },
      live: null,
      outcomes: ['Parents know what to expect.'],
    });
    expect(shown.published.graphic.alt).toBe('Grey circle: not started yet');
    expect((await staffTactic('plain-language-program-videos', owner)).isMine).toBe(true);
    const smith = await staffTactic('smith-ostler-automation');
    await post(`/api/plan/tactics/${smith.id}`, admin.headers, {
      statusText: 'Scheduled for spring 2027.',
      outcomes: ['Consistent calculations.', 'Fewer complaints.'],
    });
    expect(await publicTactic('smith-ostler-automation')).toMatchObject({
      published: { statusText: 'Scheduled for spring 2027.' },
      outcomes: ['Consistent calculations.', 'Fewer complaints.'],
    });
  });
});

describe('live metrics', () => {
  it('recompute by a job, keep their history, and move a bound tactic when the module’s data changes', async () => {
    // The trauma action plan: one of two actions done.
    const phase = (
      await post('/api/trauma/phases', admin.headers, { ordinal: 1, title: 'Learn', stage: 'trauma_aware', startsOn: '2026-01-01', endsOn: '2026-12-31' })
    ).json<{ id: string }>();
    const newAction = (title: string) => ({
      phaseId: phase.id,
      title,
      description: '',
      owner: 'HQ',
      dueOn: '2026-12-31',
      gap: null,
      campaignId: null,
      courseCodes: [],
    });
    const first = (await post('/api/trauma/actions', admin.headers, newAction('Assess'))).json<{ id: string }>();
    await post('/api/trauma/actions', admin.headers, newAction('Train'));
    await post(`/api/trauma/actions/${first.id}/status`, admin.headers, { status: 'done' });
    const job = await post('/api/plan/metrics/refresh', owner.headers);
    expect(job.statusCode, job.body).toBe(200);
    // Asking again while it waits gives the same job.
    expect((await post('/api/plan/metrics/refresh', admin.headers)).json()).toEqual(job.json());
    expect((await post('/api/plan/metrics/refresh', lcsaAdmin.headers)).statusCode).toBe(403);
    expect(await runRefresh()).toBe(true);
    expect((await publicTactic('become-a-trauma-informed-organization')).live).toMatchObject({
      percent: 50,
      asOf: today,
      source: 'Trauma-informed action plan: actions done',
    });
    // The module's data changes; the tactic moves at the next refresh, not before.
    const second = (await get('/api/trauma/action-plan', admin.headers)).json<{ phases: { actions: { id: string; title: string }[] }[] }>();
    const train = second.phases[0]!.actions.find((a) => a.title === 'Train')!;
    await post(`/api/trauma/actions/${train.id}/status`, admin.headers, { status: 'done' });
    expect((await publicTactic('become-a-trauma-informed-organization')).live!.percent).toBe(50);
    await post('/api/plan/metrics/refresh', owner.headers);
    expect(await runRefresh()).toBe(true);
    const trauma = await publicTactic('become-a-trauma-informed-organization');
    expect(trauma.live!.percent).toBe(100);
    expect(trauma.live!.basis).toContain('2 of 2 actions done');
    expect(trauma.published.percent).toBe(99);
    const history = await db.execute(sql`select count(*)::int as n from plan_metric_values where metric_key = 'trauma.action_plan'`);
    expect((history as unknown as { rows: { n: number }[] }).rows[0]!.n).toBe(1); // one value per day, replaced
    const metrics = (await get('/api/plan/metrics', owner.headers)).json<MetricValue[]>();
    // In module order (modules/all.ts), each module's metrics as its manifest lists them.
    expect(metrics.map((m) => m.key)).toEqual([
      'finance.audits_within_30_days',
      'intercept.insurers_reporting',
      'liens.releases_on_time',
      'claims.lcsas_claiming_in_system',
      'training.core_on_time',
      'training.units_launched',
      'trauma.action_plan',
      'trauma.families_experience',
    ]);
    expect(metrics.find((m) => m.key === 'trauma.action_plan')).toMatchObject({ value: 1, computedOn: today });
    expect(metrics.find((m) => m.key === 'trauma.families_experience')).toMatchObject({ value: null, note: "No families' survey has closed yet." });
    expect(metrics.find((m) => m.key === 'liens.releases_on_time')).toMatchObject({ value: null, note: 'No lien was released in the last 12 months.' });
  });
});

describe('the status report', () => {
  it('lists every tactic in XLSX and PDF', async () => {
    const xlsx = await get('/api/plan/report.xlsx', owner.headers);
    expect(xlsx.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('Tactics')!;
    expect(sheet.rowCount).toBe(1 + 15); // 13 seeded, 2 added
    expect(sheet.getRow(1).values).toEqual(expect.arrayContaining(['Published percent', 'Published on', 'Live measure percent']));
    const pdf = pdfText((await get('/api/plan/report.pdf', owner.headers)).rawPayload).join(' ');
    expect(pdf).toContain('Collaborate With Insurance Companies');
    expect(pdf).toContain('Check-ins overdue');
    expect((await get('/api/plan/report.pdf')).statusCode).toBe(401);
  });
});
