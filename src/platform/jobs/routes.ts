/** Background jobs over HTTP: list, one job's progress, cancel. */
import { Type } from 'typebox';
import { commonErrorResponses } from '../http/contract';
import { inRequestTransaction } from '../http/handler';
import type { ConcordApp } from '../http/types';
import { JobListQuerySchema, JobSchema } from './contract';
import { cancelJob, getJob, listJobs } from './jobs';
import { requires } from '../http/access';

export async function jobRoutes(app: ConcordApp): Promise<void> {
  const tags = ['jobs'];
  const params = Type.Object({ id: Type.String({ format: 'uuid' }) });
  app.get(
    '/api/jobs',
    {
      config: requires('jobs.read'),
      schema: {
        tags,
        summary: 'Recent jobs in your scope',
        querystring: JobListQuerySchema,
        response: { 200: Type.Array(JobSchema), ...commonErrorResponses },
      },
    },
    (request) => inRequestTransaction(request, (tx, actor) => listJobs(tx, actor, request.query)),
  );
  app.get(
    '/api/jobs/:id',
    {
      config: requires('jobs.read'),
      schema: { tags, summary: "One job's status and progress", params, response: { 200: JobSchema, ...commonErrorResponses } },
    },
    (request) => inRequestTransaction(request, (tx, actor) => getJob(tx, actor, request.params.id)),
  );
  app.post(
    '/api/jobs/:id/cancel',
    {
      config: requires('jobs.manage'),
      schema: { tags, summary: 'Cancel a queued or running job', params, response: { 200: JobSchema, ...commonErrorResponses } },
    },
    (request) => inRequestTransaction(request, (tx, actor) => cancelJob(tx, actor, request.params.id)),
  );
}
