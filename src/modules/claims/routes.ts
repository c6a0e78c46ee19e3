/** Claims endpoints: allocations and the calculator, quarterly claims and their workflow, XLSX template and import, the consolidated OCSE-396, the dashboard. */
import { Type } from 'typebox';
import { commonErrorResponses } from '../../platform/http/contract';
import { inRequestTransaction, sendDownload, xlsxContentType } from '../../platform/http/handler';
import type { ConcordApp } from '../../platform/http/types';
import { registerList } from '../../platform/lists/lists';
import { calculateAllocation, listAllocations, setAllocation } from './allocations';
import { consolidatedCsv, consolidatedPdf, consolidatedReport, consolidatedXlsx, drillDown, fileFederalReport, setFederalEntries } from './consolidation';
import {
  AllocationInputsSchema,
  AllocationResultSchema,
  AllocationSchema,
  BudgetDecisionSchema,
  BudgetRequestViewSchema,
  ClaimDetailSchema,
  ClaimSummarySchema,
  ConsolidatedSchema,
  DashboardSchema,
  DrillDownSchema,
  FederalEntriesSchema,
  InboxItemSchema,
  QuarterSchema,
  SaveBudgetRequestSchema,
  SaveClaimSchema,
  WorkflowActionSchema,
} from './contract';
import { decideBudgetRequest, listBudgetRequests, saveBudgetRequest } from './budgets';
import { claimsDashboard } from './dashboard';
import { advanceClaim, claimDetail, claimInbox, claimList, saveClaim } from './service';
import { claimTemplate, importClaimWorkbook } from './workbook';
import { requires, requiresAny } from '../../platform/http/access';
import { mayLag } from '../../platform/db/replica';
import type { Consolidated } from './contract';

const params = Type.Object({ id: Type.String({ format: 'uuid' }) });
const fiscalYear = Type.String({ pattern: '^\\d{4}-\\d{2}$', description: 'State fiscal year, e.g. 2025-26' });
const statuses = ['draft', 'submitted', 'approved', 'certified', 'accepted', 'returned'] as const;

export async function claimRoutes(app: ConcordApp): Promise<void> {
  const tags = ['claims'];
  app.addContentTypeParser(xlsxContentType, { parseAs: 'buffer', bodyLimit: 5 * 1024 * 1024 }, (_request, body, done) => done(null, body));
  app.get(
    '/api/claims/allocations',
    {
      config: requires('claims.read'),
      schema: {
        tags,
        summary: 'Allocations of a state fiscal year per LCSA and funding stream',
        querystring: Type.Object({ stateFiscalYear: fiscalYear }),
        response: { 200: Type.Array(AllocationSchema), ...commonErrorResponses },
      },
    },
    (request) => inRequestTransaction(request, (tx, actor) => listAllocations(tx, actor, request.query.stateFiscalYear)),
  );
  app.post(
    '/api/claims/allocations',
    {
      config: requires('claims.allocate'),
      schema: {
        tags,
        summary: "Set an LCSA's allocation for a fiscal year and funding stream (the state)",
        body: AllocationSchema,
        response: { 200: AllocationSchema, ...commonErrorResponses },
      },
    },
    (request) => inRequestTransaction(request, (tx, actor) => setAllocation(tx, actor, request.body)),
  );
  app.post(
    '/api/claims/allocations/calculate',
    {
      config: requires('claims.read'),
      schema: {
        tags,
        summary:
          'The allocation methodology (188 cases per FTE, average cost, call centre, OE&E, 3-year phase-in, hold harmless) with its working; saves nothing',
        querystring: Type.Object({ stateFiscalYear: fiscalYear }),
        body: AllocationInputsSchema,
        response: { 200: AllocationResultSchema, ...commonErrorResponses },
      },
    },
    async (request) => inRequestTransaction(request, async (_tx, actor) => calculateAllocation(actor, request.body, request.query.stateFiscalYear)),
  );
  app.get(
    '/api/claims/budget-requests',
    {
      config: requires('claims.read'),
      schema: {
        tags,
        summary: 'Annual budget requests of a state fiscal year in your scope (the state sees them once submitted)',
        querystring: Type.Object({ stateFiscalYear: fiscalYear }),
        response: { 200: Type.Array(BudgetRequestViewSchema), ...commonErrorResponses },
      },
    },
    (request) => inRequestTransaction(request, (tx, actor) => listBudgetRequests(tx, actor, request.query.stateFiscalYear)),
  );
  app.post(
    '/api/claims/budget-requests',
    {
      config: requires('claims.prepare'),
      schema: {
        tags,
        summary:
          "Save the LCSA's budget request for a fiscal year: positions (FTE, average salary, benefits rate), operating expenses and equipment, each justified",
        body: SaveBudgetRequestSchema,
        response: { 200: BudgetRequestViewSchema, ...commonErrorResponses },
      },
    },
    (request) => inRequestTransaction(request, (tx, actor) => saveBudgetRequest(tx, actor, request.body)),
  );
  app.post(
    '/api/claims/budget-requests/:id/decision',
    {
      config: requiresAny('claims.prepare', 'claims.review'),
      schema: {
        tags,
        summary: 'Submit (preparer), approve or return with comments (state)',
        params,
        body: BudgetDecisionSchema,
        response: { 200: BudgetRequestViewSchema, ...commonErrorResponses },
      },
    },
    (request) => inRequestTransaction(request, (tx, actor) => decideBudgetRequest(tx, actor, request.params.id, request.body)),
  );
  registerList(app, {
    path: '/api/claims',
    config: requires('claims.read'),
    tags,
    summary: 'Claims in your scope (LCSA staff: their LCSA; the state: everything submitted), newest quarter first; q: an LCSA’s name',
    filters: { quarter: Type.Optional(QuarterSchema), status: Type.Optional(Type.Enum(statuses)), lcsaId: Type.Optional(Type.String({ maxLength: 60 })) },
    item: ClaimSummarySchema,
    source: claimList,
  });
  app.post(
    '/api/claims',
    {
      config: requires('claims.prepare'),
      schema: {
        tags,
        summary: "Save the LCSA's claim for a quarter as a new version (a draft, or a returned claim being corrected)",
        body: SaveClaimSchema,
        response: { 200: ClaimDetailSchema, ...commonErrorResponses },
      },
    },
    (request) => inRequestTransaction(request, (tx, actor) => saveClaim(tx, actor, request.body)),
  );
  app.get(
    '/api/claims/inbox',
    {
      config: requires('claims.read'),
      schema: {
        tags,
        summary: 'Claims waiting for you, and why (the workflow’s notifications)',
        response: { 200: Type.Array(InboxItemSchema), ...commonErrorResponses },
      },
    },
    (request) => inRequestTransaction(request, (tx, actor) => claimInbox(tx, actor)),
  );
  app.get(
    '/api/claims/template.xlsx',
    {
      config: requires('claims.prepare'),
      schema: {
        tags,
        summary: 'The claim template for your LCSA and a quarter, prefilled with the claim as saved',
        querystring: Type.Object({ quarter: QuarterSchema }),
        produces: [xlsxContentType],
        response: { 200: Type.Any(), ...commonErrorResponses },
      },
    },
    async (request, reply) => {
      const body = await inRequestTransaction(request, (tx, actor) => claimTemplate(tx, actor, actor.lcsaId ?? '', request.query.quarter));
      return sendDownload(reply, { fileName: `claim-${request.query.quarter}.xlsx`, contentType: xlsxContentType, body });
    },
  );
  app.post(
    '/api/claims/import',
    {
      config: requires('claims.prepare'),
      schema: {
        tags,
        summary:
          'Import a filled-in claim template (XLSX body) as a new version of your LCSA’s claim; errors name the sheet, cell and reason, and change nothing',
        querystring: Type.Object({ quarter: QuarterSchema }),
        consumes: [xlsxContentType],
        response: { 200: ClaimDetailSchema, ...commonErrorResponses },
      },
    },
    (request) =>
      inRequestTransaction(request, (tx, actor) =>
        importClaimWorkbook(tx, actor, actor.lcsaId ?? '', request.query.quarter, (request.body as Buffer | undefined) ?? Buffer.alloc(0)),
      ),
  );
  app.get(
    '/api/claims/consolidated',
    {
      config: mayLag(requires('claims.read')),
      schema: {
        tags,
        summary:
          "The statewide OCSE-396 of a quarter: Section A from the accepted claims, Section B with line 9 from finance's OCSE-34, Section C; deadlines and filings",
        querystring: Type.Object({ quarter: QuarterSchema }),
        response: { 200: ConsolidatedSchema, ...commonErrorResponses },
      },
    },
    (request) => inRequestTransaction(request, (tx, actor) => consolidatedReport(tx, actor, request.query.quarter)),
  );
  app.get(
    '/api/claims/consolidated/drill-down',
    {
      config: mayLag(requires('claims.read')),
      schema: {
        tags,
        summary: 'The LCSA claim lines behind one line of the consolidated report',
        querystring: Type.Object({ quarter: QuarterSchema, line: Type.String({ maxLength: 3 }) }),
        response: { 200: DrillDownSchema, ...commonErrorResponses },
      },
    },
    (request) => inRequestTransaction(request, (tx, actor) => drillDown(tx, actor, request.query.quarter, request.query.line)),
  );
  app.put(
    '/api/claims/consolidated/entries',
    {
      config: requires('claims.review'),
      schema: {
        tags,
        summary: "Set the state's own entries on a quarter's OCSE-396: line 9 column D, fees (10–12), adjustments (13), the incentive estimate (16)",
        querystring: Type.Object({ quarter: QuarterSchema }),
        body: FederalEntriesSchema,
        response: { 200: ConsolidatedSchema, ...commonErrorResponses },
      },
    },
    (request) => inRequestTransaction(request, (tx, actor) => setFederalEntries(tx, actor, request.query.quarter, request.body)),
  );
  app.post(
    '/api/claims/consolidated/filings',
    {
      config: requires('claims.review'),
      schema: {
        tags,
        summary: "File the quarter's OCSE-396 as it stands (refused before the quarter ends and once it is final; late after 45 days)",
        querystring: Type.Object({ quarter: QuarterSchema }),
        response: { 200: ConsolidatedSchema, ...commonErrorResponses },
      },
    },
    (request) => inRequestTransaction(request, (tx, actor) => fileFederalReport(tx, actor, request.query.quarter)),
  );
  const downloads = {
    xlsx: { contentType: xlsxContentType, body: consolidatedXlsx },
    csv: { contentType: 'text/csv; charset=utf-8', body: async (report: Consolidated) => consolidatedCsv(report) },
    pdf: { contentType: 'application/pdf', body: (report: Consolidated) => consolidatedPdf(report, new Date()) },
  };
  for (const format of ['xlsx', 'csv', 'pdf'] as const) {
    app.get(
      `/api/claims/consolidated.${format}`,
      {
        config: mayLag(requires('claims.read')),
        schema: {
          tags,
          summary: `The consolidated OCSE-396 as ${format.toUpperCase()}`,
          querystring: Type.Object({ quarter: QuarterSchema }),
          produces: [downloads[format].contentType.split(';')[0]!],
          response: { 200: Type.Any(), ...commonErrorResponses },
        },
      },
      async (request, reply) => {
        const report = await inRequestTransaction(request, (tx, actor) => consolidatedReport(tx, actor, request.query.quarter));
        const { contentType, body } = downloads[format];
        return sendDownload(reply, { fileName: `ocse-396-${report.quarter}.${format}`, contentType, body: await body(report) });
      },
    );
  }
  app.get(
    '/api/claims/dashboard',
    {
      config: mayLag(requires('claims.read')),
      schema: {
        tags,
        summary: 'Allocation, claimed, spent and unspent per LCSA; cost per case; collections per dollar',
        querystring: Type.Object({ stateFiscalYear: fiscalYear }),
        response: { 200: DashboardSchema, ...commonErrorResponses },
      },
    },
    (request) => inRequestTransaction(request, (tx, actor) => claimsDashboard(tx, actor, request.query.stateFiscalYear)),
  );
  app.get(
    '/api/claims/:id',
    {
      config: requires('claims.read'),
      schema: {
        tags,
        summary: 'One claim: lines with federal and state shares, totals, what would stop submission, its history and versions',
        params,
        response: { 200: ClaimDetailSchema, ...commonErrorResponses },
      },
    },
    (request) => inRequestTransaction(request, (tx, actor) => claimDetail(tx, actor, request.params.id)),
  );
  app.post(
    '/api/claims/:id/workflow',
    {
      config: requires('claims.read'),
      schema: {
        tags,
        summary: 'Submit (preparer), approve (LCSA director), certify (county auditor-controller), accept (state), or return with comments',
        params,
        body: WorkflowActionSchema,
        response: { 200: ClaimDetailSchema, ...commonErrorResponses },
      },
    },
    (request) => inRequestTransaction(request, (tx, actor) => advanceClaim(tx, actor, request.params.id, request.body)),
  );
}
