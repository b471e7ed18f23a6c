import type { NotificationView } from '../cards';
import type { CommitConflict, RequestChange } from '../store/store';
import { refusalAudit, refuse, transition, type Person, type Refusal, type WorkflowEvent } from '../workflow';
import type { AppContext } from './context';
import { outboxForChange } from './request-outbox';
import type { StoredRequest } from './stored-request';

export type ApplyOutcome = { ok: true; previous: StoredRequest; request: StoredRequest } | { ok: false; refusal: Refusal; request: StoredRequest };

export interface ApplyOptions {
  /** Adds bot-side fields to the next request (e.g. the refreshed readiness report). */
  decorate?: (next: StoredRequest) => StoredRequest;
  /** Records or clears the connected workspace in the same transaction. */
  connection?: (next: StoredRequest) => RequestChange['connection'];
  notificationExtra?: Partial<NotificationView>;
}

/**
 * Applies a workflow event to a request the caller has just read, and commits the new
 * version with its audit entry and notifications in one store transaction, guarded by
 * the version read (a change in between is refused as a conflict). Refusals are
 * audited and returned; nothing else changes.
 */
export async function applyRequestEvent(
  ctx: AppContext,
  request: StoredRequest,
  event: WorkflowEvent,
  actor: Person | 'system',
  options: ApplyOptions = {},
): Promise<ApplyOutcome> {
  const requestId = request.id;
  const result = transition(request, event);
  if (!result.ok) {
    await ctx.store.appendAudit([refusalAudit(request, actor, event.type, result.refusal, event.at)]);
    ctx.logger.info({ requestId, action: event.type, refusal: result.refusal.code }, 'action refused');
    return { ok: false, refusal: result.refusal, request };
  }
  const next: StoredRequest = options.decorate ? options.decorate(result.request) : result.request;
  const outbox = await outboxForChange(ctx, request, next, result.notification, options.notificationExtra);
  const committed = await ctx.store.commit({
    request: next,
    expectedVersion: request.version,
    audit: [result.audit],
    outbox,
    connection: options.connection?.(next),
  });
  if (!committed.ok) {
    // Audited as what it was: the request changed meanwhile, another one got in first, or a workspace is connected.
    const refusal = commitConflictRefusal(committed.reason);
    await ctx.store.appendAudit([refusalAudit(request, actor, event.type, refusal, event.at)]);
    ctx.logger.info({ requestId, action: event.type, refusal: refusal.code }, 'action refused at commit');
    return { ok: false, refusal, request };
  }
  ctx.logger.info({ requestId, tenantId: next.tenantId, from: request.state, to: next.state, version: next.version }, 'request state changed');
  // What Azure shows may have changed with it (a connection verified, a disconnect): the next check scans again.
  ctx.connectedWorkspaces.forget();
  if (outbox.length > 0) ctx.kickOutbox();
  return { ok: true, previous: request, request: next };
}

/** The refusal of a commit that lost a race, by what the store found. */
export function commitConflictRefusal(reason: CommitConflict): Refusal {
  switch (reason) {
    case 'stale':
      return refuse('conflict_stale_version', 'Someone else changed this request a moment ago. Nothing was changed by your click; look at the updated card.');
    case 'already_connected':
      return refuse('conflict_already_connected', 'Another workspace is recorded as connected. Nothing was changed; type `status` to see it.');
    case 'one_open_request':
      return refuse(
        'conflict_request_open',
        'Another request is already waiting for approval or for the portal step. Nothing was changed; type `status` to see it.',
      );
    case 'exists':
      return refuse('conflict_exists', 'The request could not be saved: one with its id exists already. Nothing was changed; try again.');
  }
}
