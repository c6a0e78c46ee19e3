/**
 * The Learning Record Store over stored data (xAPI 1.0.3, Statement Resource): clients with their own
 * credentials (HTTP Basic), storing single and batched statements (idempotent by id, conflicting content
 * refused, a batch all or nothing), voiding, fetching by id, and queries with the specification's filters
 * and paging. Completion statements about Concord's courses — from Concord itself or an outside LMS —
 * complete the learner's assignment.
 */
import crypto from 'node:crypto';
import { systemActor, type Actor } from '../../../platform/auth/actor';
import { authorize } from '../../../platform/auth/scope';
import { recordAudit } from '../../../platform/audit/audit';
import { newSecret, sha256 } from '../../../platform/auth/secrets';
import { accountByEmail, getUser } from '../../../platform/auth/users';
import type { Db, Tx } from '../../../platform/db/connect';
import { inTransaction } from '../../../platform/db/transaction';
import { todayInCalifornia } from '../../../platform/dates';
import { AppError } from '../../../platform/errors';
import { courseByCode, insertAssignment, latestAssignment, updateAssignment } from '../store';
import {
  canonicalFormat,
  idsFormat,
  ifiOf,
  isSameStatement,
  relations,
  StatementError,
  validateStatement,
  voidedVerb,
  type Json,
  type Statement,
} from './statement';
import { attachmentHashes, matchAttachments, type AttachmentPart } from './attachments';
import { queueScores } from '../lti/scores';
import type { LrsScope } from '../contract';
import {
  activeClientByKey,
  allClients,
  attachmentsBySha2,
  touchClient,
  updateClient,
  type ClientView,
  insertAttachments,
  insertClient,
  insertStatements,
  markVoided,
  statementById,
  statementPage,
  statementsByIds,
  verbsOf,
  type Client,
  type StatementFilter,
} from './store';

/** Concord's activity ids for its courses: `${activityBase}/courses/CORE-100`. */
export const activityBase = 'https://concord.dcss.ca.gov/xapi/activities';
export const completionVerbs = ['http://adlnet.gov/expapi/verbs/completed', 'http://adlnet.gov/expapi/verbs/passed'];
const maxPage = 100;

export type { Client };

export function authorityOf(client: Pick<Client, 'key' | 'name'>): Statement {
  return { objectType: 'Agent', name: client.name, account: { homePage: 'https://concord.dcss.ca.gov/xapi/clients', name: client.key } };
}

export async function createClient(
  tx: Tx,
  name: string,
  options: { scopes?: LrsScope[]; key?: string; secret?: string } = {},
): Promise<{ key: string; secret: string }> {
  const key = options.key ?? `lrs-${crypto.randomBytes(6).toString('hex')}`;
  const secret = options.secret ?? newSecret();
  await insertClient(tx, { name, key, secretHash: sha256(secret), scopes: [...(options.scopes ?? ['all'])] });
  return { key, secret };
}

/** A client as its managers see it (never its secret), dates as ISO timestamps. */
export type LrsClientView = Omit<ClientView, 'createdAt' | 'secretRotatedAt' | 'lastUsedAt'> & {
  createdAt: string;
  secretRotatedAt: string | null;
  lastUsedAt: string | null;
};

const viewOf = (c: ClientView): LrsClientView => ({
  ...c,
  createdAt: c.createdAt.toISOString(),
  secretRotatedAt: c.secretRotatedAt?.toISOString() ?? null,
  lastUsedAt: c.lastUsedAt?.toISOString() ?? null,
});

export async function listClients(tx: Tx, actor: Actor): Promise<LrsClientView[]> {
  authorize(actor, 'training.author');
  return (await allClients(tx)).map(viewOf);
}

function clientNotFound(key: string): never {
  throw new AppError('not_found', 'lrs_client_not_found', `There is no LRS client ${key}.`);
}

/** A new secret for a client (shown once); the old one stops working at once. */
export async function rotateClientSecret(tx: Tx, actor: Actor, key: string): Promise<{ key: string; secret: string }> {
  authorize(actor, 'training.author');
  const secret = newSecret();
  if (!(await updateClient(tx, key, { secretHash: sha256(secret), secretRotatedAt: new Date() }))) clientNotFound(key);
  await recordAudit(tx, actor, { action: 'training.xapi_client.rotate', entityType: 'xapi_client', entityId: key });
  return { key, secret };
}

/** Disables or enables a client, or changes its scopes; a disabled client is refused from its next request. */
export async function changeClient(tx: Tx, actor: Actor, key: string, change: { isActive?: boolean; scopes?: LrsScope[] }): Promise<LrsClientView> {
  authorize(actor, 'training.author');
  if (change.scopes !== undefined && change.scopes.length === 0)
    throw new AppError('validation', 'lrs_scopes_required', 'A client needs at least one scope.', [{ path: '/scopes', message: 'at least one' }]);
  const changed = await updateClient(tx, key, { ...change, ...(change.scopes ? { scopes: [...new Set(change.scopes)] } : {}) });
  if (!changed) clientNotFound(key);
  await recordAudit(tx, actor, { action: 'training.xapi_client.change', entityType: 'xapi_client', entityId: key, after: change });
  return viewOf(changed);
}

/** The client named by an `Authorization: Basic` header, or 401. */
export async function authenticate(tx: Db, header: string | undefined): Promise<Client> {
  const unauthenticated = () =>
    new AppError('unauthenticated', 'lrs_credentials_required', 'Send the LRS client key and secret with HTTP Basic authentication.');
  if (!header?.startsWith('Basic ')) throw unauthenticated();
  const decoded = Buffer.from(header.slice(6).trim(), 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) throw unauthenticated();
  const client = await activeClientByKey(tx, decoded.slice(0, colon));
  const given = Buffer.from(sha256(decoded.slice(colon + 1)));
  if (!client || !crypto.timingSafeEqual(given, Buffer.from(client.secretHash))) throw unauthenticated();
  return client;
}

/** One use of a client, audited (who, what, the answer) and dating its last use, in one transaction. */
export async function recordClientUse(db: Db, requestId: string, client: Client, use: { method: string; path: string; status: number }): Promise<void> {
  await inTransaction(db, async (tx) => {
    await recordAudit(tx, systemActor(requestId), {
      action: `xapi.${use.method.toLowerCase()}`,
      entityType: 'xapi_client',
      entityId: client.key,
      outcome: use.status < 400 ? 'succeeded' : 'failed',
      detail: { path: use.path, status: use.status },
    });
    await touchClient(tx, client.id);
  });
}

/** The data kept here of every attachment these statements name (for `attachments=true`). */
export async function attachmentDataOf(tx: Tx, statements: Json[]) {
  return attachmentsBySha2(tx, attachmentHashes(statements));
}

function invalid(error: unknown): never {
  if (error instanceof StatementError) throw new AppError('validation', 'statement_invalid', error.message, [{ path: error.path, message: error.message }]);
  throw error;
}

/**
 * Stores statements (all or none). Returns their ids in order. A statement whose id is already stored
 * changes nothing when it matches, and is a 409 Conflict when it does not.
 */
export async function storeStatements(tx: Tx, authority: Statement, clientId: string | null, inputs: Json[], parts: AttachmentPart[] = []): Promise<string[]> {
  const statements = inputs.map((input, i) => {
    try {
      return validateStatement(input, inputs.length > 1 ? `statements[${i}]` : 'statement');
    } catch (error) {
      return invalid(error);
    }
  });
  const attachmentData = await matchAttachments(statements, parts);
  const ids = statements.map((s) => (typeof s.id === 'string' ? s.id.toLowerCase() : crypto.randomUUID()));
  if (new Set(ids).size !== ids.length) throw new AppError('validation', 'statement_ids_repeated', 'The batch holds two statements with the same id.');
  const existing = await statementsByIds(tx, ids);
  const stored = new Date();
  const fresh: { id: string; statement: Statement }[] = [];
  statements.forEach((statement, i) => {
    const before = existing.get(ids[i]!);
    if (before) {
      if (!isSameStatement(before, { ...statement, id: ids[i]!, timestamp: statement.timestamp ?? before.timestamp ?? null }))
        throw new AppError('conflict', 'statement_conflict', `A different statement with id ${ids[i]} is already stored.`);
      return;
    }
    fresh.push({
      id: ids[i]!,
      statement: {
        ...statement,
        id: ids[i]!,
        authority,
        stored: stored.toISOString(),
        // Without a timestamp of its own, a statement happened when it was stored (Data 2.4.7).
        timestamp: typeof statement.timestamp === 'string' ? statement.timestamp : stored.toISOString(),
        version: typeof statement.version === 'string' ? statement.version : '1.0.0',
      },
    });
  });
  // Voiding: each voiding statement's target is voided, unless the target is itself a voiding statement.
  const voidTargets = fresh
    .filter((f) => (f.statement.verb as { id: string }).id === voidedVerb)
    .map((f) => ((f.statement.object as { id: string }).id ?? '').toLowerCase());
  if (voidTargets.length > 0) {
    if ((await verbsOf(tx, voidTargets)).includes(voidedVerb))
      throw new AppError('validation', 'cannot_void_voiding_statement', 'A voiding statement cannot be voided.');
  }
  if (fresh.length > 0) {
    await insertStatements(
      tx,
      fresh.map(({ id, statement }) => {
        const rel = relations(statement);
        const object = statement.object as { objectType?: string; id?: string };
        const context = statement.context as { registration?: string } | undefined;
        return {
          id,
          statement,
          stored,
          verbId: (statement.verb as { id: string }).id,
          ownActivity: rel.ownActivity,
          ownAgents: rel.ownAgents,
          relatedActivities: rel.relatedActivities,
          relatedAgents: rel.relatedAgents,
          registration: context?.registration?.toLowerCase() ?? null,
          targetId: object.objectType === 'StatementRef' ? String(object.id).toLowerCase() : null,
          clientId,
        };
      }),
    );
    await insertAttachments(tx, attachmentData);
    await markVoided(tx, voidTargets);
    await applyCompletions(
      tx,
      fresh.map((f) => f.statement),
    );
  }
  return ids;
}

/** Completion statements about Concord's courses complete the learner's open assignment (or record one done elsewhere). */
async function applyCompletions(tx: Tx, statements: Statement[]): Promise<void> {
  for (const statement of statements) {
    const verb = (statement.verb as { id: string }).id;
    const object = statement.object as { objectType?: string; id?: string };
    const result = statement.result as { success?: boolean; score?: { scaled?: number } } | undefined;
    if (
      !completionVerbs.includes(verb) ||
      (object.objectType ?? 'Activity') !== 'Activity' ||
      !/^[A-Z0-9-]+$/.test(object.id?.startsWith(`${activityBase}/courses/`) ? object.id.slice(`${activityBase}/courses/`.length) : '')
    )
      continue;
    if (result?.success === false) continue;
    const actor = statement.actor as { mbox?: string };
    if (!actor.mbox) continue;
    const user = await accountByEmail(tx, actor.mbox.slice('mailto:'.length));
    const course = await courseByCode(tx, object.id!.slice(`${activityBase}/courses/`.length));
    if (!user || !course?.publishedVersion) continue;
    const today = todayInCalifornia();
    const scorePercent = typeof result?.score?.scaled === 'number' ? Math.max(0, Math.round(result.score.scaled * 100)) : null;
    const open = await latestAssignment(tx, user.id, course.id);
    if (open && open.status !== 'completed') {
      await queueScores(tx, await updateAssignment(tx, open.id, { status: 'completed', completedOn: today, completedVia: 'xapi', scorePercent }));
    } else if (!open) {
      await insertAssignment(tx, {
        userId: user.id,
        courseId: course.id,
        cycle: 1,
        courseVersion: course.publishedVersion,
        source: 'external',
        assignedOn: today,
        dueOn: today,
        status: 'completed',
        completedOn: today,
        completedVia: 'xapi',
        scorePercent,
      });
    }
  }
}

export type StatementFormat = 'exact' | 'ids' | 'canonical';

function formatted(statement: Statement, format: StatementFormat, languages: string[]): Statement {
  return format === 'ids' ? idsFormat(statement) : format === 'canonical' ? canonicalFormat(statement, languages) : statement;
}

/** One statement by id: voided ones only by `voidedStatementId`, others only by `statementId`. */
export async function getStatement(
  tx: Tx,
  id: string,
  isVoidedWanted: boolean,
  format: StatementFormat,
  languages: string[],
  /** Only a statement this client stored (a client that reads only its own). */
  clientId?: string,
): Promise<{ statement: Statement; stored: Date }> {
  const row = await statementById(tx, id.toLowerCase());
  if (!row || row.isVoided !== isVoidedWanted || (clientId !== undefined && row.clientId !== clientId))
    throw new AppError('not_found', 'statement_not_found', `No ${isVoidedWanted ? 'voided ' : ''}statement ${id}.`);
  return { statement: formatted(row.statement, format, languages), stored: row.stored };
}

export interface StatementQuery {
  agent?: string;
  verb?: string;
  activity?: string;
  registration?: string;
  related_activities?: boolean;
  related_agents?: boolean;
  since?: string;
  until?: string;
  limit?: number;
  format?: StatementFormat;
  ascending?: boolean;
  /** Concord's paging cursor (in the `more` IRL): the last `seq` returned. */
  cursor?: number;
  /** Only statements this client stored (not a parameter: the client's scopes decide). */
  clientId?: string;
}

/** Statements matching the filters (non-voided; StatementRefs to a match match too), newest stored first unless ascending. */
export async function queryStatements(tx: Tx, query: StatementQuery, languages: string[]): Promise<{ statements: Statement[]; more: string }> {
  const filter: StatementFilter = {
    verb: query.verb,
    activity: query.activity,
    isRelatedActivities: query.related_activities,
    isRelatedAgents: query.related_agents,
    registration: query.registration?.toLowerCase(),
    cursor: query.cursor,
    clientId: query.clientId,
    ascending: query.ascending,
    limit: !query.limit || query.limit > maxPage ? maxPage : query.limit,
  };
  if (query.agent !== undefined) {
    let agent: Json;
    try {
      agent = JSON.parse(query.agent) as Json;
    } catch {
      throw new AppError('validation', 'agent_invalid', 'The agent parameter must be a JSON Agent or identified Group.', [{ path: 'agent', message: 'JSON' }]);
    }
    filter.agentIfi = ifiOf(agent) ?? undefined;
    if (!filter.agentIfi)
      throw new AppError('validation', 'agent_invalid', 'The agent parameter needs an inverse functional identifier.', [{ path: 'agent', message: 'an IFI' }]);
  }
  for (const key of ['since', 'until'] as const) {
    const value = query[key];
    if (value === undefined) continue;
    if (Number.isNaN(Date.parse(value)))
      throw new AppError('validation', `${key}_invalid`, `${key} must be an ISO 8601 timestamp.`, [{ path: key, message: 'a timestamp' }]);
    filter[key] = new Date(value);
  }
  const limit = filter.limit;
  const rows = await statementPage(tx, filter);
  const page = rows.slice(0, limit);
  const hasMore = rows.length > limit;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined && key !== 'cursor' && key !== 'clientId') params.set(key, String(value));
  if (hasMore) params.set('cursor', String(page.at(-1)!.seq));
  return {
    statements: page.map((r) => formatted(r.statement, query.format ?? 'exact', languages)),
    more: hasMore ? `/xapi/statements?${params.toString()}` : '',
  };
}

export const concordAuthority: Statement = { objectType: 'Agent', name: 'Concord', account: { homePage: 'https://concord.dcss.ca.gov', name: 'concord' } };
const verbs = {
  experienced: 'http://adlnet.gov/expapi/verbs/experienced',
  passed: 'http://adlnet.gov/expapi/verbs/passed',
  failed: 'http://adlnet.gov/expapi/verbs/failed',
  completed: 'http://adlnet.gov/expapi/verbs/completed',
} as const;

/** Concord's own lessons and quizzes report to its LRS like any other learning: a statement per lesson, attempt and completion. */
export async function emitLearning(
  tx: Tx,
  userId: string,
  verb: keyof typeof verbs,
  activity: { courseCode: string; part?: { kind: 'lesson' | 'assessment'; id: string }; name: string },
  result?: { scorePercent: number; isPassed: boolean },
): Promise<void> {
  const user = await getUser(tx, userId);
  const id = `${activityBase}/courses/${activity.courseCode}${activity.part ? `/${activity.part.kind}s/${activity.part.id}` : ''}`;
  await storeStatements(tx, concordAuthority, null, [
    {
      actor: { objectType: 'Agent', name: user.displayName, mbox: `mailto:${user.email}` },
      verb: { id: verbs[verb], display: { 'en-US': verb } },
      object: {
        objectType: 'Activity',
        id,
        definition: { name: { 'en-US': activity.name }, type: `http://adlnet.gov/expapi/activities/${activity.part?.kind ?? 'course'}` },
      },
      ...(result
        ? { result: { score: { scaled: result.scorePercent / 100, raw: result.scorePercent, min: 0, max: 100 }, success: result.isPassed, completion: true } }
        : {}),
      timestamp: new Date().toISOString(),
    },
  ]);
}
