/**
 * Allocations: each LCSA's annual allocation per funding stream (administration, EDP maintenance and
 * operations, one-time projects), set by the state — by hand or from the methodology calculator, whose
 * working is kept with the allocation.
 */
import { recordAudit } from '../../platform/audit/audit';
import type { Actor } from '../../platform/auth/actor';
import { authorize, rowFilter } from '../../platform/auth/scope';
import type { Tx } from '../../platform/db/connect';
import { AppError } from '../../platform/errors';
import { inForce } from '../../platform/versioned';
import { lcsaNames } from '../registry/index';
import type { Allocation, AllocationResult } from './contract';
import { allocate, defaultAllocationPolicies, type AllocationInputs } from './domain/allocation';
import { allocationsOf, upsertAllocation } from './store';

export async function setAllocation(tx: Tx, actor: Actor, input: Allocation, working: AllocationResult | null = null): Promise<Allocation> {
  authorize(actor, 'claims.allocate');
  if (!(await lcsaNames(tx)).has(input.lcsaId))
    throw new AppError('validation', 'lcsa_unknown', `There is no LCSA ${input.lcsaId}.`, [{ path: '/lcsaId', message: 'an LCSA id' }]);
  await upsertAllocation(tx, input, working, actor.userId);
  await recordAudit(tx, actor, { action: 'claims.allocation.set', entityType: 'claim_allocation', lcsaId: input.lcsaId, after: input });
  return input;
}

export async function listAllocations(tx: Tx, actor: Actor, stateFiscalYear: string): Promise<Allocation[]> {
  authorize(actor, 'claims.read');
  const rows = await allocationsOf(tx, rowFilter(actor), stateFiscalYear);
  return rows.map((r) => ({ lcsaId: r.lcsaId, stateFiscalYear: r.stateFiscalYear, stream: r.stream, amountCents: r.amountCents }));
}

/** The methodology calculator: the allocation and every step of its working (nothing is saved). */
export function calculateAllocation(actor: Actor, inputs: AllocationInputs, stateFiscalYear: string): AllocationResult {
  authorize(actor, 'claims.read');
  return allocate(inputs, inForce(defaultAllocationPolicies, `${stateFiscalYear.slice(0, 4)}-07-01`));
}
