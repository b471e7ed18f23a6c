import { commitConflictRefusal } from '../../src/app/apply-request-event';
import { REFUSAL_WIRE } from '../../src/app/refusal-wire';
import { refused, refusedAction } from '../../src/app/respond';
import { refuse } from '../../src/workflow';

// What clients see of each refusal, written out so that a change to the table is noticed.
const EXPECTED: Record<string, [number, string]> = {
  forbidden_transition: [409, 'forbidden_transition'],
  stale_version: [409, 'stale_version'],
  not_requester: [403, 'not_requester'],
  four_eyes: [403, 'four_eyes'],
  not_qualified: [403, 'not_qualified'],
  role_not_active: [403, 'role_not_active'],
  reason_required: [400, 'reason_required'],
  reason_not_applicable: [400, 'reason_not_applicable'],
  invalid_reason: [400, 'invalid_reason'],
  invalid_comment: [400, 'invalid_comment'],
  not_expired: [400, 'not_expired'],
  expired: [409, 'expired'],
  already_connected: [409, 'already_connected'],
  request_open: [409, 'request_open'],
  nothing_connected: [409, 'nothing_connected'],
  not_connected_workspace: [409, 'not_connected_workspace'],
  primary_has_secondaries: [409, 'primary_has_secondaries'],
  already_primary: [409, 'already_primary'],
  not_in_model: [409, 'not_in_model'],
  invalid_workspace: [400, 'invalid_workspace'],
  conflict_stale_version: [409, 'conflict'],
  conflict_request_open: [409, 'conflict'],
  conflict_already_connected: [409, 'conflict'],
  conflict_exists: [409, 'conflict'],
  roles_unverified: [503, 'RolesUnverified'],
  checks_not_passed: [409, 'ChecksNotPassed'],
  nothing_open: [409, 'nothing_open'],
  no_soc_channel: [409, 'NoSocChannel'],
  personal_only: [400, 'PersonalOnly'],
  tenant_not_allowed: [403, 'TenantNotAllowed'],
  invalid_user_id: [400, 'InvalidUserId'],
  unknown_user: [403, 'UnknownUser'],
  not_found: [404, 'NotFound'],
  invalid_data: [400, 'InvalidData'],
  invalid_input: [400, 'InvalidInput'],
  unknown_verb: [400, 'UnknownVerb'],
  bad_request: [400, 'BadRequest'],
  internal_error: [500, 'InternalError'],
};

describe('refusal codes on the wire', () => {
  test('every code has the status and wire code clients have always seen', () => {
    const table = Object.fromEntries(Object.entries(REFUSAL_WIRE).map(([code, w]) => [code, [w.status, w.code]]));
    expect(table).toEqual(EXPECTED);
  });

  test('a refused action carries the wire status and code, and the message as written', () => {
    expect(refusedAction(refuse('four_eyes', 'Not your own.'))).toEqual({ ok: false, statusCode: 403, code: 'four_eyes', message: 'Not your own.' });
    expect(refused('tenant_not_allowed', 'Elsewhere.')).toEqual({ ok: false, statusCode: 403, code: 'TenantNotAllowed', message: 'Elsewhere.' });
  });

  test('a commit that lost a race says (and audits) what it lost to, and is a conflict on the wire', () => {
    expect(commitConflictRefusal('stale').code).toBe('conflict_stale_version');
    expect(commitConflictRefusal('one_open_request').code).toBe('conflict_request_open');
    expect(commitConflictRefusal('already_connected').code).toBe('conflict_already_connected');
    expect(commitConflictRefusal('exists').code).toBe('conflict_exists');
    for (const reason of ['stale', 'one_open_request', 'already_connected', 'exists'] as const) {
      expect(refusedAction(commitConflictRefusal(reason))).toMatchObject({ statusCode: 409, code: 'conflict' });
    }
  });
});
