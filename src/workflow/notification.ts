import type { ConnectionRequest, RequestState } from './connection-request';
import { completedWord } from './describe-request';

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
      return completedWord(to.kind);
    case 'cancelled':
      return from === 'draft' ? null : 'cancelled';
  }
}
