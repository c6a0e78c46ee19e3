/**
 * The web app's one way to call the API: a client typed from the OpenAPI document (`./schema`, made by
 * `npm run api:types`), so a page can only call a path that exists, with the parameters and body the
 * route accepts, and gets the type the route answers. The session cookie is sent by the browser, the
 * CSRF token is added to every state-changing request, and problem+json is thrown as an ApiError.
 *
 * @example const claim = await must(client.GET('/api/claims/{id}', { params: { path: { id } } }));
 */
import createClient, { type Middleware } from 'openapi-fetch';
import type { Problem } from '../../../src/platform/http/contract';
import type { paths } from './schema';

export type { paths };

export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail);
  }
}

let csrfToken = '';

export function setCsrfToken(token: string): void {
  csrfToken = token;
}

const csrf: Middleware = {
  onRequest({ request }) {
    if (request.method !== 'GET') request.headers.set('x-csrf-token', csrfToken);
    return request;
  },
};

const headers = { accept: 'application/json' };

/** Calls as whoever is signed in on this browser. */
export const client = createClient<paths>({ credentials: 'same-origin', headers });
client.use(csrf);

/** Sends no cookie (and so no session): the anonymous survey is not tied to whoever is signed in here. */
export const anonymousClient = createClient<paths>({ credentials: 'omit', headers });

/** The answer of a call, or an ApiError carrying its problem+json. */
export async function must<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const { data, error, response } = await call;
  if (!response.ok) throw new ApiError(error as Problem);
  return data as T;
}

/** How a file is sent as the request body (claim files, workbooks): streamed by the server, never JSON-encoded. */
export function fileBody(file: Blob, contentType: string) {
  return { body: file as never, bodySerializer: (body: unknown) => body as Blob, headers: { 'content-type': contentType } };
}

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
type Operation<P extends keyof paths, M extends Method> = NonNullable<paths[P][M]>;
type Json<T> = T extends { content: { 'application/json': infer J } } ? J : never;

/** The query parameters of a route, as the route declares them. */
export type Query<P extends keyof paths, M extends Method = 'get'> = Operation<P, M> extends { parameters: { query?: infer Q } } ? NonNullable<Q> : never;

/** The JSON body a route accepts. */
export type Body<P extends keyof paths, M extends Method = 'post'> = Operation<P, M> extends { requestBody?: infer B } ? Json<NonNullable<B>> : never;

/** What a route answers when it succeeds. */
export type Answer<P extends keyof paths, M extends Method = 'get'> = Operation<P, M> extends { responses: { 200: infer R } } ? Json<R> : never;
