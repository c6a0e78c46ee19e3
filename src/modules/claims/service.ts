/**
 * Quarterly claims over stored data: save a draft (every save is a kept version), the workflow —
 * preparer submits → LCSA (IV-D) director approves → county auditor-controller certifies → the state
 * accepts, or any of them returns it with comments — with lateness judged by the first submission, and
 * the work waiting for each user (the in-app notifications). LCSA staff see only their LCSA's claims;
 * state staff see every claim once it has been submitted (drafts stay the LCSA's). All audited.
 */
import { recordAudit } from '../../platform/audit/audit';
import type { Actor } from '../../platform/auth/actor';
import { assertCanWriteLcsa, authorize, can, isLcsaInScope, rowFilter } from '../../platform/auth/scope';
import type { Permission } from '../../platform/auth/roles';
import type { Tx } from '../../platform/db/connect';
import { type CalendarDate, todayInCalifornia } from '../../platform/dates';
import { AppError } from '../../platform/errors';
import { inForce } from '../../platform/versioned';
import { lcsaNames } from '../registry/index';
import type { ListSource } from '../../platform/lists/lists';
import { claims } from './schema';
import type { ClaimDetail, ClaimSummary, InboxItem, SaveClaim, WorkflowAction } from './contract';
import { dueDate, isQuarter, quarterStart, quartersOfStateFiscalYear, stateFiscal } from './domain/calendar';
import { claimShares, claimTotals, validateClaim, type AdjustmentItem, type Attachment, type ClaimLines, type ClaimProblem } from './domain/claim';
import { defaultClaimPolicies, type ClaimPolicy, type FundingStream } from './domain/policy';
import {
  allocationsOf,
  claimHistory,
  claimOfQuarter,
  filedStatuses,
  findClaim,
  findClaims,
  lastReturnComments,
  moveClaim,
  pageClaims,
  saveClaimVersion,
  type ClaimRow,
  type ClaimStatus as Status,
} from './store';

export function policyFor(quarter: string): ClaimPolicy {
  return inForce(defaultClaimPolicies, quarterStart(quarter));
}

/** When a quarter's claim is due under the policy in force for it. */
export function claimDueBy(quarter: string): CalendarDate {
  return dueDate(quarter, policyFor(quarter).dueDaysAfterQuarterEnd);
}

export function summaryOf(row: ClaimRow, lcsaName: string): ClaimSummary {
  const totals = claimTotals(claimShares(row.lines as ClaimLines, policyFor(row.quarter)));
  return {
    id: row.id,
    lcsaId: row.lcsaId,
    lcsaName,
    quarter: row.quarter,
    stateFiscalYear: stateFiscal(row.quarter).year,
    status: row.status,
    version: row.version,
    dueBy: row.dueBy,
    submittedOn: row.submittedOn,
    isLate: row.isLate,
    totalCents: totals.A,
    federalCents: totals.B,
    stateCents: totals.stateCents,
  };
}

/** What the claim draws on each funding stream (current quarter and prior-quarter adjustments). */
export function claimedByStream(lines: ClaimLines, policy: ClaimPolicy): Partial<Record<FundingStream, number>> {
  const out: Partial<Record<FundingStream, number>> = {};
  for (const def of policy.lines) {
    if (!def.stream) continue;
    const amounts = lines[def.code];
    out[def.stream] = (out[def.stream] ?? 0) + (amounts?.currentCents ?? 0) + (amounts?.adjustmentCents ?? 0);
  }
  return out;
}

/** Everything that would stop `row` from being submitted now, from its allocation and the fiscal year's earlier claims. */
async function problemsOf(
  tx: Tx,
  row: Pick<ClaimRow, 'lcsaId' | 'quarter' | 'lines' | 'attachments' | 'adjustments' | 'overAllocationJustification'>,
): Promise<ClaimProblem[]> {
  const policy = policyFor(row.quarter);
  const fiscal = stateFiscal(row.quarter);
  const allocations = await allocationsOf(tx, { kind: 'all' }, fiscal.year, row.lcsaId);
  if (allocations.length === 0)
    return [{ path: '/quarter', message: `No allocation is set for ${fiscal.year}: the state sets allocations before claims are made.` }];
  const earlier = quartersOfStateFiscalYear(fiscal.year).slice(0, fiscal.quarter - 1);
  const before =
    earlier.length === 0 ? [] : await findClaims(tx, { kind: 'all' }, { lcsaId: row.lcsaId, quarters: earlier, statuses: filedStatuses }, { order: 'quarter' });
  const claimedBeforeCents: Partial<Record<FundingStream, number>> = {};
  for (const claim of before)
    for (const [stream, cents] of Object.entries(claimedByStream(claim.lines as ClaimLines, policyFor(claim.quarter))) as [FundingStream, number][])
      claimedBeforeCents[stream] = (claimedBeforeCents[stream] ?? 0) + cents;
  return validateClaim(
    {
      lines: row.lines as ClaimLines,
      attachments: row.attachments as Attachment[],
      adjustments: row.adjustments as AdjustmentItem[],
      overAllocationJustification: row.overAllocationJustification,
    },
    {
      allocationCents: Object.fromEntries(allocations.map((a) => [a.stream, a.amountCents])),
      claimedBeforeCents,
      stateQuarter: fiscal.quarter,
      quarter: row.quarter,
      today: todayInCalifornia(),
    },
    policy,
  );
}

async function claimInScope(tx: Tx, actor: Actor, id: string): Promise<ClaimRow> {
  const row = await findClaim(tx, rowFilter(actor), id);
  if (!row) throw new AppError('not_found', 'claim_not_found', `Claim ${id} was not found.`);
  return row;
}

export async function claimDetail(tx: Tx, actor: Actor, id: string): Promise<ClaimDetail> {
  authorize(actor, 'claims.read');
  const row = await claimInScope(tx, actor, id);
  return detailOf(tx, row);
}

async function detailOf(tx: Tx, row: ClaimRow): Promise<ClaimDetail> {
  const policy = policyFor(row.quarter);
  const shares = claimShares(row.lines as ClaimLines, policy);
  const { events, versions } = await claimHistory(tx, row.id);
  const rates = new Map(policy.lines.map((l) => [l.code, l.federalRateBasisPoints]));
  return {
    ...summaryOf(row, (await lcsaNames(tx)).get(row.lcsaId) ?? row.lcsaId),
    lines: shares.map((s) => ({ ...s, federalRateBasisPoints: rates.get(s.code)! })),
    totals: claimTotals(shares),
    attachments: row.attachments as Attachment[],
    adjustments: row.adjustments as AdjustmentItem[],
    overAllocationJustification: row.overAllocationJustification,
    problems: row.status === 'draft' || row.status === 'returned' ? await problemsOf(tx, row) : [],
    events: events.map((e) => ({ fromStatus: e.fromStatus, toStatus: e.toStatus, version: e.version, comment: e.comment, actorRole: e.actorRole, on: e.on })),
    versions: versions.map((v) => ({ version: v.version, source: v.source, savedAt: v.savedAt.toISOString() })),
  };
}

/** Claims in scope, newest quarter first; `q` narrows to LCSAs whose name (or id) contains it. */
export const claimList: ListSource<ClaimSummary, { quarter?: string; status?: Status; lcsaId?: string }> = {
  name: 'claims',
  personal: false,
  defaultSort: { sort: 'quarter', dir: 'desc' },
  columns: [
    { key: 'quarter', header: 'Quarter', value: (c) => c.quarter, orderBy: claims.quarter },
    { key: 'lcsa', header: 'LCSA', value: (c) => c.lcsaName, orderBy: claims.lcsaId },
    { key: 'status', header: 'Status', value: (c) => c.status, orderBy: claims.status },
    { key: 'version', header: 'Version', value: (c) => c.version },
    { key: 'totalCents', header: 'Total claimed (cents)', value: (c) => c.totalCents },
    { key: 'federalCents', header: 'Federal share (cents)', value: (c) => c.federalCents },
    { key: 'stateCents', header: 'State share (cents)', value: (c) => c.stateCents },
    { key: 'dueBy', header: 'Due by', value: (c) => c.dueBy, orderBy: claims.dueBy },
    { key: 'submittedOn', header: 'Submitted on', value: (c) => c.submittedOn ?? '', orderBy: claims.submittedOn },
    { key: 'isLate', header: 'Late', value: (c) => (c.isLate ? 'late' : '') },
  ],
  async rows(tx, actor, filters, window) {
    authorize(actor, 'claims.read');
    const names = await lcsaNames(tx);
    const q = filters.q?.trim().toLowerCase();
    const lcsaIds = [...names]
      .filter(([id, name]) => (filters.lcsaId ? id === filters.lcsaId : true) && (!q || `${id} ${name.toLowerCase()}`.includes(q)))
      .map(([id]) => id);
    const narrowed = filters.lcsaId !== undefined || q !== undefined;
    const { rows, total } = await pageClaims(
      tx,
      rowFilter(actor),
      { quarter: filters.quarter, status: filters.status, lcsaIds: narrowed ? lcsaIds : undefined },
      window,
    );
    return { items: rows.map((r) => summaryOf(r, names.get(r.lcsaId) ?? r.lcsaId)), total };
  },
};

/** Saves the LCSA's claim for a quarter as a new version (a draft, or a returned claim being corrected). */
export async function saveClaim(tx: Tx, actor: Actor, input: SaveClaim, source = 'form'): Promise<ClaimDetail> {
  authorize(actor, 'claims.prepare');
  assertCanWriteLcsa(actor, input.lcsaId);
  if (!isQuarter(input.quarter)) throw new AppError('validation', 'quarter_invalid', 'Give a quarter as YYYY-Qn.', [{ path: '/quarter', message: 'YYYY-Qn' }]);
  const existing = await claimOfQuarter(tx, input.lcsaId, input.quarter, { forUpdate: true });
  if (existing && existing.status !== 'draft' && existing.status !== 'returned') {
    throw new AppError('conflict', 'claim_not_editable', `The ${input.quarter} claim is ${existing.status}: it can be changed only if it is returned.`);
  }
  const values = {
    lines: input.lines,
    attachments: input.attachments,
    adjustments: input.adjustments ?? [],
    overAllocationJustification: input.overAllocationJustification?.trim() || null,
  };
  const version = (existing?.version ?? 0) + 1;
  const row = await saveClaimVersion(tx, existing, { lcsaId: input.lcsaId, quarter: input.quarter, dueBy: claimDueBy(input.quarter) }, values, {
    version,
    source,
    by: actor.userId,
  });
  await recordAudit(tx, actor, {
    action: 'claims.save',
    entityType: 'claim',
    entityId: row.id,
    lcsaId: input.lcsaId,
    after: { quarter: input.quarter, version, source },
  });
  return detailOf(tx, row);
}

const steps: Record<WorkflowAction['action'], { from: Status[]; to: Status; permission: (from: Status) => Permission }> = {
  submit: { from: ['draft', 'returned'], to: 'submitted', permission: () => 'claims.prepare' },
  approve: { from: ['submitted'], to: 'approved', permission: () => 'claims.approve' },
  certify: { from: ['approved'], to: 'certified', permission: () => 'claims.certify' },
  accept: { from: ['certified'], to: 'accepted', permission: () => 'claims.review' },
  // Whoever's step it is may return it: the director, the auditor-controller, or the state.
  return: {
    from: ['submitted', 'approved', 'certified'],
    to: 'returned',
    permission: (from) => (from === 'submitted' ? 'claims.approve' : from === 'approved' ? 'claims.certify' : 'claims.review'),
  },
};

export async function advanceClaim(tx: Tx, actor: Actor, id: string, input: WorkflowAction): Promise<ClaimDetail> {
  authorize(actor, 'claims.read');
  const row = await claimInScope(tx, actor, id);
  const step = steps[input.action];
  authorize(actor, step.permission(row.status));
  assertCanWriteLcsa(actor, row.lcsaId);
  if (!step.from.includes(row.status)) {
    throw new AppError('conflict', 'claim_status_conflict', `A claim that is ${row.status} cannot be ${step.to}.`);
  }
  const comment = input.comment?.trim() || null;
  if (input.action === 'return' && !comment)
    throw new AppError('validation', 'comment_required', 'Say what must change: a returned claim needs comments.', [
      { path: '/comment', message: 'required to return a claim' },
    ]);
  const today = todayInCalifornia();
  if (input.action === 'submit') {
    const problems = await problemsOf(tx, row);
    if (problems.length > 0)
      throw new AppError('validation', 'claim_invalid', `The claim cannot be submitted: ${problems.map((p) => p.message).join(' ')}`, problems);
  }
  const isFirstSubmission = input.action === 'submit' && row.submittedOn === null;
  const updated = await moveClaim(
    tx,
    row,
    {
      status: step.to,
      ...(isFirstSubmission ? { submittedOn: today, isLate: today > row.dueBy } : {}),
      ...(input.action === 'accept' ? { acceptedOn: today } : {}),
    },
    { comment, actorId: actor.userId, actorRole: actor.role, on: today },
  );
  await recordAudit(tx, actor, {
    action: `claims.${input.action}`,
    entityType: 'claim',
    entityId: id,
    lcsaId: row.lcsaId,
    before: { status: row.status },
    after: { status: step.to, comment },
  });
  return detailOf(tx, updated);
}

/** The claims waiting for this user, with why: the in-app notifications of the workflow. */
export async function claimInbox(tx: Tx, actor: Actor): Promise<InboxItem[]> {
  authorize(actor, 'claims.read');
  const waiting: { status: Status; permission: Permission; message: (row: ClaimRow) => string }[] = [
    { status: 'draft', permission: 'claims.prepare', message: (r) => `Draft: submit by ${r.dueBy}.` },
    { status: 'returned', permission: 'claims.prepare', message: () => 'Returned with comments: correct it and submit it again.' },
    { status: 'submitted', permission: 'claims.approve', message: () => 'Submitted: waiting for the director’s approval.' },
    { status: 'approved', permission: 'claims.certify', message: () => 'Approved by the director: waiting for certification.' },
    { status: 'certified', permission: 'claims.review', message: () => 'Certified: waiting for state review.' },
  ];
  const mine = waiting.filter((w) => can(actor, w.permission));
  if (mine.length === 0) return [];
  const rows = await findClaims(tx, rowFilter(actor), { statuses: mine.map((w) => w.status) }, { order: 'dueBy', limit: 500 });
  const names = await lcsaNames(tx);
  const lastComment = await lastReturnComments(
    tx,
    rows.map((r) => r.id),
  );
  return rows
    .filter((r) => isLcsaInScope(actor, r.lcsaId))
    .map((r) => ({
      claimId: r.id,
      lcsaName: names.get(r.lcsaId) ?? r.lcsaId,
      quarter: r.quarter,
      status: r.status,
      dueBy: r.dueBy,
      message: `${mine.find((w) => w.status === r.status)!.message(r)}${r.status === 'returned' && lastComment.get(r.id) ? ` “${lastComment.get(r.id)}”` : ''}`,
    }));
}
