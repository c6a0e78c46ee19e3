/**
 * Allocation against claimed and spent, per LCSA and statewide, for a state fiscal year: what was
 * allocated, claimed (submitted or further along) and spent (accepted by the state), what is left
 * unspent, the cost per open case, and collections (from finance) per dollar spent.
 */
import { recordAudit } from '../../platform/audit/audit';
import type { Actor } from '../../platform/auth/actor';
import { authorize, isLcsaInScope, rowFilter } from '../../platform/auth/scope';
import type { Tx } from '../../platform/db/connect';
import { collectedBySource } from '../finance/index';
import { caseCountsByLcsa, listLcsas } from '../registry/index';
import type { Dashboard } from './contract';
import { quarterEnd, quarterStart, quartersOfStateFiscalYear } from './domain/calendar';
import { claimTotals, claimShares, type ClaimLines } from './domain/claim';
import { policyFor } from './service';
import { allocationTotals, filedStatuses, findClaims } from './store';

type Row = Dashboard['statewide'];

export async function claimsDashboard(tx: Tx, actor: Actor, stateFiscalYear: string): Promise<Dashboard> {
  authorize(actor, 'claims.read');
  const quarters = quartersOfStateFiscalYear(stateFiscalYear);
  const period = { from: quarterStart(quarters[0]!), to: quarterEnd(quarters[3]!) };
  const names = (await listLcsas(tx)).filter((l) => isLcsaInScope(actor, l.id));
  const filter = rowFilter(actor);
  const allocations = await allocationTotals(tx, filter, stateFiscalYear);
  const claimRows = await findClaims(tx, filter, { quarters, statuses: filedStatuses }, { order: 'quarter' });
  const openCases = await caseCountsByLcsa(tx, { openOnly: true });
  const collections = await collectedBySource(tx, actor, null, period);
  const rows: Row[] = names.map(({ id, name }) => {
    const mine = claimRows.filter((c) => c.lcsaId === id);
    const totalOf = (c: (typeof claimRows)[number]) => {
      const totals = claimTotals(claimShares(c.lines as ClaimLines, policyFor(c.quarter)));
      return totals.A + totals.C;
    };
    const claimedCents = mine.reduce((a, c) => a + totalOf(c), 0);
    const spentCents = mine.filter((c) => c.status === 'accepted').reduce((a, c) => a + totalOf(c), 0);
    const allocationCents = allocations.get(id) ?? 0;
    return summarise(id, name, allocationCents, claimedCents, spentCents, openCases.get(id) ?? 0, collections.get(id) ?? 0);
  });
  const sum = (key: 'allocationCents' | 'claimedCents' | 'spentCents' | 'openCases' | 'collectionsCents') => rows.reduce((a, r) => a + r[key], 0);
  await recordAudit(tx, actor, { action: 'claims.dashboard.read', entityType: 'claim', detail: { stateFiscalYear } });
  return {
    stateFiscalYear,
    lcsas: rows,
    statewide: summarise(
      'statewide',
      'Statewide (your scope)',
      sum('allocationCents'),
      sum('claimedCents'),
      sum('spentCents'),
      sum('openCases'),
      sum('collectionsCents'),
    ),
  };
}

function summarise(
  lcsaId: string,
  lcsaName: string,
  allocationCents: number,
  claimedCents: number,
  spentCents: number,
  openCases: number,
  collectionsCents: number,
): Row {
  return {
    lcsaId,
    lcsaName,
    allocationCents,
    claimedCents,
    spentCents,
    unspentCents: allocationCents - spentCents,
    openCases,
    costPerCaseCents: openCases === 0 ? null : Math.round(spentCents / openCases),
    collectionsCents,
    collectionsPerDollar: spentCents === 0 ? null : Math.round((collectionsCents / spentCents) * 100) / 100,
  };
}
