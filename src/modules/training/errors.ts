/** The error codes the training module answers with (the `code` of its problem+json responses). */
export type TrainingErrorCode =
  | 'agent_invalid'
  | 'alternate_syntax_invalid'
  | 'assignment_completed'
  | 'assignment_not_found'
  | 'attachments_not_supported'
  | 'cannot_void_voiding_statement'
  | 'concurrency_header_required'
  | 'course_code_taken'
  | 'course_content_invalid'
  | 'course_has_no_content'
  | 'course_has_no_quiz'
  | 'course_not_found'
  | 'course_unknown'
  | 'curriculum_code_taken'
  | 'delay_reason_required'
  | 'document_exists'
  | 'document_not_found'
  | 'etag_mismatch'
  | 'lesson_not_found'
  | 'lrs_credentials_required'
  | 'merge_needs_json'
  | 'multipart_invalid'
  | 'no_attempts_left'
  | 'not_completed'
  | 'org_unit_not_found'
  | 'org_unit_out_of_scope'
  | 'org_unit_unknown'
  | 'parameter_conflict'
  | 'parameter_invalid'
  | 'parameter_unknown'
  | 'since_invalid'
  | 'statement_conflict'
  | 'statement_id_mismatch'
  | 'statement_id_required'
  | 'statement_ids_repeated'
  | 'statement_invalid'
  | 'statement_not_found'
  | 'until_invalid'
  | 'user_not_found'
  | 'wave_required'
  | 'xapi_version_required';

declare module '../../platform/errors' {
  interface ErrorCodes {
    training: TrainingErrorCode;
  }
}
