/**
 * Stays in custody (FC 4007.5), recorded as facts on the obligor: listed with what the law derives from
 * each as of today, and read by every replay of the obligor's cases (service.ts `historyOf`). Recording
 * or changing one changes the charges of every case of the obligor, so it takes `finance.adjust`, and
 * every write and read is audited (custody is sensitive personal data).
 */
import { recordAudit } from '../../platform/audit/audit';
import type { Actor } from '../../platform/auth/actor';
import { assertCanWriteLcsa, authorize, isLcsaInScope } from '../../platform/auth/scope';
import type { Tx } from '../../platform/db/connect';
import { todayInCalifornia, type CalendarDate } from '../../platform/dates';
import { AppError } from '../../platform/errors';
import { findObligorCases } from '../registry/index';
import type { IncarcerationUpdate, IncarcerationView, NewIncarceration } from './contract';
import { suspensionsFromIncarcerations, type Incarceration, type IncarcerationException } from './domain/incarceration';
import { defaultPolicies } from './domain/policy';
import { findIncarceration, incarcerationsOf, insertIncarceration, updateIncarcerationRow, type IncarcerationRow as Row } from './store';

export function incarcerationOf(row: Row): Incarceration {
  return { id: row.id, from: row.startsOn, releasedOn: row.releasedOn, exceptions: row.exceptions as IncarcerationException[] };
}

/** The stay with the suspension FC 4007.5 derives from it as of today (from its first suspended day to its last; null: until release). */
function viewOf(row: Row, today: CalendarDate): IncarcerationView {
  const stay = incarcerationOf(row);
  const periods = suspensionsFromIncarcerations([stay], defaultPolicies.incarceration, today);
  const last = periods.at(-1)?.to;
  return {
    id: row.id,
    personId: row.personId,
    from: stay.from,
    releasedOn: stay.releasedOn,
    exceptions: stay.exceptions,
    source: row.source,
    suspended: periods.length === 0 ? null : { from: periods[0]!.from, to: last === '9999-12-31' ? null : last! },
  };
}

/**
 * The obligor's open cases: all of them, and those the actor can see (none: not found, as for a person
 * outside the scope). Used wherever a write or read is about the obligor rather than one case.
 */
export async function obligorCasesInScope(tx: Tx, actor: Actor, personId: string) {
  const all = await findObligorCases(tx, personId);
  const visible = all.filter((c) => isLcsaInScope(actor, c.lcsaId));
  if (visible.length === 0) throw new AppError('not_found', 'obligor_not_found', `Person ${personId} is not the obligor on any open case you can see.`);
  return { all, visible };
}

function checkDates(from: CalendarDate, releasedOn: CalendarDate | null): void {
  const today = todayInCalifornia();
  const invalid = (code: 'stay_in_future' | 'released_before_stay', path: string, message: string) =>
    new AppError('validation', code, message, [{ path, message }]);
  if (from > today) throw invalid('stay_in_future', '/from', `A stay is recorded once it has begun: ${from} is after today (${today}).`);
  if (releasedOn !== null && releasedOn < from)
    throw invalid('released_before_stay', '/releasedOn', `Released on ${releasedOn} is before the stay began (${from}).`);
  if (releasedOn !== null && releasedOn > today)
    throw invalid('stay_in_future', '/releasedOn', `A release is recorded once it has happened: ${releasedOn} is after today.`);
}

export async function recordIncarceration(tx: Tx, actor: Actor, personId: string, input: NewIncarceration): Promise<IncarcerationView> {
  authorize(actor, 'finance.adjust');
  const cases = (await obligorCasesInScope(tx, actor, personId)).visible;
  assertCanWriteLcsa(actor, cases[0]!.lcsaId);
  const releasedOn = input.releasedOn ?? null;
  checkDates(input.from, releasedOn);
  const row = await insertIncarceration(tx, {
    personId,
    startsOn: input.from,
    releasedOn,
    exceptions: input.exceptions ?? [],
    source: input.source,
    recordedBy: actor.userId,
  });
  await recordAudit(tx, actor, { action: 'finance.incarceration.record', entityType: 'person', entityId: personId, lcsaId: cases[0]!.lcsaId, after: input });
  return viewOf(row, todayInCalifornia());
}

/** A release, or exceptions learned later: the facts change, and every replay derives the suspension anew. */
export async function updateIncarceration(tx: Tx, actor: Actor, personId: string, stayId: string, input: IncarcerationUpdate): Promise<IncarcerationView> {
  authorize(actor, 'finance.adjust');
  const cases = (await obligorCasesInScope(tx, actor, personId)).visible;
  assertCanWriteLcsa(actor, cases[0]!.lcsaId);
  const row = await findIncarceration(tx, stayId);
  if (!row || row.personId !== personId) throw new AppError('not_found', 'incarceration_not_found', `Stay ${stayId} is not recorded for person ${personId}.`);
  checkDates(row.startsOn, input.releasedOn);
  const updated = await updateIncarcerationRow(tx, stayId, { releasedOn: input.releasedOn, exceptions: input.exceptions, source: input.source });
  await recordAudit(tx, actor, {
    action: 'finance.incarceration.update',
    entityType: 'person',
    entityId: personId,
    lcsaId: cases[0]!.lcsaId,
    before: { releasedOn: row.releasedOn, exceptions: row.exceptions, source: row.source },
    after: input,
  });
  return viewOf(updated, todayInCalifornia());
}

export async function incarcerationsOfPerson(tx: Tx, actor: Actor, personId: string): Promise<IncarcerationView[]> {
  authorize(actor, 'registry.read');
  const cases = (await obligorCasesInScope(tx, actor, personId)).visible;
  const rows = await incarcerationsOf(tx, [personId]);
  await recordAudit(tx, actor, {
    action: 'finance.incarceration.read',
    entityType: 'person',
    entityId: personId,
    lcsaId: cases[0]!.lcsaId,
    isPiiRead: true,
    detail: { stays: rows.length },
  });
  const today = todayInCalifornia();
  return rows.map((row) => viewOf(row, today));
}

/** The stays recorded for these people, by person id (for the replay of their cases). */
export async function staysOfPeople(tx: Tx, personIds: string[]): Promise<Map<string, Incarceration[]>> {
  const stays = new Map<string, Incarceration[]>();
  if (personIds.length === 0) return stays;
  for (const row of await incarcerationsOf(tx, personIds)) stays.set(row.personId, [...(stays.get(row.personId) ?? []), incarcerationOf(row)]);
  return stays;
}
