/**
 * Errors → application/problem+json (RFC 9457), in one place. AppError kinds map to statuses;
 * schema validation failures name each bad field; anything else is a bug: 500, logged, no detail leaked.
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, type ErrorKind, type FieldError } from '../errors';
import type { Problem } from './contract';

export const statusOfKind: Record<ErrorKind, number> = {
  validation: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  precondition_failed: 412,
  locked: 423,
  too_large: 413,
};

const titleOfStatus: Record<number, string> = {
  400: 'Bad request',
  401: 'Sign-in required',
  403: 'Forbidden',
  404: 'Not found',
  409: 'Conflict',
  413: 'Payload too large',
  415: 'Unsupported media type',
  423: 'Locked',
  429: 'Too many requests',
  500: 'Internal server error',
};

function validationFields(error: FastifyError): FieldError[] {
  return (error.validation ?? []).map((v) => {
    const missing = (v.params as { missingProperty?: string } | undefined)?.missingProperty;
    const where = `${error.validationContext ?? 'body'}${v.instancePath}${missing ? `/${missing}` : ''}`;
    return { path: where, message: v.message ?? 'is invalid' };
  });
}

export function toProblem(error: unknown, request: FastifyRequest): Problem {
  const base = { instance: request.url, requestId: String(request.id) };
  if (error instanceof AppError) {
    const status = statusOfKind[error.kind];
    return {
      ...base,
      type: `urn:concord:error:${error.code}`,
      title: titleOfStatus[status] ?? 'Error',
      status,
      code: error.code,
      detail: error.message,
      ...(error.fields.length > 0 ? { errors: error.fields } : {}),
    };
  }
  const fastifyError = error as FastifyError;
  if (fastifyError.validation) {
    const errors = validationFields(fastifyError);
    const detail = errors.map((e) => `${e.path}: ${e.message}`).join('; ');
    return { ...base, type: 'urn:concord:error:request_is_invalid', title: 'Bad request', status: 400, code: 'request_is_invalid', detail, errors };
  }
  const status = fastifyError.statusCode && fastifyError.statusCode >= 400 && fastifyError.statusCode < 500 ? fastifyError.statusCode : 500;
  if (status === 500) {
    return {
      ...base,
      type: 'urn:concord:error:internal',
      title: titleOfStatus[500]!,
      status,
      code: 'internal_error',
      detail: 'Something went wrong on our side; the request id identifies it in the logs.',
    };
  }
  const code = status === 429 ? 'rate_limit_exceeded' : (fastifyError.code ?? 'request_failed').toLowerCase();
  return { ...base, type: `urn:concord:error:${code}`, title: titleOfStatus[status] ?? 'Error', status, code, detail: fastifyError.message };
}

export function sendProblem(reply: FastifyReply, problem: Problem): FastifyReply {
  return reply.status(problem.status).type('application/problem+json').send(problem);
}
