/** The portal's SQL on its own tables: sign-ups in progress, the outbox, and parents' requests. */
import { and, desc, eq, gt, inArray, isNull, sql } from 'drizzle-orm';
import { scopeSql, type RowFilter } from '../../platform/auth/scope';
import type { Tx } from '../../platform/db/connect';
import { portalDocuments, portalMessages, portalRequests, portalSignUps } from './schema';

export type SignUpRow = typeof portalSignUps.$inferSelect;
export type RequestRow = typeof portalRequests.$inferSelect;
export type MessageRow = typeof portalMessages.$inferSelect;

export async function insertSignUp(tx: Tx, values: typeof portalSignUps.$inferInsert): Promise<string> {
  const [row] = await tx.insert(portalSignUps).values(values).returning({ id: portalSignUps.id });
  return row!.id;
}

/** A sign-up still open (not expired, not completed), locked for the check that follows. */
export async function openSignUpForUpdate(tx: Tx, id: string): Promise<SignUpRow | undefined> {
  const [row] = await tx
    .select()
    .from(portalSignUps)
    .where(and(eq(portalSignUps.id, id), gt(portalSignUps.expiresAt, sql`now()`), isNull(portalSignUps.completedAt)))
    .for('update');
  return row;
}

export async function updateSignUp(tx: Tx, id: string, change: Partial<typeof portalSignUps.$inferInsert>): Promise<void> {
  await tx.update(portalSignUps).set(change).where(eq(portalSignUps.id, id));
}

export async function insertMessage(tx: Tx, values: typeof portalMessages.$inferInsert): Promise<void> {
  await tx.insert(portalMessages).values(values);
}

/** The newest messages first (the demo's outbox). */
export async function latestMessages(tx: Tx, limit: number): Promise<MessageRow[]> {
  return tx.select().from(portalMessages).orderBy(desc(portalMessages.createdAt), desc(portalMessages.id)).limit(limit);
}

export async function insertRequest(tx: Tx, values: typeof portalRequests.$inferInsert): Promise<RequestRow> {
  const [row] = await tx.insert(portalRequests).values(values).returning();
  return row!;
}

/** A parent's own requests (every registry record of them), newest first. */
export async function requestsOfPeople(tx: Tx, personIds: readonly string[]): Promise<RequestRow[]> {
  if (personIds.length === 0) return [];
  return tx
    .select()
    .from(portalRequests)
    .where(inArray(portalRequests.personId, [...personIds]))
    .orderBy(desc(portalRequests.createdAt));
}

/** Requests staff work, in their scope: open ones first, oldest first. */
export async function requestsInScope(tx: Tx, filter: RowFilter, options: { isOpenOnly: boolean }): Promise<RequestRow[]> {
  return tx
    .select()
    .from(portalRequests)
    .where(and(scopeSql(filter, { lcsa: portalRequests.lcsaId }), options.isOpenOnly ? sql`${portalRequests.status} in ('received', 'in_review')` : undefined))
    .orderBy(sql`${portalRequests.status} in ('done', 'declined')`, portalRequests.createdAt)
    .limit(500);
}

export async function requestForUpdate(tx: Tx, filter: RowFilter, id: string): Promise<RequestRow | undefined> {
  const [row] = await tx
    .select()
    .from(portalRequests)
    .where(and(eq(portalRequests.id, id), scopeSql(filter, { lcsa: portalRequests.lcsaId })))
    .for('update');
  return row;
}

export async function updateRequest(tx: Tx, id: string, change: Partial<typeof portalRequests.$inferInsert>): Promise<void> {
  await tx.update(portalRequests).set(change).where(eq(portalRequests.id, id));
}

// Documents attached to requests

export type DocumentRow = typeof portalDocuments.$inferSelect;

export async function insertDocument(tx: Tx, values: typeof portalDocuments.$inferInsert): Promise<DocumentRow> {
  const [row] = await tx.insert(portalDocuments).values(values).returning();
  return row!;
}

/** What is attached to these requests (names and sizes, not the files), oldest first. */
export async function documentsOfRequests(tx: Tx, requestIds: readonly string[]) {
  if (requestIds.length === 0) return [];
  return tx
    .select({
      id: portalDocuments.id,
      requestId: portalDocuments.requestId,
      fileName: portalDocuments.fileName,
      contentType: portalDocuments.contentType,
      bytes: portalDocuments.bytes,
    })
    .from(portalDocuments)
    .where(inArray(portalDocuments.requestId, [...requestIds]))
    .orderBy(portalDocuments.createdAt);
}

export async function documentOfRequest(tx: Tx, requestId: string, documentId: string): Promise<DocumentRow | undefined> {
  const [row] = await tx
    .select()
    .from(portalDocuments)
    .where(and(eq(portalDocuments.requestId, requestId), eq(portalDocuments.id, documentId)));
  return row;
}
