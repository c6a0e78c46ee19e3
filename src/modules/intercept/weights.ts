/**
 * The match weights the database's matching uses — claim file intake and the pre-payment lookups — so
 * that they and the offline CLI score with one engine and one parameter set: sets of m and u estimated
 * from files (`concord intercept match --save-weights`), loaded with the date they take effect from
 * (versioned data). The set in force on a day is the latest from on or before it; with none, the
 * priors in code (`defaultMatchPolicy`). The thresholds are always the policy's.
 */
import { recordAudit } from '../../platform/audit/audit';
import type { Actor } from '../../platform/auth/actor';
import { authorize, requireStatewide } from '../../platform/auth/scope';
import type { Tx } from '../../platform/db/connect';
import type { CalendarDate } from '../../platform/dates';
import { AppError } from '../../platform/errors';
import type { MatchWeightsView } from './contract';
import { policyFromSaved } from './domain/estimate';
import { defaultMatchPolicy, type MatchPolicy } from './domain/match';
import { fields, levelWeight } from './domain/scoring';
import { allMatchWeights, insertMatchWeights, matchWeightsByIds, matchWeightsInForce, type MatchWeightsRow } from './store';

export interface WeightsInForce {
  /** The set's id (null: the priors in code). */
  id: string | null;
  policy: MatchPolicy;
}

const priorsLabel = 'Concord’s prior weights (no estimated set in force)';
const labelOf = (row: MatchWeightsRow) => `Weights estimated from files, in force from ${row.effectiveFrom}: ${row.note}`;

/** The weights in force on a day, as a policy (the priors' thresholds kept). */
export async function weightsInForce(tx: Tx, asOf: CalendarDate): Promise<WeightsInForce> {
  const row = await matchWeightsInForce(tx, asOf);
  return row ? { id: row.id, policy: policyFromSaved(row.levels, `match weights ${row.id}`, defaultMatchPolicy) } : { id: null, policy: defaultMatchPolicy };
}

/** Loads a set of saved weights (statewide intercept managers): refused whole, naming the value, when any level is wrong. */
export async function loadMatchWeights(tx: Tx, actor: Actor, input: { weights: unknown; effectiveFrom: CalendarDate; note: string }): Promise<{ id: string }> {
  authorize(actor, 'intercept.manage');
  requireStatewide(actor, 'Only the state sets the weights every LCSA’s matches are scored with.');
  try {
    policyFromSaved(input.weights, 'weights', defaultMatchPolicy);
  } catch (error) {
    throw new AppError('validation', 'invalid_match_weights', (error as Error).message, [{ path: '/weights', message: (error as Error).message }]);
  }
  const id = await insertMatchWeights(tx, { effectiveFrom: input.effectiveFrom, levels: input.weights, note: input.note, createdBy: actor.userId });
  await recordAudit(tx, actor, {
    action: 'intercept.match_weights.load',
    entityType: 'intercept_match_weights',
    entityId: id,
    after: { effectiveFrom: input.effectiveFrom, note: input.note },
  });
  return { id };
}

/** Every set, the latest in force first, with the weight of each level. */
export async function listMatchWeights(tx: Tx, actor: Actor, asOf: CalendarDate): Promise<MatchWeightsView[]> {
  authorize(actor, 'intercept.manage');
  const inForce = await matchWeightsInForce(tx, asOf);
  return (await allMatchWeights(tx)).map((row) => {
    const policy = policyFromSaved(row.levels, `match weights ${row.id}`, defaultMatchPolicy);
    return {
      id: row.id,
      effectiveFrom: row.effectiveFrom,
      note: row.note,
      isInForce: row.id === inForce?.id,
      weights: Object.fromEntries(
        fields.map((field) => [
          field,
          Object.fromEntries(Object.entries(policy[field] as Record<string, { m: number; u: number }>).map(([level, p]) => [level, levelWeight(p)])),
        ]),
      ),
    };
  });
}

/** What each match's score was made with, in words, by the weights ids on the matches (null: the priors). */
export async function weightsLabels(tx: Tx, ids: (string | null)[]): Promise<Map<string | null, string>> {
  const labels = new Map<string | null, string>([[null, priorsLabel]]);
  for (const row of await matchWeightsByIds(tx, [...new Set(ids.filter((id): id is string => !!id))])) labels.set(row.id, labelOf(row));
  return labels;
}
