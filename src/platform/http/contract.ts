/**
 * Shapes every endpoint shares: problem+json errors and paging. No Node imports: the web app uses it.
 */
import { Type, type Static } from 'typebox';
import type { CalendarDate } from '../calendar/contract';

export const FieldErrorSchema = Type.Object({ path: Type.String(), message: Type.String() });

export const ProblemSchema = Type.Object({
  type: Type.String(),
  title: Type.String(),
  status: Type.Integer(),
  code: Type.String({ description: 'Stable error code that reads as a sentence, e.g. case_not_found' }),
  detail: Type.String(),
  instance: Type.Optional(Type.String()),
  requestId: Type.Optional(Type.String()),
  errors: Type.Optional(Type.Array(FieldErrorSchema)),
});
export type Problem = Static<typeof ProblemSchema>;

export const PageQuerySchema = Type.Object({
  page: Type.Integer({ minimum: 1, maximum: 100_000, default: 1 }),
  pageSize: Type.Integer({ minimum: 1, maximum: 200, default: 25 }),
});

export function pageOf<T extends ReturnType<typeof Type.Object>>(item: T) {
  return Type.Object({
    items: Type.Array(item),
    page: Type.Integer(),
    pageSize: Type.Integer(),
    total: Type.Integer(),
  });
}

/** Responses for errors every route can give, added to each route's schema. */
export const commonErrorResponses = {
  400: ProblemSchema,
  401: ProblemSchema,
  403: ProblemSchema,
  404: ProblemSchema,
  409: ProblemSchema,
};

/** A business date, `YYYY-MM-DD` (format `date`), typed `CalendarDate` once checked. */
export const DateSchema = (options: { description?: string } = {}) => Type.Unsafe<CalendarDate>(Type.String({ format: 'date', ...options }));

/** A schema that may also be null. */
export const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);

/**
 * A query string whose parameters the handler reads and checks itself (the xAPI resources): an open
 * object, so the OpenAPI document lists no made-up parameters (a record schema was published as
 * parameters named `type` and `additionalProperties`).
 */
export const OpenQuerySchema = Type.Object({}, { additionalProperties: Type.String() });
