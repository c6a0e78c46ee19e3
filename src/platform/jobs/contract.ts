/** Background jobs over HTTP. No Node imports: the web app uses it. */
import { Type, type Static } from 'typebox';

export const jobStatusNames = ['queued', 'running', 'succeeded', 'failed', 'cancelled'] as const;

export const JobSchema = Type.Object({
  id: Type.String({ format: 'uuid' }),
  kind: Type.String(),
  status: Type.Enum(jobStatusNames),
  lcsaId: Type.Union([Type.String(), Type.Null()]),
  progressDone: Type.Integer(),
  progressTotal: Type.Union([Type.Integer(), Type.Null()]),
  progressNote: Type.Union([Type.String(), Type.Null()]),
  attempts: Type.Integer(),
  maxAttempts: Type.Integer(),
  lastError: Type.Union([Type.String(), Type.Null()]),
  isCancelRequested: Type.Boolean(),
  createdAt: Type.String(),
  finishedAt: Type.Union([Type.String(), Type.Null()]),
});
export type Job = Static<typeof JobSchema>;
