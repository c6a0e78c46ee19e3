/**
 * cmi5 end to end over the API, the unit's side played as the cmi5 specification has it: a trainer imports
 * the demo package, a learner launches its units, the unit fetches its token, reads LMS.LaunchData and
 * states initialized / completed / passed / terminated; what breaks cmi5's rules is refused, and moveOn
 * decides when the lesson, then the assignment, is done.
 */
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../../test/app';
import { addDays, todayInCalifornia } from '../../../platform/dates';
import { inTransaction } from '../../../platform/db/transaction';
import { createClient } from '../xapi/lrs';
import { demoPackage } from './pack';

const { app, signInAs } = await useTestApp();
const trainer = await signInAs('trainer');
const laAdmin = await signInAs('lcsa_admin', { lcsaId: 'los-angeles' });
const learner = await signInAs('lcsa_caseworker', { lcsaId: 'los-angeles' });
const other = await signInAs('lcsa_caseworker', { lcsaId: 'los-angeles' });
const admin = await inTransaction(app.concord.database.db, (tx) => createClient(tx, 'cmi5 test reader', { scopes: ['all/read'] }));
const adminAuth = `Basic ${Buffer.from(`${admin.key}:${admin.secret}`).toString('base64')}`;
const post = (url: string, headers: Record<string, string>, payload?: object) => app.inject({ method: 'POST', url, headers, payload: payload ?? {} });

/** The unit's side of one launch: the parameters of its URL, and the LRS reached with the fetched token. */
async function openUnit(launchUrl: string) {
  const url = new URL(launchUrl);
  const q = Object.fromEntries(url.searchParams) as Record<'endpoint' | 'fetch' | 'actor' | 'registration' | 'activityId', string>;
  const fetched = await app.inject({ method: 'POST', url: new URL(q.fetch).pathname });
  expect(fetched.statusCode, fetched.body).toBe(200);
  const token = fetched.json<{ 'auth-token': string }>()['auth-token'];
  const headers = { authorization: `Basic ${token}`, 'x-experience-api-version': '1.0.3' };
  const actor = JSON.parse(q.actor) as object;
  const stateUrl = (agent: object, stateId = 'LMS.LaunchData') =>
    `/xapi/activities/state?${new URLSearchParams({ activityId: q.activityId, agent: JSON.stringify(agent), registration: q.registration, stateId })}`;
  const launchData = (await app.inject({ url: stateUrl(actor), headers })).json<{
    contextTemplate: { extensions: Record<string, string>; contextActivities: object };
    moveOn: string;
    masteryScore?: number;
    returnURL: string;
  }>();
  const statement = (verb: string, result?: object, change: (s: Record<string, unknown>) => void = () => {}) => {
    const s: Record<string, unknown> = {
      actor,
      verb: { id: `http://adlnet.gov/expapi/verbs/${verb}` },
      object: { id: q.activityId },
      context: { ...launchData.contextTemplate, registration: q.registration },
      ...(result ? { result } : {}),
    };
    change(s);
    return app.inject({ method: 'POST', url: '/xapi/statements', headers, payload: s });
  };
  return { url, q, fetchPath: new URL(q.fetch).pathname, headers, actor, stateUrl, launchData, statement };
}

describe('cmi5 content', () => {
  let courseId = '';
  let assignmentId = '';

  it('imports the demo package as a new draft version whose lessons are its units; the same zip again changes nothing', async () => {
    courseId = (
      await post('/api/training/courses', trainer.headers, {
        code: 'CMI5-100',
        title: 'First contact with a parent',
        category: 'soft_skills',
        owner: 'Statewide Training Unit',
      })
    ).json<{ id: string }>().id;
    const zip = await demoPackage();
    const imported = await app.inject({
      method: 'POST',
      url: `/api/training/courses/${courseId}/cmi5`,
      headers: { ...trainer.headers, 'content-type': 'application/zip' },
      payload: zip,
    });
    expect(imported.statusCode, imported.body).toBe(200);
    expect(imported.json()).toMatchObject({
      isNew: true,
      version: 1,
      units: 2,
      courseActivityId: 'https://concord.dcss.ca.gov/cmi5/courses/core-first-contact',
    });
    const again = await app.inject({
      method: 'POST',
      url: `/api/training/courses/${courseId}/cmi5`,
      headers: { ...trainer.headers, 'content-type': 'application/zip' },
      payload: zip,
    });
    expect(again.json()).toMatchObject({ isNew: false, version: 1, packageId: imported.json().packageId });
    expect(
      (
        await app.inject({
          method: 'POST',
          url: `/api/training/courses/${courseId}/cmi5`,
          headers: { ...learner.headers, 'content-type': 'application/zip' },
          payload: zip,
        })
      ).statusCode,
    ).toBe(403);
    expect((await post(`/api/training/courses/${courseId}/publish`, trainer.headers)).json().publishedVersion).toBe(1);
    await post('/api/training/curricula', trainer.headers, {
      code: 'CMI5',
      title: 'First contact',
      description: 'cmi5 content',
      courseIds: [courseId],
      rules: { newHireDueDays: 90, roles: [], orgUnits: [], assignDueDays: 30, recertifyMonths: null },
      startsOn: '2026-01-01',
    });
    expect(
      (await post('/api/training/staff', laAdmin.headers, { userId: learner.userId, orgUnitId: 'los-angeles', hireDate: addDays(todayInCalifornia(), -5) }))
        .statusCode,
    ).toBe(200);
    const mine = (await app.inject({ url: '/api/training/my', headers: learner.headers })).json<{ id: string; courseId: string }[]>();
    assignmentId = mine.find((a) => a.courseId === courseId)!.id;
    const detail = (await app.inject({ url: `/api/training/assignments/${assignmentId}`, headers: learner.headers })).json();
    expect(detail.course.lessons.map((l: { id: string; au: { moveOn: string } }) => [l.id, l.au.moveOn])).toEqual([
      ['au-1', 'Completed'],
      ['au-2', 'CompletedAndPassed'],
    ]);
    const manual = await post(`/api/training/assignments/${assignmentId}/lessons/au-1/complete`, learner.headers);
    expect([manual.statusCode, manual.json().code]).toEqual([409, 'cmi5_unit_reports_completion']);
  });

  it('launches a unit: content served sandboxed, the fetch URL works once, LMS.LaunchData carries moveOn, masteryScore and the way back', async () => {
    const launch = await post(`/api/training/assignments/${assignmentId}/lessons/au-2/launch`, learner.headers);
    expect(launch.statusCode, launch.body).toBe(200);
    expect((await post(`/api/training/assignments/${assignmentId}/lessons/au-2/launch`, other.headers)).statusCode).toBe(404);
    const url = new URL(launch.json<{ url: string }>().url);
    expect(url.pathname).toMatch(/^\/api\/training\/cmi5\/content\/[0-9a-f-]{36}\/check\.html$/);
    expect(url.searchParams.get('registration')).toBe(assignmentId);
    const page = await app.inject({ url: url.pathname });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(String(page.headers['content-security-policy'])).toMatch(/^sandbox allow-scripts allow-forms allow-popups;/);
    expect((await app.inject({ url: url.pathname.replace('check.html', 'nothing.html') })).statusCode).toBe(404);

    const unit = await openUnit(url.toString());
    const used = await app.inject({ method: 'POST', url: unit.fetchPath });
    expect([used.statusCode, used.json()['error-code']]).toEqual([400, '1']);
    expect(unit.launchData).toMatchObject({
      moveOn: 'CompletedAndPassed',
      masteryScore: 0.8,
      launchMode: 'Normal',
      returnURL: `http://localhost:80/training/assignments/${assignmentId}`,
    });
    const launched = await app.inject({
      url: `/xapi/statements?${new URLSearchParams({ verb: 'http://adlnet.gov/expapi/verbs/launched', registration: assignmentId })}`,
      headers: { authorization: adminAuth, 'x-experience-api-version': '1.0.3' },
    });
    expect(launched.json().statements).toHaveLength(1);
  });

  it('holds the unit to cmi5’s rules, and counts a lesson done only when its moveOn is met', async () => {
    const launch = (await post(`/api/training/assignments/${assignmentId}/lessons/au-2/launch`, learner.headers)).json<{ url: string }>();
    const unit = await openUnit(launch.url);
    const code = async (r: Promise<{ statusCode: number; json: () => { code?: string } }>) => {
      const answer = await r;
      return [answer.statusCode, answer.statusCode >= 400 ? answer.json().code : undefined];
    };
    expect(await code(unit.statement('completed', { completion: true, duration: 'PT1M' }))).toEqual([403, 'cmi5_session_rule']);
    expect(await code(unit.statement('initialized', undefined, (s) => (s.actor = { mbox: 'mailto:someone.else@example.com' })))).toEqual([
      403,
      'cmi5_session_rule',
    ]);
    expect(
      await code(
        unit.statement('initialized', undefined, (s) => ((s.context as Record<string, unknown>).registration = '7d3c2c6e-3c8b-4c59-9a7e-0d3f5e8b9a10')),
      ),
    ).toEqual([403, 'cmi5_session_rule']);
    expect(await code(unit.statement('initialized', undefined, (s) => ((s.context as Record<string, unknown>).extensions = {})))).toEqual([
      403,
      'cmi5_session_rule',
    ]);
    expect(
      (
        await app.inject({
          url: unit.stateUrl({ objectType: 'Agent', account: { homePage: 'https://concord.dcss.ca.gov', name: other.userId } }),
          headers: unit.headers,
        })
      ).statusCode,
    ).toBe(403);
    const overwrite = await app.inject({
      method: 'PUT',
      url: unit.stateUrl(unit.actor),
      headers: { ...unit.headers, 'content-type': 'application/json' },
      payload: { moveOn: 'NotApplicable' },
    });
    expect([overwrite.statusCode, overwrite.json().code]).toEqual([403, 'cmi5_launch_data_read_only']);
    // Its own bookmark it may keep.
    expect(
      (
        await app.inject({
          method: 'PUT',
          url: unit.stateUrl(unit.actor, 'bookmark'),
          headers: { ...unit.headers, 'content-type': 'application/json' },
          payload: { page: 2 },
        })
      ).statusCode,
    ).toBe(204);

    expect(await code(unit.statement('initialized'))).toEqual([200, undefined]);
    expect(await code(unit.statement('initialized'))).toEqual([403, 'cmi5_session_rule']);
    expect(await code(unit.statement('completed', { completion: true, duration: 'PT2M' }))).toEqual([200, undefined]);
    expect(await code(unit.statement('passed', { success: true, score: { scaled: 0.6 } }))).toEqual([403, 'cmi5_session_rule']);
    expect(await code(unit.statement('failed', { success: false, score: { scaled: 0.6 } }))).toEqual([200, undefined]);
    let view = (await app.inject({ url: `/api/training/assignments/${assignmentId}`, headers: learner.headers })).json();
    expect(view.assignment.lessonsDone).toEqual([]);
    expect(await code(unit.statement('terminated', { duration: 'PT3M' }))).toEqual([200, undefined]);
    // A terminated session's credential is refused from then on.
    expect((await unit.statement('initialized')).statusCode).toBe(401);

    // Launched again: completed already counts in this registration; passing now meets CompletedAndPassed.
    const again = await openUnit((await post(`/api/training/assignments/${assignmentId}/lessons/au-2/launch`, learner.headers)).json<{ url: string }>().url);
    expect(await code(again.statement('initialized'))).toEqual([200, undefined]);
    expect(await code(again.statement('completed', { completion: true, duration: 'PT1M' }))).toEqual([403, 'cmi5_session_rule']);
    expect(await code(again.statement('passed', { success: true, score: { scaled: 1 }, duration: 'PT1M' }))).toEqual([200, undefined]);
    view = (await app.inject({ url: `/api/training/assignments/${assignmentId}`, headers: learner.headers })).json();
    expect(view.assignment).toMatchObject({ lessonsDone: ['au-2'], status: 'in_progress' });

    const welcome = await openUnit((await post(`/api/training/assignments/${assignmentId}/lessons/au-1/launch`, learner.headers)).json<{ url: string }>().url);
    expect(welcome.launchData.moveOn).toBe('Completed');
    await welcome.statement('initialized');
    expect(await code(welcome.statement('completed', { completion: true, duration: 'PT4M' }))).toEqual([200, undefined]);
    view = (await app.inject({ url: `/api/training/assignments/${assignmentId}`, headers: learner.headers })).json();
    expect(view.assignment).toMatchObject({ status: 'completed', completedOn: todayInCalifornia() });
    expect([...view.assignment.lessonsDone].sort()).toEqual(['au-1', 'au-2']);
    const satisfied = await app.inject({
      url: `/xapi/statements?${new URLSearchParams({ verb: 'https://w3id.org/xapi/adl/verbs/satisfied', registration: assignmentId })}`,
      headers: { authorization: adminAuth, 'x-experience-api-version': '1.0.3' },
    });
    expect(satisfied.json().statements.map((s: { object: { id: string } }) => s.object.id)).toEqual([
      'https://concord.dcss.ca.gov/cmi5/courses/core-first-contact',
    ]);
  });

  it('answers browsers from any origin on the LRS and the fetch URL only, without cookies', async () => {
    const preflight = (url: string) =>
      app.inject({
        method: 'OPTIONS',
        url,
        headers: { origin: 'null', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' },
      });
    const lrs = await preflight('/xapi/statements');
    expect(lrs.statusCode).toBe(204);
    expect(lrs.headers['access-control-allow-origin']).toBe('*');
    expect(lrs.headers['access-control-allow-credentials']).toBeUndefined();
    expect((await preflight('/api/training/cmi5/fetch/abc')).headers['access-control-allow-origin']).toBe('*');
    expect((await preflight('/api/training/my')).headers['access-control-allow-origin']).toBeUndefined();
  });
});
