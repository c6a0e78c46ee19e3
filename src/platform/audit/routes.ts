/** The audit log over HTTP, for auditors and state administrators. */
import { authorize } from '../auth/scope';
import { commonErrorResponses } from '../http/contract';
import { inRequestTransaction, sendDownload } from '../http/handler';
import type { ConcordApp } from '../http/types';
import { AuditFilterSchema, AuditPageSchema, AuditQuerySchema, AuditVerificationSchema } from './contract';
import { exportAuditCsv, searchAudit } from './search';
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
    '/api/audit/export.csv',
    {
      config: requires('audit.read'),
      schema: {
        tags,
        summary: 'The filtered audit entries as CSV, newest first (at most 10,000; the export is audited)',
        querystring: AuditFilterSchema,
        produces: ['text/csv'],
      },
    },
    async (request, reply) => {
      const csv = await inRequestTransaction(request, (tx, actor) => exportAuditCsv(tx, actor, request.query));
      return sendDownload(reply, { fileName: 'audit-log.csv', contentType: 'text/csv; charset=utf-8', body: csv });
    },
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
