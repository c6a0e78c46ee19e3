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
