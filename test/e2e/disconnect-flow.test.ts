import * as path from 'node:path';
import { cardOf } from '../support/fake-connector';
import { cardText, executeActions, inputIds } from '../support/card-queries';
import { click, say, setSocChannel, socPosts, submitConnect } from '../support/drive';
import { channelMessage, personalConversationId, TENANT_ID, USERS } from '../support/teams-activities';
import { startTestBot, type TestBot } from '../support/test-bot';
import { connectWorkspace, expectInert, OMAR, socPostMatching, startDisconnect, SUB } from './disconnect-steps';
import { drain, staysEqual } from '../support/settle';

const FIXTURES = path.resolve(__dirname, '../fixtures');
const REASON = 'Moving to [law-soc-staging](http://evil.example/x) ![pixel](http://evil.example/p.png) <b>now</b> <script>alert(1)</script> **urgent** _ops_';

describe('disconnect with a reason, then connect another workspace', () => {
  let t: TestBot;
  let now = new Date('2026-11-29T10:00:00Z');
  beforeAll(async () => {
    t = await startTestBot({ SANDBOX_TENANT: path.join(FIXTURES, 'two-ready-workspaces-tenant.json'), VERIFY_POLL_SECONDS: '3600' }, { now: () => now });
    await setSocChannel(t);
  });
  afterAll(async () => {
    await t.stop();
  });

  test('with nothing connected, disconnect says so clearly and the attempt is audited', async () => {
    const text = cardText(cardOf(await say(t, USERS.dana, 'disconnect')));
    expect(text).toMatch(/Nothing to disconnect/);
    expect(text).toMatch(/No workspace is connected to the Defender portal/);
    const audit = await t.bot.store.listAudit(TENANT_ID, 5);
    expect(audit[0]).toMatchObject({ action: 'disconnect', outcome: 'refused', refusalCode: 'nothing_connected', actor: { id: USERS.dana.id } });
    expect(await t.bot.store.listOpenRequests(TENANT_ID)).toHaveLength(0);
  });

  test('disconnect works only in the 1:1 chat', async () => {
    const before = t.connector.calls.length;
    await t.send(channelMessage(t.serviceUrl, USERS.dana, 'disconnect'));
    const calls = await t.connector.waitFor((c) => c.length > before, 5000, 'channel reply');
    expect(String(calls[calls.length - 1].body.text)).toMatch(/works in a 1:1 chat/);
  });

  test('the happy path: reason, confirmation, approval by a qualified other person, portal step, verified, the channel told with the reason', async () => {
    now = new Date('2026-11-29T10:05:00Z');
    await connectWorkspace(t, 'law-soc-prod');
    now = new Date('2026-11-30T09:00:00Z');

    // Connecting another workspace while one is connected names it and offers the disconnect.
    const blocked = cardText(cardOf(await say(t, USERS.dana, 'connect law-soc-staging')));
    expect(blocked).toMatch(/law-soc-prod is already connected/);
    expect(blocked).toMatch(/Type "disconnect" to start disconnecting it/);

    // disconnect: the connected workspace, what disconnecting means, the reason input.
    const { card, requestId } = await startDisconnect(t, USERS.dana);
    const text = cardText(card);
    expect(text).toContain('law-soc-prod');
    expect(text).toContain(`/subscriptions/${SUB}/resourceGroups/rg-soc/providers/Microsoft.OperationalInsights/workspaces/law-soc-prod`);
    expect(text).toMatch(/What disconnecting means/);
    expect(text).toMatch(/Overview, incidents and advanced hunting/);
    expect(text).toMatch(/Microsoft Sentinel section disappears/);
    expect(text).toContain('29 Nov 2026'); // connected since
    expect(text).toContain('Ravi Menon'); // connected by
    expect(inputIds(card)).toEqual(['reason']);
    expect(executeActions(card).map((a) => a.verb)).toEqual(['disconnect.submit', 'request.cancel']);
    expect(executeActions(card)[0].data).toEqual({ requestId, version: 1 });

    // Empty, blank and over-long reasons are refused; nothing changes.
    for (const reason of [undefined, '', '   \n ']) {
      const answer = await click(t, USERS.dana, 'disconnect.submit', { requestId, version: 1, ...(reason === undefined ? {} : { reason }) }, 'personal');
      expect(answer.statusCode).toBe(400);
      expect(answer.type).toBe('application/vnd.microsoft.error');
      expect(answer.value.code).toBe('invalid_reason');
      expect(answer.value.message).toMatch(/Give a reason/);
    }
    const tooLong = await click(t, USERS.dana, 'disconnect.submit', { requestId, version: 1, reason: 'x'.repeat(501) }, 'personal');
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.value.code).toBe('invalid_reason');
    expect(tooLong.value.message).toMatch(/501 characters long; shorten it to 500/);
    const notText = await click(t, USERS.dana, 'disconnect.submit', { requestId, version: 1, reason: 42 }, 'personal');
    expect(notText.statusCode).toBe(400);
    expect(await t.bot.store.getRequest(requestId)).toMatchObject({ state: 'draft', version: 1 });
    expect((await t.bot.store.getRequest(requestId))!.reason).toBeUndefined();

    // Someone else cannot give the reason of Dana's request.
    const other = await click(t, USERS.lena, 'disconnect.submit', { requestId, version: 1, reason: 'mine' }, 'personal');
    expect(other.statusCode).toBe(403);
    expect(other.value.code).toBe('not_requester');

    // 500 characters after trimming are accepted; the confirmation shows the reason, verbatim and inert.
    const confirm = await click(t, USERS.dana, 'disconnect.submit', { requestId, version: 1, reason: `  ${REASON}  ` }, 'personal');
    expect(confirm.statusCode).toBe(200);
    expect(cardText(confirm.value)).toContain(REASON);
    expectInert(confirm.value, REASON);
    expect(
      executeActions(confirm.value)
        .map((a) => a.verb)
        .sort(),
    ).toEqual(['request.cancel', 'request.submit']);
    expect(executeActions(confirm.value).find((a) => a.verb === 'request.submit')!.data).toEqual({ requestId, version: 2 });
    expect((await t.bot.store.getRequest(requestId))!.reason).toBe(REASON);

    // Submit: the approval card in the SOC channel carries the reason.
    const before = socPosts(t).length;
    const submitted = await click(t, USERS.dana, 'request.submit', { requestId, version: 2 }, 'personal');
    expect(submitted.statusCode).toBe(200);
    expect(cardText(submitted.value)).toMatch(/Sent for approval/);
    await t.connector.waitFor(() => socPosts(t).length > before, 5000, 'approval card');
    const approvalPost = socPosts(t)[before];
    expect(approvalPost.body.summary).toBe(`Dana Okafor (SOC lead) asks to disconnect law-soc-prod: ${REASON}`);
    const approval = cardOf(approvalPost)!;
    expectInert(approval, REASON);
    expect(
      executeActions(approval)
        .map((a) => a.verb)
        .sort(),
    ).toEqual(['request.approve', 'request.reject']);
    expect(executeActions(approval)[0].data).toEqual({ requestId, version: 3 });

    // The requester may not approve; an analyst without the Azure roles may not; the roles are read at the click.
    const own = await click(t, USERS.dana, 'request.approve', { requestId, version: 3 }, 'channel');
    expect(own.statusCode).toBe(403);
    expect(own.value.code).toBe('four_eyes');
    const analyst = await click(t, USERS.lena, 'request.approve', { requestId, version: 3 }, 'channel');
    expect(analyst.statusCode).toBe(403);
    expect(analyst.value.code).toBe('not_qualified');
    expect(analyst.value.message).toMatch(/disconnect request/);
    expect(analyst.value.message).toMatch(/Owner/);
    expect((await t.bot.store.getRequest(requestId))!.state).toBe('submitted');

    // Omar is Owner of the subscription with no Entra role: enough for a disconnect (Azure roles only).
    const approved = await click(t, OMAR, 'request.approve', { requestId, version: 3, comment: 'OK <i>go</i>' }, 'channel');
    expect(approved.statusCode).toBe(200);
    const portal = approved.value;
    const portalText = cardText(portal);
    expect(portalText).toMatch(/System/);
    expect(portalText).toMatch(/Microsoft Sentinel/);
    expect(portalText).toMatch(/Workspaces/);
    expect(portalText).toMatch(/Disconnect/);
    expectInert(portal, REASON);
    expect(executeActions(portal).find((a) => a.verb === 'connection.verify')!.data).toEqual({ requestId, version: 4 });
    await socPostMatching(t, /approved the request to disconnect law-soc-prod/, 'approved post');
    await t.connector.waitFor(() => t.connector.updates().some((u) => u.activityId === approvalPost.assignedId), 5000, 'approval card update');

    // Check now before the portal step: still connected.
    const early = await click(t, OMAR, 'connection.verify', { requestId, version: 4 }, 'channel');
    expect(early.statusCode).toBe(200);
    expect(cardText(early.value)).toMatch(/still has incidents enabled/);
    expect((await t.bot.store.getRequest(requestId))!.state).toBe('approved');

    // The portal disconnects the workspace; Check now verifies it from Azure (connector incidents off).
    expect((await t.request('POST', '/sandbox/portal/disconnect', { workspace: `${SUB}/rg-soc/law-soc-prod`, reason: REASON })).status).toBe(200);
    const done = await click(t, OMAR, 'connection.verify', { requestId, version: 4 }, 'channel');
    expect(done.statusCode).toBe(200);
    expect(cardText(done.value)).toMatch(/disconnected/i);
    expect((await t.bot.store.getRequest(requestId))!.state).toBe('completed');
    expect(await t.bot.store.getConnection(TENANT_ID)).toBeNull();

    // The channel is told: workspace, who asked, who approved, the reason — inert.
    const post = await socPostMatching(t, /^Disconnected law-soc-prod from the Defender portal/, 'disconnected post');
    expect(String(post.body.summary)).toContain('approved by Omar Haddad (Subscription owner)');
    expect(String(post.body.summary)).toContain('Moving to [law-soc-staging](http://evil.example/x)');
    const notice = cardOf(post)!;
    const noticeText = cardText(notice);
    expect(noticeText).toContain('law-soc-prod');
    expect(noticeText).toContain('Dana Okafor (SOC lead)');
    expect(noticeText).toContain('Omar Haddad (Subscription owner)');
    expectInert(notice, REASON);
    expect(JSON.stringify(notice)).not.toMatch(/"type":"Image"|"url":"http:\/\/evil/);
    // The requester hears in 1:1.
    await t.connector.waitFor(
      () => t.connector.posted(personalConversationId(USERS.dana)).some((p) => /^Disconnected law-soc-prod/.test(String(p.body.summary))),
      5000,
      'requester told',
    );

    // Exactly one channel post per state change of this request: submitted, approved, disconnected.
    const summaries = socPosts(t)
      .slice(before)
      .map((p) => String(p.body.summary));
    expect(summaries.filter((s) => /asks to disconnect/.test(s))).toHaveLength(1);
    expect(summaries.filter((s) => /approved the request to disconnect/.test(s))).toHaveLength(1);
    expect(summaries.filter((s) => /^Disconnected/.test(s))).toHaveLength(1);

    // Audit: every step of the disconnect, and every refused attempt, in order.
    const audit = (await t.bot.store.listAudit(TENANT_ID, 200)).filter((a) => a.requestId === requestId).reverse();
    expect(audit.map((a) => `${a.action}:${a.outcome}${a.refusalCode ? `:${a.refusalCode}` : ''}`)).toEqual([
      'create:accepted',
      'set_reason:refused:invalid_reason',
      'set_reason:refused:invalid_reason',
      'set_reason:refused:invalid_reason',
      'set_reason:refused:invalid_reason',
      'set_reason:refused:not_requester',
      'set_reason:accepted',
      'submit:accepted',
      'approve:refused:four_eyes',
      'approve:refused:not_qualified',
      'approve:accepted',
      'verified:accepted',
    ]);
    expect(audit.find((a) => a.action === 'set_reason' && a.outcome === 'accepted')!.detail).toBe(REASON);
    expect(audit.find((a) => a.action === 'approve' && a.outcome === 'accepted')).toMatchObject({
      actor: { id: OMAR.id },
      fromState: 'submitted',
      toState: 'approved',
      detail: 'OK <i>go</i>',
    });
    expect(audit.find((a) => a.action === 'verified')).toMatchObject({ actor: 'system', fromState: 'approved', toState: 'completed' });
    expect(audit.find((a) => a.refusalCode === 'four_eyes')).toMatchObject({ actor: { id: USERS.dana.id }, fromState: 'submitted', toState: 'submitted' });
  });

  test('switching: after the disconnect, connect another workspace works', async () => {
    const card = cardOf(await say(t, USERS.dana, 'connect law-soc-staging'))!;
    expect(cardText(card)).toMatch(/No other workspace connected[\s\S]*Passed/);
    expect(executeActions(card).map((a) => a.verb)).toContain('request.submit');
    now = new Date('2026-11-30T10:00:00Z');
    const { requestId } = await submitConnect(t, USERS.dana, 'law-soc-staging');
    expect((await click(t, USERS.ravi, 'request.approve', { requestId, version: 2 }, 'channel')).statusCode).toBe(200);
    // The Defender apps still hold Sentinel Contributor from the first connection; the step is not done until the portal does it.
    const early = await click(t, USERS.ravi, 'connection.verify', { requestId, version: 3 }, 'channel');
    expect(cardText(early.value)).toMatch(/Not connected yet: Microsoft incident creation rules are still enabled/);
    expect((await t.request('POST', '/sandbox/portal/connect', { workspace: `${SUB}/rg-soc/law-soc-staging` })).status).toBe(200);
    expect((await click(t, USERS.ravi, 'connection.verify', { requestId, version: 3 }, 'channel')).statusCode).toBe(200);
    await socPostMatching(t, /^Connected law-soc-staging to the Defender portal/, 'connected post');
    expect(await t.bot.store.getConnection(TENANT_ID)).toMatchObject({
      workspace: { name: 'law-soc-staging' },
      approvedBy: { id: USERS.ravi.id },
      requestedBy: { id: USERS.dana.id },
    });
    const sandbox = await t.request('GET', '/sandbox/state');
    expect(String(sandbox.body.connectedWorkspace)).toMatch(/law-soc-staging$/);
  });

  test('disconnect naming a workspace that is not the connected one is refused, naming both', async () => {
    const text = cardText(cardOf(await say(t, USERS.dana, 'disconnect law-soc-prod')));
    expect(text).toMatch(/law-soc-prod is not the connected workspace/);
    expect(text).toMatch(/law-soc-staging is/);
    const audit = await t.bot.store.listAudit(TENANT_ID, 1);
    expect(audit[0]).toMatchObject({ action: 'disconnect', outcome: 'refused', refusalCode: 'not_connected_workspace' });
  });

  test("a new disconnect replaces the caller's own unsubmitted draft", async () => {
    const first = await startDisconnect(t, USERS.dana);
    const second = await startDisconnect(t, USERS.dana, 'law-soc-staging');
    expect(second.requestId).not.toBe(first.requestId);
    expect((await t.bot.store.getRequest(first.requestId))!.state).toBe('cancelled');
    const open = await t.bot.store.listOpenRequests(TENANT_ID);
    expect(open.map((r) => r.id)).toEqual([second.requestId]);
    // The replaced card's button no longer works.
    const stale = await click(t, USERS.dana, 'disconnect.submit', { requestId: first.requestId, version: 1, reason: 'late' }, 'personal');
    expect(stale.statusCode).toBe(409);
  });
});

describe('disconnect a workspace connected in the portal before the bot was installed', () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await startTestBot({ SANDBOX_TENANT: path.join(FIXTURES, 'connected-before-install-tenant.json'), VERIFY_POLL_SECONDS: '3600' });
    await setSocChannel(t);
  });
  afterAll(async () => {
    await t.stop();
  });

  test('a workspace Azure does not show as connected is refused', async () => {
    const text = cardText(cardOf(await say(t, USERS.dana, 'disconnect law-soc-prod')));
    expect(text).toMatch(/law-soc-prod is not connected to the Defender portal/);
    expect(await t.bot.store.listOpenRequests(TENANT_ID)).toHaveLength(0);
  });

  test('the bot has no record: the connected workspace is recognised from Azure signals, and the disconnect is verified the same way', async () => {
    expect(await t.bot.store.getConnection(TENANT_ID)).toBeNull();
    const { card, requestId } = await startDisconnect(t, USERS.dana, 'law-soc-staging');
    expect(cardText(card)).toContain('law-soc-staging');
    expect(cardText(card)).toMatch(/Not recorded \(connected in the portal\)/);
    // No snapshot to go by: the checklist is the workspace's rules that connecting turns off and are off now.
    expect(cardText(card)).toMatch(/The bot has no record of this connection \(made in the portal\), so these are the rules that are off now/);
    expect(cardText(card)).toContain('Create incidents from Defender for Identity alerts');
    expect(cardText(card)).toMatch(/Disconnecting also turns off the Defender XDR connector/);
    // Without an argument, the single workspace Azure shows as connected is offered too.
    const again = await startDisconnect(t, USERS.dana);
    expect(cardText(again.card)).toContain('law-soc-staging');

    const confirm = await click(
      t,
      USERS.dana,
      'disconnect.submit',
      { requestId: again.requestId, version: 1, reason: 'Consolidating on law-soc-prod' },
      'personal',
    );
    expect(confirm.statusCode).toBe(200);
    expect((await click(t, USERS.dana, 'request.submit', { requestId: again.requestId, version: 2 }, 'personal')).statusCode).toBe(200);
    expect((await click(t, USERS.ravi, 'request.approve', { requestId: again.requestId, version: 3 }, 'channel')).statusCode).toBe(200);
    await t.request('POST', '/sandbox/portal/disconnect', { workspace: `${SUB}/rg-soc/law-soc-staging`, reason: 'Consolidating on law-soc-prod' });
    await t.bot.poller.tick();
    expect((await t.bot.store.getRequest(again.requestId))!.state).toBe('completed');
    expect((await t.bot.store.getRequest(requestId))!.state).toBe('cancelled');
    await socPostMatching(
      t,
      /^Disconnected law-soc-staging from the Defender portal \(approved by Ravi Menon \(Security admin\)\): Consolidating on law-soc-prod$/,
      'disconnected post',
    );
    await t.connector.waitFor(
      () => t.connector.posted(personalConversationId(USERS.dana)).some((p) => /^Disconnected law-soc-staging/.test(String(p.body.summary))),
      5000,
      'requester told',
    );
    // Now nothing is connected, by record or by signals.
    expect(cardText(cardOf(await say(t, USERS.dana, 'disconnect')))).toMatch(/Nothing to disconnect/);
  });
});

describe('a disconnect whose workspace was disconnected meanwhile is not submitted', () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await startTestBot({ SANDBOX_TENANT: path.join(FIXTURES, 'connected-before-install-tenant.json'), VERIFY_POLL_SECONDS: '3600' });
    await setSocChannel(t);
  });
  afterAll(async () => {
    await t.stop();
  });

  test('submit is refused and audited; nothing reaches the SOC channel', async () => {
    const { requestId } = await startDisconnect(t, USERS.dana);
    expect((await click(t, USERS.dana, 'disconnect.submit', { requestId, version: 1, reason: 'Cleanup' }, 'personal')).statusCode).toBe(200);
    await t.request('POST', '/sandbox/portal/disconnect', { workspace: `${SUB}/rg-soc/law-soc-staging` });
    const before = socPosts(t).length;
    const answer = await click(t, USERS.dana, 'request.submit', { requestId, version: 2 }, 'personal');
    expect(answer.statusCode).toBe(409);
    expect(answer.value.code).toBe('nothing_connected');
    expect(answer.value.message).toMatch(/law-soc-staging is no longer connected/);
    expect((await t.bot.store.getRequest(requestId))!.state).toBe('draft');
    expect((await t.bot.store.listAudit(TENANT_ID, 1))[0]).toMatchObject({ requestId, action: 'submit', outcome: 'refused', refusalCode: 'nothing_connected' });
    await drain([t.bot]);
    await staysEqual(() => socPosts(t).length, before, 'no post for a refused submit');
  });
});
