import type { ConnectionRequest, RequestState } from './connection-request';

/** The SOC-channel posts a state change can cause (contracts/conversation.md, Notifications). */
export type NotificationKind = 'submitted' | 'approved' | 'rejected' | 'connected' | 'disconnected' | 'failed' | 'expired' | 'cancelled';

/**
 * The post an accepted transition calls for, or null. Cancelling a draft that
 * was never submitted posts nothing: the channel never heard of it.
 */
export function notificationFor(from: RequestState, to: ConnectionRequest): NotificationKind | null {
  switch (to.state) {
    case 'draft':
      return null;
    case 'submitted':
    case 'approved':
    case 'rejected':
    case 'failed':
    case 'expired':
      return to.state;
    case 'completed':
      // A change of primary is announced like a connect (contracts/conversation.md).
      return to.kind === 'disconnect' ? 'disconnected' : 'connected';
    case 'cancelled':
      return from === 'draft' ? null : 'cancelled';
  }
}
