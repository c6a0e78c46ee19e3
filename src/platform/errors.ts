/**
 * The few typed errors services throw. Each carries a module error code that reads as a sentence
 * (`case_not_found`, `amount_must_be_positive`); http/problem.ts maps the kind to a status in one place.
 *
 * @example
 *   throw new AppError('not_found', 'case_not_found', `No case ${caseId} in your scope.`);
 */
export type ErrorKind = 'validation' | 'unauthenticated' | 'forbidden' | 'not_found' | 'conflict' | 'precondition_failed' | 'locked';

export interface FieldError {
  /** JSON pointer or file:line:field of the bad value. */
  path: string;
  message: string;
}

export class AppError extends Error {
  constructor(
    readonly kind: ErrorKind,
    readonly code: string,
    message: string,
    readonly fields: FieldError[] = [],
  ) {
    super(message);
    this.name = 'AppError';
  }
}

/** Asserts an invariant; a broken one is a bug and surfaces as a 500. */
export function invariant(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(`Invariant broken: ${message}`);
}
