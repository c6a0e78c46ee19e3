/**
 * The xAPI endpoint under /xapi/ (version 1.0.3): the About resource and the Statement Resource —
 * PUT and POST to store, GET by id or by query. Every response carries X-Experience-API-Version; every
 * request but About must send a 1.0.x version header; statement responses carry
 * X-Experience-API-Consistent-Through. Raw attachment data (multipart/mixed) is refused with a clear 400.
 * Statements may come as multipart/mixed when no attachment data is sent with them (this LRS stores
 * none: attachments need a fileUrl); the Alternate Request Syntax (POST ?method=…, form parameters) is
 * understood. The document resources are in documents.ts. Signed statements are stored, not verified.
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
import { authenticate, authorityOf, getStatement, queryStatements, storeStatements, type StatementFormat, type StatementQuery } from './lrs';
import type { Json } from './statement';
import { ownCredentials } from '../../../platform/http/access';

const version = '1.0.3';
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

/** The parts of a multipart/mixed body: each with its headers (lower-case names) and content. */
export function multipartParts(body: Buffer, contentType: string): { headers: Record<string, string>; content: string }[] {
  const match = /boundary="?([^";]+)"?/i.exec(contentType);
  if (!match) throw new AppError('validation', 'multipart_invalid', 'A multipart/mixed body needs its boundary.');
  const text = body.toString('utf8');
  const delimiter = `--${match[1]}`;
  return text
    .split(delimiter)
    .slice(1)
    .filter((part) => !part.startsWith('--'))
    .map((part) => {
      const trimmed = part.replace(/^\r\n/, '').replace(/\r\n$/, '');
      const split = trimmed.indexOf('\r\n\r\n');
      const head = split < 0 ? trimmed : trimmed.slice(0, split);
      const headers = Object.fromEntries(
        head
          .split('\r\n')
          .filter((line) => line.includes(':'))
          .map((line) => [line.slice(0, line.indexOf(':')).trim().toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]),
      );
      return { headers, content: split < 0 ? '' : trimmed.slice(split + 4) };
    });
}

/** Statements sent as multipart/mixed: accepted when no attachment data comes with them (this LRS stores none). */
function statementsFromMultipart(body: Buffer, contentType: string): Json {
  const parts = multipartParts(body, contentType);
  if (parts.length === 0 || !(parts[0]!.headers['content-type'] ?? '').startsWith('application/json'))
    throw new AppError('validation', 'multipart_invalid', 'The first part of a multipart/mixed body must be the statements, as application/json.');
  if (parts.length > 1)
    throw new AppError('validation', 'attachments_not_supported', 'This LRS does not accept attachment data: give each attachment a fileUrl instead.');
  try {
    return JSON.parse(parts[0]!.content) as Json;
  } catch {
    throw new AppError('validation', 'statement_invalid', 'The statements part is not valid JSON.');
  }
}

interface XapiRequest {
  method: 'GET' | 'PUT' | 'POST';
  query: Record<string, string | undefined>;
  headers: Record<string, string | undefined>;
  body: Json | undefined;
  requestId: string;
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
    if (!request.url.startsWith('/xapi/')) return;
    reply.header('x-experience-api-version', version);
    if (request.url.startsWith('/xapi/statements')) reply.header('x-experience-api-consistent-through', new Date().toISOString());
    // The Alternate Request Syntax carries its headers in the form: checked once the form is read.
    if (request.url.startsWith('/xapi/about') || (request.method === 'POST' && (request.query as Record<string, unknown>).method !== undefined)) return;
    // Who is asking comes before what is asked: no credentials, no word about the request's shape.
    await authenticate(db, request.headers.authorization);
    checkVersion(request.headers as Record<string, string | undefined>);
  });
  app.addContentTypeParser('multipart/mixed', { parseAs: 'buffer', bodyLimit: 10 * 1024 * 1024 }, (request, body, done) => {
    try {
      done(null, statementsFromMultipart(body as Buffer, String(request.headers['content-type'])));
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
        const client = await authenticate(tx, request.headers.authorization);
        await storeStatements(tx, authorityOf(client), client.id, [{ ...body, id }]);
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
        const client = await authenticate(tx, request.headers.authorization);
        const body = request.body ?? null;
        const ids = await storeStatements(tx, authorityOf(client), client.id, Array.isArray(body) ? body : [body]);
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
    const payload = await inTransaction(db, async (tx) => {
      await authenticate(tx, request.headers.authorization);
      if (single !== undefined) {
        if (q.statementId !== undefined && q.voidedStatementId !== undefined)
          throw new AppError('validation', 'parameter_conflict', 'Give statementId or voidedStatementId, not both.');
        const others = Object.keys(q).filter((k) => !['statementId', 'voidedStatementId', 'format', 'attachments'].includes(k));
        if (others.length > 0)
          throw new AppError('validation', 'parameter_conflict', `With a statement id, only format and attachments may be given (not ${others.join(', ')}).`);
        const found = await getStatement(tx, single, q.voidedStatementId !== undefined, format, languages);
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
      return queryStatements(tx, query, languages);
    });
    if (!withAttachments) return payload;
    // No attachment data is stored, so the multipart answer holds the statements part only.
    const boundary = `xapi-${Date.now().toString(36)}`;
    return reply
      .type(`multipart/mixed; boundary=${boundary}`)
      .send(`--${boundary}\r\nContent-Type: application/json\r\n\r\n${JSON.stringify(payload)}\r\n--${boundary}--\r\n`);
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
      handle({ method: 'PUT', query: request.query, headers: headersOf(request), body: request.body as Json, requestId: String(request.id) }, reply),
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
        return handle({ method: 'POST', query: {}, headers: headersOf(request), body: request.body as Json, requestId: String(request.id) }, reply);
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
      return handle({ method: method as XapiRequest['method'], query: params, headers, body, requestId: String(request.id) }, reply);
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
        },
        reply,
      ),
  );
}
