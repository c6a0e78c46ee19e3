/**
 * Trauma module policies as versioned data. None of these is set by law or by SAMHSA: they are [GAP]
 * choices, documented here and in the module README, replaceable by a new version.
 */
import { inForce } from '../../../platform/versioned';
import type { StageId } from './framework';
import type { CalendarDate } from '../../../platform/dates';

export interface TraumaPolicy {
  effectiveFrom: CalendarDate;
  /** Results are shown only for groups of at least this many respondents (the domain page's n ≥ 5). */
  minGroupSize: number;
  /**
   * Where a survey's overall score (its position between the scale's lowest and highest point, 0–1) places
   * the organisation on the Missouri Model: the lowest stage whose upper bound the score is below. [GAP]
   * the Missouri Model is a developmental description, not a score; these cut points are Concord's.
   */
  stageUpperBounds: { stage: StageId; below: number }[];
  /** The target for every domain when a campaign sets none, as the same 0–1 position (4 on a 1–5 scale). */
  defaultTargetPosition: number;
  /** Who counts as a manager or supervisor for leadership-training completion (Concord has no supervisor flag yet). */
  leadershipRoles: string[];
}

export const traumaPolicies: TraumaPolicy[] = [
  {
    effectiveFrom: '2020-01-01',
    minGroupSize: 5,
    stageUpperBounds: [
      { stage: 'trauma_aware', below: 0.375 },
      { stage: 'trauma_sensitive', below: 0.5625 },
      { stage: 'trauma_responsive', below: 0.75 },
      { stage: 'trauma_informed', below: Number.POSITIVE_INFINITY },
    ],
    defaultTargetPosition: 0.75,
    leadershipRoles: ['state_admin', 'lcsa_admin'],
  },
];

export function traumaPolicyOn(date: CalendarDate, versions: TraumaPolicy[] = traumaPolicies): TraumaPolicy {
  return inForce(versions, date);
}

/** The Missouri stage of a 0–1 position under the policy. */
export function stageOf(position: number, policy: TraumaPolicy): StageId {
  return policy.stageUpperBounds.find((b) => position < b.below)!.stage;
}
