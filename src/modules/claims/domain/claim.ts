/**
 * A quarterly claim's arithmetic and checks, pure: the federal and state shares of every line and
 * column, the claim's totals, the OCSE-396 rows (Section A, columns A–F) built from any number of claims,
 * and the validation a claim must pass before it is submitted.
 */
import { formatCents } from '../../../platform/money';
import { attachmentKinds, type AttachmentKind, type ClaimLineCode, type ClaimPolicy, federalShareCents, type FundingStream, type Ocse396Line } from './policy';

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
  columns: Columns;
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

/** What the claim asks for, income subtracted: totals and federal shares per column, and the state share of the quarter. */
export function claimTotals(shares: LineShares[]): Columns & { stateCents: number } {
  const total = zero();
  for (const line of shares) add(total, line.columns, line.isIncome ? -1 : 1);
  return { ...total, stateCents: total.A - total.B };
}

export const ocse396Rows: { line: string; label: string }[] = [
  { line: '1a', label: 'Administrative costs paid with incentive payments (no FFP)' },
  { line: '1b', label: 'Administrative costs, regular' },
  { line: '1c', label: 'Administrative costs, non-IV-D' },
  { line: '2a', label: 'Program income: fees and costs recovered' },
  { line: '2b', label: 'Program income: interest and other' },
  { line: '3', label: 'Net administrative costs (1 − 2)' },
  { line: '4', label: 'ADP development costs (APD required)' },
  { line: '5', label: 'ADP operational costs (APD required)' },
  { line: '7', label: 'Total costs claimed (3 + 4 + 5)' },
];

export interface Ocse396Row {
  line: string;
  label: string;
  columns: Columns;
}

/** The OCSE-396 Section A rows from the lines of any number of claims; every row is a sum of line cents. */
export function ocse396(lines: LineShares[]): Ocse396Row[] {
  const byLine = new Map<string, Columns>(ocse396Rows.map((r) => [r.line, zero()]));
  for (const line of lines) add(byLine.get(line.ocse396)!, line.columns, 1);
  const net = byLine.get('3')!;
  for (const line of ['1a', '1b', '1c'] as const) add(net, byLine.get(line)!, 1);
  for (const line of ['2a', '2b'] as const) add(net, byLine.get(line)!, -1);
  const total = byLine.get('7')!;
  for (const line of ['3', '4', '5'] as const) add(total, byLine.get(line)!, 1);
  return ocse396Rows.map((r) => ({ ...r, columns: byLine.get(r.line)! }));
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
}

export interface ClaimInput {
  lines: ClaimLines;
  attachments: Attachment[];
  overAllocationJustification?: string | null;
}

/** Everything that stops a claim from being submitted, each naming the field. */
export function validateClaim(claim: ClaimInput, context: ValidationContext, policy: ClaimPolicy): ClaimProblem[] {
  const problems: ClaimProblem[] = [];
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
