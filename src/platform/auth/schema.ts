import { boolean, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { createdAt } from '../db/columns';

/** Outside organisations that sign in: insurers, title and escrow companies. */
export const partners = pgTable('partners', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  kind: text('kind', { enum: ['insurer', 'title_escrow'] }).notNull(),
  createdAt: createdAt(),
});

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    email: text('email').notNull().unique(),
    displayName: text('display_name').notNull(),
    /** argon2id; null for single-sign-on-only accounts. */
    passwordHash: text('password_hash'),
    role: text('role').notNull(),
    lcsaId: text('lcsa_id'),
    partnerId: uuid('partner_id').references(() => partners.id),
    isActive: boolean('is_active').notNull().default(true),
    failedSignIns: integer('failed_sign_ins').notNull().default(0),
    lockedUntil: timestamp('locked_until', { withTimezone: true, mode: 'date' }),
    oidcSubject: text('oidc_subject').unique(),
    /** A parent's account: the registry person it belongs to (one account per person). */
    personId: uuid('person_id').unique(),
    /** The language the person reads Concord in ('en' or 'es'), remembered across devices. */
    language: text('language').notNull().default('en'),
    createdAt: createdAt(),
  },
  (t) => [index('users_lcsa_idx').on(t.lcsaId)],
);

export const sessions = pgTable(
  'sessions',
  {
    /** SHA-256 of the cookie token; the token itself is never stored. */
    id: text('id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    csrfToken: text('csrf_token').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

export const apiTokens = pgTable('api_tokens', {
  id: uuid('id').primaryKey().defaultRandom(),
  userId: uuid('user_id')
    .notNull()
    .references(() => users.id),
  name: text('name').notNull(),
  /** SHA-256 of the token; the token is shown once, at creation. */
  tokenHash: text('token_hash').notNull().unique(),
  prefix: text('prefix').notNull(),
  lastUsedAt: timestamp('last_used_at', { withTimezone: true, mode: 'date' }),
  revokedAt: timestamp('revoked_at', { withTimezone: true, mode: 'date' }),
  createdAt: createdAt(),
});

/** Single sign-on requests between the redirect to the identity provider and its callback. */
export const oidcRequests = pgTable('oidc_requests', {
  state: text('state').primaryKey(),
  codeVerifier: text('code_verifier').notNull(),
  nonce: text('nonce').notNull(),
  expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
  createdAt: createdAt(),
});

/**
 * Request counts per rate-limit key and window, shared by every app process on one database (a
 * limit held in one process's memory would let N processes allow N times as many). The key is a
 * SHA-256 of the limit's key, which may hold an IP address or an email.
 */
export const rateLimits = pgTable('rate_limits', {
  key: text('key').primaryKey(),
  hits: integer('hits').notNull(),
  windowEndsAt: timestamp('window_ends_at', { withTimezone: true, mode: 'date' }).notNull(),
});
