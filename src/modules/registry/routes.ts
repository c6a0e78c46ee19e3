/** Registry endpoints: validate with the contract, open the transaction, call the service. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { Actor } from '../../platform/auth/actor';
import type { Tx } from '../../platform/db/connect';
import { authorize, requireSignedIn } from '../../platform/auth/scope';
import { enqueueJob } from '../../platform/jobs/jobs';
import { commonErrorResponses } from '../../platform/http/contract';
import { inRequestTransaction } from '../../platform/http/handler';
import type { ConcordApp } from '../../platform/http/types';
import {
  CaseDetailSchema,
  CaseSummarySchema,
  PersonDetailSchema,
  caseStatuses,
  CaseQuerySchema,
  DemoSeedRequestSchema,
  IdParamsSchema,
  JobAcceptedSchema,
  LcsaSchema,
  NewAssistancePeriodSchema,
  NewCaseSchema,
  NewOrderSchema,
  NewOrderTermSchema,
  NewBankruptcySchema,
  BankruptcyUpdateSchema,
  BankruptcyViewSchema,
} from './contract';
import { listBankruptcies, recordBankruptcy, updateBankruptcy } from './bankruptcies';
import { demoSeedJobKind } from './jobs';
import { caseList } from './case-list';
import { registerList } from '../../platform/lists/lists';
import { addAssistancePeriod, addOrder, addOrderTerm } from './orders';
import { createCase, getCase, getPerson } from './service';
import { listLcsasWithCounties } from './store';
import { requires, requiresSignIn } from '../../platform/http/access';

export async function registryRoutes(app: ConcordApp): Promise<void> {
  const tags = ['registry'];
  const { piiKeys } = app.concord;
  /** A write to a case, then the case as it now is (masked), in the same transaction: 201. */
  const writeThenShowCase = async (request: FastifyRequest, reply: FastifyReply, write: (tx: Tx, actor: Actor) => Promise<string>) => {
    const detail = await inRequestTransaction(request, async (tx, actor) => getCase(tx, actor, piiKeys, await write(tx, actor), { revealSsn: false }));
    return reply.status(201).send(detail);
  };

  app.get(
    '/api/lcsas',
    {
      config: requiresSignIn(),
      schema: { tags, summary: 'The 47 LCSAs and the counties each serves', response: { 200: Type.Array(LcsaSchema), ...commonErrorResponses } },
    },
    (request) =>
      inRequestTransaction(request, (tx, actor) => {
        requireSignedIn(actor);
        return listLcsasWithCounties(tx);
      }),
  );

  registerList(app, {
    path: '/api/cases',
    config: requires('registry.read'),
    tags,
    summary:
      "Cases in your scope; q is a case number or an obligor's last name that starts with it (the export masks SSNs and withholds confidential addresses)",
    filters: {
      status: Type.Optional(Type.Enum(caseStatuses)),
      lcsaId: Type.Optional(Type.String({ pattern: '^[a-z-]{2,40}$' })),
      caseNumber: Type.Optional(Type.String({ minLength: 1, maxLength: 40, description: 'Prefix of the case number' })),
    },
    item: CaseSummarySchema,
    source: caseList,
  });

  app.get(
    '/api/cases/:id',
    {
      config: requires('registry.read'),
      schema: {
        tags,
        summary: 'One case with its people, assistance history and orders (SSNs masked unless reveal=ssn)',
        params: IdParamsSchema,
        querystring: CaseQuerySchema,
        response: { 200: CaseDetailSchema, ...commonErrorResponses },
      },
    },
    (request) => inRequestTransaction(request, (tx, actor) => getCase(tx, actor, piiKeys, request.params.id, { revealSsn: request.query.reveal === 'ssn' })),
  );

  app.get(
    '/api/persons/:id',
    {
      config: requires('registry.read'),
      schema: {
        tags,
        summary: 'One person and the cases in your scope they take part in (SSN masked unless reveal=ssn; audited)',
        params: IdParamsSchema,
        querystring: CaseQuerySchema,
        response: { 200: PersonDetailSchema, ...commonErrorResponses },
      },
    },
    (request) => inRequestTransaction(request, (tx, actor) => getPerson(tx, actor, piiKeys, request.params.id, { revealSsn: request.query.reveal === 'ssn' })),
  );

  app.post(
    '/api/cases',
    {
      config: requires('registry.write'),
      schema: { tags, summary: 'Open a case', body: NewCaseSchema, response: { 201: CaseDetailSchema, ...commonErrorResponses } },
    },
    async (request, reply) => {
      const created = await inRequestTransaction(request, (tx, actor) => createCase(tx, actor, piiKeys, request.body));
      return reply.status(201).send(created);
    },
  );

  app.post(
    '/api/cases/:id/orders',
    {
      config: requires('registry.write'),
      schema: {
        tags,
        summary: 'Record a court order on a case (its original term)',
        params: IdParamsSchema,
        body: NewOrderSchema,
        response: { 201: CaseDetailSchema, ...commonErrorResponses },
      },
    },
    (request, reply) =>
      writeThenShowCase(request, reply, async (tx, actor) => {
        await addOrder(tx, actor, request.params.id, request.body);
        return request.params.id;
      }),
  );

  app.post(
    '/api/orders/:id/terms',
    {
      config: requires('registry.write'),
      schema: {
        tags,
        summary: 'Modify or terminate an order from an effective date',
        params: IdParamsSchema,
        body: NewOrderTermSchema,
        response: { 201: CaseDetailSchema, ...commonErrorResponses },
      },
    },
    (request, reply) => writeThenShowCase(request, reply, async (tx, actor) => (await addOrderTerm(tx, actor, request.params.id, request.body)).caseId),
  );

  app.post(
    '/api/cases/:id/assistance',
    {
      config: requires('registry.write'),
      schema: {
        tags,
        summary: 'Add an assistance period (CalWORKs, foster care, Medi-Cal) to a case',
        params: IdParamsSchema,
        body: NewAssistancePeriodSchema,
        response: { 201: CaseDetailSchema, ...commonErrorResponses },
      },
    },
    (request, reply) =>
      writeThenShowCase(request, reply, async (tx, actor) => {
        await addAssistancePeriod(tx, actor, request.params.id, request.body);
        return request.params.id;
      }),
  );

  app.get(
    '/api/persons/:id/bankruptcies',
    {
      config: requires('registry.read'),
      schema: {
        tags,
        summary: "A person's bankruptcies as an individual (recorded by any LCSA), with whether the automatic stay is in force today",
        params: IdParamsSchema,
        response: { 200: Type.Array(BankruptcyViewSchema), ...commonErrorResponses },
      },
    },
    (request) => inRequestTransaction(request, (tx, actor) => listBankruptcies(tx, actor, request.params.id)),
  );
  app.post(
    '/api/persons/:id/bankruptcies',
    {
      config: requires('registry.write'),
      schema: {
        tags,
        summary:
          'Record a bankruptcy once: liens (no lien against a Chapter 13 debtor, record tasks held during the stay) and intercept (no match during the stay) read it',
        params: IdParamsSchema,
        body: NewBankruptcySchema,
        response: { 201: BankruptcyViewSchema, ...commonErrorResponses },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await inRequestTransaction(request, (tx, actor) => recordBankruptcy(tx, actor, request.params.id, request.body))),
  );
  app.post(
    '/api/bankruptcies/:id',
    {
      config: requires('registry.write'),
      schema: {
        tags,
        summary: 'Record relief from the stay, a discharge or a dismissal',
        params: IdParamsSchema,
        body: BankruptcyUpdateSchema,
        response: { 200: BankruptcyViewSchema, ...commonErrorResponses },
      },
    },
    (request) => inRequestTransaction(request, (tx, actor) => updateBankruptcy(tx, actor, request.params.id, request.body)),
  );

  app.post(
    '/api/demo/seed',
    {
      config: requires('demo.seed'),
      schema: {
        tags,
        summary: 'Seed demo cases in the background (a job with progress)',
        body: DemoSeedRequestSchema,
        response: { 202: JobAcceptedSchema, ...commonErrorResponses },
      },
    },
    async (request, reply) => {
      const jobId = await inRequestTransaction(request, (tx, actor) => {
        authorize(actor, 'demo.seed');
        return enqueueJob(tx, actor, { kind: demoSeedJobKind, payload: { ...request.body } });
      });
      return reply.status(202).send({ jobId });
    },
  );
}
