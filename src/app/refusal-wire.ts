import type { RefusalCode } from '../workflow';

/** The statuses a refused card action answers with (in the invoke body's `statusCode`). */
export type RefusalStatus = 400 | 403 | 404 | 409 | 500 | 503;

/** What a client sees of a refusal: the invoke's `statusCode` and `value.code`. */
export interface WireRefusal {
  status: RefusalStatus;
  code: string;
}

const as = (status: RefusalStatus, code: string): WireRefusal => ({ status, code });
/** The workflow's codes go out as they are. */
const same = (status: RefusalStatus) => (code: string) => as(status, code);
const badInput = same(400);
const notAllowed = same(403);
const notNow = same(409);

/**
 * Every refusal code and what a client sees of it: the one place that decides. Exhaustive, so a
 * code added to RefusalCode does not compile until it is mapped here. The wire codes are the ones
 * clients have always seen (contracts/conversation.md fixes TenantNotAllowed and the statuses).
 */
export const REFUSAL_WIRE: { readonly [C in RefusalCode]: WireRefusal } = {
  forbidden_transition: notNow('forbidden_transition'),
  stale_version: notNow('stale_version'),
  not_requester: notAllowed('not_requester'),
  four_eyes: notAllowed('four_eyes'),
  not_qualified: notAllowed('not_qualified'),
  role_not_active: notAllowed('role_not_active'),
  reason_required: badInput('reason_required'),
  reason_not_applicable: badInput('reason_not_applicable'),
  invalid_reason: badInput('invalid_reason'),
  invalid_comment: badInput('invalid_comment'),
  not_expired: badInput('not_expired'),
  expired: notNow('expired'),
  already_connected: notNow('already_connected'),
  request_open: notNow('request_open'),
  nothing_connected: notNow('nothing_connected'),
  not_connected_workspace: notNow('not_connected_workspace'),
  primary_has_secondaries: notNow('primary_has_secondaries'),
  already_primary: notNow('already_primary'),
  not_in_model: notNow('not_in_model'),
  invalid_workspace: badInput('invalid_workspace'),
  // A lost race is one thing to a client: someone else changed something first.
  conflict_stale_version: as(409, 'conflict'),
  conflict_request_open: as(409, 'conflict'),
  conflict_already_connected: as(409, 'conflict'),
  conflict_exists: as(409, 'conflict'),
  roles_unverified: as(503, 'RolesUnverified'),
  checks_not_passed: as(409, 'ChecksNotPassed'),
  nothing_open: notNow('nothing_open'),
  no_soc_channel: as(409, 'NoSocChannel'),
  personal_only: as(400, 'PersonalOnly'),
  tenant_not_allowed: as(403, 'TenantNotAllowed'),
  invalid_user_id: as(400, 'InvalidUserId'),
  unknown_user: as(403, 'UnknownUser'),
  not_found: as(404, 'NotFound'),
  invalid_data: as(400, 'InvalidData'),
  invalid_input: as(400, 'InvalidInput'),
  unknown_verb: as(400, 'UnknownVerb'),
  bad_request: as(400, 'BadRequest'),
  internal_error: as(500, 'InternalError'),
};
