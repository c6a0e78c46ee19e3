/**
 * Annual budget requests (CS 921-style): positions by classification (FTEs × average salary, benefits
 * at a rate of salary), operating expenses and equipment, each justified. The LCSA's preparer saves and
 * submits; the state approves or returns it with comments. Money is computed to the cent per position.
 */
import { recordAudit } from '../../platform/audit/audit';
import type { Actor } from '../../platform/auth/actor';
import { assertCanWriteLcsa, authorize, rowFilter } from '../../platform/auth/scope';
import type { Tx } from '../../platform/db/connect';
import { AppError } from '../../platform/errors';
import type { BudgetRequestView, SaveBudgetRequest } from './contract';
import { budgetRequestOf, budgetRequestsOf, findBudgetRequest, saveBudgetContent, setBudgetStatus, type BudgetRequestRow as Row } from './store';

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
  const existing = await budgetRequestOf(tx, input.lcsaId, input.stateFiscalYear);
  if (existing && existing.status !== 'draft' && existing.status !== 'returned')
    throw new AppError('conflict', 'budget_not_editable', `The ${input.stateFiscalYear} budget request is ${existing.status}.`);
  const values = {
    positions: input.positions,
    items: input.items,
    totalCents: budgetFigures(input).totalCents,
    updatedBy: actor.userId,
  };
  const row = await saveBudgetContent(tx, existing, { lcsaId: input.lcsaId, stateFiscalYear: input.stateFiscalYear }, values);
  await recordAudit(tx, actor, {
    action: 'claims.budget.save',
    entityType: 'claim_budget_request',
    entityId: row.id,
    lcsaId: input.lcsaId,
    after: { totalCents: values.totalCents },
  });
  return viewOf(row);
}

export async function listBudgetRequests(tx: Tx, actor: Actor, stateFiscalYear: string): Promise<BudgetRequestView[]> {
  authorize(actor, 'claims.read');
  // Budget requests an actor sees: an LCSA its own; the state each once submitted (drafts are the LCSA's).
  const rows = await budgetRequestsOf(tx, rowFilter(actor), stateFiscalYear);
  return rows.map(viewOf);
}

export async function decideBudgetRequest(
  tx: Tx,
  actor: Actor,
  id: string,
  input: { action: 'submit' | 'approve' | 'return'; comment?: string },
): Promise<BudgetRequestView> {
  authorize(actor, input.action === 'submit' ? 'claims.prepare' : 'claims.review');
  const row = await findBudgetRequest(tx, rowFilter(actor), id);
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
  const updated = await setBudgetStatus(tx, id, { status, reviewComment: input.action === 'submit' ? row.reviewComment : comment });
  await recordAudit(tx, actor, {
    action: `claims.budget.${input.action}`,
    entityType: 'claim_budget_request',
    entityId: id,
    lcsaId: row.lcsaId,
    after: { status, comment },
  });
  return viewOf(updated);
}
