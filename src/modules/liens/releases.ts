/**
 * One release for every lien an obligor has, in every county, whichever LCSA recorded it (22 CCR
 * 116134): paid in full (due 5 days from the decision, and only once finance shows nothing past due),
 * wrong person (15 days), court order (15 days, or the order's own deadline if sooner). The packet is
 * one PDF: a cover listing every county, then a release of judgment lien (the content of CA 8581) for
 * each recorded lien. Concord proposes releases for obligors whose arrears finance shows as paid.
 *
 * Paid in full while an order still charges support gives a matured-installment satisfaction instead:
 * the recorded liens are partially released and the packet holds an acknowledgment of satisfaction of
 * matured installments per county (22 CCR 116132; San Mateo releases nothing while support continues).
 * Paid in full with nothing more to fall due gives CA 8581 releases and an acknowledgment of full
 * satisfaction per county. [GAP] §116134(d) (title/escrow or obligor request) was not available.
 * A release is due from its event, not from when staff act: paid in full counts from the last payment
 * (finance), a payoff from its posting, a court order from the order; `releasesDue` is the queue of
 * obligors whose release is due and not made, with days left, and the county's recording of a release is
 * recorded, so that the report measures trigger → sent and trigger → recorded.
 * The obligor is the individual, not one registry record: every record sharing the SSN counts.
 */
import { recordAudit } from '../../platform/audit/audit';
import { onBehalfOf, type Actor } from '../../platform/auth/actor';
import { authorize, isLcsaInScope, rowFilter } from '../../platform/auth/scope';
import type { Tx } from '../../platform/db/connect';
import { type CalendarDate, daysBetween, todayInCalifornia } from '../../platform/dates';
import { AppError } from '../../platform/errors';
import { formatCents } from '../../platform/money';
import { renderLetters, type Letter } from '../../platform/pdf/letter';
import { inForce, versionOn } from '../../platform/versioned';
import { lastPaymentOf, pastDue } from '../finance/index';
import { caseNumbers, findCasesWithParts, findObligorCases, sameIndividual } from '../registry/index';
import { defaultReleasePolicies, releaseDueBy } from './domain/policy';
import type { ReleaseDue, ReleaseRequest, ReleaseView } from './contract';
import {
  changeLiens,
  countiesOfRelease,
  findRelease,
  insertRelease,
  obligorsWithRecordedLiens,
  recordedLiensForLetters,
  selectLiens,
  setReleaseRecorded,
} from './store';

/** The obligor must be on a case in the actor's scope; the release then covers every county. */
async function assertObligorInScope(tx: Tx, actor: Actor, personId: string): Promise<string[]> {
  const cases = await findObligorCases(tx, personId);
  if (!cases.some((c) => isLcsaInScope(actor, c.lcsaId)))
    throw new AppError('not_found', 'obligor_not_found', `Obligor ${personId} was not found in your scope.`);
  return cases.map((c) => c.id);
}

/** Whether any of the cases has support in force today (an order whose current term charges something). */
async function hasOngoingSupport(tx: Tx, caseIds: string[], asOf: CalendarDate): Promise<boolean> {
  return (await findCasesWithParts(tx, caseIds)).some((c) =>
    c.orders.some((o) => {
      const term = versionOn(o.terms, asOf);
      return term !== undefined && term.reason !== 'termination' && !term.isReserved && term.amountCents > 0;
    }),
  );
}

/** What the obligor owes past due today over the given cases, in every LCSA (a release decision needs the statewide figure). */
export async function pastDueOfObligor(tx: Tx, actor: Actor, caseIds: string[]): Promise<number> {
  const owed = await pastDue(
    tx,
    onBehalfOf(actor, "a lien release decision: the obligor's past due in every LCSA", ['registry.read']),
    caseIds,
    todayInCalifornia(),
  );
  return [...owed.values()].reduce((a, b) => a + b, 0);
}

export async function releaseAllLiens(tx: Tx, actor: Actor, personId: string, input: ReleaseRequest): Promise<ReleaseView> {
  authorize(actor, 'liens.manage');
  const caseIds = await assertObligorInScope(tx, actor, personId);
  const today = todayInCalifornia();
  if (input.reason === 'paid_in_full') {
    const owed = await pastDueOfObligor(tx, actor, caseIds);
    if (owed > 0) throw new AppError('conflict', 'arrears_not_paid', `The obligor still owes ${formatCents(owed)} past due: no release for payment in full.`);
  }
  // Paid in full while support continues: the arrears are satisfied but the lien still secures what falls
  // due, so recorded liens are partially released by an acknowledgment of satisfaction of matured installments.
  const kind = input.reason === 'paid_in_full' && (await hasOngoingSupport(tx, caseIds, today)) ? 'matured_installment' : 'general';
  const releasable = kind === 'general' ? (['to_record', 'submitted', 'recorded', 'rejected', 'partially_released'] as const) : (['recorded'] as const);
  const open = await selectLiens(tx, { personIds: await sameIndividual(tx, personId), statuses: releasable });
  if (open.length === 0) throw new AppError('conflict', 'no_liens_to_release', 'The obligor has no lien to release.');
  // Due from the event, not from when staff act: payment in full counts from the last payment.
  const triggerDate =
    input.triggerDate ??
    (input.reason === 'paid_in_full'
      ? ((await lastPaymentOf(tx, onBehalfOf(actor, 'a lien release: when the arrears were paid', ['registry.read']), caseIds)) ?? today)
      : today);
  const dueBy = releaseDueBy(input.reason, triggerDate, inForce(defaultReleasePolicies, triggerDate), input.courtDeadline);
  const release = await insertRelease(tx, {
    personId,
    reason: input.reason,
    kind,
    triggerDate,
    dueBy,
    releasedOn: today,
    lienCount: open.length,
    note: input.note ?? null,
    createdBy: actor.userId,
  });
  const statusBefore = new Map(open.map((l) => [l.id, l.status]));
  const status = kind === 'general' ? 'released' : 'partially_released';
  await changeLiens(
    tx,
    open.map((l) => l.id),
    { status, releaseId: release.id },
    (lienId) => ({
      status,
      detail:
        kind === 'matured_installment'
          ? 'Matured installments satisfied (support continues)'
          : statusBefore.get(lienId) === 'recorded' || statusBefore.get(lienId) === 'partially_released'
            ? `Released (${input.reason.replace(/_/g, ' ')})`
            : `Withdrawn before recording (${input.reason.replace(/_/g, ' ')})`,
      actorId: actor.userId,
    }),
  );
  await recordAudit(tx, actor, {
    action: 'liens.release_all',
    entityType: 'person',
    entityId: personId,
    after: { reason: input.reason, kind, liens: open.length, dueBy },
  });
  return { ...release, counties: await countiesOfRelease(tx, release.id) };
}

/** The release packet: a cover listing every county, then one release of judgment lien per recorded lien. */
export async function releasePacket(tx: Tx, actor: Actor, releaseId: string): Promise<{ fileName: string; pdf: Uint8Array }> {
  authorize(actor, 'liens.manage');
  const release = await findRelease(tx, releaseId);
  if (!release) throw new AppError('not_found', 'release_not_found', `Release ${releaseId} was not found.`);
  await assertObligorInScope(tx, actor, release.personId);
  const recorded = await recordedLiensForLetters(tx, { releaseId }, { byCounty: true, middleName: true });
  const numbers = await caseNumbers(
    tx,
    recorded.map((l) => l.caseId),
  );
  const rows = recorded.map((l) => ({
    id: l.id,
    county: l.countyName,
    lcsa: l.lcsaName,
    instrumentNumber: l.instrumentNumber,
    recordedOn: l.recordedOn,
    caseNumber: numbers.get(l.caseId) ?? '',
    debtor: l.debtor,
  }));
  await recordAudit(tx, actor, { action: 'liens.release_packet.read', entityType: 'lien_release', entityId: releaseId, isPiiRead: true });
  const reason = release.reason.replace(/_/g, ' ');
  const isMatured = release.kind === 'matured_installment';
  const countiesOfRelease = [...new Set(rows.map((r) => r.county))];
  const cover: Omit<Letter, 'producedAt'> = {
    title: isMatured
      ? 'Satisfaction of matured installments: every support lien of the judgment debtor'
      : 'Release of every support lien of the judgment debtor',
    heading: [
      `Reason: ${reason} · released ${release.releasedOn} · due by ${release.dueBy}`,
      `${rows.length} recorded liens in ${countiesOfRelease.length} counties`,
    ],
    facts: rows.map((r) => [r.county, `instrument ${r.instrumentNumber}, recorded ${r.recordedOn} (${r.lcsa})`] as [string, string]),
    paragraphs: [
      isMatured
        ? 'Support continues under the order, so the liens stay of record for installments not yet due; record each acknowledgment with the county recorder named on it.'
        : 'Record each release with the county recorder named on it; one packet covers every county and every recording agency.',
    ],
    footer: `Release ${releaseId}`,
  };
  const debtorOf = (county: string) => rows.find((r) => r.county === county)!;
  const instrumentsIn = (county: string) =>
    rows
      .filter((r) => r.county === county)
      .map((r) => `${r.instrumentNumber} (${r.recordedOn})`)
      .join('; ');
  // 22 CCR 116134: a release of judgment lien (CA 8581) per recorded lien. 22 CCR 116132: a recordable
  // acknowledgment of satisfaction for every county where an abstract was recorded — full when the
  // judgment is paid and nothing more will fall due, of matured installments while support continues.
  const releases = isMatured
    ? []
    : rows.map((r): Omit<Letter, 'producedAt'> => ({
        title: 'Release of judgment lien (form CA 8581)',
        heading: [`To the County Recorder of ${r.county} County`, `From ${r.lcsa}`],
        facts: [
          ['Judgment debtor', r.debtor],
          ['Recorded instrument', `${r.instrumentNumber}, recorded ${r.recordedOn}`],
          ['Case', r.caseNumber],
          ['Reason', reason],
        ],
        paragraphs: [
          'The judgment lien created by recording the instrument named above is released as to all real property of the judgment debtor in this county (general release).',
        ],
        footer: `Release ${releaseId} · lien ${r.id.slice(0, 8)}`,
      }));
  const acknowledgments =
    release.reason !== 'paid_in_full'
      ? []
      : countiesOfRelease.map((county): Omit<Letter, 'producedAt'> => ({
          title: isMatured ? 'Acknowledgment of satisfaction of matured installments' : 'Acknowledgment of satisfaction of judgment',
          heading: [`For recording in ${county} County`, `From ${debtorOf(county).lcsa}`],
          facts: [
            ['Judgment debtor', debtorOf(county).debtor],
            ['Recorded instruments', instrumentsIn(county)],
            ['Case', debtorOf(county).caseNumber],
          ],
          paragraphs: [
            isMatured
              ? `Every installment of support that fell due on or before ${release.releasedOn} has been paid, with interest. The judgment remains in force for installments falling due later (22 CCR 116132).`
              : 'The judgment for support has been satisfied in full (22 CCR 116132).',
          ],
          footer: `Release ${releaseId} · ${county} County`,
        }));
  const pdf = await renderLetters('Lien release packet', [cover, ...releases, ...acknowledgments], new Date());
  return { fileName: `lien-release-${releaseId.slice(0, 8)}.pdf`, pdf };
}

/**
 * Obligors in scope with recorded liens whose arrears finance shows as paid, with the day they were paid
 * (the last payment) and, when nothing more will fall due, the release deadline and days left (22 CCR
 * 116134(c): 5 days). While support continues a release is not due: matured installments on request.
 * Soonest due first; those with days left below zero are overdue.
 */
export async function releasesDue(tx: Tx, actor: Actor): Promise<ReleaseDue[]> {
  authorize(actor, 'liens.manage');
  const candidates = await obligorsWithRecordedLiens(tx, rowFilter(actor));
  const casesOf = new Map<string, string[]>();
  for (const candidate of candidates)
    casesOf.set(
      candidate.personId,
      (await findObligorCases(tx, candidate.personId)).map((c) => c.id),
    );
  const behalf = onBehalfOf(actor, "release deadlines: each obligor's past due and last payment in every LCSA", ['registry.read']);
  const today = todayInCalifornia();
  // One bulk replay for every candidate's cases.
  const owed = await pastDue(tx, behalf, [...casesOf.values()].flat(), today);
  const policy = inForce(defaultReleasePolicies, today);
  const due: ReleaseDue[] = [];
  for (const c of candidates) {
    const caseIds = casesOf.get(c.personId)!;
    if (!caseIds.every((id) => (owed.get(id) ?? 0) === 0)) continue;
    const supportContinues = await hasOngoingSupport(tx, caseIds, today);
    const triggerDate = await lastPaymentOf(tx, behalf, caseIds);
    const dueBy = supportContinues ? null : releaseDueBy('paid_in_full', triggerDate ?? today, policy);
    due.push({ ...c, triggerDate, dueBy, daysLeft: dueBy === null ? null : daysBetween(today, dueBy), supportContinues });
  }
  return due.sort((a, b) => (a.dueBy ?? '9999').localeCompare(b.dueBy ?? '9999') || a.debtor.localeCompare(b.debtor));
}

/** The county recorder recorded the release: the end of the measured release time. */
export async function recordReleaseRecorded(tx: Tx, actor: Actor, releaseId: string, recordedOn: CalendarDate): Promise<ReleaseView> {
  authorize(actor, 'liens.manage');
  const release = await findRelease(tx, releaseId);
  if (!release) throw new AppError('not_found', 'release_not_found', `Release ${releaseId} was not found.`);
  await assertObligorInScope(tx, actor, release.personId);
  if (recordedOn < release.releasedOn || recordedOn > todayInCalifornia()) {
    throw new AppError('validation', 'release_recorded_date_out_of_range', 'Recorded between the release date and today.', [
      { path: '/recordedOn', message: 'between the release date and today' },
    ]);
  }
  await setReleaseRecorded(tx, releaseId, recordedOn);
  await recordAudit(tx, actor, { action: 'liens.release.recorded', entityType: 'lien_release', entityId: releaseId, after: { recordedOn } });
  return { ...release, recordedOn, counties: await countiesOfRelease(tx, releaseId) };
}
