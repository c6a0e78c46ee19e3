/**
 * The action plan's progress, which the strategic plan's tactic reads: the share of actions done, of
 * those not deferred ([GAP] every action weighs the same; deferred ones leave the count until taken up).
 *
 * @example planProgress([{ status: 'done' }, { status: 'in_progress' }, { status: 'deferred' }]) // { percentComplete: 50, done: 1, total: 2 }
 */
export interface PlanAction {
  status: 'planned' | 'in_progress' | 'done' | 'deferred';
}

export function planProgress(actions: PlanAction[]): { percentComplete: number; done: number; total: number } {
  const counted = actions.filter((a) => a.status !== 'deferred');
  const done = counted.filter((a) => a.status === 'done').length;
  return { percentComplete: counted.length === 0 ? 0 : Math.floor((100 * done) / counted.length), done, total: counted.length };
}

export function percentComplete(actions: PlanAction[]): number {
  return planProgress(actions).percentComplete;
}
