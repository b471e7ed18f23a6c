import * as C from '../../src/cards';
import type { AdaptiveCard } from '../../src/cards';
import { expectValidCard, HOSTILE, MARK, placesOf, renderToElement, runTexts } from './card-harness';
import * as S from './sample-views';

const H = HOSTILE;

/** Every card with every user-typed string replaced by hostile text. */
const cards: Array<[name: string, card: AdaptiveCard]> = [
  [
    'workspace picker',
    C.renderWorkspacePickerCard({
      workspaces: [{ resourceId: S.WS_ID, name: H, resourceGroup: H, subscription: H, sentinelEnabled: true }],
    }),
  ],
  [
    'readiness report',
    C.renderReadinessReportCard(
      S.readiness({
        workspaceName: H,
        checkedFor: H,
        checkedAt: H,
        checks: [{ title: H, result: 'Failed', reason: H, remediation: H, remediationUrl: 'https://example.com/fix' }],
      }),
    ),
  ],
  [
    'product changes',
    C.renderProductChangesCard(
      S.productChanges({
        report: S.readiness({ workspaceName: H, checkedFor: H, checks: [{ title: H, result: 'Unknown', reason: H, remediation: H }] }),
        changes: { subscriptionId: S.SUB_ID, subscriptionName: H, incidentCreationRules: [{ displayName: H, product: H }], hasDefenderXdr: false },
        canSubmit: false,
        blockingChecks: [H],
      }),
    ),
  ],
  [
    'approval (connect)',
    C.renderApprovalCard(
      S.approval({
        requester: H,
        workspaceName: H,
        readiness: S.readiness({ workspaceName: H, checkedFor: H, checks: [{ title: H, result: 'Warning', reason: H, remediation: H }] }),
        changes: { subscriptionId: S.SUB_ID, subscriptionName: H, incidentCreationRules: [{ displayName: H, product: H }], hasDefenderXdr: true },
      }),
    ),
  ],
  ['approval (disconnect)', C.renderApprovalCard(S.disconnectApproval({ requester: H, workspaceName: H, reason: H }))],
  ['approval (decided)', C.renderApprovalCard(S.disconnectApproval({ reason: H, decision: { outcome: 'rejected', decidedBy: H, decidedAt: H, comment: H } }))],
  ['portal step', C.renderPortalStepCard(S.portalStep({ kind: 'disconnect', workspaceName: H, reason: H, lastVerification: { at: H, text: H } }))],
  ['disconnect', C.renderDisconnectCard(S.disconnect({ workspaceName: H, connectedBy: H, connectedSince: H }))],
  ['disconnect confirmation', C.renderDisconnectConfirmCard(S.disconnectConfirm({ workspaceName: H, reason: H }))],
  [
    'notification',
    C.renderNotificationCard(S.notification({ event: 'failed', workspaceName: H, requester: H, approver: H, comment: H, reason: H, guidance: H, at: H })),
  ],
  [
    'status',
    C.renderStatusCard({
      connected: { workspaceName: H, workspaceId: S.WS_ID, since: H, connectedBy: H, approvedBy: H },
      openRequests: [{ kind: 'connect', workspaceName: H, state: H, age: H }],
      recentEvents: [{ at: H, actor: H, what: H }],
      asOf: H,
    }),
  ],
  ['message', C.renderMessageCard({ title: H, text: H, nextStep: H })],
];

describe('user text is inert', () => {
  it.each(cards)('%s: user text appears verbatim, only in TextRuns', (name, card) => {
    expectValidCard(card, { userTextHasDollar: true });
    const places = placesOf(card, MARK);
    expect(places.length).toBeGreaterThan(0);
    for (const place of places) {
      // The picker's compact ChoiceSet shows option titles as plain text; nothing else may hold user text.
      const allowed =
        (place.type === 'TextRun' && place.key === 'text') ||
        (name === 'workspace picker' && place.type === '' && place.key === 'title' && place.path.includes('.choices['));
      expect({ ...place, allowed }).toEqual({ ...place, allowed: true });
    }
    // `${…}` in data is never evaluated: the text comes out exactly as typed.
    expect(runTexts(card).filter((t) => t === H).length + (name === 'workspace picker' ? 1 : 0)).toBeGreaterThan(0);
    const element = renderToElement(card);
    expect(element.querySelectorAll('a[href="http://evil"], img, strong, em')).toHaveLength(0);
    expect(element.innerHTML).toContain('[x](http://evil) &lt;img src=x&gt; **bold** _em_ MARK');
    expect(element.textContent).toContain(H);
  });

  it('a reason with template syntax, a link, an image and emphasis comes out verbatim in a TextRun', () => {
    const reason = '${$root.x} [x](http://evil) <img src=x> **bold**';
    const card = C.renderDisconnectConfirmCard(S.disconnectConfirm({ reason }));
    expect(runTexts(card)).toContain(reason);
    const comment = '${$root.requestId}';
    const decided = C.renderApprovalCard(S.approval({ decision: { outcome: 'approved', decidedBy: 'Ravi', decidedAt: 'now', comment } }));
    expect(runTexts(decided)).toContain(comment);
    expect(runTexts(decided)).not.toContain(S.REQUEST_ID);
  });

  it('a right-to-left override in a comment, a reason or a name does not reverse the rendered text', () => {
    // U+202E makes "evorppa ton od" display as "do not approve": the reader must see what was typed.
    const spoof = 'Looks fine \u202Eevorppa ton od\u202C, \u2066isolated\u2069 \u200Fmark';
    const cards = [
      C.renderApprovalCard(S.approval({ requester: spoof, decision: { outcome: 'rejected', decidedBy: spoof, decidedAt: 'now', comment: spoof } })),
      C.renderDisconnectConfirmCard(S.disconnectConfirm({ reason: spoof })),
      C.renderNotificationCard(S.notification({ event: 'disconnected', kind: 'disconnect', reason: spoof, requester: spoof })),
    ];
    for (const card of cards) {
      const text = renderToElement(card).textContent ?? '';
      expect(text).toContain('Looks fine evorppa ton od, isolated mark');
      expect(text).not.toMatch(/[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/);
      expect(JSON.stringify(card)).not.toMatch(/\\u202e|\u202E/i);
    }
    const summary = C.notificationSummary(S.notification({ event: 'disconnected', kind: 'disconnect', reason: spoof, requester: spoof }));
    expect(summary).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/);
    expect(summary).toContain('evorppa ton od');
  });

  it('the markdown test renderer would turn the same text into a link inside a TextBlock (the check is meaningful)', () => {
    const probe = { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: '[x](http://evil)' }] };
    expect(renderToElement(probe).querySelectorAll('a[href="http://evil"]')).toHaveLength(1);
  });
});
