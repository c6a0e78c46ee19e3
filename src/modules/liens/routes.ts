/** Lien endpoints: generate record tasks, the recording queue, recorder answers, the statewide index. */
import { acceptDocuments, uploadedDocument } from '../../platform/http/documents';
import { Type } from 'typebox';
import { commonErrorResponses, DateSchema } from '../../platform/http/contract';
import { inRequestTransaction, sendDownload, xlsxContentType } from '../../platform/http/handler';
import type { ConcordApp } from '../../platform/http/types';
import { registerList } from '../../platform/lists/lists';
import {
  LienReportSchema,
  LienViewSchema,
  LienDetailSchema,
  NewPayoffDemandSchema,
  NewSubordinationSchema,
  PayoffDemandViewSchema,
  PayoffPaymentSchema,
  PayoffReviewSchema,
  RecordingAnswerSchema,
  ReleaseRequestSchema,
  ReleaseViewSchema,
  ReleaseDueSchema,
  NewWrongPersonRequestSchema,
  WrongPersonDecisionSchema,
  WrongPersonRequestViewSchema,
  SubordinationDecisionSchema,
  SubordinationViewSchema,
  DemandDocumentViewSchema,
  demandDocuments,
} from './contract';
import { lienReport, lienReportXlsx } from './reports';
import { answerParentLienRequest, parentLienRequests } from './parent-requests';
import { ParentLienAnswerSchema, ParentLienRequestSchema } from './contract';
import { decideWrongPersonRequest, listWrongPersonRequests, submitWrongPersonRequest, wrongPersonCertificate } from './wrong-person';
import { releaseAllLiens, releasePacket, releasesDue, recordReleaseRecorded } from './releases';
import {
  checkDocument,
  demandDocumentFile,
  getPayoffDemand,
  listDemandDocuments,
  payoffDemandList,
  payoffLetter,
  postPayoffPayment,
  reviewPayoffDemand,
  submitPayoffDemand,
  uploadDemandDocument,
} from './payoffs';
import { decideSubordination, subordinationList, requestSubordination, subordinationAgreement } from './subordinations';
import { generateRecordTasks, getLien, lienList, packagesToSend, recordingAnswer, recordingPackage, statewideIndex } from './service';
import { requires } from '../../platform/http/access';
import { mayLag } from '../../platform/db/replica';

const params = Type.Object({ id: Type.String({ format: 'uuid' }) });
const xlsxType = xlsxContentType;
const statuses = ['to_record', 'submitted', 'recorded', 'rejected', 'partially_released', 'released', 'subordinated'] as const;

export async function lienRoutes(app: ConcordApp): Promise<void> {
  const tags = ['liens'];
  app.post(
    '/api/liens/record-tasks',
    {
      config: requires('liens.manage'),
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
  registerList(app, {
    path: '/api/liens',
    config: requires('registry.read'),
    tags,
    summary: 'Liens in your scope, soonest due first; q: a case number’s start or a county’s name',
    filters: { status: Type.Optional(Type.Enum(statuses)) },
    item: LienViewSchema,
    source: lienList,
  });
  app.get(
    '/api/liens/packages',
    {
      config: requires('liens.manage'),
      schema: {
        tags,
        summary: 'The counties with liens to record (or correct) in your scope: one recording package each',
        response: {
          200: Type.Array(Type.Object({ countyFips: Type.String(), countyName: Type.String(), liens: Type.Integer() })),
          ...commonErrorResponses,
        },
      },
    },
    (request) => inRequestTransaction(request, (tx, actor) => packagesToSend(tx, actor)),
  );
  app.get(
    '/api/liens/package.pdf',
    {
      config: requires('liens.manage'),
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
  app.get(
    '/api/liens/:id',
    {
      config: requires('registry.read'),
      schema: {
        tags,
        summary: 'One lien in your scope, with every step it went through',
        params,
        response: { 200: LienDetailSchema, ...commonErrorResponses },
      },
    },
    (request) => inRequestTransaction(request, (tx, actor) => getLien(tx, actor, request.params.id)),
  );
  app.post(
    '/api/liens/:id/recording',
    {
      config: requires('liens.manage'),
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
      config: requires('liens.manage'),
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
      config: requires('liens.manage'),
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
  const idParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
  app.get(
    '/api/persons/:id/wrong-person-requests',
    {
      config: requires('liens.manage'),
      schema: {
        tags,
        summary: "Wrong-person demands against this obligor's liens (22 CCR 116134(a))",
        params: idParams,
        response: { 200: Type.Array(WrongPersonRequestViewSchema), ...commonErrorResponses },
      },
    },
    (request) => inRequestTransaction(request, (tx, actor) => listWrongPersonRequests(tx, actor, request.params.id)),
  );
  app.post(
    '/api/persons/:id/wrong-person-requests',
    {
      config: requires('liens.manage'),
      schema: {
        tags,
        summary: "A property owner's demand that they are not this obligor: the owner, the parcel (APN, county) and the proof; due in 15 days",
        params: idParams,
        body: NewWrongPersonRequestSchema,
        response: { 201: WrongPersonRequestViewSchema, ...commonErrorResponses },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await inRequestTransaction(request, (tx, actor) => submitWrongPersonRequest(tx, actor, request.params.id, request.body))),
  );
  app.post(
    '/api/wrong-person-requests/:id/decision',
    {
      config: requires('liens.manage'),
      schema: {
        tags,
        summary: 'Staff verify the proof (the release as to the owner’s property is issued) or deny the demand with the reason',
        params: idParams,
        body: WrongPersonDecisionSchema,
        response: { 200: WrongPersonRequestViewSchema, ...commonErrorResponses },
      },
    },
    (request) => inRequestTransaction(request, (tx, actor) => decideWrongPersonRequest(tx, actor, request.params.id, request.body)),
  );
  app.get(
    '/api/wrong-person-requests/:id/certificate.pdf',
    {
      config: requires('liens.manage'),
      schema: {
        tags,
        summary: "The release of the liens as to the owner's property, for recording; the obligor's liens stay in force",
        params: idParams,
        produces: ['application/pdf'],
        response: { 200: Type.Any({ description: 'application/pdf' }), ...commonErrorResponses },
      },
    },
    async (request, reply) => {
      const { fileName, pdf } = await inRequestTransaction(request, (tx, actor) => wrongPersonCertificate(tx, actor, request.params.id));
      return sendDownload(reply, { fileName, contentType: 'application/pdf', body: pdf });
    },
  );
  app.get(
    '/api/lien-parent-requests',
    {
      config: requires('liens.manage'),
      schema: {
        tags,
        summary: "Paying parents' payoff and release requests from the portal, in your LCSA: the open ones soonest due first (open=false: answered ones too)",
        querystring: Type.Object({ open: Type.Optional(Type.Boolean()) }),
        response: { 200: Type.Array(ParentLienRequestSchema), ...commonErrorResponses },
      },
    },
    (request) => inRequestTransaction(request, (tx, actor) => parentLienRequests(tx, actor, { isOpenOnly: request.query.open !== false })),
  );
  app.post(
    '/api/lien-parent-requests/:id/answer',
    {
      config: requires('liens.manage'),
      schema: {
        tags,
        summary: "Answer a parent's payoff or release request, once (a payoff answer gives the amount and the day it holds to)",
        params,
        body: ParentLienAnswerSchema,
        response: { 200: ParentLienRequestSchema, ...commonErrorResponses },
      },
    },
    (request) => inRequestTransaction(request, (tx, actor) => answerParentLienRequest(tx, actor, request.params.id, request.body)),
  );
  app.get(
    '/api/liens/releases-due',
    {
      config: requires('liens.manage'),
      schema: {
        tags,
        summary:
          'Obligors with recorded liens whose arrears finance shows as paid and no release yet: the day they were paid, the deadline (5 days when nothing more falls due) and days left',
        response: { 200: Type.Array(ReleaseDueSchema), ...commonErrorResponses },
      },
    },
    (request) => inRequestTransaction(request, (tx, actor) => releasesDue(tx, actor)),
  );
  app.post(
    '/api/lien-releases/:id/recorded',
    {
      config: requires('liens.manage'),
      schema: {
        tags,
        summary: 'The county recorder recorded the release (the report measures trigger to release recorded)',
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
        body: Type.Object({ recordedOn: DateSchema() }, { additionalProperties: false }),
        response: { 200: ReleaseViewSchema, ...commonErrorResponses },
      },
    },
    (request) => inRequestTransaction(request, (tx, actor) => recordReleaseRecorded(tx, actor, request.params.id, request.body.recordedOn)),
  );
  const periodQuery = Type.Object({ from: DateSchema(), to: DateSchema() });
  app.get(
    '/api/liens/report',
    {
      config: mayLag(requires('liens.manage')),
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
      config: mayLag(requires('liens.manage')),
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
      config: requires('registry.read'),
      schema: {
        tags,
        summary: 'The statewide lien index: every lien of an obligor in every county, whichever LCSA recorded it',
        params,
        response: { 200: Type.Array(LienViewSchema), ...commonErrorResponses },
      },
    },
    (request) => inRequestTransaction(request, (tx, actor) => statewideIndex(tx, actor, request.params.id)),
  );
  const payoffTags = ['liens', 'payoffs'];
  app.post(
    '/api/lien-payoffs',
    {
      config: requires('liens.payoffs'),
      schema: {
        tags: payoffTags,
        summary:
          'A payoff demand from a title or escrow company (portal) or entered by staff: identity checks, then the statewide payoff at once or staff review; the same escrow number again returns the demand made',
        body: NewPayoffDemandSchema,
        response: { 200: PayoffDemandViewSchema, 201: PayoffDemandViewSchema, ...commonErrorResponses },
      },
    },
    async (request, reply) => {
      const { demand, isNew } = await inRequestTransaction(request, (tx, actor) => submitPayoffDemand(tx, app.concord.piiKeys, actor, request.body));
      return reply.status(isNew ? 201 : 200).send(demand);
    },
  );
  registerList(app, {
    path: '/api/lien-payoffs',
    config: requires('liens.payoffs'),
    tags: payoffTags,
    summary:
      'Payoff demands in your scope (a partner: its own), soonest due first; q is an escrow number that starts with it, or a company or property address that contains it',
    filters: { status: Type.Optional(Type.Enum(['needs_review', 'issued', 'rejected', 'paid'] as const)) },
    item: PayoffDemandViewSchema,
    source: payoffDemandList,
  });
  app.get(
    '/api/lien-payoffs/:id',
    {
      config: requires('liens.payoffs'),
      schema: { tags: payoffTags, summary: 'One payoff demand', params, response: { 200: PayoffDemandViewSchema, ...commonErrorResponses } },
    },
    (request) => inRequestTransaction(request, (tx, actor) => getPayoffDemand(tx, actor, request.params.id)),
  );
  app.post(
    '/api/lien-payoffs/:id/review',
    {
      config: requires('liens.manage'),
      schema: {
        tags: payoffTags,
        summary: 'Staff decide a demand the checks could not: issue the payoff or reject the demand, with a note',
        params,
        body: PayoffReviewSchema,
        response: { 200: PayoffDemandViewSchema, ...commonErrorResponses },
      },
    },
    (request) => inRequestTransaction(request, (tx, actor) => reviewPayoffDemand(tx, actor, request.params.id, request.body)),
  );
  app.get(
    '/api/lien-payoffs/:id/letter.pdf',
    {
      config: requires('liens.payoffs'),
      schema: {
        tags: payoffTags,
        summary: 'The demand letter (versioned wording): the statewide payoff, good-through date, per-diem and every lien it releases',
        params,
        produces: ['application/pdf'],
        response: { 200: Type.Any({ description: 'application/pdf' }), ...commonErrorResponses },
      },
    },
    async (request, reply) => {
      const { fileName, pdf } = await inRequestTransaction(request, (tx, actor) => payoffLetter(tx, actor, request.params.id));
      return sendDownload(reply, { fileName, contentType: 'application/pdf', body: pdf });
    },
  );
  // Documents arrive as the request body, as they are: a PDF or an image, at most 5 MiB.
  acceptDocuments(app);
  app.post(
    '/api/lien-payoffs/:id/documents',
    {
      config: requires('liens.payoffs'),
      schema: {
        tags: payoffTags,
        summary:
          'Upload one document of a demand (body: the file, application/pdf, image/png or image/jpeg, at most 5 MiB); once every required document is here the demand may be answered at once, if the policy allows',
        params,
        querystring: Type.Object({ kind: Type.Enum(demandDocuments), fileName: Type.String({ minLength: 1, maxLength: 200 }) }),
        response: { 200: PayoffDemandViewSchema, ...commonErrorResponses },
      },
    },
    (request) => {
      const document = uploadedDocument(request);
      return inRequestTransaction(request, (tx, actor) =>
        uploadDemandDocument(tx, request.server.concord.piiKeys, actor, request.params.id, {
          kind: request.query.kind,
          fileName: request.query.fileName,
          ...document,
        }),
      );
    },
  );
  app.get(
    '/api/lien-payoffs/:id/documents',
    {
      config: requires('liens.payoffs'),
      schema: {
        tags: payoffTags,
        summary: "A demand's documents: kind, file, size and staff's check",
        params,
        response: { 200: Type.Array(DemandDocumentViewSchema), ...commonErrorResponses },
      },
    },
    (request) => inRequestTransaction(request, (tx, actor) => listDemandDocuments(tx, actor, request.params.id)),
  );
  const documentParams = Type.Object({ id: Type.String({ format: 'uuid' }), documentId: Type.String({ format: 'uuid' }) });
  app.get(
    '/api/lien-payoffs/:id/documents/:documentId',
    {
      config: requires('liens.manage'),
      schema: {
        tags: payoffTags,
        summary: 'One uploaded document, for staff checking it (audited as a read of personal data)',
        params: documentParams,
        produces: ['application/pdf', 'image/png', 'image/jpeg'],
        response: { 200: Type.Any(), ...commonErrorResponses },
      },
    },
    async (request, reply) => {
      const file = await inRequestTransaction(request, (tx, actor) =>
        demandDocumentFile(tx, request.server.concord.piiKeys, actor, request.params.id, request.params.documentId),
      );
      return sendDownload(reply, file);
    },
  );
  app.post(
    '/api/lien-payoffs/:id/documents/:documentId/check',
    {
      config: requires('liens.manage'),
      schema: {
        tags: payoffTags,
        summary: 'Staff accept a document or refuse it with the reason; a payoff is issued by staff only once every required document is accepted',
        params: documentParams,
        body: Type.Object(
          { decision: Type.Enum(['accepted', 'refused'] as const), note: Type.String({ minLength: 3, maxLength: 2_000 }) },
          { additionalProperties: false },
        ),
        response: { 200: Type.Array(DemandDocumentViewSchema), ...commonErrorResponses },
      },
    },
    (request) => inRequestTransaction(request, (tx, actor) => checkDocument(tx, actor, request.params.id, request.params.documentId, request.body)),
  );
  app.post(
    '/api/lien-payoffs/:id/payment',
    {
      config: requires('finance.post'),
      schema: {
        tags: payoffTags,
        summary: "Post the payoff (a lien_payoff collection across the obligor's cases); when nothing is past due, every lien is released in one packet",
        params,
        body: PayoffPaymentSchema,
        response: {
          200: Type.Object({ demand: PayoffDemandViewSchema, release: Type.Union([ReleaseViewSchema, Type.Null()]), stillOwedCents: Type.Integer() }),
          ...commonErrorResponses,
        },
      },
    },
    (request) => inRequestTransaction(request, (tx, actor) => postPayoffPayment(tx, actor, request.params.id, request.body)),
  );
  app.post(
    '/api/persons/:id/liens/subordinations',
    {
      config: requires('liens.manage'),
      schema: {
        tags,
        summary:
          "Request subordination of the obligor's lien in a county to a new first deed of trust; eligibility (wage assignment, payment history) is applied at once",
        params,
        body: NewSubordinationSchema,
        response: { 201: SubordinationViewSchema, ...commonErrorResponses },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await inRequestTransaction(request, (tx, actor) => requestSubordination(tx, actor, request.params.id, request.body))),
  );
  registerList(app, {
    path: '/api/lien-subordinations',
    config: requires('liens.manage'),
    tags,
    summary: 'Subordination requests in your scope, oldest first; q is a lender or property address that contains it',
    filters: { status: Type.Optional(Type.Enum(['pending', 'approved', 'denied'] as const)) },
    item: SubordinationViewSchema,
    source: subordinationList,
  });
  app.post(
    '/api/lien-subordinations/:id/decision',
    {
      config: requires('liens.manage'),
      schema: {
        tags,
        summary: "Approve (only when eligible: the county's recorded liens become subordinated) or deny a subordination request",
        params,
        body: SubordinationDecisionSchema,
        response: { 200: SubordinationViewSchema, ...commonErrorResponses },
      },
    },
    (request) => inRequestTransaction(request, (tx, actor) => decideSubordination(tx, actor, request.params.id, request.body)),
  );
  app.get(
    '/api/lien-subordinations/:id/agreement.pdf',
    {
      config: requires('liens.manage'),
      schema: {
        tags,
        summary: 'The subordination agreement of an approved request, one per lien subordinated',
        params,
        produces: ['application/pdf'],
        response: { 200: Type.Any({ description: 'application/pdf' }), ...commonErrorResponses },
      },
    },
    async (request, reply) => {
      const { fileName, pdf } = await inRequestTransaction(request, (tx, actor) => subordinationAgreement(tx, actor, request.params.id));
      return sendDownload(reply, { fileName, contentType: 'application/pdf', body: pdf });
    },
  );
}
