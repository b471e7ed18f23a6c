import {
  ActivityTypes,
  CardFactory,
  CloudAdapter,
  MessageFactory,
  TeamsActivityHandler,
  TurnContext,
  type Activity,
  type ConversationReference,
  type InvokeResponse,
} from 'botbuilder';
import { refused } from '../app/respond';
import type { BotApplication, CardActionResult, Reply, SearchQuery, SearchResult, TurnProgress } from '../app/types';
import type { Json } from '../store/store';
import { parseCommand } from '../app/parse-command';
import { readTurn } from './read-turn';
import { isSubmitAction, readCardAction, readSubmitAction } from './read-card-action';
import { forClient, lacksUniversalActions } from '../cards';

export interface OnboardingBotOptions {
  app: BotApplication;
  /** In sandbox mode a client without Entra (the Emulator) may act as a sandbox user through its user id. */
  sandboxIdentity: boolean;
  /**
   * In sandbox mode the clients without Universal Actions (Emulator, Web Chat) click Action.Submit
   * buttons: a message whose value holds a verb is then a card action.
   */
  submitActions?: boolean;
  /** Tenant id used when an activity carries none (Emulator). */
  defaultTenantId: string;
  /** The bot's app id, for the messages a long command posts after its turn ended ('' in the sandbox). */
  appId?: string;
  /** Told when such a message could not be sent. */
  onDetachedError?: (err: unknown) => void;
}

/**
 * Commands that may run longer than a message turn may take (Teams gives about 15 s): their turn
 * answers at once, and their progress and replies are posted into the conversation afterwards.
 */
const DETACHED_COMMANDS: ReadonlySet<string> = new Set(['check all']);

/**
 * The Teams activity handler: turns activities into application calls and replies
 * into activities. It holds no business rules.
 */
export class OnboardingBot extends TeamsActivityHandler {
  constructor(private readonly options: OnboardingBotOptions) {
    super();
    this.onMessage(async (context, next) => {
      if (this.options.submitActions && lacksUniversalActions(context.activity.channelId) && isSubmitAction(context.activity)) {
        await this.onSubmitAction(context);
        await next();
        return;
      }
      const origin = this.origin(context);
      const command = parseCommand(context.activity.text);
      if (DETACHED_COMMANDS.has(command.name) && context.adapter instanceof CloudAdapter) {
        const out = afterTheTurn(context.adapter, this.options.appId ?? '', TurnContext.getConversationReference(context.activity));
        void this.options.app
          .handleCommand(origin, command, this.reference(context), out.progress)
          .then(out.send)
          .catch((err: unknown) => this.options.onDetachedError?.(err));
      } else {
        const replies = await this.options.app.handleCommand(origin, command, this.reference(context), cardProgress(context));
        await sendReplies(context, replies);
      }
      await next();
    });
    this.onInstallationUpdateAdd(async (context, next) => {
      await this.greet(context);
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      const botId = context.activity.recipient?.id;
      if ((context.activity.membersAdded ?? []).some((m) => m.id === botId)) await this.greet(context);
      await next();
    });
  }

  protected override async onInvokeActivity(context: TurnContext): Promise<InvokeResponse> {
    if (context.activity.name === 'application/search') {
      // Read here rather than by botbuilder's onSearchInvoke, which answers 400 to an empty queryText (the picker's first keystroke may be none).
      const result = await this.options.app.handleSearch(this.origin(context), readSearchQuery(context.activity.value));
      return { status: 200, body: toSearchBody(result) };
    }
    if (context.activity.name !== 'adaptiveCard/action') {
      // The bot uses no other invoke (task modules, message extensions, sign-in); the base handler would answer 501.
      const name = typeof context.activity.name === 'string' ? context.activity.name.slice(0, 64) : '';
      return {
        status: 400,
        body: {
          code: 'UnsupportedInvoke',
          message: `This bot does not handle "${name}" invokes; it only handles Adaptive Card actions (adaptiveCard/action) and searches (application/search).`,
        },
      };
    }
    const origin = this.origin(context);
    const parsed = readCardAction(context.activity);
    const result: CardActionResult = parsed.ok
      ? await this.options.app.handleCardAction(origin, parsed.action, this.reference(context))
      : refused('bad_request', parsed.message);
    // Teams expects HTTP 200 with the outcome in the body, also for a refusal.
    return { status: 200, body: toInvokeBody(result) };
  }

  /**
   * An Action.Submit click from a client without Universal Actions: the same handler as the
   * invoke with that verb, answered with a new message (the resulting card, or the refusal as text).
   */
  private async onSubmitAction(context: TurnContext): Promise<void> {
    const parsed = readSubmitAction(context.activity);
    const result: CardActionResult = parsed.ok
      ? await this.options.app.handleCardAction(this.origin(context), parsed.action, this.reference(context))
      : refused('bad_request', parsed.message);
    await sendReplies(context, [result.ok ? { card: result.card } : { text: result.message }]);
  }

  private async greet(context: TurnContext): Promise<void> {
    // A conversationUpdate and an installationUpdate may both arrive for one install; greet once a turn.
    if (context.turnState.get('greeted')) return;
    context.turnState.set('greeted', true);
    const replies = await this.options.app.handleInstalled(this.origin(context), this.reference(context));
    await sendReplies(context, replies);
  }

  private origin(context: TurnContext) {
    return readTurn(context.activity, { sandboxIdentity: this.options.sandboxIdentity, defaultTenantId: this.options.defaultTenantId });
  }

  private reference(context: TurnContext): Json {
    return { ...TurnContext.getConversationReference(context.activity) };
  }
}

/** The invoke response body the conversation contract prescribes. */
function toInvokeBody(result: CardActionResult): Json {
  return result.ok
    ? { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: result.card }
    : { statusCode: result.statusCode, type: 'application/vnd.microsoft.error', value: { code: result.code, message: result.message } };
}

/** The search an `application/search` invoke asks for; what is missing or malformed reads as empty. */
function readSearchQuery(value: unknown): SearchQuery {
  const v = (typeof value === 'object' && value !== null ? value : {}) as { dataset?: unknown; queryText?: unknown; queryOptions?: unknown };
  const options = (typeof v.queryOptions === 'object' && v.queryOptions !== null ? v.queryOptions : {}) as { skip?: unknown; top?: unknown };
  const count = (n: unknown, fallback: number) => (typeof n === 'number' && Number.isFinite(n) ? n : fallback);
  return {
    dataset: typeof v.dataset === 'string' ? v.dataset.slice(0, 64) : '',
    queryText: typeof v.queryText === 'string' ? v.queryText.slice(0, 200) : '',
    skip: count(options.skip, 0),
    top: count(options.top, 15),
  };
}

/** The search response body Teams reads (conversation contract, "Large tenants"). */
function toSearchBody(result: SearchResult): Json {
  return result.ok
    ? { statusCode: 200, type: 'application/vnd.microsoft.search.searchResponse', value: { results: result.results } }
    : { statusCode: result.statusCode, type: 'application/vnd.microsoft.error', value: { code: result.code, message: result.message } };
}

/** A progress card in the turn's conversation: posted once, then replaced (updateActivity) at each later call. */
function cardProgress(context: TurnContext): TurnProgress {
  let id: string | undefined;
  return {
    async show(card, summary) {
      const activity = { ...toActivity({ card, summary }, context.activity.channelId), type: ActivityTypes.Message };
      if (id === undefined) id = (await context.sendActivity(activity))?.id ?? '';
      else if (id !== '') await context.updateActivity({ ...activity, id });
    },
  };
}

/** Progress and replies posted into the conversation after the turn ended, each through its own continuation. */
function afterTheTurn(adapter: CloudAdapter, appId: string, reference: Partial<ConversationReference>) {
  const inConversation = (logic: (context: TurnContext) => Promise<void>) => adapter.continueConversationAsync(appId, reference, logic);
  let progressId: string | undefined;
  const progress: TurnProgress = {
    async show(card, summary) {
      const activity = { ...toActivity({ card, summary }, reference.channelId), type: ActivityTypes.Message };
      await inConversation(async (context) => {
        if (progressId === undefined) progressId = (await context.sendActivity(activity))?.id ?? '';
        else if (progressId !== '') await context.updateActivity({ ...activity, id: progressId });
      });
    },
  };
  const send = (replies: Reply[]) => inConversation((context) => sendReplies(context, replies));
  return { progress, send };
}

/** Builds the message activity for a reply, its card's buttons as the channel's client renders them. */
function toActivity(reply: Reply, channelId: string | undefined): Partial<Activity> {
  if ('text' in reply) return MessageFactory.text(reply.text);
  const activity = MessageFactory.attachment(CardFactory.adaptiveCard(forClient(reply.card, channelId)));
  if (reply.summary) activity.summary = reply.summary;
  return activity;
}

async function sendReplies(context: TurnContext, replies: Reply[]): Promise<void> {
  if (replies.length === 0) return;
  await context.sendActivities(replies.map((r) => ({ ...toActivity(r, context.activity.channelId), type: ActivityTypes.Message })));
}
