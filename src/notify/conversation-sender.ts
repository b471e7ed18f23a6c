import { CardFactory, MessageFactory, TurnContext, type Activity, type CloudAdapter, type ConversationReference } from 'botbuilder';
import type { ConnectorClient } from 'botframework-connector';
import { forClient } from '../cards';
import type { ConversationStore, OutboxPayload } from '../store/store';

export interface DeliveryResult {
  activityId: string | null;
}

/** Delivers an outbox payload to a stored conversation. */
export type ConversationSender = (conversationKey: string, payload: OutboxPayload) => Promise<DeliveryResult>;

class UnknownConversationError extends Error {}

/** Sends proactive messages through the CloudAdapter to the conversation's serviceUrl. */
export function createConversationSender(adapter: CloudAdapter, appId: string, store: ConversationStore): ConversationSender {
  return async (conversationKey, payload) => {
    const stored = (await store.getConversation(conversationKey)) as Partial<ConversationReference> | null;
    if (!stored) throw new UnknownConversationError(`No conversation is stored under ${conversationKey}`);
    // Without the activity id of the message it was taken from, a send is a new post, not a reply.
    const { activityId: _replyTo, ...reference } = stored;
    let activityId: string | null = null;
    // A failure inside the callback would go to the adapter's onTurnError and be lost: keep it and throw it here.
    let failure: { error: unknown } | null = null;
    await adapter.continueConversationAsync(appId, reference, async (context) => {
      try {
        await deliverInTurn(context);
      } catch (error) {
        failure = { error };
      }
    });
    if (failure) throw (failure as { error: unknown }).error;
    return { activityId };

    async function deliverInTurn(context: TurnContext): Promise<void> {
      // Retries are ours (withTeamsLimits), so that every attempt is counted against Teams' rate limits.
      withoutSdkRetries(context.turnState.get<ConnectorClient>(context.adapter.ConnectorClientKey));
      // The card's buttons as the conversation's client renders them (Action.Submit in the Emulator and Web Chat).
      const activity: Partial<Activity> = payload.card
        ? MessageFactory.attachment(CardFactory.adaptiveCard(forClient(payload.card, reference.channelId)))
        : MessageFactory.text(payload.kind === 'post' ? (payload.text ?? '') : '');
      if (payload.summary) activity.summary = payload.summary;
      if (payload.kind === 'post' && payload.card && payload.text) {
        // Text above the card, with the mentions it names (Teams notifies the people mentioned).
        activity.text = payload.text;
        if (payload.entities) activity.entities = payload.entities as Activity['entities'];
      }
      if (payload.kind === 'update') {
        await context.updateActivity({ ...activity, id: payload.activityId, conversation: context.activity.conversation });
        activityId = payload.activityId;
      } else {
        // sendActivity would reply to the continuation event; a notification is a new post in the conversation.
        const client = context.turnState.get<ConnectorClient>(context.adapter.ConnectorClientKey);
        const conversationId = context.activity.conversation.id;
        const full = TurnContext.applyConversationReference({ ...activity }, reference as Partial<ConversationReference>) as Activity;
        delete (full as Partial<Activity>).replyToId;
        const sent = await client.conversations.sendToConversation(conversationId, full);
        activityId = sent?.id ?? null;
      }
    }
  };
}

/** The pipeline policies that retry on their own (core-rest-pipeline names). */
const SDK_RETRY_POLICIES = ['defaultRetryPolicy', 'exponentialRetryPolicy', 'throttlingRetryPolicy', 'systemErrorRetryPolicy', 'retryPolicy'];

/** Removes the connector client's built-in retries (they would bypass the rate limiter). */
export function withoutSdkRetries(client: ConnectorClient | undefined): void {
  // The compat layer keeps its core-client ServiceClient in a private field; its pipeline holds the retry policies.
  const inner: { pipeline?: { removePolicy(options: { name: string }): unknown } } | undefined = client?.['client'];
  const pipeline = inner?.pipeline;
  if (!pipeline) return;
  for (const name of SDK_RETRY_POLICIES) pipeline.removePolicy({ name });
}
