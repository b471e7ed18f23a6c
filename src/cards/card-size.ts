import type { AdaptiveCard } from './adaptive-card';

/**
 * The one place where a card's size is judged. Every template expansion passes through
 * {@link ensureCardFits} (load-template.ts), so a card over the limit is never sent: a card whose
 * content can grow folds or cuts it ({@link firstCardThatFits}, {@link foldToFit}) or splits it
 * over several messages ({@link splitToFit}), and a card that still does not fit is a bug that fails loudly.
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

/** The card of `render`, or the size it would have had. */
function attempt<C extends object>(render: () => C): { card: C } | { bytes: number } {
  try {
    return { card: render() };
  } catch (err) {
    if (err instanceof CardTooLargeError) return { bytes: err.bytes };
    throw err;
  }
}

/**
 * The largest count in 0..max whose card fits, with that card: `max` first; else a guess from the
 * sizes (the share of `max` the limit leaves room for), galloping away from it and halving, so a
 * long list costs a few renders rather than one per item. Assumes that fewer items never weigh more.
 */
function largestFitting<C extends object>(max: number, render: (count: number) => C): { count: number; card: C } {
  const whole = attempt(() => render(max));
  if ('card' in whole) return { count: max, card: whole.card };
  const empty = render(0);
  let lo = 0;
  let loCard = empty;
  let hi = max;
  const fits = (n: number): boolean => {
    const tried = attempt(() => render(n));
    if ('card' in tried) {
      lo = n;
      loCard = tried.card;
      return true;
    }
    hi = n;
    return false;
  };
  const base = cardBytes(empty);
  const guess = Math.floor((max * (CARD_MAX_BYTES - base)) / Math.max(1, whole.bytes - base));
  if (hi - lo > 1 && fits(Math.min(hi - 1, Math.max(lo + 1, guess)))) {
    for (let step = 1; hi - lo > 1 && fits(Math.min(hi - 1, lo + step)); step *= 2);
  } else {
    for (let step = 1; hi - lo > 1 && !fits(Math.max(lo + 1, hi - step)); step *= 2);
  }
  while (hi - lo > 1) fits(Math.floor((lo + hi) / 2));
  return { count: lo, card: loCard };
}

/**
 * One card with as many of `items` as fit: `render(shown, folded)` gets the first items and how
 * many were left out, which the card states (e.g. "…and 12 more"). The card without any item must fit.
 */
export function foldToFit<T, C extends object>(items: readonly T[], render: (shown: readonly T[], folded: number) => C): C {
  return largestFitting(items.length, (n) => render(items.slice(0, n), items.length - n)).card;
}

/**
 * Every one of `items`, over as many cards as it takes, in order: `render(page, index, last)` gets
 * the items of one card, its position, and whether it is the last (which may carry a totals line).
 */
export function splitToFit<T, C extends object>(items: readonly T[], render: (page: readonly T[], index: number, last: boolean) => C): C[] {
  const cards: C[] = [];
  let rest = items;
  do {
    const index = cards.length;
    const { count, card } = largestFitting(rest.length, (n) => render(rest.slice(0, n), index, n === rest.length));
    if (count === 0 && rest.length > 0) throw new CardTooLargeError(`page ${index + 1}`, cardBytes(render(rest.slice(0, 1), index, rest.length === 1)));
    cards.push(card);
    rest = rest.slice(count);
  } while (rest.length > 0);
  return cards;
}
