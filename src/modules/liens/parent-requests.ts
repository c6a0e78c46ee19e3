/**
 * A paying parent's own requests about their liens, from the parents' portal: the payoff — what it
 * would take to release every lien, in every county — and the release, when they believe they have paid.
 * Each is liens work for the LCSA of the parent's case, due by the payoff policy's answer time ([GAP] no
 * rule sets one for a parent's own request: Concord uses the 15 days it gives a title company's demand).
 * Staff answer in words the parent reads; a payoff answer carries the amount and the day it holds to.
 * The release itself is the one release for every lien (releases.ts), made as usual.
 */
import { recordAudit } from '../../platform/audit/audit';
import type { Actor } from '../../platform/auth/actor';
import { authorize, rowFilter } from '../../platform/auth/scope';
import type { Tx } from '../../platform/db/connect';
import { addDays, todayInCalifornia } from '../../platform/dates';
import { AppError } from '../../platform/errors';
import { inForce } from '../../platform/versioned';
import { sameIndividual } from '../registry/index';
import type { LienView, ParentLienAnswer, ParentLienRequest } from './contract';
import { defaultPayoffPolicies } from './domain/payoff';
import {
  insertParentLienRequest,
  parentLienRequestForUpdate,
  parentLienRequestsByIds,
  parentLienRequestsIn,
  selectLiens,
  updateParentLienRequest,
  withNames,
  type ParentLienRequestRow,
} from './store';

/** A lien a county has recorded: on the property (or released from it). A task not yet recorded is staff's business. */
const recordedStatuses = new Set(['recorded', 'partially_released', 'subordinated', 'released']);
const inForceStatuses = new Set(['recorded', 'partially_released', 'subordinated']);

/** The recorded liens of these registry records of one parent, every county (for the portal, after its own check). */
export async function liensOfPeople(
  tx: Tx,
  personIds: readonly string[],
): Promise<Pick<LienView, 'id' | 'countyName' | 'status' | 'recordedOn' | 'instrumentNumber'>[]> {
  if (personIds.length === 0) return [];
  const rows = (await withNames(tx, await selectLiens(tx, { personIds }, 1_000))).filter((l) => recordedStatuses.has(l.status));
  return rows.map((l) => ({ id: l.id, countyName: l.countyName, status: l.status, recordedOn: l.recordedOn, instrumentNumber: l.instrumentNumber }));
}

/** Takes a parent's payoff or release request (the portal calls it on the parent's behalf, once it has checked the parent). */
export async function takeParentLienRequest(
  tx: Tx,
  actor: Actor,
  input: { personId: string; lcsaId: string; kind: ParentLienRequestRow['kind']; message: string | null },
): Promise<ParentLienRequestRow> {
  authorize(actor, 'liens.manage');
  const people = await sameIndividual(tx, input.personId);
  if (!(await liensOfPeople(tx, people)).some((l) => inForceStatuses.has(l.status)))
    throw new AppError('conflict', 'parent_has_no_liens', 'There is no lien on your property to pay off or release.');
  const today = todayInCalifornia();
  const row = await insertParentLienRequest(tx, {
    ...input,
    receivedOn: today,
    dueBy: addDays(today, inForce(defaultPayoffPolicies, today).respondWithinDays),
    status: 'received',
  });
  await recordAudit(tx, actor, {
    action: `liens.parent_request.${input.kind}`,
    entityType: 'lien_parent_request',
    entityId: row.id,
    lcsaId: input.lcsaId,
    after: { kind: input.kind, dueBy: row.dueBy },
  });
  return row;
}

async function present(tx: Tx, rows: ParentLienRequestRow[]): Promise<ParentLienRequest[]> {
  const result: ParentLienRequest[] = [];
  for (const r of rows) {
    const liens = await liensOfPeople(tx, await sameIndividual(tx, r.personId));
    result.push({
      id: r.id,
      personId: r.personId,
      lcsaId: r.lcsaId,
      kind: r.kind,
      message: r.message,
      receivedOn: r.receivedOn,
      dueBy: r.dueBy,
      status: r.status,
      answer: r.answer,
      payoffCents: r.payoffCents,
      goodThrough: r.goodThrough,
      answeredOn: r.answeredOn,
      liens: liens.map((l) => ({ countyName: l.countyName, status: l.status, instrumentNumber: l.instrumentNumber })),
    });
  }
  return result;
}

/** Parents' lien requests in the actor's LCSA (every LCSA's for state staff), open ones soonest due first. */
export async function parentLienRequests(tx: Tx, actor: Actor, options: { isOpenOnly: boolean }): Promise<ParentLienRequest[]> {
  authorize(actor, 'liens.manage');
  const rows = await parentLienRequestsIn(tx, rowFilter(actor), options);
  await recordAudit(tx, actor, { action: 'liens.parent_requests.read', entityType: 'lien_parent_request', isPiiRead: true, detail: { count: rows.length } });
  return present(tx, rows);
}

/** Answers a parent's request once; a payoff answer needs the amount and the day it holds to. */
export async function answerParentLienRequest(tx: Tx, actor: Actor, id: string, input: ParentLienAnswer): Promise<ParentLienRequest> {
  authorize(actor, 'liens.manage');
  const row = await parentLienRequestForUpdate(tx, rowFilter(actor), id);
  if (!row) throw new AppError('not_found', 'parent_lien_request_not_found', `Request ${id} was not found in your scope.`);
  if (row.status === 'answered') throw new AppError('conflict', 'parent_lien_request_answered', `Request ${id} was answered on ${row.answeredOn}.`);
  const today = todayInCalifornia();
  if (row.kind === 'payoff') {
    const problems = [
      ...(input.payoffCents === undefined ? [{ path: '/payoffCents', message: 'the amount that releases every lien' }] : []),
      ...(input.goodThrough === undefined || input.goodThrough < today ? [{ path: '/goodThrough', message: 'today or later' }] : []),
    ];
    if (problems.length > 0)
      throw new AppError('validation', 'payoff_answer_incomplete', 'A payoff answer gives the amount and the day it holds to.', problems);
  }
  const answered = await updateParentLienRequest(tx, row.id, {
    status: 'answered',
    answer: input.answer,
    payoffCents: row.kind === 'payoff' ? input.payoffCents! : null,
    goodThrough: row.kind === 'payoff' ? input.goodThrough! : null,
    answeredOn: today,
    answeredBy: actor.userId,
  });
  await recordAudit(tx, actor, {
    action: 'liens.parent_request.answer',
    entityType: 'lien_parent_request',
    entityId: row.id,
    lcsaId: row.lcsaId,
    before: { status: row.status },
    after: { status: 'answered', payoffCents: answered.payoffCents },
  });
  return (await present(tx, [answered]))[0]!;
}

/** Where parents' lien requests stand, by id (for the portal, which shows the parent their own). */
export async function parentLienRequestStatus(tx: Tx, ids: readonly string[]) {
  return new Map((await parentLienRequestsByIds(tx, ids)).map((r) => [r.id, r]));
}
