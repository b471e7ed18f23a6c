import * as path from 'node:path';
import { cardOf } from '../support/fake-connector';
import { cardText, executeActions } from '../support/card-queries';
import { click, say, setSocChannel, socPosts, submitConnect } from '../support/drive';
import { personalConversationId, TENANT_ID, USERS } from '../support/teams-activities';
import { startTestBot, type TestBot } from '../support/test-bot';
import { connectWorkspace, socPostMatching, submitDisconnect } from './disconnect-steps';

const FIXTURES = path.resolve(__dirname, '../fixtures');
const HOUR = 3_600_000;

describe('requests expire after REQUEST_EXPIRY_HOURS (default 24 h), by a controllable clock', () => {
  let t: TestBot;
  let now = new Date('2026-11-29T10:00:00Z');
  const later = (ms: number) => {
    now = new Date(now.getTime() + ms);
  };
  beforeAll(async () => {
    t = await startTestBot(
      { SANDBOX_TENANT: path.join(FIXTURES, 'two-ready-workspaces-tenant.json'), VERIFY_POLL_SECONDS: '3600', VERIFY_TIMEOUT_MINUTES: '10080' },
      { now: () => now },
    );
    await setSocChannel(t);
  });
  afterAll(async () => {
    await t.stop();
  });

  test('waiting for approval: expires at 24 h, the approval card is updated, the channel and the requester are told', async () => {
    const { requestId, approvalPost } = await submitConnect(t, USERS.dana, 'law-soc-prod');
    later(24 * HOUR - 60_000);
    await t.bot.poller.tick();
    expect((await t.bot.store.getRequest(requestId))!.state).toBe('submitted');
    later(60_000);
    await t.bot.poller.tick();
    expect((await t.bot.store.getRequest(requestId))!.state).toBe('expired');

    await t.connector.waitFor(() => t.connector.updates().some((u) => u.activityId === approvalPost.assignedId), 5000, 'approval card update');
    const update = cardOf(t.connector.updates().find((u) => u.activityId === approvalPost.assignedId)!)!;
    expect(executeActions(update)).toHaveLength(0);
    expect(cardText(update)).toMatch(/[Ee]xpired/);
    await socPostMatching(t, /^The request to connect law-soc-prod expired \(requested by Dana Okafor \(SOC lead\)\)$/, 'expired post');
    await t.connector.waitFor(
      () => t.connector.posted(personalConversationId(USERS.dana)).some((p) => /expired/.test(String(p.body.summary))),
      5000,
      'requester told',
    );

    // A late approval is refused and changes nothing; the audit shows the bot expired it.
    const late = await click(t, USERS.ravi, 'request.approve', { requestId, version: 2 }, 'channel');
    expect(late.statusCode).toBe(409);
    const audit = (await t.bot.store.listAudit(TENANT_ID, 50)).filter((a) => a.requestId === requestId);
    expect(audit.find((a) => a.action === 'expire')).toMatchObject({ outcome: 'accepted', actor: 'system', fromState: 'submitted', toState: 'expired' });
    expect(audit.find((a) => a.action === 'approve')).toMatchObject({ outcome: 'refused', refusalCode: 'forbidden_transition' });
    // Status: no open request left.
    expect(cardText(cardOf(await say(t, USERS.dana, 'status')))).toMatch(/No open requests/);
  });

  test('waiting for the portal step: a disconnect approved but never done expires 24 h after the approval', async () => {
    await connectWorkspace(t, 'law-soc-prod');
    const { requestId } = await submitDisconnect(t, USERS.dana, 'Migrating');
    later(2 * HOUR);
    expect((await click(t, USERS.ravi, 'request.approve', { requestId, version: 3 }, 'channel')).statusCode).toBe(200);
    const approved = (await t.bot.store.getRequest(requestId))!;
    expect('expiresAt' in approved && approved.expiresAt).toBe(new Date(now.getTime() + 24 * HOUR).toISOString());
    later(23 * HOUR);
    await t.bot.poller.tick();
    expect((await t.bot.store.getRequest(requestId))!.state).toBe('approved');
    const postsBefore = socPosts(t).length;
    later(HOUR);
    await t.bot.poller.tick();
    expect((await t.bot.store.getRequest(requestId))!.state).toBe('expired');
    await socPostMatching(t, /^The request to disconnect law-soc-prod expired \(requested by Dana Okafor \(SOC lead\)\): Migrating$/, 'expired post');
    await t.connector.waitFor(
      () => t.connector.posted(personalConversationId(USERS.dana)).some((p) => /disconnect law-soc-prod expired/.test(String(p.body.summary))),
      5000,
      'requester told',
    );
    expect(
      socPosts(t)
        .slice(postsBefore)
        .filter((p) => /expired/.test(String(p.body.summary))),
    ).toHaveLength(1);
    // Still connected: nothing happened in the portal.
    expect(await t.bot.store.getConnection(TENANT_ID)).toMatchObject({ workspace: { name: 'law-soc-prod' } });
    // Check now on the expired request's portal card is refused.
    expect((await click(t, USERS.ravi, 'connection.verify', { requestId, version: 4 }, 'channel')).statusCode).toBe(409);
  });
});

describe('REQUEST_EXPIRY_HOURS sets the deadline', () => {
  let t: TestBot;
  let now = new Date('2026-11-29T10:00:00Z');
  beforeAll(async () => {
    t = await startTestBot({ REQUEST_EXPIRY_HOURS: '2', VERIFY_POLL_SECONDS: '3600' }, { now: () => now });
    await setSocChannel(t);
  });
  afterAll(async () => {
    await t.stop();
  });

  test('a request expires after 2 hours', async () => {
    const { requestId } = await submitConnect(t, USERS.dana, 'law-soc-prod');
    const submitted = (await t.bot.store.getRequest(requestId))!;
    expect('expiresAt' in submitted && submitted.expiresAt).toBe('2026-11-29T12:00:00.000Z');
    now = new Date('2026-11-29T11:59:00Z');
    await t.bot.poller.tick();
    expect((await t.bot.store.getRequest(requestId))!.state).toBe('submitted');
    now = new Date('2026-11-29T12:00:00Z');
    await t.bot.poller.tick();
    expect((await t.bot.store.getRequest(requestId))!.state).toBe('expired');
  });
});
