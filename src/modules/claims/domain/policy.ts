/**
 * Claim lines, federal shares and deadlines as versioned policy (the domain page's 3.1–3.3).
 *
 * - Lines follow California's administrative expenditure claim (CS 356) by cost category; each maps to an
 *   OCSE-396 line and carries its federal financial participation rate: 66% (42 USC 655(a)(2)(C)) except
 *   administrative costs paid with incentives (1a) and non-IV-D costs (1c), which get none. [GAP] The
 *   current CS 356 line layout was not found: these categories are the domain page's list. Line 1d (costs
 *   paid with incentives under an exemption — "waiver" before the 2024 revision) has no FFP either.
 * - State share: what is claimed less its federal share, on every line but those paid with incentives
 *   (1a, 1d) and non-IV-D costs (1c) — they are neither federal nor state IV-D money (OCSE-396 line 15).
 * - Program income (fees and costs recovered, interest) is entered as a positive amount and subtracted
 *   before FFP (45 CFR 304.12(b)(4)(iii)).
 * - Rounding: the federal share of every claim line and column is the amount × rate, rounded half away
 *   from zero to the cent; the state share is the amount less the federal share. Every total, for a
 *   claim or statewide, is the sum of those line cents — never recomputed from a total — so a total
 *   always equals the sum of the lines behind it.
 * - Due 15 days after the quarter ends ([GAP]: the Kern deck's figure may be old; configurable here).
 * - Attachments: a time study summary every quarter; a time certification summary twice a year, in the
 *   first and third quarters of the state fiscal year (certified in August and February).
 */
import type { CalendarDate } from '../../../platform/dates';
import type { BasisPoints, Cents } from '../../../platform/money';
export const claimLineCodes = [
  'salaries',
  'benefits',
  'services_supplies',
  'indirect',
  'collections_distribution',
  'incentive_funded',
  'incentive_exemption',
  'non_ivd',
  'income_fees',
  'income_interest',
  'edp_development',
  'edp_mo',
] as const;
export type ClaimLineCode = (typeof claimLineCodes)[number];

export const fundingStreams = ['administration', 'edp_mo', 'one_time'] as const;
export type FundingStream = (typeof fundingStreams)[number];

export type Ocse396Line = '1a' | '1b' | '1c' | '1d' | '2a' | '2b' | '4' | '5';

export interface ClaimLineDefinition {
  code: ClaimLineCode;
  label: string;
  ocse396: Ocse396Line;
  federalRateBasisPoints: BasisPoints;
  /** The allocation the line draws on; null for lines that draw on none (non-IV-D, income). */
  stream: FundingStream | null;
  /** Program income: subtracted from costs. */
  isIncome: boolean;
}

export const attachmentKinds = ['time_study', 'time_certification'] as const;
export type AttachmentKind = (typeof attachmentKinds)[number];

/**
 * The exceptions to the two-year claiming limit (45 CFR 95.19): an adjustment to prior year costs (a cost
 * first claimed at an interim rate), a claim from an audit exception, one from a court-ordered retroactive
 * payment, and one the Secretary accepts for good cause. Each needs a reference (the rate agreement, the
 * audit, the order, the decision).
 */
export const adjustmentExceptions = ['prior_year_cost_adjustment', 'audit_exception', 'court_ordered_retroactive_payment', 'good_cause'] as const;
export type AdjustmentException = (typeof adjustmentExceptions)[number];

export interface ClaimPolicy {
  /** The first quarter (its first day) the policy applies to. */
  effectiveFrom: CalendarDate;
  dueDaysAfterQuarterEnd: number;
  /** The state's OCSE-396 is due this many days after the quarter ends (45 CFR 301.15). */
  federalDueDaysAfterQuarterEnd: number;
  /**
   * The claiming limit (Social Security Act 1132, 45 CFR 95.7): an expenditure must be claimed within the
   * two-year period that begins on the first day of the quarter after the one it was made in — that is, by
   * the end of the eighth quarter after it.
   */
  claimingLimitQuarters: number;
  /** OCSE-396 lines whose costs carry no state share: paid with incentives, or not IV-D at all. */
  noStateShareLines: Ocse396Line[];
  lines: ClaimLineDefinition[];
  /** State fiscal quarters needing a time certification summary; every quarter needs a time study summary. */
  timeCertificationStateQuarters: number[];
}

const ffp = 6_600;

export const defaultClaimPolicies: ClaimPolicy[] = [
  {
    effectiveFrom: '2019-07-01',
    dueDaysAfterQuarterEnd: 15,
    federalDueDaysAfterQuarterEnd: 45,
    claimingLimitQuarters: 8,
    noStateShareLines: ['1a', '1c', '1d'],
    timeCertificationStateQuarters: [1, 3],
    lines: [
      { code: 'salaries', label: 'Salaries and wages', ocse396: '1b', federalRateBasisPoints: ffp, stream: 'administration', isIncome: false },
      { code: 'benefits', label: 'Staff benefits', ocse396: '1b', federalRateBasisPoints: ffp, stream: 'administration', isIncome: false },
      { code: 'services_supplies', label: 'Services and supplies', ocse396: '1b', federalRateBasisPoints: ffp, stream: 'administration', isIncome: false },
      {
        code: 'indirect',
        label: 'Indirect costs (countywide cost allocation plan)',
        ocse396: '1b',
        federalRateBasisPoints: ffp,
        stream: 'administration',
        isIncome: false,
      },
      {
        code: 'collections_distribution',
        label: 'Collections and distribution',
        ocse396: '1b',
        federalRateBasisPoints: ffp,
        stream: 'administration',
        isIncome: false,
      },
      {
        code: 'incentive_funded',
        label: 'Administrative costs paid with incentives',
        ocse396: '1a',
        federalRateBasisPoints: 0,
        stream: 'administration',
        isIncome: false,
      },
      {
        code: 'incentive_exemption',
        label: 'Administrative costs paid with incentives under an exemption',
        ocse396: '1d',
        federalRateBasisPoints: 0,
        stream: 'administration',
        isIncome: false,
      },
      { code: 'non_ivd', label: 'Non-IV-D costs (excluded from FFP)', ocse396: '1c', federalRateBasisPoints: 0, stream: null, isIncome: false },
      { code: 'income_fees', label: 'Program income: fees and costs recovered', ocse396: '2a', federalRateBasisPoints: ffp, stream: null, isIncome: true },
      { code: 'income_interest', label: 'Program income: interest and other', ocse396: '2b', federalRateBasisPoints: ffp, stream: null, isIncome: true },
      { code: 'edp_development', label: 'EDP development (APD required)', ocse396: '4', federalRateBasisPoints: ffp, stream: 'one_time', isIncome: false },
      { code: 'edp_mo', label: 'EDP maintenance and operations', ocse396: '5', federalRateBasisPoints: ffp, stream: 'edp_mo', isIncome: false },
    ],
  },
];

/** amount × rate / 10,000, half away from zero, in whole cents (exact in integers). */
export function federalShareCents(amountCents: Cents, basisPoints: BasisPoints): Cents {
  const sign = amountCents < 0 ? -1 : 1;
  const scaled = Math.abs(amountCents) * basisPoints;
  return sign * Math.floor((scaled + 5_000) / 10_000);
}
