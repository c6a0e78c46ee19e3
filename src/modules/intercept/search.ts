/** Intercept's search provider: an insurer's claim by its claim number (statewide, or matched to the LCSA's people). */
import { rowFilter } from '../../platform/auth/scope';
import { formatCents } from '../../platform/money';
import type { SearchProvider } from '../../platform/search/search';
import { claimsByNumber } from './store';

export const interceptSearch: SearchProvider = {
  permission: 'intercept.review',
  isPersonal: false,
  async find(tx, actor, ask) {
    if (!ask.identifier) return [];
    const found = await claimsByNumber(tx, rowFilter(actor), [ask.text, ask.identifier], ask.limit);
    return found.map((c) => ({
      kind: 'insurer_claim' as const,
      id: c.id,
      title: `Insurer claim ${c.claim_number}`,
      detail: `${c.insurer} · ${formatCents(c.amount_cents)} · ${c.status.replaceAll('_', ' ')}`,
      href: '/intercept',
      lcsaId: c.lcsa_id,
      score: 1,
    }));
  },
};
