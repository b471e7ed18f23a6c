import * as path from 'node:path';
import { cardOf } from '../support/fake-connector';
import { cardText, executeActions } from '../support/card-queries';
import { click, say, setSocChannel } from '../support/drive';
import { channelMessage, personalConversationId, TENANT_ID, USERS } from '../support/teams-activities';
import { startTestBot, type TestBot } from '../support/test-bot';
import { connectWorkspace, expectInert, OMAR, socPostMatching, submitDisconnect, SUB } from './disconnect-steps';

const FIXTURES = path.resolve(__dirname, '../fixtures');

/** `status` in the SOC channel, where any member may ask. */
async function channelStatus(t: TestBot, user = USERS.lena): Promise<string> {
  const before = t.connector.calls.length;
  await t.send(channelMessage(t.serviceUrl, user, 'status'));
  const calls = await t.connector.waitFor((c) => c.slice(before).some((x) => cardOf(x) && /Status/.test(cardText(cardOf(x)))), 10_000, 'status reply');
  return cardText(cardOf(calls.slice(before).find((x) => cardOf(x) && /Status/.test(cardText(cardOf(x))))!));
}

describe('status and history, before and after connect and disconnect', () => {
  let t: TestBot;
  let now = new Date('2026-11-29T10:00:00Z');
  beforeAll(async () => {
    t = await startTestBot({ SANDBOX_TENANT: path.join(FIXTURES, 'two-ready-workspaces-tenant.json'), VERIFY_POLL_SECONDS: '3600' }, { now: () => now });
    await setSocChannel(t);
  });
  afterAll(async () => {
    await t.stop();
  });

  test('before anything: nothing connected, no open requests; the SOC channel change is the only state change', async () => {
    const text = cardText(cardOf(await say(t, USERS.dana, 'status')));
    expect(text).toMatch(/No workspace is connected to the Defender portal/);
    expect(text).toMatch(/No open requests/);
    expect(text).toMatch(/Made this team channel the SOC channel/);
    expect(text).toContain('29 Nov 2026, 10:00 UTC'); // as of
  });

  test('after connect: the workspace, since when, connected and approved by; works in the channel too', async () => {
    now = new Date('2026-11-29T11:00:00Z');
    await connectWorkspace(t, 'law-soc-prod');
    now = new Date('2026-11-29T14:30:00Z');
    const text = await channelStatus(t);
    expect(text).toMatch(/Workspace\nlaw-soc-prod/);
    expect(text).toMatch(/Connected since\n29 Nov 2026, 11:00 UTC/);
    expect(text).toMatch(/Connected by\nRavi Menon \(Security admin\)/);
    expect(text).toMatch(/Approved by\nRavi Menon \(Security admin\)/);
    expect(text).toMatch(/No open requests/);
    expect(text).toMatch(/Verified in Azure: the connect request for law-soc-prod is done/);
    expect(text).toMatch(/Approved the connect request for law-soc-prod/);
  });

  test('an open request shows with its state and age; refused attempts are not state changes', async () => {
    const { requestId } = await submitDisconnect(t, USERS.dana, 'Moving to <b>law-soc-staging</b>');
    expect((await click(t, USERS.dana, 'request.approve', { requestId, version: 3 }, 'channel')).statusCode).toBe(403);
    now = new Date('2026-11-29T16:45:00Z');
    const card = cardOf(await say(t, USERS.lena, 'status'))!;
    const text = cardText(card);
    expect(text).toMatch(/Disconnect\nlaw-soc-prod\nWaiting for approval \(Dana Okafor \(SOC lead\)\)\n2 h/);
    expect(text).toMatch(/Submitted the disconnect request for law-soc-prod for approval \(reason: Moving to <b>law-soc-staging<\/b>\)/);
    expectInert(card, 'Moving to <b>law-soc-staging</b>');
    expect(text).not.toMatch(/Refused/);
    expect(executeActions(card)).toHaveLength(0);

    // After approval: waiting for the portal step.
    expect((await click(t, OMAR, 'request.approve', { requestId, version: 3 }, 'channel')).statusCode).toBe(200);
    expect(cardText(cardOf(await say(t, USERS.lena, 'status')))).toMatch(/Disconnect\nlaw-soc-prod\nWaiting for the portal step/);

    // Verified by the poller: nothing connected any more.
    await t.request('POST', '/sandbox/portal/disconnect', { workspace: `${SUB}/rg-soc/law-soc-prod` });
    await t.bot.poller.tick();
    await socPostMatching(t, /^Disconnected law-soc-prod/, 'disconnected post');
    await t.connector.waitFor(
      () => t.connector.posted(personalConversationId(USERS.dana)).some((p) => /^Disconnected/.test(String(p.body.summary))),
      5000,
      'requester told',
    );
    const after = cardText(cardOf(await say(t, USERS.dana, 'status')));
    expect(after).toMatch(/No workspace is connected to the Defender portal/);
    expect(after).toMatch(/No open requests/);
    expect(after).toMatch(/Verified in Azure: the disconnect request for law-soc-prod is done/);
    // The last 10 state changes, newest first.
    const events = after.split('\n').filter((l) => /^(Started|Gave|Submitted|Approved|Verified|Made|Cancelled)/.test(l));
    expect(events).toHaveLength(10);
    expect(events[0]).toMatch(/^Verified in Azure: the disconnect/);
  });

  test("other people's drafts are private in status", async () => {
    await say(t, USERS.dana, 'connect law-soc-staging');
    expect(cardText(cardOf(await say(t, USERS.dana, 'status')))).toMatch(/Connect\nlaw-soc-staging\nDraft, not submitted/);
    expect(cardText(cardOf(await say(t, USERS.lena, 'status')))).not.toMatch(/Draft/);
    await say(t, USERS.dana, 'cancel');
  });

  test('history lists the audit log newest first, refused attempts included; n is validated', async () => {
    const card = cardOf(await say(t, USERS.dana, 'history'))!;
    const text = cardText(card);
    expect(text).toMatch(/Audit history/);
    // 13 entries so far, fewer than the default 20: all of them.
    expect(text).toMatch(/All 13 entries of the audit log, newest first, refused attempts included/);
    expect(text).toMatch(/Refused to approve the disconnect request for law-soc-prod: You asked for this change/);
    expect(text).toMatch(/Cancelled the connect request for law-soc-staging/);
    expect(executeActions(card)).toHaveLength(0);

    const all = cardText(cardOf(await say(t, USERS.dana, 'history 200')));
    expect(all).toMatch(/All 13 entries of the audit log/);
    expect(all).toMatch(/Made this team channel the SOC channel/);
    expect(all).toMatch(/Gave the reason for the disconnect request for law-soc-prod \(reason: Moving to <b>law-soc-staging<\/b>\)/);

    const three = cardText(cardOf(await say(t, USERS.dana, 'history 3')));
    expect(three).toMatch(/The last 3 entries/);

    for (const bad of ['0', '201', 'abc', '-5', '2.5']) {
      const reply = cardText(cardOf(await say(t, USERS.dana, `history ${bad}`)));
      expect(reply).toMatch(/give a whole number from 1 to 200/);
    }
  });

  test('history works only in the 1:1 chat', async () => {
    const before = t.connector.calls.length;
    await t.send(channelMessage(t.serviceUrl, USERS.dana, 'history'));
    const calls = await t.connector.waitFor((c) => c.length > before, 5000, 'channel reply');
    expect(String(calls[calls.length - 1].body.text)).toMatch(/works in a 1:1 chat/);
  });

  test('the audit trail cannot be updated or deleted', async () => {
    const count = (await t.bot.store.listAudit(TENANT_ID, 1000)).length;
    const db = (t.bot.store as unknown as { kind: string }).kind;
    expect(db).toBe('sqlite');
    // The store port has no way to change an entry; the database refuses it underneath (see test/store).
    expect(
      Object.keys(t.bot.store)
        .filter((k) => /audit/i.test(k))
        .sort(),
    ).toEqual(['appendAudit', 'exportAudit', 'listAudit']);
    expect((await t.bot.store.listAudit(TENANT_ID, 1000)).length).toBe(count);
  });
});

describe('status when Azure cannot be read', () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await startTestBot();
  });
  afterAll(async () => {
    await t.stop();
  });

  test('says the connection could not be checked, never "no workspace is connected"', async () => {
    // The reads the connected-workspace scan depends on: the Defender apps' role, through Resource Graph and through ARM.
    await t.request('POST', '/sandbox/faults', { match: 'ResourceGraph|roleAssignments', status: 503, count: 100 });
    const reply = await say(t, USERS.dana, 'status');
    await t.request('DELETE', '/sandbox/faults');
    const text = cardText(cardOf(reply));
    expect(text).toMatch(/could not check Azure/);
    expect(text).not.toMatch(/No workspace is connected/);
    expect(reply.body.summary).toBe('Status: connection not known');
  });
});
