/**
 * Annual budget requests (CS 921-style): positions by classification (FTEs × average salary, benefits
 * at a rate of salary), operating expenses and equipment, each justified. The LCSA's preparer saves and
 * submits; the state approves or returns it with comments. Money is computed to the cent per position.
 */
import { and, asc, eq, ne } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/audit';
import type { Actor } from '../../platform/auth/actor';
import { assertCanWriteLcsa, authorize, recordScope } from '../../platform/auth/scope';
import type { Tx } from '../../platform/db/connect';
import { AppError } from '../../platform/errors';
import type { BudgetRequestView, SaveBudgetRequest } from './contract';
import { claimBudgetRequests } from './schema';

type Row = typeof claimBudgetRequests.$inferSelect;

/** A request's figures: each position's salaries (FTE × average salary) and benefits, rounded to the cent, then the sums. */
export function budgetFigures(input: Pick<SaveBudgetRequest, 'positions' | 'items'>) {
  const positions = input.positions.map((p) => {
    const salariesCents = Math.round(p.fte * p.averageSalaryCents);
    return { ...p, salariesCents, benefitsCents: Math.round((salariesCents * p.benefitsRateBasisPoints) / 10_000) };
  });
  const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
  const salariesCents = sum(positions.map((p) => p.salariesCents));
  const benefitsCents = sum(positions.map((p) => p.benefitsCents));
  const operatingExpensesCents = sum(input.items.filter((i) => i.kind === 'operating_expenses').map((i) => i.amountCents));
  const equipmentCents = sum(input.items.filter((i) => i.kind === 'equipment').map((i) => i.amountCents));
  return {
    positions,
    fte: Math.round(sum(positions.map((p) => p.fte)) * 100) / 100,
    salariesCents,
    benefitsCents,
    operatingExpensesCents,
    equipmentCents,
    totalCents: salariesCents + benefitsCents + operatingExpensesCents + equipmentCents,
  };
}

function viewOf(row: Row): BudgetRequestView {
  const figures = budgetFigures({ positions: row.positions as SaveBudgetRequest['positions'], items: row.items as SaveBudgetRequest['items'] });
  return {
    id: row.id,
    lcsaId: row.lcsaId,
    stateFiscalYear: row.stateFiscalYear,
    status: row.status,
    version: row.version,
    items: row.items as SaveBudgetRequest['items'],
    reviewComment: row.reviewComment,
    ...figures,
  };
}

export async function saveBudgetRequest(tx: Tx, actor: Actor, input: SaveBudgetRequest): Promise<BudgetRequestView> {
  authorize(actor, 'claims.prepare');
  assertCanWriteLcsa(actor, input.lcsaId);
  const [existing] = await tx
    .select()
    .from(claimBudgetRequests)
    .where(and(eq(claimBudgetRequests.lcsaId, input.lcsaId), eq(claimBudgetRequests.stateFiscalYear, input.stateFiscalYear)));
  if (existing && existing.status !== 'draft' && existing.status !== 'returned')
    throw new AppError('conflict', 'budget_not_editable', `The ${input.stateFiscalYear} budget request is ${existing.status}.`);
  const values = {
    positions: input.positions,
    items: input.items,
    totalCents: budgetFigures(input).totalCents,
    updatedBy: actor.userId,
    updatedAt: new Date(),
  };
  const [row] = existing
    ? await tx
        .update(claimBudgetRequests)
        .set({ ...values, version: existing.version + 1 })
        .where(eq(claimBudgetRequests.id, existing.id))
        .returning()
    : await tx
        .insert(claimBudgetRequests)
        .values({ ...values, lcsaId: input.lcsaId, stateFiscalYear: input.stateFiscalYear, status: 'draft', version: 1 })
        .returning();
  await recordAudit(tx, actor, {
    action: 'claims.budget.save',
    entityType: 'claim_budget_request',
    entityId: row!.id,
    lcsaId: input.lcsaId,
    after: { totalCents: values.totalCents },
  });
  return viewOf(row!);
}

/** Budget requests an actor sees: an LCSA its own; the state each once submitted (drafts are the LCSA's). */
function budgetScope(actor: Actor) {
  return recordScope(actor, { lcsa: claimBudgetRequests.lcsaId, statewide: ne(claimBudgetRequests.status, 'draft') });
}

export async function listBudgetRequests(tx: Tx, actor: Actor, stateFiscalYear: string): Promise<BudgetRequestView[]> {
  authorize(actor, 'claims.read');
  const rows = await tx
    .select()
    .from(claimBudgetRequests)
    .where(and(eq(claimBudgetRequests.stateFiscalYear, stateFiscalYear), budgetScope(actor)))
    .orderBy(asc(claimBudgetRequests.lcsaId));
  return rows.map(viewOf);
}

export async function decideBudgetRequest(
  tx: Tx,
  actor: Actor,
  id: string,
  input: { action: 'submit' | 'approve' | 'return'; comment?: string },
): Promise<BudgetRequestView> {
  authorize(actor, input.action === 'submit' ? 'claims.prepare' : 'claims.review');
  const [row] = await tx
    .select()
    .from(claimBudgetRequests)
    .where(and(eq(claimBudgetRequests.id, id), budgetScope(actor)));
  if (!row) throw new AppError('not_found', 'budget_not_found', `Budget request ${id} was not found.`);
  assertCanWriteLcsa(actor, row.lcsaId);
  const from = input.action === 'submit' ? ['draft', 'returned'] : ['submitted'];
  if (!from.includes(row.status))
    throw new AppError(
      'conflict',
      'budget_status_conflict',
      `A budget request that is ${row.status} cannot be ${input.action === 'submit' ? 'submitted' : input.action === 'approve' ? 'approved' : 'returned'}.`,
    );
  const comment = input.comment?.trim() || null;
  if (input.action === 'return' && !comment)
    throw new AppError('validation', 'comment_required', 'Say what must change.', [{ path: '/comment', message: 'required to return a request' }]);
  if (input.action === 'submit' && (row.positions as unknown[]).length === 0)
    throw new AppError('validation', 'budget_empty', 'A budget request needs at least one position.', [
      { path: '/positions', message: 'at least one position' },
    ]);
  const status = input.action === 'submit' ? 'submitted' : input.action === 'approve' ? 'approved' : 'returned';
  const [updated] = await tx
    .update(claimBudgetRequests)
    .set({ status, reviewComment: input.action === 'submit' ? row.reviewComment : comment, updatedAt: new Date() })
    .where(eq(claimBudgetRequests.id, id))
    .returning();
  await recordAudit(tx, actor, {
    action: `claims.budget.${input.action}`,
    entityType: 'claim_budget_request',
    entityId: id,
    lcsaId: row.lcsaId,
    after: { status, comment },
  });
  return viewOf(updated!);
}
