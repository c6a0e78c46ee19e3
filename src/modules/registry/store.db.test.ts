/**
 * The registry's store functions, which other modules use instead of its tables, on a database (PGlite,
 * or the server with DATABASE_URL) without the HTTP app.
 */
import crypto from 'node:crypto';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { fresno as fresnoOnly, seedTestCase, statewide } from '../../../test/cases';
import { useTestDatabase } from '../../../test/db';
import { queryRows } from '../../platform/db/rows';
import { inTransaction } from '../../platform/db/transaction';
import { blindIndexSsn } from '../../platform/pii/ssn';
import { derivePiiKeys } from '../../platform/pii/keys';
import {
  assistancePeriodsOf,
  caseCountsByLcsa,
  caseForUpdate,
  casesWithParties,
  insertAssistancePeriod,
  insertOrder,
  orderForUpdate,
  pageCases,
  caseOrder,
  caseNumbers,
  caseSource,
  countyNames,
  findCaseIdByNumber,
  findPersons,
  lcsaNames,
  listLcsas,
  namesakes,
  obligorCaseLcsas,
  obligorsWithSsn,
  openCaseIds,
  openObligorCases,
  personName,
  personNameSql,
} from './store';

const { db } = await useTestDatabase();
const keys = derivePiiKeys(crypto.randomBytes(32));

const fresno = await seedTestCase(db, keys, {
  caseNumber: 'STORE-FRESNO-1',
  lcsaId: 'fresno',
  countyFips: '06019',
  lastName: 'Store',
  obligorSsn: '912-11-2233',
});
const kern = await seedTestCase(db, keys, { caseNumber: 'STORE-KERN-1', lcsaId: 'kern', countyFips: '06029', lastName: 'Store', obligorSsn: '912-11-2233' });
const obligorOf = (detail: typeof fresno) => detail.obligorId;

describe('the registry store, as other modules read it', () => {
  it('names LCSAs and counties, and counts cases by LCSA', () =>
    inTransaction(db, async (tx) => {
      const lcsas = await listLcsas(tx);
      expect(lcsas).toHaveLength(47);
      expect(lcsas.map((l) => l.name)).toEqual([...lcsas.map((l) => l.name)].sort((a, b) => (a < b ? -1 : 1)));
      expect((await lcsaNames(tx)).get('fresno')).toBe(lcsas.find((l) => l.id === 'fresno')!.name);
      expect((await countyNames(tx)).get('06029')).toBe('Kern');
      expect((await caseCountsByLcsa(tx, { openOnly: true })).get('kern')).toBe(1);
      expect((await caseCountsByLcsa(tx, { openOnly: false })).get('los-angeles')).toBeUndefined();
    }));

  it('finds cases by id, number and scope, and offers one as a row source for another module’s statement', () =>
    inTransaction(db, async (tx) => {
      expect(await caseNumbers(tx, [fresno.id, kern.id, crypto.randomUUID()])).toEqual(
        new Map([
          [fresno.id, 'STORE-FRESNO-1'],
          [kern.id, 'STORE-KERN-1'],
        ]),
      );
      expect(await caseNumbers(tx, [])).toEqual(new Map());
      expect(await findCaseIdByNumber(tx, 'STORE-KERN-1')).toBe(kern.id);
      expect(await findCaseIdByNumber(tx, 'NO-SUCH-CASE')).toBeUndefined();
      expect(await openCaseIds(tx, (lcsa) => sql`${lcsa} = 'fresno'`)).toEqual([fresno.id]);
      const inScope = await queryRows<{ id: string; lcsa_id: string }>(
        tx,
        sql`select c.id, c.lcsa_id from ${caseSource(kern.id, (lcsa) => sql`${lcsa} = 'kern'`)} as c`,
      );
      expect(inScope).toEqual([{ id: kern.id, lcsa_id: 'kern' }]);
      const outOfScope = await queryRows(tx, sql`select c.id from ${caseSource(kern.id, (lcsa) => sql`${lcsa} = 'fresno'`)} as c`);
      expect(outOfScope).toEqual([]);
    }));

  it('finds people, obligors by SSN, namesakes and the LCSAs of an obligor’s cases', () =>
    inTransaction(db, async (tx) => {
      const [a, b] = [obligorOf(fresno), obligorOf(kern)];
      const people = await findPersons(tx, [a, b, a]);
      expect([...people.keys()].sort()).toEqual([a, b].sort());
      expect(people.get(a)).toMatchObject({ firstName: 'Avery', lastName: 'Store', ssnLast4: '2233' });
      expect((await obligorCaseLcsas(tx, [a, b])).sort()).toEqual(['fresno', 'kern']);
      expect(await obligorCaseLcsas(tx, [])).toEqual([]);
      const bySsn = await obligorsWithSsn(tx, blindIndexSsn(keys, '912112233'));
      expect(bySsn.map((p) => p.id)).toEqual([a, b]);
      expect(bySsn[0]).toMatchObject({ lastName: 'Store', dateOfBirth: '1984-03-02' });
      expect((await namesakes(tx, 'avery', 'STORE')).map((p) => p.id).sort()).toEqual([a, b].sort());
      const [named] = await queryRows<{ name: string }>(tx, sql`select ${personNameSql(sql`${a}::uuid`)} as name`);
      expect(named!.name).toBe('Avery Store');
      expect(personName({ ...people.get(a)!, middleName: 'Lee' }, { middle: true })).toBe('Avery Lee Store');
      expect(personName({ ...people.get(a)!, middleName: 'Lee' }, { middle: false })).toBe(named!.name);
      const open = (await openObligorCases(tx)).filter((r) => r.personId === a || r.personId === b);
      expect(open.map((r) => r.lcsaId).sort()).toEqual(['fresno', 'kern']);
      expect(open.every((r) => r.ssnCiphertext !== null)).toBe(true);
    }));

  it("pages and exports the registry's own cases within the filter, and records orders once with their first term", () =>
    inTransaction(db, async (tx) => {
      const window = (sort: keyof typeof caseOrder = 'caseNumber', dir: 'asc' | 'desc' = 'asc') => ({
        sort,
        dir,
        orderBy: [dir === 'asc' ? sql`${caseOrder[sort]} asc` : sql`${caseOrder[sort]} desc`],
        limit: 10,
        offset: 0,
      });
      const page = await pageCases(tx, { filter: fresnoOnly, caseNumber: 'STORE-' }, window());
      expect(page.total).toBe(1);
      expect(page.items.map((i) => [i.row.caseNumber, i.obligorLast])).toEqual([['STORE-FRESNO-1', 'Store']]);
      expect((await pageCases(tx, { filter: statewide, caseNumber: 'STORE-', lcsaId: 'kern' }, window())).total).toBe(1);
      expect((await pageCases(tx, { filter: statewide, caseNumber: 'STORE-', status: 'closed' }, window())).total).toBe(0);
      // q: a case number or the obligor's last name, ignoring case; ordered by the obligor's name.
      expect((await pageCases(tx, { filter: statewide, q: 'store-k' }, window())).items.map((i) => i.row.caseNumber)).toEqual(['STORE-KERN-1']);
      expect((await pageCases(tx, { filter: statewide, q: 'sTo' }, window('caseNumber', 'desc'))).items.map((i) => i.row.caseNumber)).toEqual([
        'STORE-KERN-1',
        'STORE-FRESNO-1',
      ]);
      expect((await pageCases(tx, { filter: statewide, caseNumber: 'STORE-', q: '%' }, window('obligor'))).total).toBe(0);
      const exported = await casesWithParties(tx, { filter: statewide, caseNumber: 'STORE-' }, window());
      expect(exported.map((r) => [r.row.caseNumber, r.obligor?.firstName, r.custodial?.firstName])).toEqual([
        ['STORE-FRESNO-1', 'Avery', 'Quinn'],
        ['STORE-KERN-1', 'Avery', 'Quinn'],
      ]);
      expect((await caseForUpdate(tx, kern.id))?.lcsaId).toBe('kern');
      const order = {
        lcsaId: 'kern',
        caseId: kern.id,
        courtOrderNumber: 'STORE-ORDER-1',
        courtCountyFips: '06029',
        orderType: 'child_support',
        issuedOn: '2024-02-01',
      } as const;
      const term = { reason: 'original', effectiveFrom: '2024-02-01', amountCents: 40_000, isReserved: false, frequency: 'monthly' } as const;
      const orderId = await insertOrder(tx, order, term);
      expect(orderId).toBeDefined();
      expect(await insertOrder(tx, order, term)).toBeUndefined();
      expect((await orderForUpdate(tx, orderId!))?.terms.map((t) => [t.amountCents, t.lcsaId])).toEqual([[40_000, 'kern']]);
      await insertAssistancePeriod(tx, {
        lcsaId: 'kern',
        caseId: kern.id,
        program: 'calworks',
        startsOn: '2024-01-01',
        endsOn: null,
        monthlyGrantCents: 50_000,
      });
      expect((await assistancePeriodsOf(tx, kern.id)).map((p) => p.program)).toEqual(['calworks']);
    }));
});
