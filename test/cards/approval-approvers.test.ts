import { cardBytes, CARD_MAX_BYTES, renderApprovalCard, type ApprovalView } from '../../src/cards';
import { allText, expectValidCard, HOSTILE, inputIds, placesOf, runTexts, verbs } from './card-harness';
import { approval, disconnectApproval, REQUEST_ID } from './sample-views';

const listed = (names: string[]): ApprovalView['approvers'] => ({
  status: 'listed',
  names,
  refreshUserIds: ['8:orgid:11111111-1111-4111-8111-111111111111', '8:orgid:22222222-2222-4222-8222-222222222222'],
});
const buttons = (card: object) => verbs({ ...card, refresh: undefined });

describe('approval card: who may decide, and each person’s view', () => {
  it('names the people who may decide and carries a refresh for them and the requester', () => {
    const card = renderApprovalCard(approval({ approvers: listed(['Ravi Menon', 'Mia Chen']) }));
    expectValidCard(card);
    expect(allText(card)).toContain('Who may decide');
    expect(runTexts(card)).toContain('Ravi Menon, Mia Chen');
    expect(card.refresh).toEqual({
      action: { type: 'Action.Execute', verb: 'request.refresh', title: 'Refresh', data: { requestId: REQUEST_ID, version: 4 } },
      userIds: ['8:orgid:11111111-1111-4111-8111-111111111111', '8:orgid:22222222-2222-4222-8222-222222222222'],
    });
    expect(buttons(card)).toEqual(['request.approve', 'request.reject']);
  });

  it('names are user data: shown verbatim in a TextRun, never evaluated or formatted', () => {
    const card = renderApprovalCard(disconnectApproval({ approvers: listed([HOSTILE]) }));
    expectValidCard(card, { userTextHasDollar: true });
    expect(placesOf(card, 'MARK').map((p) => `${p.type}.${p.key}`)).toEqual(expect.arrayContaining(['TextRun.text']));
    expect(placesOf(card, 'MARK').every((p) => p.type === 'TextRun')).toBe(true);
    expect(runTexts(card)).toContain(HOSTILE);
  });

  it('names the first 20 and counts the rest; 60 long names still fit', () => {
    const names = Array.from({ length: 60 }, (_, i) => `Person ${i} ${'x'.repeat(200)}`);
    const card = renderApprovalCard(approval({ approvers: listed(names) }));
    expectValidCard(card);
    expect(allText(card)).toContain('…and 40 more.');
    expect(allText(card)).not.toContain('Person 20 ');
    expect(cardBytes(card)).toBeLessThanOrEqual(CARD_MAX_BYTES);
  });

  it('the requester’s view: the state and Cancel; anyone else’s: the state alone; an approver’s: Approve / Reject', () => {
    const requester = renderApprovalCard(approval({ approvers: listed(['Ravi Menon']), viewer: 'requester', stateText: 'waiting for approval' }));
    expectValidCard(requester);
    expect(buttons(requester)).toEqual(['request.cancel']);
    expect(inputIds(requester)).toEqual([]);
    expect(allText(requester)).toContain('This request is waiting for approval.');
    const other = renderApprovalCard(approval({ approvers: listed(['Ravi Menon']), viewer: 'other', stateText: 'waiting for approval' }));
    expect(buttons(other)).toEqual([]);
    expect(allText(other)).toMatch(/This request is waiting for approval\.[\s\S]*Only the people named above may approve/);
    const approver = renderApprovalCard(approval({ approvers: listed(['Ravi Menon']), viewer: 'approver', stateText: 'waiting for approval' }));
    expect(buttons(approver)).toEqual(['request.approve', 'request.reject']);
    expect(inputIds(approver)).toEqual(['comment']);
  });

  it('a list that could not be made says so, with no refresh and today’s buttons', () => {
    const card = renderApprovalCard(approval({ approvers: { status: 'unknown', reason: 'Microsoft Graph did not let the bot read this (access denied)' } }));
    expectValidCard(card);
    expect(allText(card)).toContain('The bot could not work out who may decide (Microsoft Graph did not let the bot read this (access denied)).');
    expect(card.refresh).toBeUndefined();
    expect(buttons(card)).toEqual(['request.approve', 'request.reject']);
  });

  it('nobody listed: says so; decided: neither names nor refresh', () => {
    expect(allText(renderApprovalCard(approval({ approvers: listed([]) })))).toContain('Nobody but the requester holds the roles this request needs.');
    const decided = renderApprovalCard(
      approval({ approvers: listed(['Ravi Menon']), decision: { outcome: 'approved', decidedBy: 'Ravi Menon', decidedAt: '2026-12-02 10:00 UTC' } }),
    );
    expectValidCard(decided);
    expect(decided.refresh).toBeUndefined();
    expect(allText(decided)).not.toContain('Who may decide');
    expect(verbs(decided)).toEqual([]);
  });
});
