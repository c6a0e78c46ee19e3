/** The error codes the registry module answers with (the `code` of its problem+json responses). */
export type RegistryErrorCode =
  | 'assistance_grant_not_calworks'
  | 'assistance_grant_required'
  | 'assistance_period_ends_before_start'
  | 'assistance_period_overlaps'
  | 'bankruptcy_already_recorded'
  | 'bankruptcy_dates_invalid'
  | 'bankruptcy_not_found'
  | 'case_not_found'
  | 'case_number_already_used'
  | 'county_not_served_by_lcsa'
  | 'county_unknown'
  | 'court_order_already_recorded'
  | 'order_not_found'
  | 'order_term_is_invalid'
  | 'person_not_found';

declare module '../../platform/errors' {
  interface ErrorCodes {
    registry: RegistryErrorCode;
  }
}
