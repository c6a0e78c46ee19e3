/** The error codes the parents' portal answers with (the `code` of its problem+json responses). */
export type PortalErrorCode =
  | 'portal_case_not_found'
  | 'portal_document_not_found'
  | 'portal_code_wrong_or_expired'
  | 'portal_notice_not_found'
  | 'portal_request_not_found'
  | 'portal_request_decided'
  | 'portal_sign_up_unfinished'
  | 'portal_too_many_documents';

declare module '../../platform/errors' {
  interface ErrorCodes {
    portal: PortalErrorCode;
  }
}
