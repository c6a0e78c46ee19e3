/** POST /api/search: the header's search box. POST, so that names and SSN digits stay out of addresses. */
import { commonErrorResponses } from '../http/contract';
import { inRequestTransaction } from '../http/handler';
import { requiresAny } from '../http/access';
import type { ConcordApp } from '../http/types';
import { SearchRequestSchema, SearchResultSchema } from './contract';
import { search, type SearchProvider } from './search';

export function searchRoutes(providers: readonly SearchProvider[]) {
  const permissions = [...new Set(providers.map((p) => p.permission))];
  return async (app: ConcordApp): Promise<void> => {
    app.post(
      '/api/search',
      {
        config: requiresAny(...permissions),
        schema: {
          tags: ['search'],
          summary: 'Find cases, people, orders, receipts and insurer claims in your scope (audited)',
          body: SearchRequestSchema,
          response: { 200: SearchResultSchema, ...commonErrorResponses },
        },
      },
      (request) => inRequestTransaction(request, (tx, actor) => search(tx, actor, providers, request.body)),
    );
  };
}
