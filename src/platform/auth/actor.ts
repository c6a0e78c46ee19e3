import type { Role } from './roles';

/** Who is acting: a signed-in user, an API token's user, or the system itself (jobs, CLI, start-up). */
export interface Actor {
  userId: string | null;
  role: Role | 'system' | 'anonymous';
  lcsaId: string | null;
  partnerId: string | null;
  requestId: string | null;
}

/** The actor for work Concord does on its own behalf (migrations, seeding, CLI commands, jobs). */
export function systemActor(requestId: string | null = null): Actor {
  return { userId: null, role: 'system', lcsaId: null, partnerId: null, requestId };
}

/** Nobody signed in: may do nothing but sign in; recorded as such in the audit of failed attempts. */
export function anonymousActor(requestId: string | null = null): Actor {
  return { userId: null, role: 'anonymous', lcsaId: null, partnerId: null, requestId };
}
