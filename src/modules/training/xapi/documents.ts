/**
 * The xAPI document resources (1.0.3, Communication 2.2–2.7): State, Activity Profile and Agent Profile
 * documents (PUT stores, POST merges JSON objects, GET one or the ids, DELETE), with ETags and the
 * If-Match / If-None-Match rules on the profiles; and the Activities and Agents resources, which describe
 * an activity (its definition as last stated) and a person (every identifier and name seen).
 */
import crypto from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { OpenQuerySchema } from '../../../platform/http/contract';
import { inTransaction } from '../../../platform/db/transaction';
import type { Tx } from '../../../platform/db/connect';
import { AppError } from '../../../platform/errors';
import type { ConcordApp } from '../../../platform/http/types';
import { authenticate } from './lrs';
import { guardSessionRequest } from '../cmi5/guard';
import { ifiOf, isObject, type Json } from './statement';
import {
  deleteDocuments,
  documentIds,
  findDocument,
  activityDefinitions,
  saveDocument,
  statementsOfAgent,
  type DocumentKeys,
  type DocumentKind as Kind,
} from './store';
import { ownCredentials } from '../../../platform/http/access';

type Query = Record<string, string | undefined>;

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

function bad(path: string, message: string): never {
  throw new AppError('validation', 'parameter_invalid', `${path}: ${message}`, [{ path, message }]);
}

function required(q: Query, name: string): string {
  const value = q[name];
  if (value === undefined || value === '') bad(name, 'is required');
  return value;
}

function activityIdOf(q: Query): string {
  const id = required(q, 'activityId');
  if (!/^[a-z][a-z0-9+.-]*:\S*$/i.test(id)) bad('activityId', 'must be an IRI');
  return id;
}

function agentOf(q: Query): { ifi: string; agent: { [key: string]: Json } } {
  let agent: Json;
  try {
    agent = JSON.parse(required(q, 'agent')) as Json;
  } catch {
    bad('agent', 'must be a JSON Agent');
  }
  const ifi = ifiOf(agent);
  if (!ifi || typeof agent !== 'object' || agent === null || Array.isArray(agent)) bad('agent', 'must be an Agent with one inverse functional identifier');
  return { ifi, agent };
}

/** Where a document lives: its kind and keys, from the request's parameters. */
function keysOf(kind: Kind, q: Query, isSingle: boolean): DocumentKeys {
  const registration = q.registration ?? '';
  if (registration && !uuidPattern.test(registration)) bad('registration', 'must be a UUID');
  const idName = kind === 'state' ? 'stateId' : 'profileId';
  return {
    kind,
    activityId: kind === 'agent_profile' ? '' : activityIdOf(q),
    agentIfi: kind === 'activity_profile' ? '' : agentOf(q).ifi,
    registration: kind === 'state' ? registration.toLowerCase() : '',
    documentId: isSingle ? required(q, idName) : (q[idName] ?? ''),
  };
}

function bodyOf(request: FastifyRequest): { content: Buffer; contentType: string } {
  const contentType = String(request.headers['content-type'] ?? 'application/octet-stream');
  const body = request.body;
  const content = Buffer.isBuffer(body) ? body : Buffer.from(body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body));
  return { content, contentType };
}

const etagOf = (content: Buffer) => `"${crypto.createHash('sha1').update(content).digest('hex')}"`;
const isJson = (contentType: string) => contentType.startsWith('application/json');

/** Writes a JSON State document as the LMS (cmi5's LMS.LaunchData), replacing any before it. */
export async function writeStateDocument(
  tx: Tx,
  where: { activityId: string; agent: Json; registration: string; stateId: string },
  document: { [key: string]: Json },
): Promise<void> {
  const keys: DocumentKeys = {
    kind: 'state',
    activityId: where.activityId,
    agentIfi: ifiOf(where.agent)!,
    registration: where.registration,
    documentId: where.stateId,
  };
  const content = Buffer.from(JSON.stringify(document));
  const existing = await findDocument(tx, keys);
  await saveDocument(tx, existing?.id, keys, {
    contentType: 'application/json',
    content: content.toString('base64'),
    etag: etagOf(content),
    updated: new Date(),
  });
}

/** The If-Match / If-None-Match rules for the profile resources (Communication 3.1). */
function checkConcurrency(request: FastifyRequest, existing: { etag: string } | undefined, isPut: boolean): void {
  const ifMatch = request.headers['if-match'];
  const ifNoneMatch = request.headers['if-none-match'];
  if (
    ifMatch !== undefined &&
    (!existing ||
      (ifMatch !== '*' &&
        !ifMatch
          .split(',')
          .map((t) => t.trim())
          .includes(existing.etag)))
  )
    throw new AppError('precondition_failed', 'etag_mismatch', 'The document changed since you read it (If-Match).');
  if (ifNoneMatch === '*' && existing) throw new AppError('precondition_failed', 'document_exists', 'The document exists already (If-None-Match: *).');
  // A PUT names what it expects: If-Match with the ETag read, or If-None-Match: * for a new document. Without
  // either, an existing document is a conflict (409) and a new one a bad request (400, as ADL's suite checks).
  if (isPut && ifMatch === undefined && ifNoneMatch === undefined) {
    if (existing) throw new AppError('conflict', 'concurrency_header_required', 'The document exists: send If-Match with its ETag, or If-None-Match.');
    throw new AppError(
      'validation',
      'concurrency_header_required',
      'A profile PUT sends If-None-Match: * for a new document, or If-Match with the ETag read.',
      [{ path: 'headers/if-none-match', message: 'If-None-Match: * or If-Match: "etag"' }],
    );
  }
}

async function store(tx: Tx, kind: Kind, request: FastifyRequest, isMerge: boolean): Promise<void> {
  const q = request.query as Query;
  const keys = keysOf(kind, q, true);
  const { content, contentType } = bodyOf(request);
  const existing = await findDocument(tx, keys);
  if (kind !== 'state') checkConcurrency(request, existing, !isMerge);
  let stored = content;
  let storedType = contentType;
  if (isMerge && existing) {
    const before = Buffer.from(existing.content, 'base64').toString('utf8');
    if (!isJson(contentType) || !isJson(existing.contentType))
      throw new AppError('validation', 'merge_needs_json', 'POST merges JSON documents only: use PUT to replace.');
    const [old, incoming] = [before, content.toString('utf8')].map((text): Json => {
      try {
        return JSON.parse(text) as Json;
      } catch {
        return null;
      }
    });
    const isObject = (v: Json | undefined): v is { [key: string]: Json } => typeof v === 'object' && v !== null && !Array.isArray(v);
    if (!isObject(old) || !isObject(incoming)) throw new AppError('validation', 'merge_needs_json', 'POST merges JSON objects only.');
    stored = Buffer.from(JSON.stringify({ ...old, ...incoming }));
    storedType = 'application/json';
  } else if (isMerge && isJson(contentType)) {
    try {
      const parsed = JSON.parse(content.toString('utf8')) as Json;
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not an object');
    } catch {
      throw new AppError('validation', 'merge_needs_json', 'POST with application/json takes a JSON object.');
    }
  }
  const values = { contentType: storedType, content: stored.toString('base64'), etag: etagOf(stored), updated: new Date() };
  await saveDocument(tx, existing?.id, keys, values);
}

async function read(tx: Tx, kind: Kind, request: FastifyRequest, reply: FastifyReply) {
  const q = request.query as Query;
  const keys = keysOf(kind, q, false);
  if (keys.documentId) {
    const doc = await findDocument(tx, keys);
    if (!doc) throw new AppError('not_found', 'document_not_found', `No ${kind.replace('_', ' ')} document ${keys.documentId}.`);
    return reply.type(doc.contentType).header('etag', doc.etag).header('last-modified', doc.updated.toUTCString()).send(Buffer.from(doc.content, 'base64'));
  }
  const since = q.since;
  if (since !== undefined && Number.isNaN(Date.parse(since))) bad('since', 'must be a timestamp');
  const rows = await documentIds(tx, keys, since ? new Date(since) : undefined);
  const latest = rows.reduce<Date | null>((a, r) => (a === null || r.updated > a ? r.updated : a), null);
  if (latest) reply.header('last-modified', latest.toUTCString());
  return reply.type('application/json').send(rows.map((r) => r.documentId));
}

async function remove(tx: Tx, kind: Kind, request: FastifyRequest): Promise<void> {
  const q = request.query as Query;
  const keys = keysOf(kind, q, kind !== 'state');
  if (keys.documentId) {
    if (kind !== 'state') checkConcurrency(request, await findDocument(tx, keys), false);
    await deleteDocuments(tx, keys, true);
  } else await deleteDocuments(tx, keys, false);
}

/**
 * The Activity as the LRS knows it (its canonical definition): the definitions statements gave it merged,
 * the newest winning for each property and, in a language map, for each language — so a name stated in
 * English and later in Spanish is returned in both (Communication 2.5). The newest 100 definitions count.
 */
async function activityObject(tx: Tx, activityId: string): Promise<{ [key: string]: Json }> {
  const definitions = await activityDefinitions(tx, activityId, 100);
  const merged: { [key: string]: Json } = {};
  for (const definition of [...definitions].reverse()) {
    if (!isObject(definition)) continue;
    for (const [key, value] of Object.entries(definition)) {
      const before = merged[key];
      merged[key] = (key === 'name' || key === 'description') && isObject(before) && isObject(value) ? { ...before, ...value } : value;
    }
  }
  return { objectType: 'Activity', id: activityId, ...(definitions.length > 0 ? { definition: merged } : {}) };
}

/** The client asking, held to a cmi5 session's limits when its credential is a session's. */
async function authenticateFor(tx: Tx, request: FastifyRequest): Promise<void> {
  const client = await authenticate(tx, request.headers.authorization);
  await guardSessionRequest(tx, client, request.method, request.url.split('?')[0]!, request.query as Query);
}

export function xapiDocumentRoutes(app: ConcordApp): void {
  const db = app.concord.database.db;
  const tags = ['xapi'];
  const params = OpenQuerySchema;
  const resources: [string, Kind][] = [
    ['/xapi/activities/state', 'state'],
    ['/xapi/activities/profile', 'activity_profile'],
    ['/xapi/agents/profile', 'agent_profile'],
  ];
  for (const [url, kind] of resources) {
    const name = kind.replace('_', ' ');
    app.put(
      url,
      {
        config: ownCredentials('xAPI clients sign with their own key and secret (HTTP Basic), checked by the handler'),
        schema: { tags, summary: `Store a ${name} document`, querystring: params, body: Type.Any() },
      },
      async (request, reply) => {
        await inTransaction(db, async (tx) => {
          await authenticateFor(tx, request);
          await store(tx, kind, request, false);
        });
        return reply.status(204).send();
      },
    );
    app.post(
      url,
      {
        config: ownCredentials('xAPI clients sign with their own key and secret (HTTP Basic), checked by the handler'),
        schema: { tags, summary: `Store or merge (JSON objects) a ${name} document`, querystring: params, body: Type.Any() },
      },
      async (request, reply) => {
        await inTransaction(db, async (tx) => {
          await authenticateFor(tx, request);
          await store(tx, kind, request, true);
        });
        return reply.status(204).send();
      },
    );
    app.get(
      url,
      {
        config: ownCredentials('xAPI clients sign with their own key and secret (HTTP Basic), checked by the handler'),
        schema: { tags, summary: `One ${name} document, or the ids of them (since a time)`, querystring: params },
      },
      (request, reply) =>
        inTransaction(db, async (tx) => {
          await authenticateFor(tx, request);
          return read(tx, kind, request, reply);
        }),
    );
    app.delete(
      url,
      {
        config: ownCredentials('xAPI clients sign with their own key and secret (HTTP Basic), checked by the handler'),
        schema: { tags, summary: `Delete a ${name} document${kind === 'state' ? ', or all of them for the activity and agent' : ''}`, querystring: params },
      },
      async (request, reply) => {
        await inTransaction(db, async (tx) => {
          await authenticateFor(tx, request);
          await remove(tx, kind, request);
        });
        return reply.status(204).send();
      },
    );
  }
  app.get(
    '/xapi/activities',
    {
      config: ownCredentials('xAPI clients sign with their own key and secret (HTTP Basic), checked by the handler'),
      schema: { tags, summary: 'An Activity with its definition as last stated', querystring: params },
    },
    (request) =>
      inTransaction(db, async (tx) => {
        await authenticateFor(tx, request);
        return activityObject(tx, activityIdOf(request.query as Query));
      }),
  );
  app.get(
    '/xapi/agents',
    {
      config: ownCredentials('xAPI clients sign with their own key and secret (HTTP Basic), checked by the handler'),
      schema: { tags, summary: 'The Person object of an agent: every identifier and name seen with it', querystring: params },
    },
    (request) =>
      inTransaction(db, async (tx) => {
        await authenticateFor(tx, request);
        const { agent } = agentOf(request.query as Query);
        const person: { [key: string]: Json[] } = { name: [], mbox: [], mbox_sha1sum: [], openid: [], account: [] };
        for (const key of ['name', 'mbox', 'mbox_sha1sum', 'openid', 'account']) if (agent[key] !== undefined) person[key]!.push(agent[key]!);
        const seen = await statementsOfAgent(tx, ifiOf(agent)!);
        for (const statement of seen) {
          const name = (statement as { actor?: { name?: string } }).actor?.name;
          if (ifiOf((statement as { actor?: Json }).actor) === ifiOf(agent) && name && !person.name!.includes(name)) person.name!.push(name);
        }
        return { objectType: 'Person', ...Object.fromEntries(Object.entries(person).filter(([, v]) => v.length > 0)) };
      }),
  );
}
