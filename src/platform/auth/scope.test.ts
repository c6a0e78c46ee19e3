import { sql } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import { AppError } from '../errors';
import { anonymousActor, onBehalfOf, systemActor, type Actor } from './actor';
import { authorizeAny, can, partnerOf, recordScope, requireStaff, requireStatewide, rowFilter, visibleUnits } from './scope';

const person = (role: string, lcsaId: string | null = null, partnerId: string | null = null): Actor =>
  ({ userId: '00000000-0000-4000-8000-000000000001', role, lcsaId, partnerId, requestId: null }) as Actor;
const codeOf = (work: () => unknown) => {
  try {
    work();
  } catch (error) {
    return error instanceof AppError ? `${error.kind}:${error.code}` : 'other';
  }
  return 'none';
};
const dialect = new PgDialect();
const text = (query: ReturnType<typeof sql>) => dialect.sqlToQuery(query);

describe('rowFilter: the one place an actor becomes the rows it may touch', () => {
  it('gives all rows to the state and the system, one LCSA to its staff, one organisation to a partner', () => {
    expect(rowFilter(person('state_staff'))).toEqual({ kind: 'all' });
    expect(rowFilter(systemActor())).toEqual({ kind: 'all' });
    expect(rowFilter(person('lcsa_caseworker', 'sacramento'))).toEqual({ kind: 'lcsa', lcsaId: 'sacramento' });
    expect(rowFilter(person('insurer_partner', null, 'p-1'))).toEqual({ kind: 'partner', partnerId: 'p-1' });
  });

  it('refuses what it does not know rather than guessing (fail-closed)', () => {
    expect(codeOf(() => rowFilter(anonymousActor()))).toBe('unauthenticated:sign_in_required');
    expect(codeOf(() => rowFilter(person('county_wizard', 'sacramento')))).toBe('forbidden:scope_unknown');
    expect(codeOf(() => rowFilter(person('toString')))).toBe('forbidden:scope_unknown');
    expect(codeOf(() => rowFilter(person('lcsa_admin')))).toBe('forbidden:scope_unknown');
    expect(codeOf(() => rowFilter(person('title_escrow_partner')))).toBe('forbidden:scope_unknown');
    expect(can(person('county_wizard'), 'registry.read')).toBe(false);
  });

  it('builds each table condition from the filter: a kind of owner the table lacks reaches none of its rows', () => {
    const owners = { lcsa: sql.raw('lcsa_id'), partner: sql.raw('partner_id') };
    expect(text(recordScope(person('lcsa_finance', 'fresno'), owners))).toMatchObject({ sql: 'lcsa_id = $1', params: ['fresno'] });
    expect(text(recordScope(person('insurer_partner', null, 'p-9'), owners))).toMatchObject({ sql: 'partner_id = $1', params: ['p-9'] });
    expect(text(recordScope(person('insurer_partner', null, 'p-9'), { lcsa: sql.raw('lcsa_id') })).sql).toBe('false');
    expect(text(recordScope(person('lcsa_finance', 'fresno'), { lcsaList: sql.raw('lcsa_ids') }))).toMatchObject({ sql: '$1 = any(lcsa_ids)' });
    expect(text(recordScope(person('state_admin'), { ...owners, statewide: sql.raw("status <> 'draft'") })).sql).toBe("status <> 'draft'");
  });

  it('answers the questions services ask, so that they never branch on roles', () => {
    expect(visibleUnits(person('state_staff'))).toBeUndefined();
    expect(visibleUnits(person('lcsa_admin', 'kern'))).toEqual(['kern']);
    expect(visibleUnits(person('insurer_partner', null, 'p-1'))).toEqual([]);
    expect(partnerOf(person('insurer_partner', null, 'p-1'))).toBe('p-1');
    expect(partnerOf(person('lcsa_admin', 'kern'))).toBeNull();
    expect(codeOf(() => requireStatewide(person('lcsa_admin', 'kern'), 'state only'))).toBe('forbidden:permission_denied');
    expect(codeOf(() => requireStatewide(person('state_admin'), 'state only'))).toBe('none');
    expect(codeOf(() => requireStaff(person('title_escrow_partner', null, 'p-2'), 'staff only'))).toBe('forbidden:permission_denied');
    expect(codeOf(() => authorizeAny(person('lcsa_budget', 'kern'), ['intercept.submit', 'intercept.manage']))).toBe('forbidden:permission_denied');
    expect(codeOf(() => authorizeAny(person('insurer_partner', null, 'p-1'), ['intercept.submit', 'intercept.manage']))).toBe('none');
  });
});

describe('onBehalfOf: one thing beyond a person’s scope, for a stated purpose', () => {
  const insurer = person('insurer_partner', null, 'p-1');
  const acting = onBehalfOf(insurer, "an insurer's remittance", ['finance.post']);

  it('stays the person, reaches every LCSA and may do only what it names besides their own role', () => {
    expect(acting).toMatchObject({ userId: insurer.userId, role: 'insurer_partner', partnerId: 'p-1' });
    expect(rowFilter(acting)).toEqual({ kind: 'all' });
    expect(can(acting, 'finance.post')).toBe(true);
    expect(can(insurer, 'finance.post')).toBe(false);
    expect(can(acting, 'finance.adjust')).toBe(false);
    expect(can(acting, 'intercept.submit')).toBe(true);
  });
});
