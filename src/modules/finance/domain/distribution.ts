/**
 * Distribution (42 USC 657; 45 CFR 302.51, 302.52; California policy): who receives the money a
 * collection paid — the family, or the state and federal governments as reimbursement of assistance
 * (unreimbursed assistance, URA) — and from which arrears category.
 *
 * Crediting (replay.ts) decides what a collection paid — current support, arrears by category in the
 * order arrearsCategoryOrder() gives, interest; this function says who receives each part.
 *
 * @example
 *   distributeCollection({ status: 'former', currentCents: 50_000, unassignedArrearsCents: 30_000, assignedArrearsCents: 20_000,
 *     interestCents: 0, childCount: 1, uraCents: 200_000, policy })
 *   // family 50,000 current + 30,000 arrears; assigned 20,000 retained: federal 10,000, state 10,000 (T5)
 */
import type { CalendarDate } from '../../../platform/dates';
import { divideRoundHalfUp, type BasisPoints, type Cents } from '../../../platform/money';

/** The family's assistance status in the month of the collection (42 USC 657(a)). */
export type AssistanceStatus = 'current' | 'former' | 'never';

export interface DistributionPolicy {
  effectiveFrom: CalendarDate;
  /** Federal medical assistance percentage for California, basis points (657(c)); [GAP] by federal fiscal year. */
  fmapBasisPoints: BasisPoints;
  /** Current CalWORKs pass-through, disregarded for eligibility: one child, two or more (657(a)(6)). */
  passThroughOneChildCents: Cents;
  passThroughTwoOrMoreChildrenCents: Cents;
  /**
   * Former assistance: arrears owed to the family come before assigned arrears (657(a)(2)). For federal
   * tax offsets that order holds only under the state's family-first election — California from
   * 2020-05-01 (Executive Order, then AB 135); before, offsets paid assigned arrears first (CCP 695.221(e)).
   */
  isTaxOffsetFamilyFirst: boolean;
  /**
   * AB 207 former-assistance passthrough: collections on assigned arrears go to the former-CalWORKs family.
   * [GAP] operative date and URA treatment not confirmed; off by default, URA not reduced when on.
   */
  isFormerAssistancePassthrough: boolean;
  /** T6 assumption to confirm with DCSS: whether the current-assistance pass-through reduces URA. [GAP] default no. */
  doesPassThroughReduceUra: boolean;
}

const basePolicy: DistributionPolicy = {
  effectiveFrom: '0001-01-01',
  fmapBasisPoints: 5_000,
  passThroughOneChildCents: 10_000,
  passThroughTwoOrMoreChildrenCents: 20_000,
  isTaxOffsetFamilyFirst: false,
  isFormerAssistancePassthrough: false,
  doesPassThroughReduceUra: false,
};

export const defaultDistributionPolicies: DistributionPolicy[] = [basePolicy, { ...basePolicy, effectiveFrom: '2020-05-01', isTaxOffsetFamilyFirst: true }];

export type Payee = 'family' | 'state' | 'federal';

export interface DistributionLine {
  payee: Payee;
  /** What the money paid. */
  paid: 'current' | 'pass_through' | 'unassigned_arrears' | 'assigned_arrears' | 'interest';
  amountCents: Cents;
}

/** What crediting applied one collection (or futures) to, by category. */
export interface DistributionInput {
  status: AssistanceStatus;
  currentCents: Cents;
  /** Arrears owed to the family (never assigned, or accrued outside assistance). */
  unassignedArrearsCents: Cents;
  /** Arrears assigned to the state (DRA: accrued while assistance was received). */
  assignedArrearsCents: Cents;
  interestCents: Cents;
  childCount: number;
  /** Unreimbursed assistance before this collection: the cap on what the governments may keep. */
  uraCents: Cents;
  policy: DistributionPolicy;
}

export interface DistributionResult {
  lines: DistributionLine[];
  uraAfterCents: Cents;
}

/**
 * The order in which arrears categories are paid (crediting uses it to pick installments): while
 * assistance continues the state is reimbursed first; in former assistance the family comes first
 * (657(a)(2)), for federal tax offsets only under the family-first election (AB 135, from 2020-05-01).
 */
export function arrearsCategoryOrder(status: AssistanceStatus, isTaxOffset: boolean, policy: DistributionPolicy): ('unassigned' | 'assigned')[] {
  if (status === 'current') return ['assigned', 'unassigned'];
  if (status === 'former' && isTaxOffset && !policy.isTaxOffsetFamilyFirst) return ['assigned', 'unassigned'];
  return ['unassigned', 'assigned'];
}

/** The lines being written and the URA left: module-level helpers add to it (no closures per collection). */
interface Distributing {
  lines: DistributionLine[];
  ura: Cents;
  policy: DistributionPolicy;
}

function toFamily(d: Distributing, paid: DistributionLine['paid'], amountCents: Cents): void {
  if (amountCents > 0) d.lines.push({ payee: 'family', paid, amountCents });
}

/** Kept as reimbursement up to URA, split by FMAP; anything over URA goes to the family. */
function retain(d: Distributing, paid: DistributionLine['paid'], amountCents: Cents): void {
  const kept = Math.min(amountCents, d.ura);
  d.ura -= kept;
  const federal = divideRoundHalfUp(kept * d.policy.fmapBasisPoints, 10_000);
  if (federal > 0) d.lines.push({ payee: 'federal', paid, amountCents: federal });
  if (kept - federal > 0) d.lines.push({ payee: 'state', paid, amountCents: kept - federal });
  toFamily(d, paid, amountCents - kept);
}

export function distributeCollection(input: DistributionInput): DistributionResult {
  const { policy } = input;
  const d: Distributing = { lines: [], ura: input.uraCents, policy };
  switch (input.status) {
    case 'never':
      toFamily(d, 'current', input.currentCents);
      break;
    case 'current': {
      const cap = input.childCount >= 2 ? policy.passThroughTwoOrMoreChildrenCents : policy.passThroughOneChildCents;
      const passThrough = Math.min(input.currentCents, cap);
      toFamily(d, 'pass_through', passThrough);
      if (policy.doesPassThroughReduceUra) d.ura = Math.max(0, d.ura - passThrough);
      retain(d, 'current', input.currentCents - passThrough);
      break;
    }
    case 'former':
      toFamily(d, 'current', input.currentCents);
      break;
  }
  if (input.status === 'former' && policy.isFormerAssistancePassthrough) toFamily(d, 'assigned_arrears', input.assignedArrearsCents);
  else retain(d, 'assigned_arrears', input.assignedArrearsCents);
  toFamily(d, 'unassigned_arrears', input.unassignedArrearsCents);
  // [GAP] Interest is paid to the family; whether interest on assigned arrears is retained is to be confirmed.
  toFamily(d, 'interest', input.interestCents);
  return { lines: d.lines, uraAfterCents: d.ura };
}

export function totalTo(lines: DistributionLine[], payee: Payee): Cents {
  return lines.filter((l) => l.payee === payee).reduce((sum, l) => sum + l.amountCents, 0);
}
