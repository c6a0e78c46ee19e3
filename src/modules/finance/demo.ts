/**
 * Demo ledger history: for every demo case with an order, a deterministic record of collections from the
 * order's issue date to the demo's "today" — steady payers (wage withholding, a few days after each due
 * date), irregular payers (partial or missed months) and non-payers (now and then a federal tax offset).
 * Receipt ids are stable, so seeding again adds nothing.
 *
 * @example const rows = demoCollections(demoCase, '2026-10-31');
 */
import { addDays, addMonthsClamped, type CalendarDate } from '../../platform/dates';
import type { Tx } from '../../platform/db/connect';
import { versionOn } from '../../platform/versioned';
import { stableUuid, type DemoCase, type DemoChunkExtension } from '../registry/index';
import type { CollectionSource, Frequency } from './domain/types';
import { deadlinesFor } from './domain/audit-requests';
import { replayAccount } from './domain/replay';
import { historyOf } from './service';
import { financeAdjustments, financeAuditRequests, financeCollections, financeStoredBalances } from './schema';

/** Monthly equivalent of a per-period amount: semi-monthly ×2, bi-weekly ×26/12, weekly ×52/12. */
const periodsPerMonth: Record<Frequency, number> = { monthly: 1, semi_monthly: 2, biweekly: 26 / 12, weekly: 52 / 12 };

function random(seedText: string): () => number {
  let state = 2_166_136_261;
  for (let i = 0; i < seedText.length; i++) state = Math.imul(state ^ seedText.charCodeAt(i), 16_777_619) >>> 0;
  return () => (state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0) / 2 ** 32;
}

export interface DemoCollectionRow {
  receiptId: string;
  receivedOn: CalendarDate;
  amountCents: number;
  source: CollectionSource;
}

export function demoCollections(demo: DemoCase, asOf: CalendarDate): DemoCollectionRow[] {
  if (!demo.order) return [];
  const next = random(demo.id);
  const roll = next();
  const profile = roll < 0.45 ? 'steady' : roll < 0.75 ? 'irregular' : 'nonpayer';
  const rows: DemoCollectionRow[] = [];
  const terms = demo.order.terms;
  const end = demo.closedOn && demo.closedOn < asOf ? demo.closedOn : asOf;
  for (let month = 0; ; month++) {
    const due = addMonthsClamped(demo.order.issuedOn, month);
    if (due > end) break;
    const term = versionOn(terms, due);
    if (!term || term.reason === 'termination' || term.isReserved || term.amountCents === 0) continue;
    const monthlyCents = Math.round(term.amountCents * periodsPerMonth[term.frequency]);
    const receivedOn = addDays(due, 1 + Math.floor(next() * 5));
    if (receivedOn > end) break;
    const n = rows.length;
    const receipt = (source: CollectionSource, amountCents: number, on: CalendarDate) =>
      rows.push({ receiptId: `${demo.caseNumber}-${String(n).padStart(4, '0')}`, receivedOn: on, amountCents, source });
    if (profile === 'steady') receipt('wage_withholding', monthlyCents, receivedOn);
    else if (profile === 'irregular' && next() < 0.7)
      receipt(next() < 0.8 ? 'wage_withholding' : 'voluntary', Math.max(100, Math.round(monthlyCents * (0.5 + next() / 2))), receivedOn);
    else if (profile === 'nonpayer' && due.slice(5, 7) === '04' && next() < 0.4)
      receipt('federal_tax_offset', Math.round(monthlyCents * (1 + next() * 3)), receivedOn);
  }
  return rows;
}

/**
 * The finance work a demo LCSA has in hand, decided by each case's own random stream: about 3% of cases
 * with an order have an open audit request or complaint received in the last seven weeks (some overdue);
 * about 1% a pending compromise of interest; about 4% balances converted from a legacy system, a quarter
 * of which differ from the replay (the legacy system compounded interest or missed a receipt).
 */
export function demoFinanceWork(demo: DemoCase, collections: DemoCollectionRow[], asOf: CalendarDate) {
  if (!demo.order || demo.status !== 'open') return {};
  const next = random(`${demo.id}:work`);
  const [auditRoll, adjustmentRoll, legacyRoll, kindRoll, daysRoll] = [next(), next(), next(), next(), next()];
  const work: {
    auditRequest?: {
      kind: 'arrears_audit' | 'complaint';
      requestedBy: 'obligor' | 'obligee';
      receivedOn: CalendarDate;
      knewOn: CalendarDate | null;
      summary: string;
    };
    adjustment?: { effectiveOn: CalendarDate; amountCents: number };
    stored?: { principalCents: number; interestCents: number; futuresCents: number };
  } = {};
  if (auditRoll < 0.03) {
    const receivedOn = addDays(asOf, -Math.floor(daysRoll * 49));
    const isComplaint = kindRoll < 0.35;
    work.auditRequest = isComplaint
      ? {
          kind: 'complaint',
          requestedBy: 'obligee',
          receivedOn,
          knewOn: addDays(receivedOn, -20),
          summary: 'Support paid by the employer was not passed on to the family.',
        }
      : {
          kind: 'arrears_audit',
          requestedBy: 'obligor',
          receivedOn,
          knewOn: null,
          summary: 'Paying parent asks for an audit of arrears and interest since the order.',
        };
  }
  if (adjustmentRoll < 0.01 || legacyRoll < 0.04) {
    // Read as the service reads stored cases, so that converted balances can match the replay.
    const { balances } = replayAccount(historyOf({ ...demo, orders: [demo.order] }, collections, []), asOf);
    const interestCents = balances.interestCents + balances.interestAccruedUnpostedCents;
    if (adjustmentRoll < 0.01 && balances.interestCents > 0) work.adjustment = { effectiveOn: asOf, amountCents: Math.min(balances.interestCents, 50_000) };
    if (legacyRoll < 0.04) {
      const drift = legacyRoll < 0.01 ? Math.round(interestCents * 0.08) + 1 : 0;
      work.stored = { principalCents: balances.principalCents, interestCents: interestCents + drift, futuresCents: balances.futuresCents };
    }
  }
  return work;
}

/** The registry's demo seeding calls this for each chunk of cases, in the chunk's transaction. */
export const seedDemoCollections: DemoChunkExtension = {
  seedCases: async (tx: Tx, cases, options) => {
    const byCase = cases.map((demo) => ({ demo, collections: demoCollections(demo, options.asOf) }));
    const rows = byCase.flatMap(({ demo, collections }) => collections.map((row) => ({ ...row, caseId: demo.id, lcsaId: demo.lcsaId, postedBy: null })));
    for (let i = 0; i < rows.length; i += 1_000)
      await tx
        .insert(financeCollections)
        .values(rows.slice(i, i + 1_000))
        .onConflictDoNothing();
    for (const { demo, collections } of byCase) {
      const work = demoFinanceWork(demo, collections, options.asOf);
      const owner = { caseId: demo.id, lcsaId: demo.lcsaId };
      if (work.auditRequest) {
        const { dueOn, isFiledLate } = deadlinesFor(work.auditRequest);
        await tx
          .insert(financeAuditRequests)
          .values({ id: stableUuid(demo.id, 'audit-request'), ...owner, ...work.auditRequest, dueOn, isFiledLate })
          .onConflictDoNothing();
      }
      if (work.adjustment) {
        await tx
          .insert(financeAdjustments)
          .values({
            id: stableUuid(demo.id, 'adjustment'),
            ...owner,
            kind: 'compromise',
            effectiveOn: work.adjustment.effectiveOn,
            terms: { amountCents: work.adjustment.amountCents, appliesTo: 'interest' },
            justification: 'Offer in compromise of interest accepted after a hardship review (FC 17560).',
          })
          .onConflictDoNothing();
      }
      if (work.stored)
        await tx
          .insert(financeStoredBalances)
          .values({ ...owner, asOf: options.asOf, source: `legacy:${demo.lcsaId}`, ...work.stored })
          .onConflictDoNothing();
    }
  },
};
