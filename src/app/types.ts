import type { ParsedCommand } from './parse-command';
import type { TurnOrigin } from './turn-origin';
import type { CardJson, Json } from '../store/store';
import type { RefusalStatus } from './refusal-wire';

/** What the bot says back in the conversation of the turn. */
export type Reply = { text: string } | { card: Json; summary?: string };

/** The answer to a card action (Action.Execute): the card that replaces the clicked one, or a refusal. */
export type CardActionResult =
  | { ok: true; card: CardJson }
  /** `statusCode` and `code` as the client sees them: made from a refusal by `refusedAction` (REFUSAL_WIRE). */
  | { ok: false; statusCode: RefusalStatus; code: string; message: string };

/** A card action as received, before validation. */
export interface CardAction {
  verb: string;
  data: Record<string, unknown>;
  /** The id of the activity that holds the clicked card, when the client sent it. */
  replyToId: string | null;
}

/** A card that a long command shows at once and then replaces while it runs (e.g. the progress of `check all`). */
export interface TurnProgress {
  /** The first call posts the card in the turn's conversation; each later call replaces it. */
  show(card: Json, summary?: string): Promise<void>;
}

/** A typeahead search from a card's `Data.Query` input (the `application/search` invoke). */
export interface SearchQuery {
  dataset: string;
  /** What the user typed; may be empty. */
  queryText: string;
  skip: number;
  top: number;
}

/** The answer to a search: `{title, value}` choices, or why not. */
export type SearchResult = { ok: true; results: { title: string; value: string }[] } | { ok: false; statusCode: number; code: string; message: string };

/** The application as the bot sees it: commands and card actions in, replies out. No botbuilder here. */
export interface BotApplication {
  /** A text command from a user; `conversationReference` is this conversation's, as JSON. */
  handleCommand(origin: TurnOrigin, command: ParsedCommand, conversationReference: Json, progress?: TurnProgress): Promise<Reply[]>;
  handleCardAction(origin: TurnOrigin, action: CardAction, conversationReference: Json): Promise<CardActionResult>;
  /** A typeahead search of a card input (the workspace picker of a large tenant). */
  handleSearch(origin: TurnOrigin, query: SearchQuery): Promise<SearchResult>;
  /** The bot was added to a personal chat or a team. */
  handleInstalled(origin: TurnOrigin, conversationReference: Json): Promise<Reply[]>;
}
