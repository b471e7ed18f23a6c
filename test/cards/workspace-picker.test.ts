import { renderWorkspacePickerCard } from '../../src/cards';
import { expectValidCard, inputIds, LONG, ofType, verbs, actions } from './card-harness';
import { picker, WS_ID } from './sample-views';

describe('workspace picker card', () => {
  it('lists the workspaces as a ChoiceSet `workspace` of resource ids, with workspace.select', () => {
    const card = renderWorkspacePickerCard(picker({ selectedResourceId: WS_ID }));
    expectValidCard(card);
    expect(inputIds(card)).toEqual(['workspace']);
    expect(verbs(card)).toEqual(['workspace.select']);
    const [choiceSet] = ofType(card, 'Input.ChoiceSet');
    const choices = choiceSet.choices as Array<{ title: string; value: string }>;
    expect(choices.map((c) => c.value)).toEqual([WS_ID, WS_ID.replace('law-soc-prod', 'law-app-logs')]);
    expect(choices[0].title).toBe('law-soc-prod · rg-soc · Contoso Security · Sentinel on');
    expect(choices[1].title).toContain('Sentinel off');
    expect(choiceSet.value).toBe(WS_ID);
    // Compact: option text is plain text (expanded radio labels may render markdown).
    expect(choiceSet.style).toBe('compact');
  });

  it('ignores a preselection that is not in the list', () => {
    const card = renderWorkspacePickerCard(picker({ selectedResourceId: '/subscriptions/x' }));
    expect(ofType(card, 'Input.ChoiceSet')[0].value).toBe('');
  });

  it('says what to do and offers no button when the bot sees no workspace', () => {
    const card = renderWorkspacePickerCard({ workspaces: [] });
    expectValidCard(card);
    expect(inputIds(card)).toEqual([]);
    expect(actions(card)).toEqual([]);
    expect(JSON.stringify(card)).toContain('The bot sees no Log Analytics workspaces.');
  });

  it('truncates very long names', () => {
    const card = renderWorkspacePickerCard({
      workspaces: [{ resourceId: WS_ID, name: LONG, resourceGroup: LONG, subscription: LONG, sentinelEnabled: true }],
    });
    expectValidCard(card);
    const title = (ofType(card, 'Input.ChoiceSet')[0].choices as Array<{ title: string }>)[0].title;
    expect([...title].length).toBeLessThanOrEqual(400);
    expect(title.endsWith('…')).toBe(true);
  });
});

describe('workspace picker: Sentinel state Azure could not report', () => {
  test('is shown as unknown, never as on or off', () => {
    const card = renderWorkspacePickerCard({
      workspaces: [{ resourceId: WS_ID, name: 'law-soc-prod', resourceGroup: 'rg-soc', subscription: 'Contoso', sentinelEnabled: null }],
    });
    const json = JSON.stringify(card);
    expect(json).toContain('Sentinel unknown');
    expect(json).not.toMatch(/Sentinel (on|off)/);
  });

  it('above 25 workspaces: a typeahead (Data.Query, dataset workspaces) over the listed first ones, saying how to search', () => {
    const view = picker();
    const card = renderWorkspacePickerCard({ ...view, search: { dataset: 'workspaces', total: 1000 } });
    expectValidCard(card);
    expect(inputIds(card)).toEqual(['workspace']);
    const [choiceSet] = ofType(card, 'Input.ChoiceSet');
    expect(choiceSet['choices.data']).toEqual({ type: 'Data.Query', dataset: 'workspaces' });
    expect(choiceSet.style).toBe('filtered');
    expect((choiceSet.choices as unknown[]).length).toBe(view.workspaces.length);
    expect(JSON.stringify(card)).toContain('The bot sees 1000 workspaces');
    expect(verbs(card)).toEqual(['workspace.select']);
  });
});
