import { notificationSummary, renderNotificationCard, type NotificationEventView } from '../../src/cards';
import { actions, allText, expectValidCard, inputIds, LONG, ofType, runTexts } from './card-harness';
import { notification } from './sample-views';

describe('notification card', () => {
  it.each([
    ['submitted', 'connect', 'Connect request submitted for approval'],
    ['approved', 'connect', 'Connect request approved'],
    ['rejected', 'disconnect', 'Disconnect request rejected'],
    ['connected', 'connect', 'Workspace connected to the Defender portal'],
    ['disconnected', 'disconnect', 'Workspace disconnected from the Defender portal'],
    ['failed', 'connect', 'Connect request failed'],
    ['expired', 'connect', 'Connect request expired'],
    ['cancelled', 'disconnect', 'Disconnect request cancelled'],
  ] as const)('%s (%s) has the title "%s" and no buttons', (event, kind, title) => {
    const card = renderNotificationCard(notification({ event, kind }));
    expectValidCard(card);
    expect(actions(card)).toEqual([]);
    expect(inputIds(card)).toEqual([]);
    expect(runTexts(card)[0]).toBe(title);
    expect(runTexts(card)).toEqual(expect.arrayContaining(['law-soc-prod', 'Amira Haddad', 'Ravi Menon', '12 May 2025, 14:31 UTC']));
  });

  it('connected shows the data connector and automation rule counts', () => {
    const card = renderNotificationCard(notification());
    const [facts] = ofType(card, 'FactSet');
    expect(facts.facts).toEqual([
      { title: 'Data connectors', value: '7' },
      { title: 'Automation rules', value: '3' },
    ]);
    expect(ofType(renderNotificationCard(notification({ event: 'approved' })), 'FactSet')).toEqual([]);
  });

  it('failed shows the guidance; rejected shows who rejected and the comment', () => {
    const failed = renderNotificationCard(notification({ event: 'failed', guidance: 'The connection was not seen within 24 hours. Run connect again.' }));
    expectValidCard(failed);
    expect(runTexts(failed)).toContain('The connection was not seen within 24 hours. Run connect again.');
    expect(allText(failed)).toContain('What to do');

    const rejected = renderNotificationCard(notification({ event: 'rejected', comment: 'Not during the freeze.' }));
    expectValidCard(rejected);
    expect(runTexts(rejected)).toEqual(expect.arrayContaining(['Rejected by', 'Not during the freeze.']));
  });

  it('disconnected shows the reason; without an approver there is no approver row', () => {
    const card = renderNotificationCard(
      notification({ event: 'disconnected', kind: 'disconnect', approver: undefined, reason: 'Moving to the EU workspace.' }),
    );
    expectValidCard(card);
    expect(runTexts(card)).toContain('Moving to the EU workspace.');
    expect(runTexts(card)).not.toContain('Approved by');
  });

  it('copes with very long names', () => {
    const card = renderNotificationCard(notification({ requester: LONG, workspaceName: LONG, comment: LONG, reason: LONG }));
    expectValidCard(card);
    for (const text of runTexts(card)) expect([...text].length).toBeLessThanOrEqual(512);
  });

  it('summarises every event in one plain line naming the workspace and the person', () => {
    expect(notificationSummary(notification())).toBe('Connected law-soc-prod to the Defender portal (approved by Ravi Menon)');
    // `connected` belongs to connect requests, which have no reason.
    const events: NotificationEventView[] = ['submitted', 'approved', 'rejected', 'disconnected', 'failed', 'expired', 'cancelled'];
    for (const event of events) {
      const line = notificationSummary(notification({ event, kind: 'disconnect', reason: 'Moving to EU.' }));
      expect(line).toContain('law-soc-prod');
      expect(line).toMatch(/Amira Haddad|Ravi Menon/);
      expect(line).toContain('Moving to EU.');
      expect(line).not.toContain('\n');
    }
  });
});
