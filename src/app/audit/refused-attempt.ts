import type { AuditRecord } from '../../store/store';
import type { Person } from '../../workflow';
import type { StoredRequest } from '../stored-request';

/**
 * The audit entry of a refused attempt that the workflow itself does not decide
 * (checks that no longer pass, a portal step that is not pending, nothing to cancel):
 * who tried what, on which request, and why it was refused. Not a state change.
 */
export function refusedAttempt(input: {
  request: StoredRequest | null;
  tenantId: string;
  actor: Person;
  action: string;
  code: string;
  message: string;
  at: string;
}): AuditRecord {
  const { request } = input;
  return {
    at: input.at,
    tenantId: request?.tenantId ?? input.tenantId,
    requestId: request?.id ?? null,
    actor: input.actor,
    action: input.action,
    outcome: 'refused',
    fromState: request?.state ?? null,
    toState: request?.state ?? null,
    version: request?.version ?? 0,
    refusalCode: input.code,
    detail: input.message,
  };
}
