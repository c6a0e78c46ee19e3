/**
 * What a document breaks of a TypeBox schema, each problem named by its JSON pointer (unknown fields as
 * "is not a field of the format"): the one reader for documents that come from files (interchange,
 * instruments), where a person must find the bad value.
 *
 * @example schemaProblems(InstrumentSchema, JSON.parse(text)) // [{ path: '/items/3/text', message: '…' }]
 */
import type { TSchema } from 'typebox';
import Value from 'typebox/value';
import { AppError, notJsonReason, type ErrorCode, type FieldError } from './errors';

export function schemaProblems(schema: TSchema, document: unknown): FieldError[] {
  const errors = Value.Errors(schema, document).filter((e) => e.keyword !== 'boolean');
  // A value that matches none of a union's choices is one problem, listing each choice's complaint.
  const unions = errors.filter((e) => e.keyword === 'anyOf');
  const inUnion = (e: (typeof errors)[number]) =>
    unions.some((u) => u !== e && e.instancePath === u.instancePath && e.schemaPath.startsWith(`${u.schemaPath}/anyOf/`));
  return errors
    .filter((e) => !inUnion(e))
    .map((e) => {
      if (e.keyword === 'additionalProperties') {
        return {
          path: `${e.instancePath}/${(e.params as { additionalProperties: string[] }).additionalProperties.join(',')}`,
          message: 'is not a field of the format',
        };
      }
      const path = e.instancePath || '/';
      if (e.keyword === 'anyOf') {
        const choices = errors.filter((c) => c.instancePath === e.instancePath && c.schemaPath.startsWith(`${e.schemaPath}/anyOf/`));
        return { path, message: choices.map((c) => messageOf(c, document)).join(', or ') || e.message };
      }
      return { path, message: messageOf(e, document) };
    });
}

/** A problem in words a person can act on: the allowed values of an enum; whether a well-formed date exists. */
function messageOf(e: { keyword: string; instancePath: string; params: unknown; message: string }, document: unknown): string {
  if (e.keyword === 'enum') {
    const allowed = (e.params as { allowedValues: unknown[] }).allowedValues;
    return `must be one of: ${allowed.map((v) => JSON.stringify(v)).join(', ')}`;
  }
  if (e.keyword === 'format' && (e.params as { format: string }).format === 'date') {
    const value = valueAt(document, e.instancePath);
    const written = typeof value === 'string' ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(value) : null;
    if (written) {
      const [, year, month, day] = written.map(Number) as [number, number, number, number];
      if (month < 1 || month > 12) return `${value} does not exist: there is no month ${String(month).padStart(2, '0')}`;
      const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
      if (day < 1 || day > days) return `${value} does not exist: ${monthNames[month - 1]} ${year} has ${days} days`;
    }
    return 'must be a date written YYYY-MM-DD';
  }
  return e.message;
}

const monthNames = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** The value at a JSON pointer (RFC 6901), or undefined. */
function valueAt(document: unknown, pointer: string): unknown {
  let value = document;
  for (const part of pointer.split('/').slice(1)) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[part.replaceAll('~1', '/').replaceAll('~0', '~')];
  }
  return value;
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
    const reason = notJsonReason(text, error);
    throw new AppError('validation', codes.notJson, `${source}: not JSON (${reason}).`, [{ path: source, message: `is not JSON: ${reason}` }]);
  }
  if (document && typeof document === 'object' && !Array.isArray(document)) document = Value.Default(schema, document);
  const problems = schemaProblems(schema, document);
  if (problems.length === 0) problems.push(...moreProblems(document as T));
  if (problems.length > 0) throw new AppError('validation', codes.invalid, `${source}: ${problems.map((p) => `${p.path} ${p.message}`).join('; ')}.`, problems);
  return document as T;
}
