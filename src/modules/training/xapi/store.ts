/**
 * The LRS's SQL over its own tables: clients, statements (with the columns the query filters use),
 * attachment data and documents. Validation, formats and the xAPI rules stay in `lrs.ts` and `documents.ts`; this file only
 * reads and writes rows. The LRS is reached with client credentials, not a Concord account: its rows
 * belong to no LCSA or partner, so no row filter applies.
 */
import { and, asc, desc, eq, gt, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { Db, Tx } from '../../../platform/db/connect';
import { trainingXapiAttachments, trainingXapiClients, trainingXapiDocuments, trainingXapiStatements } from '../schema';
import type { Json, Statement } from './statement';

export type Client = typeof trainingXapiClients.$inferSelect;
export type NewStatementRow = typeof trainingXapiStatements.$inferInsert;
export type DocumentRow = typeof trainingXapiDocuments.$inferSelect;
export type DocumentKind = DocumentRow['kind'];

// Clients

/** Adds a client unless its key is taken. */
export async function insertClient(
  tx: Tx,
  client: { name: string; key: string; secretHash: string; scopes: string[]; cmi5SessionId?: string; expiresAt?: Date },
): Promise<void> {
  await tx.insert(trainingXapiClients).values(client).onConflictDoNothing();
}

const clientView = {
  name: trainingXapiClients.name,
  key: trainingXapiClients.key,
  isActive: trainingXapiClients.isActive,
  scopes: trainingXapiClients.scopes,
  createdAt: trainingXapiClients.createdAt,
  secretRotatedAt: trainingXapiClients.secretRotatedAt,
  lastUsedAt: trainingXapiClients.lastUsedAt,
};
export type ClientView = Pick<Client, keyof typeof clientView>;

export async function allClients(tx: Tx): Promise<ClientView[]> {
  // A cmi5 session's credential is the session's, not a client an admin manages.
  return tx.select(clientView).from(trainingXapiClients).where(isNull(trainingXapiClients.cmi5SessionId)).orderBy(trainingXapiClients.name);
}

/** Changes a client (its secret, scopes or whether it is active); the client as it now is, or undefined if there is none. */
export async function updateClient(
  tx: Tx,
  key: string,
  values: Partial<Pick<Client, 'secretHash' | 'secretRotatedAt' | 'isActive' | 'scopes'>>,
): Promise<ClientView | undefined> {
  const [row] = await tx.update(trainingXapiClients).set(values).where(eq(trainingXapiClients.key, key)).returning(clientView);
  return row;
}

/** Notes that a client was used now. */
export async function touchClient(db: Db, id: string): Promise<void> {
  await db.update(trainingXapiClients).set({ lastUsedAt: new Date() }).where(eq(trainingXapiClients.id, id));
}

export async function activeClientByKey(db: Db, key: string): Promise<Client | undefined> {
  const [client] = await db
    .select()
    .from(trainingXapiClients)
    .where(
      and(
        eq(trainingXapiClients.key, key),
        eq(trainingXapiClients.isActive, true),
        or(isNull(trainingXapiClients.expiresAt), gt(trainingXapiClients.expiresAt, sql`now()`)),
      ),
    );
  return client;
}

// Statements

/** The stored statements among these ids, by id. */
export async function statementsByIds(tx: Tx, ids: string[]): Promise<Map<string, Statement>> {
  const rows = await tx
    .select({ id: trainingXapiStatements.id, statement: trainingXapiStatements.statement })
    .from(trainingXapiStatements)
    .where(inArray(trainingXapiStatements.id, ids));
  return new Map(rows.map((r) => [r.id, r.statement as Statement]));
}

/** The verbs of the stored statements among these ids. */
export async function verbsOf(tx: Tx, ids: string[]): Promise<string[]> {
  const rows = await tx.select({ verbId: trainingXapiStatements.verbId }).from(trainingXapiStatements).where(inArray(trainingXapiStatements.id, ids));
  return rows.map((r) => r.verbId);
}

export async function insertStatements(tx: Tx, rows: NewStatementRow[]): Promise<void> {
  if (rows.length > 0) await tx.insert(trainingXapiStatements).values(rows);
}

export async function markVoided(tx: Tx, ids: string[]): Promise<void> {
  if (ids.length > 0) await tx.update(trainingXapiStatements).set({ isVoided: true }).where(inArray(trainingXapiStatements.id, ids));
}

export async function statementById(
  tx: Tx,
  id: string,
): Promise<{ statement: Statement; stored: Date; isVoided: boolean; clientId: string | null } | undefined> {
  const [row] = await tx
    .select({
      statement: trainingXapiStatements.statement,
      stored: trainingXapiStatements.stored,
      isVoided: trainingXapiStatements.isVoided,
      clientId: trainingXapiStatements.clientId,
    })
    .from(trainingXapiStatements)
    .where(eq(trainingXapiStatements.id, id));
  return row && { ...row, statement: row.statement as Statement };
}

/** What a statement query filters on, already checked: each field narrows the result. */
export interface StatementFilter {
  agentIfi?: string;
  isRelatedAgents?: boolean;
  verb?: string;
  activity?: string;
  isRelatedActivities?: boolean;
  registration?: string;
  since?: Date;
  until?: Date;
  /** After (ascending) or before this `seq`. */
  cursor?: number;
  /** Only statements this client stored. */
  clientId?: string;
  ascending?: boolean;
  limit: number;
}

/**
 * Non-voided statements matching the filter, and the statements that refer to a match (StatementRef, voided or not),
 * in stored order; one more than the limit, so that the caller knows whether there is more.
 */
export async function statementPage(tx: Tx, filter: StatementFilter): Promise<{ seq: number; statement: Statement }[]> {
  // A voided statement still meets a filter for the statements that refer to it (Communication 2.1.3: the
  // voiding statement and other StatementRefs to it are returned); it is left out of the page itself.
  const matching: SQL[] = [sql`true`];
  if (filter.agentIfi !== undefined)
    matching.push(filter.isRelatedAgents ? sql`${filter.agentIfi} = any(s.related_agents)` : sql`${filter.agentIfi} = any(s.own_agents)`);
  if (filter.verb !== undefined) matching.push(sql`s.verb_id = ${filter.verb}`);
  if (filter.activity !== undefined)
    matching.push(filter.isRelatedActivities ? sql`${filter.activity} = any(s.related_activities)` : sql`s.own_activity = ${filter.activity}`);
  if (filter.registration !== undefined) matching.push(sql`s.registration = ${filter.registration}`);
  const page: SQL[] = [sql`not t.is_voided`];
  if (filter.since) page.push(sql`t.stored > ${filter.since.toISOString()}::timestamptz`);
  if (filter.until) page.push(sql`t.stored <= ${filter.until.toISOString()}::timestamptz`);
  if (filter.clientId !== undefined) page.push(sql`t.client_id = ${filter.clientId}`);
  if (filter.cursor !== undefined) page.push(filter.ascending ? sql`t.seq > ${filter.cursor}` : sql`t.seq < ${filter.cursor}`);
  const result = (await tx.execute(sql`
      with recursive matched as (
        select s.id, s.seq from ${trainingXapiStatements} s where ${sql.join(matching, sql` and `)}
        union
        select r.id, r.seq from ${trainingXapiStatements} r join matched m on r.target_id = m.id
      )
      select t.seq, t.statement from ${trainingXapiStatements} t join (select distinct id from matched) m on m.id = t.id
      where ${sql.join(page, sql` and `)}
      order by t.seq ${filter.ascending ? sql`asc` : sql`desc`} limit ${filter.limit + 1}`)) as unknown as {
    rows: { seq: string | number; statement: Statement }[];
  };
  return result.rows.map((r) => ({ seq: Number(r.seq), statement: r.statement }));
}

/** The definitions this activity was given as a statement's object, newest first (at most `limit`). */
export async function activityDefinitions(tx: Tx, activityId: string, limit: number): Promise<Json[]> {
  const rows = await tx
    .select({ definition: sql<Json>`${trainingXapiStatements.statement} -> 'object' -> 'definition'` })
    .from(trainingXapiStatements)
    .where(and(eq(trainingXapiStatements.ownActivity, activityId), sql`${trainingXapiStatements.statement} -> 'object' ? 'definition'`))
    .orderBy(desc(trainingXapiStatements.seq))
    .limit(limit);
  return rows.map((r) => r.definition);
}

/** Statements whose actor or object is the agent with this identifier (at most 200). */
export async function statementsOfAgent(tx: Tx, ifi: string): Promise<Statement[]> {
  const rows = await tx
    .select({ statement: trainingXapiStatements.statement })
    .from(trainingXapiStatements)
    .where(sql`${ifi} = any(${trainingXapiStatements.ownAgents})`)
    .limit(200);
  return rows.map((r) => r.statement as Statement);
}

// Documents

/** Where a document lives: '' for a key its resource does not use. */
export interface DocumentKeys {
  kind: DocumentKind;
  activityId: string;
  agentIfi: string;
  registration: string;
  documentId: string;
}

/** The one document (`withId`), or the set the keys name (every State document of an activity and agent, optionally of one registration). */
function documentsAt(keys: DocumentKeys, withId: boolean): SQL {
  return and(
    eq(trainingXapiDocuments.kind, keys.kind),
    eq(trainingXapiDocuments.activityId, keys.activityId),
    eq(trainingXapiDocuments.agentIfi, keys.agentIfi),
    keys.kind === 'state' && (withId || keys.registration) ? eq(trainingXapiDocuments.registration, keys.registration) : undefined,
    withId ? eq(trainingXapiDocuments.documentId, keys.documentId) : undefined,
  )!;
}

export async function findDocument(tx: Tx, keys: DocumentKeys): Promise<DocumentRow | undefined> {
  const [row] = await tx.select().from(trainingXapiDocuments).where(documentsAt(keys, true));
  return row;
}

export async function saveDocument(
  tx: Tx,
  existingId: string | undefined,
  keys: DocumentKeys,
  values: Pick<DocumentRow, 'contentType' | 'content' | 'etag' | 'updated'>,
): Promise<void> {
  if (existingId) await tx.update(trainingXapiDocuments).set(values).where(eq(trainingXapiDocuments.id, existingId));
  else await tx.insert(trainingXapiDocuments).values({ ...keys, ...values });
}

/** The ids of the documents the keys name, changed after `since` when given. */
export async function documentIds(tx: Tx, keys: DocumentKeys, since: Date | undefined): Promise<{ documentId: string; updated: Date }[]> {
  return tx
    .select({ documentId: trainingXapiDocuments.documentId, updated: trainingXapiDocuments.updated })
    .from(trainingXapiDocuments)
    .where(and(documentsAt(keys, false), since ? gt(trainingXapiDocuments.updated, since) : undefined))
    .orderBy(asc(trainingXapiDocuments.documentId));
}

/** Deletes the one document, or (`withId` false) every document the keys name. */
export async function deleteDocuments(tx: Tx, keys: DocumentKeys, withId: boolean): Promise<void> {
  await tx.delete(trainingXapiDocuments).where(documentsAt(keys, withId));
}

// Attachments

/** Keeps attachment data by its SHA-256; content already kept stays as it is. */
export async function insertAttachments(tx: Tx, rows: { sha2: string; contentType: string; content: Buffer }[]): Promise<void> {
  if (rows.length === 0) return;
  await tx
    .insert(trainingXapiAttachments)
    .values(rows.map((r) => ({ sha2: r.sha2, contentType: r.contentType, content: r.content.toString('base64') })))
    .onConflictDoNothing();
}

/** The attachment data kept under these hashes. */
export async function attachmentsBySha2(tx: Tx, sha2s: string[]): Promise<{ sha2: string; contentType: string; content: Buffer }[]> {
  if (sha2s.length === 0) return [];
  const rows = await tx.select().from(trainingXapiAttachments).where(inArray(trainingXapiAttachments.sha2, sha2s));
  return rows.map((r) => ({ sha2: r.sha2, contentType: r.contentType, content: Buffer.from(r.content, 'base64') }));
}
