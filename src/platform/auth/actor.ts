import type { Permission, Role } from './roles';

/** Who is acting: a signed-in user, an API token's user, or the system itself (jobs, CLI, start-up). */
export interface Actor {
  userId: string | null;
  role: Role | 'system' | 'anonymous';
  lcsaId: string | null;
  partnerId: string | null;
  /** A parent's account: the registry person it belongs to (the portal's one scope). */
  personId?: string | null;
  requestId: string | null;
  /**
   * Set when Concord does, for this person, one thing their own scope does not reach (see onBehalfOf):
   * statewide rows and these permissions only, for the stated purpose, which the audit row records.
   */
  onBehalfOf?: { purpose: string; permissions: readonly Permission[] };
}

/** The actor for work Concord does on its own behalf (migrations, seeding, CLI commands, jobs). */
export function systemActor(requestId: string | null = null): Actor {
  return { userId: null, role: 'system', lcsaId: null, partnerId: null, requestId };
}

/**
 * The actor for work Concord does for a person beyond their own scope, e.g. reading every LCSA's
 * balances to quote a title company's statewide payoff, or posting an insurer's remittance. It stays
 * that person (their user, role and organisation are in the audit row, with the purpose) and may do
 * only what `permissions` name, on every LCSA's rows. It replaces acting as the system.
 *
 * @example await payoffOf(tx, onBehalfOf(actor, 'statewide payoff for a title company', ['registry.read']), caseIds, day);
 */
export function onBehalfOf(actor: Actor, purpose: string, permissions: readonly Permission[]): Actor {
  return { ...actor, onBehalfOf: { purpose, permissions } };
}

/** Nobody signed in: may do nothing but sign in; recorded as such in the audit of failed attempts. */
export function anonymousActor(requestId: string | null = null): Actor {
  return { userId: null, role: 'anonymous', lcsaId: null, partnerId: null, requestId };
}
