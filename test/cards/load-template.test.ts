import * as fs from 'node:fs';
import * as path from 'node:path';
import { CARD_INPUT_IDS, CARD_VERBS } from '../../src/cards';
import { safeLinkUrl, truncate } from '../../src/cards/display-text';
import { findCardsDirectory, loadTemplate } from '../../src/cards/load-template';
import { inputIds, nodes, verbs } from './card-harness';

const root = path.resolve(__dirname, '../..');

describe('card templates', () => {
  it('are found from src/cards and from the compiled dist/src/cards', () => {
    expect(findCardsDirectory(path.join(root, 'src/cards'))).toBe(path.join(root, 'cards'));
    expect(findCardsDirectory(path.join(root, 'dist/src/cards'))).toBe(path.join(root, 'cards'));
  });

  it('fail with a message that says what to do when cards/ is missing', () => {
    expect(() => findCardsDirectory('/')).toThrow(/Ship cards\/ next to package.json/);
  });

  it('are read once and cached', () => {
    expect(loadTemplate('message')).toBe(loadTemplate('message'));
  });

  it('are all schema 1.5 with Teams full width, and use only the contract verbs and input ids', () => {
    const files = fs.readdirSync(path.join(root, 'cards')).filter((f) => f.endsWith('.json'));
    expect(files.length).toBe(13);
    const contractVerbs = Object.values(CARD_VERBS) as string[];
    const contractInputs = Object.values(CARD_INPUT_IDS) as string[];
    for (const file of files) {
      const json = JSON.parse(fs.readFileSync(path.join(root, 'cards', file), 'utf8'));
      expect(json).toMatchObject({
        $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
        type: 'AdaptiveCard',
        version: '1.5',
        msteams: { width: 'Full' },
      });
      for (const verb of verbs(json)) expect(contractVerbs).toContain(verb);
      for (const id of inputIds(json)) expect(contractInputs).toContain(id);
    }
  });

  it('share one check-row shape across the cards that show checks', () => {
    const checkRow = (name: string): string | undefined => {
      const found = nodes(loadTemplate(name)).find((n) => n.node.$data === '${checks}');
      return found && JSON.stringify(found.node);
    };
    const report = checkRow('readiness-report');
    expect(report).toBeDefined();
    expect(checkRow('product-changes')).toBe(report);
    expect(checkRow('approval')).toBe(report);
  });
});

describe('display text', () => {
  it('truncates by code points with an ellipsis', () => {
    expect(truncate('abc', 3)).toBe('abc');
    expect(truncate('abcd', 3)).toBe('ab…');
    expect(truncate('😀😀😀😀', 3)).toBe('😀😀…');
    expect(truncate(undefined, 3)).toBe('');
  });

  it('makes only https links safe for markdown link syntax', () => {
    expect(safeLinkUrl('https://learn.microsoft.com/a#b')).toBe('https://learn.microsoft.com/a#b');
    expect(safeLinkUrl('http://example.com')).toBeUndefined();
    expect(safeLinkUrl('javascript:alert(1)')).toBeUndefined();
    expect(safeLinkUrl('not a url')).toBeUndefined();
    expect(safeLinkUrl('https://x.test/a)(b')).toBe('https://x.test/a%29%28b');
  });
});
