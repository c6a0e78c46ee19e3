/**
 * Access in one place: may this actor do this, and which LCSA's or partner's rows may it touch.
 * Services call `authorize` on their first line and build every query on an LCSA-owned table with
 * `lcsaScope`; reading a single row goes through `assertRowInScope`. A row outside the actor's
 * scope is reported as not found, so that its existence does not leak.
 *
 * @example
 *   authorize(actor, 'registry.read');
 *   const rows = await tx.select().from(cases).where(and(lcsaScope(actor, cases.lcsaId), ...));
 */
import { sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { AppError } from '../errors';
import type { Actor } from './actor';
import { roleDefinitions, roleHas, type Permission, type ScopeKind } from './roles';

export function scopeKind(actor: Actor): ScopeKind | 'none' {
  if (actor.role === 'system') return 'state';
  if (actor.role === 'anonymous') return 'none';
  return roleDefinitions[actor.role].scope;
}

export function can(actor: Actor, permission: Permission): boolean {
  if (actor.role === 'system') return true;
  if (actor.role === 'anonymous') return false;
  return roleHas(actor.role, permission);
}

export function authorize(actor: Actor, permission: Permission): void {
  requireSignedIn(actor);
  if (!can(actor, permission)) {
    throw new AppError('forbidden', 'permission_denied', `Your role may not do this (needs ${permission}).`);
  }
}

/** SQL condition limiting an LCSA-owned table to the actor's rows; partners own no LCSA rows. */
export function lcsaScope(actor: Actor, lcsaColumn: AnyPgColumn): SQL {
  switch (scopeKind(actor)) {
    case 'state':
      return sql`true`;
    case 'lcsa':
      return sql`${lcsaColumn} = ${actor.lcsaId}`;
    case 'partner':
    case 'none':
      return sql`false`;
  }
}

/** SQL condition for rows several LCSAs share (a text[] of LCSA ids): an LCSA sees the rows naming it. */
export function lcsaListScope(actor: Actor, lcsaIdsColumn: AnyPgColumn): SQL {
  return scopeKind(actor) === 'lcsa' ? sql`${actor.lcsaId} = any(${lcsaIdsColumn})` : lcsaScope(actor, lcsaIdsColumn);
}

/** SQL condition limiting a partner-owned table to the actor's own organisation. */
export function partnerScope(actor: Actor, partnerColumn: AnyPgColumn): SQL {
  switch (scopeKind(actor)) {
    case 'state':
      return sql`true`;
    case 'lcsa':
    case 'none':
      return sql`false`;
    case 'partner':
      return sql`${partnerColumn} = ${actor.partnerId}`;
  }
}

export function isLcsaInScope(actor: Actor, lcsaId: string | null): boolean {
  switch (scopeKind(actor)) {
    case 'state':
      return true;
    case 'lcsa':
      return lcsaId !== null && lcsaId === actor.lcsaId;
    case 'partner':
    case 'none':
      return false;
  }
}

/** Throws not_found for a missing row or one outside the actor's LCSA scope. */
export function assertRowInScope<T extends { lcsaId: string | null }>(actor: Actor, row: T | undefined, code: string, what: string): T {
  if (!row || !isLcsaInScope(actor, row.lcsaId)) throw new AppError('not_found', code, `${what} was not found in your scope.`);
  return row;
}

/** Writes must target the actor's own LCSA. */
export function assertCanWriteLcsa(actor: Actor, lcsaId: string): void {
  if (!isLcsaInScope(actor, lcsaId)) {
    throw new AppError('forbidden', 'lcsa_out_of_scope', `You may not write records of LCSA ${lcsaId}.`, [
      { path: '/lcsaId', message: 'must be your own LCSA' },
    ]);
  }
}

/** For reference data any signed-in user may read (LCSAs, counties). */
export function requireSignedIn(actor: Actor): void {
  if (actor.role === 'anonymous') throw new AppError('unauthenticated', 'sign_in_required', 'Sign in to continue.');
}
