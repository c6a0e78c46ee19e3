/**
 * Intercept endpoints: the insurer registry, claim file upload (the file itself as the request body,
 * streamed to disk), the file list and its errors, the refresh of matchable obligors, and review.
 */
import type { Readable } from 'node:stream';
import { Type } from 'typebox';
import { todayInCalifornia } from '../../platform/dates';
import { AppError } from '../../platform/errors';
import { commonErrorResponses, DateSchema } from '../../platform/http/contract';
import { inRequestTransaction, sendDownload, xlsxContentType } from '../../platform/http/handler';
import type { ConcordApp } from '../../platform/http/types';
import { spoolUpload } from '../../platform/spool';
import { fileErrorList, fileErrorsCsv, importClaimFile, claimFileList } from './intake';
import { claimFileExamples, claimFileFormatsDescription } from './formats';
import { InsurerViewSchema, listInsurers, NewInsurerSchema, registerInsurer } from './insurers';
import { addExclusion, exclusionReasons, refreshMatchable } from './matchable';
import { listMatchWeights, loadMatchWeights } from './weights';
import { complianceReport, complianceXlsx, listOutreach, logOutreach } from './compliance';
import {
  ClaimFileViewSchema,
  ComplianceReportSchema,
  NewOutreachSchema,
  OutreachEntrySchema,
  ContestDecisionSchema,
  ContestViewSchema,
  contestStatuses,
  NewContestSchema,
  NoticeAnswerSchema,
  NoticeDeliverySchema,
  NoticeViewSchema,
  ReceiptBatchResultSchema,
  ReceiptResolutionSchema,
  ReceiptViewSchema,
  SduReceiptSchema,
  LookupRequestSchema,
  LookupAnswerSchema,
  MatchWeightsViewSchema,
  ReviewItemSchema,
  ReviewAgeingSchema,
  UploadResultSchema,
} from './contract';
import { noticeStatuses } from './domain/notice';
import { registerList } from '../../platform/lists/lists';
import { answerNotice, getNotice, issueNotice, noticeList, noticePdf, recordDelivery } from './notices';
import { contestLetter, decideContest, contestList, recordContest } from './contests';
import { lookupClaimant } from './lookups';
import { importReceiptFile, receiptList, recordReceipts, resolveReceipt } from './remittances';
import { decideMatch, reviewList, reviewQueueAgeing } from './review';
import { requires, requiresAny } from '../../platform/http/access';
import { mayLag } from '../../platform/db/replica';

const params = Type.Object({ id: Type.String({ format: 'uuid' }) });
const maxUploadBytes = 512 * 1024 * 1024;
const maxReceiptFileBytes = 5 * 1024 * 1024;
const xlsxType = xlsxContentType;

export async function interceptRoutes(app: ConcordApp): Promise<void> {
  const tags = ['intercept'];
  // Claim files arrive as they are: CSV or fixed-width text, streamed, never parsed as JSON.
  app.addContentTypeParser(['text/csv', 'text/plain', 'application/octet-stream'], (_request, payload, done) => done(null, payload));

  app.get(
    '/api/intercept/insurers',
    {
      config: requiresAny('intercept.submit', 'intercept.review', 'intercept.manage'),
      schema: {
        tags,
        summary: 'Insurers in the programme (an insurer sees itself)',
        response: { 200: Type.Array(InsurerViewSchema), ...commonErrorResponses },
      },
    },
    (request) => inRequestTransaction(request, (tx, actor) => listInsurers(tx, actor)),
  );
  app.post(
    '/api/intercept/insurers',
    {
      config: requires('intercept.manage'),
      schema: {
        tags,
        summary: 'Register an insurer, or update it by NAIC code',
        body: NewInsurerSchema,
        response: { 200: InsurerViewSchema, ...commonErrorResponses },
      },
    },
    (request) => inRequestTransaction(request, (tx, actor) => registerInsurer(tx, actor, request.body)),
  );
  app.post(
    '/api/intercept/files',
    {
      config: requires('intercept.submit'),
      schema: {
        tags,
        summary: 'Upload a claim file (body: the file, text/csv or text/plain); the same content again changes nothing',
        description: claimFileFormatsDescription,
        querystring: Type.Object({
          fileName: Type.String({ minLength: 1, maxLength: 200 }),
          format: Type.Optional(
            Type.Enum(['csv', 'fixed'] as const, { description: 'Detected from the first line when left out; a contradiction refuses the file' }),
          ),
          insurerId: Type.Optional(Type.String({ format: 'uuid', description: 'State staff only: the insurer the file is from' })),
        }),
        response: { 200: UploadResultSchema, 201: UploadResultSchema, ...commonErrorResponses },
      },
    },
    async (request, reply) => {
      if (!request.body || typeof (request.body as Readable).pipe !== 'function') {
        throw new AppError('validation', 'file_required', 'Send the claim file as the request body (Content-Type text/csv or text/plain).');
      }
      const tooLarge = () => new AppError('validation', 'file_too_large', `Claim files are limited to ${maxUploadBytes / 2 ** 20} MiB.`);
      const file = await spoolUpload(request.body as Readable, maxUploadBytes, tooLarge);
      try {
        // The import commits in chunks of its own (intake.ts): it is given the database, not one transaction.
        const { database, piiKeys } = request.server.concord;
        const result = await importClaimFile(database.db, piiKeys, request.actor, { ...request.query, open: file.open });
        return reply.status(result.isNew ? 201 : 200).send(result);
      } finally {
        file.remove();
      }
    },
  );
  app.post(
    '/api/intercept/lookups',
    {
      config: {
        ...requires('intercept.submit'),
        // Per insurer user: an interactive check before a payment, not a way to search the obligor list.
        rateLimit: { max: 30, timeWindow: '1 minute', hook: 'preHandler', keyGenerator: (r) => `lookup:${r.actor?.userId ?? r.ip}` },
      },
      schema: {
        tags,
        summary:
          'Before paying a claim (Ins. Code 13553–13554): does the claimant owe past-due support? yes (a notice follows), under review (hold), or no — never an amount or a case. The claim is reported as by a file.',
        body: LookupRequestSchema,
        response: { 200: LookupAnswerSchema, ...commonErrorResponses },
      },
    },
    (request) => {
      const { database, piiKeys } = request.server.concord;
      return lookupClaimant(database.db, piiKeys, request.actor, request.body);
    },
  );
  registerList(app, {
    path: '/api/intercept/files',
    config: requiresAny('intercept.submit', 'intercept.manage'),
    tags,
    summary: 'Claim files received (an insurer sees its own), newest first; q is a file or insurer name that contains it',
    filters: { refused: Type.Optional(Type.Boolean({ description: 'true: files with refused lines; false: files without' })) },
    item: ClaimFileViewSchema,
    source: claimFileList,
  });
  app.get(
    '/api/intercept/files/:id/errors',
    {
      config: requiresAny('intercept.submit', 'intercept.manage'),
      schema: {
        tags,
        summary: "A file's refused lines (the first 500): line, field, reason",
        params,
        response: { 200: Type.Array(Type.Object({ line: Type.Integer(), field: Type.String(), reason: Type.String() })), ...commonErrorResponses },
      },
    },
    (request) => inRequestTransaction(request, (tx, actor) => fileErrorList(tx, actor, request.params.id)),
  );
  for (const [name, contentType, pick] of [
    ['template.csv', 'text/csv; charset=utf-8', 'template'],
    ['sample.csv', 'text/csv; charset=utf-8', 'sampleCsv'],
    ['sample-fixed-width.txt', 'text/plain; charset=utf-8', 'sampleFixed'],
  ] as const) {
    app.get(
      `/api/intercept/formats/${name}`,
      {
        config: requiresAny('intercept.submit', 'intercept.manage'),
        schema: {
          tags,
          summary: `Claim-file ${name.startsWith('template') ? 'template (the CSV header line)' : `sample (${name})`}`,
          produces: [contentType.split(';')[0]!],
        },
      },
      (_request, reply) => sendDownload(reply, { fileName: `claims-${name}`, contentType, body: claimFileExamples()[pick] }),
    );
  }
  app.get(
    '/api/intercept/files/:id/errors.csv',
    {
      config: requiresAny('intercept.submit', 'intercept.manage'),
      schema: {
        tags,
        summary: "A file's refused lines: file, line, field, reason",
        params,
        produces: ['text/csv'],
        response: { 200: Type.String(), ...commonErrorResponses },
      },
    },
    async (request, reply) => {
      const { fileName, csv } = await inRequestTransaction(request, (tx, actor) => fileErrorsCsv(tx, actor, request.params.id));
      return sendDownload(reply, { fileName, contentType: 'text/csv; charset=utf-8', body: csv });
    },
  );
  app.post(
    '/api/intercept/matchable/refresh',
    {
      config: requires('intercept.manage'),
      schema: {
        tags,
        summary: 'Rebuild the list of obligors who can be matched (past-due at or above the threshold, no exclusion)',
        response: { 200: Type.Object({ obligors: Type.Integer(), matchable: Type.Integer(), excluded: Type.Integer() }), ...commonErrorResponses },
      },
    },
    (request) => inRequestTransaction(request, (tx, actor) => refreshMatchable(tx, request.server.concord.piiKeys, actor, { asOf: todayInCalifornia() })),
  );
  app.get(
    '/api/intercept/match-weights',
    {
      config: requires('intercept.manage'),
      schema: {
        tags,
        summary: 'The sets of match weights loaded for the database’s matching, the latest in force first, with each level’s weight',
        response: { 200: Type.Array(MatchWeightsViewSchema), ...commonErrorResponses },
      },
    },
    (request) => inRequestTransaction(request, (tx, actor) => listMatchWeights(tx, actor, todayInCalifornia())),
  );
  app.post(
    '/api/intercept/match-weights',
    {
      config: requires('intercept.manage'),
      schema: {
        tags,
        summary:
          'Load a set of match weights estimated from files (the JSON `concord intercept match --save-weights` writes), in force for intake and lookups from a date',
        body: Type.Object(
          {
            weights: Type.Unknown({ description: 'The saved parameters: { format: "concord-match-weights/1", levels: { ssn: { exact: { m, u }, … }, … } }' }),
            effectiveFrom: DateSchema(),
            note: Type.String({ minLength: 1, maxLength: 500, description: 'Where they come from: the files, the run' }),
          },
          { additionalProperties: false },
        ),
        response: { 201: Type.Object({ id: Type.String() }), ...commonErrorResponses },
      },
    },
    async (request, reply) => reply.status(201).send(await inRequestTransaction(request, (tx, actor) => loadMatchWeights(tx, actor, request.body))),
  );
  app.post(
    '/api/intercept/exclusions',
    {
      config: requires('intercept.manage'),
      schema: {
        tags,
        summary: 'Exclude a person from matching (bankruptcy stay, unverified SSN, exemption) from a date',
        body: Type.Object(
          {
            personId: Type.String({ format: 'uuid' }),
            reason: Type.Enum(exclusionReasons),
            fromDate: DateSchema(),
            toDate: Type.Optional(DateSchema()),
          },
          { additionalProperties: false },
        ),
        response: { 201: Type.Object({ id: Type.String() }), ...commonErrorResponses },
      },
    },
    async (request, reply) => reply.status(201).send(await inRequestTransaction(request, (tx, actor) => addExclusion(tx, actor, request.body))),
  );
  app.get(
    '/api/intercept/reviews/ageing',
    {
      config: requiresAny('intercept.review', 'intercept.manage'),
      schema: {
        tags,
        summary: 'The review queue by age, per LCSA: how long candidates have waited and how many the purge takes within a week',
        response: { 200: ReviewAgeingSchema, ...commonErrorResponses },
      },
    },
    (request) => inRequestTransaction(request, (tx, actor) => reviewQueueAgeing(tx, actor)),
  );
  registerList(app, {
    path: '/api/intercept/reviews',
    config: requires('intercept.review'),
    tags,
    summary:
      'Candidate matches waiting for a caseworker in your LCSA, claimant and obligor side by side, oldest first; q is a claim number that starts with it, or an insurer',
    filters: {
      outcome: Type.Enum(['review', 'match'] as const, {
        default: 'review',
        description: 'review: the review band; match: automatic matches waiting for a notice',
      }),
    },
    item: ReviewItemSchema,
    source: reviewList,
  });
  app.post(
    '/api/intercept/matches/:id/notice',
    {
      config: requires('intercept.review'),
      schema: {
        tags,
        summary: 'Issue the notice to withhold for a confirmed match (past due on the notice date; disability capped at 50%)',
        params,
        response: { 201: NoticeViewSchema, ...commonErrorResponses },
      },
    },
    async (request, reply) => reply.status(201).send(await inRequestTransaction(request, (tx, actor) => issueNotice(tx, actor, request.params.id))),
  );
  registerList(app, {
    path: '/api/intercept/notices',
    config: requiresAny('intercept.submit', 'intercept.review'),
    tags,
    summary:
      'Notices: an insurer its own, LCSA staff their LCSA’s, newest first; q is a claim number prefix or an insurer’s name; recheckDue=true narrows to periodic claims due their 12-month re-check',
    filters: {
      status: Type.Optional(Type.Enum(noticeStatuses)),
      onHold: Type.Optional(Type.Boolean({ description: 'true: only notices an open contest holds' })),
      recheckDue: Type.Optional(Type.Boolean()),
    },
    item: NoticeViewSchema,
    source: noticeList,
  });
  app.get(
    '/api/intercept/notices/:id',
    {
      config: requiresAny('intercept.submit', 'intercept.review'),
      schema: { tags, summary: 'One notice (audited: it names the claimant)', params, response: { 200: NoticeViewSchema, ...commonErrorResponses } },
    },
    (request) => inRequestTransaction(request, (tx, actor) => getNotice(tx, actor, request.params.id)),
  );
  for (const copy of ['insurer', 'obligor'] as const) {
    app.get(
      `/api/intercept/notices/:id/${copy === 'insurer' ? 'notice' : 'obligor-copy'}.pdf`,
      {
        config: copy === 'insurer' ? requiresAny('intercept.submit', 'intercept.review') : requires('intercept.review'),
        schema: {
          tags,
          summary: copy === 'insurer' ? 'The notice to the insurer, as a PDF' : "The obligor's copy with the way to contest, as a PDF (staff only)",
          params,
          produces: ['application/pdf'],
          response: { 200: Type.Any({ description: 'application/pdf' }), ...commonErrorResponses },
        },
      },
      async (request, reply) => {
        const { fileName, pdf } = await inRequestTransaction(request, (tx, actor) => noticePdf(tx, actor, request.params.id, copy));
        return sendDownload(reply, { fileName, contentType: 'application/pdf', body: pdf });
      },
    );
  }
  app.post(
    '/api/intercept/notices/:id/answers',
    {
      config: requiresAny('intercept.submit', 'intercept.manage'),
      schema: {
        tags,
        summary:
          "The insurer's answer: will withhold, already paid (with the date), denied, or remitted (a promise, at most what the notice asks and, for periodic payments, the per-payment limit; posted only when a disbursement unit receipt matches it)",
        params,
        body: NoticeAnswerSchema,
        response: { 200: NoticeViewSchema, ...commonErrorResponses },
      },
    },
    (request) => inRequestTransaction(request, (tx, actor) => answerNotice(tx, actor, request.params.id, request.body)),
  );
  app.post(
    '/api/intercept/notices/:id/delivery',
    {
      config: requires('intercept.review'),
      schema: {
        tags,
        summary: 'Record when each copy was mailed and when the insurer received the notice (a notice received after payment does not bind)',
        params,
        body: NoticeDeliverySchema,
        response: { 200: NoticeViewSchema, ...commonErrorResponses },
      },
    },
    (request) => inRequestTransaction(request, (tx, actor) => recordDelivery(tx, actor, request.params.id, request.body)),
  );
  registerList(app, {
    path: '/api/intercept/receipts',
    config: requiresAny('finance.post', 'intercept.manage', 'intercept.review'),
    tags,
    summary:
      'State disbursement unit receipts against notices: the exceptions queue by default (LCSA staff see those quoting their notices); q: a receipt id or notice reference that starts with it, or a payer',
    filters: { status: Type.Enum(['exception', 'posted', 'returned'] as const, { default: 'exception' }) },
    item: ReceiptViewSchema,
    source: receiptList,
  });
  app.post(
    '/api/intercept/receipts',
    {
      config: requires('finance.post'),
      schema: {
        tags,
        summary: 'The disbursement unit records receipts quoting notices: each matching a promised remittance is posted, any other is an exception',
        body: Type.Object({ receipts: Type.Array(SduReceiptSchema, { minItems: 1, maxItems: 5_000 }) }, { additionalProperties: false }),
        response: { 200: ReceiptBatchResultSchema, ...commonErrorResponses },
      },
    },
    (request) => inRequestTransaction(request, (tx, actor) => recordReceipts(tx, actor, request.body.receipts)),
  );
  app.post(
    '/api/intercept/receipt-files',
    {
      config: requires('finance.post'),
      schema: {
        tags,
        summary:
          'A disbursement unit receipt file (CSV: receipt_id, notice_reference, amount, received_on, payer): taken whole, or refused with every problem by line and field',
        querystring: Type.Object({ fileName: Type.String({ minLength: 1, maxLength: 200 }) }),
        response: { 200: ReceiptBatchResultSchema, ...commonErrorResponses },
      },
    },
    async (request) => {
      if (!request.body || typeof (request.body as Readable).pipe !== 'function') {
        throw new AppError('validation', 'file_required', 'Send the receipt file as the request body (Content-Type text/csv).');
      }
      const tooLarge = () => new AppError('validation', 'file_too_large', `Receipt files are limited to ${maxReceiptFileBytes / 2 ** 20} MiB.`);
      const file = await spoolUpload(request.body as Readable, maxReceiptFileBytes, tooLarge);
      try {
        const chunks: Buffer[] = [];
        for await (const chunk of file.open()) chunks.push(chunk as Buffer);
        const text = Buffer.concat(chunks).toString('utf8');
        return await inRequestTransaction(request, (tx, actor) => importReceiptFile(tx, actor, request.query.fileName, text));
      } finally {
        file.remove();
      }
    },
  );
  app.post(
    '/api/intercept/receipts/:id/resolution',
    {
      config: requires('finance.post'),
      schema: {
        tags,
        summary: 'Settle an exception: post it against a notice (within what the notice still asks, never on hold) or return it to the payer',
        params,
        body: ReceiptResolutionSchema,
        response: { 200: ReceiptViewSchema, ...commonErrorResponses },
      },
    },
    (request) => inRequestTransaction(request, (tx, actor) => resolveReceipt(tx, actor, request.params.id, request.body)),
  );
  registerList(app, {
    path: '/api/intercept/contests',
    config: requires('intercept.review'),
    tags,
    summary: "Obligors' contests of notices in your LCSA, open first; q is a claim number that starts with it",
    filters: {
      noticeId: Type.Optional(Type.String({ format: 'uuid' })),
      status: Type.Optional(Type.Enum(contestStatuses)),
    },
    item: ContestViewSchema,
    source: contestList,
  });
  app.post(
    '/api/intercept/contests',
    {
      config: requires('intercept.review'),
      schema: {
        tags,
        summary: 'Record an obligor’s contest of a notice: the notice is on hold (no remittance, no posting) until it is decided',
        body: NewContestSchema,
        response: { 201: ContestViewSchema, ...commonErrorResponses },
      },
    },
    async (request, reply) => reply.status(201).send(await inRequestTransaction(request, (tx, actor) => recordContest(tx, actor, request.body))),
  );
  app.post(
    '/api/intercept/contests/:id/decision',
    {
      config: requires('intercept.review'),
      schema: {
        tags,
        summary: 'Decide a contest: upheld with an amended amount, upheld and the notice released, or denied (the notice proceeds)',
        params,
        body: ContestDecisionSchema,
        response: { 200: ContestViewSchema, ...commonErrorResponses },
      },
    },
    (request) => inRequestTransaction(request, (tx, actor) => decideContest(tx, actor, request.params.id, request.body)),
  );
  app.get(
    '/api/intercept/contests/:id/letter.pdf',
    {
      config: requires('intercept.review'),
      schema: {
        tags,
        summary: "A contest's letter: to the insurer (hold, amended notice, release, proceed) or to the obligor (the decision)",
        params,
        querystring: Type.Object({ to: Type.Enum(['insurer', 'obligor'] as const) }),
        produces: ['application/pdf'],
        response: { 200: Type.Any({ description: 'application/pdf' }), ...commonErrorResponses },
      },
    },
    async (request, reply) => {
      const { fileName, pdf } = await inRequestTransaction(request, (tx, actor) => contestLetter(tx, actor, request.params.id, request.query.to));
      return sendDownload(reply, { fileName, contentType: 'application/pdf', body: pdf });
    },
  );
  const periodQuery = Type.Object({
    from: DateSchema({ description: 'First day of the period' }),
    to: DateSchema({ description: 'Last day of the period' }),
  });
  app.get(
    '/api/intercept/compliance',
    {
      config: mayLag(requires('intercept.manage')),
      schema: {
        tags,
        summary: 'Per insurer for a period: files and reporting cadence, claims, matches, notices, answers, dollars remitted, days to notice and remittance',
        querystring: periodQuery,
        response: { 200: ComplianceReportSchema, ...commonErrorResponses },
      },
    },
    (request) => inRequestTransaction(request, (tx, actor) => complianceReport(tx, actor, request.query)),
  );
  app.get(
    '/api/intercept/compliance.xlsx',
    {
      config: mayLag(requires('intercept.manage')),
      schema: {
        tags,
        summary: 'The compliance report as an XLSX workbook',
        querystring: periodQuery,
        produces: [xlsxType],
        response: { 200: Type.Any(), ...commonErrorResponses },
      },
    },
    async (request, reply) => {
      const report = await inRequestTransaction(request, (tx, actor) => complianceReport(tx, actor, request.query));
      const file = `intercept-compliance-${request.query.from}-to-${request.query.to}.xlsx`;
      return sendDownload(reply, { fileName: file, contentType: xlsxType, body: await complianceXlsx(report) });
    },
  );
  app.get(
    '/api/intercept/outreach',
    {
      config: requiresAny('intercept.submit', 'intercept.review', 'intercept.manage'),
      schema: {
        tags,
        summary: 'The outreach log: bulletins to every insurer and contacts with one (an insurer sees bulletins and its own)',
        response: { 200: Type.Array(OutreachEntrySchema), ...commonErrorResponses },
      },
    },
    (request) => inRequestTransaction(request, (tx, actor) => listOutreach(tx, actor)),
  );
  app.post(
    '/api/intercept/outreach',
    {
      config: requires('intercept.manage'),
      schema: {
        tags,
        summary: 'Log outreach, or post a bulletin to every insurer',
        body: NewOutreachSchema,
        response: { 201: OutreachEntrySchema, ...commonErrorResponses },
      },
    },
    async (request, reply) => reply.status(201).send(await inRequestTransaction(request, (tx, actor) => logOutreach(tx, actor, request.body))),
  );
  app.post(
    '/api/intercept/matches/:id/decision',
    {
      config: requires('intercept.review'),
      schema: {
        tags,
        summary: 'Confirm or reject a candidate match',
        params,
        body: Type.Object({ decision: Type.Enum(['confirmed', 'rejected'] as const) }, { additionalProperties: false }),
        response: { 200: ReviewItemSchema, ...commonErrorResponses },
      },
    },
    (request) => inRequestTransaction(request, (tx, actor) => decideMatch(tx, actor, request.params.id, request.body.decision)),
  );
}
