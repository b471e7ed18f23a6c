import type { ConnectionRequest, RequestKind } from './connection-request';
import { formatWorkspace } from './workspace-ref';

/** "connect request for sub/rg/name", for messages. */
export function describeRequest(request: Pick<ConnectionRequest, 'kind' | 'workspace'>): string {
  return `${request.kind} request for ${formatWorkspace(request.workspace)}`;
}

/** The request's state in words, e.g. "waiting for approval". */
export function describeState(request: Pick<ConnectionRequest, 'state' | 'kind'>): string {
  switch (request.state) {
    case 'draft':
      return 'a draft that has not been submitted yet';
    case 'submitted':
      return 'waiting for approval';
    case 'approved':
      return 'approved and waiting for the step in the Defender portal';
    case 'completed':
      return `already complete (the workspace is ${completedWord(request.kind)})`;
    case 'rejected':
      return 'already rejected';
    case 'failed':
      return 'already failed';
    case 'cancelled':
      return 'already cancelled';
    case 'expired':
      return 'already expired';
  }
}

/** "connected", "disconnected" or "made primary": what completion means for this kind. */
export function completedWord(kind: RequestKind): 'connected' | 'disconnected' | 'made primary' {
  return kind === 'connect' ? 'connected' : kind === 'primary' ? 'made primary' : 'disconnected';
}
