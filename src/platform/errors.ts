/**
 * The few typed errors services throw. Each carries a module error code that reads as a sentence
 * (`case_not_found`, `amount_must_be_positive`); http/problem.ts maps the kind to a status in one place.
 *
 * @example
 *   throw new AppError('not_found', 'case_not_found', `No case ${caseId} in your scope.`);
 */
export type ErrorKind = 'validation' | 'unauthenticated' | 'forbidden' | 'not_found' | 'conflict' | 'precondition_failed' | 'locked' | 'too_large';

export interface FieldError {
  /** JSON pointer or file:line:field of the bad value. */
  path: string;
  message: string;
}

/** The error codes the platform answers with (sign-in, access, validation of any request, jobs). */
export type PlatformErrorCode =
  | 'account_locked'
  | 'partner_role_mismatch'
  | 'password_too_weak'
  | 'workbook_too_large'
  | 'workbook_unreadable'
  | 'api_token_invalid'
  | 'api_token_not_found'
  | 'case_not_found'
  | 'copy_mismatch'
  | 'document_size'
  | 'document_type'
  | 'csrf_token_missing_or_wrong'
  | 'email_already_registered'
  | 'export_too_large'
  | 'job_already_finished'
  | 'job_not_found'
  | 'lcsa_out_of_scope'
  | 'lcsa_required_for_role'
  | 'no_account_for_sso_identity'
  | 'nul_character'
  | 'partner_required_for_role'
  | 'parent_account_self_service'
  | 'parent_account_exists'
  | 'permission_denied'
  | 'role_out_of_scope'
  | 'route_not_found'
  | 'schema_mismatch'
  | 'scope_unknown'
  | 'sign_in_failed'
  | 'sign_in_required'
  | 'sort_unknown'
  | 'ssn_is_invalid'
  | 'target_not_empty'
  | 'sso_failed'
  | 'sso_not_configured'
  | 'sso_request_unknown_or_expired'
  | 'user_not_found';

/**
 * Every error code, by owner: each module's `errors.ts` adds its own union here (declaration merging),
 * so that a code nobody declared does not compile. The problem+json shape is unchanged: `code` is a string.
 */
export interface ErrorCodes {
  platform: PlatformErrorCode;
}
export type ErrorCode = ErrorCodes[keyof ErrorCodes];

export class AppError extends Error {
  constructor(
    readonly kind: ErrorKind,
    readonly code: ErrorCode,
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

/**
 * Why a text is not JSON, with the line and column (1-based) of the first fault, which JSON.parse gives
 * only as a character position (or not at all, at the end of the text).
 */
export function notJsonReason(text: string, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const position = /at position (\d+)/.exec(message);
  const at = position ? Math.min(Number(position[1]), text.length) : text.length;
  const before = text.slice(0, at);
  const line = before.split('\n').length;
  const column = at - before.lastIndexOf('\n');
  return `${message.replace(/ in JSON at position \d+.*$/, '')} at line ${line}, column ${column}`;
}
