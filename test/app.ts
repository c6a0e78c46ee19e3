/** Builds the whole app on a cloned test database, with helpers to act as users of any role. */
import crypto from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { Registry } from 'prom-client';
import { afterAll } from 'vitest';
import { buildApp } from '../src/app';
import { systemActor } from '../src/platform/auth/actor';
import { roleDefinitions, roles, type Role } from '../src/platform/auth/roles';
import { partners } from '../src/platform/auth/schema';
import { createParentAccount, createUser } from '../src/platform/auth/users';
import { loadConfig } from '../src/platform/config';
import type { Database } from '../src/platform/db/connect';
import { inTransaction } from '../src/platform/db/transaction';
import type { ConcordApp } from '../src/platform/http/types';
import { derivePiiKeys } from '../src/platform/pii/keys';
import { useTestDatabase } from './db';

export const testPassword = 'correct horse battery staple';

export interface TestApp {
  app: ConcordApp;
  logs: string[];
  /** Creates a user and signs in; returns headers that carry the session cookie and CSRF token. */
  signInAs(
    role: Role,
    options?: { lcsaId?: string; partnerId?: string; personId?: string },
  ): Promise<{ headers: Record<string, string>; userId: string; email: string }>;
  newPartner(kind: 'insurer' | 'title_escrow'): Promise<string>;
}

/** @param options.database the app's database (e.g. one with a read replica); a clone of the template by default. */
export async function useTestApp(env: Record<string, string> = {}, options: { database?: Database } = {}): Promise<TestApp> {
  const database = options.database ?? (await useTestDatabase());
  const logs: string[] = [];
  const logStream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logs.push(chunk.toString('utf8'));
      done();
    },
  });
  // Each app keeps its audit checkpoints apart, never in a developer's ./data.
  const checkpoints = path.join(os.tmpdir(), `concord-test-checkpoints-${crypto.randomUUID()}.jsonl`);
  const config = loadConfig({ CONCORD_LOG_LEVEL: 'info', CONCORD_JOB_POLL_MS: '0', CONCORD_AUDIT_CHECKPOINT_FILE: checkpoints, ...env });
  const piiKeys = derivePiiKeys(crypto.randomBytes(32));
  const app = await buildApp({ config, database, piiKeys, metrics: new Registry() }, { logStream });
  afterAll(() => app.close());

  const newPartner = async (kind: 'insurer' | 'title_escrow') => {
    const [row] = await database.db
      .insert(partners)
      .values({ name: `Partner ${crypto.randomUUID()}`, kind })
      .returning({ id: partners.id });
    return row!.id;
  };

  const signInAs: TestApp['signInAs'] = async (role, options = {}) => {
    const email = `${role}.${crypto.randomBytes(4).toString('hex')}@test.concord`;
    const needsLcsa = role.startsWith('lcsa_');
    const needsPartner = role.endsWith('_partner');
    const partnerId = needsPartner ? (options.partnerId ?? (await newPartner(role === 'insurer_partner' ? 'insurer' : 'title_escrow'))) : undefined;
    // A parent's account belongs to a person (by default one in no case: a parent who sees nothing).
    const user = await inTransaction(database.db, (tx) =>
      role === 'parent'
        ? createParentAccount(tx, { personId: options.personId ?? crypto.randomUUID(), email, displayName: role, password: testPassword, language: 'en' }, null)
        : createUser(tx, systemActor(), {
            email,
            displayName: role,
            password: testPassword,
            role,
            lcsaId: needsLcsa ? (options.lcsaId ?? 'los-angeles') : undefined,
            partnerId,
          }),
    );
    const response = await app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { email, password: testPassword } });
    if (response.statusCode !== 200) throw new Error(`sign-in failed: ${response.body}`);
    const cookie = response.cookies.find((c) => c.name === 'concord_session')!;
    const { csrfToken } = response.json<{ csrfToken: string }>();
    return { headers: { cookie: `concord_session=${cookie.value}`, 'x-csrf-token': csrfToken }, userId: user.id, email };
  };
  return { app, logs, signInAs, newPartner };
}

/** Registers an insurer in the programme as state staff; answers its id (the insurer's partner id). */
export async function registerInsurer(
  app: ConcordApp,
  headers: Record<string, string>,
  insurer: { name: string; naicCode: string; fein: string; linesOfBusiness: string[]; channel: string },
): Promise<string> {
  const response = await app.inject({ method: 'POST', url: '/api/intercept/insurers', headers, payload: insurer });
  if (response.statusCode >= 300) throw new Error(`insurer not registered: ${response.body}`);
  return response.json<{ id: string }>().id;
}

/** A valid new-case body; override what the test is about. */
export function makeNewCase(overrides: Record<string, unknown> = {}) {
  const suffix = crypto.randomBytes(4).toString('hex');
  return {
    lcsaId: 'los-angeles',
    countyFips: '06037',
    caseNumber: `T-${suffix}`,
    openedOn: '2024-03-01',
    obligor: {
      firstName: 'Dana',
      lastName: 'Obligor',
      dateOfBirth: '1985-02-03',
      ssn: '912-34-5678',
      addressLine1: '1 Main St',
      city: 'Los Angeles',
      state: 'CA',
      zip: '90012',
    },
    custodialParty: {
      firstName: 'Robin',
      lastName: 'Custodial',
      dateOfBirth: '1987-05-06',
      ssn: '923-45-6789',
      addressLine1: '2 Oak Ave',
      city: 'Pasadena',
      state: 'CA',
      zip: '91101',
      hasFamilyViolenceFlag: true,
    },
    children: [{ firstName: 'Kai', lastName: 'Obligor', dateOfBirth: '2015-07-08' }],
    ...overrides,
  };
}

/** Opens a case (as `headers`' user) with one monthly child support order; returns the case as created. */
export async function openCaseWithOrder(
  app: ConcordApp,
  headers: Record<string, string>,
  order: { amountCents?: number; issuedOn?: string } = {},
  caseOverrides: Record<string, unknown> = {},
) {
  // Each case's obligor is a different individual (a fresh SSN) unless the caller names one: an obligor's
  // cases are found statewide by SSN.
  const obligorSsn = `9${crypto.randomInt(10, 100)}-${crypto.randomInt(10, 100)}-${crypto.randomInt(1_000, 10_000)}`;
  const payload = makeNewCase({ obligor: { ...makeNewCase().obligor, ssn: obligorSsn }, ...caseOverrides });
  const created = (await app.inject({ method: 'POST', url: '/api/cases', headers, payload })).json<{
    id: string;
    caseNumber: string;
    participants: { id: string; role: string }[];
  }>();
  const response = await app.inject({
    method: 'POST',
    url: `/api/cases/${created.id}/orders`,
    headers,
    payload: {
      courtOrderNumber: `FO-${created.id.slice(0, 8)}`,
      courtCountyFips: '06037',
      orderType: 'child_support',
      issuedOn: order.issuedOn ?? '2024-01-01',
      frequency: 'monthly',
      amountCents: order.amountCents ?? 50_000,
    },
  });
  if (response.statusCode !== 201) throw new Error(`order not recorded: ${response.body}`);
  return { ...created, obligorSsn: (payload.obligor as { ssn: string }).ssn };
}

/**
 * A signed-in account for every role, by role: LCSA roles in Fresno, the insurer partner for a newly
 * registered insurer (`name`), a title company of its own. For walks of every route with every role.
 */
export async function signInEveryRole(testApp: TestApp, name: string): Promise<Map<Role, Record<string, string>>> {
  const admin = await testApp.signInAs('state_admin');
  const digits = String(crypto.randomInt(10_000, 99_999));
  const partnerId = await registerInsurer(testApp.app, admin.headers, {
    name,
    naicCode: digits,
    fein: `${digits.slice(0, 2)}-${digits}00`,
    linesOfBusiness: ['life'],
    channel: 'direct',
  });
  const accounts = new Map<Role, Record<string, string>>();
  for (const role of roles) {
    const scope = roleDefinitions[role].scope;
    accounts.set(role, (await testApp.signInAs(role, scope === 'lcsa' ? { lcsaId: 'fresno' } : role === 'insurer_partner' ? { partnerId } : {})).headers);
  }
  return accounts;
}

/** Generates the lien record tasks and records the case's (first) lien with the recorder's answer; its id. */
export async function recordCaseLien(
  app: ConcordApp,
  headers: Record<string, string>,
  caseId: string,
  recording: { recordedOn: string; instrumentNumber: string },
) {
  await app.inject({ method: 'POST', url: '/api/liens/record-tasks', headers });
  const [lien] = (await app.inject({ url: '/api/liens?status=to_record&pageSize=200', headers }))
    .json<{ items: { id: string; caseId: string }[] }>()
    .items.filter((l) => l.caseId === caseId);
  const answered = await app.inject({
    method: 'POST',
    url: `/api/liens/${lien!.id}/recording`,
    headers,
    payload: { outcome: 'recorded', feeCents: 0, ...recording },
  });
  if (answered.statusCode !== 200) throw new Error(`lien not recorded: ${answered.body}`);
  return lien!.id;
}
