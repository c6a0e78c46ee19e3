/**
 * Payoff demands from title and escrow companies, through the partner portal or entered by staff from a
 * demand received by mail or fax (the domain page's 4.3–4.4).
 *
 * 1. Intake: the company, escrow number, property, the borrower's identifiers (SSN and driver's licence
 *    kept only as keyed hashes and last four) and which required documents came. The same escrow number
 *    again from the same company returns the demand already made.
 * 2. Documents: the company uploads each required document (PDF, PNG or JPEG, at most 5 MiB, checked by
 *    its first bytes), kept sealed. Identity checks against the registry (domain/payoff.ts): when the
 *    policy allows an automatic answer, everything agrees, every required document is uploaded and the
 *    obligor is not family-violence flagged, Concord answers at once (audited with the policy); otherwise
 *    staff check each document and review the demand, issuing only once every required document is
 *    accepted. A partner never learns which identifier disagreed, only that the department is reviewing it.
 * 3. The answer: ONE statewide payoff across every case of the obligor in every LCSA, good through a date,
 *    with the per-diem after it (from finance), every recorded lien it releases, and a versioned demand
 *    letter as PDF. Due 15 days from receipt.
 * 4. Payment: the state disbursement unit posts the payoff as a `lien_payoff` collection prorated across
 *    the obligor's cases (finance); once nothing is past due, the release of every lien follows at once —
 *    a general release, or a matured-installment satisfaction while support continues (releases.ts).
 */
import { checkDocument as checkUpload } from '../../platform/http/documents';
import crypto from 'node:crypto';
import type { Static } from 'typebox';
import { recordAudit } from '../../platform/audit/audit';
import { onBehalfOf, type Actor } from '../../platform/auth/actor';
import { authorize, partnerOf, requireStaff, rowFilter } from '../../platform/auth/scope';
import type { Tx } from '../../platform/db/connect';
import { addDays, type CalendarDate, daysBetween, todayInCalifornia } from '../../platform/dates';
import { AppError } from '../../platform/errors';
import { formatCents } from '../../platform/money';
import { renderLetter } from '../../platform/pdf/letter';
import type { PiiKeys } from '../../platform/pii/keys';
import { blindIndexSsn, maskSsn, protectDriversLicense } from '../../platform/pii/ssn';
import { openText, sealText } from '../../platform/pii/sealed';
import { inForce } from '../../platform/versioned';
import type { ListSource } from '../../platform/lists/lists';
import { payoffOf, postObligorCollection } from '../finance/index';
import { findObligorCases, findPersons, lcsaNames, namesakes, obligorsWithSsn, sameIndividual } from '../registry/index';
import { checkIdentity, defaultPayoffPolicies, demandDueBy, demandLetterVersions, type IdentityCheck } from './domain/payoff';
import { pastDueOfObligor, releaseAllLiens } from './releases';
import {
  checkDemandDocument,
  demandDocumentsOf,
  insertDemandDocument,
  type DemandDocumentRow,
  demandByEscrow,
  demandInScope as findDemand,
  demandOrder,
  pageDemands,
  insertDemand,
  partnerName,
  peopleWithLiens,
  storedLiensOf,
  updateDemand,
  type DemandRow as Row,
} from './store';
import type { DemandDocument, DemandDocumentView, NewPayoffDemand, PayoffDemandView, PayoffPaymentSchema, PayoffReviewSchema, ReleaseView } from './contract';

type StoredLien = PayoffDemandView['liens'][number];
type Breakdown = PayoffDemandView['breakdown'][number];

function viewOf(row: Row, actor: Actor): PayoffDemandView {
  const identity = row.identity as unknown as IdentityCheck;
  const isPartner = partnerOf(actor) !== null;
  return {
    id: row.id,
    channel: row.channel,
    companyName: row.companyName,
    escrowNumber: row.escrowNumber,
    propertyAddress: row.propertyAddress,
    transactionType: row.transactionType,
    borrowerName: `${row.borrowerFirstName} ${row.borrowerLastName}`,
    borrowerSsn: maskSsn(row.ssnLast4)!,
    status: row.status,
    receivedOn: row.receivedOn,
    dueBy: row.dueBy,
    daysLeft: row.status === 'needs_review' ? daysBetween(todayInCalifornia(), row.dueBy) : null,
    goodThrough: row.goodThrough,
    issuedOn: row.issuedOn,
    payoffCents: row.payoffCents,
    perDiemCents: row.perDiemCents,
    breakdown: (row.breakdown as Breakdown[] | null) ?? [],
    liens: (row.liens as StoredLien[] | null) ?? [],
    letterVersion: row.letterVersion,
    missingDocuments: identity.missingDocuments,
    identity: isPartner ? null : { problems: identity.problems, warnings: identity.warnings, personId: row.personId },
    reviewNote: row.reviewNote,
    paidOn: row.paidOn,
    paidCents: row.paidCents,
    releaseId: row.releaseId,
  };
}

/** A demand the actor sees: state staff every one, LCSA staff those on an obligor of theirs, a partner its own. */
async function demandInScope(tx: Tx, actor: Actor, id: string): Promise<Row> {
  const row = await findDemand(tx, rowFilter(actor), id);
  if (!row) throw new AppError('not_found', 'demand_not_found', `Payoff demand ${id} was not found.`);
  return row;
}

/** What the registry says of the borrower: obligor records with the SSN, and how the other identifiers compare. */
async function identityFacts(tx: Tx, ssnIndex: string, licenceIndex: string | null, input: NewPayoffDemand['borrower']) {
  const matches = await obligorsWithSsn(tx, ssnIndex);
  // Other individuals of the same name with a lien: the abstract may have led the title company to the wrong one.
  const others = (await namesakes(tx, input.firstName, input.lastName)).filter((p) => p.ssnBlindIndex !== ssnIndex);
  const withLiens = await peopleWithLiens(
    tx,
    others.map((p) => p.id),
  );
  const sameName = { others: new Set(others.filter((p) => withLiens.has(p.id)).map((p) => p.ssnBlindIndex ?? p.id)).size };
  const dobs = matches.map((m) => m.dateOfBirth).filter((d) => d !== null);
  const licences = matches.map((m) => m.licence).filter((l) => l !== null);
  return {
    personId: matches[0]?.id ?? null,
    facts: {
      ssnMatches: matches.length,
      isNameMatch: matches.some((m) => m.lastName.toLowerCase() === input.lastName.toLowerCase()),
      dateOfBirth: dobs.length === 0 ? ('not_on_file' as const) : dobs.includes(input.dateOfBirth) ? ('match' as const) : ('mismatch' as const),
      driversLicense:
        licenceIndex === null
          ? ('not_given' as const)
          : licences.length === 0
            ? ('not_on_file' as const)
            : licences.includes(licenceIndex)
              ? ('match' as const)
              : ('mismatch' as const),
      sameNameOthers: sameName?.others ?? 0,
    },
  };
}

/** Whether any registry record of the individual is family-violence flagged: such demands always go to staff. */
async function isProtected(tx: Tx, personId: string | null): Promise<boolean> {
  if (!personId) return false;
  const people = await findPersons(tx, await sameIndividual(tx, personId));
  return [...people.values()].some((p) => p.hasFamilyViolenceFlag);
}

/** The statewide payoff of the matched obligor, good through the demand's date, and the recorded liens it releases. */
async function computePayoff(tx: Tx, actor: Actor, personId: string, goodThrough: CalendarDate) {
  const cases = await findObligorCases(tx, personId);
  const quotes = await payoffOf(
    tx,
    onBehalfOf(actor, "a statewide payoff: the obligor's balances in every LCSA", ['registry.read']),
    cases.map((c) => c.id),
    goodThrough,
  );
  const names = await lcsaNames(tx);
  const breakdown: Breakdown[] = cases.map((c) => ({ caseNumber: c.caseNumber, lcsaName: names.get(c.lcsaId) ?? c.lcsaId, ...quotes.get(c.id)! }));
  const people = await sameIndividual(tx, personId);
  const recorded = await storedLiensOf(tx, people);
  return {
    breakdown,
    liens: recorded,
    payoffCents: breakdown.reduce((a, b) => a + b.totalCents, 0),
    perDiemCents: breakdown.reduce((a, b) => a + b.perDiemCents, 0),
    lcsaIds: cases.map((c) => c.lcsaId),
  };
}

async function issue(tx: Tx, row: Row, actor: Actor, note: string | null): Promise<Row> {
  const payoff = await computePayoff(tx, actor, row.personId!, row.goodThrough);
  const today = todayInCalifornia();
  return updateDemand(tx, row.id, {
    status: 'issued',
    issuedOn: today,
    payoffCents: payoff.payoffCents,
    perDiemCents: payoff.perDiemCents,
    breakdown: payoff.breakdown,
    liens: payoff.liens,
    lcsaIds: [...new Set([...row.lcsaIds, ...payoff.lcsaIds])],
    letterVersion: inForce(demandLetterVersions, today).version,
    reviewNote: note,
    decidedBy: note === null ? null : actor.userId,
  });
}

export async function submitPayoffDemand(tx: Tx, keys: PiiKeys, actor: Actor, input: NewPayoffDemand): Promise<{ demand: PayoffDemandView; isNew: boolean }> {
  authorize(actor, 'liens.payoffs');
  const today = todayInCalifornia();
  const policy = inForce(defaultPayoffPolicies, today);
  const portalPartnerId = partnerOf(actor);
  const isPortal = portalPartnerId !== null;
  const companyName = isPortal ? await partnerName(tx, portalPartnerId) : input.companyName;
  if (!companyName)
    throw new AppError('validation', 'company_required', 'Name the title or escrow company.', [{ path: '/companyName', message: 'required for staff entry' }]);
  const receivedOn = isPortal ? today : (input.receivedOn ?? today);
  if (receivedOn > today)
    throw new AppError('validation', 'received_in_future', 'A demand cannot arrive in the future.', [{ path: '/receivedOn', message: 'today or earlier' }]);
  if (input.goodThrough < today || input.goodThrough > addDays(today, policy.maxGoodThroughDays)) {
    throw new AppError(
      'validation',
      'good_through_out_of_range',
      `The good-through date must be between today and ${policy.maxGoodThroughDays} days from today.`,
      [{ path: '/goodThrough', message: `from ${today} to ${addDays(today, policy.maxGoodThroughDays)}` }],
    );
  }
  const ssnIndex = blindIndexSsn(keys, input.borrower.ssn);
  const existing = await demandByEscrow(tx, companyName, input.escrowNumber);
  if (existing) {
    if (existing.ssnBlindIndex !== ssnIndex || (isPortal && existing.partnerId !== portalPartnerId)) {
      throw new AppError('conflict', 'escrow_number_in_use', `Escrow ${input.escrowNumber} already has a demand for another borrower.`, [
        { path: '/escrowNumber', message: 'already used by this company' },
      ]);
    }
    return { demand: viewOf(existing, actor), isNew: false };
  }
  const licenceIndex = input.borrower.driversLicense ? protectDriversLicense(keys, input.borrower.driversLicense).blindIndex : null;
  const { personId, facts } = await identityFacts(tx, ssnIndex, licenceIndex, input.borrower);
  // Nothing is uploaded yet: the demand waits for its documents (a ticked box is not a document).
  const identity = checkIdentity(facts, [], policy, { isFamilyViolenceFlagged: await isProtected(tx, personId) });
  // Staff see the demands on obligors of their LCSA, and those they entered themselves.
  const obligorLcsas = personId ? (await findObligorCases(tx, personId)).map((c) => c.lcsaId) : [];
  const lcsaIds = [...new Set([...obligorLcsas, ...(actor.lcsaId ? [actor.lcsaId] : [])])];
  const row = await insertDemand(tx, {
    partnerId: portalPartnerId,
    channel: isPortal ? 'portal' : 'staff',
    companyName,
    escrowNumber: input.escrowNumber,
    contactName: input.contactName ?? null,
    contactPhone: input.contactPhone ?? null,
    contactEmail: input.contactEmail ?? null,
    propertyAddress: input.propertyAddress,
    transactionType: input.transactionType,
    borrowerFirstName: input.borrower.firstName,
    borrowerLastName: input.borrower.lastName,
    ssnBlindIndex: ssnIndex,
    ssnLast4: input.borrower.ssn.replace(/\D/g, '').slice(-4),
    dateOfBirth: input.borrower.dateOfBirth,
    driversLicenseBlindIndex: licenceIndex,
    documents: input.documents,
    personId,
    lcsaIds,
    identity: { ...identity },
    status: 'needs_review',
    receivedOn,
    dueBy: demandDueBy(receivedOn, policy),
    goodThrough: input.goodThrough,
    createdBy: actor.userId,
  });
  const stored = row;
  await recordAudit(tx, actor, {
    action: 'liens.payoff.submit',
    entityType: 'lien_payoff_demand',
    entityId: stored.id,
    isPiiRead: true,
    after: { escrowNumber: input.escrowNumber, status: stored.status, problems: identity.problems.length },
  });
  return { demand: viewOf(stored, actor), isNew: true };
}

const statusLabels: Record<Row['status'], string> = { needs_review: 'Needs review', issued: 'Issued', rejected: 'Rejected', paid: 'Paid' };
const dollars = (cents: number | null) => (cents === null ? '' : cents / 100);

/** Payoff demands in scope (a partner: its own), soonest due first; listing them is audited (they name borrowers). */
export const payoffDemandList: ListSource<PayoffDemandView, { status?: Row['status'] }> = {
  name: 'payoff-demands',
  personal: true,
  defaultSort: { sort: 'dueBy', dir: 'asc' },
  columns: [
    { key: 'escrowNumber', header: 'Escrow number', value: (d) => d.escrowNumber, orderBy: demandOrder.escrowNumber },
    { key: 'company', header: 'Company', value: (d) => d.companyName, orderBy: demandOrder.company },
    { key: 'borrower', header: 'Borrower', value: (d) => d.borrowerName },
    { key: 'property', header: 'Property', value: (d) => d.propertyAddress },
    { key: 'receivedOn', header: 'Received on', value: (d) => d.receivedOn, orderBy: demandOrder.receivedOn },
    { key: 'dueBy', header: 'Due by', value: (d) => d.dueBy, orderBy: demandOrder.dueBy },
    { key: 'status', header: 'Status', value: (d) => statusLabels[d.status], orderBy: demandOrder.status },
    { key: 'payoffCents', header: 'Payoff (dollars)', value: (d) => dollars(d.payoffCents), orderBy: demandOrder.payoffCents },
    { key: 'goodThrough', header: 'Good through', value: (d) => d.goodThrough },
  ],
  async rows(tx, actor, filters, window) {
    authorize(actor, 'liens.payoffs');
    const { rows, total } = await pageDemands(tx, rowFilter(actor), { status: filters.status, q: filters.q }, window);
    await recordAudit(tx, actor, {
      action: 'liens.payoff.list',
      entityType: 'lien_payoff_demand',
      detail: { status: filters.status ?? 'all', count: rows.length },
    });
    return { items: rows.map((r) => viewOf(r, actor)), total };
  },
};

export async function getPayoffDemand(tx: Tx, actor: Actor, id: string): Promise<PayoffDemandView> {
  authorize(actor, 'liens.payoffs');
  const row = await demandInScope(tx, actor, id);
  await recordAudit(tx, actor, { action: 'liens.payoff.read', entityType: 'lien_payoff_demand', entityId: id });
  return viewOf(row, actor);
}

/** Staff decide a demand the checks could not: issue it (the identifiers were confirmed) or reject it. */
export async function reviewPayoffDemand(tx: Tx, actor: Actor, id: string, input: Static<typeof PayoffReviewSchema>): Promise<PayoffDemandView> {
  authorize(actor, 'liens.manage');
  requireStaff(actor, 'Partners may not review demands.');
  const row = await demandInScope(tx, actor, id);
  if (row.status !== 'needs_review') throw new AppError('conflict', 'demand_already_decided', `This demand is already ${row.status.replace('_', ' ')}.`);
  let decided: Row;
  if (input.decision === 'issue') {
    if (!row.personId)
      throw new AppError('conflict', 'no_obligor_matched', 'No obligor matched the identifiers: there is no payoff to issue. Reject it instead.');
    const accepted = new Set((await demandDocumentsOf(tx, id)).filter((d) => d.check === 'accepted').map((d) => d.kind));
    const unchecked = inForce(defaultPayoffPolicies, todayInCalifornia()).requiredDocuments.filter((k) => !accepted.has(k));
    if (unchecked.length > 0) {
      throw new AppError(
        'conflict',
        'documents_not_checked',
        `Check the documents first: ${unchecked.map((k) => k.replace(/_/g, ' ')).join(', ')} ${unchecked.length === 1 ? 'is' : 'are'} not uploaded and accepted.`,
      );
    }
    decided = await issue(tx, row, actor, input.note);
  } else {
    decided = await updateDemand(tx, id, { status: 'rejected', reviewNote: input.note, decidedBy: actor.userId });
  }
  await recordAudit(tx, actor, { action: `liens.payoff.${input.decision}`, entityType: 'lien_payoff_demand', entityId: id, after: input });
  return viewOf(decided, actor);
}

/** The demand letter (versioned wording) as PDF, for an issued or paid demand. */
export async function payoffLetter(tx: Tx, actor: Actor, id: string): Promise<{ fileName: string; pdf: Uint8Array }> {
  authorize(actor, 'liens.payoffs');
  const row = await demandInScope(tx, actor, id);
  if (row.status !== 'issued' && row.status !== 'paid') throw new AppError('conflict', 'demand_not_issued', 'The payoff has not been issued yet.');
  const view = viewOf(row, actor);
  const version = demandLetterVersions.find((v) => v.version === row.letterVersion) ?? inForce(demandLetterVersions, row.issuedOn!);
  await recordAudit(tx, actor, { action: 'liens.payoff.letter', entityType: 'lien_payoff_demand', entityId: id, isPiiRead: true });
  const pdf = await renderLetter({
    title: 'Statewide child support lien payoff demand',
    heading: [
      `To ${row.companyName}`,
      `Escrow ${row.escrowNumber} · ${row.transactionType}`,
      `Issued ${row.issuedOn} · demand ${row.id.slice(0, 8).toUpperCase()}`,
    ],
    facts: [
      ['Borrower (judgment debtor)', view.borrowerName],
      ['SSN', view.borrowerSsn],
      ['Property', row.propertyAddress],
      ['Payoff good through', `${row.goodThrough}: ${formatCents(row.payoffCents ?? 0)}`],
      ['Per-diem after that date', formatCents(row.perDiemCents ?? 0)],
      ...view.breakdown.map(
        (b) =>
          [
            `Case ${b.caseNumber}`,
            `${formatCents(b.totalCents)} (${b.lcsaName}; support ${formatCents(b.principalCents)}, interest ${formatCents(b.interestCents)})`,
          ] as [string, string],
      ),
      ...view.liens.map(
        (l) => [`Lien, ${l.countyName} County`, `instrument ${l.instrumentNumber}, recorded ${l.recordedOn} (${l.lcsaName})`] as [string, string],
      ),
    ],
    paragraphs: version.paragraphs,
    footer: `Demand letter ${version.version} · ${row.id}`,
    producedAt: new Date(),
  });
  return { fileName: `payoff-demand-${row.escrowNumber.replace(/[^A-Za-z0-9-]/g, '')}.pdf`, pdf };
}

/**
 * The payoff is paid: post it as the obligor's `lien_payoff` collection (prorated across every case by
 * finance), then — if nothing is past due — release every lien in one packet. A short payment is posted
 * and reported; no release follows until the rest is paid.
 */
export async function postPayoffPayment(
  tx: Tx,
  actor: Actor,
  id: string,
  input: Static<typeof PayoffPaymentSchema>,
): Promise<{ demand: PayoffDemandView; release: ReleaseView | null; stillOwedCents: number }> {
  authorize(actor, 'finance.post');
  authorize(actor, 'liens.manage');
  const row = await demandInScope(tx, actor, id);
  if (row.status !== 'issued') throw new AppError('conflict', 'demand_not_payable', `A demand that is ${row.status.replace('_', ' ')} cannot be paid.`);
  await postObligorCollection(tx, actor, row.personId!, { ...input, source: 'lien_payoff' });
  const stillOwedCents = await pastDueOfObligor(
    tx,
    actor,
    (await findObligorCases(tx, row.personId!)).map((c) => c.id),
  );
  const hasLiens = ((row.liens as StoredLien[] | null) ?? []).length > 0;
  const release =
    stillOwedCents === 0 && hasLiens
      ? await releaseAllLiens(tx, actor, row.personId!, {
          reason: 'paid_in_full',
          triggerDate: input.receivedOn,
          note: `Payoff ${row.escrowNumber} (${row.companyName})`,
        })
      : null;
  const updated = await updateDemand(tx, id, {
    status: 'paid',
    paidOn: input.receivedOn,
    paidCents: input.amountCents,
    receiptId: input.receiptId,
    releaseId: release?.id ?? null,
  });
  await recordAudit(tx, actor, {
    action: 'liens.payoff.paid',
    entityType: 'lien_payoff_demand',
    entityId: id,
    after: { ...input, releaseId: release?.id ?? null, stillOwedCents },
  });
  return { demand: viewOf(updated, actor), release, stillOwedCents };
}

// Documents

function documentView(d: DemandDocumentRow): DemandDocumentView {
  return { id: d.id, kind: d.kind as DemandDocument, fileName: d.fileName, contentType: d.contentType, bytes: d.bytes, check: d.check, checkNote: d.checkNote };
}

/**
 * A document for a demand waiting for its answer, checked by its first bytes against its type and kept
 * sealed. Once every required document is uploaded, the demand is answered at once if the policy and the
 * identity checks allow it; otherwise it stays with staff.
 */
export async function uploadDemandDocument(
  tx: Tx,
  keys: PiiKeys,
  actor: Actor,
  id: string,
  file: { kind: DemandDocument; fileName: string; contentType: string; body: Buffer },
): Promise<PayoffDemandView> {
  authorize(actor, 'liens.payoffs');
  const row = await demandInScope(tx, actor, id);
  if (row.status !== 'needs_review') throw new AppError('conflict', 'demand_already_decided', `This demand is already ${row.status.replace('_', ' ')}.`);
  checkUpload(file);
  const stored = await insertDemandDocument(tx, {
    demandId: id,
    kind: file.kind,
    fileName: file.fileName,
    contentType: file.contentType,
    bytes: file.body.length,
    sha256: crypto.createHash('sha256').update(file.body).digest('hex'),
    sealed: sealText(keys, file.body.toString('base64')),
    uploadedBy: actor.userId,
  });
  await recordAudit(tx, actor, {
    action: 'liens.payoff.document_upload',
    entityType: 'lien_payoff_demand',
    entityId: id,
    after: { kind: file.kind, bytes: file.body.length, documentId: stored.id },
  });
  // Recheck with what is now uploaded (refused documents do not count).
  const policy = inForce(defaultPayoffPolicies, todayInCalifornia());
  const uploaded = [...new Set((await demandDocumentsOf(tx, id)).filter((d) => d.check !== 'refused').map((d) => d.kind as DemandDocument))];
  const identity = checkIdentity(row.identity as unknown as IdentityCheck, uploaded, policy, { isFamilyViolenceFlagged: await isProtected(tx, row.personId) });
  let updated = await updateDemand(tx, id, { identity: { ...identity } });
  if (identity.problems.length === 0 && row.personId) {
    updated = await issue(tx, updated, actor, null);
    await recordAudit(tx, actor, {
      action: 'liens.payoff.auto_answer',
      entityType: 'lien_payoff_demand',
      entityId: id,
      after: { policyEffectiveFrom: policy.effectiveFrom, documents: uploaded },
    });
  }
  return viewOf(updated, actor);
}

/** The documents of a demand (what, how big, whether checked): the company its own, staff theirs. */
export async function listDemandDocuments(tx: Tx, actor: Actor, id: string): Promise<DemandDocumentView[]> {
  authorize(actor, 'liens.payoffs');
  await demandInScope(tx, actor, id);
  return (await demandDocumentsOf(tx, id)).map(documentView);
}

/** One document's file, for staff checking it (a read of personal data). */
export async function demandDocumentFile(tx: Tx, keys: PiiKeys, actor: Actor, id: string, documentId: string) {
  authorize(actor, 'liens.manage');
  requireStaff(actor, 'Only staff open uploaded documents.');
  await demandInScope(tx, actor, id);
  const document = (await demandDocumentsOf(tx, id)).find((d) => d.id === documentId);
  if (!document) throw new AppError('not_found', 'document_not_found', `Document ${documentId} was not found.`);
  await recordAudit(tx, actor, {
    action: 'liens.payoff.document_read',
    entityType: 'lien_payoff_demand',
    entityId: id,
    isPiiRead: true,
    detail: { documentId },
  });
  return { fileName: document.fileName, contentType: document.contentType, body: Buffer.from(openText(keys, document.sealed), 'base64') };
}

/** Staff accept a document or refuse it with the reason (a refused kind must be sent again). */
export async function checkDocument(tx: Tx, actor: Actor, id: string, documentId: string, input: { decision: 'accepted' | 'refused'; note: string }) {
  authorize(actor, 'liens.manage');
  requireStaff(actor, 'Partners may not check documents.');
  const row = await demandInScope(tx, actor, id);
  if (row.status !== 'needs_review') throw new AppError('conflict', 'demand_already_decided', `This demand is already ${row.status.replace('_', ' ')}.`);
  const document = (await demandDocumentsOf(tx, id)).find((d) => d.id === documentId);
  if (!document) throw new AppError('not_found', 'document_not_found', `Document ${documentId} was not found.`);
  await checkDemandDocument(tx, documentId, { check: input.decision, checkNote: input.note, checkedBy: actor.userId });
  await recordAudit(tx, actor, {
    action: `liens.payoff.document_${input.decision}`,
    entityType: 'lien_payoff_demand',
    entityId: id,
    detail: { documentId, kind: document.kind },
  });
  return (await demandDocumentsOf(tx, id)).map(documentView);
}
