import type { AdaptiveCard } from './adaptive-card';
import { requestNoun } from './kind-words';
import { DISPLAY_LIMITS, factRows, present, truncate } from './display-text';
import { expandCard } from './load-template';
import { rollbackSectionData, turnedOffSectionData } from './rollback-rows';
import type { NotificationEventView, NotificationView, RequestKindView } from './views';

const STYLE: Record<NotificationEventView, string> = {
  submitted: 'accent',
  approved: 'good',
  rejected: 'attention',
  connected: 'good',
  disconnected: 'good',
  failed: 'attention',
  expired: 'warning',
  cancelled: 'warning',
};

/** The card's title for a state change, e.g. "Connect request submitted for approval". */
export function notificationTitle(event: NotificationEventView, kind: RequestKindView): string {
  const noun = requestNoun(kind);
  switch (event) {
    case 'submitted':
      return `${noun} submitted for approval`;
    case 'connected':
      return kind === 'primary' ? 'Workspace made the primary in the Defender portal' : 'Workspace connected to the Defender portal';
    case 'disconnected':
      return 'Workspace disconnected from the Defender portal';
    default:
      return `${noun} ${event}`;
  }
}

/**
 * The plain-text one-line `summary` of the activity: event, workspace, person,
 * and for a disconnect the reason (contracts/conversation.md, Notifications).
 */
export function notificationSummary(view: NotificationView): string {
  const ws = truncate(view.workspaceName, DISPLAY_LIMITS.workspaceName);
  const requester = truncate(view.requester, DISPLAY_LIMITS.name);
  const approver = present(view.approver) ? truncate(view.approver, DISPLAY_LIMITS.name) : undefined;
  const verb = view.kind === 'primary' ? 'make' : view.kind;
  const reason = view.kind === 'disconnect' && present(view.reason) ? `: ${truncate(view.reason, 200)}` : '';
  const as = view.role ? (view.kind === 'primary' ? ' the primary' : ` as ${view.role === 'primary' ? 'the primary' : 'a secondary'}`) : '';
  const asConnected = view.role ? ` as ${view.role === 'primary' ? 'the primary' : 'a secondary'}` : '';
  switch (view.event) {
    case 'submitted':
      return `${requester} asks to ${verb} ${ws}${as}${reason}`;
    case 'approved':
      return `${approver ?? 'An approver'} approved the request to ${verb} ${ws} (requested by ${requester})${reason}`;
    case 'rejected':
      return `${approver ?? 'An approver'} rejected the request to ${verb} ${ws} (requested by ${requester})${reason}`;
    case 'connected':
      return `Connected ${ws} to the Defender portal${asConnected}${approver ? ` (approved by ${approver})` : ` (requested by ${requester})`}`;
    case 'disconnected':
      return `Disconnected ${ws} from the Defender portal${asConnected}${approver ? ` (approved by ${approver})` : ` (requested by ${requester})`}${reason}`;
    case 'failed':
      return `The request to ${verb} ${ws} failed (requested by ${requester})${reason}`;
    case 'expired':
      return `The request to ${verb} ${ws} expired (requested by ${requester})${reason}`;
    case 'cancelled':
      return `${requester} cancelled the request to ${verb} ${ws}${reason}`;
  }
}

/** The SOC-channel card for a state change. */
export function renderNotificationCard(view: NotificationView): AdaptiveCard {
  const decidedLabel = view.event === 'rejected' ? 'Rejected by' : 'Approved by';
  return expandCard('notification', {
    title: notificationTitle(view.event, view.kind),
    style: STYLE[view.event],
    facts: factRows([
      ['Workspace', view.workspaceName, DISPLAY_LIMITS.workspaceName],
      ['Resource id', view.workspaceId, DISPLAY_LIMITS.resourceId, 'id'],
      ['Requested by', view.requester, DISPLAY_LIMITS.name],
      [decidedLabel, view.approver, DISPLAY_LIMITS.name],
      ['Time', view.at, DISPLAY_LIMITS.shortWord],
      ['Request', view.requestId, DISPLAY_LIMITS.shortWord],
    ]),
    isConnected: view.event === 'connected',
    dataConnectorCount: String(view.dataConnectorCount ?? 'unknown'),
    automationRuleCount: String(view.automationRuleCount ?? 'unknown'),
    hasReason: present(view.reason),
    reason: truncate(view.reason, DISPLAY_LIMITS.userText),
    hasComment: present(view.comment),
    comment: truncate(view.comment, DISPLAY_LIMITS.userText),
    hasGuidance: view.event === 'failed' && present(view.guidance),
    guidance: truncate(view.guidance, DISPLAY_LIMITS.guidance),
    ...turnedOffSectionData(view.event === 'connected' ? view.turnedOff : undefined),
    ...rollbackSectionData(view.event === 'disconnected' ? view.rollback : undefined, 'after'),
  });
}
