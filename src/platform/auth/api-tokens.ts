/**
 * API tokens for partner systems: shown once at creation, stored as SHA-256, revocable. A token acts
 * as the user who created it, with that user's role and scope.
 *
 * @example const { secret } = await createApiToken(tx, actor, { name: 'claims feed' });
 */
import { and, desc, eq } from 'drizzle-orm';
import { recordAudit } from '../audit/audit';
import type { Tx } from '../db/connect';
import { AppError } from '../errors';
import type { Actor } from './actor';
import { apiTokens } from './schema';
import { authorize } from './scope';
import { newSecret, sha256 } from './secrets';

const tokenPrefix = 'cct_';

function present(row: typeof apiTokens.$inferSelect) {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    createdAt: row.createdAt.toISOString(),
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
  };
}

export async function createApiToken(tx: Tx, actor: Actor, input: { name: string }) {
  authorize(actor, 'tokens.manage');
  const secret = newSecret(tokenPrefix);
  const [row] = await tx
    .insert(apiTokens)
    .values({ userId: actor.userId!, name: input.name, tokenHash: sha256(secret), prefix: secret.slice(0, tokenPrefix.length + 6) })
    .returning();
  await recordAudit(tx, actor, { action: 'api_token.create', entityType: 'api_token', entityId: row!.id, after: { name: input.name } });
  return { token: present(row!), secret };
}

export async function listApiTokens(tx: Tx, actor: Actor) {
  authorize(actor, 'tokens.manage');
  const rows = await tx.select().from(apiTokens).where(eq(apiTokens.userId, actor.userId!)).orderBy(desc(apiTokens.createdAt));
  return rows.map(present);
}

export async function revokeApiToken(tx: Tx, actor: Actor, tokenId: string) {
  authorize(actor, 'tokens.manage');
  const [row] = await tx
    .update(apiTokens)
    .set({ revokedAt: new Date() })
    .where(and(eq(apiTokens.id, tokenId), eq(apiTokens.userId, actor.userId!)))
    .returning();
  if (!row) throw new AppError('not_found', 'api_token_not_found', `No API token ${tokenId} of yours.`);
  await recordAudit(tx, actor, { action: 'api_token.revoke', entityType: 'api_token', entityId: tokenId });
  return present(row);
}
