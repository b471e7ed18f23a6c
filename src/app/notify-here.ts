import type { TurnOrigin } from '../bot/read-turn';
import type { Json, OutboxRecord, SocChannelRecord } from '../store/store';
import { conversationKeys } from './conversation-keys';
import type { AppContext } from './context';
import { escapeMarkdown } from './escape-markdown';
import type { Reply } from './types';

/**
 * `notify here`: any member makes this channel the SOC channel. The old channel
 * is told through the outbox; the new one in the reply; both are audited.
 */
export async function notifyHere(ctx: AppContext, origin: TurnOrigin, reference: Json): Promise<Reply[]> {
  if (origin.conversationType !== 'channel' || !origin.teamId || !origin.channelId) {
    return [{ text: 'Run `notify here` in the team channel where approvals and changes should be posted (mention me there: @Sentinel onboarding notify here).' }];
  }
  const at = ctx.now().toISOString();
  const setBy = { id: origin.userId ?? 'unknown', name: origin.userName };
  const key = conversationKeys.channel(origin.tenantId, origin.channelId);
  // New top-level posts go to the channel's own conversation id, not to the thread the command came from.
  const channelReference = { ...reference, conversation: { ...(reference.conversation as Json), id: origin.channelId } };
  await ctx.store.saveConversation(key, channelReference);

  const previous = await ctx.store.getSocChannel(origin.tenantId);
  const record: SocChannelRecord = { tenantId: origin.tenantId, teamId: origin.teamId, channelId: origin.channelId, conversationReference: channelReference, setBy, setAt: at };
  const outbox: OutboxRecord[] = [];
  if (previous && previous.channelId !== origin.channelId) {
    outbox.push({
      id: ctx.newId(),
      tenantId: origin.tenantId,
      requestId: null,
      conversationKey: conversationKeys.channel(previous.tenantId, previous.channelId),
      payload: { kind: 'post', text: `Approvals and changes are now posted in another channel (set by ${escapeMarkdown(setBy.name)}). This channel no longer receives them.` },
      createdAt: at,
      attempts: 0,
      nextAttemptAt: at,
      sentAt: null,
    });
  }
  await ctx.store.setSocChannel(
    record,
    {
      at,
      tenantId: origin.tenantId,
      requestId: null,
      actor: setBy,
      action: 'soc_channel.set',
      outcome: 'accepted',
      fromState: previous?.channelId ?? null,
      toState: origin.channelId,
      detail: `SOC channel set to team ${origin.teamId}, channel ${origin.channelId}`,
    },
    outbox,
  );
  ctx.logger.info({ tenantId: origin.tenantId, channelId: origin.channelId }, 'SOC channel set');
  if (outbox.length > 0) ctx.kickOutbox();
  return [{ text: `This channel is now the SOC channel: connection requests, approvals and changes will be posted here (set by ${escapeMarkdown(setBy.name)}).` }];
}
