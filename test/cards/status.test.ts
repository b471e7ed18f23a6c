import { renderStatusCard } from '../../src/cards';
import { actions, allText, expectValidCard, LONG, ofType, runTexts } from './card-harness';
import { status, WS_ID } from './sample-views';

describe('status card', () => {
  it('shows the connected workspace, open requests and last changes', () => {
    const card = renderStatusCard(status());
    expectValidCard(card);
    expect(actions(card)).toEqual([]);
    // The resource id is in a wrapping TextBlock (long-ids-wrap.test.ts).
    expect(ofType(card, 'TextBlock').map((b) => b.text)).toContain(WS_ID);
    expect(runTexts(card)).toEqual(
      expect.arrayContaining([
        'law-soc-prod',
        '3 Mar 2025',
        'Ravi Menon',
        'Lena Fischer',
        'Disconnect',
        'Waiting for approval',
        '2 h',
        '12 May 14:31',
        'Approved the disconnect of law-soc-prod',
        '12 May 2025, 14:40 UTC',
      ]),
    );
    expect(allText(card)).not.toContain('No workspace is connected');
  });

  it('says "none" for each empty part', () => {
    const card = renderStatusCard({ openRequests: [], recentEvents: [] });
    expectValidCard(card);
    const text = allText(card);
    expect(text).toContain('No workspace is connected to the Defender portal.');
    expect(text).toContain('No open requests.');
    expect(text).toContain('No changes yet.');
    expect(runTexts(card)).not.toContain('Kind');
  });

  it('copes with very long names', () => {
    const card = renderStatusCard(
      status({
        openRequests: [{ kind: 'connect', workspaceName: LONG, state: LONG, age: LONG }],
        recentEvents: [{ at: LONG, actor: LONG, what: LONG }],
      }),
    );
    expectValidCard(card);
    for (const text of runTexts(card)) expect([...text].length).toBeLessThanOrEqual(512);
  });
});

describe('status card: a connection that could not be established', () => {
  test('shows the note instead of "No workspace is connected"', () => {
    const card = renderStatusCard({ openRequests: [], recentEvents: [], connectionNote: 'Azure did not answer.' });
    const json = JSON.stringify(card);
    expect(json).toContain('Azure did not answer.');
    expect(json).not.toContain('No workspace is connected');
    expectValidCard(card);
  });
});
