import type { CardVerb } from '../cards';
import { CARD_ACTIONS, isCardVerb } from './card-actions/card-actions';
import type { CardActionHandler } from './card-actions/define-action';
import { COMMAND_HANDLERS, type CommandHandler } from './commands';
import type { CommandName } from './parse-command';
import type { TurnOrigin } from './turn-origin';
import { greetingText } from './help-text';
import type { Json } from '../store/store';
import { admitTurn, TENANT_NOT_ALLOWED_MESSAGE } from './admit-turn';
import { conversationKeys } from '../store/store';
import type { AppContext } from './context';
import { escapeMarkdown } from './escape-markdown';
import { refuse, type Refusal } from '../workflow';
import { REFUSAL_WIRE } from './refusal-wire';
import { refused, refusedAction } from './respond';
import { searchWorkspaces } from './search/workspace-search';
import type { BotApplication, TurnProgress } from './types';

/** The commands and card verbs the application answers; the defaults are the bot's. */
export interface ApplicationParts {
  commands: { readonly [C in CommandName]: CommandHandler };
  actions: { readonly [V in CardVerb]: CardActionHandler };
}

const INVALID_USER_ID_MESSAGE =
  'Your message carries a user id that is not a Microsoft Entra object id, so I cannot tell who you are. Nothing was read or changed. In Teams this ' +
  "is automatic; in the Emulator or Web Chat, use a sandbox user's object id as the user id.";

/**
 * The application the bot calls: every turn passes the gate (tenant, channel, user id), then goes
 * to its command or card verb. How an action arrived (an Action.Execute invoke, or later a message
 * activity whose value carries the verb) does not matter here: it is one CardAction.
 */
export function createApplication(ctx: AppContext, parts: ApplicationParts = { commands: COMMAND_HANDLERS, actions: CARD_ACTIONS }): BotApplication {
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

  /**
   * The one error boundary: what is neither an answer nor a refusal (a bug, the database gone) is
   * logged, with the turn's correlation id, and answered as an internal error.
   */
  const internalError = (err: unknown, attempted: string) => {
    ctx.logger.error({ err, attempted }, 'turn failed: answered as an internal error');
  };

  const app: BotApplication = {
    async handleCommand(origin, command, reference, progress = NO_PROGRESS) {
      const refusal = await refusalOf(origin, command.name === 'unknown' ? 'message' : command.name);
      if (refusal) return [{ text: refusal.message }];
      await rememberConversation(origin, reference);
      if (command.name === 'unknown') {
        const shown = command.text.length > 40 ? `${command.text.slice(0, 40)}…` : command.text;
        return [
          { text: shown ? `I don't know the command "${escapeMarkdown(shown)}". Type \`help\` to see what I can do.` : 'Type `help` to see what I can do.' },
        ];
      }
      return parts.commands[command.name](ctx, origin, command.argument, reference, progress);
    },
    async handleCardAction(origin, action, reference) {
      const refusal = await refusalOf(origin, action.verb.slice(0, 64));
      if (refusal) return refusedAction(refusal);
      if (!isCardVerb(action.verb)) {
        return refused('unknown_verb', `The card action "${action.verb.slice(0, 64)}" is not one this bot knows. Use the buttons on the bot's latest card.`);
      }
      await rememberConversation(origin, reference);
      return parts.actions[action.verb](ctx, origin, action);
    },
    async handleSearch(origin, query) {
      const refusal = await refusalOf(origin, 'search');
      if (refusal) return { ok: false, statusCode: REFUSAL_WIRE[refusal.code].status, code: REFUSAL_WIRE[refusal.code].code, message: refusal.message };
      return searchWorkspaces(ctx, query);
    },
    async handleInstalled(origin, reference) {
      const refusal = await refusalOf(origin, 'install');
      if (refusal) return [{ text: refusal.message }];
      await rememberConversation(origin, reference);
      if (!(await firstGreeting(ctx, origin, reference))) return [];
      return [{ text: greetingText(origin.conversationType) }];
    },
  };
  return {
    async handleCommand(origin, command, reference, progress) {
      try {
        return await app.handleCommand(origin, command, reference, progress);
      } catch (err) {
        internalError(err, command.name);
        return [{ text: INTERNAL_ERROR_TEXT }];
      }
    },
    async handleCardAction(origin, action, reference) {
      try {
        return await app.handleCardAction(origin, action, reference);
      } catch (err) {
        internalError(err, action.verb.slice(0, 64));
        return refused('internal_error', INTERNAL_ERROR_CLICK);
      }
    },
    async handleSearch(origin, query) {
      try {
        return await app.handleSearch(origin, query);
      } catch (err) {
        internalError(err, 'search');
        return { ok: false, statusCode: 500, code: 'InternalError', message: INTERNAL_ERROR_CLICK };
      }
    },
    async handleInstalled(origin, reference) {
      try {
        return await app.handleInstalled(origin, reference);
      } catch (err) {
        internalError(err, 'install');
        return [{ text: INTERNAL_ERROR_TEXT }];
      }
    },
  };
}

/**
 * How long a greeting stands: Teams sends an install as two activities (installationUpdate and a
 * conversationUpdate naming the bot), seconds apart, and only the first is greeted; an install a day
 * later is greeted again.
 */
const GREETING_STANDS_MS = 24 * 3_600_000;

/**
 * True for the first install activity of a conversation: an atomic claim in the store (a lease
 * named after the conversation), so two activities in flight at once greet once, on any instance.
 */
async function firstGreeting(ctx: AppContext, origin: TurnOrigin, reference: Json): Promise<boolean> {
  const conversation = (reference.conversation ?? {}) as Json;
  const where = origin.channelId ?? (typeof conversation.id === 'string' ? conversation.id.split(';')[0] : '');
  const now = ctx.now();
  const until = new Date(now.getTime() + GREETING_STANDS_MS).toISOString();
  return ctx.store.claimRequestLease(`greeting:${origin.tenantId}:${where}`, ctx.newId(), now.toISOString(), until);
}

/** Progress of a turn whose client cannot be shown any (none given): the final replies alone. */
const NO_PROGRESS: TurnProgress = { show: async () => undefined };

const INTERNAL_ERROR_TEXT = 'Sorry, something went wrong on my side. Nothing was changed. Please try again; if it keeps failing, tell your Teams admin.';
const INTERNAL_ERROR_CLICK = 'Something went wrong on my side and your click could not be handled. Please try again.';
