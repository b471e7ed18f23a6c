import { cardOf } from '../support/fake-connector';
import { click, say, socPosts } from '../support/drive';
import { cardText, executeActions, inputIds } from '../support/card-queries';
import { channelMessage, personalConversationId, SOC_CHANNEL_ID, TENANT_ID, USERS } from '../support/teams-activities';
import { startTestBot, type TestBot } from '../support/test-bot';

const SUB = 'd0cfe6b2-9ac0-4464-9919-dccaee2e48c0';
const PROD = `${SUB}/rg-soc/law-soc-prod`;

describe('connect a workspace: checks, approval in the SOC channel, portal step, verified completion', () => {
  let t: TestBot;
  const now = new Date('2026-11-29T10:00:00Z');
  beforeAll(async () => {
    t = await startTestBot({ VERIFY_POLL_SECONDS: '3600' }, { now: () => now });
  });
  afterAll(async () => {
    await t.stop();
  });

  test('without a SOC channel, connect shows the checks and says that Submit needs one (notify here)', async () => {
    const reply = await say(t, USERS.dana, 'connect law-soc-prod');
    expect(cardText(cardOf(reply))).toMatch(/Submit needs a SOC channel[\s\S]*notify here/);
    expect((await t.bot.store.listOpenRequests(TENANT_ID)).map((r) => r.state)).toEqual(['draft']);
  });

  test('the happy path, end to end', async () => {
    // The SOC channel.
    await t.send(channelMessage(t.serviceUrl, USERS.lena, 'notify here'));
    await t.connector.waitFor(() => socPosts(t).length > 0 || t.connector.calls.some((c) => c.conversationId.startsWith(SOC_CHANNEL_ID)));

    // connect without a workspace: the picker.
    const picker = cardOf(await say(t, USERS.dana, 'connect'))!;
    expect(executeActions(picker).map((a) => a.verb)).toEqual(['workspace.select']);
    expect(inputIds(picker)).toEqual(['workspace']);
    expect(JSON.stringify(picker)).toContain(`/subscriptions/${SUB}/resourceGroups/rg-ops/providers/Microsoft.OperationalInsights/workspaces/law-ops-metrics`);

    // connect law-soc-prod: the checks and the product changes.
    const changes = cardOf(await say(t, USERS.dana, 'connect law-soc-prod'))!;
    const text = cardText(changes);
    expect(text).toMatch(/Microsoft Sentinel enabled[\s\S]*Passed/);
    expect(text).toMatch(/Defender XDR connector[\s\S]*Passed/);
    expect(text).toMatch(/No other workspace connected[\s\S]*Passed/);
    expect(text).toMatch(/Warning/); // Dana holds neither the Entra role nor Owner: informational
    expect(text).toContain('Create incidents from Defender for Endpoint alerts');
    expect(text).toContain('Create incidents from Defender for Office 365 alerts');
    // The Fusion rule is not an incident creation rule: the impact analysis names it, as turned off.
    expect(text).toMatch(/These 2 active Microsoft security incident creation rules are deactivated:(?:(?!Fusion rule)[\s\S])*Fusion rule/);
    expect(text).toMatch(/Fusion rule\n⚠?[\s\S]*?1\nTurned off when the workspace is connected[\s\S]*Advanced multistage attack detection/);
    const submit = executeActions(changes).find((a) => a.verb === 'request.submit')!;
    expect(typeof submit.data.requestId).toBe('string');
    expect(submit.data.version).toBe(1);
    expect(executeActions(changes).map((a) => a.verb)).toContain('request.cancel');
    const requestId = submit.data.requestId as string;

    // Submit: the approval card goes to the SOC channel with a one-line summary.
    const postsBefore = socPosts(t).length;
    const submitted = await click(t, USERS.dana, 'request.submit', { requestId, version: 1 }, 'personal');
    expect(submitted.statusCode).toBe(200);
    expect(submitted.type).toBe('application/vnd.microsoft.card.adaptive');
    await t.connector.waitFor(() => socPosts(t).length > postsBefore, 5000, 'approval card');
    const approvalPost = socPosts(t)[postsBefore];
    expect(approvalPost.body.summary).toMatch(/Dana Okafor \(SOC lead\) asks to connect law-soc-prod/);
    const approval = cardOf(approvalPost)!;
    expect(
      executeActions(approval)
        .map((a) => a.verb)
        .sort(),
    ).toEqual(['request.approve', 'request.reject']);
    expect(inputIds(approval)).toEqual(['comment']);
    expect(executeActions(approval)[0].data).toEqual({ requestId, version: 2 });

    // The requester may not approve their own request.
    const own = await click(t, USERS.dana, 'request.approve', { requestId, version: 2 }, 'channel');
    expect(own.statusCode).toBe(403);
    expect(own.type).toBe('application/vnd.microsoft.error');
    expect(own.value.code).toBe('four_eyes');

    // An analyst without the roles may not approve; the roles are read from Azure at the click.
    const analyst = await click(t, USERS.lena, 'request.approve', { requestId, version: 2 }, 'channel');
    expect(analyst.statusCode).toBe(403);
    expect(analyst.value.code).toBe('not_qualified');
    expect(analyst.value.message).toMatch(/Global Administrator or Security Administrator/);
    expect((await t.bot.store.getRequest(requestId))!.state).toBe('submitted');

    // A stale card (wrong version) is refused.
    const stale = await click(t, USERS.ravi, 'request.approve', { requestId, version: 1 }, 'channel');
    expect(stale.statusCode).toBe(409);
    expect(stale.value.code).toBe('stale_version');

    // Ravi (Security Administrator + Owner) approves: his answer is the portal-step card.
    const approved = await click(t, USERS.ravi, 'request.approve', { requestId, version: 2, comment: 'Go ahead' }, 'channel');
    expect(approved.statusCode).toBe(200);
    const portal = approved.value;
    expect(cardText(portal)).toMatch(/Connect a workspace/);
    expect(JSON.stringify(portal)).toContain('https://security.microsoft.com/homepage');
    const verify = executeActions(portal).find((a) => a.verb === 'connection.verify')!;
    expect(verify.data).toEqual({ requestId, version: 3 });

    // The channel hears of the approval, the approval card is updated for everyone, Dana is told.
    await t.connector.waitFor(() => t.connector.updates().some((u) => u.activityId === approvalPost.assignedId), 5000, 'approval card update');
    const update = t.connector.updates().find((u) => u.activityId === approvalPost.assignedId)!;
    expect(executeActions(cardOf(update))).toHaveLength(0);
    expect(cardText(cardOf(update))).toMatch(/Ravi Menon/);
    expect(cardText(cardOf(update))).toContain('Go ahead');
    await t.connector.waitFor(
      () => socPosts(t).some((p) => /approved the request to connect law-soc-prod/.test(String(p.body.summary))),
      5000,
      'approved notification',
    );
    await t.connector.waitFor(
      () => t.connector.posted(personalConversationId(USERS.dana)).some((p) => /approved/.test(String(p.body.summary))),
      5000,
      'requester told',
    );

    // Check now before the portal step: not yet.
    const early = await click(t, USERS.ravi, 'connection.verify', { requestId, version: 3 }, 'channel');
    expect(early.statusCode).toBe(200);
    expect(cardText(early.value)).toMatch(/Not connected yet/);
    expect((await t.bot.store.getRequest(requestId))!.state).toBe('approved');

    // The approver connects in the (simulated) portal; Check now verifies it from Azure signals.
    expect((await t.request('POST', '/sandbox/portal/connect', { workspace: PROD })).status).toBe(200);
    const done = await click(t, USERS.ravi, 'connection.verify', { requestId, version: 3 }, 'channel');
    expect(done.statusCode).toBe(200);
    expect(cardText(done.value)).toMatch(/connected/i);
    const connectedPost = await t.connector.waitFor(
      () => socPosts(t).some((p) => /^Connected law-soc-prod to the Defender portal/.test(String(p.body.summary))),
      5000,
      'connected notification',
    );
    const post = connectedPost.find((p) => /^Connected law-soc-prod/.test(String(p.body.summary)))!;
    expect(post.body.summary).toBe('Connected law-soc-prod to the Defender portal (approved by Ravi Menon (Security admin))');
    expect(cardText(cardOf(post))).toMatch(/2/); // data connectors and automation rules of the workspace
    const connection = await t.bot.store.getConnection(TENANT_ID);
    expect(connection).toMatchObject({ workspace: { name: 'law-soc-prod' }, approvedBy: { id: USERS.ravi.id } });
    expect((await t.bot.store.getRequest(requestId))!.state).toBe('completed');

    // Exactly one post per state change in the SOC channel: submitted, approved, connected.
    const summaries = socPosts(t)
      .slice(postsBefore)
      .map((p) => String(p.body.summary));
    expect(summaries.filter((s) => /asks to connect/.test(s))).toHaveLength(1);
    expect(summaries.filter((s) => /approved the request/.test(s))).toHaveLength(1);
    expect(summaries.filter((s) => /^Connected/.test(s))).toHaveLength(1);

    // A second approval click on the decided card changes nothing.
    const late = await click(t, USERS.ravi, 'request.approve', { requestId, version: 2 }, 'channel');
    expect(late.statusCode).toBe(409);

    // Audit: every step, and the refused clicks.
    const audit = await t.bot.store.listAudit(TENANT_ID, 50);
    const actions = audit.map((a) => `${a.action}:${a.outcome}`);
    for (const expected of ['create:accepted', 'submit:accepted', 'approve:refused', 'approve:accepted', 'verified:accepted'])
      expect(actions).toContain(expected);
    expect(audit.filter((a) => a.action === 'approve' && a.outcome === 'refused').length).toBeGreaterThanOrEqual(3);
  });

  test('connect while one is connected names it and says to disconnect first', async () => {
    const reply = await say(t, USERS.dana, 'connect law-soc-staging');
    expect(cardText(cardOf(reply))).toMatch(/law-soc-prod is already connected[\s\S]*disconnect/);
  });
});

describe('connect: blocking checks and workspace errors', () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await startTestBot();
    await t.send(channelMessage(t.serviceUrl, USERS.lena, 'notify here'));
    await t.connector.waitFor((c) => c.length > 0);
  });
  afterAll(async () => {
    await t.stop();
  });

  test('a workspace without Sentinel fails the check and offers no submit button', async () => {
    const card = cardOf(await say(t, USERS.dana, 'connect law-ops-metrics'))!;
    expect(cardText(card)).toMatch(/Microsoft Sentinel is not enabled on law-ops-metrics/);
    expect(cardText(card)).toMatch(/Failed/);
    expect(executeActions(card).map((a) => a.verb)).not.toContain('request.submit');
  });

  test('a connector with alerts off fails the connector check (states compared case-insensitively)', async () => {
    const card = cardOf(await say(t, USERS.dana, 'connect law-soc-staging'))!;
    expect(cardText(card)).toMatch(/alerts turned off/);
    expect(executeActions(card).map((a) => a.verb)).not.toContain('request.submit');
  });

  test('an unknown workspace gets close matches', async () => {
    const card = cardOf(await say(t, USERS.dana, 'connect law-soc-prd'))!;
    expect(cardText(card)).toMatch(/no workspace "law-soc-prd"[\s\S]*law-soc-prod/);
  });

  test('a Graph outage makes the Entra check Unknown, never Passed', async () => {
    await t.request('POST', '/sandbox/faults', { match: 'directory/roleAssignments', status: 503, count: 50 });
    const card = cardOf(await say(t, USERS.ravi, 'check law-soc-prod'))!;
    await t.request('DELETE', '/sandbox/faults');
    expect(cardText(card)).toMatch(/Entra role for onboarding[\s\S]*Unknown/);
    expect(cardText(card)).toMatch(/try again/i);
  });

  test('check works in a channel too and reports for the caller', async () => {
    const before = t.connector.calls.length;
    await t.send(channelMessage(t.serviceUrl, USERS.ravi, 'check law-soc-prod'));
    const calls = await t.connector.waitFor((c) => c.length > before, 10_000, 'check reply');
    const card = cardOf(calls[calls.length - 1])!;
    expect(cardText(card)).toMatch(/Ravi Menon/);
    expect(cardText(card)).toMatch(/Entra role for onboarding[\s\S]*Passed/);
    expect(executeActions(card)).toHaveLength(0);
  });

  test("a new connect replaces the caller's own unsubmitted draft", async () => {
    await say(t, USERS.dana, 'connect law-soc-prod');
    await say(t, USERS.dana, 'connect law-soc-prod');
    const open = await t.bot.store.listOpenRequests(TENANT_ID);
    expect(open.filter((r) => r.requester.id === USERS.dana.id)).toHaveLength(1);
  });
});
