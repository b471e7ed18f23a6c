import { cardPreviews } from '../../scripts/cards-preview-samples';
import { renderToElement } from './card-harness';

/** A resource id as long as ARM allows names to make it, with no space to break at. */
const LONG_ID =
  '/subscriptions/6b1f3c2a-0d4e-4f8a-9a51-2c7e8d9f0a11/resourceGroups/rg-security-operations-centre-production-westeurope-0001/providers/' +
  'Microsoft.OperationalInsights/workspaces/law-security-operations-centre-production-westeurope-primary-0001';

/** Every card preview that shows the sample's resource id (not only as a choice value), with that id replaced by a long one. */
const withIds = cardPreviews()
  .map((p) => ({ name: p.name, json: JSON.stringify(p.card) }))
  .filter((p) => /"\/subscriptions\/[^"]+\/workspaces\/[^"]+"/.test(p.json))
  .map((p) => ({ name: p.name, card: JSON.parse(p.json.replace(/"\/subscriptions\/[^"]+\/workspaces\/[^"]+"/g, JSON.stringify(LONG_ID))) as object }))
  .filter((p) => renderToElement(p.card).textContent?.includes(LONG_ID));

describe('long resource ids wrap at the card edge (rendered with the Adaptive Cards renderer)', () => {
  test('the previews include the cards that show a resource id', () => {
    expect(withIds.length).toBeGreaterThanOrEqual(8);
  });

  test.each(withIds.map((p) => [p.name, p.card] as const))('%s: the element showing the id breaks long words', (_name, card) => {
    const element = renderToElement(card);
    const shown = Array.from(element.querySelectorAll<HTMLElement>('*')).filter((e) => e.children.length === 0 && e.textContent === LONG_ID);
    expect(shown.length).toBeGreaterThan(0);
    for (const leaf of shown) {
      // A TextBlock with wrap: the renderer sets word-wrap: break-word on it (a RichTextBlock, or a TextBlock without wrap, does not).
      let e: HTMLElement | null = leaf;
      let breaks = false;
      while (e && e !== element && !breaks) {
        breaks = e.style.wordWrap === 'break-word' || e.style.overflowWrap === 'break-word' || e.style.overflowWrap === 'anywhere';
        e = e.parentElement;
      }
      expect(breaks).toBe(true);
    }
  });
});
