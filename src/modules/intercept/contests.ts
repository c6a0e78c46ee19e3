/**
 * An obligor's contest of a notice to withhold. The obligor copy says they may contest within the
 * policy's days; staff record a contest (or the parent does, from the portal) with its received date,
 * grounds and the documents sent. While a contest is open the notice is on hold: the insurer may promise
 * no remittance and no receipt is posted against it. The decision:
 *   upheld_amended  → the notice asks for less (never below what was already received); amended notice to the insurer;
 *   upheld_released → the notice is released; release letter to the insurer;
 *   denied          → the hold is lifted and the notice proceeds; letter to both.
 * Each outcome has its letters (PDF) for the insurer and the obligor.
 */
import { recordAudit } from '../../platform/audit/audit';
import type { Actor } from '../../platform/auth/actor';
import { assertCanWriteLcsa, authorize, rowFilter } from '../../platform/auth/scope';
import type { Tx } from '../../platform/db/connect';
import { addDays, todayInCalifornia } from '../../platform/dates';
import { AppError } from '../../platform/errors';
import type { ListSource } from '../../platform/lists/lists';
import { formatCents } from '../../platform/money';
import { renderLetter } from '../../platform/pdf/letter';
import { findPersons } from '../registry/index';
import type { ContestDecision, ContestView, NewContest } from './contract';
import { closedNoticeStatuses } from './domain/notice';
import { defaultWithholdingPolicy } from './domain/withholding';
import { findNotice } from './notices';
import { contestInScope, contestOrder, insertContest, pageContests, updateContest, updateNotice, type ContestRow, type ContestWithNotice } from './store';

async function toView(tx: Tx, actor: Actor, { contest, claimNumber }: ContestWithNotice): Promise<ContestView & { row: ContestRow }> {
  const notice = await findNotice(tx, actor, contest.noticeId);
  const dueBy = addDays(notice.obligorCopyMailedOn ?? notice.noticeDate, defaultWithholdingPolicy.contestDays);
  return {
    row: contest,
    id: contest.id,
    noticeId: contest.noticeId,
    claimNumber,
    receivedOn: contest.receivedOn,
    dueBy,
    isLate: contest.receivedOn > dueBy,
    grounds: contest.grounds as ContestView['grounds'],
    statement: contest.statement,
    documents: contest.documents,
    source: contest.source,
    status: contest.status,
    decidedOn: contest.decidedOn,
    decisionNote: contest.decisionNote,
    amendedWithholdCents: contest.amendedWithholdCents,
  };
}

const strip = ({ row: _row, ...view }: ContestView & { row: ContestRow }): ContestView => view;

async function findContest(tx: Tx, actor: Actor, id: string) {
  const row = await contestInScope(tx, rowFilter(actor), id);
  if (!row) throw new AppError('not_found', 'contest_not_found', `Contest ${id} was not found in your scope.`);
  return toView(tx, actor, row);
}

/** Contests in the actor's LCSA (or of one notice), open ones first, newest received first. */
export const contestList: ListSource<ContestView, { noticeId?: string; status?: ContestView['status'] }> = {
  name: 'intercept-contests',
  personal: true,
  defaultSort: { sort: 'status', dir: 'asc' },
  columns: [
    { key: 'claimNumber', header: 'Claim', value: (c) => c.claimNumber, orderBy: contestOrder.claimNumber },
    { key: 'status', header: 'Status', value: (c) => c.status.replace(/_/g, ' '), orderBy: contestOrder.status },
    { key: 'receivedOn', header: 'Received on', value: (c) => c.receivedOn, orderBy: contestOrder.receivedOn },
    { key: 'dueBy', header: 'Window closed on', value: (c) => c.dueBy },
    { key: 'isLate', header: 'Late', value: (c) => c.isLate },
    { key: 'grounds', header: 'Grounds', value: (c) => c.grounds.replace(/_/g, ' '), orderBy: contestOrder.grounds },
    { key: 'source', header: 'From', value: (c) => c.source },
    { key: 'decidedOn', header: 'Decided on', value: (c) => c.decidedOn, orderBy: contestOrder.decidedOn },
    { key: 'decisionNote', header: 'Decision', value: (c) => c.decisionNote },
  ],
  async rows(tx, actor, filters, window) {
    // The parent's grounds and documents are for staff: the insurer sees only that its notice is on hold.
    authorize(actor, 'intercept.review');
    const { rows, total } = await pageContests(tx, rowFilter(actor), filters, window);
    const items: ContestView[] = [];
    for (const row of rows) items.push(strip(await toView(tx, actor, row)));
    return { items, total };
  },
};

/** Records a contest and holds the notice; a notice already closed or with an open contest is refused. */
export async function recordContest(tx: Tx, actor: Actor, input: NewContest, source: 'staff' | 'parent' = 'staff'): Promise<ContestView> {
  authorize(actor, 'intercept.review');
  const notice = await findNotice(tx, actor, input.noticeId);
  assertCanWriteLcsa(actor, notice.row.lcsaId);
  if (closedNoticeStatuses.includes(notice.status)) {
    throw new AppError('conflict', 'notice_closed', `This notice is ${notice.status.replace('_', ' ')}: there is nothing left to contest.`);
  }
  if (notice.onHold) throw new AppError('conflict', 'contest_already_open', 'This notice already has an open contest.');
  if (input.receivedOn < notice.noticeDate || input.receivedOn > todayInCalifornia()) {
    throw new AppError('validation', 'contest_date_out_of_range', 'The contest was received between the notice date and today.', [
      { path: '/receivedOn', message: 'between the notice date and today' },
    ]);
  }
  const contest = await insertContest(tx, {
    noticeId: input.noticeId,
    lcsaId: notice.row.lcsaId,
    receivedOn: input.receivedOn,
    grounds: input.grounds,
    statement: input.statement ?? null,
    documents: input.documents,
    source,
    status: 'open',
    recordedBy: actor.userId,
  });
  await updateNotice(tx, input.noticeId, { onHold: true });
  await recordAudit(tx, actor, {
    action: 'intercept.contest.record',
    entityType: 'intercept_contest',
    entityId: contest.id,
    lcsaId: notice.row.lcsaId,
    after: { noticeId: input.noticeId, grounds: input.grounds, documents: input.documents.length, source },
  });
  return strip(await findContest(tx, actor, contest.id));
}

/** Decides an open contest: the notice is amended, released, or proceeds; the hold is lifted either way. */
export async function decideContest(tx: Tx, actor: Actor, id: string, input: ContestDecision): Promise<ContestView> {
  authorize(actor, 'intercept.review');
  const contest = await findContest(tx, actor, id);
  assertCanWriteLcsa(actor, contest.row.lcsaId);
  if (contest.status !== 'open') throw new AppError('conflict', 'contest_decided', `This contest was already decided (${contest.status.replace('_', ' ')}).`);
  const notice = await findNotice(tx, actor, contest.noticeId);
  const change: Parameters<typeof updateNotice>[2] = { onHold: false };
  if (input.decision === 'upheld_amended') {
    if (input.amendedWithholdCents >= notice.withholdCents) {
      throw new AppError('validation', 'amendment_not_lower', `An upheld contest lowers the amount: below ${formatCents(notice.withholdCents)}.`, [
        { path: '/amendedWithholdCents', message: 'below the notice amount' },
      ]);
    }
    if (input.amendedWithholdCents < notice.remittedCents) {
      throw new AppError(
        'validation',
        'amendment_below_received',
        `${formatCents(notice.remittedCents)} was already received: amend to at least that, and refund through finance.`,
        [{ path: '/amendedWithholdCents', message: 'at least what was received' }],
      );
    }
    change.withholdCents = input.amendedWithholdCents;
  }
  if (input.decision === 'upheld_released') change.status = 'released';
  await updateContest(tx, id, {
    status: input.decision,
    decidedOn: todayInCalifornia(),
    decisionNote: input.note,
    amendedWithholdCents: input.decision === 'upheld_amended' ? input.amendedWithholdCents : null,
    decidedBy: actor.userId,
  });
  await updateNotice(tx, contest.noticeId, change);
  await recordAudit(tx, actor, {
    action: `intercept.contest.${input.decision}`,
    entityType: 'intercept_contest',
    entityId: id,
    lcsaId: contest.row.lcsaId,
    before: { withholdCents: notice.withholdCents, status: notice.status },
    after: change,
  });
  return strip(await findContest(tx, actor, id));
}

/** The letter for a contest's state: to the insurer (hold, amended notice, release, proceed) or to the obligor (the decision). */
export async function contestLetter(tx: Tx, actor: Actor, id: string, to: 'insurer' | 'obligor'): Promise<{ fileName: string; pdf: Uint8Array }> {
  authorize(actor, 'intercept.review');
  const contest = await findContest(tx, actor, id);
  const notice = await findNotice(tx, actor, contest.noticeId);
  await recordAudit(tx, actor, {
    action: `intercept.contest.${to}_letter`,
    entityType: 'intercept_contest',
    entityId: id,
    lcsaId: contest.row.lcsaId,
    isPiiRead: to === 'obligor',
  });
  const facts: [string, string][] = [
    ['Notice', notice.id],
    ['Notice date', notice.noticeDate],
    ['Claim number', notice.claimNumber],
    ['Contest received', contest.receivedOn],
    ['Amount to withhold now', formatCents(notice.status === 'released' ? 0 : notice.withholdCents)],
  ];
  const forInsurer: Record<ContestView['status'], [string, string]> = {
    open: [
      'Hold: the notice is contested',
      `The obligor has contested notice ${notice.id}. Hold the payment on this claim and remit nothing until we send you the decision. If you have already paid the claimant, answer "already paid" with the date.`,
    ],
    upheld_amended: [
      'Amended notice to withhold',
      `The obligor's contest was upheld in part. Notice ${notice.id} is amended: withhold no more than ${formatCents(notice.withholdCents)} in total from this claim and remit it to the State Disbursement Unit, quoting the notice.`,
    ],
    upheld_released: [
      'Release of notice to withhold',
      `The obligor's contest was upheld. Notice ${notice.id} is released: withhold nothing from this claim and pay the claimant as you would otherwise.`,
    ],
    denied: [
      'Notice to withhold: contest decided, proceed',
      `The obligor's contest was denied. Notice ${notice.id} stands: withhold ${formatCents(notice.withholdCents)} as it states and remit it to the State Disbursement Unit, quoting the notice.`,
    ],
  };
  if (to === 'insurer') {
    const [title, body] = forInsurer[contest.status];
    const pdf = await renderLetter({
      title,
      heading: ['California Department of Child Support Services · Insurance Payment Intercept Program', `To: ${notice.insurerName}`],
      facts,
      paragraphs: [body, 'Use this information only to collect past-due support (Insurance Code 13552).'],
      footer: `Contest ${contest.id} · insurer letter`,
      producedAt: new Date(),
    });
    return { fileName: `contest-${notice.claimNumber}-insurer.pdf`, pdf };
  }
  if (contest.status === 'open') throw new AppError('conflict', 'contest_open', 'The obligor letter states the decision: decide the contest first.');
  const obligor = (await findPersons(tx, [notice.row.personId])).get(notice.row.personId);
  const address = obligor?.hasFamilyViolenceFlag
    ? 'Address withheld: confidential (family-violence protection); sent by the LCSA'
    : [obligor?.addressLine1, obligor?.city, obligor?.state, obligor?.zip].filter(Boolean).join(', ') || 'No address on file';
  const outcome: Record<Exclude<ContestView['status'], 'open'>, string> = {
    upheld_amended: `We agreed with part of your contest. We told your insurer to withhold no more than ${formatCents(notice.withholdCents)} from your claim.`,
    upheld_released: 'We agreed with your contest. We told your insurer to withhold nothing from your claim.',
    denied: `We looked at your contest and the documents you sent, and the notice stands: your insurer will withhold ${formatCents(notice.withholdCents)} from your claim for past-due support.`,
  };
  const pdf = await renderLetter({
    title: 'Your contest of a notice to your insurer: our decision',
    heading: ['California Department of Child Support Services', `To: ${[obligor?.firstName, obligor?.lastName].filter(Boolean).join(' ')}`, address],
    facts,
    paragraphs: [
      outcome[contest.status],
      `Reason: ${contest.decisionNote ?? ''}`,
      'If you disagree, you may ask for a complaint resolution (Family Code 17800) or a state hearing, and you may ask for an audit of your arrears. Your local child support agency can help.',
    ],
    footer: `Contest ${contest.id} · obligor letter`,
    producedAt: new Date(),
  });
  return { fileName: `contest-${notice.claimNumber}-decision.pdf`, pdf };
}
