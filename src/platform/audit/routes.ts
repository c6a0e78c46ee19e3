/** The audit log over HTTP, for auditors and state administrators. */
import { authorize } from '../auth/scope';
import { commonErrorResponses } from '../http/contract';
import type { ConcordApp } from '../http/types';
import { registerList } from '../lists/lists';
import { AuditEntrySchema, AuditFilterSchema, AuditVerificationSchema } from './contract';
import { auditList } from './search';
import { verifyAuditChain } from './verify';
import { requires } from '../http/access';

export async function auditRoutes(app: ConcordApp): Promise<void> {
  const tags = ['audit'];
  registerList(app, {
    path: '/api/audit',
    config: requires('audit.read'),
    tags,
    summary:
      'The audit log, newest first; counted up to 10,000 (totalCapped when more match); q: an action’s start, a record id or the start of the person’s email',
    filters: AuditFilterSchema.properties,
    item: AuditEntrySchema,
    source: auditList,
  });
  app.get(
    '/api/audit/verify',
    {
      config: requires('audit.read'),
      schema: { tags, summary: 'Check the hash chain of the whole audit log', response: { 200: AuditVerificationSchema, ...commonErrorResponses } },
    },
    (request) => {
      authorize(request.actor, 'audit.read');
      const { config, piiKeys } = app.concord;
      return verifyAuditChain(app.concord.database.db, undefined, { file: config.auditCheckpointFile, key: piiKeys.auditAnchorKey });
    },
  );
}
