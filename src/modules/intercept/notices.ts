/**
 * Notices and answers (Ins. Code 13550(e)). For a confirmed match (or an automatic one) an LCSA
 * caseworker issues a notice to the insurer: withhold the obligor's past-due support as of the notice
 * date — at most half of a disability-income payment — lump-sum or periodic. The notice is a PDF for the
 * insurer and a copy for the obligor with the way to contest; the obligor's address is left off the copy
 * when it is family-violence flagged, and no address of the family is ever on the insurer's notice.
 * Insurers answer: will withhold; already paid (a notice that reached the insurer after payment does not
 * bind); denied; remitted $X — a promise, at most what the notice asks and, for periodic payments, at
 * most the per-payment limit: the money reaches finance only when a state disbursement unit receipt
 * matches it (remittances.ts). Staff record when each copy was mailed and when the insurer received the
 * notice. A periodic claim gets a re-check 12 months after its first payment (Ins. Code 13553(b)).
 */
import { recordAudit } from '../../platform/audit/audit';
import { onBehalfOf, type Actor } from '../../platform/auth/actor';
import { assertCanWriteLcsa, authorize, authorizeAny, partnerOf, rowFilter } from '../../platform/auth/scope';
import type { Tx } from '../../platform/db/connect';
import { todayInCalifornia } from '../../platform/dates';
import { AppError } from '../../platform/errors';
import { formatCents } from '../../platform/money';
import { renderLetter } from '../../platform/pdf/letter';
import { pastDue } from '../finance/index';
import { findObligorCases, findPersons } from '../registry/index';
import type { NoticeAnswer, NoticeDelivery, NoticeView } from './contract';
import { answerNotice as answerNoticeRule, type NoticeState } from './domain/notice';
import { defaultWithholdingPolicy, withholdingFor } from './domain/withholding';
import type { ListSource } from '../../platform/lists/lists';
import {
  claimById,
  insertNotice,
  matchInScope,
  noticeInScope,
  noticeOfMatch,
  noticeOrder,
  pageNotices,
  recordAnswer,
  updateNotice,
  type NoticeRow,
  type NoticeWithClaim,
} from './store';

function noticeView({ notice, claim, insurerName, obligorCase }: NoticeWithClaim, showCase: boolean): NoticeView & { row: NoticeRow } {
  return {
    row: notice,
    obligorCase: showCase ? obligorCase : null,
    id: notice.id,
    matchId: notice.matchId,
    insurerName,
    claimNumber: claim.claimNumber,
    claimType: claim.claimType,
    claimantName: [claim.firstName, claim.lastName].filter(Boolean).join(' '),
    kind: notice.kind,
    noticeDate: notice.noticeDate,
    pastDueCents: notice.pastDueCents,
    withholdCents: notice.withholdCents,
    capRule: notice.capRule,
    perPaymentBasisPoints: notice.perPaymentBasisPoints,
    status: notice.status,
    promisedCents: notice.promisedCents,
    remittedCents: notice.remittedCents,
    onHold: notice.onHold,
    insurerCopyMailedOn: notice.insurerCopyMailedOn,
    obligorCopyMailedOn: notice.obligorCopyMailedOn,
    insurerReceivedOn: notice.insurerReceivedOn,
    recheckOn: notice.recheckOn,
  };
}

export const strip = ({ row: _row, ...view }: NoticeView & { row: NoticeRow }): NoticeView => view;

/** A notice the actor sees: an insurer its own, LCSA staff their LCSA's, state staff any. */
export async function findNotice(tx: Tx, actor: Actor, id: string) {
  const found = await noticeInScope(tx, rowFilter(actor), id);
  if (!found) throw new AppError('not_found', 'notice_not_found', `Notice ${id} was not found in your scope.`);
  return noticeView(found, partnerOf(actor) === null);
}

/** One notice, as the list shows it (an insurer never sees the obligor's case). */
export async function getNotice(tx: Tx, actor: Actor, id: string): Promise<NoticeView> {
  authorizeAny(actor, ['intercept.submit', 'intercept.review']);
  const notice = strip(await findNotice(tx, actor, id));
  await recordAudit(tx, actor, { action: 'intercept.notice.read', entityType: 'intercept_notice', entityId: id, isPiiRead: true });
  return notice;
}

export async function issueNotice(tx: Tx, actor: Actor, matchId: string): Promise<NoticeView> {
  authorize(actor, 'intercept.review');
  const found = await matchInScope(tx, rowFilter(actor), matchId);
  if (!found) throw new AppError('not_found', 'match_not_found', `Match ${matchId} was not found in your scope.`);
  const { match, claim } = found;
  assertCanWriteLcsa(actor, match.lcsaId);
  const isConfirmed = match.decision === 'confirmed' || (match.outcome === 'match' && match.decision === null);
  if (!isConfirmed) throw new AppError('conflict', 'match_not_confirmed', 'Only a confirmed match gets a notice: review it first.');
  const already = await noticeOfMatch(tx, matchId);
  if (already) throw new AppError('conflict', 'notice_already_issued', `A notice was already issued for this match (${already}).`);
  const today = todayInCalifornia();
  const cases = await findObligorCases(tx, match.personId);
  const owed = await pastDue(
    tx,
    onBehalfOf(actor, "a notice to withhold: the obligor's past due in every LCSA", ['registry.read']),
    cases.map((c) => c.id),
    today,
  );
  const pastDueCents = [...owed.values()].reduce((a, b) => a + b, 0);
  if (pastDueCents <= 0) throw new AppError('conflict', 'nothing_past_due', 'The obligor owes nothing past due today: no notice.');
  const { withholdCents, capRule, perPaymentBasisPoints } = withholdingFor(claim, pastDueCents);
  const notice = await insertNotice(tx, {
    matchId,
    claimId: claim.id,
    insurerId: claim.insurerId,
    personId: match.personId,
    lcsaId: match.lcsaId,
    kind: claim.paymentType,
    noticeDate: today,
    pastDueCents,
    withholdCents,
    capRule,
    perPaymentBasisPoints,
    status: 'issued',
    createdBy: actor.userId,
  });
  await recordAudit(tx, actor, {
    action: 'intercept.notice.issue',
    entityType: 'intercept_notice',
    entityId: notice.id,
    lcsaId: match.lcsaId,
    after: { withholdCents, pastDueCents },
  });
  return strip(await findNotice(tx, actor, notice.id));
}

const status = (n: NoticeView) => (n.onHold ? `${n.status} (on hold)` : n.status);

/** Notices: an insurer its own, LCSA staff their LCSA's; narrowed by status, hold and the 12-month re-check. */
export const noticeList: ListSource<NoticeView, { status?: NoticeView['status']; onHold?: boolean; recheckDue?: boolean }> = {
  name: 'intercept-notices',
  personal: true,
  defaultSort: { sort: 'noticeDate', dir: 'desc' },
  columns: [
    { key: 'claimNumber', header: 'Claim', value: (n) => n.claimNumber, orderBy: noticeOrder.claimNumber },
    { key: 'insurer', header: 'Insurer', value: (n) => n.insurerName, orderBy: noticeOrder.insurer },
    { key: 'claimant', header: 'Claimant', value: (n) => n.claimantName },
    { key: 'noticeDate', header: 'Notice date', value: (n) => n.noticeDate, orderBy: noticeOrder.noticeDate },
    { key: 'withholdCents', header: 'Withhold (cents)', value: (n) => n.withholdCents, orderBy: noticeOrder.withholdCents },
    { key: 'status', header: 'Status', value: status, orderBy: noticeOrder.status },
    { key: 'promisedCents', header: 'Promised (cents)', value: (n) => n.promisedCents, orderBy: noticeOrder.promisedCents },
    { key: 'remittedCents', header: 'Received (cents)', value: (n) => n.remittedCents, orderBy: noticeOrder.remittedCents },
    { key: 'recheckOn', header: 'Re-check on', value: (n) => n.recheckOn ?? '', orderBy: noticeOrder.recheckOn },
    { key: 'id', header: 'Notice reference', value: (n) => n.id },
  ],
  async rows(tx, actor, filters, window) {
    authorizeAny(actor, ['intercept.submit', 'intercept.review']);
    const selection = {
      status: filters.status,
      onHold: filters.onHold,
      recheckDueBy: filters.recheckDue ? todayInCalifornia() : undefined,
      q: filters.q,
    };
    const { rows, total } = await pageNotices(tx, rowFilter(actor), selection, window);
    const showCase = partnerOf(actor) === null;
    return { items: rows.map((r) => strip(noticeView(r, showCase))), total };
  },
};

/** The notice as a PDF: the insurer's, or the obligor's copy with the way to contest (staff only). */
export async function noticePdf(tx: Tx, actor: Actor, id: string, copy: 'insurer' | 'obligor'): Promise<{ fileName: string; pdf: Uint8Array }> {
  // The obligor's copy is the LCSA's to send; the insurer's copy is for the insurer and the reviewers.
  if (copy === 'obligor') authorize(actor, 'intercept.review');
  else authorizeAny(actor, ['intercept.submit', 'intercept.review']);
  const notice = await findNotice(tx, actor, id);
  const claim = await claimById(tx, notice.row.claimId);
  const obligor = (await findPersons(tx, [notice.row.personId])).get(notice.row.personId);
  await recordAudit(tx, actor, { action: `intercept.notice.${copy}_pdf`, entityType: 'intercept_notice', entityId: id, isPiiRead: true });
  const isPeriodic = notice.kind === 'periodic';
  const capText =
    (notice.capRule === 'disability_50_percent'
      ? ' This is a disability-income payment: no more than 50% of the claim may be withheld (Insurance Code 13550).'
      : '') +
    (notice.perPaymentBasisPoints !== null
      ? ` From each periodic payment withhold no more than ${notice.perPaymentBasisPoints / 100}% of that payment (Code of Civil Procedure 704.130(c) and 706.052), and give the gross payment with each remittance.`
      : '');
  const facts: [string, string][] = [
    ['Notice', notice.id],
    ['Notice date', notice.noticeDate],
    ['Insurer', notice.insurerName],
    ['Claim number', notice.claimNumber],
    ['Claim type', notice.claimType.replace(/_/g, ' ')],
    ['Claimant', notice.claimantName],
    ['Claimant SSN', claim?.ssnLast4 ? `***-**-${claim.ssnLast4}` : 'not reported'],
    ['Past-due support', formatCents(notice.pastDueCents)],
    ['Amount to withhold', formatCents(notice.withholdCents)],
    ...(notice.perPaymentBasisPoints !== null ? ([['Limit per payment', `${notice.perPaymentBasisPoints / 100}% of each payment`]] as [string, string][]) : []),
  ];
  if (copy === 'insurer') {
    const pdf = await renderLetter({
      title: `Notice to withhold: ${isPeriodic ? 'periodic payments' : 'lump-sum payment'}`,
      heading: ['California Department of Child Support Services · Insurance Payment Intercept Program', `To: ${notice.insurerName}`],
      facts,
      paragraphs: [
        `The claimant named above owes past-due child support. Under Insurance Code section 13550(e), withhold ${formatCents(notice.withholdCents)} from the ${isPeriodic ? 'periodic payments on this claim, until that amount is reached,' : 'payment on this claim'} and remit it to the California State Disbursement Unit, quoting notice ${notice.id}.${capText}`,
        'If the claim was already paid before this notice reached you, the notice does not bind you: answer "already paid" with the payment date. Answer through the Concord insurer portal or API: will withhold, already paid, denied, or remitted with the amount. The obligor may contest this notice; if we tell you a contest is open, hold the payment and remit nothing until we send the decision.',
        'Insurers acting in good faith under the program are immune from liability for withholding or releasing information (Insurance Code 13551). Use this information only to collect past-due support (Insurance Code 13552).',
      ],
      footer: `Notice ${notice.id}`,
      producedAt: new Date(),
    });
    return { fileName: `notice-${notice.claimNumber}.pdf`, pdf };
  }
  const address = obligor?.hasFamilyViolenceFlag
    ? 'Address withheld: confidential (family-violence protection); sent by the LCSA'
    : [obligor?.addressLine1, obligor?.city, obligor?.state, obligor?.zip].filter(Boolean).join(', ') || 'No address on file';
  const pdf = await renderLetter({
    title: 'Copy for the paying parent: notice to your insurer',
    heading: ['California Department of Child Support Services', `To: ${[obligor?.firstName, obligor?.lastName].filter(Boolean).join(' ')}`, address],
    facts,
    paragraphs: [
      `We sent your insurer a notice to withhold ${formatCents(notice.withholdCents)} from your insurance claim for past-due child support of ${formatCents(notice.pastDueCents)} as of ${notice.noticeDate}.`,
      `If you think the amount is wrong or the claim is not yours, you may contest it within ${defaultWithholdingPolicy.contestDays} days: contact your local child support agency, or ask for a complaint resolution (Family Code 17800). You may also ask for an audit of your arrears.`,
    ],
    footer: `Notice ${notice.id} · obligor copy`,
    producedAt: new Date(),
  });
  return { fileName: `notice-${notice.claimNumber}-obligor-copy.pdf`, pdf };
}

export async function answerNotice(tx: Tx, actor: Actor, id: string, input: NoticeAnswer): Promise<NoticeView> {
  authorizeAny(actor, ['intercept.submit', 'intercept.manage']);
  const notice = await findNotice(tx, actor, id);
  const { change, onDate, amountCents } = answerNoticeRule(noticeState(notice.row), input);
  await recordAnswer(
    tx,
    {
      noticeId: id,
      answer: input.answer,
      amountCents,
      onDate,
      paymentGrossCents: input.answer === 'remitted' ? (input.paymentGrossCents ?? null) : null,
      note: input.note ?? null,
      answeredBy: actor.userId,
    },
    change,
  );
  await recordAudit(tx, actor, {
    action: `intercept.notice.answer.${input.answer}`,
    entityType: 'intercept_notice',
    entityId: id,
    lcsaId: notice.row.lcsaId,
    before: { status: notice.status },
    after: { ...change, amountCents },
  });
  return strip(await findNotice(tx, actor, id));
}

/** The state machine's view of a stored notice. */
export function noticeState(row: NoticeRow): NoticeState {
  return {
    status: row.status,
    kind: row.kind,
    noticeDate: row.noticeDate,
    insurerReceivedOn: row.insurerReceivedOn,
    withholdCents: row.withholdCents,
    promisedCents: row.promisedCents,
    perPaymentBasisPoints: row.perPaymentBasisPoints,
    firstPaymentOn: row.firstPaymentOn,
    onHold: row.onHold,
  };
}

/** Staff record when each copy was mailed and when the insurer received the notice (a return receipt, the insurer's word). */
export async function recordDelivery(tx: Tx, actor: Actor, id: string, input: NoticeDelivery): Promise<NoticeView> {
  authorize(actor, 'intercept.review');
  const notice = await findNotice(tx, actor, id);
  assertCanWriteLcsa(actor, notice.row.lcsaId);
  const today = todayInCalifornia();
  for (const [field, date] of Object.entries(input)) {
    if (date < notice.noticeDate || date > today) {
      throw new AppError('validation', 'delivery_date_out_of_range', `${field}: between the notice date (${notice.noticeDate}) and today.`, [
        { path: `/${field}`, message: 'between the notice date and today' },
      ]);
    }
  }
  await updateNotice(tx, id, input);
  await recordAudit(tx, actor, { action: 'intercept.notice.delivery', entityType: 'intercept_notice', entityId: id, lcsaId: notice.row.lcsaId, after: input });
  return strip(await findNotice(tx, actor, id));
}
