import { describe, expect, it } from 'vitest';
import { openCaseWithOrder, useTestApp } from '../../../test/app';
import { todayInCalifornia } from '../dates';

const { app, signInAs } = await useTestApp();
const auditor = await signInAs('auditor');
const caseworker = await signInAs('lcsa_caseworker');
const other = await signInAs('lcsa_caseworker');
const opened = await openCaseWithOrder(app, caseworker.headers);
await app.inject({ method: 'GET', url: `/api/cases/${opened.id}`, headers: caseworker.headers });
await app.inject({ method: 'GET', url: `/api/cases/${opened.id}`, headers: other.headers });
type Entry = { actorName: string | null; actorEmail: string | null; action: string; entityId: string | null };

describe('the audit log for an auditor', () => {
  it('names the person who acted and narrows by person, record, action and dates', async () => {
    const today = todayInCalifornia();
    const query = new URLSearchParams({ actorEmail: caseworker.email.toUpperCase(), entityType: 'case', action: 'case.read', from: today, to: today });
    const response = await app.inject({ method: 'GET', url: `/api/audit?${query}`, headers: auditor.headers });
    expect(response.statusCode).toBe(200);
    const items = response.json<{ items: Entry[] }>().items;
    // Their reads of the case (the order's answer and the GET), and not the other caseworker's.
    expect(items.length).toBeGreaterThanOrEqual(2);
    for (const item of items) expect(item).toMatchObject({ actorEmail: caseworker.email, action: 'case.read', entityId: opened.id });
    expect(items[0]!.actorName).toBeTruthy();
    const yesterday = new URLSearchParams({ actorEmail: caseworker.email, to: '2020-01-01' });
    expect((await app.inject({ method: 'GET', url: `/api/audit?${yesterday}`, headers: auditor.headers })).json<{ items: Entry[] }>().items).toEqual([]);
  });

  it('exports the same selection as CSV, audited, with no cell that runs as a formula', async () => {
    const query = new URLSearchParams({ entityId: opened.id });
    const response = await app.inject({ method: 'GET', url: `/api/audit/export.csv?${query}`, headers: auditor.headers });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/csv');
    const lines = response.body.trim().split('\n');
    expect(lines[0]).toBe('id,occurred_at,person,email,role,lcsa,action,record_type,record_id,personal_data,outcome,request_id');
    const emails = lines.slice(1).map((l) => l.split(',')[3]);
    expect(emails).toEqual(expect.arrayContaining([caseworker.email, other.email]));
    const audited = await app.inject({ method: 'GET', url: '/api/audit?action=audit.export', headers: auditor.headers });
    expect(audited.json<{ items: Entry[] }>().items[0]).toMatchObject({ actorEmail: auditor.email });
    expect((await app.inject({ method: 'GET', url: `/api/audit/export.csv?${query}`, headers: caseworker.headers })).statusCode).toBe(403);
  });
});
