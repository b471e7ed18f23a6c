import { textOf } from '../support/fake-connector';
import { BOT, OTHER_CHANNEL_ID, TEAM_ID, TENANT_ID, USERS, type TeamsUser } from '../support/teams-activities';
import { startTestBot, type TestBot } from '../support/test-bot';

type Scope = 'personal' | 'channel' | 'groupChat';

const GROUP_CHAT_ID = '19:group-chat-soc@thread.v2';

/** Where each scope's install arrives, as Teams sends it. */
function place(scope: Scope, user: TeamsUser) {
  if (scope === 'personal') return { conversation: { id: `a:personal-${user.id}`, conversationType: 'personal', tenantId: TENANT_ID }, channelData: {} };
  if (scope === 'groupChat') return { conversation: { id: GROUP_CHAT_ID, conversationType: 'groupChat', isGroup: true, tenantId: TENANT_ID }, channelData: {} };
  return {
    conversation: { id: OTHER_CHANNEL_ID, conversationType: 'channel', isGroup: true, tenantId: TENANT_ID },
    channelData: { team: { id: TEAM_ID }, channel: { id: OTHER_CHANNEL_ID } },
  };
}

/** The two activities Teams sends for one install: installationUpdate (add) and a conversationUpdate naming the bot. */
function installActivities(serviceUrl: string, scope: Scope, user: TeamsUser) {
  const { conversation, channelData } = place(scope, user);
  const common = {
    channelId: 'msteams',
    serviceUrl,
    from: { id: `29:${user.id}`, name: user.name, aadObjectId: user.id },
    recipient: BOT,
    conversation,
  };
  return [
    { ...common, type: 'installationUpdate', id: `install-${scope}`, action: 'add', channelData: { ...channelData, tenant: { id: TENANT_ID } } },
    {
      ...common,
      type: 'conversationUpdate',
      id: `update-${scope}`,
      membersAdded: [{ id: BOT.id }],
      channelData: { ...channelData, tenant: { id: TENANT_ID }, ...(scope === 'channel' ? { eventType: 'teamMemberAdded' } : {}) },
    },
  ];
}

describe('greetings: one per conversation, suggesting only what works there', () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await startTestBot();
  });
  afterAll(async () => {
    await t.stop();
  });

  const greetingsIn = (conversationId: string) => t.connector.posted(conversationId).filter((c) => /^Hello!/.test(textOf(c)));

  test.each<Scope>(['personal', 'channel', 'groupChat'])(
    'an install in %s scope (installationUpdate and conversationUpdate at once) greets once',
    async (scope) => {
      const user = USERS.dana;
      const conversationId = place(scope, user).conversation.id;
      // Both at once, as Teams sends them: the second turn may start before the first one answered.
      const answers = await Promise.all(installActivities(t.serviceUrl, scope, user).map((a) => t.send(a)));
      expect(answers.map((a) => a.status)).toEqual([200, 200]);
      await t.connector.waitFor(() => greetingsIn(conversationId).length > 0, 5000, `${scope} greeting`);
      // Each turn's replies are sent before its HTTP answer: both turns are done, and every greeting is in.
      expect(greetingsIn(conversationId)).toHaveLength(1);
    },
  );

  test('each greeting suggests only commands that work where it is said', () => {
    const personal = textOf(greetingsIn(place('personal', USERS.dana).conversation.id)[0]);
    expect(personal).toMatch(/`connect`/);
    const channel = textOf(greetingsIn(OTHER_CHANNEL_ID)[0]);
    expect(channel).toMatch(/notify here/);
    expect(channel).not.toMatch(/`connect`/);
    const group = textOf(greetingsIn(GROUP_CHAT_ID)[0]);
    // connect and disconnect are 1:1 only, notify here is for a team channel: the group chat is told of neither as a command to type.
    expect(group).not.toMatch(/type `connect`|`connect`|`disconnect`|notify here/i);
    expect(group).toMatch(/`check WORKSPACE`/);
    expect(group).toMatch(/1:1 chat/);
  });
});
