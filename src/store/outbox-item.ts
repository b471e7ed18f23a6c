import type { CardJson, Json, OutboxPayload, OutboxRecord, PostTracking } from './store';

/** Where a notification goes, and the tenant and request it belongs to. */
export interface OutboxAddress {
  tenantId: string;
  requestId: string | null;
  conversationKey: string;
}

/** The payloads the bot queues; every notification's payload is made here. */
export const outboxPayload = {
  /** A plain-text post. */
  text: (text: string): OutboxPayload => ({ kind: 'post', text }),
  /** A card post with its one-line summary; `track` records the activity id it gets, for later updates. */
  card: (card: CardJson, summary?: string, track?: PostTracking): OutboxPayload => ({
    kind: 'post',
    card,
    ...(summary !== undefined ? { summary } : {}),
    ...(track ? { track } : {}),
  }),
  /** A card post with text above it that @mentions people: `entities` are the Teams `mention`s of the `<at>` names in `text`. */
  mentioningCard: (card: CardJson, mention: { text: string; entities: Json[] }, summary?: string, track?: PostTracking): OutboxPayload => ({
    kind: 'post',
    card,
    text: mention.text,
    entities: mention.entities,
    ...(summary !== undefined ? { summary } : {}),
    ...(track ? { track } : {}),
  }),
  /** Replaces the card of an activity posted before. */
  update: (activityId: string, card: CardJson): OutboxPayload => ({ kind: 'update', activityId, card }),
};

/** A new outbox item, due at once; `id` and `at` come from the caller (its id source and clock). */
export function newOutboxItem(to: OutboxAddress, payload: OutboxPayload, made: { id: string; at: string }): OutboxRecord {
  return { id: made.id, ...to, payload, createdAt: made.at, attempts: 0, nextAttemptAt: made.at, sentAt: null };
}
