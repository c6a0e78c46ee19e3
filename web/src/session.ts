/** The signed-in user, shared by every page through TanStack Query. */
import { useQuery } from '@tanstack/react-query';
import type { Session } from '../../src/platform/auth/contract';
import { client, must, ApiError, setCsrfToken } from './api';

export const sessionKey = ['session'] as const;

export async function fetchSession(): Promise<Session | null> {
  try {
    const session = await must(client.GET('/api/auth/session'));
    setCsrfToken(session.csrfToken);
    return session;
  } catch (error) {
    if (error instanceof ApiError && error.problem.status === 401) return null;
    throw error;
  }
}

export function useSession() {
  return useQuery({ queryKey: sessionKey, queryFn: fetchSession, staleTime: 60_000 });
}

export function useLcsas(isEnabled: boolean) {
  return useQuery({ queryKey: ['lcsas'], queryFn: () => must(client.GET('/api/lcsas')), staleTime: Infinity, enabled: isEnabled });
}

export function hasPermission(session: Session | null | undefined, permission: string): boolean {
  return session?.user.permissions.includes(permission) ?? false;
}

/** The permissions of the header's search (the API's search providers): a role with none has no search box. */
export const searchPermissions = ['registry.read', 'intercept.review'];

/**
 * What makes someone staff with a home page of their own work; a partner has none of these and lands on
 * its portal instead (an insurer on Insurance intercept, a title company on Payoffs).
 */
export const staffPermissions = ['registry.read', 'claims.read', 'training.learn', 'plan.read', 'audit.read'];

/** Where a signed-in user starts: staff on their home page, a partner on its portal, a parent in the parents' portal. */
export function landingOf(session: Session | null | undefined): string {
  if (hasPermission(session, 'portal.use')) return '/portal';
  if (staffPermissions.some((p) => hasPermission(session, p))) return '/';
  if (hasPermission(session, 'intercept.submit')) return '/intercept';
  if (hasPermission(session, 'liens.payoffs')) return '/payoffs';
  return '/';
}
