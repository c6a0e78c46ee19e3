/**
 * The xAPI endpoint under /xapi/ (version 1.0.3): the About resource and the Statement Resource —
 * PUT and POST to store, GET by id or by query. Every response carries X-Experience-API-Version; every
 * request but About must send a 1.0.x version header; statement responses carry
 * X-Experience-API-Consistent-Through. Raw attachment data (multipart/mixed) is refused with a clear 400.
 * Not supported yet: the document resources (state, activity and agent profiles), the Alternate Request
 * Syntax, and signed statements.
 */
import { Type } from 'typebox';
import { systemActor } from '../../../platform/auth/actor';
import { recordAudit } from '../../../platform/audit/audit';
import { inTransaction } from '../../../platform/db/transaction';
import { AppError } from '../../../platform/errors';
import type { ConcordApp } from '../../../platform/http/types';
import { authenticate, authorityOf, getStatement, queryStatements, storeStatements, type StatementFormat, type StatementQuery } from './lrs';
import type { Json } from './statement';

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

export async function xapiRoutes(app: ConcordApp): Promise<void> {
  const db = app.concord.database.db;
  app.addHook('onRequest', async (request, reply) => {
    if (!request.url.startsWith('/xapi/')) return;
    reply.header('x-experience-api-version', version);
    if (request.url.startsWith('/xapi/statements')) reply.header('x-experience-api-consistent-through', new Date().toISOString());
    if (request.url.startsWith('/xapi/about')) return;
    const sent = request.headers['x-experience-api-version'];
    if (typeof sent !== 'string' || !/^1\.0(\.\d+)?$/.test(sent.trim()))
      throw new AppError('validation', 'xapi_version_required', 'Send the X-Experience-API-Version header (1.0.x).', [
        { path: 'X-Experience-API-Version', message: '1.0.x' },
      ]);
  });
  app.addContentTypeParser('multipart/mixed', (_request, _payload, done) =>
    done(
      new AppError(
        'validation',
        'attachments_not_supported',
        'This LRS does not accept attachment data (multipart/mixed): send statements as application/json, with a fileUrl for each attachment.',
      ),
      undefined,
    ),
  );

  app.get(
    '/xapi/about',
    { schema: { tags, summary: 'The xAPI versions this LRS speaks', response: { 200: Type.Object({ version: Type.Array(Type.String()) }) } } },
    async () => ({
      version: [version],
    }),
  );

  app.put(
    '/xapi/statements',
    {
      schema: {
        tags,
        summary: 'Store one statement with the given id (204); the same id again with other content is 409',
        querystring: Type.Object({ statementId: Type.String() }),
        body: Type.Any(),
      },
    },
    async (request, reply) => {
      await inTransaction(db, async (tx) => {
        const client = await authenticate(tx, request.headers.authorization);
        const body = request.body as Json;
        const id = request.query.statementId.toLowerCase();
        const given = typeof body === 'object' && body !== null && !Array.isArray(body) ? body.id : undefined;
        if (given !== undefined && String(given).toLowerCase() !== id)
          throw new AppError('validation', 'statement_id_mismatch', 'The statement id differs from the statementId parameter.', [
            { path: 'statementId', message: 'must match the id' },
          ]);
        if (typeof body !== 'object' || body === null || Array.isArray(body))
          throw new AppError('validation', 'statement_invalid', 'PUT takes one statement object.');
        await storeStatements(tx, authorityOf(client), client.id, [{ ...body, id }]);
        await recordAudit(tx, systemActor(String(request.id)), {
          action: 'xapi.statement.put',
          entityType: 'xapi_statement',
          entityId: id,
          detail: { client: client.key },
        });
      });
      return reply.status(204).send();
    },
  );

  app.post(
    '/xapi/statements',
    {
      schema: {
        tags,
        summary: 'Store one statement or a batch (all or none); answers their ids in order',
        body: Type.Any(),
        response: { 200: Type.Array(Type.String()) },
      },
    },
    async (request) => {
      if ((request.query as Record<string, unknown>).method !== undefined)
        throw new AppError('validation', 'alternate_syntax_not_supported', 'The Alternate Request Syntax is not supported by this LRS.');
      return inTransaction(db, async (tx) => {
        const client = await authenticate(tx, request.headers.authorization);
        const body = request.body as Json;
        const ids = await storeStatements(tx, authorityOf(client), client.id, Array.isArray(body) ? body : [body]);
        await recordAudit(tx, systemActor(String(request.id)), {
          action: 'xapi.statement.post',
          entityType: 'xapi_statement',
          detail: { client: client.key, count: ids.length },
        });
        return ids;
      });
    },
  );

  app.get(
    '/xapi/statements',
    {
      schema: {
        tags,
        summary:
          'One statement (statementId or voidedStatementId) or a StatementResult filtered by agent, verb, activity, registration, since, until, with paging',
        querystring: Type.Record(Type.String(), Type.String()),
      },
    },
    async (request, reply) => {
      const q = request.query as Record<string, string | undefined>;
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
    },
  );
}
