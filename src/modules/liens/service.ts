/**
 * Lien records: record tasks generated from the registry's orders under the versioned policy, the
 * recording work queue by due date, the recorder's answers (submitted, recorded with number and fee,
 * rejected with a reason → corrected → submitted again), and the statewide index of one obligor's liens
 * in every county, whichever LCSA recorded them. Every change is a lien event and an audit row.
 */
import { recordAudit } from '../../platform/audit/audit';
import type { Actor } from '../../platform/auth/actor';
import { assertCanWriteLcsa, authorize, isLcsaInScope, lcsaScope, rowFilter } from '../../platform/auth/scope';
import { compareText } from '../../platform/compare';
import type { Tx } from '../../platform/db/connect';
import { type CalendarDate, daysBetween, todayInCalifornia } from '../../platform/dates';
import { AppError } from '../../platform/errors';
import { inForce, versionOn } from '../../platform/versioned';
import { onBehalfOf } from '../../platform/auth/actor';
import { pastDue } from '../finance/index';
import {
  bankruptcyStatusOf,
  caseNumbers,
  countyNames,
  findCasesWithParts,
  lcsaNames,
  obligorCaseLcsas,
  openCaseIds,
  personName,
  sameIndividual,
} from '../registry/index';
import { defaultLienPolicies, recordTasks, suppression } from './domain/policy';
import { renderRecordingPackage, type RecordingDocument } from './documents';
import {
  changeLiens,
  countiesToRecord,
  eventsOfLien,
  insertRecordTask,
  pageLiens,
  selectLiens,
  withNames,
  type LienRow,
  type LienSelection,
  type LienStatus,
} from './store';
import type { ListSource } from '../../platform/lists/lists';
import { liens as lienTable } from './schema';
import type { LienDetail, LienView, RecordingAnswer } from './contract';

async function views(tx: Tx, selection: LienSelection): Promise<LienView[]> {
  return viewsOf(tx, await selectLiens(tx, selection, 1_000));
}

async function viewsOf(tx: Tx, rows: LienRow[]): Promise<LienView[]> {
  const found = await withNames(tx, rows);
  const numbers = await caseNumbers(
    tx,
    found.map((lien) => lien.caseId),
  );
  const today = todayInCalifornia();
  const held = await heldLiens(tx, found, today);
  return found.map((lien) => ({
    id: lien.id,
    caseId: lien.caseId,
    caseNumber: numbers.get(lien.caseId) ?? '',
    lcsaId: lien.lcsaId,
    lcsaName: lien.lcsaName,
    countyFips: lien.countyFips,
    countyName: lien.countyName,
    instrument: lien.instrument,
    status: lien.status,
    trigger: lien.trigger,
    triggerDate: lien.triggerDate,
    dueBy: lien.dueBy,
    daysLeft: lien.status === 'to_record' || lien.status === 'submitted' || lien.status === 'rejected' ? daysBetween(today, lien.dueBy) : null,
    recordedOn: lien.recordedOn,
    instrumentNumber: lien.instrumentNumber,
    feeCents: lien.feeCents,
    rejectionReason: lien.rejectionReason,
    heldReason: held.has(lien.id) ? 'bankruptcy_stay' : null,
  }));
}

const unrecorded: readonly LienStatus[] = ['to_record', 'submitted', 'rejected'];

/** Liens not yet recorded whose obligor is under an automatic stay: held by the policy, not recorded. */
async function heldLiens(tx: Tx, liens: readonly { id: string; personId: string; status: LienStatus }[], on: CalendarDate): Promise<Set<string>> {
  if (!inForce(defaultLienPolicies, on).holdDuringStay) return new Set();
  const pending = liens.filter((l) => unrecorded.includes(l.status));
  const status = await bankruptcyStatusOf(tx, [...new Set(pending.map((l) => l.personId))], on);
  return new Set(pending.filter((l) => status.get(l.personId)?.isStayInForce).map((l) => l.id));
}

/** Creates the record tasks the policy calls for on every open case in scope that lacks them; repeatable. */
export async function generateRecordTasks(tx: Tx, actor: Actor, asOf: CalendarDate = todayInCalifornia()) {
  authorize(actor, 'liens.manage');
  const policy = inForce(defaultLienPolicies, asOf);
  const caseIds = await openCaseIds(tx, (lcsa) => lcsaScope(actor, lcsa));
  const summary = { cases: caseIds.length, created: 0, suppressed: {} as Record<string, number> };
  const cases = await findCasesWithParts(tx, caseIds);
  // A terminated order's lien depends on what is still owed; a Chapter 13 debtor gets none (the registry's bankruptcies).
  const owed = await pastDue(tx, onBehalfOf(actor, 'lien record tasks: what each case owes past due', ['registry.read']), caseIds, asOf);
  const obligorIds = cases.flatMap((c) => c.people.filter((p) => p.role === 'obligor').map((p) => p.id));
  const bankruptcy = await bankruptcyStatusOf(tx, obligorIds, asOf);
  for (const found of cases) {
    const obligor = found.people.find((p) => p.role === 'obligor');
    if (!obligor) continue;
    for (const order of found.orders) {
      const term = versionOn(order.terms, asOf);
      if (!term) continue;
      const facts = {
        countyFips: found.countyFips,
        openedOn: found.openedOn,
        isChapter13: bankruptcy.get(obligor.id)?.isChapter13Debtor ?? false,
        pastDueCents: owed.get(found.id) ?? 0,
        isObligorOutOfState: obligor.state !== null && obligor.state !== 'CA',
      };
      const orderFacts = {
        orderId: order.id,
        issuedOn: order.issuedOn,
        courtCountyFips: order.courtCountyFips,
        currentAmountCents: term.amountCents,
        isReserved: term.isReserved,
        isTerminated: term.reason === 'termination',
      };
      const why = suppression(orderFacts, facts);
      if (why) summary.suppressed[why] = (summary.suppressed[why] ?? 0) + 1;
      for (const task of recordTasks(orderFacts, facts, policy)) {
        const created = await insertRecordTask(
          tx,
          {
            caseId: found.id,
            orderId: order.id,
            personId: obligor.id,
            lcsaId: found.lcsaId,
            status: 'to_record',
            ...task,
          },
          { status: 'to_record', detail: `Record task: ${task.trigger.replace('_', ' ')} on ${task.triggerDate}`, actorId: actor.userId },
        );
        if (created) summary.created += 1;
      }
    }
  }
  await recordAudit(tx, actor, { action: 'liens.record_tasks.generate', entityType: 'lien', detail: { created: summary.created, cases: summary.cases } });
  return summary;
}

/** The recording work queue in scope, soonest due first. */
const dash = (value: string | number | null) => value ?? '';

/** The liens list: every lien in scope, by status, soonest due first; `q` is a case number's start or a county. */
export const lienList: ListSource<LienView, { status?: LienStatus }> = {
  name: 'liens',
  personal: false,
  defaultSort: { sort: 'dueBy', dir: 'asc' },
  columns: [
    { key: 'caseNumber', header: 'Case', value: (l) => l.caseNumber },
    { key: 'county', header: 'County', value: (l) => l.countyName, orderBy: lienTable.countyFips },
    { key: 'lcsa', header: 'Recording LCSA', value: (l) => l.lcsaName, orderBy: lienTable.lcsaId },
    { key: 'instrument', header: 'Document', value: (l) => l.instrument, orderBy: lienTable.instrument },
    { key: 'status', header: 'Status', value: (l) => l.status, orderBy: lienTable.status },
    { key: 'dueBy', header: 'Due by', value: (l) => l.dueBy, orderBy: lienTable.dueBy },
    { key: 'daysLeft', header: 'Days left', value: (l) => l.daysLeft },
    { key: 'instrumentNumber', header: 'Instrument number', value: (l) => dash(l.instrumentNumber), orderBy: lienTable.instrumentNumber },
    { key: 'recordedOn', header: 'Recorded on', value: (l) => dash(l.recordedOn), orderBy: lienTable.recordedOn },
    { key: 'feeCents', header: 'Recording fee (cents)', value: (l) => l.feeCents },
    { key: 'heldReason', header: 'Held', value: (l) => dash(l.heldReason) },
  ],
  async rows(tx, actor, filters, window) {
    authorize(actor, 'registry.read');
    const { rows, total } = await pageLiens(tx, { filter: rowFilter(actor), statuses: filters.status ? [filters.status] : undefined, q: filters.q }, window);
    return { items: await viewsOf(tx, rows), total };
  },
};

/** One lien in scope with every step it went through (its release, when a release covered it). */
export async function getLien(tx: Tx, actor: Actor, lienId: string): Promise<LienDetail> {
  authorize(actor, 'registry.read');
  const [lien] = await selectLiens(tx, { filter: rowFilter(actor), id: lienId });
  if (!lien) throw new AppError('not_found', 'lien_not_found', `Lien ${lienId} was not found in your scope.`);
  const [view] = await viewsOf(tx, [lien]);
  const events = (await eventsOfLien(tx, lienId)).map((e) => ({ ...e, at: e.at.toISOString() }));
  return { ...view!, releaseId: lien.releaseId, events };
}

const allowed: Record<RecordingAnswer['outcome'], string[]> = {
  submitted: ['to_record', 'rejected'],
  recorded: ['to_record', 'submitted'],
  rejected: ['to_record', 'submitted'],
};

export async function recordingAnswer(tx: Tx, actor: Actor, lienId: string, input: RecordingAnswer): Promise<LienView> {
  authorize(actor, 'liens.manage');
  const [lien] = await selectLiens(tx, { filter: rowFilter(actor), id: lienId });
  if (!lien) throw new AppError('not_found', 'lien_not_found', `Lien ${lienId} was not found in your scope.`);
  assertCanWriteLcsa(actor, lien.lcsaId);
  if (!allowed[input.outcome].includes(lien.status)) {
    throw new AppError('conflict', 'lien_status_conflict', `A lien that is ${lien.status.replace('_', ' ')} cannot be ${input.outcome}.`);
  }
  if ((await heldLiens(tx, [lien], todayInCalifornia())).size > 0) {
    throw new AppError('conflict', 'lien_held_bankruptcy_stay', "The obligor's bankruptcy stay is in force: this lien is held, not recorded.");
  }
  const change =
    input.outcome === 'submitted'
      ? { status: 'submitted' as const, submittedOn: input.submittedOn, erecordingRef: input.erecordingRef ?? null, rejectionReason: null }
      : input.outcome === 'recorded'
        ? { status: 'recorded' as const, recordedOn: input.recordedOn, instrumentNumber: input.instrumentNumber, feeCents: input.feeCents }
        : { status: 'rejected' as const, rejectionReason: input.reason };
  const detail =
    input.outcome === 'recorded'
      ? `Recorded ${input.recordedOn} as ${input.instrumentNumber}`
      : input.outcome === 'rejected'
        ? `Rejected: ${input.reason}`
        : `Submitted ${input.submittedOn}`;
  await changeLiens(tx, [lienId], change, () => ({ status: change.status, detail, actorId: actor.userId }));
  await recordAudit(tx, actor, {
    action: `liens.${input.outcome}`,
    entityType: 'lien',
    entityId: lienId,
    lcsaId: lien.lcsaId,
    before: { status: lien.status },
    after: change,
  });
  const [view] = await views(tx, { id: lienId });
  return view!;
}

/**
 * Every lien of an obligor in every county, whichever LCSA recorded it: the statewide index. LCSA staff
 * may look up an obligor of one of their own cases; state staff anyone.
 */
export async function statewideIndex(tx: Tx, actor: Actor, personId: string): Promise<LienView[]> {
  authorize(actor, 'registry.read');
  const people = await sameIndividual(tx, personId);
  const owners = await obligorCaseLcsas(tx, people);
  if (!owners.some((lcsaId) => isLcsaInScope(actor, lcsaId)))
    throw new AppError('not_found', 'obligor_not_found', `Obligor ${personId} was not found in your scope.`);
  await recordAudit(tx, actor, { action: 'liens.index.read', entityType: 'person', entityId: personId });
  return views(tx, { personIds: people });
}

/** The counties with liens to record in the actor's scope (each one recording package), by county name. */
export async function packagesToSend(tx: Tx, actor: Actor): Promise<{ countyFips: string; countyName: string; liens: number }[]> {
  authorize(actor, 'liens.manage');
  const names = await countyNames(tx);
  return (await countiesToRecord(tx, rowFilter(actor)))
    .map((c) => ({ ...c, countyName: names.get(c.countyFips) ?? c.countyFips }))
    .sort((a, b) => compareText(a.countyName, b.countyName));
}

/** The submission package for one county recorder: every lien in scope to record (or to correct) there. */
export async function recordingPackage(tx: Tx, actor: Actor, countyFips: string): Promise<{ fileName: string; pdf: Uint8Array; count: number }> {
  authorize(actor, 'liens.manage');
  const countyNamed = await countyNames(tx);
  const countyName = countyNamed.get(countyFips);
  if (countyName === undefined) throw new AppError('not_found', 'county_not_found', `County ${countyFips} does not exist.`);
  const candidates = await selectLiens(tx, { filter: rowFilter(actor), countyFips, statuses: ['to_record', 'rejected'] });
  const held = await heldLiens(tx, candidates, todayInCalifornia());
  const toRecord = candidates.filter((l) => !held.has(l.id));
  const casesById = new Map((await findCasesWithParts(tx, [...new Set(toRecord.map((l) => l.caseId))])).map((c) => [c.id, c]));
  const arrearsOnly = toRecord.filter((l) => l.instrument === 'certified_order').map((l) => l.caseId);
  const owed = arrearsOnly.length
    ? await pastDue(tx, onBehalfOf(actor, 'a certified order for recording: the arrears it secures', ['registry.read']), arrearsOnly, todayInCalifornia())
    : new Map<string, number>();
  const lcsaNamed = await lcsaNames(tx);
  const rows: RecordingDocument[] = toRecord
    .map((lien) => {
      const found = casesById.get(lien.caseId)!;
      const debtor = found.people.find((p) => p.id === lien.personId)!;
      const order = found.orders.find((o) => o.id === lien.orderId)!;
      const latest = order.terms.reduce<(typeof order.terms)[number] | undefined>(
        (last, t) => (!last || t.effectiveFrom >= last.effectiveFrom ? t : last),
        undefined,
      );
      const address = [debtor.addressLine1, debtor.city, debtor.state, debtor.zip].filter((part) => part !== null).join(', ');
      return {
        dueBy: lien.dueBy,
        document: {
          lienId: lien.id,
          caseNumber: found.caseNumber,
          lcsaName: lcsaNamed.get(lien.lcsaId) ?? lien.lcsaId,
          countyName,
          debtorName: personName(debtor, { middle: true }),
          debtorDateOfBirth: debtor.dateOfBirth,
          ssnLast4: debtor.ssnLast4,
          debtorAddress: address === '' ? null : address,
          hasFamilyViolenceFlag: debtor.hasFamilyViolenceFlag,
          courtOrderNumber: order.courtOrderNumber,
          courtCountyName: countyNamed.get(order.courtCountyFips) ?? order.courtCountyFips,
          orderIssuedOn: order.issuedOn,
          monthlyAmountCents: latest?.amountCents ?? 0,
          instrument: lien.instrument,
          pastDueCents: owed.get(lien.caseId) ?? 0,
        },
      };
    })
    .sort((x, y) => compareText(x.dueBy, y.dueBy) || compareText(x.document.caseNumber, y.document.caseNumber))
    .map((r) => r.document);
  if (rows.length === 0) throw new AppError('not_found', 'nothing_to_record', `Nothing to record in ${countyName} County.`);
  await recordAudit(tx, actor, { action: 'liens.package.read', entityType: 'lien', isPiiRead: true, detail: { countyFips, documents: rows.length } });
  const pdf = await renderRecordingPackage(countyName, rows, new Date());
  return { fileName: `recording-package-${countyName.toLowerCase().replace(/\s+/g, '-')}.pdf`, pdf, count: rows.length };
}
