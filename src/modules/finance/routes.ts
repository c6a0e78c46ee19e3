/**
 * Finance endpoints: collections (per case, or an obligor's lump sum), the account, ledger and statement
 * of a case, adjustments under maker-checker, the audit request queue, and the discrepancy report.
 */
import { Type } from 'typebox';
import { todayInCalifornia } from '../../platform/dates';
import { commonErrorResponses, DateSchema } from '../../platform/http/contract';
import { inRequestTransaction, sendDownload } from '../../platform/http/handler';
import type { ConcordApp } from '../../platform/http/types';
import { registerList } from '../../platform/lists/lists';
import { ocse34Items, ocse34Pdf, ocse34Report, ocse34Xlsx } from './ocse34';
import { decideAdjustment, listAdjustments, proposeAdjustment } from './adjustments';
import { auditRequestList, caseAuditRequests, logAuditRequest, updateAuditRequest } from './audit-queue';
import {
  Ocse34ItemSchema,
  Ocse34ReportSchema,
  AccountViewSchema,
  AdjustmentDecisionSchema,
  AdjustmentViewSchema,
  auditRequestKinds,
  AuditRequestUpdateSchema,
  AuditRequestViewSchema,
  DiscrepancyReportSchema,
  IncarcerationUpdateSchema,
  IncarcerationViewSchema,
  NewIncarcerationSchema,
  LedgerPageSchema,
  LedgerQuerySchema,
  NewAdjustmentSchema,
  NewAuditRequestSchema,
  NewCollectionSchema,
  ObligorCollectionResultSchema,
  ObligorCollectionSchema,
  PaymentViewSchema,
  StoredBalancesSchema,
} from './contract';
import { discrepancyReport, storeBalances } from './discrepancies';
import { requestNightlyRun } from './nightly';
import { incarcerationsOfPerson, recordIncarceration, updateIncarceration } from './incarcerations';
import { accountOf, ledgerOf, paymentsOf, postCollection, postObligorCollection, statementOf } from './service';
import { requires } from '../../platform/http/access';
import { mayLag } from '../../platform/db/replica';

const params = Type.Object({ id: Type.String({ format: 'uuid' }) });
const asOfQuery = Type.Object({ asOf: Type.Optional(DateSchema({ description: 'Default: today in California' })) });

export async function financeRoutes(app: ConcordApp): Promise<void> {
  const tags = ['finance'];
  app.post(
    '/api/cases/:id/collections',
    {
      config: requires('finance.post'),
      schema: {
        tags,
        summary: 'Post a collection (idempotent by receipt id: 201 when new, 200 when already posted)',
        params,
        body: NewCollectionSchema,
        response: { 200: Type.Object({ isNew: Type.Boolean() }), 201: Type.Object({ isNew: Type.Boolean() }), ...commonErrorResponses },
      },
    },
    async (request, reply) => {
      // Not in a request transaction: the posting is one statement that also writes its audit row (see postCollection).
      const result = await postCollection(request.server.concord.database.db, request.actor, request.params.id, request.body);
      return reply.status(result.isNew ? 201 : 200).send(result);
    },
  );
  app.post(
    '/api/persons/:id/collections',
    {
      config: requires('finance.post'),
      schema: {
        tags,
        summary: "Post an obligor's collection, prorated across all of the obligor's open cases (idempotent by receipt id)",
        params,
        body: ObligorCollectionSchema,
        response: { 200: ObligorCollectionResultSchema, 201: ObligorCollectionResultSchema, ...commonErrorResponses },
      },
    },
    async (request, reply) => {
      const result = await inRequestTransaction(request, (tx, actor) => postObligorCollection(tx, actor, request.params.id, request.body));
      return reply.status(result.isNew ? 201 : 200).send(result);
    },
  );
  app.get(
    '/api/persons/:id/incarcerations',
    {
      config: requires('registry.read'),
      schema: {
        tags,
        summary: "An obligor's stays in custody, each with the suspension FC 4007.5 derives from it as of today",
        params,
        response: { 200: Type.Array(IncarcerationViewSchema), ...commonErrorResponses },
      },
    },
    (request) => inRequestTransaction(request, (tx, actor) => incarcerationsOfPerson(tx, actor, request.params.id)),
  );
  app.post(
    '/api/persons/:id/incarcerations',
    {
      config: requires('finance.adjust'),
      schema: {
        tags,
        summary: "Record an obligor's stay in custody (the facts: FC 4007.5's suspension of every case of theirs is derived from them)",
        params,
        body: NewIncarcerationSchema,
        response: { 201: IncarcerationViewSchema, ...commonErrorResponses },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await inRequestTransaction(request, (tx, actor) => recordIncarceration(tx, actor, request.params.id, request.body))),
  );
  app.put(
    '/api/persons/:id/incarcerations/:stayId',
    {
      config: requires('finance.adjust'),
      schema: {
        tags,
        summary: 'Record a release, or the exceptions that apply, for a stay in custody',
        params: Type.Object({ id: Type.String({ format: 'uuid' }), stayId: Type.String({ format: 'uuid' }) }),
        body: IncarcerationUpdateSchema,
        response: { 200: IncarcerationViewSchema, ...commonErrorResponses },
      },
    },
    (request) => inRequestTransaction(request, (tx, actor) => updateIncarceration(tx, actor, request.params.id, request.params.stayId, request.body)),
  );
  app.get(
    '/api/cases/:id/account',
    {
      config: requires('registry.read'),
      schema: {
        tags,
        summary: "A case's account as of a date: balances and the month-by-month audit, replayed from its sources",
        params,
        querystring: asOfQuery,
        response: { 200: AccountViewSchema, ...commonErrorResponses },
      },
    },
    (request) => inRequestTransaction(request, (tx, actor) => accountOf(tx, actor, request.params.id, request.query.asOf ?? todayInCalifornia())),
  );
  app.get(
    '/api/cases/:id/payments',
    {
      config: requires('registry.read'),
      schema: {
        tags,
        summary: "A case's payments, newest first: date, amount, source, and where each dollar went (current, arrears, interest; family, state, federal)",
        params,
        querystring: asOfQuery,
        response: { 200: Type.Array(PaymentViewSchema), ...commonErrorResponses },
      },
    },
    (request) => inRequestTransaction(request, (tx, actor) => paymentsOf(tx, actor, request.params.id, request.query.asOf ?? todayInCalifornia())),
  );
  app.get(
    '/api/cases/:id/ledger',
    {
      config: requires('registry.read'),
      schema: {
        tags,
        summary: "A case's ledger entries from the replay, filtered by date, kind and account, paged",
        params,
        querystring: LedgerQuerySchema,
        response: { 200: LedgerPageSchema, ...commonErrorResponses },
      },
    },
    (request) => inRequestTransaction(request, (tx, actor) => ledgerOf(tx, actor, request.params.id, request.query.asOf ?? todayInCalifornia(), request.query)),
  );
  app.get(
    '/api/cases/:id/statement.pdf',
    {
      config: requires('registry.read'),
      schema: {
        tags,
        summary: 'The account statement as a PDF: current support, arrears and interest apart, month by month',
        params,
        querystring: asOfQuery,
        produces: ['application/pdf'],
        response: { 200: Type.Any({ description: 'application/pdf' }), ...commonErrorResponses },
      },
    },
    async (request, reply) => {
      const { fileName, pdf } = await inRequestTransaction(request, (tx, actor) =>
        statementOf(tx, actor, request.params.id, request.query.asOf ?? todayInCalifornia()),
      );
      return sendDownload(reply, { fileName, contentType: 'application/pdf', body: pdf });
    },
  );
  app.get(
    '/api/cases/:id/adjustments',
    {
      config: requires('registry.read'),
      schema: {
        tags,
        summary: "A case's adjustments, every status, newest first",
        params,
        response: { 200: Type.Array(AdjustmentViewSchema), ...commonErrorResponses },
      },
    },
    (request) => inRequestTransaction(request, (tx, actor) => listAdjustments(tx, actor, { caseId: request.params.id })),
  );
  app.post(
    '/api/cases/:id/adjustments',
    {
      config: requires('finance.adjust'),
      schema: {
        tags,
        summary: 'Propose an adjustment with a reason code; it takes effect only when another finance user approves it',
        params,
        body: NewAdjustmentSchema,
        response: { 201: AdjustmentViewSchema, ...commonErrorResponses },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await inRequestTransaction(request, (tx, actor) => proposeAdjustment(tx, actor, request.params.id, request.body))),
  );
  app.get(
    '/api/finance/adjustments',
    {
      config: requires('registry.read'),
      schema: {
        tags,
        summary: 'Adjustments in your scope by status, oldest first (the approval queue by default)',
        querystring: Type.Object({ status: Type.Enum(['pending', 'approved', 'rejected'] as const, { default: 'pending' }) }),
        response: { 200: Type.Array(AdjustmentViewSchema), ...commonErrorResponses },
      },
    },
    (request) => inRequestTransaction(request, (tx, actor) => listAdjustments(tx, actor, { status: request.query.status })),
  );
  app.post(
    '/api/finance/adjustments/:id/decision',
    {
      config: requires('finance.approve'),
      schema: {
        tags,
        summary: 'Approve or reject a pending adjustment (never your own)',
        params,
        body: AdjustmentDecisionSchema,
        response: { 200: AdjustmentViewSchema, ...commonErrorResponses },
      },
    },
    (request) => inRequestTransaction(request, (tx, actor) => decideAdjustment(tx, actor, request.params.id, request.body)),
  );
  registerList(app, {
    path: '/api/finance/audit-requests',
    config: requires('registry.read'),
    tags,
    summary: 'The audit request and complaint queue in your scope, soonest legal deadline first; q: a case number’s start or the requester',
    filters: {
      status: Type.Enum(['open', 'completed', 'all'] as const, { default: 'open' }),
      kind: Type.Optional(Type.Enum(auditRequestKinds)),
      overdue: Type.Optional(Type.Boolean({ description: 'Only those still open past their legal deadline' })),
    },
    item: AuditRequestViewSchema,
    source: auditRequestList,
  });
  app.get(
    '/api/cases/:id/audit-requests',
    {
      config: requires('registry.read'),
      schema: {
        tags,
        summary: "A case's audit requests and complaints",
        params,
        response: { 200: Type.Array(AuditRequestViewSchema), ...commonErrorResponses },
      },
    },
    (request) => inRequestTransaction(request, (tx, actor) => caseAuditRequests(tx, actor, request.params.id)),
  );
  app.post(
    '/api/cases/:id/audit-requests',
    {
      config: requires('finance.audits'),
      schema: {
        tags,
        summary: 'Log an arrears audit request (due in 30 days) or a complaint (resolved in 30, extendable by 30)',
        params,
        body: NewAuditRequestSchema,
        response: { 201: AuditRequestViewSchema, ...commonErrorResponses },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await inRequestTransaction(request, (tx, actor) => logAuditRequest(tx, actor, request.params.id, request.body))),
  );
  app.post(
    '/api/finance/audit-requests/:id/actions',
    {
      config: requires('finance.audits'),
      schema: {
        tags,
        summary: "Extend (an audit's delay letter, a complaint's director extension) or complete a request",
        params,
        body: AuditRequestUpdateSchema,
        response: { 200: AuditRequestViewSchema, ...commonErrorResponses },
      },
    },
    (request) => inRequestTransaction(request, (tx, actor) => updateAuditRequest(tx, actor, request.params.id, request.body)),
  );
  app.post(
    '/api/cases/:id/stored-balances',
    {
      config: requires('finance.adjust'),
      schema: {
        tags,
        summary: 'Record the balances another system states for a case (e.g. a legacy conversion), for the discrepancy report',
        params,
        body: StoredBalancesSchema,
        response: { 204: Type.Null(), ...commonErrorResponses },
      },
    },
    async (request, reply) => {
      await inRequestTransaction(request, (tx, actor) => storeBalances(tx, actor, request.params.id, request.body));
      return reply.status(204).send(null);
    },
  );
  const ocse34Query = Type.Object({
    quarter: Type.String({ pattern: '^\\d{4}-Q[1-4]$', description: 'Calendar quarter, e.g. 2026-Q3 (July–September 2026)' }),
    lcsaId: Type.Optional(Type.String({ maxLength: 60, description: 'One LCSA; statewide (every LCSA in scope) when omitted' })),
  });
  app.get(
    '/api/finance/ocse34',
    {
      config: mayLag(requires('registry.read')),
      schema: {
        tags,
        summary: 'The OCSE-34 for a quarter from the ledger: collections by source, distribution by column, undistributed by age — per LCSA and in all',
        querystring: ocse34Query,
        response: { 200: Ocse34ReportSchema, ...commonErrorResponses },
      },
    },
    (request) => inRequestTransaction(request, (tx, actor) => ocse34Report(tx, actor, request.query.quarter, request.query.lcsaId)),
  );
  app.get(
    '/api/finance/ocse34/items',
    {
      config: mayLag(requires('registry.read')),
      schema: {
        tags,
        summary: 'The receipts behind one OCSE-34 figure (line1, 2a…2h, line3, A:to_family…, undistributed:0-30…), largest first',
        querystring: Type.Intersect([
          ocse34Query,
          Type.Object({ figure: Type.String({ maxLength: 60 }), limit: Type.Integer({ minimum: 1, maximum: 1_000, default: 200 }) }),
        ]),
        response: {
          200: Type.Object({ figure: Type.String(), totalCents: Type.Integer(), count: Type.Integer(), items: Type.Array(Ocse34ItemSchema) }),
          ...commonErrorResponses,
        },
      },
    },
    (request) =>
      inRequestTransaction(request, (tx, actor) =>
        ocse34Items(tx, actor, request.query.quarter, request.query.figure, request.query.lcsaId, request.query.limit),
      ),
  );
  app.get(
    '/api/finance/ocse34.xlsx',
    {
      config: mayLag(requires('registry.read')),
      schema: {
        tags,
        summary: 'The OCSE-34 for a quarter as a workbook: a row per LCSA and the total, a column per figure (cents)',
        querystring: ocse34Query,
        produces: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
        response: { 200: Type.Any({ description: 'XLSX' }), ...commonErrorResponses },
      },
    },
    async (request, reply) => {
      const report = await inRequestTransaction(request, (tx, actor) => ocse34Report(tx, actor, request.query.quarter, request.query.lcsaId));
      return sendDownload(reply, {
        fileName: `ocse34-${report.quarter}.xlsx`,
        contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        body: await ocse34Xlsx(report),
      });
    },
  );
  app.get(
    '/api/finance/ocse34.pdf',
    {
      config: mayLag(requires('registry.read')),
      schema: {
        tags,
        summary: 'The OCSE-34 for a quarter as a PDF: collections, distribution by column, undistributed by age, each LCSA',
        querystring: ocse34Query,
        produces: ['application/pdf'],
        response: { 200: Type.Any({ description: 'PDF' }), ...commonErrorResponses },
      },
    },
    async (request, reply) => {
      const report = await inRequestTransaction(request, (tx, actor) => ocse34Report(tx, actor, request.query.quarter, request.query.lcsaId));
      return sendDownload(reply, { fileName: `ocse34-${report.quarter}.pdf`, contentType: 'application/pdf', body: await ocse34Pdf(report, new Date()) });
    },
  );
  app.get(
    '/api/finance/discrepancies',
    {
      config: requires('registry.read'),
      schema: {
        tags,
        summary: 'Stored balances that differ from the replay, per category, in pages of cases',
        querystring: Type.Object({ after: Type.Optional(Type.String({ format: 'uuid' })), limit: Type.Integer({ minimum: 1, maximum: 500, default: 200 }) }),
        response: { 200: DiscrepancyReportSchema, ...commonErrorResponses },
      },
    },
    (request) => inRequestTransaction(request, (tx, actor) => discrepancyReport(tx, actor, request.query)),
  );
  app.post(
    '/api/finance/nightly-runs',
    {
      config: requires('jobs.manage'),
      schema: {
        tags,
        summary:
          'Ask for the nightly run as of a date (default today): every account replayed, its balances kept, stated balances checked — a background job; the same date is run once',
        body: Type.Object({
          asOf: Type.Optional(DateSchema({ description: 'Default: today in California' })),
          shards: Type.Optional(Type.Integer({ minimum: 1, maximum: 16, description: 'Parts run at once (default 2)' })),
        }),
        response: { 202: Type.Object({ jobId: Type.String({ format: 'uuid' }), isNew: Type.Boolean() }), ...commonErrorResponses },
      },
    },
    async (request, reply) => {
      const { asOf = todayInCalifornia(), shards } = request.body;
      const answer = await inRequestTransaction(request, (tx, actor) => requestNightlyRun(tx, actor, { asOf, ...(shards ? { shards } : {}) }));
      return reply.status(202).send(answer);
    },
  );
}
