/**
 * Adjustments under maker-checker. One finance user proposes (with a reason code, an effective date and a
 * justification); another, never the proposer, approves or rejects. A proposal is checked against the
 * replay when made and again when approved (a compromise larger than what is owed is refused); only
 * approved adjustments enter the replay, which re-runs crediting and distribution from their effective
 * date. Nothing is edited or deleted: a decision is recorded once, and every step is audited.
 */
import { recordAudit } from '../../platform/audit/audit';
import type { Actor } from '../../platform/auth/actor';
import { assertCanWriteLcsa, assertRowInScope, authorize, rowFilter } from '../../platform/auth/scope';
import type { Tx } from '../../platform/db/connect';
import { maxDate, todayInCalifornia } from '../../platform/dates';
import { AppError } from '../../platform/errors';
import { formatCents } from '../../platform/money';
import { caseNumbers, findCaseOwner } from '../registry/index';
import type { AdjustmentDecision, AdjustmentKind, AdjustmentView, NewAdjustment } from './contract';
import { replayAccount } from './domain/replay';
import type { Adjustment } from './domain/types';
import { decidePending, findAdjustment, findAdjustments, insertAdjustment, type AdjustmentRow as Row } from './store';
import { adjustmentOf, loadAccount } from './service';

function describe(kind: AdjustmentKind, terms: Record<string, unknown>): { amountCents: number | null; detail: string } {
  switch (kind) {
    case 'misapplied_receipt':
      return { amountCents: null, detail: `Receipt ${String(terms.collectionId)} was not this case's: it never counts` };
    case 'refund_over_collection':
      return { amountCents: terms.amountCents as number, detail: 'Refund to the obligor of money held beyond what is owed (22 CCR 119905)' };
    case 'compromise':
      return {
        amountCents: terms.amountCents as number,
        detail: `Compromise of ${terms.appliesTo === 'interest' ? 'interest' : 'state-owed (assigned) arrears'} (FC 17560)`,
      };
    case 'court_arrears_determination':
      return { amountCents: terms.principalCents as number, detail: `Court determined arrears of ${formatCents(terms.principalCents as number)}` };
  }
}

function viewOf(row: Row, caseNumber: string): AdjustmentView {
  const { amountCents, detail } = describe(row.kind as AdjustmentKind, row.terms as Record<string, unknown>);
  return {
    id: row.id,
    caseId: row.caseId,
    caseNumber,
    kind: row.kind as AdjustmentKind,
    effectiveOn: row.effectiveOn,
    amountCents,
    detail,
    justification: row.justification,
    status: row.status,
    proposedBy: row.proposedBy,
    proposedAt: row.createdAt.toISOString(),
    decidedBy: row.decidedBy,
    decidedAt: row.decidedAt?.toISOString() ?? null,
    decisionNote: row.decisionNote,
  };
}

/** Replays the case with `candidate` as if approved: the engine refuses an adjustment the account cannot bear. */
async function checkAgainstReplay(tx: Tx, actor: Actor, caseId: string, candidate: Adjustment) {
  const loaded = await loadAccount(tx, actor, caseId, [candidate]);
  if (candidate.kind === 'misapplied_receipt' && !loaded.collections.some((c) => c.receiptId === candidate.collectionId)) {
    throw new AppError('validation', 'receipt_not_on_case', `Receipt ${candidate.collectionId} was not posted to this case.`, [
      { path: '/collectionId', message: 'no such receipt on this case' },
    ]);
  }
  replayAccount(loaded.history, maxDate(candidate.effectiveOn, todayInCalifornia()));
  return loaded;
}

export async function proposeAdjustment(tx: Tx, actor: Actor, caseId: string, input: NewAdjustment): Promise<AdjustmentView> {
  authorize(actor, 'finance.adjust');
  const { justification, kind, effectiveOn, ...terms } = input;
  const { found } = await checkAgainstReplay(tx, actor, caseId, { ...input, id: 'proposed' } as Adjustment);
  assertCanWriteLcsa(actor, found.lcsaId);
  const row = await insertAdjustment(tx, { lcsaId: found.lcsaId, caseId, kind, effectiveOn, terms, justification, proposedBy: actor.userId! });
  await recordAudit(tx, actor, {
    action: 'finance.adjustment.propose',
    entityType: 'finance_adjustment',
    entityId: row!.id,
    lcsaId: found.lcsaId,
    after: input,
  });
  return viewOf(row!, found.caseNumber);
}

export async function decideAdjustment(tx: Tx, actor: Actor, adjustmentId: string, input: AdjustmentDecision): Promise<AdjustmentView> {
  authorize(actor, 'finance.approve');
  const row = await findAdjustment(tx, rowFilter(actor), adjustmentId);
  if (!row) throw new AppError('not_found', 'adjustment_not_found', `Adjustment ${adjustmentId} was not found in your scope.`);
  assertCanWriteLcsa(actor, row.lcsaId);
  if (row.proposedBy === actor.userId) {
    throw new AppError('forbidden', 'maker_checker', 'You proposed this adjustment: another finance user must approve or reject it.');
  }
  if (row.status !== 'pending') throw new AppError('conflict', 'adjustment_already_decided', `Adjustment ${adjustmentId} was already ${row.status}.`);
  if (input.decision === 'approve') await checkAgainstReplay(tx, actor, row.caseId, adjustmentOf(row));
  // Of two checkers deciding at once, one wins and the other is told.
  const decided = await decidePending(tx, adjustmentId, {
    status: input.decision === 'approve' ? 'approved' : 'rejected',
    decidedBy: actor.userId,
    decisionNote: input.note ?? null,
  });
  if (!decided) throw new AppError('conflict', 'adjustment_already_decided', `Adjustment ${adjustmentId} was decided by someone else just now.`);
  await recordAudit(tx, actor, {
    action: `finance.adjustment.${input.decision}`,
    entityType: 'finance_adjustment',
    entityId: adjustmentId,
    lcsaId: row.lcsaId,
    before: { status: row.status },
    after: { status: decided.status, note: input.note },
  });
  return viewOf(decided, (await caseNumbers(tx, [row.caseId])).get(row.caseId) ?? '');
}

/** The adjustments of one case (every status), or the queue of pending ones in the actor's scope. */
export async function listAdjustments(tx: Tx, actor: Actor, filter: { caseId?: string; status?: Row['status'] }): Promise<AdjustmentView[]> {
  authorize(actor, 'registry.read');
  if (filter.caseId) assertRowInScope(actor, await findCaseOwner(tx, filter.caseId), 'case_not_found', `Case ${filter.caseId}`);
  const rows = await findAdjustments(tx, rowFilter(actor), filter);
  const numbers = await caseNumbers(
    tx,
    rows.map((r) => r.caseId),
  );
  return rows.map((r) => viewOf(r, numbers.get(r.caseId) ?? ''));
}
