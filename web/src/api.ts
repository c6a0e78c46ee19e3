/**
 * The web app's one way to call the API: JSON in and out, the session cookie sent by the browser, the
 * CSRF token added to every state-changing request, problem+json turned into an ApiError.
 */
import type { Problem } from '../../src/platform/http/contract';

export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail);
  }
}

let csrfToken = '';

export function setCsrfToken(token: string): void {
  csrfToken = token;
}

/**
 * `isAnonymous` sends no cookie (and so no session): the anonymous survey is not tied to whoever is
 * signed in on this browser.
 */
export async function api<T>(path: string, init: { method?: string; body?: unknown; isAnonymous?: boolean } = {}): Promise<T> {
  const method = init.method ?? 'GET';
  const headers: Record<string, string> = { accept: 'application/json' };
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && !init.isAnonymous) headers['x-csrf-token'] = csrfToken;
  const response = await fetch(path, {
    method,
    headers,
    credentials: init.isAnonymous ? 'omit' : 'same-origin',
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  if (response.status === 204) return undefined as T;
  const payload: unknown = await response.json();
  if (!response.ok) throw new ApiError(payload as Problem);
  return payload as T;
}

/** Sends a file as the request body (claim files): streamed by the server, never JSON-encoded. */
export async function uploadFile<T>(path: string, file: Blob, contentType = 'text/csv'): Promise<T> {
  const response = await fetch(path, {
    method: 'POST',
    headers: { accept: 'application/json', 'content-type': contentType, 'x-csrf-token': csrfToken },
    credentials: 'same-origin',
    body: file,
  });
  const payload: unknown = await response.json();
  if (!response.ok) throw new ApiError(payload as Problem);
  return payload as T;
}
