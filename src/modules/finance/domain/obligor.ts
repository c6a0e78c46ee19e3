/**
 * One obligor, several cases (several families): a collection received for the obligor is prorated across
 * all of the obligor's cases (45 CFR 302.51/302.52; OCSE AT-97-17, AT-07-05; the domain page's 1.3).
 *
 * Policy [GAP] — DCSS's lump-sum guidelines were not available, so the documented choice is:
 * 1. current support due this month first, each case's share in proportion to its unpaid current support
 *    (skipped for arrears-only sources such as tax offsets, 45 CFR 302.51(a)(3));
 * 2. then arrears, in proportion to each case's unpaid arrears (principal and posted interest);
 * 3. anything left is held as futures on the cases in proportion to their monthly support, or, if none
 *    has current support, on the case with the largest arrears that was paid.
 * Each step splits by `prorate`, so the parts are whole cents and sum to the collection exactly.
 * Every case's part is then credited and distributed by that case's own rules (CCP 695.221, 42 USC 657).
 */
import { monthOf, type CalendarDate } from '../../../platform/dates';
import { allocateByWeights, type Cents } from '../../../platform/money';
import type { FinancePolicies } from './policy';
import { inForce } from './policy';
import { prorate } from './proration';
import { replayAccount, type CaseHistory, type ReplayResult } from './replay';
import type { Collection } from './types';

export interface ObligorCase {
  caseId: string;
  /** Current support due this month and not yet paid. */
  currentDueCents: Cents;
  /** Unpaid principal due before this month plus posted, unpaid interest. */
  arrearsCents: Cents;
  /** The case's monthly support, for placing futures. */
  monthlySupportCents: Cents;
}

export interface ProratedPart {
  caseId: string;
  amountCents: Cents;
  currentCents: Cents;
  arrearsCents: Cents;
  futuresCents: Cents;
}

export function prorateAcrossCases(amountCents: Cents, cases: ObligorCase[], options: { isArrearsOnly: boolean }): ProratedPart[] {
  if (cases.length === 0) throw new Error('prorateAcrossCases needs at least one case');
  const sorted = [...cases].sort((a, b) => (a.caseId < b.caseId ? -1 : a.caseId > b.caseId ? 1 : 0));
  let left = amountCents;
  const take = (owed: Cents[], tieBreak: Cents[]): Cents[] => {
    const shares = prorate(left, owed, tieBreak);
    left -= shares.reduce((a, b) => a + b, 0);
    return shares;
  };
  const arrearsOwed = sorted.map((c) => c.arrearsCents);
  const currentOwed = sorted.map((c) => c.currentDueCents);
  const current = options.isArrearsOnly ? sorted.map(() => 0) : take(currentOwed, arrearsOwed);
  const arrears = take(arrearsOwed, currentOwed);
  let futures = sorted.map(() => 0);
  if (left > 0) {
    const weights = sorted.map((c) => c.monthlySupportCents);
    if (weights.some((w) => w > 0)) futures = allocateByWeights(left, weights, arrearsOwed);
    else {
      let largest = 0;
      sorted.forEach((c, i) => {
        if (c.arrearsCents > sorted[largest]!.arrearsCents) largest = i;
      });
      futures[largest] = left;
    }
  }
  return sorted.map((c, i) => ({
    caseId: c.caseId,
    currentCents: current[i]!,
    arrearsCents: arrears[i]!,
    futuresCents: futures[i]!,
    amountCents: current[i]! + arrears[i]! + futures[i]!,
  }));
}

/** What a case owes on a date, as proration weighs it: this month's unpaid support, arrears (principal before it and posted interest), monthly support. */
export function owedOn(result: ReplayResult, date: CalendarDate): Omit<ObligorCase, 'caseId'> {
  const month = monthOf(date);
  let currentDueCents = 0;
  let principalBeforeCents = 0;
  let monthlySupportCents = 0;
  for (const inst of result.installments) {
    if (monthOf(inst.dueDate) === month) {
      currentDueCents += inst.unpaidCents;
      monthlySupportCents += inst.amountCents;
    } else principalBeforeCents += inst.unpaidCents;
  }
  return { currentDueCents, arrearsCents: principalBeforeCents + result.balances.interestCents, monthlySupportCents };
}

/** One lump sum and each case's part of it. */
export interface ObligorProration {
  collectionId: string;
  receivedOn: CalendarDate;
  amountCents: Cents;
  source: Collection['source'];
  parts: ProratedPart[];
}

/**
 * An obligor's lump sums prorated across the obligor's cases, in the order received, each against what
 * the cases owe on its date (after the earlier lump sums' parts): the cases with each part added as a
 * collection of theirs (id `LUMP-SUM-ID/CASE-ID`), and the proration of each lump sum.
 */
export function prorateObligorCollections(
  cases: CaseHistory[],
  lumpSums: Collection[],
  policies: FinancePolicies,
): { cases: CaseHistory[]; prorations: ObligorProration[] } {
  const withParts = cases.map((c) => ({ ...c, collections: [...c.collections] }));
  const prorations: ObligorProration[] = [];
  for (const lumpSum of [...lumpSums].sort((a, b) => (a.receivedOn < b.receivedOn ? -1 : a.receivedOn > b.receivedOn ? 1 : a.id < b.id ? -1 : 1))) {
    const owed = withParts.map((c) => ({ caseId: c.caseId, ...owedOn(replayAccount(c, lumpSum.receivedOn, policies), lumpSum.receivedOn) }));
    const isArrearsOnly = inForce(policies.crediting, lumpSum.receivedOn).arrearsOnlySources.includes(lumpSum.source);
    const parts = prorateAcrossCases(lumpSum.amountCents, owed, { isArrearsOnly });
    for (const part of parts) {
      if (part.amountCents === 0) continue;
      withParts
        .find((c) => c.caseId === part.caseId)!
        .collections.push({ id: `${lumpSum.id}/${part.caseId}`, receivedOn: lumpSum.receivedOn, amountCents: part.amountCents, source: lumpSum.source });
    }
    prorations.push({ collectionId: lumpSum.id, receivedOn: lumpSum.receivedOn, amountCents: lumpSum.amountCents, source: lumpSum.source, parts });
  }
  return { cases: withParts, prorations };
}
