/**
 * When and where to record a support lien, as versioned policy (22 CCR 116130; the domain page's 4.x):
 * - record within 45 days of receiving an order, opening a case on an existing order, or registering one;
 * - no lien for an order of $0 or a reserved order, nor for a Chapter 13 debtor (the registry's
 *   bankruptcies; unless the property is outside the estate — [GAP], not yet an override);
 * - a terminated order with arrears is still enforceable (FC 291; CCP 697.320(b)): its lien is recorded;
 *   a terminated order with nothing owed gives none;
 * - the instrument the case needs (CCP 697.320(a)): the federal notice of lien when the obligor lives
 *   outside California (interstate, 42 USC 652(a)(11)); a certified copy of the order with the arrears
 *   determination for an arrears-only (terminated) order ([GAP]: either instrument is lawful; this is
 *   Concord's stated choice, `instruments`); the abstract of support judgment (CA 8580) otherwise;
 * - while an automatic stay is in force, record tasks are held, not recorded ([GAP] `holdDuringStay`);
 * - counties: [GAP] §116130(e) was not available. Concord records in the county of the case and the
 *   county of the court that issued the order (distinct), the counties it knows for every case; the
 *   residence, work and parents' counties Contra Costa names need data the registry does not hold yet.
 */
import { addDays, type CalendarDate } from '../../../platform/dates';

export type LienInstrument = 'abstract_of_support_judgment' | 'certified_order' | 'federal_notice_of_lien';

export interface LienPolicy {
  effectiveFrom: CalendarDate;
  recordWithinDays: number;
  targetCounties: ('case_county' | 'order_court_county')[];
  instruments: { inState: LienInstrument; arrearsOnly: LienInstrument; obligorOutOfState: LienInstrument };
  /** Hold record tasks (never recorded, not in a recording package) while the obligor's automatic stay is in force. */
  holdDuringStay: boolean;
}

export const defaultLienPolicies: LienPolicy[] = [
  {
    effectiveFrom: '2000-01-01',
    recordWithinDays: 45,
    targetCounties: ['case_county', 'order_court_county'],
    instruments: { inState: 'abstract_of_support_judgment', arrearsOnly: 'certified_order', obligorOutOfState: 'federal_notice_of_lien' },
    holdDuringStay: true,
  },
];

export interface OrderFacts {
  orderId: string;
  issuedOn: CalendarDate;
  courtCountyFips: string;
  /** The term in force today: its monthly amount and whether support is reserved. */
  currentAmountCents: number;
  isReserved: boolean;
  isTerminated: boolean;
}

export interface CaseFacts {
  countyFips: string;
  openedOn: CalendarDate;
  /** The registry's bankruptcies: an open Chapter 13 case today. */
  isChapter13: boolean;
  /** What the case owes past due today (finance): a terminated order with arrears stays enforceable. */
  pastDueCents: number;
  /** The obligor's last known address is outside California. */
  isObligorOutOfState: boolean;
}

export interface RecordTask {
  countyFips: string;
  trigger: 'order_received' | 'case_opened';
  triggerDate: CalendarDate;
  dueBy: CalendarDate;
  instrument: LienInstrument;
}

/** Why no lien is recorded for this order, or null when one is due. */
export function suppression(order: OrderFacts, facts: CaseFacts): string | null {
  if (order.isTerminated) return facts.pastDueCents > 0 ? (facts.isChapter13 ? 'chapter_13_debtor' : null) : 'order_terminated_nothing_owed';
  if (order.isReserved) return 'order_reserved';
  if (order.currentAmountCents === 0) return 'order_zero';
  if (facts.isChapter13) return 'chapter_13_debtor';
  return null;
}

/** The instrument the case needs (CCP 697.320(a); 22 CCR 116130). */
export function instrumentFor(order: OrderFacts, facts: CaseFacts, policy: LienPolicy): LienInstrument {
  if (facts.isObligorOutOfState) return policy.instruments.obligorOutOfState;
  return order.isTerminated ? policy.instruments.arrearsOnly : policy.instruments.inState;
}

/** The record tasks one order gives under `policy`: one per target county, due 45 days after the trigger. */
export function recordTasks(order: OrderFacts, facts: CaseFacts, policy: LienPolicy): RecordTask[] {
  if (suppression(order, facts)) return [];
  // A case opened on an order issued earlier: the trigger is the case opening; otherwise the order's receipt.
  const isExistingOrder = order.issuedOn < facts.openedOn;
  const triggerDate = isExistingOrder ? facts.openedOn : order.issuedOn;
  const counties = new Set(policy.targetCounties.map((t) => (t === 'case_county' ? facts.countyFips : order.courtCountyFips)));
  const instrument = instrumentFor(order, facts, policy);
  return [...counties].sort().map((countyFips) => ({
    countyFips,
    trigger: isExistingOrder ? 'case_opened' : 'order_received',
    triggerDate,
    dueBy: addDays(triggerDate, policy.recordWithinDays),
    instrument,
  }));
}

export type ReleaseReason = 'paid_in_full' | 'wrong_person' | 'court_order';

export interface ReleasePolicy {
  effectiveFrom: CalendarDate;
  /** 22 CCR 116134: wrong person 15 days, court order 15 days (or the order's own, if shorter), paid in full 5 days. */
  days: Record<ReleaseReason, number>;
}

export const defaultReleasePolicies: ReleasePolicy[] = [{ effectiveFrom: '2003-07-01', days: { paid_in_full: 5, wrong_person: 15, court_order: 15 } }];

/** When the release is due: from the trigger (the decision the case should close, the demand, the order). */
export function releaseDueBy(reason: ReleaseReason, triggerDate: CalendarDate, policy: ReleasePolicy, courtDeadline?: CalendarDate | null): CalendarDate {
  const due = addDays(triggerDate, policy.days[reason]);
  return reason === 'court_order' && courtDeadline && courtDeadline < due ? courtDeadline : due;
}
