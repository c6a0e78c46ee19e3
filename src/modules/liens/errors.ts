/** The error codes the liens module answers with (the `code` of its problem+json responses). */
export type LiensErrorCode =
  | 'arrears_not_paid'
  | 'company_required'
  | 'county_not_found'
  | 'demand_already_decided'
  | 'demand_not_found'
  | 'demand_not_issued'
  | 'demand_not_payable'
  | 'document_not_found'
  | 'parent_has_no_liens'
  | 'parent_lien_request_answered'
  | 'parent_lien_request_not_found'
  | 'payoff_answer_incomplete'
  | 'documents_not_checked'
  | 'escrow_number_in_use'
  | 'good_through_out_of_range'
  | 'lien_held_bankruptcy_stay'
  | 'lien_not_found'
  | 'lien_status_conflict'
  | 'no_liens_to_release'
  | 'no_obligor_matched'
  | 'no_recorded_lien_in_county'
  | 'not_eligible'
  | 'nothing_to_record'
  | 'obligor_not_found'
  | 'received_in_future'
  | 'release_not_found'
  | 'release_recorded_date_out_of_range'
  | 'subordination_already_decided'
  | 'subordination_not_approved'
  | 'subordination_not_found'
  | 'wrong_person_not_verified'
  | 'wrong_person_received_in_future'
  | 'wrong_person_request_decided'
  | 'wrong_person_request_not_found';

declare module '../../platform/errors' {
  interface ErrorCodes {
    liens: LiensErrorCode;
  }
}
