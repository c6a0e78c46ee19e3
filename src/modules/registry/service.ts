/**
 * Registry use cases: (tx, actor, input) → result, access checked on the first line.
 * Reading a case is a read of personal data and is audited; an SSN is masked unless a role that may
 * see it asks for it (reveal=ssn), and that reveal is audited as such.
 */
import crypto from 'node:crypto';
import { recordAudit } from '../../platform/audit/audit';
import type { Actor } from '../../platform/auth/actor';
import { assertCanWriteLcsa, assertRowInScope, authorize, rowFilter } from '../../platform/auth/scope';
import type { Tx } from '../../platform/db/connect';
import { AppError } from '../../platform/errors';
import { addressLines } from '../../platform/pii/address';
import type { PiiKeys } from '../../platform/pii/keys';
import { formatSsn, maskSsn, protectDriversLicense, protectSsn, revealSsn } from '../../platform/pii/ssn';
import type { CaseDetail, PersonDetail, NewCase, NewPerson, PersonView } from './contract';
import { casesOfPerson, findCaseWithParts, findCounty, findPersons, insertCaseRows, type CasePerson, type NewCaseRows } from './store';

const participantOrder = ['obligor', 'custodial_party', 'child'] as const;

function personView(keys: PiiKeys, person: CasePerson, isRevealing: boolean): PersonView {
  const canReveal = isRevealing && person.ssnCiphertext !== null;
  return {
    id: person.id,
    role: person.role,
    firstName: person.firstName,
    middleName: person.middleName,
    lastName: person.lastName,
    dateOfBirth: person.dateOfBirth,
    ssn: canReveal ? formatSsn(revealSsn(keys, person.ssnCiphertext!)) : maskSsn(person.ssnLast4),
    isSsnRevealed: canReveal,
    // Staff inside Concord see a flagged address; outbound documents and partner APIs use outboundAddress().
    address: addressLines(person),
    hasFamilyViolenceFlag: person.hasFamilyViolenceFlag,
    phone: person.phone,
    email: person.email,
    preferredLanguage: person.preferredLanguage,
  };
}

export async function getCase(tx: Tx, actor: Actor, keys: PiiKeys, caseId: string, options: { revealSsn: boolean }): Promise<CaseDetail> {
  authorize(actor, 'registry.read');
  if (options.revealSsn) authorize(actor, 'pii.reveal');
  const found = assertRowInScope(actor, await findCaseWithParts(tx, caseId), 'case_not_found', `Case ${caseId}`);
  const { people, assistance, orders, closedOn, ...summary } = found;
  people.sort((a, b) => participantOrder.indexOf(a.role) - participantOrder.indexOf(b.role));
  const obligor = people.find((p) => p.role === 'obligor');
  await recordAudit(tx, actor, {
    action: options.revealSsn ? 'case.read.ssn_revealed' : 'case.read',
    entityType: 'case',
    entityId: caseId,
    lcsaId: found.lcsaId,
    isPiiRead: true,
    detail: { personIds: people.map((p) => p.id) },
  });
  return {
    ...summary,
    obligorName: obligor ? `${obligor.lastName}, ${obligor.firstName}` : null,
    closedOn,
    participants: people.map((p) => personView(keys, p, options.revealSsn)),
    assistance,
    orders,
  };
}

/** A person and the cases in the actor's scope they take part in; a person on none of them is not found. Audited. */
export async function getPerson(tx: Tx, actor: Actor, keys: PiiKeys, personId: string, options: { revealSsn: boolean }): Promise<PersonDetail> {
  authorize(actor, 'registry.read');
  if (options.revealSsn) authorize(actor, 'pii.reveal');
  const cases = await casesOfPerson(tx, rowFilter(actor), personId);
  const person = cases.length > 0 ? (await findPersons(tx, [personId])).get(personId) : undefined;
  if (!person) throw new AppError('not_found', 'person_not_found', `Person ${personId} was not found in your scope.`);
  await recordAudit(tx, actor, {
    action: options.revealSsn ? 'person.read.ssn_revealed' : 'person.read',
    entityType: 'person',
    entityId: personId,
    isPiiRead: true,
    detail: { caseIds: cases.map((c) => c.id) },
  });
  const { role: _role, ...view } = personView(keys, { ...person, role: cases[0]!.role }, options.revealSsn);
  return { ...view, cases };
}

function personRow(keys: PiiKeys, lcsaId: string, input: NewPerson, path: string) {
  const ssn = input.ssn ? protectSsn(keys, input.ssn, `${path}/ssn`) : null;
  const licence = input.driversLicense ? protectDriversLicense(keys, input.driversLicense) : null;
  return {
    id: crypto.randomUUID(),
    lcsaId,
    firstName: input.firstName,
    middleName: input.middleName ?? null,
    lastName: input.lastName,
    dateOfBirth: input.dateOfBirth ?? null,
    ssnCiphertext: ssn?.ciphertext ?? null,
    ssnBlindIndex: ssn?.blindIndex ?? null,
    ssnLast4: ssn?.last4 ?? null,
    driversLicenseBlindIndex: licence?.blindIndex ?? null,
    driversLicenseLast4: licence?.last4 ?? null,
    addressLine1: input.addressLine1 ?? null,
    city: input.city ?? null,
    state: input.state ?? null,
    zip: input.zip ?? null,
    hasFamilyViolenceFlag: input.hasFamilyViolenceFlag ?? false,
  };
}

/** Opens a case with its obligor, custodial party and children. */
export async function createCase(tx: Tx, actor: Actor, keys: PiiKeys, input: NewCase): Promise<CaseDetail> {
  authorize(actor, 'registry.write');
  assertCanWriteLcsa(actor, input.lcsaId);
  const county = await findCounty(tx, input.countyFips);
  if (!county)
    throw new AppError('validation', 'county_unknown', `No California county has FIPS ${input.countyFips}.`, [
      { path: '/countyFips', message: 'a California county FIPS code' },
    ]);
  if (county.lcsaId !== input.lcsaId) {
    throw new AppError('validation', 'county_not_served_by_lcsa', `${county.name} County is served by LCSA ${county.lcsaId}, not ${input.lcsaId}.`, [
      { path: '/countyFips', message: `a county served by ${input.lcsaId}` },
    ]);
  }
  const caseId = crypto.randomUUID();
  const people = [
    { role: 'obligor' as const, row: personRow(keys, input.lcsaId, input.obligor, '/obligor') },
    { role: 'custodial_party' as const, row: personRow(keys, input.lcsaId, input.custodialParty, '/custodialParty') },
    ...input.children.map((c, i) => ({ role: 'child' as const, row: personRow(keys, input.lcsaId, c, `/children/${i}`) })),
  ];
  const rows: NewCaseRows = {
    caseRow: { id: caseId, lcsaId: input.lcsaId, caseNumber: input.caseNumber, countyFips: input.countyFips, status: 'open', openedOn: input.openedOn },
    people: people.map((p) => p.row),
    participants: people.map((p) => ({ lcsaId: input.lcsaId, caseId, personId: p.row.id, role: p.role })),
    assistance: [],
    orders: [],
    terms: [],
  };
  if ((await insertCaseRows(tx, [rows])) === 0) {
    throw new AppError('conflict', 'case_number_already_used', `Case number ${input.caseNumber} is already in use.`, [
      { path: '/caseNumber', message: 'must be unique' },
    ]);
  }
  await recordAudit(tx, actor, {
    action: 'case.create',
    entityType: 'case',
    entityId: caseId,
    lcsaId: input.lcsaId,
    after: { caseNumber: input.caseNumber, people: people.length },
  });
  return getCase(tx, actor, keys, caseId, { revealSsn: false });
}
