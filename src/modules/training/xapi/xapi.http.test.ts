import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../../test/app';
import { inTransaction } from '../../../platform/db/transaction';
import { activityBase, createClient } from './lrs';

const { app, signInAs } = await useTestApp();
const { key, secret } = await inTransaction(app.concord.database.db, (tx) => createClient(tx, 'Test LMS'));
const auth = { authorization: `Basic ${Buffer.from(`${key}:${secret}`).toString('base64')}`, 'x-experience-api-version': '1.0.3' };

const actor = { objectType: 'Agent', name: 'Pat Learner', mbox: 'mailto:pat@example.com' };
const verb = (name: string) => ({ id: `http://adlnet.gov/expapi/verbs/${name}`, display: { 'en-US': name, 'es-ES': name } });
const activity = (id: string) => ({ objectType: 'Activity', id: `http://example.com/activities/${id}`, definition: { name: { 'en-US': id, 'fr-FR': id } } });
const statement = (overrides: Record<string, unknown> = {}) => ({ actor, verb: verb('experienced'), object: activity('intro'), ...overrides });
const put = (id: string, body: unknown) => app.inject({ method: 'PUT', url: `/xapi/statements?statementId=${id}`, headers: auth, payload: body as object });
const post = (body: unknown, headers: Record<string, string> = auth) =>
  app.inject({ method: 'POST', url: '/xapi/statements', headers, payload: body as object });
const get = (query: string, headers: Record<string, string> = auth) => app.inject({ url: `/xapi/statements?${query}`, headers });

describe('xAPI 1.0.3 statement resource', () => {
  it('answers About without a version header, demands the header elsewhere, and credentials per client', async () => {
    const about = await app.inject({ url: '/xapi/about' });
    expect(about.json()).toEqual({ version: ['1.0.3'] });
    expect(about.headers['x-experience-api-version']).toBe('1.0.3');
    const noVersion = await get('', { authorization: auth.authorization });
    expect(noVersion.statusCode).toBe(400);
    expect(noVersion.headers['x-experience-api-version']).toBe('1.0.3');
    expect((await get('', { 'x-experience-api-version': '1.0.3' })).statusCode).toBe(401);
    const wrong = { ...auth, authorization: `Basic ${Buffer.from(`${key}:not-the-secret`).toString('base64')}` };
    expect((await get('', wrong)).statusCode).toBe(401);
  });

  it('stores with PUT (204), returns the statement with stored, authority and version, and refuses a different one with the same id (409)', async () => {
    const id = crypto.randomUUID();
    expect((await put(id, statement())).statusCode).toBe(204);
    expect((await put(id, statement())).statusCode).toBe(204);
    expect((await put(id, statement({ verb: verb('attempted') }))).statusCode).toBe(409);
    expect((await put(crypto.randomUUID(), { ...statement(), id })).statusCode).toBe(400);
    const fetched = await get(`statementId=${id}`);
    expect(fetched.statusCode).toBe(200);
    expect(fetched.headers['x-experience-api-consistent-through']).toBeTruthy();
    expect(fetched.headers['last-modified']).toBeTruthy();
    expect(fetched.json()).toMatchObject({ id, actor, version: '1.0.0', authority: { account: { name: key } } });
    expect(Date.parse(fetched.json().stored)).not.toBeNaN();
    // Sent without a timestamp, it happened when it was stored (Data 2.4.7).
    expect(fetched.json().timestamp).toBe(fetched.json().stored);
    expect((await get(`statementId=${id}&verb=x`)).statusCode).toBe(400);
    expect((await get(`statementId=${id}&voidedStatementId=${id}`)).statusCode).toBe(400);
  });

  it('stores a batch all or nothing and names the path of what is wrong', async () => {
    const ids = (await post([statement(), statement({ object: activity('tools') })])).json();
    expect(ids).toHaveLength(2);
    const same = crypto.randomUUID();
    expect((await post([statement({ id: same }), statement({ id: same })])).statusCode).toBe(400);
    const twoIfis = await post([statement({ object: activity('bad-batch') }), statement({ actor: { ...actor, openid: 'http://openid.example/pat' } })]);
    expect(twoIfis.statusCode).toBe(400);
    expect(twoIfis.json().errors[0].path).toBe('statements[1].actor');
    expect((await post(statement({ colour: 'blue' }))).json().errors[0].path).toBe('statement.colour');
    expect((await post(statement({ result: { score: { scaled: 1.5 } } }))).json().errors[0].path).toBe('statement.result.score.scaled');
    expect((await post(statement({ verb: { id: 'not an iri' } }))).statusCode).toBe(400);
    expect((await post(statement({ context: { registration: 'nope' } }))).statusCode).toBe(400);
    // The batch with a bad statement stored nothing.
    expect((await get(`activity=${encodeURIComponent('http://example.com/activities/bad-batch')}`)).json().statements).toEqual([]);
    const attachment = { usageType: 'http://example.com/usage', display: { 'en-US': 'cert' }, contentType: 'application/pdf', length: 10, sha2: 'abc' };
    expect((await post(statement({ attachments: [attachment] }))).json().code).toBe('attachment_data_missing');
    expect((await post(statement({ attachments: [{ ...attachment, fileUrl: 'http://example.com/cert.pdf' }] }))).statusCode).toBe(200);
    // multipart/mixed without attachment data is taken too (attachments.http.test.ts has the data).
    const part = (boundary: string) =>
      `--${boundary}\r\nContent-Type: application/json\r\n\r\n${JSON.stringify(statement({ object: activity('multipart') }))}\r\n--${boundary}--\r\n`;
    const multipart = (payload: string) =>
      app.inject({ method: 'POST', url: '/xapi/statements', headers: { ...auth, 'content-type': 'multipart/mixed; boundary=b0' }, payload });
    expect((await multipart(part('b0'))).statusCode).toBe(200);
  });

  it('understands the Alternate Request Syntax: the method in the query, headers and parameters in the form', async () => {
    const id = crypto.randomUUID();
    const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
    const alternate = (method: string, fields: Record<string, string>, query = '') =>
      app.inject({
        method: 'POST',
        url: `/xapi/statements?method=${method}${query}`,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: form(fields),
      });
    const headers = { Authorization: auth.authorization, 'X-Experience-API-Version': '1.0.3' };
    const stored = await alternate('PUT', { ...headers, statementId: id, content: JSON.stringify(statement({ object: activity('alternate') })) });
    expect(stored.statusCode).toBe(204);
    const fetched = await alternate('GET', { ...headers, statementId: id });
    expect(fetched.json().object.id).toBe('http://example.com/activities/alternate');
    expect((await alternate('GET', { Authorization: auth.authorization, statementId: id })).statusCode).toBe(400);
    expect((await alternate('GET', { ...headers }, '&statementId=x')).statusCode).toBe(400);
  });

  it('queries by agent, verb, activity (or related), registration and time, newest first, with paging through more', async () => {
    const registration = crypto.randomUUID();
    const other = { objectType: 'Agent', account: { homePage: 'http://lms.example.com', name: 'jo' } };
    const before = new Date().toISOString();
    await new Promise((r) => setTimeout(r, 5));
    const stored = (
      await post([
        statement({
          actor: other,
          verb: verb('completed'),
          object: activity('module-1'),
          context: { registration, contextActivities: { parent: activity('course-q') } },
        }),
        statement({ actor: other, verb: verb('completed'), object: activity('module-2'), context: { registration } }),
        statement({ actor: other, verb: verb('attempted'), object: activity('module-3') }),
      ])
    ).json<string[]>();
    const agent = encodeURIComponent(JSON.stringify(other));
    const all = (await get(`agent=${agent}`)).json();
    expect(all.statements.map((s: { id: string }) => s.id)).toEqual([...stored].reverse());
    expect(all.more).toBe('');
    expect((await get(`agent=${agent}&verb=${encodeURIComponent('http://adlnet.gov/expapi/verbs/completed')}`)).json().statements).toHaveLength(2);
    expect((await get(`registration=${registration}`)).json().statements).toHaveLength(2);
    const parent = encodeURIComponent('http://example.com/activities/course-q');
    expect((await get(`activity=${parent}`)).json().statements).toHaveLength(0);
    expect((await get(`activity=${parent}&related_activities=true`)).json().statements).toHaveLength(1);
    expect((await get(`agent=${agent}&since=${encodeURIComponent(before)}&ascending=true`)).json().statements[0].id).toBe(stored[0]);
    expect((await get(`agent=${agent}&until=${encodeURIComponent(before)}`)).json().statements).toEqual([]);
    const first = (await get(`agent=${agent}&limit=2`)).json();
    expect(first.statements).toHaveLength(2);
    expect(first.more).toMatch(/^\/xapi\/statements\?/);
    const next = (await app.inject({ url: first.more, headers: auth })).json();
    expect(next.statements.map((s: { id: string }) => s.id)).toEqual([stored[0]]);
    const ids = (await get(`agent=${agent}&limit=1&format=ids`)).json().statements[0];
    expect(ids.object).toEqual({ id: 'http://example.com/activities/module-3' });
    expect(ids.actor).toEqual({ objectType: 'Agent', account: other.account });
    const canonical = (
      await app.inject({ url: `/xapi/statements?agent=${agent}&limit=1&format=canonical`, headers: { ...auth, 'accept-language': 'es-ES' } })
    ).json().statements[0];
    expect(canonical.verb.display).toEqual({ 'es-ES': 'attempted' });
    // Canonical throughout: a context activity's definition holds one language too.
    const canonicalFirst = (
      await app.inject({ url: `/xapi/statements?statementId=${stored[0]}&format=canonical`, headers: { ...auth, 'accept-language': 'fr-FR' } })
    ).json();
    expect(canonicalFirst.context.contextActivities.parent[0].definition.name).toEqual({ 'fr-FR': 'course-q' });
    expect(canonicalFirst.object.definition.name).toEqual({ 'fr-FR': 'module-1' });
    expect((await get('ascending=maybe')).statusCode).toBe(400);
    expect((await get('colour=blue')).statusCode).toBe(400);
  });

  it('voids a statement: it leaves the results and is found only by voidedStatementId; a voiding statement cannot be voided', async () => {
    const [target] = (await post(statement({ object: activity('to-void') }))).json<string[]>();
    const [voiding] = (await post(statement({ verb: verb('voided'), object: { objectType: 'StatementRef', id: target } }))).json<string[]>();
    expect((await get(`statementId=${target}`)).statusCode).toBe(404);
    expect((await get(`voidedStatementId=${target}`)).json().id).toBe(target);
    // The voided statement leaves the results; the voiding statement, which refers to it, meets its filter (Communication 2.1.3).
    const byActivity = (await get(`activity=${encodeURIComponent('http://example.com/activities/to-void')}`)).json().statements;
    expect(byActivity.map((s: { id: string }) => s.id)).toEqual([voiding]);
    expect((await post(statement({ verb: verb('voided'), object: { objectType: 'StatementRef', id: voiding } }))).json().code).toBe(
      'cannot_void_voiding_statement',
    );
    expect((await post(statement({ verb: verb('voided'), object: activity('x') }))).statusCode).toBe(400);
  });
});

describe('xAPI and Concord courses', () => {
  it('emits statements for Concord lessons, and completes an assignment from an outside completion statement', async () => {
    const trainer = await signInAs('trainer');
    const admin = await signInAs('lcsa_admin', { lcsaId: 'los-angeles' });
    const learner = await signInAs('lcsa_caseworker', { lcsaId: 'los-angeles' });
    const courses: string[] = [];
    for (const code of ['XAPI-1', 'XAPI-2']) {
      const course = (
        await app.inject({
          method: 'POST',
          url: '/api/training/courses',
          headers: trainer.headers,
          payload: { code, title: code, category: 'system', owner: 'Trainers' },
        })
      ).json<{ id: string }>();
      await app.inject({
        method: 'POST',
        url: `/api/training/courses/${course.id}/versions`,
        headers: trainer.headers,
        payload: { description: 'x', lessons: [{ id: 'one', title: 'One', body: 'x' }], quiz: null },
      });
      await app.inject({ method: 'POST', url: `/api/training/courses/${course.id}/publish`, headers: trainer.headers });
      courses.push(course.id);
    }
    await app.inject({
      method: 'POST',
      url: '/api/training/curricula',
      headers: trainer.headers,
      payload: {
        code: 'XAPI',
        title: 'xAPI',
        description: 'x',
        courseIds: courses,
        rules: { newHireDueDays: 30, roles: [], orgUnits: [], assignDueDays: 30, recertifyMonths: null },
        startsOn: '2020-01-01',
      },
    });
    await app.inject({
      method: 'POST',
      url: '/api/training/staff',
      headers: admin.headers,
      payload: { userId: learner.userId, orgUnitId: 'los-angeles', hireDate: '2026-11-01' },
    });
    const mine = (await app.inject({ url: '/api/training/my', headers: learner.headers })).json<{ id: string; courseCode: string; status: string }[]>();
    await app.inject({
      method: 'POST',
      url: `/api/training/assignments/${mine.find((a) => a.courseCode === 'XAPI-1')!.id}/lessons/one/complete`,
      headers: learner.headers,
    });
    const learnerAgent = encodeURIComponent(JSON.stringify({ mbox: `mailto:${learner.email}` }));
    const emitted = (await get(`agent=${learnerAgent}&ascending=true`)).json().statements;
    expect(emitted.map((s: { verb: { id: string } }) => s.verb.id)).toEqual([
      'http://adlnet.gov/expapi/verbs/experienced',
      'http://adlnet.gov/expapi/verbs/completed',
    ]);
    expect(emitted[0].object.id).toBe(`${activityBase}/courses/XAPI-1/lessons/one`);

    // Another LMS reports that the learner completed XAPI-2 there.
    const outside = await post({
      actor: { objectType: 'Agent', mbox: `mailto:${learner.email}` },
      verb: { id: 'http://adlnet.gov/expapi/verbs/completed', display: { 'en-US': 'completed' } },
      object: { objectType: 'Activity', id: `${activityBase}/courses/XAPI-2` },
      result: { completion: true, success: true, score: { scaled: 0.92 } },
    });
    expect(outside.statusCode).toBe(200);
    const after = (await app.inject({ url: '/api/training/my', headers: learner.headers })).json<
      { courseCode: string; status: string; scorePercent: number | null }[]
    >();
    expect(after.find((a) => a.courseCode === 'XAPI-2')).toMatchObject({ status: 'completed', scorePercent: 92 });
  });
});
