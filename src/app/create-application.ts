import type { ParsedCommand } from '../bot/parse-command';
import type { TurnOrigin } from '../bot/read-turn';
import { greetingText, helpText } from '../bot/help-text';
import type { Json } from '../store/store';
import { conversationKeys } from './conversation-keys';
import type { AppContext } from './context';
import { escapeMarkdown } from './escape-markdown';
import { notifyHere } from './notify-here';
import type { BotApplication, CardAction, CardActionResult, Reply } from './types';

type CommandHandler = (ctx: AppContext, origin: TurnOrigin, argument: string, reference: Json) => Promise<Reply[]>;
type ActionHandler = (ctx: AppContext, origin: TurnOrigin, action: CardAction, reference: Json) => Promise<CardActionResult>;

export interface ApplicationParts {
  commands: Partial<Record<Exclude<ParsedCommand['name'], 'unknown'>, CommandHandler>>;
  actions: Record<string, ActionHandler>;
}

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

  return {
    async handleCommand(origin, command, reference) {
      await rememberConversation(origin, reference);
      if (command.name === 'unknown') {
        const shown = command.text.length > 40 ? `${command.text.slice(0, 40)}…` : command.text;
        return [{ text: shown ? `I don't know the command "${escapeMarkdown(shown)}". Type \`help\` to see what I can do.` : 'Type `help` to see what I can do.' }];
      }
      const handler = parts.commands[command.name];
      if (!handler) return [{ text: `\`${command.name}\` is not available yet. Type \`help\` to see what I can do.` }];
      return handler(ctx, origin, command.argument, reference);
    },
    async handleCardAction(origin, action, reference) {
      const handler = Object.prototype.hasOwnProperty.call(parts.actions, action.verb) ? parts.actions[action.verb] : undefined;
      if (!handler) {
        return { ok: false, statusCode: 400, code: 'UnknownVerb', message: `The card action "${action.verb.slice(0, 64)}" is not one this bot knows. Use the buttons on the bot's latest card.` };
      }
      await rememberConversation(origin, reference);
      return handler(ctx, origin, action, reference);
    },
    async handleInstalled(origin, reference) {
      await rememberConversation(origin, reference);
      return [{ text: greetingText(origin.conversationType === 'channel') }];
    },
  };
}
