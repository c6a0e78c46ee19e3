/**
 * The LCSA allocation methodology (from 2019-20, DCSS and the Child Support Directors Association; the
 * domain page's 3.2) as a calculator that shows its working:
 * - workload: a level-of-effort study set 188 cases per FTE;
 * - baseline = FTEs needed × average cost per FTE + call-centre funding + operating expenses and equipment;
 * - an LCSA below its baseline gets the increase phased in over 3 years (a third a year);
 * - hold harmless: no LCSA loses funding — one above its baseline keeps its prior allocation.
 * [GAP] Rounding of FTEs is not published: Concord keeps the exact fraction and rounds money to the cent.
 */
import { formatCents } from '../../../platform/money';
import type { CalendarDate } from '../../../platform/dates';

export interface AllocationPolicy {
  effectiveFrom: CalendarDate;
  casesPerFte: number;
  phaseInYears: number;
}

export const defaultAllocationPolicies: AllocationPolicy[] = [{ effectiveFrom: '2019-07-01', casesPerFte: 188, phaseInYears: 3 }];

export interface AllocationInputs {
  openCases: number;
  averageCostPerFteCents: number;
  callCenterCents: number;
  operatingExpensesCents: number;
  priorAllocationCents: number;
  /** Which year of the phase-in this is (1 = the first year of the methodology). */
  phaseInYear: number;
}

export interface AllocationStep {
  label: string;
  value: string;
}

export interface AllocationResult {
  baselineCents: number;
  allocationCents: number;
  isHeldHarmless: boolean;
  steps: AllocationStep[];
}

export function allocate(inputs: AllocationInputs, policy: AllocationPolicy): AllocationResult {
  const fte = inputs.openCases / policy.casesPerFte;
  const staffCents = Math.round((inputs.openCases * inputs.averageCostPerFteCents) / policy.casesPerFte);
  const baselineCents = staffCents + inputs.callCenterCents + inputs.operatingExpensesCents;
  const gap = baselineCents - inputs.priorAllocationCents;
  const share = Math.min(Math.max(inputs.phaseInYear, 0), policy.phaseInYears) / policy.phaseInYears;
  const isHeldHarmless = gap <= 0;
  const allocationCents = isHeldHarmless ? inputs.priorAllocationCents : inputs.priorAllocationCents + Math.round(gap * share);
  const steps: AllocationStep[] = [
    { label: `FTEs needed: ${inputs.openCases.toLocaleString('en-US')} cases ÷ ${policy.casesPerFte} cases per FTE`, value: fte.toFixed(2) },
    { label: `Staff cost: FTEs × ${formatCents(inputs.averageCostPerFteCents)} average cost per FTE`, value: formatCents(staffCents) },
    { label: 'Call centre', value: formatCents(inputs.callCenterCents) },
    { label: 'Operating expenses and equipment', value: formatCents(inputs.operatingExpensesCents) },
    { label: 'Baseline', value: formatCents(baselineCents) },
    { label: 'Prior allocation', value: formatCents(inputs.priorAllocationCents) },
    isHeldHarmless
      ? { label: 'At or above baseline: held harmless at the prior allocation', value: formatCents(allocationCents) }
      : {
          label: `Below baseline by ${formatCents(gap)}: year ${Math.min(inputs.phaseInYear, policy.phaseInYears)} of ${policy.phaseInYears} of the phase-in adds ${Math.round(share * 100)}%`,
          value: formatCents(allocationCents),
        },
  ];
  return { baselineCents, allocationCents, isHeldHarmless, steps };
}
