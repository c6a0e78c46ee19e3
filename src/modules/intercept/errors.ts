/** The error codes the intercept module answers with (the `code` of its problem+json responses). */
export type InterceptErrorCode =
  | 'bad_date'
  | 'bad_field_count'
  | 'bad_ssn'
  | 'exclusion_reversed'
  | 'file_import_in_progress'
  | 'file_import_taken_over'
  | 'file_not_found'
  | 'file_required'
  | 'file_too_large'
  | 'insurer_not_found'
  | 'insurer_required'
  | 'line_break'
  | 'line_ends'
  | 'match_already_decided'
  | 'match_not_confirmed'
  | 'match_not_found'
  | 'missing_columns'
  | 'missing_id'
  | 'nothing_past_due'
  | 'notice_already_issued'
  | 'notice_closed'
  | 'notice_not_found'
  | 'period_reversed'
  | 'person_not_found'
  | 'remitted_before_notice';

declare module '../../platform/errors' {
  interface ErrorCodes {
    intercept: InterceptErrorCode;
  }
}
