/**
 * Finance use cases over stored data: post a collection (idempotent by receipt id) and read a case's
 * account as of a date — replayed from the registry's orders and assistance history and the stored
 * collections, so what is shown is always what the rules give today.
 */
import { asc, eq } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/audit';
import type { Actor } from '../../platform/auth/actor';
import { assertCanWriteLcsa, assertRowInScope, authorize } from '../../platform/auth/scope';
import type { Tx } from '../../platform/db/connect';
import { AppError } from '../../platform/errors';
import { findCaseOwner, findCaseWithParts, type CaseWithParts } from '../registry/index';
import type { AccountView, NewCollection } from './contract';
import { monthlyAudit } from './domain/account-audit';
import { replayAccount, type CaseHistory } from './domain/replay';
import type { CollectionSource } from './domain/types';
import { financeCollections } from './schema';

async function caseInScope(tx: Tx, actor: Actor, caseId: string): Promise<CaseWithParts> {
  return assertRowInScope(actor, await findCaseWithParts(tx, caseId), 'case_not_found', `Case ${caseId}`);
}

/** Posts a collection once per receipt id: the same receipt again changes nothing; different content is a conflict. */
export async function postCollection(tx: Tx, actor: Actor, caseId: string, input: NewCollection): Promise<{ isNew: boolean }> {
  authorize(actor, 'finance.post');
  const found = assertRowInScope(actor, await findCaseOwner(tx, caseId), 'case_not_found', `Case ${caseId}`);
  assertCanWriteLcsa(actor, found.lcsaId);
  const [inserted] = await tx
    .insert(financeCollections)
    .values({
      lcsaId: found.lcsaId,
      caseId,
      receiptId: input.receiptId,
      receivedOn: input.receivedOn,
      amountCents: input.amountCents,
      source: input.source,
      postedBy: actor.userId,
    })
    .onConflictDoNothing()
    .returning({ id: financeCollections.id });
  if (!inserted) {
    const [existing] = await tx.select().from(financeCollections).where(eq(financeCollections.receiptId, input.receiptId));
    const isSame =
      existing?.caseId === caseId && existing.receivedOn === input.receivedOn && existing.amountCents === input.amountCents && existing.source === input.source;
    if (!isSame) {
      throw new AppError('conflict', 'receipt_already_posted_differently', `Receipt ${input.receiptId} was already posted with other details.`, [
        { path: '/receiptId', message: 'already used' },
      ]);
    }
    return { isNew: false };
  }
  await recordAudit(tx, actor, { action: 'finance.collection.post', entityType: 'case', entityId: caseId, lcsaId: found.lcsaId, after: input });
  return { isNew: true };
}

function historyOf(found: CaseWithParts, collections: (typeof financeCollections.$inferSelect)[]): CaseHistory {
  return {
    caseId: found.id,
    orders: found.orders.map((o) => ({ id: o.id, issuedOn: o.issuedOn, terms: o.terms })),
    collections: collections.map((c) => ({ id: c.receiptId, receivedOn: c.receivedOn, amountCents: c.amountCents, source: c.source as CollectionSource })),
    suspensions: [],
    activeDuty: [],
    // [GAP] The registry keeps no grant amounts yet: URA is unknown, so nothing is retained as reimbursement here.
    assistance: found.assistance.filter((a) => a.program === 'calworks').map((a) => ({ from: a.startsOn, to: a.endsOn, monthlyGrantCents: 0 })),
    childCount: Math.max(1, found.people.filter((p) => p.role === 'child').length),
    adjustments: [],
  };
}

export async function accountOf(tx: Tx, actor: Actor, caseId: string, asOf: string): Promise<AccountView> {
  authorize(actor, 'registry.read');
  const found = await caseInScope(tx, actor, caseId);
  const collections = await tx.select().from(financeCollections).where(eq(financeCollections.caseId, caseId)).orderBy(asc(financeCollections.receivedOn));
  const result = replayAccount(historyOf(found, collections), asOf);
  await recordAudit(tx, actor, { action: 'finance.account.read', entityType: 'case', entityId: caseId, lcsaId: found.lcsaId, detail: { asOf } });
  const { principalCents, interestCents, interestAccruedUnpostedCents, futuresCents, chargedCents, collectedCents } = result.balances;
  return {
    caseId,
    asOf,
    balances: { principalCents, interestCents, interestAccruedUnpostedCents, futuresCents, chargedCents, collectedCents },
    months: monthlyAudit(result.entries),
    collections: collections.map((c) => ({
      receiptId: c.receiptId,
      receivedOn: c.receivedOn,
      amountCents: c.amountCents,
      source: c.source as CollectionSource,
    })),
  };
}
