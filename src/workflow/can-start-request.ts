import type { WorkspaceRef } from './workspace-ref';
import { isInFlight, type ConnectionRequest, type RequestKind } from './connection-request';
import { describeRequest, describeState } from './describe-request';
import { refuse, type Refusal } from './refusal';
import { formatWorkspace, sameWorkspace } from './workspace-ref';

/** What the one-at-a-time policy looks at. */
export interface StartRequestInput {
  kind: RequestKind;
  workspace: WorkspaceRef;
  /** The tenant's connected workspace, or null when none is. */
  connectedWorkspace: WorkspaceRef | null;
  /** The tenant's open requests (draft, submitted, approved). */
  openRequests: ConnectionRequest[];
  /** Entra object id of the person starting the request. */
  requesterId: string;
}

/** May start; `draftsToCancel` are the caller's own drafts the new request replaces. */
export type StartRequestDecision = { ok: true; draftsToCancel: ConnectionRequest[] } | { ok: false; refusal: Refusal };

/**
 * One at a time: a tenant has at most one connected workspace and at most one
 * request in flight. The caller's own unsubmitted draft is replaced, not a
 * reason to refuse; other people's drafts are private and don't block.
 */
export function canStartRequest(input: StartRequestInput): StartRequestDecision {
  // An in-flight request comes first: it explains any other refusal ("wait for it").
  const inFlight = input.openRequests.find(isInFlight);
  if (inFlight) return { ok: false, refusal: requestOpen(inFlight, input.requesterId) };

  const connected = input.connectedWorkspace;
  if (input.kind === 'connect' && connected) {
    return {
      ok: false,
      refusal: refuse(
        'already_connected',
        `Workspace ${formatWorkspace(connected)} is already connected to the Defender portal, and only ` +
          'one workspace can be connected at a time. Run `disconnect` first, then connect this one.',
      ),
    };
  }
  if (input.kind === 'disconnect' && !connected) {
    return {
      ok: false,
      refusal: refuse(
        'nothing_connected',
        `No workspace is connected to the Defender portal, so ${formatWorkspace(input.workspace)} ` +
          'cannot be disconnected. Run `status` to see the current state.',
      ),
    };
  }
  if (input.kind === 'disconnect' && connected && !sameWorkspace(connected, input.workspace)) {
    return {
      ok: false,
      refusal: refuse(
        'not_connected_workspace',
        `${formatWorkspace(input.workspace)} is not the connected workspace; ` +
          `${formatWorkspace(connected)} is. Run \`disconnect\` without a workspace to disconnect it.`,
      ),
    };
  }
  return { ok: true, draftsToCancel: draftsToReplace(input.openRequests, input.requesterId) };
}

/** The caller's own drafts, which a new `connect` or `disconnect` replaces (cancel them). */
export function draftsToReplace(openRequests: ConnectionRequest[], requesterId: string): ConnectionRequest[] {
  const id = requesterId.toLowerCase();
  return openRequests.filter((r) => r.state === 'draft' && r.requester.id.toLowerCase() === id);
}

function requestOpen(request: ConnectionRequest, requesterId: string): Refusal {
  const own = request.requester.id.toLowerCase() === requesterId.toLowerCase();
  const message = own
    ? `Your ${describeRequest(request)} is ${describeState(request)}. ` +
      'Only one request can be open at a time: run `cancel` first if you want to start another.'
    : `${request.requester.name}'s ${describeRequest(request)} is ${describeState(request)}. ` +
      'Only one request can be open at a time: wait until it is finished, or ask them to cancel it.';
  return refuse('request_open', message);
}
