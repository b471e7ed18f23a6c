/**
 * Why the bot said no: every refusal code there is, one union. Business-rule refusals are
 * values, never exceptions. The application maps each code to what a client sees (an invoke's
 * status and error code) in one exhaustive table, so a new code must be mapped to compile.
 */
export type RefusalCode =
  // The workflow's own rules: the table, versions, who may act, what they sent, one at a time.
  | 'forbidden_transition'
  | 'stale_version'
  | 'not_requester'
  | 'four_eyes'
  | 'not_qualified'
  | 'role_not_active'
  | 'reason_required'
  | 'reason_not_applicable'
  | 'invalid_reason'
  | 'invalid_comment'
  | 'not_expired'
  | 'expired'
  | 'already_connected'
  | 'request_open'
  | 'nothing_connected'
  | 'not_connected_workspace'
  | 'primary_has_secondaries'
  | 'already_primary'
  | 'not_in_model'
  | 'invalid_workspace'
  // A commit that lost a race, by what the store found when it wrote.
  | 'conflict_stale_version'
  | 'conflict_request_open'
  | 'conflict_already_connected'
  | 'conflict_exists'
  // Checked around the workflow: Azure, the checks, the SOC channel, the turn and the click itself.
  | 'roles_unverified'
  | 'checks_not_passed'
  | 'nothing_open'
  | 'no_soc_channel'
  | 'personal_only'
  | 'tenant_not_allowed'
  | 'invalid_user_id'
  | 'unknown_user'
  | 'not_found'
  | 'invalid_data'
  | 'invalid_input'
  | 'unknown_verb'
  | 'bad_request'
  | 'internal_error';

/** A refusal: a stable code for programs and a full sentence, saying what to do, for people. */
export interface Refusal {
  code: RefusalCode;
  message: string;
}

/** Builds a refusal value. */
export function refuse(code: RefusalCode, message: string): Refusal {
  return { code, message };
}
