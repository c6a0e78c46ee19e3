/**
 * Discrepancy report: balances stored elsewhere (an LCSA legacy system's conversion, or a figure certified
 * earlier) against the replay of the same case as of the same date. A difference is not corrected
 * automatically: it is listed, with the amount per category, for an account audit or an adjustment.
 */
import { recordAudit } from '../../platform/audit/audit';
import type { Actor } from '../../platform/auth/actor';
import { assertCanWriteLcsa, authorize, rowFilter } from '../../platform/auth/scope';
import type { Tx } from '../../platform/db/connect';
import { caseNumbers } from '../registry/index';
import type { Discrepancy, DiscrepancyReport, StoredBalances } from './contract';
import { replayAccount, type CaseHistory } from './domain/replay';
import { storedBalancesPage, upsertStoredBalances } from './store';
import { loadAccount } from './service';

/** Records (or replaces) the balances another system states for a case. */
export async function storeBalances(tx: Tx, actor: Actor, caseId: string, input: StoredBalances): Promise<void> {
  authorize(actor, 'finance.adjust');
  const { found } = await loadAccount(tx, actor, caseId);
  assertCanWriteLcsa(actor, found.lcsaId);
  const values = { caseId, lcsaId: found.lcsaId, ...input };
  await upsertStoredBalances(tx, values);
  await recordAudit(tx, actor, { action: 'finance.stored_balances.set', entityType: 'case', entityId: caseId, lcsaId: found.lcsaId, after: input });
}

type StatedFigures = Pick<StoredBalances, 'asOf' | 'principalCents' | 'interestCents' | 'futuresCents'>;

/** Balances stated elsewhere against the replay of the case as of their own date: the replay's figures and stated minus replayed. */
export function compareWithReplay(stored: StatedFigures, history: CaseHistory) {
  const { balances } = replayAccount(history, stored.asOf);
  const replayed = {
    principalCents: balances.principalCents,
    interestCents: balances.interestCents + balances.interestAccruedUnpostedCents,
    futuresCents: balances.futuresCents,
  };
  const differenceCents = {
    principalCents: stored.principalCents - replayed.principalCents,
    interestCents: stored.interestCents - replayed.interestCents,
    futuresCents: stored.futuresCents - replayed.futuresCents,
  };
  return { replayed, differenceCents };
}

/** Compares up to `limit` stored balances after case id `after` (keyset paging) with the replay. */
export async function discrepancyReport(tx: Tx, actor: Actor, options: { after?: string; limit: number }): Promise<DiscrepancyReport> {
  authorize(actor, 'registry.read');
  const rows = (await storedBalancesPage(tx, rowFilter(actor), options.after, options.limit)).map((stored) => ({ stored }));
  const discrepancies: Discrepancy[] = [];
  const numbers = await caseNumbers(
    tx,
    rows.map((r) => r.stored.caseId),
  );
  for (const { stored } of rows) {
    const caseNumber = numbers.get(stored.caseId) ?? '';
    const { history } = await loadAccount(tx, actor, stored.caseId);
    const { replayed, differenceCents } = compareWithReplay(stored, history);
    if (Object.values(differenceCents).every((d) => d === 0)) continue;
    discrepancies.push({
      caseId: stored.caseId,
      caseNumber,
      lcsaId: stored.lcsaId,
      asOf: stored.asOf,
      source: stored.source,
      stored: { principalCents: stored.principalCents, interestCents: stored.interestCents, futuresCents: stored.futuresCents },
      replayed,
      differenceCents,
    });
  }
  await recordAudit(tx, actor, {
    action: 'finance.discrepancies.read',
    entityType: 'finance_report',
    detail: { checked: rows.length, found: discrepancies.length },
  });
  return {
    checked: rows.length,
    matching: rows.length - discrepancies.length,
    discrepancies,
    next: rows.length === options.limit ? rows.at(-1)!.stored.caseId : null,
  };
}
