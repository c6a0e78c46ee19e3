/** Strategic plan endpoints: the public plan, the staff view, check-ins, tactic changes, milestones, metrics and the status report. */
import { Type } from 'typebox';
import { commonErrorResponses } from '../../platform/http/contract';
import { inRequestTransaction, sendDownload, xlsxContentType } from '../../platform/http/handler';
import type { ConcordApp } from '../../platform/http/types';
import { moduleMetrics, type ModuleHost } from '../../platform/module';
import { todayInCalifornia } from '../../platform/dates';
import { MetricValueSchema, NewCheckInSchema, NewTacticSchema, PublicPlanSchema, StaffTacticSchema, TacticChangeSchema } from './contract';
import { statusReportPdf, statusReportXlsx } from './report';
import { changeTactic, createTactic, metricValues, planTitle, publicPlan, recordCheckIn, requestRefresh, setMilestone, staffTactics } from './service';
import { openTo, requires } from '../../platform/http/access';
import { mayLag } from '../../platform/db/replica';

const params = Type.Object({ id: Type.String({ format: 'uuid' }) });

export async function planRoutes(app: ConcordApp, host: ModuleHost): Promise<void> {
  const tags = ['plan'];
  const catalogue = moduleMetrics(host.modules);
  app.get(
    '/api/plan/public',
    {
      config: openTo('the public progress page of the strategic plan'),
      schema: {
        tags,
        summary: 'The strategic plan as published: goals, objectives and tactic cards with progress (no sign-in)',
        response: { 200: PublicPlanSchema, ...commonErrorResponses },
      },
    },
    (request) => inRequestTransaction(request, (tx) => publicPlan(tx)),
  );
  app.get(
    '/api/plan/tactics',
    {
      config: requires('plan.read'),
      schema: {
        tags,
        summary: 'Every tactic with owner, source, milestones, check-ins and the next check-in due',
        response: { 200: Type.Array(StaffTacticSchema), ...commonErrorResponses },
      },
    },
    (request) => inRequestTransaction(request, (tx, actor) => staffTactics(tx, actor)),
  );
  app.post(
    '/api/plan/tactics/:id/check-ins',
    {
      config: requires('plan.checkin'),
      schema: {
        tags,
        summary: "Record a check-in on a tactic (its owner, or a plan manager); a reported tactic's percent becomes the check-in's",
        params,
        body: NewCheckInSchema,
        response: { 200: Type.Object({ id: Type.String(), onDate: Type.String() }), ...commonErrorResponses },
      },
    },
    (request) => inRequestTransaction(request, (tx, actor) => recordCheckIn(tx, actor, request.params.id, request.body)),
  );
  app.post(
    '/api/plan/objectives/:id/tactics',
    {
      config: requires('plan.manage'),
      schema: {
        tags,
        summary: 'Add a tactic to an objective (plan managers); it is reported by its owner until bound to a measure',
        params,
        body: NewTacticSchema,
        response: { 200: Type.Object({ id: Type.String(), slug: Type.String() }), ...commonErrorResponses },
      },
    },
    (request) => inRequestTransaction(request, (tx, actor) => createTactic(tx, actor, request.params.id, request.body)),
  );
  app.post(
    '/api/plan/tactics/:id',
    {
      config: requires('plan.manage'),
      schema: {
        tags,
        summary: "Change a tactic's card, owner or progress source (plan managers)",
        params,
        body: TacticChangeSchema,
        response: { 200: Type.Object({ id: Type.String() }), ...commonErrorResponses },
      },
    },
    (request) => inRequestTransaction(request, (tx, actor) => changeTactic(tx, actor, catalogue, request.params.id, request.body)),
  );
  app.post(
    '/api/plan/tactics/:id/milestones/:milestoneId',
    {
      config: requires('plan.checkin'),
      schema: {
        tags,
        summary: 'Mark a milestone done (or not)',
        params: Type.Object({ id: Type.String({ format: 'uuid' }), milestoneId: Type.String({ format: 'uuid' }) }),
        body: Type.Object({ isDone: Type.Boolean() }, { additionalProperties: false }),
        response: { 200: Type.Object({ id: Type.String(), doneOn: Type.Union([Type.String(), Type.Null()]) }), ...commonErrorResponses },
      },
    },
    (request) => inRequestTransaction(request, (tx, actor) => setMilestone(tx, actor, request.params.id, request.params.milestoneId, request.body.isDone)),
  );
  app.get(
    '/api/plan/metrics',
    {
      config: mayLag(requires('plan.read')),
      schema: {
        tags,
        summary: 'The live module metrics tactics can be bound to, as last computed',
        response: { 200: Type.Array(MetricValueSchema), ...commonErrorResponses },
      },
    },
    (request) => inRequestTransaction(request, (tx, actor) => metricValues(tx, actor, catalogue)),
  );
  app.post(
    '/api/plan/metrics/refresh',
    {
      config: requires('plan.checkin'),
      schema: {
        tags,
        summary: 'Recompute every live metric now, as a background job (it also runs daily)',
        response: { 200: Type.Object({ jobId: Type.String() }), ...commonErrorResponses },
      },
    },
    (request) => inRequestTransaction(request, (tx, actor) => requestRefresh(tx, actor)),
  );
  for (const format of ['xlsx', 'pdf'] as const) {
    app.get(
      `/api/plan/report.${format}`,
      {
        config: requires('plan.read'),
        schema: {
          tags,
          summary: `The plan's status report (${format.toUpperCase()})`,
          produces: [format === 'pdf' ? 'application/pdf' : xlsxContentType],
          response: { 200: Type.Any({ description: format }), ...commonErrorResponses },
        },
      },
      async (request, reply) => {
        const today = todayInCalifornia();
        const { tactics, title } = await inRequestTransaction(request, async (tx, actor) => ({
          tactics: await staffTactics(tx, actor),
          title: await planTitle(tx, today),
        }));
        const body = format === 'pdf' ? await statusReportPdf(tactics, title, today) : await statusReportXlsx(tactics);
        return sendDownload(reply, {
          fileName: `strategic-plan-status-${today}.${format}`,
          contentType: format === 'pdf' ? 'application/pdf' : xlsxContentType,
          body,
        });
      },
    );
  }
}
