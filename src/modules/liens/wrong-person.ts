/**
 * Wrong-person releases (22 CCR 116134(a)). A property owner who shares the obligor's name, or a similar
 * one, sends a written demand with proof that they are not the obligor. Staff record it (owner, APN,
 * county, the proof), verify it, and Concord issues a release of the judgment liens as to that owner's
 * property — a certificate naming the owner and the parcel, for recording — within 15 days of the
 * demand. The obligor's own liens stay in force: nothing about them changes. A demand that the proof
 * does not support is denied with the reason. Every step is audited.
 */
import { recordAudit } from '../../platform/audit/audit';
import type { Actor } from '../../platform/auth/actor';
import { assertCanWriteLcsa, authorize, isLcsaInScope } from '../../platform/auth/scope';
import type { Tx } from '../../platform/db/connect';
import { todayInCalifornia } from '../../platform/dates';
import { AppError } from '../../platform/errors';
import { renderLetter } from '../../platform/pdf/letter';
import { inForce } from '../../platform/versioned';
import { countyNames, findObligorCases, lcsaNames, sameIndividual } from '../registry/index';
import type { NewWrongPersonRequest, WrongPersonDecision, WrongPersonRequestView } from './contract';
import { defaultReleasePolicies, releaseDueBy } from './domain/policy';
import { insertWrongPersonRequest, recordedLiensForLetters, updateWrongPersonRequest, wrongPersonRequests, type WrongPersonRow } from './store';

/** The obligor's open cases in the actor's scope (at least one), with the LCSA that handles the demand. */
async function obligorInScope(tx: Tx, actor: Actor, personId: string): Promise<string> {
  const mine = (await findObligorCases(tx, personId)).filter((c) => isLcsaInScope(actor, c.lcsaId));
  if (mine.length === 0) throw new AppError('not_found', 'obligor_not_found', `Obligor ${personId} was not found in your scope.`);
  return mine[0]!.lcsaId;
}

async function views(tx: Tx, rows: WrongPersonRow[]): Promise<WrongPersonRequestView[]> {
  const names = await countyNames(tx);
  const out: WrongPersonRequestView[] = [];
  for (const r of rows) {
    const recorded = await recordedLiensForLetters(
      tx,
      { personIds: await sameIndividual(tx, r.personId), countyFips: r.countyFips, statuses: ['recorded'] },
      { byCounty: true, middleName: true },
    );
    out.push({
      id: r.id,
      personId: r.personId,
      ownerName: r.ownerName,
      apn: r.apn,
      countyFips: r.countyFips,
      countyName: names.get(r.countyFips) ?? r.countyFips,
      propertyAddress: r.propertyAddress,
      proofDocuments: r.proofDocuments,
      receivedOn: r.receivedOn,
      dueBy: r.dueBy,
      status: r.status,
      decidedOn: r.decidedOn,
      decisionNote: r.decisionNote,
      obligorLiensInCounty: recorded.length,
    });
  }
  return out;
}

async function findRequest(tx: Tx, actor: Actor, id: string): Promise<WrongPersonRow> {
  const [row] = await wrongPersonRequests(tx, { id });
  if (!row || !isLcsaInScope(actor, row.lcsaId))
    throw new AppError('not_found', 'wrong_person_request_not_found', `Wrong-person demand ${id} was not found in your scope.`);
  return row;
}

export async function listWrongPersonRequests(tx: Tx, actor: Actor, personId: string): Promise<WrongPersonRequestView[]> {
  authorize(actor, 'liens.manage');
  await obligorInScope(tx, actor, personId);
  return views(tx, await wrongPersonRequests(tx, { personIds: await sameIndividual(tx, personId) }));
}

export async function submitWrongPersonRequest(tx: Tx, actor: Actor, personId: string, input: NewWrongPersonRequest): Promise<WrongPersonRequestView> {
  authorize(actor, 'liens.manage');
  const lcsaId = await obligorInScope(tx, actor, personId);
  if (!(await countyNames(tx)).has(input.countyFips)) {
    throw new AppError('validation', 'county_not_found', `County ${input.countyFips} does not exist.`, [
      { path: '/countyFips', message: 'a California county' },
    ]);
  }
  if (input.receivedOn > todayInCalifornia()) {
    throw new AppError('validation', 'wrong_person_received_in_future', 'The demand cannot be received in the future.', [
      { path: '/receivedOn', message: 'today or before' },
    ]);
  }
  const row = await insertWrongPersonRequest(tx, {
    personId,
    lcsaId,
    ownerName: input.ownerName,
    apn: input.apn,
    countyFips: input.countyFips,
    propertyAddress: input.propertyAddress ?? null,
    proofDocuments: input.proofDocuments,
    receivedOn: input.receivedOn,
    dueBy: releaseDueBy('wrong_person', input.receivedOn, inForce(defaultReleasePolicies, input.receivedOn)),
    status: 'received',
    createdBy: actor.userId,
  });
  await recordAudit(tx, actor, {
    action: 'liens.wrong_person.receive',
    entityType: 'lien_wrong_person_request',
    entityId: row.id,
    lcsaId,
    after: { countyFips: input.countyFips, proofDocuments: input.proofDocuments.length },
  });
  return (await views(tx, [row]))[0]!;
}

export async function decideWrongPersonRequest(tx: Tx, actor: Actor, id: string, input: WrongPersonDecision): Promise<WrongPersonRequestView> {
  authorize(actor, 'liens.manage');
  const row = await findRequest(tx, actor, id);
  assertCanWriteLcsa(actor, row.lcsaId);
  if (row.status !== 'received') throw new AppError('conflict', 'wrong_person_request_decided', `This demand was already ${row.status}.`);
  const change = { status: input.decision, decidedOn: todayInCalifornia(), decisionNote: input.note, decidedBy: actor.userId };
  await updateWrongPersonRequest(tx, id, change);
  await recordAudit(tx, actor, {
    action: `liens.wrong_person.${input.decision}`,
    entityType: 'lien_wrong_person_request',
    entityId: id,
    lcsaId: row.lcsaId,
    after: { status: input.decision },
  });
  return (await views(tx, [{ ...row, ...change }]))[0]!;
}

/** The release as to the owner's property, for recording: only once staff verified the proof. */
export async function wrongPersonCertificate(tx: Tx, actor: Actor, id: string): Promise<{ fileName: string; pdf: Uint8Array }> {
  authorize(actor, 'liens.manage');
  const row = await findRequest(tx, actor, id);
  if (row.status !== 'verified') throw new AppError('conflict', 'wrong_person_not_verified', 'The certificate is issued once staff have verified the proof.');
  const recorded = await recordedLiensForLetters(
    tx,
    { personIds: await sameIndividual(tx, row.personId), countyFips: row.countyFips, statuses: ['recorded'] },
    { byCounty: true, middleName: true },
  );
  const county = (await countyNames(tx)).get(row.countyFips) ?? row.countyFips;
  const lcsa = (await lcsaNames(tx)).get(row.lcsaId) ?? row.lcsaId;
  await recordAudit(tx, actor, {
    action: 'liens.wrong_person.certificate',
    entityType: 'lien_wrong_person_request',
    entityId: id,
    lcsaId: row.lcsaId,
    isPiiRead: true,
  });
  const pdf = await renderLetter({
    title: 'Release of judgment lien as to the property of a person who is not the judgment debtor (22 CCR 116134(a))',
    heading: [`To the County Recorder of ${county} County`, `From ${lcsa}`],
    facts: [
      ['Property owner', row.ownerName],
      ["Assessor's parcel number", row.apn],
      ['Property', row.propertyAddress ?? 'as described by the parcel number'],
      ['Judgment debtor', recorded[0]?.debtor ?? 'see the recorded instruments'],
      ['Recorded instruments', recorded.map((l) => `${l.instrumentNumber} (${l.recordedOn})`).join('; ') || 'none recorded in this county'],
      ['Demand received', row.receivedOn],
      ['Verified', row.decidedOn ?? ''],
    ],
    paragraphs: [
      `${row.ownerName}, the owner of the parcel named above, is not the judgment debtor named in the recorded instruments, whose name is the same or similar. The judgment liens created by recording those instruments are released as to this parcel and every other property of ${row.ownerName}.`,
      'This release does not release, satisfy or affect the liens as to any property of the judgment debtor, which remain in force.',
    ],
    footer: `Wrong-person release ${row.id}`,
    producedAt: new Date(),
  });
  return { fileName: `wrong-person-release-${row.apn.replace(/[^A-Za-z0-9-]/g, '')}.pdf`, pdf };
}
