/** Org units (the HQ divisions and one per LCSA) and staff (platform users with an org unit and hire date); LCSA administrators manage their own LCSA's staff. */
import { asc, eq } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/audit';
import type { Actor } from '../../platform/auth/actor';
import { users } from '../../platform/auth/schema';
import { authorize, isLcsaInScope } from '../../platform/auth/scope';
import type { Tx } from '../../platform/db/connect';
import { AppError } from '../../platform/errors';
import { listLcsas } from '../registry/index';
import type { Staff } from './contract';
import { runAssignments } from './assignments';
import { trainingOrgUnits, trainingStaff } from './schema';

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
  await tx
    .insert(trainingOrgUnits)
    .values([...hqDivisions.map((d) => ({ ...d, kind: 'hq_division' as const })), ...agencies.map((l) => ({ id: l.id, name: l.name, kind: 'lcsa' as const }))])
    .onConflictDoNothing();
}

export async function listOrgUnits(tx: Tx, actor: Actor) {
  authorize(actor, 'training.learn');
  return tx
    .select({ id: trainingOrgUnits.id, name: trainingOrgUnits.name, kind: trainingOrgUnits.kind })
    .from(trainingOrgUnits)
    .orderBy(asc(trainingOrgUnits.kind), asc(trainingOrgUnits.name));
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
  const [user] = await tx.select({ id: users.id, lcsaId: users.lcsaId }).from(users).where(eq(users.id, input.userId));
  if (!user || !isLcsaInScope(actor, user.lcsaId)) throw new AppError('not_found', 'user_not_found', `User ${input.userId} was not found.`);
  const [unit] = await tx.select({ id: trainingOrgUnits.id }).from(trainingOrgUnits).where(eq(trainingOrgUnits.id, input.orgUnitId));
  if (!unit)
    throw new AppError('validation', 'org_unit_unknown', `There is no org unit ${input.orgUnitId}.`, [{ path: '/orgUnitId', message: 'an org unit id' }]);
  await tx
    .insert(trainingStaff)
    .values(input)
    .onConflictDoUpdate({ target: trainingStaff.userId, set: { orgUnitId: input.orgUnitId, hireDate: input.hireDate } });
  await recordAudit(tx, actor, { action: 'training.staff.set', entityType: 'user', entityId: input.userId, after: input });
  return runAssignments(tx, [input.userId]);
}
