import { cardOf } from '../support/fake-connector';
import { cardText, executeActions, inputIds, walk } from '../support/card-queries';
import { click, setSocChannel, socPosts, submitConnect } from '../support/drive';
import { startOnFixture } from '../support/fixture-bot';
import { cardAction, SOC_CHANNEL_ID, USERS, type TeamsUser } from '../support/teams-activities';
import { startTestBot, type TestBot } from '../support/test-bot';
import { V2, v2Tenant } from '../sandbox/v2-tenant';

const MRI = (id: string) => `8:orgid:${id}`;
const RAVI_TAG = '<at>Ravi Menon (Security admin)</at>';

/** The Universal Actions refresh as Teams sends it when the card is shown (`trigger: automatic`). */
async function refresh(t: TestBot, user: TeamsUser, data: Record<string, unknown>) {
  const activity = cardAction(t.serviceUrl, user, 'request.refresh', data, { conversationId: `${SOC_CHANNEL_ID};messageid=1`, conversationType: 'channel' });
  const res = await t.send({ ...activity, value: { ...activity.value, trigger: 'automatic' } });
  expect(res.status).toBe(200);
  return res.body as { statusCode: number; type: string; value: Record<string, unknown> };
}

/** The buttons of a card, without its refresh action. */
const buttons = (card: unknown) =>
  executeActions(card)
    .map((a) => a.verb)
    .filter((v) => v !== 'request.refresh');

/** The text under "Who may decide". */
function whoMayDecide(card: unknown): string {
  const section = walk(card).find((n) => n.type === 'Container' && cardText(n).startsWith('Who may decide'));
  return section ? cardText(section) : '';
}

describe('the approval card names who may decide; the SOC post mentions them; request.refresh gives each their view', () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await startTestBot();
    await setSocChannel(t);
  });
  afterAll(async () => {
    await t.stop();
  });

  let requestId = '';
  let approval: Record<string, unknown>;
  test('sample tenant: Ravi (Security Administrator and Owner) is named and mentioned; Dana, the requester, and Lena are not', async () => {
    const submitted = await submitConnect(t, USERS.dana, 'law-soc-prod');
    requestId = submitted.requestId;
    const post = submitted.approvalPost;
    approval = cardOf(post)!;
    expect(post.body.text).toBe(`Approval needed to connect law-soc-prod: ${RAVI_TAG} may decide.`);
    expect(post.body.entities).toEqual([{ type: 'mention', text: RAVI_TAG, mentioned: { id: USERS.ravi.id, name: 'Ravi Menon (Security admin)' } }]);
    expect(whoMayDecide(approval)).toBe('Who may decide\nRavi Menon (Security admin)');
    expect(approval.refresh).toEqual({
      action: { type: 'Action.Execute', verb: 'request.refresh', title: 'Refresh', data: { requestId, version: 2 } },
      userIds: [MRI(USERS.dana.id), MRI(USERS.ravi.id)],
    });
    // The base card everyone else sees keeps Approve / Reject.
    expect(buttons(approval)).toEqual(['request.approve', 'request.reject']);
  });

  test('refresh for the qualified approver: the comment and Approve / Reject', async () => {
    const answer = await refresh(t, USERS.ravi, { requestId, version: 2 });
    expect([answer.statusCode, answer.type]).toEqual([200, 'application/vnd.microsoft.card.adaptive']);
    expect(buttons(answer.value)).toEqual(['request.approve', 'request.reject']);
    expect(inputIds(answer.value)).toEqual(['comment']);
    expect((answer.value.refresh as { userIds: string[] }).userIds).toEqual([MRI(USERS.dana.id), MRI(USERS.ravi.id)]);
  });

  test('refresh for the requester: the state and Cancel, no Approve', async () => {
    const answer = await refresh(t, USERS.dana, { requestId, version: 2 });
    expect(buttons(answer.value)).toEqual(['request.cancel']);
    expect(inputIds(answer.value)).toEqual([]);
    expect(cardText(answer.value)).toMatch(/This request is waiting for approval\.[\s\S]*You cannot approve your own request/);
    expect(whoMayDecide(answer.value)).toContain('Ravi Menon (Security admin)');
  });

  test('refresh for an unqualified member: the state and who may decide, no buttons', async () => {
    const answer = await refresh(t, USERS.lena, { requestId, version: 2 });
    expect(buttons(answer.value)).toEqual([]);
    expect(inputIds(answer.value)).toEqual([]);
    expect(cardText(answer.value)).toMatch(/This request is waiting for approval\./);
    expect(whoMayDecide(answer.value)).toBe('Who may decide\nRavi Menon (Security admin)');
  });

  test('refreshing changes nothing; the roles are still read at the click; once decided, refresh answers the decided card', async () => {
    expect((await t.bot.store.getRequest(requestId))!.version).toBe(2);
    // Lena sees no buttons, yet a crafted click is refused on her roles, read now.
    expect((await click(t, USERS.lena, 'request.approve', { requestId, version: 2 }, 'channel')).statusCode).toBe(403);
    expect((await click(t, USERS.ravi, 'request.approve', { requestId, version: 2 }, 'channel')).statusCode).toBe(200);
    const answer = await refresh(t, USERS.lena, { requestId, version: 2 });
    expect(buttons(answer.value)).toEqual([]);
    expect(answer.value.refresh).toBeUndefined();
    expect(cardText(answer.value)).toMatch(/Approved[\s\S]*Ravi Menon/);
    expect(whoMayDecide(answer.value)).toBe('');
  });

  test('a refresh of another request id is refused as not found', async () => {
    const answer = await refresh(t, USERS.lena, { requestId: 'no-such-request', version: 2 });
    expect(answer.statusCode).toBe(404);
  });
});

describe('who may decide, with nested groups and when Graph refuses', () => {
  test('nested groups: Noor, in Tier 2 → SOC engineers → Security owners (Owner and Security Administrator), is named and mentioned', async () => {
    const { t, cleanup } = await startOnFixture(v2Tenant());
    try {
      await setSocChannel(t);
      const { approvalPost } = await submitConnect(t, USERS.dana, 'law-soc-prod');
      expect(whoMayDecide(cardOf(approvalPost))).toBe('Who may decide\nNoor (nested), Ravi Menon (Security admin)');
      expect((approvalPost.body.entities as { mentioned: { id: string } }[]).map((e) => e.mentioned.id)).toEqual([V2.nested, USERS.ravi.id]);
      const requestId = executeActions(cardOf(approvalPost))[0]!.data.requestId;
      const answer = await refresh(t, { id: V2.nested, name: 'Noor (nested)' }, { requestId, version: 2 });
      expect(buttons(answer.value)).toEqual(['request.approve', 'request.reject']);
    } finally {
      await cleanup();
    }
  });

  test('without GroupMember.Read.All the card says the list could not be made and falls back to today’s card', async () => {
    const graph = ['RoleManagement.Read.Directory', 'User.Read.All', 'LicenseAssignment.Read.All', 'Application.Read.All'];
    const { t, cleanup } = await startOnFixture(v2Tenant((f) => (f.botAccess = { graph, armReader: ['*'] })));
    try {
      await setSocChannel(t);
      const { requestId, approvalPost } = await submitConnect(t, USERS.dana, 'law-soc-prod');
      const card = cardOf(approvalPost)!;
      expect(whoMayDecide(card)).toMatch(/could not work out who may decide \(.*Authorization_RequestDenied.*GroupMember\.Read\.All\)/);
      expect(card.refresh).toBeUndefined();
      expect(approvalPost.body.entities).toBeUndefined();
      expect(buttons(card)).toEqual(['request.approve', 'request.reject']);
      // A refresh sent anyway answers the base card, and Ravi's approval works as before.
      expect(buttons((await refresh(t, USERS.lena, { requestId, version: 2 })).value)).toEqual(['request.approve', 'request.reject']);
      expect((await click(t, USERS.ravi, 'request.approve', { requestId, version: 2 }, 'channel')).statusCode).toBe(200);
    } finally {
      await cleanup();
    }
  });
});

describe('no SOC post mentions anyone when nobody but the requester may decide', () => {
  test('the card says so', async () => {
    const { t, cleanup } = await startOnFixture(
      v2Tenant((f) => {
        f.subscriptions[0]!.roleAssignments = f.subscriptions[0]!.roleAssignments.filter((a) => a.role !== 'Owner' || a.principalId === USERS.dana.id);
      }),
    );
    try {
      await setSocChannel(t);
      const before = socPosts(t).length;
      const { approvalPost } = await submitConnect(t, USERS.dana, 'law-soc-prod');
      expect(socPosts(t).length).toBe(before + 1);
      expect(whoMayDecide(cardOf(approvalPost))).toMatch(/Nobody but the requester holds the roles this request needs/);
      expect(approvalPost.body.entities).toBeUndefined();
    } finally {
      await cleanup();
    }
  });
});
