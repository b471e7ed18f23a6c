import { cardOf } from '../support/fake-connector';
import { click, say, setSocChannel, socPosts } from '../support/drive';
import { cardText, checkRow, executeActions } from '../support/card-queries';
import { TENANT_ID, USERS } from '../support/teams-activities';
import { startTestBot, type TestBot } from '../support/test-bot';

describe('connect before a SOC channel exists: the checks and product changes, Submit once a channel is set', () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await startTestBot({ VERIFY_POLL_SECONDS: '3600' });
  });
  afterAll(async () => {
    await t.stop();
  });

  test('the card shows the checks and the product changes and says Submit needs a SOC channel; Submit works on that card once one is set', async () => {
    const card = cardOf(await say(t, USERS.dana, 'connect law-soc-prod'))!;
    const text = cardText(card);
    expect(checkRow(card, 'Microsoft Sentinel enabled')?.result).toBe('Passed');
    expect(text).toMatch(/What changes when the workspace is connected/);
    expect(text).toMatch(/Submit needs a SOC channel[\s\S]*"notify here"/);
    const submit = executeActions(card).find((a) => a.verb === 'request.submit')!;
    expect(submit).toBeDefined();
    const { requestId, version } = submit.data as { requestId: string; version: number };

    // Without a SOC channel Submit is refused with the same message, and nothing changes.
    const early = await click(t, USERS.dana, 'request.submit', { requestId, version }, 'personal');
    expect(early.statusCode).toBe(409);
    expect(early.value.code).toBe('NoSocChannel');
    expect(early.value.message).toMatch(/Submit needs a SOC channel[\s\S]*notify here/);
    expect((await t.bot.store.getRequest(requestId))!.state).toBe('draft');

    // Once the SOC channel is set, the same card's Submit goes through: no new connect.
    await setSocChannel(t);
    const before = socPosts(t).length;
    const sent = await click(t, USERS.dana, 'request.submit', { requestId, version }, 'personal');
    expect(sent.statusCode).toBe(200);
    await t.connector.waitFor(() => socPosts(t).length > before, 5000, 'approval card');
    expect((await t.bot.store.getRequest(requestId))!.state).toBe('submitted');
    expect((await t.bot.store.listOpenRequests(TENANT_ID)).map((r) => r.id)).toEqual([requestId]);
  });
});
