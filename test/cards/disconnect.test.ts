import { renderDisconnectCard, renderDisconnectConfirmCard } from '../../src/cards';
import { actions, allText, expectRequestData, expectValidCard, inputIds, LONG, ofType, runTexts, verbs } from './card-harness';
import { disconnect, disconnectConfirm, REQUEST_ID, WS_ID } from './sample-views';

describe('disconnect card', () => {
  it('shows the workspace, what disconnecting means, a required reason, disconnect.submit and request.cancel', () => {
    const card = renderDisconnectCard(disconnect());
    expectValidCard(card);
    expect(verbs(card)).toEqual(['disconnect.submit', 'request.cancel']);
    for (const action of actions(card)) expectRequestData(action, REQUEST_ID, 1);
    expect(inputIds(card)).toEqual(['reason']);
    const [reason] = ofType(card, 'Input.Text');
    expect(reason).toMatchObject({ id: 'reason', isRequired: true, maxLength: 500, label: 'Reason for disconnecting' });
    expect(typeof reason.errorMessage).toBe('string');
    expect(runTexts(card)).toEqual(expect.arrayContaining(['law-soc-prod', '3 Mar 2025', 'Ravi Menon']));
    expect(ofType(card, 'TextBlock').map((b) => b.text)).toContain(WS_ID);
    const text = allText(card);
    expect(text).toContain("The workspace's data leaves the Defender portal: its Overview, incidents and advanced hunting no longer show it.");
    expect(text).toContain("The Microsoft Sentinel section disappears from the portal's navigation.");
  });

  it('prefills a draft reason verbatim and tolerates missing connection facts', () => {
    const card = renderDisconnectCard(disconnect({ connectedSince: undefined, connectedBy: undefined, reasonDraft: 'Budget [x](http://evil)' }));
    expectValidCard(card);
    expect(ofType(card, 'Input.Text')[0].value).toBe('Budget [x](http://evil)');
    expect(runTexts(card)).not.toContain('Ravi Menon');
  });

  it('copes with a very long workspace name', () => {
    const card = renderDisconnectCard(disconnect({ workspaceName: LONG, connectedBy: LONG }));
    expectValidCard(card);
    for (const text of runTexts(card)) expect([...text].length).toBeLessThanOrEqual(512);
  });
});

describe('disconnect confirmation card', () => {
  it('shows the reason back and what happens, with Send for approval and Cancel', () => {
    const card = renderDisconnectConfirmCard(disconnectConfirm());
    expectValidCard(card);
    expect(inputIds(card)).toEqual([]);
    expect(verbs(card)).toEqual(['request.submit', 'request.cancel']);
    for (const action of actions(card)) expectRequestData(action, REQUEST_ID, 2);
    expect(actions(card).find((a) => a.verb === 'request.submit')?.title).toBe('Send for approval');
    expect(runTexts(card)).toContain('Moving the SOC to the new EU workspace.');
    const text = allText(card);
    expect(text).toContain('System > Settings > Microsoft Sentinel > Workspaces');
    expect(text).toContain("The Microsoft Sentinel section disappears from the portal's navigation.");
  });

  it('truncates an over-long reason with an ellipsis', () => {
    const card = renderDisconnectConfirmCard(disconnectConfirm({ reason: LONG }));
    expectValidCard(card);
    const reason = runTexts(card).find((t) => t.startsWith('xxx'))!;
    expect([...reason]).toHaveLength(500);
    expect(reason.endsWith('…')).toBe(true);
  });
});
