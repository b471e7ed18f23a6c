import type { AdaptiveCard } from './adaptive-card';

/**
 * The one place where a card's size is judged. Every template expansion passes through
 * {@link ensureCardFits} (load-template.ts), so a card over the limit is never sent: a card whose
 * content can grow folds or cuts it ({@link firstCardThatFits}), and a card that still does not
 * fit is a bug that fails loudly.
 */

/** Teams' size limit for a card, as the conversation contract fixes it (28 KB). */
export const TEAMS_CARD_LIMIT_BYTES = 28 * 1024;

/** Room left for the activity around the card (ids, conversation, summary), so that the whole message stays within the limit too. */
const ACTIVITY_ALLOWANCE_BYTES = 2 * 1024;

/** The most a card may weigh. */
export const CARD_MAX_BYTES = TEAMS_CARD_LIMIT_BYTES - ACTIVITY_ALLOWANCE_BYTES;

/** A card's size as Teams receives it: its JSON (the attachment's `content`) in UTF-8. */
export function cardBytes(card: object): number {
  return Buffer.byteLength(JSON.stringify(card), 'utf8');
}

/** A card that would pass the limit: its content must be folded or cut, never sent. */
export class CardTooLargeError extends Error {
  constructor(
    readonly cardName: string,
    readonly bytes: number,
  ) {
    super(`The ${cardName} card would be ${bytes} bytes, over the ${CARD_MAX_BYTES}-byte limit: fold or split its content.`);
    this.name = 'CardTooLargeError';
  }
}

/** Returns the card when it fits, else throws {@link CardTooLargeError}. */
export function ensureCardFits<T extends object>(cardName: string, card: T): T {
  const bytes = cardBytes(card);
  if (bytes > CARD_MAX_BYTES) throw new CardTooLargeError(cardName, bytes);
  return card;
}

/**
 * Renders with each option in turn (the most generous first) and returns the first card that
 * fits; the last option must always fit (e.g. a list folded to nothing), else its error stands.
 */
export function firstCardThatFits<T, C extends object = AdaptiveCard>(options: readonly T[], render: (option: T) => C): C {
  if (options.length === 0) throw new Error('firstCardThatFits needs at least one option');
  for (const option of options.slice(0, -1)) {
    try {
      return render(option);
    } catch (err) {
      if (!(err instanceof CardTooLargeError)) throw err;
    }
  }
  return render(options[options.length - 1]!);
}
