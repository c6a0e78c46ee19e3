/** The error codes the trauma module answers with (the `code` of its problem+json responses). */
export type TraumaErrorCode =
  | 'action_is_invalid'
  | 'action_not_found'
  | 'campaign_already_closed'
  | 'campaign_is_invalid'
  | 'campaign_not_found'
  | 'campaign_not_open'
  | 'campaign_not_remindable'
  | 'campaign_still_open'
  | 'instrument_is_invalid'
  | 'instrument_not_found'
  | 'instrument_not_json'
  | 'instrument_version_exists'
  | 'org_unit_out_of_scope'
  | 'phase_is_invalid'
  | 'phase_number_taken'
  | 'survey_already_answered'
  | 'survey_answers_invalid'
  | 'survey_link_unknown';

declare module '../../platform/errors' {
  interface ErrorCodes {
    trauma: TraumaErrorCode;
  }
}
