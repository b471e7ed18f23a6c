import type { ConnectionRequest, RequestState } from './connection-request';
import type { Person } from './person';
import type { Refusal } from './refusal';

/**
 * One line of the append-only audit log: an accepted transition, or a refused
 * attempt (refused attempts are audited but are not state changes).
 */
export interface AuditEvent {
  at: string;
  /** Null for a refused attempt that never got as far as a request (e.g. `connect` refused). */
  requestId: string | null;
  tenantId: string;
  actor: Person | 'system';
  /** What was done or attempted: an event type (`submit`, `approve`, …) or a command (`connect`). */
  action: string;
  outcome: 'accepted' | 'refused';
  fromState: RequestState | null;
  toState: RequestState | null;
  /** The request's version after the action (unchanged for a refusal; 0 when there is no request). */
  version: number;
  /** Set when `outcome` is `refused`. */
  refusalCode?: Refusal['code'];
  /** Reason, comment, failure message or refusal message, verbatim. */
  detail?: string;
}

/**
 * The audit entry for a refused attempt. Without a request, `tenantId` must be
 * given (the refusal happened before any request existed).
 */
export function refusalAudit(
  request: ConnectionRequest | null,
  actor: Person | 'system',
  attemptedAction: string,
  refusal: Refusal,
  at: string,
  tenantId?: string,
): AuditEvent {
  return {
    at,
    requestId: request?.id ?? null,
    tenantId: request?.tenantId ?? tenantId ?? '',
    actor,
    action: attemptedAction,
    outcome: 'refused',
    fromState: request?.state ?? null,
    toState: request?.state ?? null,
    version: request?.version ?? 0,
    refusalCode: refusal.code,
    detail: refusal.message,
  };
}
