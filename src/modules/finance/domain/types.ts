/** The plain data the finance engine works on: no database, clock or I/O. */
import type { CalendarDate } from '../../../platform/dates';
import type { Cents } from '../../../platform/money';

export type Frequency = 'monthly' | 'semi_monthly' | 'biweekly' | 'weekly';

export interface OrderTerm {
  effectiveFrom: CalendarDate;
  reason: 'original' | 'modification' | 'termination';
  frequency: Frequency;
  /** Per period of `frequency`. */
  amountCents: Cents;
  isReserved: boolean;
}

export interface FinanceOrder {
  id: string;
  issuedOn: CalendarDate;
  terms: OrderTerm[];
  /** A court-ordered rate, or the issuing state's rate for an out-of-state order; overrides the table. */
  interestRateOverrideBasisPoints?: number;
}

/** FC 4007.5: no support is charged for installments falling due in these periods (inclusive). */
export interface SuspensionPeriod {
  from: CalendarDate;
  to: CalendarDate;
}

/** Servicemembers Civil Relief Act: interest is capped while the obligor is on active duty (inclusive). */
export interface ActiveDutyPeriod {
  from: CalendarDate;
  to: CalendarDate;
}

export const collectionSources = [
  'wage_withholding',
  'voluntary',
  'federal_tax_offset',
  'state_tax_offset',
  'unemployment_insurance',
  'insurance_intercept',
  'lien_payoff',
  'other',
] as const;
export type CollectionSource = (typeof collectionSources)[number];

export interface Collection {
  id: string;
  /** The date the State Disbursement Unit received it (45 CFR 302.51(a)(4)). */
  receivedOn: CalendarDate;
  amountCents: Cents;
  source: CollectionSource;
}

export interface Installment {
  id: string;
  orderId: string;
  dueDate: CalendarDate;
  amountCents: Cents;
}

/** A CalWORKs period and the monthly grant paid, which adds to unreimbursed assistance (URA). */
export interface AssistancePeriod {
  from: CalendarDate;
  /** Null while assistance continues. */
  to: CalendarDate | null;
  monthlyGrantCents: Cents;
}

/**
 * Corrections never edit history: each is an event with a reason code and an effective date, and the
 * replay from that date on explains the difference.
 */
export type Adjustment =
  /** The receipt was not this obligor's (or was keyed wrong): from its effective date it never counted. */
  | { id: string; kind: 'misapplied_receipt'; effectiveOn: CalendarDate; collectionId: string }
  /** 22 CCR 119905: money held beyond everything owed is refunded to the obligor. */
  | { id: string; kind: 'refund_over_collection'; effectiveOn: CalendarDate; amountCents: Cents }
  /** FC 17560: an accepted offer in compromise of state-owed (assigned) arrears or of interest. */
  | { id: string; kind: 'compromise'; effectiveOn: CalendarDate; amountCents: Cents; appliesTo: 'assigned_principal' | 'interest' }
  /** A court determines the arrears (principal due before the effective month) to be this amount. */
  | { id: string; kind: 'court_arrears_determination'; effectiveOn: CalendarDate; principalCents: Cents };
