/**
 * A NUL character cannot be stored in PostgreSQL text, and none belongs in any field Concord takes: a
 * query, path or JSON body carrying one is refused with 400 naming the field (as a JSON pointer), before
 * validation and before any query — where it once reached the database and answered 500.
 *
 * @example firstNulPath({ a: ['x', 'y\u0000'] }) // '/a/1'
 */
import { Stream } from 'node:stream';
import { AppError } from '../errors';

export function firstNulPath(value: unknown, path = '', seen = new WeakSet<object>()): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path || '/' : null;
  if (value === null || typeof value !== 'object' || seen.has(value)) return null;
  // Parsed fields only: an upload's stream or bytes are the import's to read, line by line.
  if (value instanceof Stream || ArrayBuffer.isView(value)) return null;
  seen.add(value);
  for (const [key, inner] of Object.entries(value)) {
    const name = `${path}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
    if (key.includes('\u0000')) return name;
    const found = firstNulPath(inner, name, seen);
    if (found) return found;
  }
  return null;
}

export async function refuseNulCharacters(request: { query: unknown; params: unknown; body: unknown }): Promise<void> {
  for (const [part, value] of [
    ['query', request.query],
    ['path', request.params],
    ['body', request.body],
  ] as const) {
    const found = firstNulPath(value);
    if (found)
      throw new AppError('validation', 'nul_character', `The ${part} holds a NUL character at ${found}; remove it and send again.`, [
        { path: found, message: 'NUL character' },
      ]);
  }
}
