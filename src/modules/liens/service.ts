/**
 * Lien records: record tasks generated from the registry's orders under the versioned policy, the
 * recording work queue by due date, the recorder's answers (submitted, recorded with number and fee,
 * rejected with a reason → corrected → submitted again), and the statewide index of one obligor's liens
 * in every county, whichever LCSA recorded them. Every change is a lien event and an audit row.
 */
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/audit';
import type { Actor } from '../../platform/auth/actor';
import { assertCanWriteLcsa, authorize, isLcsaInScope, lcsaScope } from '../../platform/auth/scope';
import type { Tx } from '../../platform/db/connect';
import { queryRows } from '../../platform/db/rows';
import { daysBetween, todayInCalifornia } from '../../platform/dates';
import { AppError } from '../../platform/errors';
import { inForce, versionOn } from '../../platform/versioned';
import { cases, counties, findCasesWithParts, lcsas, sameIndividual } from '../registry/index';
import { defaultLienPolicies, recordTasks, suppression } from './domain/policy';
import { renderRecordingPackage, type RecordingDocument } from './documents';
import { lienEvents, liens } from './schema';
import type { LienView, RecordingAnswer } from './contract';

async function views(tx: Tx, where: ReturnType<typeof and>): Promise<LienView[]> {
  const rows = await tx
    .select({ lien: liens, caseNumber: cases.caseNumber, lcsaName: lcsas.name, countyName: counties.name })
    .from(liens)
    .innerJoin(cases, eq(cases.id, liens.caseId))
    .innerJoin(lcsas, eq(lcsas.id, liens.lcsaId))
    .innerJoin(counties, eq(counties.fips, liens.countyFips))
    .where(where)
    .orderBy(asc(liens.dueBy), asc(liens.countyFips))
    .limit(1_000);
  const today = todayInCalifornia();
  return rows.map(({ lien, caseNumber, lcsaName, countyName }) => ({
    id: lien.id,
    caseId: lien.caseId,
    caseNumber,
    lcsaId: lien.lcsaId,
    lcsaName,
    countyFips: lien.countyFips,
    countyName,
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
  }));
}

/** Creates the record tasks the policy calls for on every open case in scope that lacks them; repeatable. */
export async function generateRecordTasks(tx: Tx, actor: Actor, asOf: string = todayInCalifornia()) {
  authorize(actor, 'liens.manage');
  const policy = inForce(defaultLienPolicies, asOf);
  const caseIds = (
    await tx
      .select({ id: cases.id })
      .from(cases)
      .where(and(lcsaScope(actor, cases.lcsaId), eq(cases.status, 'open')))
  ).map((c) => c.id);
  const summary = { cases: caseIds.length, created: 0, suppressed: {} as Record<string, number> };
  for (const found of await findCasesWithParts(tx, caseIds)) {
    const obligor = found.people.find((p) => p.role === 'obligor');
    if (!obligor) continue;
    for (const order of found.orders) {
      const term = versionOn(order.terms, asOf);
      if (!term) continue;
      const facts = { countyFips: found.countyFips, openedOn: found.openedOn, isChapter13: false };
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
        const [created] = await tx
          .insert(liens)
          .values({
            caseId: found.id,
            orderId: order.id,
            personId: obligor.id,
            lcsaId: found.lcsaId,
            instrument: 'abstract_of_support_judgment',
            status: 'to_record',
            ...task,
          })
          .onConflictDoNothing()
          .returning({ id: liens.id });
        if (!created) continue;
        summary.created += 1;
        await tx.insert(lienEvents).values({
          lienId: created.id,
          status: 'to_record',
          detail: `Record task: ${task.trigger.replace('_', ' ')} on ${task.triggerDate}`,
          actorId: actor.userId,
        });
      }
    }
  }
  await recordAudit(tx, actor, { action: 'liens.record_tasks.generate', entityType: 'lien', detail: { created: summary.created, cases: summary.cases } });
  return summary;
}

/** The recording work queue in scope, soonest due first. */
export async function lienQueue(tx: Tx, actor: Actor, status: LienView['status'] = 'to_record'): Promise<LienView[]> {
  authorize(actor, 'registry.read');
  return views(tx, and(lcsaScope(actor, liens.lcsaId), eq(liens.status, status as 'to_record')));
}

const allowed: Record<RecordingAnswer['outcome'], string[]> = {
  submitted: ['to_record', 'rejected'],
  recorded: ['to_record', 'submitted'],
  rejected: ['to_record', 'submitted'],
};

export async function recordingAnswer(tx: Tx, actor: Actor, lienId: string, input: RecordingAnswer): Promise<LienView> {
  authorize(actor, 'liens.manage');
  const [lien] = await tx
    .select()
    .from(liens)
    .where(and(eq(liens.id, lienId), lcsaScope(actor, liens.lcsaId)));
  if (!lien) throw new AppError('not_found', 'lien_not_found', `Lien ${lienId} was not found in your scope.`);
  assertCanWriteLcsa(actor, lien.lcsaId);
  if (!allowed[input.outcome].includes(lien.status)) {
    throw new AppError('conflict', 'lien_status_conflict', `A lien that is ${lien.status.replace('_', ' ')} cannot be ${input.outcome}.`);
  }
  const change =
    input.outcome === 'submitted'
      ? { status: 'submitted' as const, submittedOn: input.submittedOn, erecordingRef: input.erecordingRef ?? null, rejectionReason: null }
      : input.outcome === 'recorded'
        ? { status: 'recorded' as const, recordedOn: input.recordedOn, instrumentNumber: input.instrumentNumber, feeCents: input.feeCents }
        : { status: 'rejected' as const, rejectionReason: input.reason };
  await tx.update(liens).set(change).where(eq(liens.id, lienId));
  const detail =
    input.outcome === 'recorded'
      ? `Recorded ${input.recordedOn} as ${input.instrumentNumber}`
      : input.outcome === 'rejected'
        ? `Rejected: ${input.reason}`
        : `Submitted ${input.submittedOn}`;
  await tx.insert(lienEvents).values({ lienId, status: change.status, detail, actorId: actor.userId });
  await recordAudit(tx, actor, {
    action: `liens.${input.outcome}`,
    entityType: 'lien',
    entityId: lienId,
    lcsaId: lien.lcsaId,
    before: { status: lien.status },
    after: change,
  });
  const [view] = await views(tx, and(eq(liens.id, lienId)));
  return view!;
}

/**
 * Every lien of an obligor in every county, whichever LCSA recorded it: the statewide index. LCSA staff
 * may look up an obligor of one of their own cases; state staff anyone.
 */
export async function statewideIndex(tx: Tx, actor: Actor, personId: string): Promise<LienView[]> {
  authorize(actor, 'registry.read');
  const people = await sameIndividual(tx, personId);
  const owners = await queryRows<{ lcsaId: string }>(
    tx,
    sql`select distinct c.lcsa_id as "lcsaId" from case_participants cp join cases c on c.id = cp.case_id
        where ${inArray(sql`cp.person_id`, people)} and cp.role = 'obligor'`,
  );
  if (!owners.some((o) => isLcsaInScope(actor, o.lcsaId)))
    throw new AppError('not_found', 'obligor_not_found', `Obligor ${personId} was not found in your scope.`);
  await recordAudit(tx, actor, { action: 'liens.index.read', entityType: 'person', entityId: personId });
  return views(tx, and(inArray(liens.personId, people)));
}

/** The submission package for one county recorder: every lien in scope to record (or to correct) there. */
export async function recordingPackage(tx: Tx, actor: Actor, countyFips: string): Promise<{ fileName: string; pdf: Uint8Array; count: number }> {
  authorize(actor, 'liens.manage');
  const [county] = await tx.select({ name: counties.name }).from(counties).where(eq(counties.fips, countyFips));
  if (!county) throw new AppError('not_found', 'county_not_found', `County ${countyFips} does not exist.`);
  const rows = await queryRows<RecordingDocument>(
    tx,
    sql`select liens.id as "lienId", c.case_number as "caseNumber", lc.name as "lcsaName", ${county.name} as "countyName",
          concat_ws(' ', p.first_name, p.middle_name, p.last_name) as "debtorName", p.date_of_birth::text as "debtorDateOfBirth",
          p.ssn_last4 as "ssnLast4", nullif(concat_ws(', ', p.address_line1, p.city, p.state, p.zip), '') as "debtorAddress",
          p.has_family_violence_flag as "hasFamilyViolenceFlag", o.court_order_number as "courtOrderNumber", oc.name as "courtCountyName",
          o.issued_on::text as "orderIssuedOn",
          coalesce((select t.amount_cents from order_terms t where t.order_id = o.id order by t.effective_from desc limit 1), 0)::int as "monthlyAmountCents"
        from liens join cases c on c.id = liens.case_id join lcsas lc on lc.id = liens.lcsa_id join persons p on p.id = liens.person_id
        join orders o on o.id = liens.order_id join counties oc on oc.fips = o.court_county_fips
        where liens.county_fips = ${countyFips} and liens.status in ('to_record', 'rejected') and ${lcsaScope(actor, liens.lcsaId)}
        order by liens.due_by, c.case_number`,
  );
  if (rows.length === 0) throw new AppError('not_found', 'nothing_to_record', `Nothing to record in ${county.name} County.`);
  await recordAudit(tx, actor, { action: 'liens.package.read', entityType: 'lien', isPiiRead: true, detail: { countyFips, documents: rows.length } });
  const pdf = await renderRecordingPackage(county.name, rows, new Date());
  return { fileName: `recording-package-${county.name.toLowerCase().replace(/\s+/g, '-')}.pdf`, pdf, count: rows.length };
}
