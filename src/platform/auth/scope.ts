/**
 * Access in one place: may this actor do this, and which LCSA's or partner's rows may it touch.
 * `rowFilter` turns an actor into the filter a store applies (every row, one LCSA's, or one partner's)
 * and refuses what it does not know (fail-closed); every other function here is built on it. Services
 * call `authorize` on their first line, build every query on an owned table with `lcsaScope`,
 * `lcsaListScope`, `partnerScope` or `recordScope`, and read single rows through `assertRowInScope`. A
 * row outside the actor's scope is reported as not found, so that its existence does not leak.
 * Services ask; they never branch on roles or scope kinds themselves.
 *
 * @example
 *   authorize(actor, 'registry.read');
 *   const rows = await tx.select().from(cases).where(and(lcsaScope(actor, cases.lcsaId), ...));
 */
import { sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { AppError, type ErrorCode } from '../errors';
import type { Actor } from './actor';
import { roleDefinitions, roleHas, type Permission, type ScopeKind } from './roles';

/** The rows an actor may touch: all of them, one LCSA's, one partner organisation's, or one person's (a parent's own). */
export type RowFilter = { kind: 'all' } | { kind: 'lcsa'; lcsaId: string } | { kind: 'partner'; partnerId: string } | { kind: 'person'; personId: string };

/**
 * The filter for an actor. Refuses, rather than guesses: nobody signed in, a role this build does not
 * know, an LCSA role with no LCSA, a partner role with no partner.
 */
export function rowFilter(actor: Actor): RowFilter {
  requireSignedIn(actor);
  if (actor.role === 'system' || actor.onBehalfOf) return { kind: 'all' };
  const definition = actor.role !== 'anonymous' && Object.hasOwn(roleDefinitions, actor.role) ? roleDefinitions[actor.role] : undefined;
  switch (definition?.scope) {
    case 'state':
      return { kind: 'all' };
    case 'lcsa':
      if (actor.lcsaId) return { kind: 'lcsa', lcsaId: actor.lcsaId };
      break;
    case 'partner':
      if (actor.partnerId) return { kind: 'partner', partnerId: actor.partnerId };
      break;
    case 'person':
      if (actor.personId) return { kind: 'person', personId: actor.personId };
      break;
    case undefined:
      break;
  }
  throw new AppError('forbidden', 'scope_unknown', 'Your account has no scope Concord knows: ask an administrator.');
}

export function scopeKind(actor: Actor): ScopeKind | 'none' {
  if (actor.role === 'anonymous') return 'none';
  const filter = rowFilter(actor);
  return filter.kind === 'all' ? 'state' : filter.kind;
}

export function can(actor: Actor, permission: Permission): boolean {
  if (actor.role === 'system') return true;
  if (actor.role === 'anonymous') return false;
  if (actor.onBehalfOf?.permissions.includes(permission)) return true;
  return Object.hasOwn(roleDefinitions, actor.role) && roleHas(actor.role, permission);
}

export function authorize(actor: Actor, permission: Permission): void {
  requireSignedIn(actor);
  if (!can(actor, permission)) {
    throw new AppError('forbidden', 'permission_denied', `Your role may not do this (needs ${permission}).`);
  }
}

/** Like authorize, for work that any one of several permissions allows (e.g. an insurer's or the state's view of claim files). */
export function authorizeAny(actor: Actor, permissions: readonly Permission[]): void {
  requireSignedIn(actor);
  if (!permissions.some((p) => can(actor, p))) {
    throw new AppError('forbidden', 'permission_denied', `Your role may not do this (needs one of ${permissions.join(', ')}).`);
  }
}

type Column = AnyPgColumn | SQL;

type Owners = { lcsa?: Column; lcsaList?: Column; partner?: Column; person?: Column; statewide?: SQL };

/**
 * SQL condition for a table whose rows belong to an LCSA, to a list of LCSAs, or to a partner (or
 * to several of these): the rows the actor's filter reaches. A kind of owner the table does not have
 * reaches none of its rows, and nobody signed in reaches none. `statewide`, when given, limits what
 * statewide actors see (e.g. not an LCSA's drafts).
 */
export function recordScope(actor: Actor, owners: Owners): SQL {
  if (actor.role === 'anonymous') return sql`false`;
  return scopeSql(rowFilter(actor), owners);
}

/**
 * The same condition from a filter already decided: what a store applies to its own columns, given the
 * filter its service took from `rowFilter(actor)`.
 */
export function scopeSql(filter: RowFilter, owners: Owners): SQL {
  switch (filter.kind) {
    case 'all':
      return owners.statewide ?? sql`true`;
    case 'lcsa':
      if (owners.lcsa) return sql`${owners.lcsa} = ${filter.lcsaId}`;
      return owners.lcsaList ? sql`${filter.lcsaId} = any(${owners.lcsaList})` : sql`false`;
    case 'partner':
      return owners.partner ? sql`${owners.partner} = ${filter.partnerId}` : sql`false`;
    case 'person':
      return owners.person ? sql`${owners.person} = ${filter.personId}` : sql`false`;
  }
}

/** SQL condition limiting an LCSA-owned table to the actor's rows; partners own no LCSA rows. */
export function lcsaScope(actor: Actor, lcsaColumn: Column): SQL {
  return recordScope(actor, { lcsa: lcsaColumn });
}

/** SQL condition for rows several LCSAs share (a text[] of LCSA ids): an LCSA sees the rows naming it. */
export function lcsaListScope(actor: Actor, lcsaIdsColumn: Column): SQL {
  return recordScope(actor, { lcsaList: lcsaIdsColumn });
}

/** SQL condition limiting a partner-owned table to the actor's own organisation. */
export function partnerScope(actor: Actor, partnerColumn: Column): SQL {
  return recordScope(actor, { partner: partnerColumn });
}

export function isLcsaInScope(actor: Actor, lcsaId: string | null): boolean {
  if (actor.role === 'anonymous') return false;
  const filter = rowFilter(actor);
  return filter.kind === 'all' || (filter.kind === 'lcsa' && lcsaId !== null && lcsaId === filter.lcsaId);
}

/** The LCSAs (and HQ units) whose people the actor sees: undefined for all of them, none for a partner. */
export function visibleUnits(actor: Actor): readonly string[] | undefined {
  const filter = rowFilter(actor);
  return filter.kind === 'all' ? undefined : filter.kind === 'lcsa' ? [filter.lcsaId] : [];
}

/** The partner organisation the actor acts for, if any (an insurer's or title company's user). */
export function partnerOf(actor: Actor): string | null {
  const filter = rowFilter(actor);
  return filter.kind === 'partner' ? filter.partnerId : null;
}

/**
 * The person a parent's account belongs to: the one person whose cases the portal shows. Anyone else
 * (staff, partners) is refused: the portal's reads are a parent's own, never a window onto others'.
 */
export function personOf(actor: Actor): string {
  const filter = rowFilter(actor);
  if (filter.kind !== 'person') throw new AppError('forbidden', 'permission_denied', "The parents' portal is for parents signed in to their own account.");
  return filter.personId;
}

/** Work only statewide staff do (e.g. the training rollout plan). */
export function requireStatewide(actor: Actor, message: string): void {
  if (rowFilter(actor).kind !== 'all') throw new AppError('forbidden', 'permission_denied', message);
}

/** Work only staff do, never a partner organisation's users or a parent (e.g. reviewing a payoff demand). */
export function requireStaff(actor: Actor, message: string): void {
  const kind = rowFilter(actor).kind;
  if (kind === 'partner' || kind === 'person') throw new AppError('forbidden', 'permission_denied', message);
}

/** Throws not_found for a missing row or one outside the actor's LCSA scope. */
export function assertRowInScope<T extends { lcsaId: string | null }>(actor: Actor, row: T | undefined, code: ErrorCode, what: string): T {
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
