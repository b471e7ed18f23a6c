import * as path from 'node:path';
import { cardOf } from '../support/fake-connector';
import { cardText, executeActions } from '../support/card-queries';
import { click, say, setSocChannel, socPosts, submitConnect } from '../support/drive';
import { personalConversationId, TENANT_ID, USERS } from '../support/teams-activities';
import { startTestBot, type TestBot } from '../support/test-bot';
import { drain, staysEqual } from '../support/settle';

const FIXTURES = path.resolve(__dirname, '../fixtures');
const SUB = 'd0cfe6b2-9ac0-4464-9919-dccaee2e48c0';
const MIA = { id: '44444444-4444-4444-8444-444444444444', name: 'Mia Chen (SOC admins)' }; // Owner + Security Administrator through a group
// UAA on the subscription + Sentinel Contributor on the resource group
const OLA = { id: '55555555-5555-4555-8555-555555555555', name: 'Ola Berg (Global admin)' };
const SAM = { id: '66666666-6666-4666-8666-666666666666', name: 'Sam Ortiz (RG owner)' }; // Owner only on the resource group

describe('approvers: roles checked at the click, groups included', () => {
  let t: TestBot;
  beforeEach(async () => {
    t = await startTestBot({ SANDBOX_TENANT: path.join(FIXTURES, 'approvers-tenant.json') });
    await setSocChannel(t);
  });
  afterEach(async () => {
    await t.stop();
  });

  test('Owner and Security Administrator inherited through a group qualify', async () => {
    const { requestId } = await submitConnect(t, USERS.dana, 'law-soc-prod');
    const answer = await click(t, MIA, 'request.approve', { requestId, version: 2 }, 'channel');
    expect(answer.statusCode).toBe(200);
    expect((await t.bot.store.getRequest(requestId))!.state).toBe('approved');
  });

  test('User Access Administrator on the subscription plus Sentinel Contributor on the resource group qualify', async () => {
    const { requestId } = await submitConnect(t, USERS.dana, 'law-soc-prod');
    expect((await click(t, OLA, 'request.approve', { requestId, version: 2 }, 'channel')).statusCode).toBe(200);
  });

  test('Owner of the resource group only is not enough, and the refusal says what is missing', async () => {
    const { requestId } = await submitConnect(t, USERS.dana, 'law-soc-prod');
    const answer = await click(t, SAM, 'request.approve', { requestId, version: 2 }, 'channel');
    expect(answer.statusCode).toBe(403);
    expect(answer.value.message).toMatch(/Owner on subscription/);
    expect((await t.bot.store.getRequest(requestId))!.state).toBe('submitted');
  });

  test('when the roles cannot be read at the click, the approval is refused, never granted', async () => {
    const { requestId } = await submitConnect(t, USERS.dana, 'law-soc-prod');
    await t.request('POST', '/sandbox/faults', { match: 'directory/roleAssignments', status: 503, count: 100 });
    const answer = await click(t, MIA, 'request.approve', { requestId, version: 2 }, 'channel');
    await t.request('DELETE', '/sandbox/faults');
    expect(answer.statusCode).toBe(503);
    expect(answer.value.message).toMatch(/could not be verified/);
    expect((await t.bot.store.getRequest(requestId))!.state).toBe('submitted');
  });

  test('two qualified approvers clicking at once: exactly one wins', async () => {
    const { requestId } = await submitConnect(t, USERS.dana, 'law-soc-prod');
    const postsBefore = socPosts(t).length;
    const [a, b] = await Promise.all([
      click(t, MIA, 'request.approve', { requestId, version: 2 }, 'channel'),
      click(t, OLA, 'request.approve', { requestId, version: 2 }, 'channel'),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    await t.connector.waitFor(() => socPosts(t).length > postsBefore, 5000, 'approved post');
    await drain([t.bot]);
    const approvedPosts = () =>
      socPosts(t)
        .slice(postsBefore)
        .filter((p) => /approved the request/.test(String(p.body.summary))).length;
    await staysEqual(approvedPosts, 1, 'one approved post');
  });

  test('a rejection with a comment updates the card, tells the channel and the requester', async () => {
    const { requestId, approvalPost } = await submitConnect(t, USERS.dana, 'law-soc-prod');
    const answer = await click(
      t,
      MIA,
      'request.reject',
      { requestId, version: 2, comment: 'Not during the [audit](http://evil.example) **freeze**' },
      'channel',
    );
    expect(answer.statusCode).toBe(200);
    expect(executeActions(answer.value)).toHaveLength(0);
    expect(cardText(answer.value)).toContain('Not during the [audit](http://evil.example) **freeze**');
    await t.connector.waitFor(() => t.connector.updates().some((u) => u.activityId === approvalPost.assignedId), 5000, 'card update');
    await t.connector.waitFor(
      () => socPosts(t).some((p) => /rejected the request to connect law-soc-prod/.test(String(p.body.summary))),
      5000,
      'rejected post',
    );
    await t.connector.waitFor(
      () => t.connector.posted(personalConversationId(USERS.dana)).some((p) => /rejected/.test(String(p.body.summary))),
      5000,
      'requester told',
    );
    expect((await t.bot.store.getRequest(requestId))!.state).toBe('rejected');
  });

  test('an over-long comment is refused and changes nothing', async () => {
    const { requestId } = await submitConnect(t, USERS.dana, 'law-soc-prod');
    const answer = await click(t, MIA, 'request.approve', { requestId, version: 2, comment: 'x'.repeat(501) }, 'channel');
    expect(answer.statusCode).toBe(400);
    expect(answer.value.code).toBe('invalid_comment');
    expect((await t.bot.store.getRequest(requestId))!.state).toBe('submitted');
  });

  test('the requester can cancel after submitting; the card is updated and the channel told', async () => {
    const { requestId, approvalPost } = await submitConnect(t, USERS.dana, 'law-soc-prod');
    const answer = await click(t, USERS.dana, 'request.cancel', { requestId, version: 2 }, 'personal');
    expect(answer.statusCode).toBe(200);
    await t.connector.waitFor(() => t.connector.updates().some((u) => u.activityId === approvalPost.assignedId), 5000, 'card update');
    await t.connector.waitFor(() => socPosts(t).some((p) => /cancelled the request/.test(String(p.body.summary))), 5000, 'cancelled post');
    const other = await click(t, MIA, 'request.cancel', { requestId, version: 3 }, 'channel');
    expect([other.statusCode, other.value.code]).toEqual([409, 'forbidden_transition']);
  });
});

describe('the portal step is verified by polling; a step that never happens fails with guidance', () => {
  let t: TestBot;
  let now = new Date('2026-11-29T10:00:00Z');
  beforeAll(async () => {
    t = await startTestBot({ VERIFY_POLL_SECONDS: '3600', VERIFY_TIMEOUT_MINUTES: '60' }, { now: () => now });
    await setSocChannel(t);
  });
  afterAll(async () => {
    await t.stop();
  });

  test('an approved step that Azure never confirms fails after VERIFY_TIMEOUT_MINUTES, with guidance', async () => {
    const { requestId } = await submitConnect(t, USERS.dana, 'law-soc-prod');
    expect((await click(t, USERS.ravi, 'request.approve', { requestId, version: 2 }, 'channel')).statusCode).toBe(200);
    now = new Date(now.getTime() + 59 * 60_000);
    await t.bot.poller.tick();
    expect((await t.bot.store.getRequest(requestId))!.state).toBe('approved');
    now = new Date(now.getTime() + 2 * 60_000);
    await t.bot.poller.tick();
    const failed = (await t.bot.store.getRequest(requestId))!;
    expect(failed.state).toBe('failed');
    await t.connector.waitFor(() => socPosts(t).some((p) => /The request to connect law-soc-prod failed/.test(String(p.body.summary))), 5000, 'failed post');
    const post = socPosts(t).find((p) => /failed/.test(String(p.body.summary)))!;
    expect(cardText(cardOf(post))).toMatch(/Defender portal > System > Settings > Microsoft Sentinel > Workspaces/);
  });
  test('the poller announces the connection once Azure shows it', async () => {
    const { requestId } = await submitConnect(t, USERS.dana, 'law-soc-prod');
    expect((await click(t, USERS.ravi, 'request.approve', { requestId, version: 2 }, 'channel')).statusCode).toBe(200);
    await t.bot.poller.tick();
    expect((await t.bot.store.getRequest(requestId))!.state).toBe('approved');
    await t.request('POST', '/sandbox/portal/connect', { workspace: `${SUB}/rg-soc/law-soc-prod` });
    // Check now racing the poller (and another click): every click sees the connection, none an error.
    const [a, b] = await Promise.all([
      click(t, USERS.ravi, 'connection.verify', { requestId, version: 3 }, 'channel'),
      click(t, USERS.ravi, 'connection.verify', { requestId, version: 3 }, 'channel'),
      t.bot.poller.tick(),
    ]);
    expect([a.statusCode, b.statusCode]).toEqual([200, 200]);
    expect(cardText(a.value)).toMatch(/connected/i);
    expect(cardText(b.value)).toMatch(/connected/i);
    expect((await t.bot.store.getRequest(requestId))!.state).toBe('completed');
    await t.connector.waitFor(() => socPosts(t).some((p) => /^Connected law-soc-prod/.test(String(p.body.summary))), 5000, 'connected post');
    expect(await t.bot.store.getConnection(TENANT_ID)).toMatchObject({ workspace: { name: 'law-soc-prod' } });
  });
});

describe('tenant without Defender XDR: the preview path', () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await startTestBot({ SANDBOX_TENANT: path.join(FIXTURES, 'no-xdr-tenant.json') });
    await setSocChannel(t);
  });
  afterAll(async () => {
    await t.stop();
  });

  test(
    'the connector check warns about the preview path, submit is allowed, the portal card starts with Incidents, and the connection is verified ' +
      'without a connector',
    async () => {
      const card = cardOf(await say(t, USERS.dana, 'connect law-soc-new'))!;
      expect(cardText(card)).toMatch(/Defender XDR connector[\s\S]*Warning/);
      expect(cardText(card)).toMatch(/preview path/);
      expect(cardText(card)).toMatch(/Investigation & response > Incidents/);
      const { requestId } = await submitConnect(t, USERS.dana, 'law-soc-new');
      const answer = await click(t, MIA, 'request.approve', { requestId, version: 2 }, 'channel');
      expect(answer.statusCode).toBe(200);
      const text = cardText(answer.value);
      expect(text.indexOf('Incidents')).toBeGreaterThan(-1);
      expect(text.indexOf('Incidents')).toBeLessThan(text.indexOf('Connect a workspace'));
      expect((await t.request('POST', '/sandbox/portal/connect', { workspace: `${SUB}/rg-soc/law-soc-new` })).status).toBe(200);
      const done = await click(t, MIA, 'connection.verify', { requestId, version: 3 }, 'channel');
      expect(cardText(done.value)).toMatch(/connected/i);
      expect((await t.bot.store.getRequest(requestId))!.state).toBe('completed');
    },
  );
});

describe('a connection made in the portal before the bot was installed', () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await startTestBot({ SANDBOX_TENANT: path.join(FIXTURES, 'connected-before-install-tenant.json') });
    await setSocChannel(t);
  });
  afterAll(async () => {
    await t.stop();
  });

  test('is recognised from Azure signals: connecting another workspace is blocked, naming it', async () => {
    const card = cardOf(await say(t, USERS.dana, 'connect law-soc-prod'))!;
    expect(cardText(card)).toMatch(/No other workspace connected[\s\S]*Failed/);
    expect(cardText(card)).toMatch(/law-soc-staging/);
    expect(executeActions(card).map((a) => a.verb)).not.toContain('request.submit');
  });
});

describe("a card action is answered within Teams' 5 s even when Azure is slow", () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await startTestBot({ SANDBOX_LATENCY_MS: '2500' });
    await setSocChannel(t);
  });
  afterAll(async () => {
    await t.stop();
  });

  test('workspace.select answers at once with a progress card, then the card is updated with the checks', async () => {
    const started = Date.now();
    const answer = await click(
      t,
      USERS.dana,
      'workspace.select',
      { workspace: `/subscriptions/${SUB}/resourceGroups/rg-soc/providers/Microsoft.OperationalInsights/workspaces/law-soc-prod` },
      'personal',
      'picker-card-1',
    );
    expect(Date.now() - started).toBeLessThan(5000);
    expect(answer.statusCode).toBe(200);
    expect(cardText(answer.value)).toMatch(/Checking law-soc-prod/);
    const updates = await t.connector.waitFor(
      (c) => c.some((x) => x.method === 'PUT' && x.activityId === 'picker-card-1'),
      20_000,
      'card update with the checks',
    );
    const update = updates.find((x) => x.method === 'PUT' && x.activityId === 'picker-card-1')!;
    expect(executeActions(cardOf(update)).map((a) => a.verb)).toContain('request.submit');
  }, 40_000);
});

describe('a connection Azure cannot show (apps already hold their role, no rule to deactivate)', () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await startTestBot({ SANDBOX_TENANT: path.join(FIXTURES, 'no-xdr-reconnect-tenant.json'), VERIFY_POLL_SECONDS: '3600' });
    await setSocChannel(t);
  });
  afterAll(async () => {
    await t.stop();
  });

  test('is not announced by the poller; only the approver confirms it with Check now', async () => {
    const { requestId } = await submitConnect(t, USERS.dana, 'law-soc-quiet');
    expect((await click(t, MIA, 'request.approve', { requestId, version: 2 }, 'channel')).statusCode).toBe(200);
    await t.bot.poller.tick();
    expect((await t.bot.store.getRequest(requestId))!.state).toBe('approved');
    const other = await click(t, USERS.ravi, 'connection.verify', { requestId, version: 3 }, 'channel');
    expect(cardText(other.value)).toMatch(/Azure cannot show this connection/);
    expect((await t.bot.store.getRequest(requestId))!.state).toBe('approved');
    const approver = await click(t, MIA, 'connection.verify', { requestId, version: 3 }, 'channel');
    expect(cardText(approver.value)).toMatch(/connected/i);
    expect((await t.bot.store.getRequest(requestId))!.state).toBe('completed');
  });
});

describe('submit re-checks the prerequisites when the card is more than a minute old', () => {
  let t: TestBot;
  let now = new Date('2026-11-29T10:00:00Z');
  beforeAll(async () => {
    t = await startTestBot({ VERIFY_POLL_SECONDS: '3600' }, { now: () => now });
    await setSocChannel(t);
  });
  afterAll(async () => {
    await t.stop();
  });

  test('another workspace connected in the portal meanwhile: the submit is refused and nothing is posted', async () => {
    const card = cardOf(await say(t, USERS.dana, 'connect law-soc-prod'))!;
    const submit = executeActions(card).find((a) => a.verb === 'request.submit')!;
    expect((await t.request('POST', '/sandbox/portal/connect', { workspace: `${SUB}/rg-soc/law-soc-staging` })).status).toBe(200);
    now = new Date(now.getTime() + 2 * 60_000);
    const postsBefore = socPosts(t).length;
    const answer = await click(t, USERS.dana, 'request.submit', { requestId: submit.data.requestId, version: 1 }, 'personal');
    expect(answer.statusCode).toBe(409);
    expect(answer.value.message).toMatch(/checks no longer pass[\s\S]*law-soc-staging/);
    expect((await t.bot.store.getRequest(submit.data.requestId as string))!.state).toBe('draft');
    await drain([t.bot]);
    await staysEqual(() => socPosts(t).length, postsBefore, 'no post in the SOC channel');
  });
});
