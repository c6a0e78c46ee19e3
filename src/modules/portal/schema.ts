import { index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { createdAt } from '../../platform/db/columns';

/**
 * A parent's sign-up in progress: the case facts were checked, a one-time code went to the contact on
 * file. A sign-up whose facts matched nobody is stored too (person null), so that the answer and the
 * timing do not tell whether a case, birth date and SSN belong together.
 */
export const portalSignUps = pgTable(
  'portal_sign_ups',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Null when the facts given matched no parent: such a sign-up can never be verified. */
    personId: uuid('person_id'),
    /** SHA-256 of the one-time code; the code itself is only in the message sent. */
    codeHash: text('code_hash').notNull(),
    attempts: integer('attempts').notNull().default(0),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
    verifiedAt: timestamp('verified_at', { withTimezone: true, mode: 'date' }),
    /** SHA-256 of the token that lets the verified sign-up choose its email and password (once). */
    finishTokenHash: text('finish_token_hash'),
    completedAt: timestamp('completed_at', { withTimezone: true, mode: 'date' }),
    createdAt: createdAt(),
  },
  (t) => [index('portal_sign_ups_person_idx').on(t.personId)],
);

/**
 * Messages to parents (one-time codes, request updates), kept as an outbox a delivery service sends
 * from: the destination is the contact on file at the time, read again when it is sent. In the demo
 * nothing is sent; state administrators read the outbox.
 */
export const portalMessages = pgTable(
  'portal_messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    personId: uuid('person_id').notNull(),
    channel: text('channel', { enum: ['sms', 'email'] }).notNull(),
    /** The destination as shown to staff: masked (`***-***-1234`, `m***@example.org`). */
    destinationMasked: text('destination_masked').notNull(),
    language: text('language').notNull(),
    body: text('body').notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true, mode: 'date' }),
    createdAt: createdAt(),
  },
  (t) => [index('portal_messages_created_idx').on(t.createdAt)],
);

/**
 * What a parent asked for, once: each becomes staff work in the module that owns it (an account audit
 * in finance's queue) or in the LCSA's portal queue (contact changes, order reviews, safety concerns).
 */
export const portalRequests = pgTable(
  'portal_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** The parent's own registry record on the case (or on their first case, for a request about them). */
    personId: uuid('person_id').notNull(),
    caseId: uuid('case_id').notNull(),
    lcsaId: text('lcsa_id').notNull(),
    kind: text('kind', {
      enum: ['account_audit', 'contact_update', 'order_review', 'safety_concern', 'notice_contest', 'lien_payoff', 'lien_release'],
    }).notNull(),
    status: text('status', { enum: ['received', 'in_review', 'done', 'declined'] }).notNull(),
    /** What the parent wrote and chose (never shown to the other parent). */
    detail: jsonb('detail').notNull(),
    /** The record the request became in its owning module (e.g. a finance audit request's id). */
    linkedType: text('linked_type'),
    linkedId: uuid('linked_id'),
    /** What staff answered, in words the parent reads. */
    answer: text('answer'),
    decidedBy: uuid('decided_by'),
    decidedAt: timestamp('decided_at', { withTimezone: true, mode: 'date' }),
    createdAt: createdAt(),
  },
  (t) => [index('portal_requests_person_idx').on(t.personId), index('portal_requests_queue_idx').on(t.lcsaId, t.status, t.createdAt)],
);

/**
 * A document a parent attached to one of their requests (a pay stub for an order review, a receipt for a
 * contest): a PDF, PNG or JPEG of at most 5 MiB, checked by its first bytes, kept sealed (AES-256-GCM
 * under the personal-data key) and opened only by staff, each opening audited.
 */
export const portalDocuments = pgTable(
  'portal_documents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    requestId: uuid('request_id').notNull(),
    fileName: text('file_name').notNull(),
    contentType: text('content_type').notNull(),
    bytes: integer('bytes').notNull(),
    sha256: text('sha256').notNull(),
    sealed: text('sealed').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('portal_documents_request_idx').on(t.requestId)],
);
