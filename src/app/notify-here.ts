import type { TurnOrigin } from './turn-origin';
import { describeCallError, isAzureFailure } from '../checks/describe-call-error';
import { evaluateSocChannelMoverRoles } from '../checks/evaluate-soc-channel-mover';
import { SOC_CHANNEL_MOVER_RULE, type Refusal } from '../workflow';
import type { Json, OutboxRecord, SocChannelRecord } from '../store/store';
import { newOutboxItem, outboxPayload } from '../store/outbox-item';
import { conversationKeys } from '../store/store';
import type { AppContext } from './context';
import { escapeMarkdown } from './escape-markdown';
import type { Reply } from './types';
import { lacksUniversalActions } from '../cards';

/** Where `notify here` was said, as a SOC channel: a Teams team channel, or a sandbox client's conversation. */
interface SocPlace {
  teamId: string;
  channelId: string;
  /** The reference new posts go to. */
  reference: Json;
  /** "channel" in Teams, "conversation" in the Emulator and Web Chat. */
  noun: string;
}

/**
 * A Teams team channel; in sandbox mode, for the clients that have no team channels (Emulator,
 * Web Chat), the conversation itself (its `teamId` is the client's channel id, e.g. `emulator`),
 * so that two people can walk the approval there.
 */
function socPlaceOf(ctx: AppContext, origin: TurnOrigin, reference: Json): SocPlace | null {
  if (origin.conversationType === 'channel' && origin.teamId && origin.channelId) {
    // New top-level posts go to the channel's own conversation id, not to the thread the command came from.
    const channelReference = { ...reference, conversation: { ...(reference.conversation as Json), id: origin.channelId } };
    return { teamId: origin.teamId, channelId: origin.channelId, reference: channelReference, noun: 'channel' };
  }
  const conversationId = (reference.conversation as { id?: unknown } | undefined)?.id;
  if (ctx.config.tenancy.mode === 'sandbox' && lacksUniversalActions(origin.channel) && typeof conversationId === 'string' && conversationId !== '') {
    return { teamId: origin.channel, channelId: conversationId, reference, noun: 'conversation' };
  }
  return null;
}

/**
 * `notify here`: any member makes this channel the SOC channel when none is set; moving an
 * existing one needs an administrator's roles (read now). The old channel is told through the
 * outbox, the new one in the reply; every change and every refused move is audited.
 */
export async function notifyHere(ctx: AppContext, origin: TurnOrigin, reference: Json): Promise<Reply[]> {
  const place = socPlaceOf(ctx, origin, reference);
  if (!place) {
    return [
      { text: 'Run `notify here` in the team channel where approvals and changes should be posted (mention me there: @Sentinel onboarding notify here).' },
    ];
  }
  const at = ctx.now().toISOString();
  const setBy = { id: origin.userId ?? 'unknown', name: origin.userName };
  const current = await ctx.store.getSocChannel(origin.tenantId);
  if (current && current.channelId !== place.channelId) {
    const refusal = await moveRefusal(ctx, origin);
    if (refusal) {
      await ctx.store.appendAudit([
        {
          at,
          tenantId: origin.tenantId,
          requestId: null,
          actor: setBy,
          action: 'soc_channel.set',
          outcome: 'refused',
          fromState: current.channelId,
          toState: current.channelId,
          version: 0,
          refusalCode: refusal.code,
          detail: `${refusal.message} Tried from team ${place.teamId}, channel ${place.channelId}.`,
        },
      ]);
      const told = outboxPayload.text(
        `${escapeMarkdown(setBy.name)} tried to make another channel the SOC channel and was refused ` +
          `(${refusal.code === 'not_qualified' ? 'not an administrator' : 'roles could not be read'}). Approvals and changes are still posted here.`,
      );
      const to = { tenantId: origin.tenantId, requestId: null, conversationKey: conversationKeys.channel(current.tenantId, current.channelId) };
      await ctx.store.enqueueOutbox([newOutboxItem(to, told, { id: ctx.newId(), at })]);
      ctx.kickOutbox();
      ctx.logger.warn({ tenantId: origin.tenantId, channelId: place.channelId, code: refusal.code }, 'SOC channel move refused');
      return [{ text: refusal.message }];
    }
  }
  const key = conversationKeys.channel(origin.tenantId, place.channelId);
  await ctx.store.saveConversation(key, place.reference);

  const previous = current;
  const record: SocChannelRecord = {
    tenantId: origin.tenantId,
    teamId: place.teamId,
    channelId: place.channelId,
    conversationReference: place.reference,
    setBy,
    setAt: at,
  };
  const outbox: OutboxRecord[] = [];
  if (previous && previous.channelId !== place.channelId) {
    const to = { tenantId: origin.tenantId, requestId: null, conversationKey: conversationKeys.channel(previous.tenantId, previous.channelId) };
    const moved = outboxPayload.text(
      `Approvals and changes are now posted in another channel (set by ${escapeMarkdown(setBy.name)}). This channel no longer receives them.`,
    );
    outbox.push(newOutboxItem(to, moved, { id: ctx.newId(), at }));
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
      toState: place.channelId,
      detail: `SOC channel set to team ${place.teamId}, channel ${place.channelId}`,
    },
    outbox,
  );
  ctx.logger.info({ tenantId: origin.tenantId, channelId: place.channelId }, 'SOC channel set');
  if (outbox.length > 0) ctx.kickOutbox();
  return [
    {
      text: `This ${place.noun} is now the SOC channel: connection requests, approvals and changes will be posted here (set by ${escapeMarkdown(setBy.name)}).`,
    },
  ];
}

/** Why this person may not move the SOC channel, or null when their roles (read now) allow it. */
async function moveRefusal(ctx: AppContext, origin: TurnOrigin): Promise<Refusal | null> {
  const intro = 'This team already has a SOC channel elsewhere, and approvals are asked there.';
  if (!origin.userId)
    return { code: 'not_qualified', message: `${intro} ${SOC_CHANNEL_MOVER_RULE} I cannot tell who you are, so the SOC channel stays where it is.` };
  try {
    const roles = await evaluateSocChannelMoverRoles(ctx.arm, ctx.graph, origin.userId);
    if (roles.qualified) return null;
  } catch (err) {
    if (!isAzureFailure(err)) throw err;
    return {
      code: 'roles_unverified',
      message:
        `${intro} ${SOC_CHANNEL_MOVER_RULE} Your roles could not be read (${describeCallError(err)}), so the SOC channel stays where it is; ` +
        `try again in a minute.`,
    };
  }
  return {
    code: 'not_qualified',
    message:
      `${intro} ${SOC_CHANNEL_MOVER_RULE} You hold none of these roles, so the SOC channel stays where it is; ask an administrator to run ` +
      `\`notify here\` in this channel.`,
  };
}
