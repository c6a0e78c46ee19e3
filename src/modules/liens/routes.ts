/** Lien endpoints: generate record tasks, the recording queue, recorder answers, the statewide index. */
import { Type } from 'typebox';
import { commonErrorResponses } from '../../platform/http/contract';
import { inRequestTransaction } from '../../platform/http/handler';
import type { ConcordApp } from '../../platform/http/types';
import { LienViewSchema, RecordingAnswerSchema } from './contract';
import { generateRecordTasks, lienQueue, recordingAnswer, recordingPackage, statewideIndex } from './service';

const params = Type.Object({ id: Type.String({ format: 'uuid' }) });
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
      return reply.type('application/pdf').header('content-disposition', `attachment; filename="${fileName}"`).send(Buffer.from(pdf));
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
