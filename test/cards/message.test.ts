import { renderMessageCard } from '../../src/cards';
import { actions, expectValidCard, ofType, runTexts } from './card-harness';

describe('message card', () => {
  it('shows the title, the text and what to do, in the given style', () => {
    const card = renderMessageCard({
      title: 'Workspace not found',
      text: 'No workspace named law-soc-prd is visible to the bot.',
      nextStep: 'Run connect without a workspace to pick one from the list.',
      style: 'attention',
    });
    expectValidCard(card);
    expect(actions(card)).toEqual([]);
    expect(runTexts(card)).toEqual([
      'Workspace not found',
      'No workspace named law-soc-prd is visible to the bot.',
      'What to do: ',
      'Run connect without a workspace to pick one from the list.',
    ]);
    expect(ofType(card, 'Container')[0].style).toBe('attention');
  });

  it('defaults to the default style and no next step', () => {
    const card = renderMessageCard({ title: 'Done', text: 'Nothing else to do.' });
    expectValidCard(card);
    expect(ofType(card, 'Container')[0].style).toBe('default');
    expect(runTexts(card)).toEqual(['Done', 'Nothing else to do.']);
  });
});
