/**
 * What a document breaks of a TypeBox schema, each problem named by its JSON pointer (unknown fields as
 * "is not a field of the format"): the one reader for documents that come from files (interchange,
 * instruments), where a person must find the bad value.
 *
 * @example schemaProblems(InstrumentSchema, JSON.parse(text)) // [{ path: '/items/3/text', message: '…' }]
 */
import type { TSchema } from 'typebox';
import Value from 'typebox/value';
import { AppError, type ErrorCode, type FieldError } from './errors';

export function schemaProblems(schema: TSchema, document: unknown): FieldError[] {
  return Value.Errors(schema, document)
    .filter((e) => e.keyword !== 'boolean')
    .map((e) =>
      e.keyword === 'additionalProperties'
        ? {
            path: `${e.instancePath}/${(e.params as { additionalProperties: string[] }).additionalProperties.join(',')}`,
            message: 'is not a field of the format',
          }
        : { path: e.instancePath || '/', message: e.message },
    );
}

/**
 * Reads a JSON document from a file or request: JSON syntax, then the schema (defaults filled in), then
 * the checks no schema can express. Throws one validation error listing every problem, each prefixed by
 * the source so that the message says which file.
 */
export function readJsonDocument<T>(
  text: string,
  source: string,
  schema: TSchema,
  codes: { notJson: ErrorCode; invalid: ErrorCode },
  moreProblems: (document: T) => FieldError[] = () => [],
): T {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    throw new AppError('validation', codes.notJson, `${source}: not JSON (${error instanceof Error ? error.message : String(error)}).`, [
      { path: source, message: 'is not JSON' },
    ]);
  }
  if (document && typeof document === 'object' && !Array.isArray(document)) document = Value.Default(schema, document);
  const problems = schemaProblems(schema, document);
  if (problems.length === 0) problems.push(...moreProblems(document as T));
  if (problems.length > 0) throw new AppError('validation', codes.invalid, `${source}: ${problems.map((p) => `${p.path} ${p.message}`).join('; ')}.`, problems);
  return document as T;
}
