/** The error codes the plan module answers with (the `code` of its problem+json responses). */
export type PlanErrorCode = 'milestone_not_found' | 'not_tactic_owner' | 'objective_not_found' | 'tactic_change_invalid' | 'tactic_not_found';

declare module '../../platform/errors' {
  interface ErrorCodes {
    plan: PlanErrorCode;
  }
}
