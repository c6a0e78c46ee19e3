/**
 * Finance policies as versioned data with effective dates. Where the law is silent ([GAP] in the
 * domain page) the choice is written here, with its reason, and can be replaced by a new version.
 */
import type { CalendarDate } from '../../../platform/dates';
import type { BasisPoints } from '../../../platform/money';
import { defaultDistributionPolicies, type DistributionPolicy } from './distribution';
import { defaultIncarcerationPolicies, type IncarcerationPolicy } from './incarceration';
import type { CollectionSource } from './types';

export interface InterestRate {
  /** Applies to installments falling due on or after this date (by due date). */
  dueFrom: CalendarDate;
  basisPoints: BasisPoints;
}

export interface InterestPolicy {
  effectiveFrom: CalendarDate;
  /**
   * monthly: each unpaid installment accrues rate/12 of its unpaid principal at every monthly anniversary
   * of its due date; daily: rate × days/365 on each day's unpaid principal. [GAP] DCSS publishes no
   * method; monthly is the default suggested by the domain page, daily serves court audits.
   */
  method: 'monthly' | 'daily';
  /**
   * cumulative: each installment's exact interest is kept as a fraction and only the rounded running total
   * is posted, so postings never drift ($500 × 10% for 12 months = $50.00); per_posting: every posting is
   * rounded on its own ($4.17 × 12 = $50.04). Half-up in both. [GAP] default cumulative.
   */
  rounding: 'cumulative' | 'per_posting';
  /** CCP 685.010 (10%); 7% for support due before 1983 (IRMO Thompson). */
  rates: InterestRate[];
  /** SCRA cap while the obligor is on active duty. */
  activeDutyCapBasisPoints: BasisPoints;
}

export interface CreditingPolicy {
  /** Applies to collections received on or after this date. */
  effectiveFrom: CalendarDate;
  /** CCP 695.221: order of application of a collection. */
  order: ('current' | 'principal' | 'interest')[];
  /** Sources applied to arrears only, never to current support: 45 CFR 302.51(a)(3) (federal); [GAP] state offsets treated alike. */
  arrearsOnlySources: CollectionSource[];
}

export interface FinancePolicies {
  interest: InterestPolicy[];
  crediting: CreditingPolicy[];
  distribution: DistributionPolicy[];
  /** FC 4007.5: when a stay in custody suspends support (incarceration.ts). */
  incarceration: IncarcerationPolicy[];
}

const californiaRates: InterestRate[] = [
  { dueFrom: '0001-01-01', basisPoints: 700 },
  { dueFrom: '1983-01-01', basisPoints: 1_000 },
];

export const defaultPolicies: FinancePolicies = {
  interest: [{ effectiveFrom: '0001-01-01', method: 'monthly', rounding: 'cumulative', rates: californiaRates, activeDutyCapBasisPoints: 600 }],
  crediting: [
    // Before AB 2669: current month, then interest, then principal.
    { effectiveFrom: '0001-01-01', order: ['current', 'interest', 'principal'], arrearsOnlySources: ['federal_tax_offset', 'state_tax_offset'] },
    // AB 2669 (Stats. 2004, ch. 305), CCP 695.221 from 2009-01-01: current month, then principal oldest first, then interest.
    { effectiveFrom: '2009-01-01', order: ['current', 'principal', 'interest'], arrearsOnlySources: ['federal_tax_offset', 'state_tax_offset'] },
  ],
  distribution: defaultDistributionPolicies,
  incarceration: defaultIncarcerationPolicies,
};

/** The version in force on `date`: the latest whose effectiveFrom is on or before it. */
export { inForce } from '../../../platform/versioned';

export function rateForDueDate(rates: InterestRate[], dueDate: CalendarDate): number {
  let rate = rates[0]!.basisPoints;
  for (const r of rates) if (r.dueFrom <= dueDate) rate = r.basisPoints;
  return rate;
}
