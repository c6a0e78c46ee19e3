/** Lien endpoints: generate record tasks, the recording queue, recorder answers, the statewide index. */
import { Type } from 'typebox';
import { commonErrorResponses } from '../../platform/http/contract';
import { inRequestTransaction, sendDownload, xlsxContentType } from '../../platform/http/handler';
import type { ConcordApp } from '../../platform/http/types';
import { LienReportSchema, LienViewSchema, RecordingAnswerSchema } from './contract';
import { lienReport, lienReportXlsx } from './reports';
import { releaseAllLiens, ReleaseRequestSchema, releasePacket, releaseProposals, ReleaseViewSchema } from './releases';
import { generateRecordTasks, lienQueue, recordingAnswer, recordingPackage, statewideIndex } from './service';

const params = Type.Object({ id: Type.String({ format: 'uuid' }) });
const xlsxType = xlsxContentType;
const statuses = ['to_record', 'submitted', 'recorded', 'rejected', 'partially_released', 'released', 'subordinated'] as const;

export async function lienRoutes(app: ConcordApp): Promise<void> {
  const tags = ['liens'];
  app.post(
    '/api/liens/record-tasks',
    {
      schema: {
        tags,
        summary: 'Create the record tasks the policy calls for (45 days from the trigger; none for $0, reserved or terminated orders); repeatable',
        response: {
          200: Type.Object({ cases: Type.Integer(), created: Type.Integer(), suppressed: Type.Record(Type.String(), Type.Integer()) }),
          ...commonErrorResponses,
        },
      },
    },
    (request) => inRequestTransaction(request, (tx, actor) => generateRecordTasks(tx, actor)),
  );
  app.get(
    '/api/liens',
    {
      schema: {
        tags,
        summary: 'Liens in your scope by status, soonest due first (the recording work queue by default)',
        querystring: Type.Object({ status: Type.Enum(statuses, { default: 'to_record' }) }),
        response: { 200: Type.Array(LienViewSchema), ...commonErrorResponses },
      },
    },
    (request) => inRequestTransaction(request, (tx, actor) => lienQueue(tx, actor, request.query.status)),
  );
  app.get(
    '/api/liens/package.pdf',
    {
      schema: {
        tags,
        summary: "One county recorder's submission package: every lien to record (or correct) there, one abstract of support judgment each",
        querystring: Type.Object({ countyFips: Type.String({ pattern: '^06\\d{3}$' }) }),
        produces: ['application/pdf'],
        response: { 200: Type.Any({ description: 'application/pdf' }), ...commonErrorResponses },
      },
    },
    async (request, reply) => {
      const { fileName, pdf } = await inRequestTransaction(request, (tx, actor) => recordingPackage(tx, actor, request.query.countyFips));
      return sendDownload(reply, { fileName, contentType: 'application/pdf', body: pdf });
    },
  );
  app.post(
    '/api/liens/:id/recording',
    {
      schema: {
        tags,
        summary: "The recorder's answer: submitted, recorded (number and fee), or rejected (reason; correct and submit again)",
        params,
        body: RecordingAnswerSchema,
        response: { 200: LienViewSchema, ...commonErrorResponses },
      },
    },
    (request) => inRequestTransaction(request, (tx, actor) => recordingAnswer(tx, actor, request.params.id, request.body)),
  );
  app.post(
    '/api/persons/:id/liens/release',
    {
      schema: {
        tags,
        summary: 'Release every lien of an obligor in every county in one request (paid in full: only when nothing is past due)',
        params,
        body: ReleaseRequestSchema,
        response: { 201: ReleaseViewSchema, ...commonErrorResponses },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await inRequestTransaction(request, (tx, actor) => releaseAllLiens(tx, actor, request.params.id, request.body))),
  );
  app.get(
    '/api/lien-releases/:id/packet.pdf',
    {
      schema: {
        tags,
        summary: 'The release packet: a cover listing every county, then a release of judgment lien (CA 8581) per recorded lien',
        params,
        produces: ['application/pdf'],
        response: { 200: Type.Any({ description: 'application/pdf' }), ...commonErrorResponses },
      },
    },
    async (request, reply) => {
      const { fileName, pdf } = await inRequestTransaction(request, (tx, actor) => releasePacket(tx, actor, request.params.id));
      return sendDownload(reply, { fileName, contentType: 'application/pdf', body: pdf });
    },
  );
  app.get(
    '/api/liens/release-proposals',
    {
      schema: {
        tags,
        summary: 'Obligors with recorded liens whose arrears finance shows as paid: releases Concord proposes',
        response: { 200: Type.Array(Type.Object({ personId: Type.String(), debtor: Type.String(), liens: Type.Integer() })), ...commonErrorResponses },
      },
    },
    (request) => inRequestTransaction(request, (tx, actor) => releaseProposals(tx, actor)),
  );
  const periodQuery = Type.Object({ from: Type.String({ format: 'date' }), to: Type.String({ format: 'date' }) });
  app.get(
    '/api/liens/report',
    {
      schema: {
        tags,
        summary: 'Per LCSA and statewide for a period: recorded and released, days to record and release, deadline compliance, overdue, payoff collections',
        querystring: periodQuery,
        response: { 200: LienReportSchema, ...commonErrorResponses },
      },
    },
    (request) => inRequestTransaction(request, (tx, actor) => lienReport(tx, actor, request.query)),
  );
  app.get(
    '/api/liens/report.xlsx',
    {
      schema: {
        tags,
        summary: 'The lien report as an XLSX workbook',
        querystring: periodQuery,
        produces: [xlsxType],
        response: { 200: Type.Any(), ...commonErrorResponses },
      },
    },
    async (request, reply) => {
      const report = await inRequestTransaction(request, (tx, actor) => lienReport(tx, actor, request.query));
      return sendDownload(reply, { fileName: `liens-${report.from}-to-${report.to}.xlsx`, contentType: xlsxType, body: await lienReportXlsx(report) });
    },
  );
  app.get(
    '/api/persons/:id/liens',
    {
      schema: {
        tags,
        summary: 'The statewide lien index: every lien of an obligor in every county, whichever LCSA recorded it',
        params,
        response: { 200: Type.Array(LienViewSchema), ...commonErrorResponses },
      },
    },
    (request) => inRequestTransaction(request, (tx, actor) => statewideIndex(tx, actor, request.params.id)),
  );
}
