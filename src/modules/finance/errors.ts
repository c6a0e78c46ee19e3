/** The error codes the finance module answers with (the `code` of its problem+json responses). */
export type FinanceErrorCode =
  | 'adjustment_already_decided'
  | 'adjustment_exceeds_balance'
  | 'adjustment_not_found'
  | 'already_extended'
  | 'audit_request_completed'
  | 'audit_request_not_found'
  | 'case_history_is_invalid'
  | 'case_history_not_json'
  | 'case_not_found'
  | 'completed_on_out_of_range'
  | 'extension_not_later'
  | 'extension_too_long'
  | 'incarceration_not_found'
  | 'knew_after_received'
  | 'knew_on_for_complaints_only'
  | 'lcsa_not_in_scope'
  | 'maker_checker'
  | 'obligor_has_cases_elsewhere'
  | 'obligor_not_found'
  | 'receipt_already_posted_differently'
  | 'receipt_not_on_case'
  | 'received_in_future'
  | 'released_before_stay'
  | 'stay_in_future'
  | 'unknown_figure';

declare module '../../platform/errors' {
  interface ErrorCodes {
    finance: FinanceErrorCode;
  }
}
