import { CARD_MAX_BYTES, CardTooLargeError, cardBytes, ensureCardFits, firstCardThatFits, TEAMS_CARD_LIMIT_BYTES } from '../../src/cards/card-size';
import { expandCard } from '../../src/cards/load-template';

describe('card size: measured as sent, guarded at render time', () => {
  test('a card weighs the UTF-8 bytes of its JSON; the limit leaves room for the activity within Teams’ 28 KB', () => {
    expect(cardBytes({ text: 'é' })).toBe(JSON.stringify({ text: 'é' }).length + 1);
    expect(TEAMS_CARD_LIMIT_BYTES).toBe(28 * 1024);
    expect(CARD_MAX_BYTES).toBeLessThan(TEAMS_CARD_LIMIT_BYTES);
  });

  test('ensureCardFits passes a card within the limit and refuses one over it, naming the card and its size', () => {
    const small = { type: 'AdaptiveCard', body: [] };
    expect(ensureCardFits('small', small)).toBe(small);
    const big = { type: 'AdaptiveCard', body: [{ type: 'TextBlock', text: 'x'.repeat(CARD_MAX_BYTES) }] };
    expect(() => ensureCardFits('big', big)).toThrow(CardTooLargeError);
    expect(() => ensureCardFits('big', big)).toThrow(/The big card would be \d+ bytes, over the \d+-byte limit/);
  });

  test('every template expansion is guarded: a card rendered over the limit is refused, never returned', () => {
    expect(() => expandCard('message', { style: 'default', title: 'Too long', text: 'y'.repeat(CARD_MAX_BYTES) })).toThrow(CardTooLargeError);
    expect(expandCard('message', { style: 'default', title: 'Fine', text: 'y' })).toMatchObject({ type: 'AdaptiveCard' });
  });

  test('firstCardThatFits renders the most generous option that fits, and lets the last option’s refusal stand', () => {
    const render = (n: number) => ensureCardFits('list', { type: 'AdaptiveCard', body: [{ type: 'TextBlock', text: 'z'.repeat(n) }] });
    const card = firstCardThatFits([CARD_MAX_BYTES * 2, CARD_MAX_BYTES / 2, 10], render);
    expect(cardBytes(card)).toBeLessThanOrEqual(CARD_MAX_BYTES);
    expect(JSON.stringify(card)).toContain('z'.repeat(CARD_MAX_BYTES / 2));
    expect(() => firstCardThatFits([CARD_MAX_BYTES * 2], render)).toThrow(CardTooLargeError);
    expect(() => firstCardThatFits([], render)).toThrow(/at least one option/);
  });
});
