/** Finance's search provider: a collection by its receipt id (or the obligor's lump-sum receipt id), in scope. */
import { rowFilter } from '../../platform/auth/scope';
import { formatCents } from '../../platform/money';
import type { SearchProvider } from '../../platform/search/search';
import { caseNumbers } from '../registry/index';
import { collectionsByReceipt } from './store';

export const financeSearch: SearchProvider = {
  permission: 'registry.read',
  isPersonal: false,
  async find(tx, actor, ask) {
    if (!ask.identifier) return [];
    const found = await collectionsByReceipt(tx, rowFilter(actor), [ask.text, ask.identifier], ask.limit);
    const numbers = await caseNumbers(
      tx,
      found.map((c) => c.caseId),
    );
    return found.map((c) => ({
      kind: 'receipt' as const,
      id: c.id,
      title: `Receipt ${c.receiptId}`,
      detail: `${formatCents(c.amountCents)} received ${c.receivedOn} · ${c.source.replaceAll('_', ' ')} · case ${numbers.get(c.caseId) ?? ''}`,
      href: `/cases/${c.caseId}`,
      lcsaId: c.lcsaId,
      score: 1,
    }));
  },
};
