import { renderApprovalCard } from '../../src/cards';
import { APPROVER_REQUIREMENT } from '../../src/workflow';
import { actions, allText, checkRows, expectRequestData, expectValidCard, inputIds, LONG, ofType, runTexts, verbs } from './card-harness';
import { approval, disconnectApproval, REQUEST_ID } from './sample-views';

describe('approval card', () => {
  it('connect: who asks, which workspace, checks, product changes, comment, approve and reject', () => {
    const card = renderApprovalCard(approval());
    expectValidCard(card);
    expect(verbs(card)).toEqual(['request.approve', 'request.reject']);
    for (const action of actions(card)) expectRequestData(action, REQUEST_ID, 4);
    expect(inputIds(card)).toEqual(['comment']);
    const [comment] = ofType(card, 'Input.Text');
    expect(comment).toMatchObject({ id: 'comment', isMultiline: true, maxLength: 500, label: 'Comment (optional)' });
    expect(comment.isRequired).toBeUndefined();
    expect(runTexts(card)).toEqual(expect.arrayContaining(['Amira Haddad', 'law-soc-prod', 'Connect to the Defender portal']));
    expect(checkRows(card).map((r) => r.result)).toEqual(['Passed', 'Passed', 'Failed', 'Warning', 'Unknown']);
    const text = allText(card);
    expect(text).toContain('Approval needed: connect request');
    expect(text).toContain('advanced hunting');
    expect(text).toContain('WindowsDefenderATP');
    expect(text).toContain(APPROVER_REQUIREMENT.entra);
    // The workflow's own words for its rule: Sentinel Contributor counts at the subscription, resource group or workspace.
    expect(text).toContain(APPROVER_REQUIREMENT.azure);
    expect(text).toContain('The requester cannot approve their own request.');
  });

  it('disconnect: shows the reason, no checks or product changes, and the Azure roles only', () => {
    const card = renderApprovalCard(disconnectApproval());
    expectValidCard(card);
    expect(verbs(card)).toEqual(['request.approve', 'request.reject']);
    expect(inputIds(card)).toEqual(['comment']);
    expect(checkRows(card)).toEqual([]);
    expect(runTexts(card)).toContain('Moving the SOC to the new EU workspace.');
    const text = allText(card);
    expect(text).toContain('Reason for disconnecting');
    expect(text).not.toContain('advanced hunting');
    expect(text).not.toContain('Global Administrator');
    // The workflow's own words for its rule: Sentinel Contributor counts at the subscription, resource group or workspace.
    expect(text).toContain(APPROVER_REQUIREMENT.azure);
  });

  it.each([
    ['approved', 'Connect request approved', 'good'],
    ['rejected', 'Connect request rejected', 'attention'],
  ] as const)('decided (%s): no input, no buttons, who decided, when and the comment', (outcome, title, style) => {
    const card = renderApprovalCard(
      approval({ decision: { outcome, decidedBy: 'Ravi Menon', decidedAt: '12 May 2025, 14:20 UTC', comment: 'Checked with the SOC lead.' } }),
    );
    expectValidCard(card);
    expect(actions(card)).toEqual([]);
    expect(inputIds(card)).toEqual([]);
    expect(runTexts(card)).toEqual(expect.arrayContaining([title, 'Ravi Menon', '12 May 2025, 14:20 UTC', 'Checked with the SOC lead.']));
    expect(ofType(card, 'Container').some((c) => c.style === style)).toBe(true);
    expect(allText(card)).not.toContain('The requester cannot approve');
  });

  it('decided without a decider or comment (expired)', () => {
    const card = renderApprovalCard(disconnectApproval({ decision: { outcome: 'expired', decidedAt: '13 May 2025' } }));
    expectValidCard(card);
    expect(actions(card)).toEqual([]);
    expect(allText(card)).toContain('Disconnect request expired');
    expect(allText(card)).not.toContain(' by ');
  });

  it('truncates a very long requester, workspace and reason', () => {
    const card = renderApprovalCard(disconnectApproval({ requester: LONG, workspaceName: LONG, reason: LONG }));
    expectValidCard(card);
    for (const text of runTexts(card)) expect([...text].length).toBeLessThanOrEqual(512);
  });
});
