import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../../test/app';

const { app, signInAs } = await useTestApp();
const trainer = await signInAs('trainer');
const caseworker = await signInAs('lcsa_caseworker');
const basic = (key: string, secret: string) => ({
  authorization: `Basic ${Buffer.from(`${key}:${secret}`).toString('base64')}`,
  'x-experience-api-version': '1.0.3',
});
const statement = (n: string) => ({
  id: crypto.randomUUID(),
  actor: { mbox: `mailto:${n}@example.com` },
  verb: { id: 'http://adlnet.gov/expapi/verbs/experienced' },
  object: { id: `http://example.com/activities/scoped-${n}` },
});
const register = async (name: string, scopes?: string[]) => {
  const response = await app.inject({
    method: 'POST',
    url: '/api/training/xapi-clients',
    headers: trainer.headers,
    payload: { name, ...(scopes ? { scopes } : {}) },
  });
  expect(response.statusCode).toBe(201);
  return response.json<{ key: string; secret: string }>();
};

describe('LRS clients managed like any credential', () => {
  it('scopes what a client may do; a client that reads only its own statements sees only those', async () => {
    const writer = await register('Writer LMS', ['statements/write', 'statements/read/mine']);
    const other = await register('Other LMS');
    const mine = statement('mine');
    const theirs = statement('theirs');
    expect((await app.inject({ method: 'POST', url: '/xapi/statements', headers: basic(writer.key, writer.secret), payload: mine })).statusCode).toBe(200);
    expect((await app.inject({ method: 'POST', url: '/xapi/statements', headers: basic(other.key, other.secret), payload: theirs })).statusCode).toBe(200);
    const seen = (await app.inject({ url: '/xapi/statements?limit=100', headers: basic(writer.key, writer.secret) })).json<{ statements: { id: string }[] }>();
    expect(seen.statements.map((s) => s.id)).toContain(mine.id);
    expect(seen.statements.map((s) => s.id)).not.toContain(theirs.id);
    expect((await app.inject({ url: `/xapi/statements?statementId=${theirs.id}`, headers: basic(writer.key, writer.secret) })).statusCode).toBe(404);
    const state = await app.inject({
      method: 'PUT',
      url: `/xapi/activities/state?activityId=${encodeURIComponent(mine.object.id)}&agent=${encodeURIComponent(JSON.stringify(mine.actor))}&stateId=s`,
      headers: basic(writer.key, writer.secret),
      payload: { page: 1 },
    });
    expect(state.json()).toMatchObject({ status: 403, code: 'lrs_scope_missing' });
    // The one with every scope reads both.
    const all = (await app.inject({ url: '/xapi/statements?limit=100', headers: basic(other.key, other.secret) })).json<{ statements: { id: string }[] }>();
    expect(all.statements.map((s) => s.id)).toEqual(expect.arrayContaining([mine.id, theirs.id]));
  });

  it('rotates a secret (the old one is refused at once), disables and enables a client, and audits every use', async () => {
    const client = await register('Rotating LMS');
    const about = (secret: string) => app.inject({ url: '/xapi/statements?limit=1', headers: basic(client.key, secret) });
    expect((await about(client.secret)).statusCode).toBe(200);
    const rotated = (await app.inject({ method: 'POST', url: `/api/training/xapi-clients/${client.key}/rotate`, headers: trainer.headers })).json<{
      secret: string;
    }>();
    expect(rotated.secret).not.toBe(client.secret);
    expect((await about(client.secret)).statusCode).toBe(401);
    expect((await about(rotated.secret)).statusCode).toBe(200);
    const patch = (payload: object) => app.inject({ method: 'PATCH', url: `/api/training/xapi-clients/${client.key}`, headers: trainer.headers, payload });
    expect((await patch({ isActive: false })).json()).toMatchObject({ isActive: false });
    expect((await about(rotated.secret)).statusCode).toBe(401);
    expect((await patch({ isActive: true })).json()).toMatchObject({ isActive: true });
    expect((await patch({ scopes: [] })).statusCode).toBe(400);
    expect((await patch({ scopes: ['state'] })).json()).toMatchObject({ scopes: ['state'] });
    expect((await about(rotated.secret)).json()).toMatchObject({ status: 403, code: 'lrs_scope_missing' });
    const listed = (await app.inject({ url: '/api/training/xapi-clients', headers: trainer.headers })).json<
      { key: string; lastUsedAt: string | null; secretRotatedAt: string | null }[]
    >();
    const row = listed.find((c) => c.key === client.key)!;
    expect(row.lastUsedAt).not.toBeNull();
    expect(row.secretRotatedAt).not.toBeNull();
    expect(JSON.stringify(listed)).not.toContain(rotated.secret);
    const auditor = await signInAs('auditor');
    const uses = (await app.inject({ url: `/api/audit?entityId=${client.key}&pageSize=100`, headers: auditor.headers })).json<{
      items: { action: string; outcome: string }[];
    }>().items;
    expect(uses.filter((u) => u.action === 'xapi.get').map((u) => u.outcome)).toEqual(expect.arrayContaining(['succeeded', 'failed']));
    expect(uses.map((u) => u.action)).toEqual(expect.arrayContaining(['training.xapi_client.rotate', 'training.xapi_client.change']));
    expect((await app.inject({ method: 'POST', url: `/api/training/xapi-clients/${client.key}/rotate`, headers: caseworker.headers })).statusCode).toBe(403);
    expect((await app.inject({ method: 'POST', url: '/api/training/xapi-clients/lrs-nobody/rotate', headers: trainer.headers })).statusCode).toBe(404);
  });
});
