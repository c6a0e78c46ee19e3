/** The audit log over HTTP, for auditors and state administrators. */
import { authorize } from '../auth/scope';
import { commonErrorResponses } from '../http/contract';
import { inRequestTransaction } from '../http/handler';
import type { ConcordApp } from '../http/types';
import { AuditPageSchema, AuditQuerySchema, AuditVerificationSchema } from './contract';
import { searchAudit } from './search';
import { verifyAuditChain } from './verify';
import { requires } from '../http/access';

export async function auditRoutes(app: ConcordApp): Promise<void> {
  const tags = ['audit'];
  app.get(
    '/api/audit',
    {
      config: requires('audit.read'),
      schema: { tags, summary: 'Search the audit log', querystring: AuditQuerySchema, response: { 200: AuditPageSchema, ...commonErrorResponses } },
    },
    (request) => inRequestTransaction(request, (tx, actor) => searchAudit(tx, actor, request.query)),
  );
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
