/**
 * DATABASE_READ_URL on a real hot standby (pg_basebackup + a second PostgreSQL on another port): reports,
 * dashboards and exports are read there, a person who has just written reads from the primary until the
 * standby has replayed their write, the replica's reads are audited on the primary, and a standby that
 * stops answering is routed around. Replay is paused to make the standby visibly behind.
 * On the embedded database (no server), there is no replica: the same routes read the one database and
 * nothing is pinned.
 */
import { sql } from 'drizzle-orm';
import type { Counter } from 'prom-client';
import { afterAll, describe, expect, inject, it } from 'vitest';
import type { Database } from '../src/platform/db/connect';
import { lagTolerantReadsMetric, openReadReplica } from '../src/platform/db/replica';
import { queryRows } from '../src/platform/db/rows';
import { newServerDatabase } from '../src/platform/db/test-template';
import { makeNewCase, useTestApp, type TestApp } from './app';
import { startHotStandby } from './hot-standby';

const template = inject('template');

/** A query each lag-tolerant route answers; a route added without one fails the walk below. */
const sampleQueries: Record<string, string> = {
  '/api/finance/ocse34': 'quarter=2026-Q3',
  '/api/finance/ocse34/items': 'quarter=2026-Q3&figure=line1',
  '/api/finance/ocse34.xlsx': 'quarter=2026-Q3',
  '/api/finance/ocse34.pdf': 'quarter=2026-Q3',
  '/api/claims/consolidated': 'quarter=2026-Q3',
  '/api/claims/consolidated/drill-down': 'quarter=2026-Q3&line=1b',
  '/api/claims/consolidated.xlsx': 'quarter=2026-Q3',
  '/api/claims/consolidated.csv': 'quarter=2026-Q3',
  '/api/claims/consolidated.pdf': 'quarter=2026-Q3',
  '/api/claims/dashboard': 'stateFiscalYear=2026-27',
  '/api/liens/report': 'from=2026-01-01&to=2026-06-30',
  '/api/liens/report.xlsx': 'from=2026-01-01&to=2026-06-30',
  '/api/intercept/compliance': 'from=2026-01-01&to=2026-06-30',
  '/api/intercept/compliance.xlsx': 'from=2026-01-01&to=2026-06-30',
  '/api/training/report': 'groupBy=course',
  '/api/training/report.csv': 'groupBy=course',
  '/api/training/report.xlsx': 'groupBy=course',
  '/api/plan/metrics': '',
};

function servedBy(testApp: TestApp): Promise<{ replica: number; primary: number }> {
  const counter = testApp.app.concord.metrics.getSingleMetric(lagTolerantReadsMetric) as Counter;
  return counter.get().then(({ values }) => ({
    replica: values.find((v) => v.labels.served_by === 'replica')?.value ?? 0,
    primary: values.find((v) => v.labels.served_by === 'primary')?.value ?? 0,
  }));
}

/** The app on a new server database, with the standby of the server as its read replica. */
async function appWithReplica(serverUrl: string, templateName: string) {
  const primary = await newServerDatabase(serverUrl, { template: templateName });
  const standby = await startHotStandby(serverUrl);
  await standby.caughtUp();
  const replica = await openReadReplica(standby.urlOf(new URL(primary.url).pathname.slice(1)), 4);
  const database: Database = { ...primary, replica, close: async () => (await replica.close(), await primary.close()) };
  // Stopped last: the app closes first (useTestApp), then the databases, then the standby.
  afterAll(async () => {
    await database.close();
    await standby.stop();
  });
  return { standby, database, testApp: await useTestApp({}, { database }) };
}

const onServer = template.kind === 'server' ? await appWithReplica(template.url, template.templateName) : null;

describe.runIf(onServer)('reads that may lag, on a real hot standby', { timeout: 120_000 }, () => {
  // The body is collected on every run; its tests run only on the server.
  const { standby, database, testApp } = onServer ?? ({} as NonNullable<typeof onServer>);

  it('reads back a person’s own write from the primary while another person’s export comes from the lagging standby', async () => {
    const { app } = testApp;
    const writer = await testApp.signInAs('lcsa_caseworker', { lcsaId: 'los-angeles' });
    const reader = await testApp.signInAs('lcsa_caseworker', { lcsaId: 'los-angeles' });
    await standby.caughtUp();
    await standby.pauseReplay();
    try {
      const before = await servedBy(testApp);
      const payload = makeNewCase();
      const created = await app.inject({ method: 'POST', url: '/api/cases', headers: writer.headers, payload });
      expect(created.statusCode).toBe(201);
      const [pin] = await queryRows<{ lsn: string }>(database.db, sql`select lsn from read_pins where user_id = ${writer.userId}::uuid`);
      expect(pin?.lsn).toMatch(/^[0-9A-F]+\/[0-9A-F]+$/);

      const own = await app.inject({ url: '/api/cases/export.csv', headers: writer.headers });
      expect(own.statusCode).toBe(200);
      expect(own.body).toContain(payload.caseNumber);
      const other = await app.inject({ url: '/api/cases/export.csv', headers: reader.headers });
      expect(other.statusCode).toBe(200);
      expect(other.body).not.toContain(payload.caseNumber);
      expect(await servedBy(testApp)).toEqual({ replica: before.replica + 1, primary: before.primary + 1 });

      // The standby cannot write: the reader's export is audited on the primary all the same.
      const audits = await queryRows<{ n: number }>(
        database.db,
        sql`select count(*)::int as n from audit_log where action = 'cases.export' and actor_user_id = ${reader.userId}::uuid`,
      );
      expect(audits[0]!.n).toBe(1);
    } finally {
      await standby.resumeReplay();
    }
    await standby.caughtUp();
    const before = await servedBy(testApp);
    for (const person of [writer, reader]) {
      const exported = await app.inject({ url: '/api/cases/export.csv', headers: person.headers });
      expect(exported.body.split('\n').filter((line) => line.includes('T-')).length).toBeGreaterThan(0);
    }
    // Once replayed, the writer's reads go to the standby too, and both see the new case there.
    expect(await servedBy(testApp)).toEqual({ replica: before.replica + 2, primary: before.primary });
  });

  it('answers every report, dashboard and export from the standby, with no write attempted there', async () => {
    const { app } = testApp;
    const admin = await testApp.signInAs('state_admin');
    await standby.caughtUp();
    const mayLag = app.declaredRoutes.filter((route) => route.mayLag);
    expect(mayLag.length).toBeGreaterThanOrEqual(40);
    const before = await servedBy(testApp);
    let answered = 0;
    for (const route of mayLag) {
      const isListExport = /\/export\.(csv|xlsx)$/.test(route.url);
      const isCampaign = route.url.includes(':id');
      if (!isListExport && !isCampaign) expect(sampleQueries, `a sample query for ${route.url}`).toHaveProperty([route.url]);
      const url = route.url.replace(':id', '00000000-0000-4000-8000-000000000000');
      const response = await app.inject({ method: route.method as 'GET', url: `${url}?${sampleQueries[route.url] ?? ''}`, headers: admin.headers });
      expect(response.statusCode, `${route.url}: ${response.body.slice(0, 200)}`).toBe(isCampaign ? 404 : 200);
      if (response.statusCode === 200) answered += 1;
    }
    // Each answer came from the standby: a write there would have failed it over to the primary.
    expect(await servedBy(testApp)).toEqual({ replica: before.replica + answered, primary: before.primary });
  });

  it('reads from the primary when the standby stops answering', async () => {
    const reader = await testApp.signInAs('state_admin');
    const before = await servedBy(testApp);
    await standby.stop();
    const response = await testApp.app.inject({ url: '/api/claims/dashboard?stateFiscalYear=2026-27', headers: reader.headers });
    expect(response.statusCode).toBe(200);
    expect(await servedBy(testApp)).toEqual({ replica: before.replica, primary: before.primary + 1 });
    expect(testApp.logs.join('')).toContain('read replica failed; reading from the primary');
  });
});

describe.runIf(template.kind === 'pglite')('reads that may lag, on the embedded database', () => {
  it('reads the one database and pins nobody', async () => {
    const testApp = await useTestApp();
    const writer = await testApp.signInAs('lcsa_caseworker', { lcsaId: 'los-angeles' });
    const payload = makeNewCase();
    expect((await testApp.app.inject({ method: 'POST', url: '/api/cases', headers: writer.headers, payload })).statusCode).toBe(201);
    const exported = await testApp.app.inject({ url: '/api/cases/export.csv', headers: writer.headers });
    expect(exported.body).toContain(payload.caseNumber);
    const [pins] = await queryRows<{ n: number }>(testApp.app.concord.database.db, sql`select count(*)::int as n from read_pins`);
    expect(pins!.n).toBe(0);
    expect(await servedBy(testApp)).toEqual({ replica: 0, primary: 0 });
  });
});
