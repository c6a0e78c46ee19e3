/**
 * The hostile-input suite, training (issue 28): cmi5 course packages that climb out of the archive, inflate past
 * the limit, smuggle a document type declaration into cmi5.xml, point a unit at content that is not in the
 * package or on another site; and a launched unit's credential used past its session's limits (another
 * learner's statements, an expired or reused fetch URL, a path that climbs out of the package's content);
 * and LTI launches that are not JWTs, carry a state never issued, or come without their parameters.
 */
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { demoPackageFiles, zipFiles } from '../src/modules/training';
import { addDays, todayInCalifornia } from '../src/platform/dates';
import { queryRows } from '../src/platform/db/rows';
import { useTestApp } from './app';
import { zipOf } from './zip';

const { app, signInAs } = await useTestApp();
const db = app.concord.database.db;
const trainer = await signInAs('trainer');
const laAdmin = await signInAs('lcsa_admin', { lcsaId: 'los-angeles' });
const learner = await signInAs('lcsa_caseworker', { lcsaId: 'los-angeles' });
const post = (url: string, headers: Record<string, string>, payload?: object) => app.inject({ method: 'POST', url, headers, payload: payload ?? {} });
const courseId = (
  await post('/api/training/courses', trainer.headers, { code: 'HOSTILE-CMI5', title: 'Hostile packages', category: 'system', owner: 'Tests' })
).json<{ id: string }>().id;
const upload = (payload: Buffer) =>
  app.inject({ method: 'POST', url: `/api/training/courses/${courseId}/cmi5`, headers: { ...trainer.headers, 'content-type': 'application/zip' }, payload });
const demo = demoPackageFiles();
const xml = demo.find((f) => f.path === 'cmi5.xml')!.data.toString('utf8');
const withXml = (text: string) => zipFiles([...demo.filter((f) => f.path !== 'cmi5.xml'), { path: 'cmi5.xml', data: Buffer.from(text) }]);
const count = async (table: 'training_course_versions' | 'training_cmi5_packages') =>
  (await queryRows<{ n: number }>(db, sql`select count(*)::int as n from ${sql.identifier(table)} where course_id = ${courseId}`))[0]!.n;

describe('hostile cmi5 packages', () => {
  it('are refused naming the file and field, and leave no version, package or file behind', async () => {
    const cases: [Buffer, number, string, RegExp][] = [
      [Buffer.from('PK\u0003\u0004 not a zip'), 400, 'cmi5_package_invalid', /not a zip/],
      [
        zipOf([{ name: '../evil.html', data: Buffer.from('<script>1</script>') }, ...demo.map((f) => ({ name: f.path, data: f.data }))]),
        400,
        'cmi5_package_invalid',
        /unreadable/,
      ],
      [zipOf([{ name: '/etc/evil.html', data: Buffer.from('x') }]), 400, 'cmi5_package_invalid', /unreadable/],
      [await zipFiles(demo.filter((f) => f.path !== 'cmi5.xml')), 400, 'cmi5_package_invalid', /cmi5\.xml is missing/],
      [
        await withXml(`<?xml version="1.0"?><!DOCTYPE x [<!ENTITY big "${'a'.repeat(100)}">]>${xml.replace(/^<\?xml[^>]*>/, '')}`),
        400,
        'cmi5_package_invalid',
        /document type declaration/,
      ],
      [await withXml(xml.replace('</course>', '</kurs>')), 400, 'cmi5_package_invalid', /cmi5\.xml line \d+/],
      [
        await withXml(xml.replace('<url>welcome.html</url>', '<url>https://evil.example/au.html</url>')),
        400,
        'cmi5_package_invalid',
        /au\[1\]\/url must be a path inside the package/,
      ],
      [
        await withXml(xml.replace('<url>welcome.html</url>', '<url>missing.html</url>')),
        400,
        'cmi5_package_invalid',
        /au\[1\]\/url names missing\.html, which is not in the package/,
      ],
      [await withXml(xml.replace('moveOn="Completed"', 'moveOn="Whenever"')), 400, 'cmi5_package_invalid', /au\[1\]@moveOn must be one of/],
      [await withXml(xml.replace('masteryScore="0.8"', 'masteryScore="80"')), 400, 'cmi5_package_invalid', /masteryScore must be a decimal from 0 to 1/],
      [zipOf([{ name: 'cmi5.xml', data: Buffer.alloc(101 * 2 ** 20, 0x20) }]), 413, 'cmi5_package_too_large', /more than 100 MiB/],
    ];
    for (const [zip, status, code, message] of cases) {
      const answer = await upload(zip);
      expect([answer.statusCode, answer.json().code], answer.body).toEqual([status, code]);
      expect(answer.json().detail ?? answer.json().title).toMatch(message);
    }
    expect([await count('training_course_versions'), await count('training_cmi5_packages')]).toEqual([0, 0]);
  });
});

describe('a launched unit’s credential', () => {
  it('reads only its own statements, works only while its session lasts, and its fetch URL only once', async () => {
    expect((await upload(await zipFiles(demo))).statusCode).toBe(200);
    await post(`/api/training/courses/${courseId}/publish`, trainer.headers);
    await post('/api/training/curricula', trainer.headers, {
      code: 'HOSTILE',
      title: 'Hostile',
      description: 'x',
      courseIds: [courseId],
      rules: { newHireDueDays: 90, roles: [], orgUnits: [], assignDueDays: 30, recertifyMonths: null },
      startsOn: '2026-01-01',
    });
    await post('/api/training/staff', laAdmin.headers, { userId: learner.userId, orgUnitId: 'los-angeles', hireDate: addDays(todayInCalifornia(), -1) });
    const assignment = (await app.inject({ url: '/api/training/my', headers: learner.headers }))
      .json<{ id: string; courseId: string }[]>()
      .find((a) => a.courseId === courseId)!;
    const launch = async () =>
      new URL((await post(`/api/training/assignments/${assignment.id}/lessons/au-1/launch`, learner.headers)).json<{ url: string }>().url);

    // A launch left longer than a session lasts: its fetch URL answers "expired".
    const stale = await launch();
    await db.execute(sql`update training_cmi5_sessions set launched_at = now() - interval '9 hours' where fetched_at is null`);
    const expired = await app.inject({ method: 'POST', url: new URL(stale.searchParams.get('fetch')!).pathname });
    expect([expired.statusCode, expired.json()['error-code']]).toEqual([400, '2']);
    expect((await app.inject({ method: 'POST', url: '/api/training/cmi5/fetch/made-up-token' })).json()['error-code']).toBe('3');

    const url = await launch();
    const token = (await app.inject({ method: 'POST', url: new URL(url.searchParams.get('fetch')!).pathname })).json()['auth-token'];
    const headers = { authorization: `Basic ${token}`, 'x-experience-api-version': '1.0.3' };
    // Statements stored by others (Concord's own launched statement) are not its to read.
    const read = await app.inject({ url: `/xapi/statements?registration=${assignment.id}`, headers });
    expect(read.statusCode).toBe(200);
    expect(read.json().statements).toEqual([]);
    // Its credential is a session's, not a client an admin manages: the LRS clients list does not show it.
    const clients = (await app.inject({ url: '/api/training/xapi-clients', headers: trainer.headers })).json<{ name: string }[]>();
    expect(clients.some((c) => c.name.startsWith('cmi5 session'))).toBe(false);
    // Past its expiry the credential is refused.
    await db.execute(sql`update training_xapi_clients set expires_at = now() - interval '1 second' where cmi5_session_id is not null`);
    expect((await app.inject({ url: `/xapi/statements?registration=${assignment.id}`, headers })).statusCode).toBe(401);

    // The content route serves the package's own files only.
    const base = url.pathname.replace(/welcome\.html$/, '');
    for (const climb of ['..%2F..%2Fxapi%2Fabout', '%2e%2e/%2e%2e/api/training/my', 'nothing.js'])
      expect((await app.inject({ url: `${base}${climb}` })).statusCode).toBe(404);
  });
});

describe('hostile LTI launches', () => {
  it('answer a launch that is not a JWT, a state that was never issued, a huge field and a login without its parameters with a 4xx, never a session', async () => {
    const form = (fields: Record<string, string>) =>
      app.inject({
        method: 'POST',
        url: '/api/lti/launch',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams(fields).toString(),
      });
    const cases: Record<string, string>[] = [
      { id_token: 'not.a.jwt', state: 'never-issued' },
      { id_token: 'x'.repeat(200_000), state: 'y'.repeat(10_000) },
      {},
    ];
    for (const fields of cases) {
      const answer = await form(fields);
      expect([answer.statusCode, answer.json().code]).toEqual([401, 'lti_state_unknown']);
      expect(answer.headers['set-cookie']).toBeUndefined();
    }
    const login = await app.inject({ url: '/api/lti/login?iss=https://nowhere.example' });
    expect([login.statusCode, login.json().code]).toEqual([400, 'lti_launch_invalid']);
    const picked = await app.inject({
      method: 'POST',
      url: '/api/lti/deep-link',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'token=forged&course=CORE-100',
    });
    expect(picked.statusCode).toBe(401);
  });
});
