/**
 * The one search: each module that holds searchable records offers a provider in its manifest; this asks
 * those the actor may use, merges their hits best first, and audits the search (who searched, how it was
 * read, which records it returned — never the text typed, which may be a name or SSN digits).
 */
import type { Actor } from '../auth/actor';
import type { Permission } from '../auth/roles';
import { authorizeAny, can } from '../auth/scope';
import type { Tx } from '../db/connect';
import { recordAudit } from '../audit/audit';
import type { SearchHit, SearchRequest, SearchResult } from './contract';
import { readSearchText, type SearchText } from './query';

/** What a provider is asked: the text as read, and how many hits at most. */
export interface SearchAsk extends SearchText {
  limit: number;
}

/** A module's part of the search (its manifest's `search`). It applies the actor's scope itself. */
export interface SearchProvider {
  /** The permission without which it is not asked. */
  permission: Permission;
  /** Whether its hits show personal data (names, birth dates, SSN digits): such searches are audited as PII reads. */
  isPersonal: boolean;
  find(tx: Tx, actor: Actor, ask: SearchAsk): Promise<SearchHit[]>;
}

export async function search(tx: Tx, actor: Actor, providers: readonly SearchProvider[], request: SearchRequest): Promise<SearchResult> {
  authorizeAny(
    actor,
    providers.map((p) => p.permission),
  );
  const usable = providers.filter((p) => can(actor, p.permission));
  const read = readSearchText(request.q);
  const ask: SearchAsk = { ...read, limit: request.limit ?? 20 };
  const found: SearchHit[] = [];
  for (const provider of usable) found.push(...(await provider.find(tx, actor, ask)));
  const items = found.sort((a, b) => b.score - a.score || a.title.localeCompare(b.title)).slice(0, ask.limit);
  const readAs: SearchResult['readAs'] = [];
  if (read.identifier) readAs.push('identifier');
  if (read.name) readAs.push('name');
  if (read.ssnLast4) readAs.push('ssn_last4_dob');
  await recordAudit(tx, actor, {
    action: 'search',
    entityType: 'search',
    isPiiRead: items.length > 0 && usable.some((p) => p.isPersonal),
    detail: { readAs, hits: items.map((h) => ({ kind: h.kind, id: h.id })) },
  });
  return { readAs, hint: read.hint, items };
}
