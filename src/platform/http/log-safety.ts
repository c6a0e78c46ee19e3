/**
 * What a log line may say about an error: its type, its code, the SQL it ran and where it was thrown —
 * never the values it carried. A failed insert's error holds every parameter (names, birth dates, SSN
 * ciphertexts) and the driver's `detail` repeats the row; a parser's message quotes the field it choked
 * on. So the message keeps only what cannot be personal: for a failed query its SQL text (parameters
 * are sent apart, never inlined), for anything else the text with quoted parts and digit runs replaced.
 *
 * @example safeError(new Error('value "901-55-1234" at line 2')) // { type: 'Error', message: 'value "[redacted]" at line [n]', … }
 */
import { DrizzleQueryError } from 'drizzle-orm/errors';

/** Fields of a driver error that name where it happened, not what was in the row. */
const placeFields = ['code', 'severity', 'table', 'column', 'constraint', 'routine', 'schema'] as const;

/** The message with quoted text and runs of digits (SSNs, dates, amounts, line numbers) replaced. */
export function scrubMessage(message: string): string {
  return message
    .replace(/"[^"]*"/g, '"[redacted]"')
    .replace(/'[^']*'/g, "'[redacted]'")
    .replace(/\d[\d\-/.,:]*/g, '[n]');
}

/** The stack's frames without its first line, which repeats the message. */
function framesOf(error: Error): string {
  return (error.stack ?? '')
    .split('\n')
    .filter((line) => line.trimStart().startsWith('at '))
    .join('\n');
}

export interface SafeError {
  type: string;
  message: string;
  stack: string;
  [key: string]: unknown;
}

export function safeError(error: unknown, depth = 0): SafeError {
  if (!(error instanceof Error)) return { type: typeof error, message: '', stack: '' };
  const message = error instanceof DrizzleQueryError ? `Failed query: ${error.query}` : scrubMessage(error.message);
  const safe: SafeError = { type: error.constructor.name, message, stack: framesOf(error) };
  const fields = error as unknown as Record<string, unknown>;
  for (const key of placeFields) {
    const value = fields[key];
    if (typeof value === 'string' || typeof value === 'number') safe[key] = typeof value === 'string' && key !== 'code' ? scrubMessage(value) : value;
  }
  if (error.cause !== undefined && depth < 3) safe.cause = safeError(error.cause, depth + 1);
  return safe;
}
