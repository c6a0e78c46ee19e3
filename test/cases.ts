/** A small case (obligor, custodial party, one child) created through the registry, for store tests. */
import { systemActor } from '../src/platform/auth/actor';
import type { RowFilter } from '../src/platform/auth/scope';
import type { Db } from '../src/platform/db/connect';
import { inTransaction } from '../src/platform/db/transaction';
import type { PiiKeys } from '../src/platform/pii/keys';
import { createCase } from '../src/modules/registry/index';

export interface TestCase {
  caseNumber: string;
  lcsaId: string;
  countyFips: string;
  lastName: string;
  obligorSsn?: string;
}

export async function seedTestCase(db: Db, keys: PiiKeys, spec: TestCase) {
  const person = (firstName: string, ssn?: string) => ({
    firstName,
    lastName: spec.lastName,
    dateOfBirth: '1984-03-02',
    ...(ssn ? { ssn } : {}),
    addressLine1: '1 Main St',
    city: 'Fresno',
    state: 'CA',
    zip: '93721',
  });
  const detail = await inTransaction(db, (tx) =>
    createCase(tx, systemActor(), keys, {
      lcsaId: spec.lcsaId,
      countyFips: spec.countyFips,
      caseNumber: spec.caseNumber,
      openedOn: '2024-01-10',
      obligor: person('Avery', spec.obligorSsn),
      custodialParty: person('Quinn'),
      children: [{ firstName: 'Sky', lastName: spec.lastName, dateOfBirth: '2016-05-05' }],
    } as Parameters<typeof createCase>[3]),
  );
  return { ...detail, obligorId: detail.participants.find((p) => p.role === 'obligor')!.id };
}

/** Row filters store tests apply: two LCSAs and statewide. */
export const kern: RowFilter = { kind: 'lcsa', lcsaId: 'kern' };
export const fresno: RowFilter = { kind: 'lcsa', lcsaId: 'fresno' };
export const statewide: RowFilter = { kind: 'all' };
