import { desc, eq, gt } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { openCaseWithOrder, useTestApp } from '../../../test/app';
import { sheetValues } from '../../../test/xlsx';
import { todayInCalifornia } from '../dates';
import { boundedCount } from '../lists/lists';
import { auditLog } from './schema';

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
    const { db } = app.concord.database;
    const lastId = async () => (await db.select({ id: auditLog.id }).from(auditLog).orderBy(desc(auditLog.id)).limit(1))[0]!.id;
    const before = await lastId();
    const response = await app.inject({ method: 'GET', url: `/api/audit/export.csv?${query}`, headers: auditor.headers });
    // One audit row for one export, saying what was searched: not a search row and an export row.
    const written = await db.select().from(auditLog).where(gt(auditLog.id, before));
    expect(written.map((w) => [w.action, (w.detail as { entityId?: string }).entityId])).toEqual([['audit.export', opened.id]]);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/csv');
    const lines = response.body.trim().split('\n');
    expect(lines[0]).toBe('Entry,When,Person,Email,Role,LCSA,Action,Record type,Record,Personal data,Outcome,Request');
    const emails = lines.slice(1).map((l) => l.split(',')[3]);
    expect(emails).toEqual(expect.arrayContaining([caseworker.email, other.email]));
    const audited = await app.inject({ method: 'GET', url: '/api/audit?action=audit.export', headers: auditor.headers });
    expect(audited.json<{ items: Entry[] }>().items[0]).toMatchObject({ actorEmail: auditor.email });
    expect((await app.inject({ method: 'GET', url: `/api/audit/export.csv?${query}`, headers: caseworker.headers })).statusCode).toBe(403);
    const xlsx = await app.inject({ method: 'GET', url: `/api/audit/export.xlsx?${query}`, headers: auditor.headers });
    expect(xlsx.statusCode).toBe(200);
    const sheet = await sheetValues(xlsx.rawPayload, 'audit');
    expect(sheet.length).toBe(lines.length);
    expect(sheet.slice(1).map((row) => row[3])).toEqual(expect.arrayContaining([caseworker.email, other.email]));
  });

  it('pages with a total, sorts by a column and says when it counted only so far', async () => {
    const query = new URLSearchParams({ entityId: opened.id, pageSize: '1', sort: 'actorEmail', dir: 'asc' });
    const page = (await app.inject({ url: `/api/audit?${query}`, headers: auditor.headers })).json<{ items: Entry[]; total: number; totalCapped?: boolean }>();
    const all = (await app.inject({ url: `/api/audit?entityId=${opened.id}&pageSize=200`, headers: auditor.headers })).json<{
      items: Entry[];
      total: number;
    }>();
    expect(page.items).toHaveLength(1);
    expect(page.total).toBe(all.items.length);
    expect(page.totalCapped).toBeUndefined();
    const emails = all.items.map((e) => e.actorEmail ?? '').sort();
    expect(page.items[0]!.actorEmail).toBe(emails[0]);
    // The bound: the same selection counted no further than one row says that more match.
    const selection = () => app.concord.database.db.select({ id: auditLog.id }).from(auditLog).where(eq(auditLog.entityId, opened.id)).$dynamic();
    expect(await boundedCount(app.concord.database.db, selection(), 1)).toEqual({ total: 1, totalCapped: true });
    expect(await boundedCount(app.concord.database.db, selection(), 10_000)).toEqual({ total: all.items.length, totalCapped: false });
  });
});
