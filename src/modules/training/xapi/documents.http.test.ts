import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../../test/app';
import { inTransaction } from '../../../platform/db/transaction';
import { createClient } from './lrs';

const { app } = await useTestApp();
const { key, secret } = await inTransaction(app.concord.database.db, (tx) => createClient(tx, 'Docs LMS'));
const auth = { authorization: `Basic ${Buffer.from(`${key}:${secret}`).toString('base64')}`, 'x-experience-api-version': '1.0.3' };
const agent = encodeURIComponent(JSON.stringify({ objectType: 'Agent', mbox: 'mailto:sam@example.com' }));
const activity = encodeURIComponent('http://example.com/activities/course-9');
const call = (method: 'GET' | 'PUT' | 'POST' | 'DELETE', url: string, payload?: unknown, headers: Record<string, string> = {}) =>
  app.inject({ method, url, headers: { ...auth, ...headers }, ...(payload === undefined ? {} : { payload: payload as string }) });

describe('xAPI document resources', () => {
  it('keeps state documents per activity, agent and registration: PUT, POST merges JSON, GET one or the ids, DELETE', async () => {
    const state = `/xapi/activities/state?activityId=${activity}&agent=${agent}`;
    const first = await call('PUT', `${state}&stateId=bookmark`, { page: 3, seen: ['a'] });
    expect(first.statusCode, first.body).toBe(204);
    expect((await call('POST', `${state}&stateId=bookmark`, { page: 4, done: true })).statusCode).toBe(204);
    const got = await call('GET', `${state}&stateId=bookmark`);
    expect(got.json()).toEqual({ page: 4, seen: ['a'], done: true });
    expect(got.headers.etag).toMatch(/^"[0-9a-f]{40}"$/);
    await call('PUT', `${state}&stateId=notes`, 'plain words', { 'content-type': 'text/plain' });
    expect((await call('GET', `${state}&stateId=notes`)).body).toBe('plain words');
    expect((await call('POST', `${state}&stateId=notes`, { x: 1 })).statusCode).toBe(400);
    expect((await call('GET', state)).json()).toEqual(['bookmark', 'notes']);
    expect((await call('GET', `${state}&since=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`)).json()).toEqual([]);
    expect((await call('GET', `/xapi/activities/state?activityId=not-an-iri&agent=${agent}&stateId=x`)).statusCode).toBe(400);
    expect((await call('GET', `${state}&registration=nope`)).statusCode).toBe(400);
    expect((await call('DELETE', `${state}&stateId=notes`)).statusCode).toBe(204);
    expect((await call('GET', `${state}&stateId=notes`)).statusCode).toBe(404);
    expect((await call('DELETE', state)).statusCode).toBe(204);
    expect((await call('GET', state)).json()).toEqual([]);
  });

  it('guards profile documents with ETags: a PUT names If-None-Match for a new one and If-Match over an existing one', async () => {
    const profile = `/xapi/activities/profile?activityId=${activity}&profileId=settings`;
    expect((await call('PUT', profile, { colour: 'blue' })).statusCode).toBe(400);
    expect((await call('GET', profile)).statusCode).toBe(404);
    expect((await call('PUT', profile, { colour: 'blue' }, { 'if-none-match': '*' })).statusCode).toBe(204);
    const etag = (await call('GET', profile)).headers.etag as string;
    expect((await call('PUT', profile, { colour: 'red' })).statusCode).toBe(409);
    expect((await call('PUT', profile, { colour: 'red' }, { 'if-match': '"0000"' })).statusCode).toBe(412);
    expect((await call('PUT', profile, { colour: 'red' }, { 'if-none-match': '*' })).statusCode).toBe(412);
    expect((await call('PUT', profile, { colour: 'red' }, { 'if-match': etag })).statusCode).toBe(204);
    expect((await call('GET', profile)).json()).toEqual({ colour: 'red' });
    const agentProfile = `/xapi/agents/profile?agent=${agent}&profileId=prefs`;
    expect((await call('PUT', agentProfile, { language: 'es' }, { 'if-none-match': '*' })).statusCode).toBe(204);
    expect((await call('GET', `/xapi/agents/profile?agent=${agent}`)).json()).toEqual(['prefs']);
    expect((await call('GET', '/xapi/agents/profile?agent={"name":"no id"}')).statusCode).toBe(400);
  });

  it('describes an activity as last stated and a person by what is known of them', async () => {
    await call('POST', '/xapi/statements', {
      actor: { name: 'Sam Rivera', mbox: 'mailto:sam@example.com' },
      verb: { id: 'http://adlnet.gov/expapi/verbs/attempted' },
      object: { id: 'http://example.com/activities/course-9', definition: { name: { 'en-US': 'Course nine' } } },
    });
    expect((await call('GET', `/xapi/activities?activityId=${activity}`)).json()).toEqual({
      objectType: 'Activity',
      id: 'http://example.com/activities/course-9',
      definition: { name: { 'en-US': 'Course nine' } },
    });
    expect((await call('GET', `/xapi/agents?agent=${agent}`)).json()).toEqual({ objectType: 'Person', name: ['Sam Rivera'], mbox: ['mailto:sam@example.com'] });
    expect((await app.inject({ url: `/xapi/activities?activityId=${activity}`, headers: { 'x-experience-api-version': '1.0.3' } })).statusCode).toBe(401);
  });
});
