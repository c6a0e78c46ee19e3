/** The error codes the claims module answers with (the `code` of its problem+json responses). */
export type ClaimsErrorCode =
  | 'budget_empty'
  | 'budget_not_editable'
  | 'budget_not_found'
  | 'budget_status_conflict'
  | 'claim_file_invalid'
  | 'claim_file_unreadable'
  | 'claim_invalid'
  | 'claim_not_editable'
  | 'claim_not_found'
  | 'claim_status_conflict'
  | 'comment_required'
  | 'filing_conflict'
  | 'lcsa_unknown'
  | 'line_not_found'
  | 'note_required'
  | 'quarter_invalid'
  | 'quarter_not_ended'
  | 'report_final';

declare module '../../platform/errors' {
  interface ErrorCodes {
    claims: ClaimsErrorCode;
  }
}
