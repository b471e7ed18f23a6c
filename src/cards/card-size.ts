import type { AdaptiveCard } from './adaptive-card';

/** No card the bot sends is larger than this (Teams' 28 KB, contracts/conversation.md), in bytes of its JSON. */
export const CARD_MAX_BYTES = 28_000;

/** The size of a card as it is sent: bytes of its JSON, UTF-8. */
export function cardBytes(card: object): number {
  return new TextEncoder().encode(JSON.stringify(card)).length;
}

/**
 * Renders with each option in turn (the most generous first) and returns the first card within
 * CARD_MAX_BYTES, or the last one: lists are cut rather than the card refused.
 */
export function firstCardThatFits<T>(options: readonly T[], render: (option: T) => AdaptiveCard): AdaptiveCard {
  let card: AdaptiveCard | undefined;
  for (const option of options) {
    card = render(option);
    if (cardBytes(card) <= CARD_MAX_BYTES) return card;
  }
  if (!card) throw new Error('firstCardThatFits needs at least one option');
  return card;
}
