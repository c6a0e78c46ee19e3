/**
 * The xAPI endpoint under /xapi/ (version 1.0.3): the About resource and the Statement Resource —
 * PUT and POST to store, GET by id or by query. Every response carries X-Experience-API-Version; every
 * request but About must send a 1.0.x version header; statement responses carry
 * X-Experience-API-Consistent-Through. Statements may come as multipart/mixed with their attachments'
 * data, and signed statements are checked (attachments.ts); `attachments=true` answers multipart/mixed
 * with the data. The Alternate Request Syntax (POST ?method=…, form parameters) is understood. The
 * document resources are in documents.ts.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { OpenQuerySchema } from '../../../platform/http/contract';
import { systemActor } from '../../../platform/auth/actor';
import { recordAudit } from '../../../platform/audit/audit';
import { inTransaction } from '../../../platform/db/transaction';
import { AppError } from '../../../platform/errors';
import type { ConcordApp } from '../../../platform/http/types';
import { xapiDocumentRoutes } from './documents';
import {
  attachmentDataOf,
  authenticate,
  authorityOf,
  getStatement,
  queryStatements,
  recordClientUse,
  storeStatements,
  type Client,
  type StatementFormat,
  type StatementQuery,
} from './lrs';
import { readsOnlyOwn, scopeAllows } from './scopes';
import type { Tx } from '../../../platform/db/connect';
import type { Json } from './statement';
import { multipartAnswer, MultipartStatements, parseMultipart, type AttachmentPart } from './attachments';
import { ownCredentials } from '../../../platform/http/access';
import { judgeSessionStatements } from '../cmi5/session';

const version = '1.0.3';
const isStatementResult = (payload: unknown): payload is { statements: unknown[] } =>
  typeof payload === 'object' && payload !== null && Array.isArray((payload as { statements?: unknown }).statements);
const tags = ['xapi'];

function bool(value: unknown, name: string): boolean | undefined {
  if (value === undefined) return undefined;
  if (value === 'true') return true;
  if (value === 'false') return false;
  throw new AppError('validation', 'parameter_invalid', `${name} must be true or false.`, [{ path: name, message: 'true or false' }]);
}

function languagesOf(header: string | undefined): string[] {
  return (header ?? '')
    .split(',')
    .map((part) => {
      const [tag, q] = part.trim().split(';q=');
      return { tag: tag!.trim(), q: q === undefined ? 1 : Number(q) };
    })
    .filter((l) => l.tag && l.tag !== '*')
    .sort((a, b) => b.q - a.q)
    .map((l) => l.tag);
}

interface XapiRequest {
  method: 'GET' | 'PUT' | 'POST';
  query: Record<string, string | undefined>;
  headers: Record<string, string | undefined>;
  body: Json | undefined;
  /** Attachment data sent as parts of a multipart/mixed request. */
  parts?: AttachmentPart[];
  requestId: string;
  raw: FastifyRequest;
}

/** The client each request came from, for the audit row written when it is answered. */
const clientOf = new WeakMap<FastifyRequest, Client>();

/** 403 unless the client's scopes allow the request. */
function allowed(client: Client, method: string, url: string): void {
  if (!scopeAllows(client.scopes, method, url))
    throw new AppError('forbidden', 'lrs_scope_missing', `This LRS client may not ${method} ${url.split('?')[0]} (its scopes: ${client.scopes.join(', ')}).`);
}

/** A statements request's body and attachment data, whether it came as JSON or multipart/mixed. */
function bodyAndParts(body: unknown): { body: Json | undefined; parts: AttachmentPart[] } {
  return body instanceof MultipartStatements ? { body: body.statements, parts: body.parts } : { body: body as Json | undefined, parts: [] };
}

/** Stores what a client sent; a cmi5 session's statements are judged by the session's rules first, and may complete a lesson after. */
async function storeFrom(tx: Tx, client: Client, inputs: Json[], parts: AttachmentPart[] | undefined): Promise<string[]> {
  const afterwards = client.cmi5SessionId ? await judgeSessionStatements(tx, client, inputs) : undefined;
  const ids = await storeStatements(tx, authorityOf(client), client.id, inputs, parts);
  await afterwards?.();
  return ids;
}

function checkVersion(headers: Record<string, string | undefined>): void {
  const sent = headers['x-experience-api-version'];
  if (typeof sent !== 'string' || !/^1\.0(\.\d+)?$/.test(sent.trim()))
    throw new AppError('validation', 'xapi_version_required', 'Send the X-Experience-API-Version header (1.0.x).', [
      { path: 'X-Experience-API-Version', message: '1.0.x' },
    ]);
}

export async function xapiRoutes(app: ConcordApp): Promise<void> {
  const db = app.concord.database.db;
  app.addHook('onRequest', async (request, reply) => {
    if (!request.url.startsWith('/xapi/') || request.method === 'OPTIONS') return;
    reply.header('x-experience-api-version', version);
    if (request.url.startsWith('/xapi/statements')) reply.header('x-experience-api-consistent-through', new Date().toISOString());
    // The Alternate Request Syntax carries its headers in the form: checked once the form is read.
    if (request.url.startsWith('/xapi/about') || (request.method === 'POST' && (request.query as Record<string, unknown>).method !== undefined)) return;
    // Who is asking comes before what is asked: no credentials, no word about the request's shape.
    const client = await authenticate(db, request.headers.authorization);
    clientOf.set(request, client);
    allowed(client, request.method, request.url);
    checkVersion(request.headers as Record<string, string | undefined>);
  });
  // Every use of a client is audited (who, what, the answer) and dates its last use.
  app.addHook('onResponse', async (request, reply) => {
    const client = clientOf.get(request);
    if (!client) return;
    await recordClientUse(db, String(request.id), client, { method: request.method, path: request.url.split('?')[0]!, status: reply.statusCode });
  });
  app.addContentTypeParser('multipart/mixed', { parseAs: 'buffer', bodyLimit: 10 * 1024 * 1024 }, (request, body, done) => {
    try {
      done(null, parseMultipart(body as Buffer, String(request.headers['content-type'])));
    } catch (error) {
      done(error as Error, undefined);
    }
  });
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 10 * 1024 * 1024 }, (_request, body, done) =>
    done(null, Object.fromEntries(new URLSearchParams(body as string))),
  );

  // Documents may be any content type: kept as sent (JSON documents arrive parsed and are written back).
  app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: 10 * 1024 * 1024 }, (_request, body, done) => done(null, body));
  xapiDocumentRoutes(app);

  app.get(
    '/xapi/about',
    {
      config: ownCredentials('xAPI clients sign with their own key and secret (HTTP Basic), checked by the handler'),
      schema: { tags, summary: 'The xAPI versions this LRS speaks', response: { 200: Type.Object({ version: Type.Array(Type.String()) }) } },
    },
    async () => ({
      version: [version],
    }),
  );

  /** The client a statements request comes from, allowed by its scopes to do what it asks (the Alternate Request Syntax's real method). */
  async function authenticated(tx: Tx, request: XapiRequest): Promise<Client> {
    const client = await authenticate(tx, request.headers.authorization);
    clientOf.set(request.raw, client);
    allowed(client, request.method, '/xapi/statements');
    return client;
  }

  /** One statements request, whichever syntax it came in. */
  async function handle(request: XapiRequest, reply: FastifyReply) {
    const q = request.query;
    if (request.method === 'PUT') {
      const id = (q.statementId ?? '').toLowerCase();
      if (!id)
        throw new AppError('validation', 'statement_id_required', 'PUT needs the statementId parameter.', [{ path: 'statementId', message: 'required' }]);
      const body = request.body;
      if (typeof body !== 'object' || body === null || Array.isArray(body))
        throw new AppError('validation', 'statement_invalid', 'PUT takes one statement object.');
      if (body.id !== undefined && String(body.id).toLowerCase() !== id)
        throw new AppError('validation', 'statement_id_mismatch', 'The statement id differs from the statementId parameter.', [
          { path: 'statementId', message: 'must match the id' },
        ]);
      await inTransaction(db, async (tx) => {
        const client = await authenticated(tx, request);
        await storeFrom(tx, client, [{ ...body, id }], request.parts);
        await recordAudit(tx, systemActor(request.requestId), {
          action: 'xapi.statement.put',
          entityType: 'xapi_statement',
          entityId: id,
          detail: { client: client.key },
        });
      });
      return reply.status(204).send();
    }
    if (request.method === 'POST') {
      return inTransaction(db, async (tx) => {
        const client = await authenticated(tx, request);
        const body = request.body ?? null;
        const ids = await storeFrom(tx, client, Array.isArray(body) ? body : [body], request.parts);
        await recordAudit(tx, systemActor(request.requestId), {
          action: 'xapi.statement.post',
          entityType: 'xapi_statement',
          detail: { client: client.key, count: ids.length },
        });
        return ids;
      });
    }
    const known = [
      'statementId',
      'voidedStatementId',
      'agent',
      'verb',
      'activity',
      'registration',
      'related_activities',
      'related_agents',
      'since',
      'until',
      'limit',
      'format',
      'attachments',
      'ascending',
      'cursor',
    ];
    const unknown = Object.keys(q).filter((k) => !known.includes(k));
    if (unknown.length > 0)
      throw new AppError(
        'validation',
        'parameter_unknown',
        `Unknown parameter: ${unknown.join(', ')}.`,
        unknown.map((k) => ({ path: k, message: 'not a parameter of this resource' })),
      );
    const format = (q.format ?? 'exact') as StatementFormat;
    if (!['exact', 'ids', 'canonical'].includes(format))
      throw new AppError('validation', 'parameter_invalid', 'format must be ids, exact or canonical.', [
        { path: 'format', message: 'ids, exact or canonical' },
      ]);
    const withAttachments = bool(q.attachments, 'attachments') ?? false;
    const languages = languagesOf(request.headers['accept-language']);
    const single = q.statementId ?? q.voidedStatementId;
    // The statements and, with attachments=true, the data they name, read in one transaction.
    const { payload, data } = await inTransaction(db, async (tx) => {
      const payload = await readStatements(tx);
      return { payload, data: withAttachments ? await attachmentDataOf(tx, (isStatementResult(payload) ? payload.statements : [payload]) as Json[]) : null };
    });
    if (!data) return payload;
    // With attachments=true: multipart/mixed, the JSON first, then the data of every attachment it names that is kept here.
    const answer = multipartAnswer(payload, data);
    return reply.type(answer.contentType).send(answer.body);

    async function readStatements(tx: Tx): Promise<unknown> {
      const client = await authenticated(tx, request);
      // A client that may read only its own statements sees only those.
      const ownOnly = readsOnlyOwn(client.scopes) ? client.id : undefined;
      if (single !== undefined) {
        if (q.statementId !== undefined && q.voidedStatementId !== undefined)
          throw new AppError('validation', 'parameter_conflict', 'Give statementId or voidedStatementId, not both.');
        const others = Object.keys(q).filter((k) => !['statementId', 'voidedStatementId', 'format', 'attachments'].includes(k));
        if (others.length > 0)
          throw new AppError('validation', 'parameter_conflict', `With a statement id, only format and attachments may be given (not ${others.join(', ')}).`);
        const found = await getStatement(tx, single, q.voidedStatementId !== undefined, format, languages, ownOnly);
        reply.header('last-modified', found.stored.toUTCString());
        return found.statement as unknown;
      }
      const limit = q.limit === undefined ? undefined : Number(q.limit);
      if (limit !== undefined && (!Number.isInteger(limit) || limit < 0))
        throw new AppError('validation', 'parameter_invalid', 'limit must be a non-negative integer.', [{ path: 'limit', message: 'an integer ≥ 0' }]);
      const query: StatementQuery = {
        agent: q.agent,
        verb: q.verb,
        activity: q.activity,
        registration: q.registration,
        related_activities: bool(q.related_activities, 'related_activities'),
        related_agents: bool(q.related_agents, 'related_agents'),
        since: q.since,
        until: q.until,
        limit,
        format,
        ascending: bool(q.ascending, 'ascending'),
        cursor: q.cursor === undefined ? undefined : Number(q.cursor),
      };
      return queryStatements(tx, { ...query, clientId: ownOnly }, languages);
    }
  }

  const headersOf = (request: FastifyRequest) => request.headers as Record<string, string | undefined>;

  app.put(
    '/xapi/statements',
    {
      config: ownCredentials('xAPI clients sign with their own key and secret (HTTP Basic), checked by the handler'),
      schema: {
        tags,
        summary: 'Store one statement with the given id (204); the same id again with other content is 409',
        querystring: Type.Object({ statementId: Type.String() }),
        body: Type.Any(),
      },
    },
    (request, reply) =>
      handle(
        { method: 'PUT', query: request.query, headers: headersOf(request), ...bodyAndParts(request.body), requestId: String(request.id), raw: request },
        reply,
      ),
  );

  app.post(
    '/xapi/statements',
    {
      config: ownCredentials('xAPI clients sign with their own key and secret (HTTP Basic), checked by the handler'),
      schema: {
        tags,
        summary:
          'Store one statement or a batch (all or none), answering their ids in order; with ?method=GET|PUT|POST, the Alternate Request Syntax (form parameters)',
        querystring: OpenQuerySchema,
        body: Type.Any(),
      },
    },
    async (request, reply) => {
      const query = request.query as Record<string, string | undefined>;
      if (query.method === undefined)
        return handle(
          { method: 'POST', query: {}, headers: headersOf(request), ...bodyAndParts(request.body), requestId: String(request.id), raw: request },
          reply,
        );
      // Alternate Request Syntax: the real method in ?method=, everything else in the form.
      const method = query.method.toUpperCase();
      if (Object.keys(query).length > 1)
        throw new AppError('validation', 'alternate_syntax_invalid', 'With the method parameter, every other parameter goes in the form.');
      if (!['GET', 'PUT', 'POST'].includes(method))
        throw new AppError('validation', 'alternate_syntax_invalid', 'method must be GET, PUT or POST.', [{ path: 'method', message: 'GET, PUT or POST' }]);
      if (!String(request.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded'))
        throw new AppError('validation', 'alternate_syntax_invalid', 'The Alternate Request Syntax sends a form (application/x-www-form-urlencoded).');
      const form = { ...(request.body as Record<string, string>) };
      const headerNames = ['authorization', 'x-experience-api-version', 'content-type', 'content-length', 'if-match', 'if-none-match'];
      const headers: Record<string, string | undefined> = { ...headersOf(request) };
      const params: Record<string, string | undefined> = {};
      for (const [name, value] of Object.entries(form)) {
        if (name === 'content') continue;
        if (headerNames.includes(name.toLowerCase())) headers[name.toLowerCase()] = value;
        else params[name] = value;
      }
      checkVersion(headers);
      let body: Json | undefined;
      if (form.content !== undefined && form.content !== '') {
        try {
          body = JSON.parse(form.content) as Json;
        } catch {
          throw new AppError('validation', 'statement_invalid', 'The content form parameter is not valid JSON.', [{ path: 'content', message: 'JSON' }]);
        }
      }
      return handle({ method: method as XapiRequest['method'], query: params, headers, body, requestId: String(request.id), raw: request }, reply);
    },
  );

  app.get(
    '/xapi/statements',
    {
      config: ownCredentials('xAPI clients sign with their own key and secret (HTTP Basic), checked by the handler'),
      schema: {
        tags,
        summary:
          'One statement (statementId or voidedStatementId) or a StatementResult filtered by agent, verb, activity, registration, since, until, with paging',
        querystring: OpenQuerySchema,
      },
    },
    (request, reply) =>
      handle(
        {
          method: 'GET',
          query: request.query as Record<string, string | undefined>,
          headers: headersOf(request),
          body: undefined,
          requestId: String(request.id),
          raw: request,
        },
        reply,
      ),
  );
}
