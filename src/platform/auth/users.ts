/**
 * Accounts: creating users, signing in with lockout, sessions in Postgres and API tokens.
 *
 * @example
 *   const { sessionToken } = await signIn(tx, policy, { email, password }, requestId);
 */
import { and, eq, gt, inArray, isNull, or, sql } from 'drizzle-orm';
import { recordAudit } from '../audit/audit';
import type { Db, Tx } from '../db/connect';
import { contains } from '../db/like';
import { windowRows, type ListSource } from '../lists/lists';
import { AppError } from '../errors';
import type { Actor } from './actor';
import type { NewUser, User } from './contract';
import { decoyPasswordHash, hashPassword, newSecret, sha256, verifyPassword } from './secrets';
import { assertStrongPassword } from './password-policy';
import { apiTokens, partners, sessions, users } from './schema';
import { authorize, assertCanWriteLcsa, lcsaScope, scopeKind } from './scope';
import { isRole, roleDefinitions, type Role } from './roles';

export interface SignInPolicy {
  maxFailures: number;
  lockoutMinutes: number;
  sessionTtlMinutes: number;
}

export type UserRow = typeof users.$inferSelect;

export function actorOf(user: UserRow, requestId: string | null): Actor {
  if (!isRole(user.role)) throw new Error(`User ${user.id} has unknown role ${user.role}`);
  return { userId: user.id, role: user.role, lcsaId: user.lcsaId, partnerId: user.partnerId, personId: user.personId, requestId };
}

function checkRoleShape(input: { role: Role; lcsaId?: string | null; partnerId?: string | null }): void {
  const scope = roleDefinitions[input.role].scope;
  if (scope === 'person')
    throw new AppError('validation', 'parent_account_self_service', 'Parents open their own accounts in the portal, proving who they are there.', [
      { path: '/role', message: 'not a staff or partner role' },
    ]);
  if (scope === 'lcsa' && !input.lcsaId) {
    throw new AppError('validation', 'lcsa_required_for_role', `Role ${input.role} works for one LCSA; give lcsaId.`, [
      { path: '/lcsaId', message: 'required for LCSA roles' },
    ]);
  }
  if (scope === 'partner' && !input.partnerId) {
    throw new AppError('validation', 'partner_required_for_role', `Role ${input.role} belongs to a partner; give partnerId.`, [
      { path: '/partnerId', message: 'required for partner roles' },
    ]);
  }
}

/** The kind of partner each partner role works for: an insurer's staff cannot be made a title company's user. */
const partnerKindOfRole: Partial<Record<Role, 'insurer' | 'title_escrow'>> = { insurer_partner: 'insurer', title_escrow_partner: 'title_escrow' };

async function assertPartnerFitsRole(tx: Tx, role: Role, partnerId: string): Promise<void> {
  const [partner] = await tx.select({ kind: partners.kind }).from(partners).where(eq(partners.id, partnerId));
  if (!partner || partner.kind !== partnerKindOfRole[role])
    throw new AppError(
      'validation',
      'partner_role_mismatch',
      `Role ${role} is for a partner of kind ${partnerKindOfRole[role]}; partner ${partnerId} is not one.`,
      [{ path: '/partnerId', message: `must be a ${partnerKindOfRole[role]} partner` }],
    );
}

/** Inserts an account with its password hashed (argon2id). */
async function insertAccount(tx: Tx, values: Omit<typeof users.$inferInsert, 'passwordHash'>, password: string): Promise<UserRow> {
  const [row] = await tx
    .insert(users)
    .values({ ...values, passwordHash: await hashPassword(password) })
    .returning();
  return row!;
}

/** Creates a local account. LCSA administrators create accounts for their own LCSA only. */
export async function createUser(tx: Tx, actor: Actor, input: NewUser): Promise<UserRow> {
  authorize(actor, 'users.manage');
  checkRoleShape(input);
  const lcsaId = roleDefinitions[input.role].scope === 'lcsa' ? (input.lcsaId ?? null) : null;
  if (scopeKind(actor) === 'lcsa') {
    if (roleDefinitions[input.role].scope !== 'lcsa')
      throw new AppError('forbidden', 'role_out_of_scope', 'LCSA administrators create LCSA staff accounts only.');
    assertCanWriteLcsa(actor, lcsaId ?? '');
  }
  const partnerId = roleDefinitions[input.role].scope === 'partner' ? (input.partnerId ?? null) : null;
  if (partnerId) await assertPartnerFitsRole(tx, input.role, partnerId);
  const email = input.email.toLowerCase();
  assertStrongPassword(input.password, [email, input.displayName]);
  const [existing] = await tx.select({ id: users.id }).from(users).where(eq(users.email, email));
  if (existing)
    throw new AppError('conflict', 'email_already_registered', `An account for ${email} exists.`, [{ path: '/email', message: 'already registered' }]);
  const row = await insertAccount(tx, { email, displayName: input.displayName, role: input.role, lcsaId, partnerId }, input.password);
  await recordAudit(tx, actor, { action: 'user.create', entityType: 'user', entityId: row.id, lcsaId, after: { email, role: input.role, lcsaId } });
  return row;
}

/**
 * A parent's account, opened by the parent once the portal has proven they are this person (never by
 * staff: `createUser` refuses the role). One account per person; the email is the one they sign in with.
 */
export async function createParentAccount(
  tx: Tx,
  input: { personId: string; email: string; displayName: string; password: string; language: string },
  requestId: string | null,
): Promise<UserRow> {
  const email = input.email.toLowerCase();
  assertStrongPassword(input.password, [email, input.displayName]);
  const [existing] = await tx
    .select({ id: users.id, personId: users.personId })
    .from(users)
    .where(or(eq(users.email, email), eq(users.personId, input.personId)));
  if (existing?.personId === input.personId)
    throw new AppError('conflict', 'parent_account_exists', 'You already have an account: sign in, or ask your local child support agency to reset it.');
  if (existing)
    throw new AppError('conflict', 'email_already_registered', 'That email cannot be used for a new account: choose another.', [
      { path: '/email', message: 'choose another email' },
    ]);
  const row = await insertAccount(
    tx,
    { email, displayName: input.displayName, role: 'parent', personId: input.personId, language: input.language },
    input.password,
  );
  await recordAudit(tx, actorOf(row, requestId), { action: 'user.create', entityType: 'user', entityId: row.id, after: { role: 'parent' } });
  return row;
}

/** Remembers the language a person reads Concord in. */
export async function setLanguage(tx: Tx, actor: Actor, language: string): Promise<void> {
  if (!actor.userId) throw new AppError('unauthenticated', 'sign_in_required', 'Sign in to continue.');
  await tx.update(users).set({ language }).where(eq(users.id, actor.userId));
  await recordAudit(tx, actor, { action: 'user.language', entityType: 'user', entityId: actor.userId, after: { language } });
}

/** The one answer to every failed sign-in: a wrong password, an unknown or inactive email, a locked account. */
export function signInFailed(): AppError {
  return new AppError(
    'unauthenticated',
    'sign_in_failed',
    'The email or password is not right. After too many failed sign-ins the account is locked for a while.',
  );
}

/** Checks a password; locks the account after too many failures; returns a new session's token. */
export async function signIn(tx: Tx, policy: SignInPolicy, input: { email: string; password: string }, requestId: string | null) {
  const [user] = await tx.select().from(users).where(eq(users.email, input.email.toLowerCase()));
  const isLocked = user?.lockedUntil !== null && user?.lockedUntil !== undefined && user.lockedUntil > new Date();
  const isValid = await verifyPassword(user?.passwordHash ?? (await decoyPasswordHash()), input.password);
  if (!user || !user.isActive || !user.passwordHash) throw signInFailed();
  if (isLocked) {
    // Answered exactly as an unknown email is, so that a lock does not tell an attacker the account exists.
    await recordAudit(tx, actorOf(user, requestId), {
      action: 'auth.sign_in',
      entityType: 'user',
      entityId: user.id,
      outcome: 'failed',
      detail: { isLocked: true },
    });
    return { isSignedIn: false as const };
  }
  if (!isValid) {
    const failures = user.failedSignIns + 1;
    const lockedUntil = failures >= policy.maxFailures ? new Date(Date.now() + policy.lockoutMinutes * 60_000) : null;
    await tx
      .update(users)
      .set({ failedSignIns: lockedUntil ? 0 : failures, lockedUntil })
      .where(eq(users.id, user.id));
    await recordAudit(tx, actorOf(user, requestId), {
      action: 'auth.sign_in',
      entityType: 'user',
      entityId: user.id,
      outcome: 'failed',
      detail: { isNowLocked: lockedUntil !== null },
    });
    return { isSignedIn: false as const };
  }
  await tx.update(users).set({ failedSignIns: 0, lockedUntil: null }).where(eq(users.id, user.id));
  const session = await openSession(tx, user.id, policy.sessionTtlMinutes);
  await recordAudit(tx, actorOf(user, requestId), { action: 'auth.sign_in', entityType: 'user', entityId: user.id, lcsaId: user.lcsaId });
  return { isSignedIn: true as const, user, ...session };
}

export async function openSession(tx: Tx, userId: string, ttlMinutes: number) {
  const sessionToken = newSecret();
  const csrfToken = newSecret();
  await tx.insert(sessions).values({ id: sha256(sessionToken), userId, csrfToken, expiresAt: new Date(Date.now() + ttlMinutes * 60_000) });
  return { sessionToken, csrfToken };
}

function sessionQuery(tx: Db) {
  return tx
    .select({ user: users, csrfToken: sessions.csrfToken })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.id, sql.placeholder('sessionId')), gt(sessions.expiresAt, sql`now()`), eq(users.isActive, true)))
    .prepare('concord_find_session');
}

/**
 * Every signed-in request looks its session up, so the query is prepared once per database handle:
 * building a select of the whole user row was a third of a request's allocations, and PostgreSQL plans a
 * named statement once per connection.
 */
const sessionQueries = new WeakMap<Db, ReturnType<typeof sessionQuery>>();

export async function findSession(tx: Db, sessionToken: string) {
  let query = sessionQueries.get(tx);
  if (!query) sessionQueries.set(tx, (query = sessionQuery(tx)));
  const [row] = await query.execute({ sessionId: sha256(sessionToken) });
  return row ?? null;
}

export async function closeSession(tx: Tx, actor: Actor, sessionToken: string): Promise<void> {
  await tx.delete(sessions).where(eq(sessions.id, sha256(sessionToken)));
  await recordAudit(tx, actor, { action: 'auth.sign_out', entityType: 'user', entityId: actor.userId });
}

export async function findUserByApiToken(tx: Db, secret: string) {
  const [row] = await tx
    .select({ user: users, tokenId: apiTokens.id })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(and(eq(apiTokens.tokenHash, sha256(secret)), isNull(apiTokens.revokedAt), eq(users.isActive, true)));
  if (!row) return null;
  await tx.update(apiTokens).set({ lastUsedAt: new Date() }).where(eq(apiTokens.id, row.tokenId));
  return row.user;
}

export async function getUser(tx: Tx, userId: string): Promise<UserRow> {
  const [user] = await tx.select().from(users).where(eq(users.id, userId));
  if (!user) throw new AppError('not_found', 'user_not_found', `No user ${userId}.`);
  return user;
}

/** The active account with this email, if any (the owner a manager names by email). */
export async function activeUserByEmail(tx: Tx, email: string): Promise<{ id: string; displayName: string } | undefined> {
  const [user] = await tx
    .select({ id: users.id, displayName: users.displayName })
    .from(users)
    .where(and(eq(users.email, email), eq(users.isActive, true)));
  return user;
}

/** Display names of these accounts, by id (a name is not personal data of a case: it is a colleague's). */
export async function displayNames(tx: Tx, userIds: readonly string[]): Promise<Map<string, string>> {
  if (userIds.length === 0) return new Map();
  const rows = await tx
    .select({ id: users.id, displayName: users.displayName })
    .from(users)
    .where(inArray(users.id, [...new Set(userIds)]));
  return new Map(rows.map((r) => [r.id, r.displayName]));
}

export function presentUser(user: UserRow): User {
  const { role } = actorOf(user, null) as { role: Role };
  return {
    id: user.id,
    email: user.email,
    displayName: user.displayName,
    role,
    roleLabel: roleDefinitions[role].label,
    lcsaId: user.lcsaId,
    partnerId: user.partnerId,
    language: user.language,
    permissions: [...roleDefinitions[role].permissions],
  };
}

/** Accounts the actor administers: all for the state, their LCSA's for an LCSA administrator; `q`: an email or name that contains it. */
export const userList: ListSource<User, { role?: Role }> = {
  name: 'users',
  personal: false,
  defaultSort: { sort: 'email', dir: 'asc' },
  columns: [
    { key: 'email', header: 'Email', value: (u) => u.email, orderBy: users.email },
    { key: 'displayName', header: 'Name', value: (u) => u.displayName, orderBy: users.displayName },
    { key: 'role', header: 'Role', value: (u) => u.roleLabel, orderBy: users.role },
    { key: 'lcsaId', header: 'LCSA', value: (u) => u.lcsaId, orderBy: users.lcsaId },
  ],
  async rows(tx, actor, filters, window) {
    authorize(actor, 'users.manage');
    const q = filters.q?.trim();
    const where = and(
      lcsaScope(actor, users.lcsaId),
      filters.role ? eq(users.role, filters.role) : undefined,
      q ? or(contains(users.email, q), contains(users.displayName, q)) : undefined,
    );
    const { rows, total } = await windowRows(tx, users, where, window, users.id);
    return { items: rows.map(presentUser), total };
  },
};

/** The account with this email in any letter case, active or not (whose learning record a statement names). */
export async function accountByEmail(tx: Tx, email: string): Promise<{ id: string } | undefined> {
  const [user] = await tx
    .select({ id: users.id })
    .from(users)
    .where(eq(sql`lower(${users.email})`, email.toLowerCase()));
  return user;
}
