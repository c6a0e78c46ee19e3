/**
 * The action plan's progress, which the strategic plan's tactic reads: the share of actions done, of
 * those not deferred ([GAP] every action weighs the same; deferred ones leave the count until taken up).
 *
 * @example percentComplete([{ status: 'done' }, { status: 'in_progress' }, { status: 'deferred' }]) // 50
 */
export interface PlanAction {
  status: 'planned' | 'in_progress' | 'done' | 'deferred';
}

export function percentComplete(actions: PlanAction[]): number {
  const counted = actions.filter((a) => a.status !== 'deferred');
  if (counted.length === 0) return 0;
  return Math.floor((100 * counted.filter((a) => a.status === 'done').length) / counted.length);
}
