import { notificationSummary, renderApprovalCard, renderNotificationCard, type NotificationView } from '../cards';
import { newOutboxItem, outboxPayload } from '../store/outbox-item';
import { conversationKeys, type OutboxPayload, type OutboxRecord } from '../store/store';
import type { NotificationKind } from '../workflow';
import { approverMentions } from './approver-mentions';
import type { AppContext } from './context';
import { approvalView, notificationView } from './request-views';
import type { StoredRequest } from './stored-request';

/** Purpose under which the approval card's activity ids are recorded. */
const APPROVAL_POST = 'approval';

const STATES_THAT_DECIDE_THE_APPROVAL_CARD = ['approved', 'rejected', 'cancelled', 'expired'];

/**
 * The notifications a state change causes: one post in the SOC channel (the
 * approval card itself for `submitted`), the approval card updated for everyone
 * once decided, and a 1:1 message to the requester when someone else acted.
 */
export async function outboxForChange(
  ctx: AppContext,
  previous: StoredRequest,
  next: StoredRequest,
  notification: NotificationKind | null,
  extra: Partial<NotificationView> = {},
): Promise<OutboxRecord[]> {
  const at = ctx.now().toISOString();
  const records: OutboxRecord[] = [];
  const item = (conversationKey: string, payload: OutboxPayload): OutboxRecord =>
    newOutboxItem({ tenantId: next.tenantId, requestId: next.id, conversationKey }, payload, { id: ctx.newId(), at });

  const soc = await ctx.store.getSocChannel(next.tenantId);
  const socKey = soc ? conversationKeys.channel(soc.tenantId, soc.channelId) : null;
  if (notification && socKey) {
    const view = notificationView(next, notification, extra);
    const summary = notificationSummary(view);
    if (notification === 'submitted') {
      // The people who may decide are @mentioned above the card, so that Teams notifies them.
      const card = renderApprovalCard(approvalView(next));
      const track = { requestId: next.id, purpose: APPROVAL_POST };
      const mentions = approverMentions(next);
      records.push(item(socKey, mentions ? outboxPayload.mentioningCard(card, mentions, summary, track) : outboxPayload.card(card, summary, track)));
    } else {
      records.push(item(socKey, outboxPayload.card(renderNotificationCard(view), summary)));
    }
  }
  if (previous.state === 'submitted' && STATES_THAT_DECIDE_THE_APPROVAL_CARD.includes(next.state)) {
    const decided = renderApprovalCard(approvalView(next));
    for (const posted of await ctx.store.listPostedActivities(next.id, APPROVAL_POST)) {
      records.push(item(posted.conversationKey, outboxPayload.update(posted.activityId, decided)));
    }
  }
  // The requester hears in 1:1 about what others (or the clock) did to their request.
  const tellRequester = notification && !['submitted', 'cancelled'].includes(notification);
  const requesterKey = conversationKeys.user(next.tenantId, next.requester.id);
  if (tellRequester && (await ctx.store.getConversation(requesterKey))) {
    const view = notificationView(next, notification, extra);
    records.push(item(requesterKey, outboxPayload.card(renderNotificationCard(view), notificationSummary(view))));
  }
  return records;
}
