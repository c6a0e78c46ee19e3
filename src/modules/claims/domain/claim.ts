/**
 * A quarterly claim's arithmetic and checks, pure: the federal and state shares of every line and
 * column, the claim's totals, the whole OCSE-396 (Sections A, B and C, columns A–F) built from any number
 * of claims and the state's own entries, and the validation a claim must pass before it is submitted —
 * the quarter ended, prior-quarter adjustments itemised by the quarter they adjust and within the
 * two-year claiming limit unless an exception applies.
 */
import { addDays, type CalendarDate } from '../../../platform/dates';
import { formatCents } from '../../../platform/money';
import { dueDate, federalFiscal, quarterEnd, shiftQuarter } from './calendar';
import {
  type AdjustmentException,
  attachmentKinds,
  type AttachmentKind,
  type ClaimLineCode,
  type ClaimPolicy,
  federalShareCents,
  type FundingStream,
  type Ocse396Line,
} from './policy';

export interface LineAmounts {
  currentCents: number;
  adjustmentCents: number;
  estimateCents: number;
}
export type ClaimLines = Partial<Record<ClaimLineCode, LineAmounts>>;

export interface Attachment {
  kind: AttachmentKind;
  /** Hours reported on IV-D and on non-IV-D work in the period (a time study or certification summary). */
  ivdHours: number;
  nonIvdHours: number;
  staffCount: number;
  note?: string;
}

/** OCSE-396 columns: A current quarter, B its federal share, C prior-quarter adjustments, D their federal share, E next-quarter estimate, F its federal share. */
export interface Columns {
  A: number;
  B: number;
  C: number;
  D: number;
  E: number;
  F: number;
}

export interface LineShares {
  code: ClaimLineCode;
  label: string;
  ocse396: Ocse396Line;
  isIncome: boolean;
  /** False for costs paid with incentives and non-IV-D costs: what is not federal is not state IV-D money either. */
  inStateShare: boolean;
  columns: Columns;
}

/** One prior-quarter adjustment: the line, the quarter of the expenditure it adjusts, and any exception to the claiming limit. */
export interface AdjustmentItem {
  line: ClaimLineCode;
  quarter: string;
  amountCents: number;
  reason: string;
  exception?: AdjustmentException;
  reference?: string;
}

const zero = (): Columns => ({ A: 0, B: 0, C: 0, D: 0, E: 0, F: 0 });

export function claimShares(lines: ClaimLines, policy: ClaimPolicy): LineShares[] {
  return policy.lines.map((def) => {
    const amounts = lines[def.code] ?? { currentCents: 0, adjustmentCents: 0, estimateCents: 0 };
    const share = (cents: number) => federalShareCents(cents, def.federalRateBasisPoints);
    return {
      code: def.code,
      label: def.label,
      ocse396: def.ocse396,
      isIncome: def.isIncome,
      inStateShare: !policy.noStateShareLines.includes(def.ocse396),
      columns: {
        A: amounts.currentCents,
        B: share(amounts.currentCents),
        C: amounts.adjustmentCents,
        D: share(amounts.adjustmentCents),
        E: amounts.estimateCents,
        F: share(amounts.estimateCents),
      },
    };
  });
}

function add(into: Columns, from: Columns, sign: 1 | -1): void {
  for (const key of ['A', 'B', 'C', 'D', 'E', 'F'] as const) into[key] += sign * from[key];
}

/** The state share of each of the three amounts (A − B, C − D, E − F), income subtracted, over the lines that carry one. */
function stateShare(shares: LineShares[]): { B: number; D: number; F: number } {
  const out = { B: 0, D: 0, F: 0 };
  for (const line of shares.filter((l) => l.inStateShare)) {
    const sign = line.isIncome ? -1 : 1;
    const c = line.columns;
    out.B += sign * (c.A - c.B);
    out.D += sign * (c.C - c.D);
    out.F += sign * (c.E - c.F);
  }
  return out;
}

/**
 * What the claim asks for, income subtracted: totals and federal shares per column, and the state share of
 * the quarter — costs paid with incentives and non-IV-D costs are in neither share.
 */
export function claimTotals(shares: LineShares[]): Columns & { stateCents: number } {
  const total = zero();
  for (const line of shares) add(total, line.columns, line.isIncome ? -1 : 1);
  return { ...total, stateCents: stateShare(shares).B };
}

export type ColumnKey = keyof Columns;
const allColumns: ColumnKey[] = ['A', 'B', 'C', 'D', 'E', 'F'];

/** The form's rows: its section, and the columns it has a box for (the rest are shaded on the form). */
export const ocse396Rows: { line: string; label: string; section: 'A' | 'B' | 'C'; open: ColumnKey[] }[] = [
  { line: '1a', section: 'A', open: allColumns, label: 'Administrative costs paid with incentive payments (no FFP)' },
  { line: '1b', section: 'A', open: allColumns, label: 'Administrative costs, regular' },
  { line: '1c', section: 'A', open: allColumns, label: 'Administrative costs, non-IV-D' },
  { line: '1d', section: 'A', open: allColumns, label: 'Administrative costs paid with incentives under an exemption (no FFP)' },
  { line: '2a', section: 'A', open: allColumns, label: 'Program income: fees and costs recovered' },
  { line: '2b', section: 'A', open: allColumns, label: 'Program income: interest and other' },
  { line: '3', section: 'A', open: allColumns, label: 'Net administrative costs (1 − 2)' },
  { line: '4', section: 'A', open: allColumns, label: 'ADP development costs (APD required)' },
  { line: '5', section: 'A', open: allColumns, label: 'ADP operational costs (APD required)' },
  { line: '7', section: 'A', open: allColumns, label: 'Total costs claimed (3 + 4 + 5)' },
  {
    line: '9',
    section: 'B',
    open: ['B', 'D'],
    label: 'Federal share of title IV-A child support collections (OCSE-34, assistance reimbursement, federal share)',
  },
  { line: '10', section: 'B', open: ['B'], label: 'Fees: Federal Parent Locator Service' },
  { line: '11', section: 'B', open: ['B'], label: 'Fees: CSENet' },
  { line: '12', section: 'B', open: ['B'], label: 'Fees: pre-offset service' },
  { line: '13', section: 'B', open: ['B'], label: 'Adjustments' },
  { line: '14', section: 'B', open: ['B', 'D', 'F'], label: 'Net federal share of expenditures (7 − 9 − 10 − 11 − 12 + 13)' },
  { line: '15', section: 'B', open: ['B', 'D', 'F'], label: 'State share of expenditures (excluding incentive-funded and non-IV-D costs)' },
  { line: '16', section: 'C', open: ['E'], label: "Incentive payments: the coming quarter's estimate (one-fourth of the year's, 45 CFR 305.34)" },
];

export interface Ocse396Row {
  line: string;
  label: string;
  section: 'A' | 'B' | 'C';
  open: ColumnKey[];
  columns: Columns;
}

/** What the state enters on the OCSE-396 itself, beyond the LCSA claims: fees charged, adjustments, the incentive estimate. */
export interface FederalEntries {
  /** Line 9, column D: prior-quarter adjustments to the federal share of IV-A collections. */
  collectionsAdjustmentCents: number;
  fplsFeesCents: number;
  csenetFeesCents: number;
  preOffsetFeesCents: number;
  /** Line 13, signed: added to the net federal share. */
  adjustmentCents: number;
  incentiveEstimateCents: number;
}

export const noFederalEntries: FederalEntries = {
  collectionsAdjustmentCents: 0,
  fplsFeesCents: 0,
  csenetFeesCents: 0,
  preOffsetFeesCents: 0,
  adjustmentCents: 0,
  incentiveEstimateCents: 0,
};

/**
 * The whole OCSE-396 from the lines of any number of claims, the federal share of IV-A collections the
 * quarter's OCSE-34 retained, and the state's entries. Every Section A row is a sum of line cents; line 14
 * is line 7's federal shares less what the federal government keeps or charges (lines 9–12) plus line 13;
 * line 15 is the state share of the lines that carry one.
 */
export function ocse396(lines: LineShares[], federalShareOfCollectionsCents = 0, entries: FederalEntries = noFederalEntries): Ocse396Row[] {
  const byLine = new Map<string, Columns>(ocse396Rows.map((r) => [r.line, zero()]));
  for (const line of lines) add(byLine.get(line.ocse396)!, line.columns, 1);
  for (const [line, parts] of Object.entries(ocse396Sums)) for (const part of parts) add(byLine.get(line)!, byLine.get(part.line)!, part.sign);
  const set = (line: string, columns: Partial<Columns>) => Object.assign(byLine.get(line)!, columns);
  set('9', { B: federalShareOfCollectionsCents, D: entries.collectionsAdjustmentCents });
  set('10', { B: entries.fplsFeesCents });
  set('11', { B: entries.csenetFeesCents });
  set('12', { B: entries.preOffsetFeesCents });
  set('13', { B: entries.adjustmentCents });
  const total = byLine.get('7')!;
  set('14', {
    B: total.B - federalShareOfCollectionsCents - entries.fplsFeesCents - entries.csenetFeesCents - entries.preOffsetFeesCents + entries.adjustmentCents,
    D: total.D - entries.collectionsAdjustmentCents,
    F: total.F,
  });
  set('15', stateShare(lines));
  set('16', { E: entries.incentiveEstimateCents });
  return ocse396Rows.map((r) => ({ ...r, columns: byLine.get(r.line)! }));
}

/** The Section A lines that add up others (line 3 is net expenditures, line 7 the total), each part with its sign, in the order they are summed. */
const ocse396Sums: Record<string, { line: string; sign: 1 | -1 }[]> = {
  '3': [...['1a', '1b', '1c', '1d'].map((line) => ({ line, sign: 1 as const })), ...['2a', '2b'].map((line) => ({ line, sign: -1 as const }))],
  '7': ['3', '4', '5'].map((line) => ({ line, sign: 1 as const })),
};

/** The lines an LCSA claims that make up a Section A line: the line itself, or for a sum (3, 7) every claimed line under it. */
export function ocse396ClaimedLines(line: string): string[] {
  const parts = ocse396Sums[line];
  return parts ? parts.flatMap((part) => ocse396ClaimedLines(part.line)) : [line];
}

/** When the state's OCSE-396 (and OCSE-34) for the quarter is due, and the day after which it can no longer be filed or revised (45 CFR 301.15). */
export function federalDeadlines(quarter: string, policy: ClaimPolicy): { dueBy: CalendarDate; finalAfter: CalendarDate } {
  return { dueBy: dueDate(quarter, policy.federalDueDaysAfterQuarterEnd), finalAfter: `${federalFiscal(quarter).year}-12-31` };
}

/** The last day an expenditure made in `quarter` can be claimed (45 CFR 95.7). */
export function claimingDeadline(quarter: string, policy: ClaimPolicy): CalendarDate {
  return quarterEnd(shiftQuarter(quarter, policy.claimingLimitQuarters));
}

export interface ClaimProblem {
  path: string;
  message: string;
}

export interface ValidationContext {
  /** The LCSA's allocation for the state fiscal year, per funding stream. */
  allocationCents: Partial<Record<FundingStream, number>>;
  /** Claimed in the state fiscal year's earlier quarters (submitted or later), per funding stream. */
  claimedBeforeCents: Partial<Record<FundingStream, number>>;
  /** The claim's quarter in the state fiscal year (1–4). */
  stateQuarter: number;
  /** The claim's calendar quarter, and the day it would be submitted. */
  quarter: string;
  today: CalendarDate;
}

export interface ClaimInput {
  lines: ClaimLines;
  attachments: Attachment[];
  adjustments?: AdjustmentItem[];
  overAllocationJustification?: string | null;
}

/**
 * The prior-quarter adjustments' problems: each line's column C must be itemised by the quarter it
 * adjusts, each an earlier quarter; an increase for a quarter whose claiming period ends before the
 * state's report carrying it is due (or before today) is refused unless an exception of 45 CFR 95.19 is
 * given with its reference. A decrease returns money and is never too late.
 */
function adjustmentProblems(claim: ClaimInput, context: ValidationContext, policy: ClaimPolicy): ClaimProblem[] {
  const problems: ClaimProblem[] = [];
  const items = claim.adjustments ?? [];
  for (const def of policy.lines) {
    const stated = claim.lines[def.code]?.adjustmentCents ?? 0;
    const itemised = items.filter((i) => i.line === def.code).reduce((sum, i) => sum + i.amountCents, 0);
    if (stated !== itemised)
      problems.push({
        path: `/lines/${def.code}/adjustmentCents`,
        message: `${def.label}: the prior-quarter adjustments are ${formatCents(stated)} but those itemised by quarter add up to ${formatCents(itemised)}.`,
      });
  }
  const reportDue = federalDeadlines(context.quarter, policy).dueBy;
  const filedBy = context.today > reportDue ? context.today : reportDue;
  items.forEach((item, i) => {
    const label = policy.lines.find((d) => d.code === item.line)?.label ?? item.line;
    if (item.quarter >= context.quarter) {
      problems.push({
        path: `/adjustments/${i}/quarter`,
        message: `${label}: an adjustment is for an earlier quarter than ${context.quarter}, not ${item.quarter}.`,
      });
      return;
    }
    if (item.exception && !item.reference?.trim())
      problems.push({
        path: `/adjustments/${i}/reference`,
        message: `${label}, ${item.quarter}: name the ${item.exception.replaceAll('_', ' ')} the exception rests on.`,
      });
    const deadline = claimingDeadline(item.quarter, policy);
    if (item.amountCents > 0 && !item.exception && filedBy > deadline)
      problems.push({
        path: `/adjustments/${i}/quarter`,
        message: `${label}: an expenditure of ${item.quarter} had to be claimed by ${deadline} (two years, 45 CFR 95.7); the report carrying this claim is filed by ${filedBy}. Remove it, or give the exception that applies (45 CFR 95.19).`,
      });
  });
  return problems;
}

/** Everything that stops a claim from being submitted, each naming the field. */
export function validateClaim(claim: ClaimInput, context: ValidationContext, policy: ClaimPolicy): ClaimProblem[] {
  const problems: ClaimProblem[] = [];
  const end = quarterEnd(context.quarter);
  if (context.today <= end)
    problems.push({
      path: '/quarter',
      message: `${context.quarter} ends on ${end}: its claim can be submitted from ${addDays(end, 1)}, once the quarter has ended.`,
    });
  problems.push(...adjustmentProblems(claim, context, policy));
  for (const def of policy.lines) {
    const amounts = claim.lines[def.code];
    if (!amounts) continue;
    for (const column of ['currentCents', 'estimateCents'] as const) {
      if (amounts[column] < 0)
        problems.push({
          path: `/lines/${def.code}/${column}`,
          message: `${def.label}: must not be negative (correct an earlier quarter in the prior-quarter adjustment column).`,
        });
    }
  }
  const justification = claim.overAllocationJustification?.trim() ?? '';
  for (const [stream, allocation] of Object.entries(context.allocationCents) as [FundingStream, number][]) {
    const thisQuarter = policy.lines
      .filter((d) => d.stream === stream)
      .reduce((sum, d) => sum + (claim.lines[d.code]?.currentCents ?? 0) + (claim.lines[d.code]?.adjustmentCents ?? 0), 0);
    const claimed = (context.claimedBeforeCents[stream] ?? 0) + thisQuarter;
    if (claimed > allocation && justification.length < 10) {
      problems.push({
        path: '/overAllocationJustification',
        message: `Claimed ${stream.replace('_', ' ')} this fiscal year (${formatCents(claimed)}) is over the allocation (${formatCents(allocation)}): explain why.`,
      });
    }
  }
  const kinds = new Set(claim.attachments.map((a) => a.kind));
  const needed: AttachmentKind[] = [
    'time_study',
    ...(policy.timeCertificationStateQuarters.includes(context.stateQuarter) ? (['time_certification'] as const) : []),
  ];
  for (const kind of attachmentKinds.filter((k) => needed.includes(k) && !kinds.has(k)))
    problems.push({ path: '/attachments', message: `A ${kind.replace('_', ' ')} summary must be attached this quarter.` });
  const nonIvdHours = claim.attachments.reduce((sum, a) => sum + a.nonIvdHours, 0);
  if (nonIvdHours > 0 && (claim.lines.non_ivd?.currentCents ?? 0) === 0) {
    problems.push({
      path: '/lines/non_ivd/currentCents',
      message: `The time reports show ${nonIvdHours} non-IV-D hours, but no non-IV-D costs are set apart: move them out of the claimed lines.`,
    });
  }
  return problems;
}
