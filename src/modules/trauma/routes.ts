/** Trauma endpoints: instruments, campaigns and their results, the anonymous survey, and the action plan. */
import { Type } from 'typebox';
import { commonErrorResponses, DateSchema } from '../../platform/http/contract';
import { inRequestTransaction, sendDownload } from '../../platform/http/handler';
import type { ConcordApp } from '../../platform/http/types';
import { actionPlan, createAction, createPhase, setActionStatus } from './actions';
import {
  ActionChangeSchema,
  ActionPlanSchema,
  ActionSchema,
  CampaignSchema,
  InstrumentSchema,
  InstrumentSummarySchema,
  MySurveySchema,
  NewActionSchema,
  NewCampaignSchema,
  ResultsSchema,
  roleGroups,
  SurveyAnswersSchema,
  SurveySchema,
  SurveyTokenSchema,
} from './contract';
import { stageIds } from './domain/framework';
import { resultsPdf } from './report';
import { closeCampaign, listCampaigns, openCampaign, remindCampaign } from './campaigns';
import { listInstruments, loadInstrument } from './instruments';
import { campaignResults } from './results';
import { mixAnswers, mySurveys, openSurvey, submitSurvey } from './survey';
import { inTransaction } from '../../platform/db/transaction';
import { openTo, requires, requiresSignIn } from '../../platform/http/access';
import { mayLag } from '../../platform/db/replica';

const params = Type.Object({ id: Type.String({ format: 'uuid' }) });
const resultsQuery = Type.Object({ orgUnitId: Type.Optional(Type.String({ maxLength: 60 })), roleGroup: Type.Optional(Type.Enum(roleGroups)) });
const NewPhaseSchema = Type.Object(
  {
    ordinal: Type.Integer({ minimum: 1, maximum: 20 }),
    title: Type.String({ minLength: 3, maxLength: 200 }),
    stage: Type.Enum(stageIds as string[]),
    startsOn: DateSchema(),
    endsOn: DateSchema(),
  },
  { additionalProperties: false },
);

export async function traumaRoutes(app: ConcordApp): Promise<void> {
  const tags = ['trauma'];
  const keys = app.concord.piiKeys;
  app.get(
    '/api/trauma/instruments',
    {
      config: requires('trauma.read'),
      schema: {
        tags,
        summary: 'Assessment instruments: Concord’s own and licensed ones loaded as configuration',
        response: { 200: Type.Array(InstrumentSummarySchema), ...commonErrorResponses },
      },
    },
    (request) => inRequestTransaction(request, (tx, actor) => listInstruments(tx, actor)),
  );
  app.post(
    '/api/trauma/instruments',
    {
      config: requires('trauma.manage'),
      schema: {
        tags,
        summary: 'Load an instrument (a licensed one, in the documented format); problems name their JSON path',
        body: InstrumentSchema,
        response: { 200: InstrumentSummarySchema, ...commonErrorResponses },
      },
    },
    (request) => inRequestTransaction(request, (tx, actor) => loadInstrument(tx, actor, request.body)),
  );
  app.get(
    '/api/trauma/campaigns',
    {
      config: requires('trauma.read'),
      schema: {
        tags,
        summary: 'Assessment campaigns with response progress by org unit',
        response: { 200: Type.Array(CampaignSchema), ...commonErrorResponses },
      },
    },
    (request) => inRequestTransaction(request, (tx, actor) => listCampaigns(tx, actor)),
  );
  app.post(
    '/api/trauma/campaigns',
    {
      config: requires('trauma.manage'),
      schema: {
        tags,
        summary: 'Open a campaign: one anonymous invitation for each member of staff in its org units',
        body: NewCampaignSchema,
        response: { 200: CampaignSchema, ...commonErrorResponses },
      },
    },
    (request) => inRequestTransaction(request, (tx, actor) => openCampaign(tx, keys, actor, request.body)),
  );
  app.post(
    '/api/trauma/campaigns/:id/close',
    {
      config: requires('trauma.manage'),
      schema: { tags, summary: 'Close a campaign before its closing date', params, response: { 200: CampaignSchema, ...commonErrorResponses } },
    },
    (request) => inRequestTransaction(request, (tx, actor) => closeCampaign(tx, actor, request.params.id)),
  );
  app.post(
    '/api/trauma/campaigns/:id/remind',
    {
      config: requires('trauma.manage'),
      schema: {
        tags,
        summary: 'Remind the staff who have not answered (at most weekly each)',
        params,
        response: { 200: Type.Object({ reminded: Type.Integer() }), ...commonErrorResponses },
      },
    },
    (request) => inRequestTransaction(request, (tx, actor) => remindCampaign(tx, actor, request.params.id)),
  );
  app.get(
    '/api/trauma/campaigns/:id/results',
    {
      config: mayLag(requires('trauma.read')),
      schema: {
        tags,
        summary: 'Results for everyone, an org unit and/or a role group — only for groups at or above the threshold',
        params,
        querystring: resultsQuery,
        response: { 200: ResultsSchema, ...commonErrorResponses },
      },
    },
    (request) => inRequestTransaction(request, (tx, actor) => campaignResults(tx, keys, actor, request.params.id, request.query)),
  );
  app.get(
    '/api/trauma/campaigns/:id/report.pdf',
    {
      config: mayLag(requires('trauma.read')),
      schema: {
        tags,
        summary: 'The results as a PDF report (same suppression as the screen)',
        params,
        querystring: resultsQuery,
        produces: ['application/pdf'],
        response: { 200: Type.Any({ description: 'application/pdf' }), ...commonErrorResponses },
      },
    },
    async (request, reply) => {
      const results = await inRequestTransaction(request, (tx, actor) => campaignResults(tx, keys, actor, request.params.id, request.query));
      const unit = results.heatMap.find((r) => r.orgUnitId === request.query.orgUnitId)?.orgUnitName;
      const group = [unit ?? 'Everyone surveyed', request.query.roleGroup].filter(Boolean).join(', ');
      const { fileName, pdf } = await resultsPdf(results, group);
      return sendDownload(reply, { fileName, contentType: 'application/pdf', body: pdf });
    },
  );
  app.get(
    '/api/trauma/my-surveys',
    {
      config: requiresSignIn(),
      schema: { tags, summary: 'Open surveys that invited me, with my anonymous link', response: { 200: Type.Array(MySurveySchema), ...commonErrorResponses } },
    },
    (request) => inRequestTransaction(request, (tx, actor) => mySurveys(tx, keys, actor)),
  );
  app.post(
    '/api/trauma/survey',
    {
      config: openTo('the survey link is the invitation: it is answered without signing in'),
      // No request log line (with its time and address) for the anonymous survey; errors only.
      logLevel: 'error',
      schema: {
        tags,
        summary: 'The survey behind an anonymous link (no sign-in; the token travels in the body, never in a URL)',
        body: SurveyTokenSchema,
        response: { 200: SurveySchema, ...commonErrorResponses },
      },
    },
    (request) => inRequestTransaction(request, (tx) => openSurvey(tx, request.body.token)),
  );
  app.post(
    '/api/trauma/survey/answers',
    {
      config: openTo('the survey link is the invitation: it is answered without signing in'),
      // No request log line (with its time and address) for the anonymous survey; errors only.
      logLevel: 'error',
      schema: {
        tags,
        summary: 'Answer a survey anonymously, once per link',
        body: SurveyAnswersSchema,
        response: { 200: Type.Object({ thanks: Type.Boolean() }), ...commonErrorResponses },
      },
    },
    async (request) => {
      const { campaignId, minGroupSize } = await inRequestTransaction(request, (tx) => submitSurvey(tx, keys, request.body));
      // The answer is kept (sealed); mixing it in is a transaction of its own, which a later answer, or the
      // first look at the results, repeats if this one fails.
      await inTransaction(app.concord.database.db, (tx) => mixAnswers(tx, keys, campaignId, minGroupSize, false)).catch((error: unknown) =>
        request.log.error({ err: error }, 'could not mix survey answers'),
      );
      return { thanks: true };
    },
  );
  app.get(
    '/api/trauma/action-plan',
    {
      config: requires('trauma.read'),
      schema: {
        tags,
        summary: 'The multi-year action plan with its progress and leadership-training completion',
        response: { 200: ActionPlanSchema, ...commonErrorResponses },
      },
    },
    (request) => inRequestTransaction(request, (tx, actor) => actionPlan(tx, actor)),
  );
  app.post(
    '/api/trauma/phases',
    {
      config: requires('trauma.manage'),
      schema: {
        tags,
        summary: 'Add a phase to the action plan',
        body: NewPhaseSchema,
        response: { 200: Type.Object({ id: Type.String() }), ...commonErrorResponses },
      },
    },
    (request) => inRequestTransaction(request, (tx, actor) => createPhase(tx, actor, request.body)),
  );
  app.post(
    '/api/trauma/actions',
    {
      config: requires('trauma.manage'),
      schema: {
        tags,
        summary: 'Add an action (often from a gap) to the plan',
        body: NewActionSchema,
        response: { 200: ActionSchema, ...commonErrorResponses },
      },
    },
    (request) => inRequestTransaction(request, (tx, actor) => createAction(tx, actor, request.body)),
  );
  app.post(
    '/api/trauma/actions/:id/status',
    {
      config: requires('trauma.manage'),
      schema: { tags, summary: "Change an action's status", params, body: ActionChangeSchema, response: { 200: ActionSchema, ...commonErrorResponses } },
    },
    (request) => inRequestTransaction(request, (tx, actor) => setActionStatus(tx, actor, request.params.id, request.body)),
  );
}
