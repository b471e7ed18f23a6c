/** Why the workflow said no. Business-rule refusals are values, never exceptions. */
export type RefusalCode =
  | 'forbidden_transition'
  | 'stale_version'
  | 'not_requester'
  | 'four_eyes'
  | 'not_qualified'
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
  | 'invalid_workspace';

/** A refusal: a stable code for programs and a full sentence, saying what to do, for people. */
export interface Refusal {
  code: RefusalCode;
  message: string;
}

/** Builds a refusal value. */
export function refuse(code: RefusalCode, message: string): Refusal {
  return { code, message };
}
