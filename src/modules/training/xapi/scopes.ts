/**
 * What an LRS client may do: xAPI 1.0.3's scope names (Communication 4.2) and which requests each allows.
 * `statements/read/mine` reads only the statements the client itself stored. Pure. The names are in the
 * module's contract (the web app shows them).
 *
 * @example scopeAllows(['statements/write'], 'GET', '/xapi/statements') // false
 */
import type { LrsScope } from '../contract';

/** Whether these scopes let a client make this request (method, and the path under /xapi/). */
export function scopeAllows(scopes: readonly string[], method: string, path: string): boolean {
  const has = (...wanted: LrsScope[]) => wanted.some((s) => scopes.includes(s));
  const isRead = method === 'GET' || method === 'HEAD';
  if (has('all')) return true;
  if (path.startsWith('/xapi/about')) return true;
  if (path.startsWith('/xapi/statements')) return isRead ? has('all/read', 'statements/read', 'statements/read/mine') : has('statements/write');
  if (path.startsWith('/xapi/activities/state')) return has('state') || (isRead && has('all/read'));
  if (path.startsWith('/xapi/activities/profile') || path.startsWith('/xapi/agents/profile')) return has('profile') || (isRead && has('all/read'));
  if (path.startsWith('/xapi/activities') || path.startsWith('/xapi/agents')) return isRead && has('all/read', 'profile');
  return false;
}

/** Whether these scopes read only the client's own statements. */
export function readsOnlyOwn(scopes: readonly string[]): boolean {
  return !['all', 'all/read', 'statements/read'].some((s) => scopes.includes(s));
}
