/** Background jobs over HTTP: list, one job's progress, cancel. */
import { Type } from 'typebox';
import { commonErrorResponses } from '../http/contract';
import { inRequestTransaction } from '../http/handler';
import type { ConcordApp } from '../http/types';
import { JobSchema, jobStatusNames } from './contract';
import { cancelJob, getJob, jobList } from './jobs';
import { registerList } from '../lists/lists';
import { requires } from '../http/access';

export async function jobRoutes(app: ConcordApp): Promise<void> {
  const tags = ['jobs'];
  const params = Type.Object({ id: Type.String({ format: 'uuid' }) });
  registerList(app, {
    path: '/api/jobs',
    config: requires('jobs.read'),
    tags,
    summary: 'Jobs in your scope, newest first; q is a job kind that starts with it',
    filters: { status: Type.Optional(Type.Enum(jobStatusNames)) },
    item: JobSchema,
    source: jobList,
  });
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
