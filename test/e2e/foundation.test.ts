import { textOf } from '../support/fake-connector';
import { botAddedToTeam, channelMessage, OTHER_CHANNEL_ID, personalConversationId, personalMessage, SOC_CHANNEL_ID, USERS } from '../support/teams-activities';
import { startTestBot, type TestBot } from '../support/test-bot';

describe('the bot over HTTP, as Teams drives it', () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await startTestBot();
  });
  afterAll(async () => {
    await t.stop();
  });

  test('GET /healthz answers while the process is up and /readyz reports the store', async () => {
    expect(await t.request('GET', '/healthz')).toEqual({ status: 200, body: { status: 'ok' } });
    const ready = await t.request('GET', '/readyz');
    expect(ready.status).toBe(200);
    expect(ready.body).toMatchObject({ status: 'ready', store: 'sqlite' });
  });

  test('help in a 1:1 chat is answered at the connector with the commands', async () => {
    const res = await t.send(personalMessage(t.serviceUrl, USERS.dana, 'help'));
    expect(res.status).toBe(200);
    const calls = await t.connector.waitFor((c) => c.some((x) => x.conversationId === personalConversationId(USERS.dana)), 5000, 'help reply');
    const reply = calls.find((x) => x.conversationId === personalConversationId(USERS.dana))!;
    for (const command of ['connect', 'check', 'disconnect', 'status', 'history', 'cancel', 'notify here', 'help']) {
      expect(textOf(reply)).toContain(command);
    }
  });

  test('HELP with a mention in a channel is answered too (case-insensitive, mention stripped)', async () => {
    const before = t.connector.calls.length;
    await t.send(channelMessage(t.serviceUrl, USERS.lena, 'HELP', OTHER_CHANNEL_ID));
    const calls = await t.connector.waitFor((c) => c.length > before, 5000, 'channel help reply');
    expect(textOf(calls[calls.length - 1])).toContain('notify here');
  });

  test('being added to a team greets the channel', async () => {
    const before = t.connector.calls.length;
    await t.send(botAddedToTeam(t.serviceUrl, USERS.dana));
    const calls = await t.connector.waitFor((c) => c.length > before, 5000, 'greeting');
    expect(calls[calls.length - 1].conversationId).toBe(OTHER_CHANNEL_ID);
    expect(textOf(calls[calls.length - 1])).toMatch(/notify here/);
  });

  test('notify here makes the channel the SOC channel; only an administrator may move it, and the old channel is told', async () => {
    const tenant = '72f988bf-0000-4000-8000-00000000c0de';
    let before = t.connector.calls.length;
    await t.send(channelMessage(t.serviceUrl, USERS.lena, 'notify here', OTHER_CHANNEL_ID));
    await t.connector.waitFor((c) => c.length > before, 5000, 'first notify here reply');
    expect(textOf(t.connector.calls[t.connector.calls.length - 1])).toMatch(/now the SOC channel/);

    // Dana holds no administrator role: refused, audited, and the current SOC channel hears who tried.
    before = t.connector.calls.length;
    await t.send(channelMessage(t.serviceUrl, USERS.dana, 'notify here', SOC_CHANNEL_ID));
    let calls = await t.connector.waitFor(
      (c) => c.slice(before).some((x) => x.conversationId === OTHER_CHANNEL_ID) && c.slice(before).some((x) => x.conversationId.startsWith(SOC_CHANNEL_ID)),
      5000,
      'the refusal and the warning in the current SOC channel',
    );
    expect(textOf(calls.slice(before).find((x) => x.conversationId.startsWith(SOC_CHANNEL_ID))!)).toMatch(
      /Moving the SOC channel needs Global Administrator or Security Administrator/,
    );
    const warning = calls.slice(before).find((x) => x.conversationId === OTHER_CHANNEL_ID)!;
    expect(textOf(warning)).toMatch(/Dana Okafor .*tried to make another channel the SOC channel and was refused/);
    expect((await t.bot.store.getSocChannel(tenant))?.channelId).toBe(OTHER_CHANNEL_ID);
    let audit = await t.bot.store.listAudit(tenant, 10);
    expect(audit.filter((a) => a.action === 'soc_channel.set').map((a) => a.outcome)).toEqual(['refused', 'accepted']);
    expect(audit[0]).toMatchObject({ actor: { id: USERS.dana.id }, refusalCode: 'not_qualified' });

    // Ravi is a Security Administrator: the move is accepted and announced in both channels.
    before = t.connector.calls.length;
    await t.send(channelMessage(t.serviceUrl, USERS.ravi, 'notify here', SOC_CHANNEL_ID));
    calls = await t.connector.waitFor(
      (c) => c.slice(before).some((x) => x.conversationId === OTHER_CHANNEL_ID) && c.slice(before).some((x) => x.conversationId.startsWith(SOC_CHANNEL_ID)),
      5000,
      'announcements in the old and new channel',
    );
    const old = calls.slice(before).find((x) => x.conversationId === OTHER_CHANNEL_ID)!;
    expect(old.activityId).toBeNull(); // a new top-level post in the channel, not a reply
    expect(textOf(old)).toMatch(/no longer receives/);
    const soc = await t.bot.store.getSocChannel(tenant);
    expect(soc).toMatchObject({ channelId: SOC_CHANNEL_ID, setBy: { name: USERS.ravi.name } });
    audit = await t.bot.store.listAudit(tenant, 10);
    expect(audit.filter((a) => a.action === 'soc_channel.set').map((a) => a.outcome)).toEqual(['accepted', 'refused', 'accepted']);
  });

  test('notify here in a 1:1 chat explains where to run it and changes nothing', async () => {
    const before = t.connector.calls.length;
    await t.send(personalMessage(t.serviceUrl, USERS.ravi, 'notify here'));
    const calls = await t.connector.waitFor((c) => c.length > before, 5000, 'reply');
    expect(textOf(calls[calls.length - 1])).toMatch(/team channel/);
    expect((await t.bot.store.getSocChannel('72f988bf-0000-4000-8000-00000000c0de'))?.channelId).toBe(SOC_CHANNEL_ID);
  });

  test('an unknown command says so and points to help', async () => {
    const before = t.connector.calls.length;
    await t.send(personalMessage(t.serviceUrl, USERS.dana, 'launch the missiles'));
    const calls = await t.connector.waitFor((c) => c.length > before, 5000, 'reply');
    expect(textOf(calls[calls.length - 1])).toMatch(/don't know the command.*help/);
  });

  test('GET /sandbox/state returns the sample tenant', async () => {
    const res = await t.request('GET', '/sandbox/state');
    expect(res.status).toBe(200);
    expect(res.body.tenantId).toBe('72f988bf-0000-4000-8000-00000000c0de');
    expect(res.body.subscriptions[0].workspaces.map((w: { name: string }) => w.name)).toEqual(['law-soc-prod', 'law-soc-staging', 'law-ops-metrics']);
  });

  test('a body that is not an activity gets 400, not a crash', async () => {
    const res = await t.request('POST', '/api/messages', [1, 2, 3]);
    expect(res.status).toBe(400);
    const after = await t.request('GET', '/healthz');
    expect(after.status).toBe(200);
  });
});
