/**
 * `concord serve --workers 2`: two app processes behind one port on one PostgreSQL database. Requests
 * and background jobs spread over both are each done once, and the audit chain they both write verifies.
 * On the embedded database (no DATABASE_URL) the command refuses, naming what it needs.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { systemActor } from '../src/platform/auth/actor';
import { createUser } from '../src/platform/auth/users';
import { verifyAuditChain } from '../src/platform/audit/verify';
import { queryRows } from '../src/platform/db/rows';
import { newServerDatabase } from '../src/platform/db/test-template';
import { inTransaction } from '../src/platform/db/transaction';
import { enqueueJob } from '../src/platform/jobs/jobs';
import { makeNewCase, testPassword } from './app';

const template = inject('template');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'concord-workers-'));
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));
const baseEnv = { ...process.env, CONCORD_DATA_DIR: dataDir, CONCORD_DEMO_CASES: '0', CONCORD_LOG_LEVEL: 'warn', CONCORD_JOB_POLL_MS: '100' };

describe('concord serve --workers', { timeout: 300_000 }, () => {
  it('serves from two processes on the server that neither lose nor repeat requests and jobs, and keep one audit chain; refuses on PGlite', async () => {
    if (template.kind === 'pglite') {
      // This run's database is the embedded one: several processes cannot share it.
      const run = promisify(execFile)(process.execPath, ['bin/concord.js', 'serve', '--workers', '2'], {
        env: { ...baseEnv, DATABASE_URL: '' },
        timeout: 60_000,
      });
      await expect(run).rejects.toMatchObject({ stderr: expect.stringContaining('DATABASE_URL') });
      return;
    }
    const database = await newServerDatabase(template.url, { template: template.templateName, poolSize: 2 });
    const url = database.url;
    let server: ChildProcess | null = null;
    try {
      const email = `workers-${crypto.randomBytes(3).toString('hex')}@test.concord`;
      const jobIds = await inTransaction(database.db, async (tx) => {
        await createUser(tx, systemActor(), { email, displayName: 'Two processes', password: testPassword, role: 'lcsa_caseworker', lcsaId: 'los-angeles' });
        const ids: string[] = [];
        for (let i = 0; i < 12; i++) ids.push(await enqueueJob(tx, systemActor(), { kind: 'plan.refresh_metrics', payload: {} }));
        return ids;
      });
      const port = 20_000 + crypto.randomInt(20_000);
      server = spawn(process.execPath, ['bin/concord.js', 'serve', '--workers', '2'], { env: { ...baseEnv, DATABASE_URL: url, PORT: String(port) } });
      let output = '';
      server.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
      server.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
      for (let waited = 0; !output.includes('Concord is running'); waited += 250) {
        if (waited > 240_000 || server.exitCode !== null) throw new Error(`serve did not start: ${output}`);
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      expect(output).toContain('2 processes');
      const base = `http://127.0.0.1:${port}`;
      const signIn = await fetch(`${base}/api/auth/sign-in`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password: testPassword }),
      });
      expect(signIn.status).toBe(200);
      const cookie = signIn.headers.get('set-cookie')!.split(';')[0]!;
      const { csrfToken } = (await signIn.json()) as { csrfToken: string };
      const headers = { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' };
      // Forty cases at once, over both processes (the session is in the database, so either serves it).
      const numbers = Array.from({ length: 40 }, (_, i) => `WORKERS-${i}-${crypto.randomBytes(3).toString('hex')}`);
      const statuses = await Promise.all(
        numbers.map(
          async (caseNumber) => (await fetch(`${base}/api/cases`, { method: 'POST', headers, body: JSON.stringify(makeNewCase({ caseNumber })) })).status,
        ),
      );
      expect(statuses.every((s) => s === 201 || s === 200)).toBe(true);
      const [stored] = await queryRows<{ n: number }>(
        database.db,
        sql`select count(*)::int as n from cases where case_number in (${sql.join(
          numbers.map((n) => sql`${n}`),
          sql`, `,
        )})`,
      );
      expect(stored!.n).toBe(40);
      // Every job done, each by one claim.
      let jobs: { status: string; attempts: number; locked_by: string }[] = [];
      for (let waited = 0; waited < 120_000; waited += 500) {
        jobs = await queryRows(
          database.db,
          sql`select status, attempts, locked_by from jobs where id in (${sql.join(
            jobIds.map((id) => sql`${id}::uuid`),
            sql`, `,
          )})`,
        );
        if (jobs.every((j) => j.status === 'succeeded')) break;
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
      expect(jobs.map((j) => [j.status, j.attempts])).toEqual(jobIds.map(() => ['succeeded', 1]));
      const exited = new Promise<number | null>((resolve) => server!.once('exit', resolve));
      server.kill('SIGTERM');
      expect(await exited).toBe(0);
      server = null;
      expect(await verifyAuditChain(database.db)).toMatchObject({ isIntact: true });
    } finally {
      server?.kill('SIGKILL');
      await database.close();
    }
  });
});
