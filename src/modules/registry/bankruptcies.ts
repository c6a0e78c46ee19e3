/**
 * The bankruptcy registry: a person's bankruptcies recorded once (chapter, case number, court, filing,
 * relief from the stay, discharge or dismissal) and read by liens and intercept through
 * `bankruptcyStatusOf`. LCSA staff record and update them for a person on one of their cases; every
 * LCSA of the same individual sees them. Every read and change is audited.
 */
import { recordAudit } from '../../platform/audit/audit';
import type { Actor } from '../../platform/auth/actor';
import { authorize, isLcsaInScope } from '../../platform/auth/scope';
import type { Tx } from '../../platform/db/connect';
import { todayInCalifornia, type CalendarDate } from '../../platform/dates';
import { AppError } from '../../platform/errors';
import type { BankruptcyUpdate, BankruptcyView, NewBankruptcy } from './contract';
import { bankruptcyProblems, bankruptcyStatus, isStayInForce, type BankruptcyStatus } from './domain/bankruptcy';
import { bankruptciesOfIndividuals, bankruptcyById, insertBankruptcy, sameIndividual, updateBankruptcyRow, type BankruptcyRow } from './store';
import { caseParticipants, cases } from './schema';
import { and, eq, inArray } from 'drizzle-orm';

/** The LCSAs of every case the individual is in (any role), for the scope check. */
async function personLcsas(tx: Tx, personId: string): Promise<string[]> {
  const people = await sameIndividual(tx, personId);
  const rows = await tx
    .selectDistinct({ lcsaId: cases.lcsaId })
    .from(caseParticipants)
    .innerJoin(cases, eq(cases.id, caseParticipants.caseId))
    .where(and(inArray(caseParticipants.personId, people)));
  return rows.map((r) => r.lcsaId);
}

async function assertPersonInScope(tx: Tx, actor: Actor, personId: string): Promise<string[]> {
  const lcsas = await personLcsas(tx, personId);
  const mine = lcsas.filter((l) => isLcsaInScope(actor, l));
  if (mine.length === 0) throw new AppError('not_found', 'person_not_found', `Person ${personId} was not found in your scope.`);
  return mine;
}

function view(row: BankruptcyRow, today: CalendarDate): BankruptcyView {
  return {
    id: row.id,
    personId: row.personId,
    chapter: row.chapter,
    caseNumber: row.caseNumber,
    court: row.court,
    filedOn: row.filedOn,
    stayLiftedOn: row.stayLiftedOn,
    dischargedOn: row.dischargedOn,
    dismissedOn: row.dismissedOn,
    isStayInForce: isStayInForce(row, today),
  };
}

function assertDates(facts: Parameters<typeof bankruptcyProblems>[0]) {
  const problems = bankruptcyProblems(facts);
  const today = todayInCalifornia();
  for (const key of ['filedOn', 'stayLiftedOn', 'dischargedOn', 'dismissedOn'] as const) {
    if (facts[key] !== null && facts[key]! > today) problems.push({ path: `/${key}`, message: 'not in the future' });
  }
  if (problems.length > 0) throw new AppError('validation', 'bankruptcy_dates_invalid', 'The bankruptcy dates do not fit together.', problems);
}

export async function listBankruptcies(tx: Tx, actor: Actor, personId: string): Promise<BankruptcyView[]> {
  authorize(actor, 'registry.read');
  await assertPersonInScope(tx, actor, personId);
  await recordAudit(tx, actor, { action: 'registry.bankruptcies.read', entityType: 'person', entityId: personId, isPiiRead: true });
  const today = todayInCalifornia();
  return (await bankruptciesOfIndividuals(tx, [personId])).get(personId)!.map((b) => view(b, today));
}

export async function recordBankruptcy(tx: Tx, actor: Actor, personId: string, input: NewBankruptcy): Promise<BankruptcyView> {
  authorize(actor, 'registry.write');
  const [lcsaId] = await assertPersonInScope(tx, actor, personId);
  assertDates({ ...input, stayLiftedOn: null, dischargedOn: null, dismissedOn: null });
  const known = (await bankruptciesOfIndividuals(tx, [personId])).get(personId)!;
  if (known.some((b) => b.caseNumber === input.caseNumber && b.court === input.court)) {
    throw new AppError('conflict', 'bankruptcy_already_recorded', `Bankruptcy case ${input.caseNumber} is already recorded for this person.`);
  }
  const row = await insertBankruptcy(tx, { personId, lcsaId: lcsaId!, ...input, recordedBy: actor.userId });
  await recordAudit(tx, actor, {
    action: 'registry.bankruptcy.record',
    entityType: 'bankruptcy',
    entityId: row.id,
    lcsaId,
    after: { chapter: input.chapter, filedOn: input.filedOn },
  });
  return view(row, todayInCalifornia());
}

export async function updateBankruptcy(tx: Tx, actor: Actor, id: string, input: BankruptcyUpdate): Promise<BankruptcyView> {
  authorize(actor, 'registry.write');
  const row = await bankruptcyById(tx, id);
  if (!row) throw new AppError('not_found', 'bankruptcy_not_found', `Bankruptcy ${id} was not found.`);
  await assertPersonInScope(tx, actor, row.personId);
  const next = { ...row, ...input };
  assertDates(next);
  await updateBankruptcyRow(tx, id, input);
  await recordAudit(tx, actor, { action: 'registry.bankruptcy.update', entityType: 'bankruptcy', entityId: id, lcsaId: row.lcsaId, before: row, after: input });
  return view(next, todayInCalifornia());
}

/** What each person's bankruptcies (as an individual) mean on the date: for liens and intercept. */
export async function bankruptcyStatusOf(tx: Tx, personIds: readonly string[], on: CalendarDate): Promise<Map<string, BankruptcyStatus>> {
  const found = await bankruptciesOfIndividuals(tx, personIds);
  return new Map([...found].map(([id, list]) => [id, bankruptcyStatus(list, on)]));
}
