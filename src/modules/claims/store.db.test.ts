/**
 * The claims store on a database (PGlite, or the server with DATABASE_URL), without the HTTP app: the
 * row filter it applies (an LCSA its own rows, the state nothing in draft), versions and workflow
 * events, budget requests, and the plan's measure.
 */
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '../../../test/db';
import type { RowFilter } from '../../platform/auth/scope';
import { inTransaction } from '../../platform/db/transaction';
import {
  allocationsOf,
  allocationTotals,
  budgetRequestOf,
  budgetRequestsOf,
  claimHistory,
  claimOfQuarter,
  federalEntriesOf,
  federalFilingsOf,
  findBudgetRequest,
  findClaim,
  findClaims,
  lastDueQuarterClaimants,
  lastReturnComments,
  moveClaim,
  recordFederalFiling,
  saveBudgetContent,
  saveClaimVersion,
  saveFederalEntries,
  setBudgetStatus,
  upsertAllocation,
} from './store';

const { db } = await useTestDatabase();
const state: RowFilter = { kind: 'all' };
const fresno: RowFilter = { kind: 'lcsa', lcsaId: 'fresno' };
const kern: RowFilter = { kind: 'lcsa', lcsaId: 'kern' };
const insurer: RowFilter = { kind: 'partner', partnerId: '00000000-0000-4000-8000-000000000001' };
const content = { lines: { '1a': { currentCents: 10_000, adjustmentCents: 0 } }, attachments: [], adjustments: [], overAllocationJustification: null };

describe('the claims store', () => {
  it('keeps allocations per LCSA and stream, replacing a stream’s amount, and adds them up in the filter', () =>
    inTransaction(db, async (tx) => {
      await upsertAllocation(tx, { lcsaId: 'fresno', stateFiscalYear: '2031-32', stream: 'administration', amountCents: 500 }, null, null);
      await upsertAllocation(tx, { lcsaId: 'fresno', stateFiscalYear: '2031-32', stream: 'administration', amountCents: 700 }, null, null);
      await upsertAllocation(tx, { lcsaId: 'fresno', stateFiscalYear: '2031-32', stream: 'edp_mo', amountCents: 300 }, null, null);
      await upsertAllocation(tx, { lcsaId: 'kern', stateFiscalYear: '2031-32', stream: 'administration', amountCents: 900 }, null, null);
      expect((await allocationsOf(tx, state, '2031-32')).map((a) => [a.lcsaId, a.stream, a.amountCents])).toEqual([
        ['fresno', 'administration', 700],
        ['fresno', 'edp_mo', 300],
        ['kern', 'administration', 900],
      ]);
      expect((await allocationsOf(tx, kern, '2031-32')).map((a) => a.lcsaId)).toEqual(['kern']);
      expect(await allocationsOf(tx, state, '2031-32', 'kern')).toHaveLength(1);
      expect(await allocationTotals(tx, state, '2031-32')).toEqual(
        new Map([
          ['fresno', 1000],
          ['kern', 900],
        ]),
      );
      expect(await allocationTotals(tx, insurer, '2031-32')).toEqual(new Map());
    }));

  it('keeps each save as a version, hides drafts from the state, and records each move with its comment', () =>
    inTransaction(db, async (tx) => {
      const fresh = { lcsaId: 'fresno', quarter: '2031-Q1', dueBy: '2031-05-15' } as const;
      const draft = await saveClaimVersion(tx, undefined, fresh, content, { version: 1, source: 'form', by: null });
      expect(draft).toMatchObject({ status: 'draft', version: 1 });
      const second = await saveClaimVersion(tx, await claimOfQuarter(tx, 'fresno', '2031-Q1', { forUpdate: true }), fresh, content, {
        version: 2,
        source: 'xlsx import',
        by: null,
      });
      expect(second.id).toBe(draft.id);
      expect(await findClaim(tx, fresno, draft.id)).toMatchObject({ version: 2 });
      expect(await findClaim(tx, state, draft.id)).toBeUndefined();
      expect(await findClaim(tx, kern, draft.id)).toBeUndefined();

      const submitted = await moveClaim(
        tx,
        second,
        { status: 'submitted', submittedOn: '2031-05-01', isLate: false },
        {
          comment: null,
          actorId: null,
          actorRole: 'lcsa_preparer',
          on: '2031-05-01',
        },
      );
      expect(await findClaim(tx, state, draft.id)).toMatchObject({ status: 'submitted', submittedOn: '2031-05-01' });
      await moveClaim(
        tx,
        submitted,
        { status: 'returned' },
        { comment: 'Line 1a lacks its time reports.', actorId: null, actorRole: 'lcsa_director', on: '2031-05-02' },
      );
      const history = await claimHistory(tx, draft.id);
      expect(history.versions.map((v) => [v.version, v.source])).toEqual([
        [1, 'form'],
        [2, 'xlsx import'],
      ]);
      expect(history.events.map((e) => [e.fromStatus, e.toStatus])).toEqual([
        ['draft', 'submitted'],
        ['submitted', 'returned'],
      ]);
      expect(await lastReturnComments(tx, [draft.id])).toEqual(new Map([[draft.id, 'Line 1a lacks its time reports.']]));
      expect(await lastReturnComments(tx, [])).toEqual(new Map());

      const other = await saveClaimVersion(tx, undefined, { ...fresh, lcsaId: 'kern', dueBy: '2031-05-10' }, content, { version: 1, source: 'form', by: null });
      await moveClaim(
        tx,
        other,
        { status: 'submitted', submittedOn: '2031-05-03', isLate: false },
        { comment: null, actorId: null, actorRole: 'x', on: '2031-05-03' },
      );
      expect((await findClaims(tx, state, { quarter: '2031-Q1' }, { order: 'dueBy' })).map((c) => c.lcsaId)).toEqual(['kern', 'fresno']);
      expect((await findClaims(tx, state, { quarters: ['2031-Q1'], statuses: ['submitted'] }, { order: 'quarter' })).map((c) => c.lcsaId)).toEqual(['kern']);
      expect((await findClaims(tx, fresno, { quarter: '2031-Q1' }, { order: 'quarter' })).map((c) => c.lcsaId)).toEqual(['fresno']);
      expect(await findClaims(tx, insurer, {}, { order: 'quarter' })).toEqual([]);
    }));

  it('keeps one budget request per LCSA and year, versioned, drafts hidden from the state', () =>
    inTransaction(db, async (tx) => {
      const values = { positions: [], items: [], totalCents: 0, updatedBy: null };
      const draft = await saveBudgetContent(tx, undefined, { lcsaId: 'fresno', stateFiscalYear: '2031-32' }, values);
      const next = await saveBudgetContent(
        tx,
        await budgetRequestOf(tx, 'fresno', '2031-32'),
        { lcsaId: 'fresno', stateFiscalYear: '2031-32' },
        {
          ...values,
          totalCents: 12_345,
        },
      );
      expect(next).toMatchObject({ id: draft.id, version: 2, totalCents: 12_345, status: 'draft' });
      expect(await findBudgetRequest(tx, state, draft.id)).toBeUndefined();
      expect(await budgetRequestsOf(tx, fresno, '2031-32')).toHaveLength(1);
      await setBudgetStatus(tx, draft.id, { status: 'submitted', reviewComment: null });
      expect(await findBudgetRequest(tx, state, draft.id)).toMatchObject({ status: 'submitted' });
      expect(await findBudgetRequest(tx, kern, draft.id)).toBeUndefined();
    }));

  it('measures how many LCSAs submitted the last claim that fell due', () =>
    inTransaction(db, async (tx) => {
      const fresh = { lcsaId: 'fresno', quarter: '2032-Q1', dueBy: '2032-05-15' } as const;
      const claim = await saveClaimVersion(tx, undefined, fresh, content, { version: 1, source: 'form', by: null });
      await saveClaimVersion(tx, undefined, { ...fresh, lcsaId: 'kern' }, content, { version: 1, source: 'form', by: null });
      expect(await lastDueQuarterClaimants(tx, '2032-05-14')).not.toMatchObject({ quarter: '2032-Q1' });
      expect(await lastDueQuarterClaimants(tx, '2032-05-20')).toEqual({ quarter: '2032-Q1', lcsas: 0 });
      await moveClaim(
        tx,
        claim,
        { status: 'submitted', submittedOn: '2032-05-10', isLate: false },
        { comment: null, actorId: null, actorRole: 'x', on: '2032-05-10' },
      );
      expect(await lastDueQuarterClaimants(tx, '2032-05-20')).toEqual({ quarter: '2032-Q1', lcsas: 1 });
    }));

  it('keeps the state’s entries per quarter (the last saved) and each filing once: a version filed twice is refused, not doubled', () =>
    inTransaction(db, async (tx) => {
      await saveFederalEntries(tx, '2031-Q2', { fplsFeesCents: 100 }, null, null);
      await saveFederalEntries(tx, '2031-Q2', { fplsFeesCents: 250 }, 'second', null);
      expect(await federalEntriesOf(tx, '2031-Q2')).toMatchObject({ entries: { fplsFeesCents: 250 }, note: 'second' });
      const filing = { quarter: '2031-Q2', version: 1, filedOn: '2031-08-01', isLate: false, rows: [], filedBy: null } as const;
      expect(await recordFederalFiling(tx, filing)).toBe(true);
      // Two reviewers filing at once both read version 0: the second is told, not recorded.
      expect(await recordFederalFiling(tx, { ...filing, filedOn: '2031-08-02' })).toBe(false);
      expect(await recordFederalFiling(tx, { ...filing, version: 2, filedOn: '2031-08-03' })).toBe(true);
      expect((await federalFilingsOf(tx, '2031-Q2')).map((f) => [f.version, f.filedOn])).toEqual([
        [2, '2031-08-03'],
        [1, '2031-08-01'],
      ]);
    }));
});
