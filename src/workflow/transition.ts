import type { AuditEvent } from './audit-event';
import type { ConnectionRequest } from './connection-request';
import { applyEvent } from './apply-event';
import { notificationFor, type NotificationKind } from './notification';
import type { Refusal } from './refusal';
import { forbiddenTransition, staleVersion } from './refusal-messages';
import { TRANSITION_TABLE } from './transition-table';
import { eventActor, type WorkflowEvent } from './workflow-event';

/** An accepted transition with its audit entry and SOC-channel post, or a refusal. */
export type TransitionResult =
  { ok: true; request: ConnectionRequest; audit: AuditEvent; notification: NotificationKind | null } | { ok: false; refusal: Refusal };

/**
 * Applies one event to a request. Pure: the input is never modified, time
 * comes from the event, and every business-rule refusal is returned as a value.
 * Order of checks: the table (is this event possible in this state?), then the
 * version the actor saw, then who may do it and what they sent.
 */
export function transition(request: ConnectionRequest, event: WorkflowEvent): TransitionResult {
  // Table first, so a late click on a decided request hears what happened, not just "stale".
  if (TRANSITION_TABLE[request.state][event.type] === 'forbidden') {
    return { ok: false, refusal: forbiddenTransition(request, event.type) };
  }
  if (event.expectedVersion !== undefined && event.expectedVersion !== request.version) {
    return { ok: false, refusal: staleVersion(request, event.expectedVersion) };
  }
  const applied = applyEvent(request, event);
  if (!applied.ok) return applied;

  const next: ConnectionRequest = {
    ...applied.request,
    version: request.version + 1,
    updatedAt: event.at,
  };
  const audit: AuditEvent = {
    at: event.at,
    requestId: request.id,
    tenantId: request.tenantId,
    actor: eventActor(event),
    action: event.type,
    outcome: 'accepted',
    fromState: request.state,
    toState: next.state,
    version: next.version,
    ...(applied.detail !== undefined ? { detail: applied.detail } : {}),
  };
  return { ok: true, request: next, audit, notification: notificationFor(request.state, next) };
}
