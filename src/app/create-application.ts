import type { ParsedCommand } from './parse-command';
import type { TurnOrigin } from './turn-origin';
import { greetingText, helpText } from './help-text';
import type { Json } from '../store/store';
import { admitTurn, TENANT_NOT_ALLOWED_MESSAGE } from './admit-turn';
import { conversationKeys } from '../store/store';
import type { AppContext } from './context';
import { escapeMarkdown } from './escape-markdown';
import { notifyHere } from './notify-here';
import { refuse, type Refusal } from '../workflow';
import { refused, refusedAction } from './respond';
import type { BotApplication, CardAction, CardActionResult, Reply } from './types';

type CommandHandler = (ctx: AppContext, origin: TurnOrigin, argument: string, reference: Json) => Promise<Reply[]>;
type ActionHandler = (ctx: AppContext, origin: TurnOrigin, action: CardAction, reference: Json) => Promise<CardActionResult>;

export interface ApplicationParts {
  commands: Partial<Record<Exclude<ParsedCommand['name'], 'unknown'>, CommandHandler>>;
  actions: Record<string, ActionHandler>;
}

const INVALID_USER_ID_MESSAGE =
  'Your message carries a user id that is not a Microsoft Entra object id, so I cannot tell who you are. Nothing was read or changed. In Teams this ' +
  "is automatic; in the Emulator or Web Chat, use a sandbox user's object id as the user id.";

/** The base commands every part of the bot shares. */
export const baseCommands: ApplicationParts['commands'] = {
  help: async () => [{ text: helpText() }],
  'notify here': (ctx, origin, _arg, reference) => notifyHere(ctx, origin, reference),
};

/** Wires commands and card actions into the application the bot calls. */
export function createApplication(ctx: AppContext, parts: ApplicationParts): BotApplication {
  const rememberConversation = async (origin: TurnOrigin, reference: Json) => {
    if (origin.conversationType === 'personal' && origin.userId) {
      await ctx.store.saveConversation(conversationKeys.user(origin.tenantId, origin.userId), reference);
    } else if (origin.conversationType === 'channel' && origin.channelId) {
      const channelReference = { ...reference, conversation: { ...(reference.conversation as Json), id: origin.channelId } };
      await ctx.store.saveConversation(conversationKeys.channel(origin.tenantId, origin.channelId), channelReference);
    }
  };

  /**
   * The gate before anything is read or stored: a channel or tenant the bot does not serve is
   * refused (and audited under the foreign tenant), and so is a user id that is not a GUID.
   */
  const refusalOf = async (origin: TurnOrigin, attempted: string): Promise<Refusal | null> => {
    const admission = admitTurn(ctx.config.tenancy, origin);
    if (!admission.ok) {
      const foreign = origin.tenantId || 'unknown';
      ctx.logger.warn({ tenantId: foreign, channel: origin.channel, attempted, why: admission.why }, 'activity refused: not this organisation');
      await ctx.store.appendAudit([
        {
          at: ctx.now().toISOString(),
          tenantId: foreign,
          requestId: null,
          actor: { id: origin.userId ?? 'unknown', name: origin.userName },
          action: attempted,
          outcome: 'refused',
          fromState: null,
          toState: null,
          version: 0,
          refusalCode: 'tenant_not_allowed',
          detail:
            `Refused a ${origin.channel || 'channel-less'} activity from tenant ${foreign}: ` +
            `${admission.why === 'channel' ? 'the bot does not serve this channel' : 'the bot serves another organisation'}.`,
        },
      ]);
      return refuse('tenant_not_allowed', TENANT_NOT_ALLOWED_MESSAGE);
    }
    if (origin.userIdProblem) {
      ctx.logger.info({ tenantId: origin.tenantId, attempted, problem: origin.userIdProblem }, 'activity refused: user id is not a GUID');
      return refuse('invalid_user_id', INVALID_USER_ID_MESSAGE);
    }
    return null;
  };

  return {
    async handleCommand(origin, command, reference) {
      const refusal = await refusalOf(origin, command.name === 'unknown' ? 'message' : command.name);
      if (refusal) return [{ text: refusal.message }];
      await rememberConversation(origin, reference);
      if (command.name === 'unknown') {
        const shown = command.text.length > 40 ? `${command.text.slice(0, 40)}…` : command.text;
        return [
          { text: shown ? `I don't know the command "${escapeMarkdown(shown)}". Type \`help\` to see what I can do.` : 'Type `help` to see what I can do.' },
        ];
      }
      const handler = parts.commands[command.name];
      if (!handler) return [{ text: `\`${command.name}\` is not available yet. Type \`help\` to see what I can do.` }];
      return handler(ctx, origin, command.argument, reference);
    },
    async handleCardAction(origin, action, reference) {
      const refusal = await refusalOf(origin, action.verb.slice(0, 64));
      if (refusal) return refusedAction(refusal);
      const handler = Object.prototype.hasOwnProperty.call(parts.actions, action.verb) ? parts.actions[action.verb] : undefined;
      if (!handler) {
        return refused('unknown_verb', `The card action "${action.verb.slice(0, 64)}" is not one this bot knows. Use the buttons on the bot's latest card.`);
      }
      await rememberConversation(origin, reference);
      return handler(ctx, origin, action, reference);
    },
    async handleInstalled(origin, reference) {
      const refusal = await refusalOf(origin, 'install');
      if (refusal) return [{ text: refusal.message }];
      await rememberConversation(origin, reference);
      return [{ text: greetingText(origin.conversationType === 'channel') }];
    },
  };
}
