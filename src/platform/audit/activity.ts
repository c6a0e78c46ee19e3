/**
 * A case's activity timeline, built from the audit log: every module names its records that belong to the
 * case (the manifest's `caseRecords`: the registry its case and orders — and it refuses a case outside the
 * actor's scope —, finance its collections, adjustments and audit requests, liens its liens), and the timeline
 * is what was done to any of them, newest first, by whom.
 *
 * @example GET /api/cases/9f0e…/activity → [{ occurredAt, actorName, action: 'finance.collection.post', … }]
 */
import { Type } from 'typebox';
import type { Actor } from '../auth/actor';
import type { Tx } from '../db/connect';
import { requires } from '../http/access';
import { commonErrorResponses } from '../http/contract';
import { inRequestTransaction } from '../http/handler';
import type { ConcordApp } from '../http/types';
import { AuditEntrySchema, type AuditEntry } from './contract';
import { changesTo } from './search';

/** A module's records that belong to a case (ids as its audit rows name them); may refuse a case out of scope. */
export type CaseRecords = (tx: Tx, actor: Actor, caseId: string) => Promise<string[]>;

export async function caseActivity(tx: Tx, actor: Actor, caseId: string, sources: readonly CaseRecords[], limit = 200): Promise<AuditEntry[]> {
  const ids = [caseId];
  for (const records of sources) ids.push(...(await records(tx, actor, caseId)));
  return changesTo(tx, [...new Set(ids)], limit);
}

export function activityRoutes(sources: readonly CaseRecords[]) {
  return async (app: ConcordApp): Promise<void> => {
    app.get(
      '/api/cases/:id/activity',
      {
        config: requires('registry.read'),
        schema: {
          tags: ['audit'],
          summary: "A case's activity timeline from the audit log: what was done to the case and its records, newest first, by whom (reads left out)",
          params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
          response: { 200: Type.Array(AuditEntrySchema), ...commonErrorResponses },
        },
      },
      (request) => inRequestTransaction(request, (tx, actor) => caseActivity(tx, actor, request.params.id, sources)),
    );
  };
}
