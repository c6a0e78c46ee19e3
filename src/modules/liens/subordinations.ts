/**
 * Subordination: on a purchase or refinance, an obligor on a wage assignment with a good payment history
 * may have the support lien subordinated to the new first deed of trust; otherwise payment is demanded
 * first (the domain page's 4.3). Staff enter the request for the county where the property is; Concord
 * reads the obligor's last 12 months from finance and applies the eligibility rule (domain/payoff.ts,
 * versioned); staff approve (only when eligible) or deny. Approval marks the obligor's recorded liens in
 * that county subordinated and produces the subordination agreement as PDF, one per recorded lien.
 */
import type { Static } from 'typebox';
import { recordAudit } from '../../platform/audit/audit';
import { onBehalfOf, type Actor } from '../../platform/auth/actor';
import { authorize, isLcsaInScope, rowFilter } from '../../platform/auth/scope';
import type { Tx } from '../../platform/db/connect';
import { addMonthsClamped, monthOf, todayInCalifornia } from '../../platform/dates';
import { AppError } from '../../platform/errors';
import type { ListSource } from '../../platform/lists/lists';
import { formatCents } from '../../platform/money';
import { renderLetters, type Letter } from '../../platform/pdf/letter';
import { inForce } from '../../platform/versioned';
import { paymentHistoryOf } from '../finance/index';
import { findObligorCases, sameIndividual } from '../registry/index';
import { defaultSubordinationPolicies, subordinationEligibility, type SubordinationEligibility } from './domain/payoff';
import type { NewSubordination, SubordinationDecisionSchema, SubordinationView } from './contract';
import {
  changeLiens,
  insertSubordination,
  recordedLiensForLetters,
  selectLiens,
  subordinationInScope as findSubordination,
  pageSubordinations,
  subordinationOrder,
  updateSubordination,
  type SubordinationRow as Row,
} from './store';

function viewOf(row: Row): SubordinationView {
  const eligibility = row.eligibility as unknown as SubordinationEligibility;
  return {
    id: row.id,
    personId: row.personId,
    countyFips: row.countyFips,
    propertyAddress: row.propertyAddress,
    lenderName: row.lenderName,
    loanAmountCents: row.loanAmountCents,
    requestedOn: row.requestedOn,
    isEligible: row.isEligible,
    reasons: eligibility.reasons,
    monthsWithWageWithholding: eligibility.monthsWithWageWithholding,
    paidShare: eligibility.paidShare,
    status: row.status,
    decidedOn: row.decidedOn,
    decisionNote: row.decisionNote,
  };
}

/** The obligor's open cases, refused unless one is in the actor's scope (staff only). */
async function obligorCasesInScope(tx: Tx, actor: Actor, personId: string) {
  const cases = await findObligorCases(tx, personId);
  if (!cases.some((c) => isLcsaInScope(actor, c.lcsaId)))
    throw new AppError('not_found', 'obligor_not_found', `Obligor ${personId} was not found in your scope.`);
  return cases;
}

async function recordedLiensIn(tx: Tx, personId: string, countyFips: string) {
  return selectLiens(tx, { personIds: await sameIndividual(tx, personId), countyFips, statuses: ['recorded'] });
}

export async function requestSubordination(tx: Tx, actor: Actor, personId: string, input: NewSubordination): Promise<SubordinationView> {
  authorize(actor, 'liens.manage');
  const cases = await obligorCasesInScope(tx, actor, personId);
  if ((await recordedLiensIn(tx, personId, input.countyFips)).length === 0) {
    throw new AppError('conflict', 'no_recorded_lien_in_county', 'The obligor has no recorded lien in that county to subordinate.', [
      { path: '/countyFips', message: 'a county with a recorded lien of the obligor' },
    ]);
  }
  const requestedOn = input.requestedOn ?? todayInCalifornia();
  const policy = inForce(defaultSubordinationPolicies, requestedOn);
  const months = await paymentHistoryOf(
    tx,
    onBehalfOf(actor, "a subordination decision: the obligor's payments in every LCSA", ['registry.read']),
    cases.map((c) => c.id),
    { from: monthOf(addMonthsClamped(requestedOn, -policy.historyMonths)), to: monthOf(addMonthsClamped(requestedOn, -1)) },
  );
  const eligibility = subordinationEligibility(months, policy);
  const row = await insertSubordination(tx, {
    personId,
    lcsaIds: [...new Set(cases.map((c) => c.lcsaId))],
    countyFips: input.countyFips,
    propertyAddress: input.propertyAddress,
    lenderName: input.lenderName,
    loanAmountCents: input.loanAmountCents,
    requestedOn,
    isEligible: eligibility.isEligible,
    eligibility: { ...eligibility },
    status: 'pending',
    createdBy: actor.userId,
  });
  await recordAudit(tx, actor, { action: 'liens.subordination.request', entityType: 'person', entityId: personId, after: { ...input, eligibility } });
  return viewOf(row);
}

async function subordinationInScope(tx: Tx, actor: Actor, id: string): Promise<Row> {
  const row = await findSubordination(tx, rowFilter(actor), id);
  if (!row) throw new AppError('not_found', 'subordination_not_found', `Subordination request ${id} was not found.`);
  return row;
}

export async function decideSubordination(tx: Tx, actor: Actor, id: string, input: Static<typeof SubordinationDecisionSchema>): Promise<SubordinationView> {
  authorize(actor, 'liens.manage');
  const row = await subordinationInScope(tx, actor, id);
  if (row.status !== 'pending') throw new AppError('conflict', 'subordination_already_decided', `This request is already ${row.status}.`);
  if (input.decision === 'approve' && !row.isEligible) {
    throw new AppError('conflict', 'not_eligible', 'The obligor does not meet the subordination rule: demand payment instead.', [
      { path: '/decision', message: 'deny, or ask for payment first' },
    ]);
  }
  const today = todayInCalifornia();
  const decided = await updateSubordination(tx, id, {
    status: input.decision === 'approve' ? 'approved' : 'denied',
    decidedOn: today,
    decidedBy: actor.userId,
    decisionNote: input.note,
  });
  if (input.decision === 'approve') {
    const subordinated = await recordedLiensIn(tx, row.personId, row.countyFips);
    await changeLiens(
      tx,
      subordinated.map((l) => l.id),
      { status: 'subordinated' },
      () => ({ status: 'subordinated', detail: `Subordinated to ${row.lenderName} (${row.propertyAddress})`, actorId: actor.userId }),
    );
  }
  await recordAudit(tx, actor, { action: `liens.subordination.${input.decision}`, entityType: 'lien_subordination', entityId: id, after: input });
  return viewOf(decided);
}

/** Subordination requests in the actor's scope, the pending ones to decide first. */
export const subordinationList: ListSource<SubordinationView, { status?: SubordinationView['status'] }> = {
  name: 'lien-subordinations',
  personal: false,
  defaultSort: { sort: 'requestedOn', dir: 'asc' },
  columns: [
    { key: 'lender', header: 'Lender', value: (s) => s.lenderName, orderBy: subordinationOrder.lender },
    { key: 'propertyAddress', header: 'Property', value: (s) => s.propertyAddress },
    { key: 'countyFips', header: 'County (FIPS)', value: (s) => s.countyFips },
    { key: 'loanAmountCents', header: 'Loan (cents)', value: (s) => s.loanAmountCents, orderBy: subordinationOrder.loanAmountCents },
    { key: 'requestedOn', header: 'Requested on', value: (s) => s.requestedOn, orderBy: subordinationOrder.requestedOn },
    { key: 'isEligible', header: 'Eligible', value: (s) => s.isEligible },
    { key: 'reasons', header: 'Why not', value: (s) => s.reasons.join('; ') },
    { key: 'status', header: 'Status', value: (s) => s.status, orderBy: subordinationOrder.status },
    { key: 'decidedOn', header: 'Decided on', value: (s) => s.decidedOn, orderBy: subordinationOrder.decidedOn },
  ],
  async rows(tx, actor, filters, window) {
    authorize(actor, 'liens.manage');
    const { rows, total } = await pageSubordinations(tx, rowFilter(actor), filters, window);
    return { items: rows.map(viewOf), total };
  },
};

/** The subordination agreement for an approved request: one per lien subordinated, as PDF. */
export async function subordinationAgreement(tx: Tx, actor: Actor, id: string): Promise<{ fileName: string; pdf: Uint8Array }> {
  authorize(actor, 'liens.manage');
  const row = await subordinationInScope(tx, actor, id);
  if (row.status !== 'approved') throw new AppError('conflict', 'subordination_not_approved', 'Only an approved subordination has an agreement.');
  const people = await sameIndividual(tx, row.personId);
  const rows = (
    await recordedLiensForLetters(
      tx,
      { countyFips: row.countyFips, statuses: ['subordinated'], personIds: people },
      {
        byCounty: false,
        middleName: false,
      },
    )
  ).map((l) => ({ county: l.countyName, lcsa: l.lcsaName, instrumentNumber: l.instrumentNumber, recordedOn: l.recordedOn, debtor: l.debtor }));
  await recordAudit(tx, actor, { action: 'liens.subordination.agreement', entityType: 'lien_subordination', entityId: id, isPiiRead: true });
  const letters = rows.map((r): Omit<Letter, 'producedAt'> => ({
    title: 'Subordination agreement',
    heading: [`For recording in ${r.county} County`, `From ${r.lcsa}`],
    facts: [
      ['Judgment debtor', r.debtor],
      ['Lien subordinated', `instrument ${r.instrumentNumber}, recorded ${r.recordedOn}`],
      ['New first deed of trust', `${row.lenderName}, ${formatCents(row.loanAmountCents)}`],
      ['Property', row.propertyAddress],
    ],
    paragraphs: [
      'The child support lien named above is made subordinate to the deed of trust named above, as to the property named above only. It remains in force as to all other real property of the judgment debtor, and as to this property after the deed of trust.',
    ],
    footer: `Subordination ${row.id}`,
  }));
  const pdf = await renderLetters('Subordination agreement', letters, new Date());
  return { fileName: `subordination-${row.id.slice(0, 8)}.pdf`, pdf };
}
