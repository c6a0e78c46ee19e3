/**
 * cmi5's SQL over its own tables: imported packages and their files, and launch sessions. The rules (what
 * a session may state, when a unit's moveOn is met) stay in `session.ts`; this file only reads and writes
 * rows. Packages are course content (no personal data); sessions belong to one assignment.
 */
import { and, eq, sql } from 'drizzle-orm';
import type { Db, Tx } from '../../../platform/db/connect';
import { trainingCmi5Files, trainingCmi5Packages, trainingCmi5Sessions } from '../schema';

export type PackageRow = typeof trainingCmi5Packages.$inferSelect;
export type SessionRow = typeof trainingCmi5Sessions.$inferSelect;

export async function insertPackage(
  tx: Tx,
  values: typeof trainingCmi5Packages.$inferInsert,
  files: { path: string; contentType: string; content: Buffer }[],
): Promise<PackageRow> {
  const [row] = await tx.insert(trainingCmi5Packages).values(values).returning();
  for (let i = 0; i < files.length; i += 100)
    await tx
      .insert(trainingCmi5Files)
      .values(files.slice(i, i + 100).map((f) => ({ packageId: row!.id, path: f.path, contentType: f.contentType, content: f.content.toString('base64') })));
  return row!;
}

/** The package of a course already imported with these exact bytes, if any (an import repeated changes nothing). */
export async function packageBySha(tx: Tx, courseId: string, sha256: string): Promise<PackageRow | undefined> {
  const [row] = await tx
    .select()
    .from(trainingCmi5Packages)
    .where(and(eq(trainingCmi5Packages.courseId, courseId), eq(trainingCmi5Packages.sha256, sha256)));
  return row;
}

export async function packageById(tx: Tx, id: string): Promise<PackageRow | undefined> {
  const [row] = await tx.select().from(trainingCmi5Packages).where(eq(trainingCmi5Packages.id, id));
  return row;
}

export async function packageFile(tx: Tx, packageId: string, path: string): Promise<{ contentType: string; content: Buffer } | undefined> {
  const [row] = await tx
    .select({ contentType: trainingCmi5Files.contentType, content: trainingCmi5Files.content })
    .from(trainingCmi5Files)
    .where(and(eq(trainingCmi5Files.packageId, packageId), eq(trainingCmi5Files.path, path)));
  return row ? { contentType: row.contentType, content: Buffer.from(row.content, 'base64') } : undefined;
}

export async function insertSession(tx: Tx, values: typeof trainingCmi5Sessions.$inferInsert): Promise<SessionRow> {
  const [row] = await tx.insert(trainingCmi5Sessions).values(values).returning();
  return row!;
}

/** The session whose fetch URL carries this token, locked: the URL works once. */
export async function sessionByFetchToken(tx: Tx, tokenHash: string): Promise<SessionRow | undefined> {
  const [row] = await tx.select().from(trainingCmi5Sessions).where(eq(trainingCmi5Sessions.fetchTokenHash, tokenHash)).for('update');
  return row;
}

/** A session by id; locked with `forUpdate` (statements of one session are judged one request at a time). */
export async function sessionById(tx: Db, id: string, forUpdate: boolean): Promise<SessionRow | undefined> {
  const query = tx.select().from(trainingCmi5Sessions).where(eq(trainingCmi5Sessions.id, id));
  const [row] = forUpdate ? await query.for('update') : await query;
  return row;
}

export async function updateSession(tx: Tx, id: string, values: Partial<SessionRow>): Promise<void> {
  await tx.update(trainingCmi5Sessions).set(values).where(eq(trainingCmi5Sessions.id, id));
}

/** What every session of one unit in one registration (assignment) has reported so far. */
export async function unitOutcome(tx: Tx, assignmentId: string, lessonId: string): Promise<{ isCompleted: boolean; isPassed: boolean }> {
  const [row] = await tx
    .select({
      isCompleted: sql<boolean>`coalesce(bool_or(${trainingCmi5Sessions.isCompleted}), false)`,
      isPassed: sql<boolean>`coalesce(bool_or(${trainingCmi5Sessions.isPassed}), false)`,
    })
    .from(trainingCmi5Sessions)
    .where(and(eq(trainingCmi5Sessions.assignmentId, assignmentId), eq(trainingCmi5Sessions.lessonId, lessonId)));
  return { isCompleted: row?.isCompleted ?? false, isPassed: row?.isPassed ?? false };
}
