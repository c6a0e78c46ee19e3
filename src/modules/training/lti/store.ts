/**
 * LTI's SQL over its own tables: registered platforms, the tool's keys, pending logins and deep links, and
 * the links between a platform's resource link and a learner's Concord course. The LTI rules are in
 * `launch.ts`, `platforms.ts` and `scores.ts`; this file only reads and writes rows.
 */
import { and, desc, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Tx } from '../../../platform/db/connect';
import { trainingLtiDeepLinks, trainingLtiKeys, trainingLtiLinks, trainingLtiPlatforms, trainingLtiStates } from '../schema';

export type PlatformRow = typeof trainingLtiPlatforms.$inferSelect;
export type LinkRow = typeof trainingLtiLinks.$inferSelect;
export type KeyRow = typeof trainingLtiKeys.$inferSelect;

export async function insertPlatform(tx: Tx, values: typeof trainingLtiPlatforms.$inferInsert): Promise<PlatformRow | undefined> {
  const [row] = await tx.insert(trainingLtiPlatforms).values(values).onConflictDoNothing().returning();
  return row;
}

export async function allPlatforms(tx: Tx): Promise<PlatformRow[]> {
  return tx.select().from(trainingLtiPlatforms).orderBy(trainingLtiPlatforms.name);
}

export async function updatePlatform(tx: Tx, id: string, values: Partial<Pick<PlatformRow, 'isActive' | 'deploymentIds'>>): Promise<PlatformRow | undefined> {
  const [row] = await tx.update(trainingLtiPlatforms).set(values).where(eq(trainingLtiPlatforms.id, id)).returning();
  return row;
}

/** The active platform with this issuer (and client id, when the platform sent one). */
export async function activePlatform(tx: Tx, issuer: string, clientId: string | undefined): Promise<PlatformRow[]> {
  return tx
    .select()
    .from(trainingLtiPlatforms)
    .where(
      and(eq(trainingLtiPlatforms.issuer, issuer), eq(trainingLtiPlatforms.isActive, true), clientId ? eq(trainingLtiPlatforms.clientId, clientId) : undefined),
    );
}

export async function platformById(tx: Tx, id: string): Promise<PlatformRow | undefined> {
  const [row] = await tx.select().from(trainingLtiPlatforms).where(eq(trainingLtiPlatforms.id, id));
  return row;
}

export async function newestKey(tx: Tx): Promise<KeyRow | undefined> {
  const [row] = await tx.select().from(trainingLtiKeys).orderBy(desc(trainingLtiKeys.createdAt)).limit(1);
  return row;
}

export async function insertKey(tx: Tx, values: typeof trainingLtiKeys.$inferInsert): Promise<void> {
  await tx.insert(trainingLtiKeys).values(values);
}

export async function allKeys(tx: Tx): Promise<KeyRow[]> {
  return tx.select().from(trainingLtiKeys).orderBy(desc(trainingLtiKeys.createdAt));
}

export async function insertState(tx: Tx, values: typeof trainingLtiStates.$inferInsert): Promise<void> {
  await tx.delete(trainingLtiStates).where(sql`${trainingLtiStates.expiresAt} < now()`);
  await tx.insert(trainingLtiStates).values(values);
}

/** The pending login with this state, removed as it is read (a state works once), if it has not expired. */
export async function takeState(tx: Tx, state: string) {
  const [row] = await tx
    .delete(trainingLtiStates)
    .where(and(eq(trainingLtiStates.state, state), gt(trainingLtiStates.expiresAt, sql`now()`)))
    .returning();
  return row;
}

export async function insertDeepLink(tx: Tx, values: typeof trainingLtiDeepLinks.$inferInsert): Promise<void> {
  await tx.delete(trainingLtiDeepLinks).where(sql`${trainingLtiDeepLinks.expiresAt} < now()`);
  await tx.insert(trainingLtiDeepLinks).values(values);
}

export async function takeDeepLink(tx: Tx, tokenHash: string) {
  const [row] = await tx
    .delete(trainingLtiDeepLinks)
    .where(and(eq(trainingLtiDeepLinks.tokenHash, tokenHash), gt(trainingLtiDeepLinks.expiresAt, sql`now()`)))
    .returning();
  return row;
}

export async function upsertLink(tx: Tx, values: typeof trainingLtiLinks.$inferInsert): Promise<LinkRow> {
  const [row] = await tx
    .insert(trainingLtiLinks)
    .values(values)
    .onConflictDoUpdate({
      target: [trainingLtiLinks.platformId, trainingLtiLinks.resourceLinkId, trainingLtiLinks.userId],
      set: { lineItemUrl: values.lineItemUrl ?? null, subject: values.subject, courseId: values.courseId, deploymentId: values.deploymentId },
    })
    .returning();
  return row!;
}

/** A learner's links to a course that carry a line item and whose score has not been sent. */
export async function unscoredLinks(tx: Tx, userId: string, courseId: string): Promise<LinkRow[]> {
  return tx
    .select()
    .from(trainingLtiLinks)
    .where(
      and(
        eq(trainingLtiLinks.userId, userId),
        eq(trainingLtiLinks.courseId, courseId),
        isNull(trainingLtiLinks.scoreSentAt),
        sql`${trainingLtiLinks.lineItemUrl} is not null`,
      ),
    );
}

export async function linkById(tx: Tx, id: string): Promise<LinkRow | undefined> {
  const [row] = await tx.select().from(trainingLtiLinks).where(eq(trainingLtiLinks.id, id));
  return row;
}

export async function markScoreSent(tx: Tx, id: string): Promise<void> {
  await tx.update(trainingLtiLinks).set({ scoreSentAt: new Date() }).where(eq(trainingLtiLinks.id, id));
}
