import * as fs from 'node:fs';
import * as path from 'node:path';
import { cardPreviews } from '../../scripts/cards-preview-samples';
import { renderApprovalCard } from '../../src/cards';
import { parseEvents, renderToElement, validationMessages } from './card-harness';
import { approval, disconnectApproval } from './sample-views';

const templates = fs
  .readdirSync(path.resolve(__dirname, '../../cards'))
  .filter((f) => f.endsWith('.json'))
  .map((f) => f.replace(/\.json$/, ''));

describe('card previews (npm run cards:preview)', () => {
  it('cover every template in cards/', () => {
    const covered = new Set(cardPreviews().map((p) => p.template));
    expect(templates.filter((t) => !covered.has(t))).toEqual([]);
  });

  it.each(cardPreviews().map((p) => [p.name, p.card] as const))('%s renders in jsdom with the Adaptive Cards renderer, without warnings', (_name, card) => {
    expect(parseEvents(card)).toEqual([]);
    expect(validationMessages(card)).toEqual([]);
    const element = renderToElement(card);
    expect(element.textContent?.trim().length).toBeGreaterThan(0);
  });

  it('a template expanded again gives the same card, not one shared with the last caller', () => {
    const first = renderApprovalCard(approval());
    const copy = JSON.parse(JSON.stringify(first));
    (first.body as unknown[]).length = 0;
    renderApprovalCard(disconnectApproval());
    expect(renderApprovalCard(approval())).toEqual(copy);
  });
});
