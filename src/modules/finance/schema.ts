import { date, index, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { cents, createdAt } from '../../platform/db/columns';

/** Collections as received: the source events the account replays. A receipt id is posted once. */
export const financeCollections = pgTable(
  'finance_collections',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    lcsaId: text('lcsa_id').notNull(),
    caseId: uuid('case_id').notNull(),
    receiptId: text('receipt_id').notNull().unique(),
    receivedOn: date('received_on', { mode: 'string' }).notNull(),
    amountCents: cents('amount_cents').notNull(),
    source: text('source').notNull(),
    postedBy: uuid('posted_by'),
    createdAt: createdAt(),
  },
  (t) => [index('finance_collections_case_idx').on(t.caseId, t.receivedOn)],
);
