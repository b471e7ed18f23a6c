import { CARD_MAX_BYTES, cardBytes, renderHistoryCard, ensureCardFits, renderStatusCard, splitToFit } from '../../src/cards';
import { allText, expectValidCard } from './card-harness';
import { status } from './sample-views';

const long = (n: number) => `entry ${n} ${'é'.repeat(400)}`;

describe('cards whose lists grow: folded or split to stay within Teams’ 28 KB', () => {
  it('history of many long entries: as many as fit, and a line saying how many were left out and how to see them', () => {
    const entries = Array.from({ length: 400 }, (_, i) => ({ at: '29 Nov 2026, 10:00 UTC', actor: 'Dana Okafor', what: long(i) }));
    const card = renderHistoryCard({ intro: 'The last 400 entries.', entries });
    expectValidCard(card);
    expect(cardBytes(card)).toBeLessThanOrEqual(CARD_MAX_BYTES);
    const text = allText(card);
    const shown = entries.filter((e) => text.includes(`${e.what.slice(0, 12)}`)).length;
    expect(shown).toBeGreaterThan(10);
    expect(shown).toBeLessThan(400);
    expect(text).toContain(`…and ${400 - shown} older entries, left out`);
    expect(text).toContain('npm run audit:export');
  });

  it('status with a draft per requester folds the open requests it cannot show', () => {
    const openRequests = Array.from({ length: 600 }, (_, i) => ({
      kind: 'connect' as const,
      workspaceName: `law-${i}-${'w'.repeat(60)}`,
      state: 'Draft',
      age: '1 h',
    }));
    const card = renderStatusCard(status({ openRequests }));
    expectValidCard(card);
    expect(cardBytes(card)).toBeLessThanOrEqual(CARD_MAX_BYTES);
    expect(allText(card)).toMatch(/…and \d+ more open requests \(drafts\)/);
  });

  it('splitToFit puts every item, in order, in cards that each fit; only the last is told it is last', () => {
    const items = Array.from({ length: 3000 }, (_, i) => `row ${i} ${'x'.repeat(40)}`);
    const cards = splitToFit(items, (page, index, last) => plainCard(last ? 'Totals' : `Part ${index + 1}`, page));
    expect(cards.length).toBeGreaterThan(1);
    for (const card of cards) expect(cardBytes(card)).toBeLessThanOrEqual(CARD_MAX_BYTES);
    expect(cards.map((c) => c.body[0]!.text)).toEqual([...cards.slice(1).map((_, i) => `Part ${i + 1}`), 'Totals']);
    expect(cards.flatMap((c) => c.body.slice(1).map((b) => b.text))).toEqual(items);
  });
});

/** A card of one TextBlock per line, checked as every rendered card is. */
function plainCard(title: string, lines: readonly string[]) {
  const card = { type: 'AdaptiveCard' as const, version: '1.5', body: [title, ...lines].map((text) => ({ type: 'TextBlock', text })) };
  return ensureCardFits('test', card);
}
