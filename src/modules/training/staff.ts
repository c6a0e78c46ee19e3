/** Org units (the HQ divisions and one per LCSA) and staff (platform users with an org unit and hire date); LCSA administrators manage their own LCSA's staff. */
import { recordAudit } from '../../platform/audit/audit';
import type { Actor } from '../../platform/auth/actor';
import { authorize, isLcsaInScope } from '../../platform/auth/scope';
import type { Tx } from '../../platform/db/connect';
import { AppError } from '../../platform/errors';
import { listLcsas } from '../registry/index';
import type { Staff } from './contract';
import { runAssignments } from './assignments';
import { accountLcsa, allOrgUnits, insertOrgUnits, orgUnitExists, upsertStaff } from './store';

export const hqDivisions = [
  { id: 'hq-director', name: 'Office of the Director' },
  { id: 'hq-css', name: 'Child Support Services Division' },
  { id: 'hq-technology', name: 'Technology Services Division' },
  { id: 'hq-administration', name: 'Administrative Services Division' },
  { id: 'hq-legal', name: 'Office of Legal Services' },
  { id: 'hq-audits', name: 'Office of Audits and Compliance' },
];

/** The org units: the HQ divisions and one per LCSA (idempotent; run with the reference data). */
export async function loadTrainingReference(tx: Tx): Promise<void> {
  const agencies = await listLcsas(tx);
  await insertOrgUnits(tx, [
    ...hqDivisions.map((d) => ({ ...d, kind: 'hq_division' as const })),
    ...agencies.map((l) => ({ id: l.id, name: l.name, kind: 'lcsa' as const })),
  ]);
}

export async function listOrgUnits(tx: Tx, actor: Actor) {
  authorize(actor, 'training.learn');
  return allOrgUnits(tx);
}

/** An LCSA administrator manages only their LCSA's org unit; the state every unit. */
export function assertCanManageUnit(actor: Actor, orgUnitId: string): void {
  authorize(actor, 'training.manage');
  if (!isLcsaInScope(actor, orgUnitId))
    throw new AppError('forbidden', 'org_unit_out_of_scope', `You may manage only your own LCSA's training.`, [
      { path: '/orgUnitId', message: 'your own LCSA' },
    ]);
}

export async function setStaff(tx: Tx, actor: Actor, input: Staff): Promise<{ assigned: number }> {
  assertCanManageUnit(actor, input.orgUnitId);
  const user = await accountLcsa(tx, input.userId);
  if (!user || !isLcsaInScope(actor, user.lcsaId)) throw new AppError('not_found', 'user_not_found', `User ${input.userId} was not found.`);
  if (!(await orgUnitExists(tx, input.orgUnitId)))
    throw new AppError('validation', 'org_unit_unknown', `There is no org unit ${input.orgUnitId}.`, [{ path: '/orgUnitId', message: 'an org unit id' }]);
  await upsertStaff(tx, input);
  await recordAudit(tx, actor, { action: 'training.staff.set', entityType: 'user', entityId: input.userId, after: input });
  return runAssignments(tx, [input.userId]);
}
