/**
 * Demo liens: the record tasks the policy gives every demo order, most of them already recorded (with
 * instrument numbers and fees), a few rejected by the recorder, the newest and a backlog still to record.
 *
 * Two demo obligors carry liens in three counties (Los Angeles, and the Orange and Riverside courts that
 * made their orders, which have ended), ready for the payoff journeys: Pacific Coast Title & Escrow may ask
 * for Morgan Ellison's payoff, and has already been answered on Jordan Whitfield's (awaiting payment).
 * A namesake of Morgan Ellison has a verified wrong-person release for a Santa Monica parcel.
 * Rowan Castellanos is in a Chapter 13 case (the registry's bankruptcies): their new order gets no lien.
 */
import { and, eq, inArray } from 'drizzle-orm';
import { systemActor, type Actor } from '../../platform/auth/actor';
import { partners } from '../../platform/auth/schema';
import type { Tx } from '../../platform/db/connect';
import { addDays, addMonthsClamped, type CalendarDate } from '../../platform/dates';
import type { PiiKeys } from '../../platform/pii/keys';
import { addOrder, addOrderTerm, createCase, findCaseIdByNumber, recordBankruptcy } from '../registry/index';
import { submitPayoffDemand, uploadDemandDocument } from './payoffs';
import { renderLetter } from '../../platform/pdf/letter';
import { decideWrongPersonRequest, submitWrongPersonRequest } from './wrong-person';
import { balances, postCollection } from '../finance/index';
import { lienEvents, liens } from './schema';
import { generateRecordTasks } from './service';
import { requestSubordination } from './subordinations';

export const demoTitleCompany = 'Pacific Coast Title & Escrow';

/** Borrowers whose identifiers the demo title company holds (fictional; SSNs in the never-issued 900 area). */
export const demoPayoffBorrowers = [
  { caseNumber: 'LA-PAYOFF-0001', firstName: 'Morgan', lastName: 'Ellison', ssn: '900-55-0101', dateOfBirth: '1979-08-14', driversLicense: 'E1234567' },
  { caseNumber: 'LA-PAYOFF-0002', firstName: 'Jordan', lastName: 'Whitfield', ssn: '900-55-0202', dateOfBirth: '1983-02-27', driversLicense: 'W7654321' },
] as const;

/** An obligor who paid everything twelve days ago and whose liens nobody has released: overdue in the releases-due queue. */
export const demoPaidObligor = {
  caseNumber: 'LA-PAID-0001',
  firstName: 'Avery',
  lastName: 'Lindqvist',
  ssn: '900-55-0404',
  dateOfBirth: '1977-04-21',
  driversLicense: 'L2468024',
} as const;

async function seedPayoffCases(tx: Tx, keys: PiiKeys, asOf: CalendarDate): Promise<string[]> {
  const actor = systemActor();
  const created: string[] = [];
  for (const b of [...demoPayoffBorrowers, demoPaidObligor]) {
    if (await findCaseIdByNumber(tx, b.caseNumber)) continue;
    const start = addMonthsClamped(asOf, -14, 1);
    const detail = await createCase(tx, actor, keys, {
      lcsaId: 'los-angeles',
      countyFips: '06037',
      caseNumber: b.caseNumber,
      openedOn: addDays(start, -30),
      obligor: {
        firstName: b.firstName,
        lastName: b.lastName,
        ssn: b.ssn,
        dateOfBirth: b.dateOfBirth,
        driversLicense: b.driversLicense,
        city: 'Long Beach',
        state: 'CA',
      },
      custodialParty: { firstName: 'Alex', lastName: `${b.lastName}-Reyes`, city: 'Pasadena', state: 'CA' },
      children: [{ firstName: 'Sky', lastName: b.lastName, dateOfBirth: '2014-05-01' }],
    });
    for (const [court, monthsLater, amountCents] of [
      ['06059', 0, 45_000],
      ['06065', 2, 25_000],
    ] as const) {
      await addOrder(tx, actor, detail.id, {
        courtOrderNumber: `${b.caseNumber}-${court}`,
        courtCountyFips: court,
        orderType: 'child_support',
        issuedOn: addMonthsClamped(start, monthsLater),
        frequency: 'monthly',
        amountCents,
      });
    }
    created.push(detail.id);
  }
  return created;
}

/** An obligor in a Chapter 13 case filed before their order: the policy gives them no lien. */
export const demoBankruptCase = 'LA-BANKRUPT-0001';

async function seedBankruptObligor(tx: Tx, keys: PiiKeys, asOf: CalendarDate): Promise<void> {
  if (await findCaseIdByNumber(tx, demoBankruptCase)) return;
  const actor = systemActor();
  const detail = await createCase(tx, actor, keys, {
    lcsaId: 'los-angeles',
    countyFips: '06037',
    caseNumber: demoBankruptCase,
    openedOn: addDays(asOf, -60),
    obligor: { firstName: 'Rowan', lastName: 'Castellanos', ssn: '900-55-0303', dateOfBirth: '1981-11-02', city: 'Whittier', state: 'CA' },
    custodialParty: { firstName: 'Dana', lastName: 'Castellanos', city: 'Downey', state: 'CA' },
    children: [{ firstName: 'River', lastName: 'Castellanos', dateOfBirth: '2016-03-09' }],
  });
  await addOrder(tx, actor, detail.id, {
    courtOrderNumber: `${demoBankruptCase}-06037`,
    courtCountyFips: '06037',
    orderType: 'child_support',
    issuedOn: addDays(asOf, -30),
    frequency: 'monthly',
    amountCents: 38_000,
  });
  const obligor = detail.participants.find((p) => p.role === 'obligor')!;
  await recordBankruptcy(tx, actor, obligor.id, {
    chapter: '13',
    caseNumber: '2:26-bk-20417',
    court: 'U.S. Bankruptcy Court, Central District of California',
    filedOn: addDays(asOf, -90),
  });
}

export async function seedLiensDemo(tx: Tx, keys: PiiKeys, asOf: CalendarDate): Promise<void> {
  const payoffCases = await seedPayoffCases(tx, keys, asOf);
  await seedBankruptObligor(tx, keys, asOf);
  await generateRecordTasks(tx, systemActor(), asOf);
  const rows = await tx
    .select({ id: liens.id, triggerDate: liens.triggerDate, countyFips: liens.countyFips, caseId: liens.caseId })
    .from(liens)
    .where(eq(liens.status, 'to_record'));
  for (const [i, lien] of rows.entries()) {
    // The last 45 days' tasks and a backlog of one in eight stay in the queue; the rest were recorded,
    // one in twenty rejected by the recorder first. The payoff borrowers' liens are all recorded.
    const isPayoffCase = payoffCases.includes(lien.caseId);
    if (!isPayoffCase && (lien.triggerDate >= addDays(asOf, -45) || i % 8 === 0)) continue;
    const recordedOn = addDays(lien.triggerDate, 10 + (i % 30));
    const isRejected = !isPayoffCase && i % 20 === 0;
    const change = isRejected
      ? { status: 'rejected' as const, rejectionReason: 'Illegible notary acknowledgment' }
      : {
          status: 'recorded' as const,
          recordedOn,
          instrumentNumber: `${recordedOn.slice(0, 4)}-${lien.countyFips.slice(2)}${String(100_000 + i).slice(1)}`,
          feeCents: 1_400,
        };
    await tx.update(liens).set(change).where(eq(liens.id, lien.id));
    await tx
      .insert(lienEvents)
      .values({ lienId: lien.id, status: change.status, detail: isRejected ? 'Rejected by the recorder (demo)' : `Recorded ${recordedOn} (demo)` });
  }
  if (payoffCases.length > 0) {
    await endPayoffOrdersAndAskForOne(tx, keys, asOf, payoffCases);
    await payEverything(tx, demoPaidObligor.caseNumber, addDays(asOf, -12));
    await verifiedWrongPersonDemand(tx, demoPayoffBorrowers[0].caseNumber, asOf);
  }
  await refinanceRequests(tx, asOf);
}

/** Two obligors refinancing ask for their lien to stand behind the new first deed of trust: waiting for a decision. */
async function refinanceRequests(tx: Tx, asOf: CalendarDate): Promise<void> {
  const recorded = await tx
    .selectDistinctOn([liens.personId], { personId: liens.personId, countyFips: liens.countyFips })
    .from(liens)
    .where(eq(liens.status, 'recorded'))
    .orderBy(liens.personId)
    .limit(2);
  const lenders = [
    { lenderName: 'Golden State Credit Union', propertyAddress: '1406 Alder Way', loanAmountCents: 31_500_000 },
    { lenderName: 'Pacific Home Lending', propertyAddress: '77 Mission Ridge Ct', loanAmountCents: 42_000_000 },
  ];
  for (const [i, lien] of recorded.entries()) {
    await requestSubordination(tx, systemActor(), lien.personId, { countyFips: lien.countyFips, ...lenders[i]!, requestedOn: addDays(asOf, -3 - i) });
  }
}

/** A namesake of the first payoff borrower owns a parcel in Los Angeles County: demand received and verified. */
async function verifiedWrongPersonDemand(tx: Tx, caseNumber: string, asOf: CalendarDate): Promise<void> {
  const caseId = await findCaseIdByNumber(tx, caseNumber);
  if (!caseId) return;
  const [lien] = await tx.select({ personId: liens.personId }).from(liens).where(eq(liens.caseId, caseId)).limit(1);
  if (!lien) return;
  const actor = systemActor();
  const demand = await submitWrongPersonRequest(tx, actor, lien.personId, {
    ownerName: 'Morgan A. Ellison',
    apn: '7243-019-022',
    countyFips: '06037',
    propertyAddress: '915 Ocean Park Blvd, Santa Monica CA 90405',
    proofDocuments: ['California driver licence (different birth date)', 'Grant deed recorded 2017'],
    receivedOn: addDays(asOf, -6),
  });
  await decideWrongPersonRequest(tx, actor, demand.id, {
    decision: 'verified',
    note: 'Birth date, licence and SSN differ from the obligor’s; the deed names the owner.',
  });
}

/** The case's whole past due paid on `paidOn`, with a little over (a credit), so that nothing is past due today. */
async function payEverything(tx: Tx, caseNumber: string, paidOn: CalendarDate): Promise<void> {
  const caseId = await findCaseIdByNumber(tx, caseNumber);
  if (!caseId) return;
  const actor = systemActor();
  const owed = await balances(tx, actor, caseId, paidOn);
  await postCollection(tx, actor, caseId, {
    receiptId: `DEMO-PAID-${caseNumber}`,
    receivedOn: paidOn,
    amountCents: owed.summary.totalOwedCents + 5_000,
    source: 'voluntary',
  });
}

/** The payoff borrowers' orders ended two months ago; the title company's demand on the second is answered. */
async function endPayoffOrdersAndAskForOne(tx: Tx, keys: PiiKeys, asOf: CalendarDate, caseIds: string[]): Promise<void> {
  const ended = addMonthsClamped(asOf, -2, 1);
  const orderIds = await tx
    .select({ orderId: liens.orderId })
    .from(liens)
    .where(and(inArray(liens.caseId, caseIds)));
  for (const orderId of new Set(orderIds.map((o) => o.orderId)))
    await addOrderTerm(tx, systemActor(), orderId, { reason: 'termination', effectiveFrom: ended, frequency: 'monthly', amountCents: 0 });
  const [partner] = await tx.select({ id: partners.id }).from(partners).where(eq(partners.name, demoTitleCompany));
  const partnerId = partner?.id ?? (await tx.insert(partners).values({ name: demoTitleCompany, kind: 'title_escrow' }).returning({ id: partners.id }))[0]!.id;
  const title: Actor = { userId: null, role: 'title_escrow_partner', lcsaId: null, partnerId, requestId: 'demo' };
  const b = demoPayoffBorrowers[1];
  const { demand } = await submitPayoffDemand(tx, keys, title, {
    escrowNumber: 'PCT-2026-0142',
    contactName: 'Tito Title',
    propertyAddress: '2210 Harbor View Dr, Long Beach CA 90803',
    transactionType: 'sale',
    borrower: { firstName: b.firstName, lastName: b.lastName, ssn: b.ssn, dateOfBirth: b.dateOfBirth, driversLicense: b.driversLicense },
    documents: ['letterhead', 'recorded_lien_copy', 'borrower_authorization'],
    goodThrough: addDays(asOf, 14),
  });
  // The company uploads its three documents: the policy answers a clean demand at once.
  for (const kind of ['letterhead', 'recorded_lien_copy', 'borrower_authorization'] as const) {
    const pdf = await renderLetter({
      title: kind.replace(/_/g, ' '),
      heading: [demoTitleCompany, 'Escrow PCT-2026-0142'],
      facts: [['Borrower', `${b.firstName} ${b.lastName}`]],
      paragraphs: ['Demo document uploaded with the payoff demand.'],
      footer: 'Demo',
      producedAt: new Date(`${asOf}T12:00:00Z`),
    });
    await uploadDemandDocument(tx, keys, title, demand.id, { kind, fileName: `${kind}.pdf`, contentType: 'application/pdf', body: Buffer.from(pdf) });
  }
}
