/**
 * The liens store on a database (PGlite, or the server with DATABASE_URL), without the HTTP app: each
 * part of a selection narrows it and the row filter keeps an LCSA to its own liens; a record task is
 * created once, with its event; a change to several liens records an event on each; the report counts
 * what was recorded; demands and subordinations are reached by the LCSAs they name or their partner.
 */
import crypto from 'node:crypto';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { fresno, kern, seedTestCase, statewide } from '../../../test/cases';
import { useTestDatabase } from '../../../test/db';
import type { RowFilter } from '../../platform/auth/scope';
import { queryRows } from '../../platform/db/rows';
import { inTransaction } from '../../platform/db/transaction';
import { derivePiiKeys } from '../../platform/pii/keys';
import {
  changeLiens,
  demandByEscrow,
  demandInScope,
  pageDemands,
  findRelease,
  insertDemand,
  insertRecordTask,
  insertRelease,
  insertSubordination,
  lienFiguresByLcsa,
  liensWithNames,
  obligorsWithRecordedLiens,
  selectLiens,
  storedLiensOf,
  subordinationInScope,
  pageSubordinations,
  updateDemand,
} from './store';

const { db } = await useTestDatabase();
const keys = derivePiiKeys(crypto.randomBytes(32));
const tag = crypto.randomBytes(3).toString('hex');
const theCase = await seedTestCase(db, keys, { caseNumber: `LIEN-${tag}`, lcsaId: 'kern', countyFips: '06029', lastName: 'Recorder' });
const orderId = crypto.randomUUID();
const task = (countyFips: string) =>
  ({
    caseId: theCase.id,
    orderId,
    personId: theCase.obligorId,
    lcsaId: 'kern',
    countyFips,
    instrument: 'abstract_of_support_judgment',
    status: 'to_record',
    trigger: 'order_received',
    triggerDate: '2026-01-05',
    dueBy: '2026-01-15',
  }) as const;
const event = { status: 'to_record', detail: 'Record task', actorId: null };

const [kernLien, fresnoLien] = await inTransaction(db, async (tx) => [
  (await insertRecordTask(tx, task('06029'), event))!,
  (await insertRecordTask(tx, { ...task('06019'), dueBy: '2026-01-20' }, event))!,
]);

describe('the liens store', () => {
  it('creates a record task once, with its event, and narrows a selection by each part', () =>
    inTransaction(db, async (tx) => {
      expect(await insertRecordTask(tx, task('06029'), event)).toBeUndefined();
      const [events] = await queryRows<{ n: number }>(tx, sql`select count(*)::int as n from lien_events where lien_id = ${kernLien}`);
      expect(events!.n).toBe(1);
      const ids = async (selection: Parameters<typeof selectLiens>[1]) => (await selectLiens(tx, selection)).map((l) => l.id);
      expect(await ids({ personIds: [theCase.obligorId] })).toEqual([kernLien, fresnoLien]);
      expect(await ids({ personIds: [theCase.obligorId], countyFips: '06019' })).toEqual([fresnoLien]);
      expect(await ids({ personIds: [theCase.obligorId], filter: fresno })).toEqual([]);
      expect(await ids({ personIds: [theCase.obligorId], filter: kern, statuses: ['recorded'] })).toEqual([]);
      expect(await ids({ personIds: [] })).toEqual([]);
      expect((await selectLiens(tx, { personIds: [theCase.obligorId] }, 1)).length).toBe(1);
      expect((await liensWithNames(tx, { id: fresnoLien })).map((l) => [l.countyName, l.lcsaName])).toEqual([['Fresno', expect.stringContaining('Kern')]]);
    }));

  it('changes several liens with an event on each, and counts what was recorded', () =>
    inTransaction(db, async (tx) => {
      await changeLiens(tx, [kernLien, fresnoLien], { status: 'recorded', recordedOn: '2026-01-17', instrumentNumber: `I-${tag}` }, (id) => ({
        status: 'recorded',
        detail: `Recorded ${id}`,
        actorId: null,
      }));
      const [events] = await queryRows<{ n: number }>(tx, sql`select count(*)::int as n from lien_events where lien_id in (${kernLien}, ${fresnoLien})`);
      expect(events!.n).toBe(4);
      expect((await storedLiensOf(tx, [theCase.obligorId])).map((l) => l.countyName)).toEqual(['Fresno', 'Kern']);
      const [kernFigures] = (await lienFiguresByLcsa(tx, kern, { from: '2026-01-01', to: '2026-01-31' }, '2026-02-01')).filter((r) => r.lcsaId === 'kern');
      expect(kernFigures).toMatchObject({ recorded: 2, recordedOnTime: 1 });
      expect(await lienFiguresByLcsa(tx, fresno, { from: '2026-01-01', to: '2026-01-31' }, '2026-02-01')).toEqual([]);
      expect((await obligorsWithRecordedLiens(tx, kern)).find((o) => o.personId === theCase.obligorId)).toMatchObject({ liens: 2 });
      expect(await obligorsWithRecordedLiens(tx, fresno)).toEqual([]);
      const release = await insertRelease(tx, {
        personId: theCase.obligorId,
        reason: 'paid_in_full',
        kind: 'general',
        triggerDate: '2026-02-01',
        dueBy: '2026-02-21',
        releasedOn: '2026-02-01',
        lienCount: 2,
      });
      expect((await findRelease(tx, release.id))?.lienCount).toBe(2);
    }));

  it('reaches a payoff demand by the LCSAs it names or its partner', () =>
    inTransaction(db, async (tx) => {
      const partnerId = crypto.randomUUID();
      const demand = await insertDemand(tx, {
        partnerId,
        channel: 'portal',
        companyName: `Title Co ${tag}`,
        escrowNumber: `E-${tag}`,
        propertyAddress: '1 Main St',
        transactionType: 'sale',
        borrowerFirstName: 'Avery',
        borrowerLastName: 'Recorder',
        ssnBlindIndex: 'index',
        ssnLast4: '1234',
        dateOfBirth: '1984-03-02',
        documents: [],
        lcsaIds: ['kern'],
        identity: {},
        status: 'needs_review',
        receivedOn: '2026-02-01',
        dueBy: '2026-02-11',
        goodThrough: '2026-03-01',
      });
      const own: RowFilter = { kind: 'partner', partnerId };
      for (const filter of [own, kern, statewide]) expect((await demandInScope(tx, filter, demand.id))?.id).toBe(demand.id);
      for (const filter of [fresno, { kind: 'partner', partnerId: crypto.randomUUID() } as RowFilter])
        expect(await demandInScope(tx, filter, demand.id)).toBeUndefined();
      expect((await demandByEscrow(tx, `Title Co ${tag}`, `E-${tag}`))?.id).toBe(demand.id);
      await updateDemand(tx, demand.id, { status: 'rejected' });
      const window = { sort: 'dueBy', dir: 'asc' as const, orderBy: [], limit: 10, offset: 0 };
      const rejected = await pageDemands(tx, own, { status: 'rejected' }, window);
      expect([rejected.rows.map((d) => d.id), rejected.total]).toEqual([[demand.id], 1]);
      expect((await pageDemands(tx, own, { status: 'issued' }, window)).total).toBe(0);
      // q: the escrow number's start, or a word of the company's name, ignoring case; its wildcards are literal.
      expect((await pageDemands(tx, own, { q: `e-${tag}` }, window)).total).toBe(1);
      expect((await pageDemands(tx, own, { q: `title co ${tag}`.toUpperCase() }, window)).total).toBe(1);
      expect((await pageDemands(tx, own, { q: '_' }, window)).total).toBe(0);
    }));

  it('reaches a subordination request by the LCSAs it names', () =>
    inTransaction(db, async (tx) => {
      const request = await insertSubordination(tx, {
        personId: theCase.obligorId,
        lcsaIds: ['kern'],
        countyFips: '06029',
        propertyAddress: '1 Main St',
        lenderName: 'Lender',
        loanAmountCents: 20_000_000,
        requestedOn: '2026-02-01',
        isEligible: true,
        eligibility: {},
        status: 'pending',
      });
      expect((await subordinationInScope(tx, kern, request.id))?.id).toBe(request.id);
      expect(await subordinationInScope(tx, fresno, request.id)).toBeUndefined();
      const window = { sort: 'requestedOn', dir: 'asc' as const, orderBy: [], limit: 1000, offset: 0 };
      expect((await pageSubordinations(tx, fresno, {}, window)).rows.map((r) => r.id)).not.toContain(request.id);
      expect((await pageSubordinations(tx, statewide, {}, window)).rows.map((r) => r.id)).toContain(request.id);
      expect((await pageSubordinations(tx, kern, { status: 'pending', q: 'lend' }, window)).rows.map((r) => r.id)).toEqual([request.id]);
      expect((await pageSubordinations(tx, kern, { status: 'approved' }, window)).rows.map((r) => r.id)).not.toContain(request.id);
    }));
});
