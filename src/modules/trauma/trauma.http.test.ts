import crypto from 'node:crypto';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/app';
import { pdfText } from '../../../test/pdf-text';
import { addDays, todayInCalifornia } from '../../platform/dates';
import type { ActionPlan, Campaign, InstrumentSummary, MySurvey, Results, Survey } from './contract';
import type { AppError } from '../../platform/errors';
import { concordInstrument } from './domain/concord-instrument';
import { readInstrument } from './instruments';

const { app, signInAs, logs } = await useTestApp();
const db = app.concord.database.db;
const admin = await signInAs('state_admin');
const sacAdmin = await signInAs('lcsa_admin', { lcsaId: 'sacramento' });
const today = todayInCalifornia();

const post = (url: string, headers: Record<string, string>, payload?: object) => app.inject({ method: 'POST', url, headers, payload: payload ?? {} });
const get = (url: string, headers: Record<string, string>) => app.inject({ url, headers });

/** Staff who can sign in, placed in an org unit through training. */
async function staffIn(orgUnitId: string, count: number) {
  const people = [];
  for (let i = 0; i < count; i++) {
    const person = await signInAs('lcsa_caseworker', { lcsaId: orgUnitId });
    const placed = await post('/api/training/staff', admin.headers, { userId: person.userId, orgUnitId, hireDate: '2020-01-06' });
    expect(placed.statusCode, placed.body).toBe(200);
    people.push(person);
  }
  return people;
}
const la = await staffIn('los-angeles', 7);
const sac = await staffIn('sacramento', 2);

const instruments = (await get('/api/trauma/instruments', admin.headers)).json<InstrumentSummary[]>();
const concord = instruments.find((i) => i.code === 'CONCORD-TIO')!;
const opened = await post('/api/trauma/campaigns', admin.headers, {
  title: 'Test assessment',
  instrumentId: concord.id,
  opensOn: today,
  closesOn: addDays(today, 20),
  orgUnitIds: ['los-angeles', 'sacramento'],
});
const campaign = opened.json<Campaign>();

/** Everything answered at one level (reversed items mirrored), in the chosen language and role group. */
function answersAt(level: number, skip: string[] = []): Record<string, number | null> {
  return Object.fromEntries(concordInstrument.items.map((i) => [i.id, skip.includes(i.id) ? null : i.isReversed ? 6 - level : level]));
}
async function tokenOf(person: { headers: Record<string, string> }, campaignId = campaign.id): Promise<string> {
  const mine = (await get('/api/trauma/my-surveys', person.headers)).json<MySurvey[]>();
  return mine.find((s) => s.campaignId === campaignId)!.token;
}
async function answer(person: { headers: Record<string, string> }, level: number, roleGroup = 'staff', language = 'en', campaignId = campaign.id) {
  // The survey is answered without the session: the link is the invitation.
  return post('/api/trauma/survey/answers', {}, { token: await tokenOf(person, campaignId), language, roleGroup, answers: answersAt(level) });
}
const results = async (who: { headers: Record<string, string> }, query = '', campaignId = campaign.id) =>
  (await get(`/api/trauma/campaigns/${campaignId}/results${query}`, who.headers)).json<Results>();
/** A Los Angeles campaign answered by the first people of `la` at the given levels and role groups, then closed. */
async function closedLaCampaign(title: string, answers: [level: number, roleGroup: string][]): Promise<string> {
  const body = { title, instrumentId: concord.id, opensOn: today, closesOn: addDays(today, 20), orgUnitIds: ['los-angeles'] };
  const id = (await post('/api/trauma/campaigns', admin.headers, body)).json<Campaign>().id;
  for (const [i, [level, roleGroup]] of answers.entries()) expect((await answer(la[i]!, level, roleGroup, 'en', id)).statusCode).toBe(200);
  expect((await post(`/api/trauma/campaigns/${id}/close`, admin.headers)).statusCode).toBe(200);
  return id;
}

describe('assessment campaigns', () => {
  it('opens a campaign with one invitation per member of staff in its org units', () => {
    expect(opened.statusCode, opened.body).toBe(200);
    expect(campaign).toMatchObject({ status: 'open', invited: 9, responded: 0, minGroupSize: 5, targetScore: 4 });
    expect(campaign.progress.map((p) => [p.orgUnitId, p.invited])).toEqual([
      ['los-angeles', 7],
      ['sacramento', 2],
    ]);
  });

  it('refuses a campaign over an unknown org unit or with dates out of order, naming the field', async () => {
    const bad = await post('/api/trauma/campaigns', admin.headers, {
      title: 'Bad',
      instrumentId: concord.id,
      opensOn: today,
      closesOn: addDays(today, -1),
      orgUnitIds: ['atlantis'],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ errors: { path: string }[] }>().errors.map((e) => e.path)).toEqual(['/orgUnitIds/0', '/closesOn', '/closesOn']);
    expect(
      (
        await post('/api/trauma/campaigns', sacAdmin.headers, {
          ...JSON.parse(JSON.stringify({ title: 'Mine', instrumentId: concord.id, opensOn: today, closesOn: today, orgUnitIds: ['sacramento'] })),
        })
      ).statusCode,
    ).toBe(403);
  });

  it('shows each person their survey with an anonymous link, in English and Spanish, without sign-in', async () => {
    const mine = (await get('/api/trauma/my-surveys', la[0]!.headers)).json<MySurvey[]>();
    expect(mine).toEqual([expect.objectContaining({ campaignId: campaign.id, hasAnswered: false, title: 'Test assessment' })]);
    const survey = await post('/api/trauma/survey', {}, { token: mine[0]!.token });
    expect(survey.statusCode, survey.body).toBe(200);
    const body = survey.json<Survey>();
    expect(body).toMatchObject({ campaignTitle: 'Test assessment', isOpen: true, hasAnswered: false });
    expect(body.instrument.items[0]!.text.es).toMatch(/líderes/);
    expect((await post('/api/trauma/survey', {}, { token: 'x'.repeat(43) })).json<{ code: string }>().code).toBe('survey_link_unknown');
  });

  it('takes one answer per link, refuses a second and answers off the scale', async () => {
    const token = await tokenOf(la[0]!);
    const off = await post('/api/trauma/survey/answers', {}, { token, language: 'en', roleGroup: 'staff', answers: { 'gov-1': 9, nope: 1 } });
    expect(off.statusCode).toBe(400);
    expect(off.json<{ errors: { path: string }[] }>().errors.map((e) => e.path)).toEqual(['/answers/gov-1', '/answers/nope']);
    expect((await answer(la[0]!, 3, 'staff', 'es')).statusCode).toBe(200);
    const again = await answer(la[0]!, 3);
    expect(again.statusCode).toBe(409);
    expect(again.json<{ code: string }>().code).toBe('survey_already_answered');
    const mine = (await get('/api/trauma/my-surveys', la[0]!.headers)).json<MySurvey[]>();
    expect(mine[0]!.hasAnswered).toBe(true);
  });

  it('keeps nothing with the answers that leads back to a person', async () => {
    const columns = await db.execute(sql`select column_name from information_schema.columns where table_name = 'trauma_responses' order by column_name`);
    expect((columns as unknown as { rows: { column_name: string }[] }).rows.map((r) => r.column_name)).toEqual([
      'answers',
      'campaign_id',
      'id',
      'language',
      'org_unit_id',
      'role_group',
    ]);
    const invitationColumns = await db.execute(sql`select column_name from information_schema.columns where table_name = 'trauma_invitations'`);
    expect((invitationColumns as unknown as { rows: { column_name: string }[] }).rows.map((r) => r.column_name)).not.toContain('used_at');
    // The answer is kept sealed until it can be mixed: no audit row, no response yet.
    const audited = await db.execute(sql`select count(*)::int as n from audit_log where action like 'trauma.response%' and entity_id = ${campaign.id}`);
    expect((audited as unknown as { rows: { n: number }[] }).rows[0]!.n).toBe(0);
    // The link's token never appears in the request logs (it travels in the body).
    const token = await tokenOf(la[0]!);
    expect(logs.join('')).not.toContain(token);
  });

  it('shows no results while a campaign is open, reminds only who has not answered, then closes', async () => {
    for (const person of la.slice(1, 4)) expect((await answer(person, 3)).statusCode).toBe(200);
    // Results that changed with each answer would show that answer: none until the campaign closes.
    const open = await get(`/api/trauma/campaigns/${campaign.id}/results`, admin.headers);
    expect(open.statusCode).toBe(409);
    expect(open.json<{ code: string }>().code).toBe('campaign_still_open');
    expect((await get(`/api/trauma/campaigns/${campaign.id}/report.pdf`, admin.headers)).statusCode).toBe(409);
    // Four of Los Angeles's seven and none of Sacramento's two have answered.
    expect((await post(`/api/trauma/campaigns/${campaign.id}/remind`, admin.headers)).json()).toEqual({ reminded: 5 });
    expect((await get('/api/trauma/my-surveys', la[4]!.headers)).json<MySurvey[]>()[0]!.remindedOn).toBe(today);
    expect((await get('/api/trauma/my-surveys', la[1]!.headers)).json<MySurvey[]>()[0]!.remindedOn).toBeNull();
    // Reminded at most weekly.
    expect((await post(`/api/trauma/campaigns/${campaign.id}/remind`, admin.headers)).json()).toEqual({ reminded: 0 });
    expect((await answer(la[4]!, 4)).statusCode).toBe(200);
    expect((await answer(la[5]!, 4, 'supervisor')).statusCode).toBe(200);
    expect((await answer(la[6]!, 5, 'manager')).statusCode).toBe(200);
    for (const person of sac) expect((await answer(person, 1)).statusCode).toBe(200);
    const late = await staffIn('los-angeles', 1);
    // Staff added after the campaign opened were not invited.
    expect((await get('/api/trauma/my-surveys', late[0]!.headers)).json<MySurvey[]>()).toEqual([]);
    const spentToken = await tokenOf(la[0]!);
    const closed = await post(`/api/trauma/campaigns/${campaign.id}/close`, admin.headers);
    expect(closed.json<Campaign>()).toMatchObject({ status: 'closed', invited: 9, responded: 9 });
    expect((await post(`/api/trauma/campaigns/${campaign.id}/close`, admin.headers)).statusCode).toBe(409);
    const again = await post('/api/trauma/survey/answers', {}, { token: spentToken, language: 'en', roleGroup: 'staff', answers: answersAt(3) });
    expect(again.json<{ code: string }>().code).toBe('survey_already_answered');
    // A closed campaign leaves the list of surveys.
    expect((await get('/api/trauma/my-surveys', la[0]!.headers)).json<MySurvey[]>()).toEqual([]);
  });

  it('shows results only for groups of five or more, and never a group that subtraction would reveal', async () => {
    // Everyone (9): shown. Sacramento's two are hidden, and so is Los Angeles (everyone minus LA would be them).
    const all = await results(admin);
    expect(all.respondents).toBe(9);
    expect(all.overall).toBeCloseTo((3 * 4 + 4 * 2 + 5 + 1 * 2) / 9, 2);
    expect(all.heatMap.map((r) => [r.orgUnitId, r.isSuppressed])).toEqual([
      ['los-angeles', true],
      ['sacramento', true],
    ]);
    expect(JSON.stringify(all.heatMap)).not.toMatch(/"score":\d/);
    expect(all.gaps.length).toBeGreaterThan(0);
    expect(all.trend.map((t) => t.campaignId)).toEqual([campaign.id]);
    expect((await results(admin, '?orgUnitId=los-angeles')).isSuppressed).toBe(true);
    // Four answers in a campaign: nothing at all, not even how many.
    const four = await closedLaCampaign('Four answers', [
      [3, 'staff'],
      [3, 'staff'],
      [4, 'staff'],
      [4, 'staff'],
    ]);
    const fourResults = await results(admin, '', four);
    expect(fourResults).toMatchObject({ isSuppressed: true, respondents: null, overall: null, stage: null, gaps: [] });
    expect(fourResults.domains.every((d) => d.score === null)).toBe(true);
    // Seven: shown — but neither the manager alone nor the staff (whose complement would be the other two).
    const seven = await closedLaCampaign('Seven answers', [
      [3, 'staff'],
      [3, 'staff'],
      [3, 'staff'],
      [4, 'staff'],
      [4, 'staff'],
      [4, 'supervisor'],
      [5, 'manager'],
    ]);
    const sevenResults = await results(admin, '?orgUnitId=los-angeles', seven);
    expect(sevenResults.respondents).toBe(7);
    expect(sevenResults.overall).toBeCloseTo((3 * 3 + 4 * 3 + 5) / 7, 2);
    expect(sevenResults.stage).toBe('trauma_responsive');
    expect((await results(admin, '?orgUnitId=los-angeles&roleGroup=manager', seven)).isSuppressed).toBe(true);
    expect((await results(admin, '?orgUnitId=los-angeles&roleGroup=staff', seven)).isSuppressed).toBe(true);
    // The trend lists the closed campaigns of the instrument up to this one.
    expect(sevenResults.trend.map((t) => t.title)).toEqual(['Test assessment', 'Four answers', 'Seven answers']);
  });

  it("limits an LCSA administrator to their own LCSA's unit", async () => {
    const list = (await get('/api/trauma/campaigns', sacAdmin.headers)).json<Campaign[]>();
    // Only the campaign that included Sacramento, and only Sacramento's part of it.
    expect(list.map((c) => c.orgUnitIds)).toEqual([['sacramento']]);
    expect(list[0]!.progress.map((p) => p.orgUnitId)).toEqual(['sacramento']);
    expect((await get(`/api/trauma/campaigns/${campaign.id}/results?orgUnitId=los-angeles`, sacAdmin.headers)).statusCode).toBe(403);
    const own = await results(sacAdmin);
    expect(own.heatMap.map((r) => r.orgUnitId)).toEqual(['sacramento']);
    expect(own.heatMap[0]!.isSuppressed).toBe(true);
    // Not the campaign's combined figures (nine answers, Los Angeles' seven among them): only Sacramento's two, hidden.
    expect(own.filter.orgUnitId).toBe('sacramento');
    expect(own).toMatchObject({ isSuppressed: true, respondents: null, overall: null });
  });

  it('writes the same figures, suppression included, into the PDF report', async () => {
    const response = await get(`/api/trauma/campaigns/${campaign.id}/report.pdf`, admin.headers);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    const text = pdfText(response.rawPayload).join(' ');
    expect(text).toContain('Test assessment');
    expect(text).toContain('Respondents');
    expect(text).toContain('Trauma sensitive'); // 27 / 9 = 3.00 on 1–5
    expect(text).toContain('3.00');
    // Los Angeles alone (7) is hidden now: everyone (9) minus Los Angeles would be Sacramento's two.
    const hidden = pdfText((await get(`/api/trauma/campaigns/${campaign.id}/report.pdf?orgUnitId=los-angeles`, admin.headers)).rawPayload).join(' ');
    expect(hidden).toContain('fewer than 5');
    expect(hidden).not.toContain('Trauma responsive');
  });
  it('never joins an answer to its person: sealed until mixed in a batch of five, no shared transaction id, audit row or log line', async () => {
    type Rows<T> = { rows: T[] };
    const rowsOf = async <T>(query: ReturnType<typeof sql>) => ((await db.execute(query)) as unknown as Rows<T>).rows;
    const body = { title: 'Mixing', instrumentId: concord.id, opensOn: today, closesOn: addDays(today, 20), orgUnitIds: ['los-angeles'] };
    const id = (await post('/api/trauma/campaigns', admin.headers, body)).json<Campaign>().id;
    const marker = crypto.randomUUID().slice(0, 8);
    const answerWithId = async (i: number, roleGroup: string) => {
      const payload = { token: await tokenOf(la[i]!, id), language: 'en', roleGroup, answers: answersAt(2 + (i % 3)) };
      const sent = await post('/api/trauma/survey/answers', { 'x-request-id': `survey-answer-${i}-${marker}` }, payload);
      expect(sent.statusCode, sent.body).toBe(200);
    };
    await answerWithId(0, 'manager');
    // One answer waits, sealed: neither its unit, its role group nor an answer can be read from the database.
    const waiting = await rowsOf<{ sealed: string }>(sql`select sealed from trauma_response_inbox where campaign_id = ${id}`);
    expect(waiting).toHaveLength(1);
    expect(waiting[0]!.sealed).not.toMatch(/los-angeles|manager|gov-1/);
    expect(await rowsOf(sql`select 1 from trauma_responses where campaign_id = ${id}`)).toEqual([]);
    for (const i of [1, 2, 3, 4]) await answerWithId(i, i === 1 ? 'supervisor' : 'staff');
    // Five wait (the campaign's smallest group): mixed together in a transaction of their own.
    expect(await rowsOf(sql`select 1 from trauma_response_inbox where campaign_id = ${id}`)).toEqual([]);
    const written = await rowsOf<{ xmin: string; role_group: string }>(
      sql`select xmin::text as xmin, role_group from trauma_responses where campaign_id = ${id}`,
    );
    expect(written.map((r) => r.role_group).sort()).toEqual(['manager', 'staff', 'staff', 'staff', 'supervisor']);
    expect(new Set(written.map((r) => r.xmin)).size).toBe(1);
    const spent = await rowsOf<{ xmin: string }>(sql`select xmin::text as xmin from trauma_invitations where campaign_id = ${id} and is_used`);
    expect(spent).toHaveLength(5);
    expect(spent.map((r) => r.xmin)).not.toContain(written[0]!.xmin);
    // The audit says a batch of five was mixed — no request id, no person, no answer's time.
    const audit = await rowsOf(sql`select action, actor_user_id, request_id, detail from audit_log where entity_id = ${id} and action like 'trauma.response%'`);
    expect(audit).toEqual([{ action: 'trauma.responses.mix', actor_user_id: null, request_id: null, detail: { answersMixed: 5, responsesWritten: 5 } }]);
    const requestIds = await rowsOf(sql`select 1 from audit_log where request_id like ${`survey-answer-%-${marker}`}`);
    expect(requestIds).toEqual([]);
    // Nor does any log line carry an answer's request (its id, and with it the address it came from).
    expect(logs.join('')).not.toContain(marker);
    // Closing and reading the results mixes whatever still waits with every earlier response, as one.
    await answerWithId(5, 'staff');
    expect((await post(`/api/trauma/campaigns/${id}/close`, admin.headers)).statusCode).toBe(200);
    expect((await results(admin, '', id)).respondents).toBe(6);
    const all = await rowsOf<{ xmin: string }>(sql`select xmin::text as xmin from trauma_responses where campaign_id = ${id}`);
    expect(all).toHaveLength(6);
    expect(new Set(all.map((r) => r.xmin)).size).toBe(1);
  });
});

describe('instruments as configuration', () => {
  it('reads an instrument file, naming the file and the path of each problem', () => {
    expect(() => readInstrument('{ not json', 'artic.json')).toThrow(/^artic\.json: not JSON/);
    try {
      readInstrument(JSON.stringify({ ...concordInstrument, extra: 1, items: [{ ...concordInstrument.items[0], subscale: 'nope' }] }), 'artic.json');
      expect.unreachable();
    } catch (error) {
      expect((error as AppError).message).toMatch(/^artic\.json: /);
      expect((error as AppError).fields.map((f) => f.path)).toEqual(['/extra']);
    }
    try {
      readInstrument(JSON.stringify({ ...concordInstrument, items: [{ ...concordInstrument.items[0], subscale: 'nope' }] }), 'artic.json');
      expect.unreachable();
    } catch (error) {
      expect((error as AppError).fields).toEqual([
        { path: '/items/0/subscale', message: 'there is no subscale nope' },
        expect.objectContaining({ path: '/subscales/0' }),
        expect.objectContaining({ path: '/subscales/1' }),
        expect.objectContaining({ path: '/subscales/2' }),
        expect.objectContaining({ path: '/subscales/3' }),
        expect.objectContaining({ path: '/subscales/4' }),
        expect.objectContaining({ path: '/subscales/5' }),
      ]);
    }
    expect(readInstrument(JSON.stringify(concordInstrument), 'concord.json').items).toHaveLength(30);
  });

  it('loads a licensed instrument, refusing problems by path and a version loaded twice', async () => {
    const licensed = { ...concordInstrument, code: 'LICENSED-X', source: 'Loaded by the licensee under its licence' };
    const broken = { ...licensed, items: [{ ...licensed.items[0]!, domain: 'weather' }] };
    const refused = await post('/api/trauma/instruments', admin.headers, broken);
    expect(refused.statusCode).toBe(400);
    expect(refused.json<{ errors: { path: string }[] }>().errors.map((e) => e.path)).toContain('/items/0/domain');
    const loaded = await post('/api/trauma/instruments', admin.headers, licensed);
    expect(loaded.statusCode, loaded.body).toBe(200);
    expect(loaded.json<InstrumentSummary>()).toMatchObject({ code: 'LICENSED-X', isShipped: false, items: 30 });
    expect((await post('/api/trauma/instruments', admin.headers, licensed)).statusCode).toBe(409);
    expect((await post('/api/trauma/instruments', sacAdmin.headers, { ...licensed, version: 2 })).statusCode).toBe(403);
  });
});

describe('the action plan', () => {
  it('turns a gap into an action, tracks its status and feeds the plan percent', async () => {
    const phase = await post('/api/trauma/phases', admin.headers, {
      ordinal: 1,
      title: 'Learn and assess',
      stage: 'trauma_aware',
      startsOn: '2026-01-01',
      endsOn: '2026-12-31',
    });
    expect(phase.statusCode, phase.body).toBe(200);
    const phaseId = phase.json<{ id: string }>().id;
    const gap = (await results(admin)).gaps[0]!;
    const unknownCourse = await post('/api/trauma/actions', admin.headers, {
      phaseId,
      title: 'Supervisors learn trauma-informed supervision',
      description: 'From the gap',
      owner: 'Training unit',
      dueOn: addDays(today, 60),
      gap: { kind: gap.kind, id: gap.id },
      campaignId: campaign.id,
      courseCodes: ['NOPE-1'],
    });
    expect(unknownCourse.statusCode).toBe(400);
    expect(unknownCourse.json<{ errors: { path: string }[] }>().errors.map((e) => e.path)).toEqual(['/courseCodes/0']);
    const created = await post('/api/trauma/actions', admin.headers, {
      phaseId,
      title: 'Close the largest gap',
      description: 'From the gap',
      owner: 'Training unit',
      dueOn: addDays(today, 60),
      gap: { kind: gap.kind, id: gap.id },
      campaignId: campaign.id,
      courseCodes: [],
    });
    expect(created.statusCode, created.body).toBe(200);
    const secondAction = { phaseId, title: 'Second', description: '', owner: 'HQ', dueOn: addDays(today, -1), gap: null, campaignId: null, courseCodes: [] };
    const withExtra = await post('/api/trauma/actions', admin.headers, { ...secondAction, status: 'done' });
    expect(withExtra.statusCode, withExtra.body).toBe(400); // unknown fields are refused
    expect((await post('/api/trauma/actions', admin.headers, secondAction)).statusCode).toBe(200);
    expect((await results(admin)).gaps.find((g) => g.id === gap.id && g.kind === gap.kind)!.actions).toBe(1);
    let plan = (await get('/api/trauma/action-plan', admin.headers)).json<ActionPlan>();
    expect(plan).toMatchObject({ percentComplete: 0, done: 0, total: 2 });
    expect(plan.phases[0]!.actions.find((a) => a.title === 'Second')!.isOverdue).toBe(true);
    const done = await post(`/api/trauma/actions/${created.json<{ id: string }>().id}/status`, admin.headers, { status: 'done' });
    expect(done.json<{ completedOn: string }>().completedOn).toBe(today);
    plan = (await get('/api/trauma/action-plan', sacAdmin.headers)).json<ActionPlan>();
    expect(plan).toMatchObject({ percentComplete: 50, done: 1, total: 2 });
    expect((await post(`/api/trauma/actions/${created.json<{ id: string }>().id}/status`, sacAdmin.headers, { status: 'planned' })).statusCode).toBe(403);
  });
});
