import { cardOf, type ConnectorCall } from '../support/fake-connector';
import { cardText, executeActions, walk } from '../support/card-queries';
import { emulatorConversationId, emulatorMessage, emulatorSubmit, replyTo } from '../support/emulator-activities';
import { personalMessage, TENANT_ID, USERS } from '../support/teams-activities';
import { startTestBot, type TestBot } from '../support/test-bot';
import { waitUntil } from '../support/settle';

const SUB = 'd0cfe6b2-9ac0-4464-9919-dccaee2e48c0';
const PROD = `${SUB}/rg-soc/law-soc-prod`;

/** The Action.Submit buttons of a card: title and data (which holds the verb). */
function submitButtons(card: unknown): { title: string; data: Record<string, unknown> }[] {
  return walk(card)
    .filter((n) => n.type === 'Action.Submit')
    .map((n) => ({ title: String(n.title ?? ''), data: (n.data as Record<string, unknown>) ?? {} }));
}

function button(card: unknown, verb: string) {
  const found = submitButtons(card).find((b) => b.data.verb === verb);
  if (!found) throw new Error(`no Action.Submit for ${verb} in ${JSON.stringify(card).slice(0, 400)}`);
  return found;
}

/** Asserts the card is drawn for a client without Universal Actions: Submit buttons only, no refresh. */
function expectSubmitOnly(card: unknown): void {
  expect(executeActions(card)).toEqual([]);
  expect(walk(card).some((n) => 'refresh' in n)).toBe(false);
}

describe('the Emulator (channel emulator): the full connect flow with Action.Submit buttons, two people', () => {
  let t: TestBot;
  const dana = USERS.dana; // requester (SOC lead)
  const ravi = USERS.ravi; // approver (Security Administrator and Owner)
  const danaChat = emulatorConversationId(dana);
  const raviChat = emulatorConversationId(ravi);
  const posts = (conversationId: string) => t.connector.posted(conversationId);
  const newPost = async (conversationId: string, matches: (c: ConnectorCall) => boolean, what: string) => {
    await t.connector.waitFor(() => posts(conversationId).some(matches), 10_000, what);
    return posts(conversationId).find(matches)!;
  };

  beforeAll(async () => {
    t = await startTestBot({ VERIFY_POLL_SECONDS: '3600' });
  });
  afterAll(async () => {
    await t.stop();
  });

  test('connect → submit → approval in the SOC conversation → approve → portal step → Check now → connected; refusals as text', async () => {
    // The approver's Emulator conversation becomes the SOC channel.
    const set = await replyTo(t, emulatorMessage(t.serviceUrl, ravi, 'notify here', raviChat), 'notify here reply');
    expect(set.body.text).toMatch(/^This conversation is now the SOC channel/);
    const soc = await t.bot.store.getSocChannel(TENANT_ID);
    expect(soc).toMatchObject({ teamId: 'emulator', channelId: raviChat });

    // connect: the product changes card, its buttons as Action.Submit carrying the verb.
    const changes = cardOf(await replyTo(t, emulatorMessage(t.serviceUrl, dana, 'connect law-soc-prod', danaChat), 'product changes'))!;
    expect(cardText(changes)).toMatch(/Microsoft Sentinel enabled[\s\S]*Passed/);
    expectSubmitOnly(changes);
    const submit = button(changes, 'request.submit');
    expect(submitButtons(changes).map((b) => b.data.verb)).toEqual(expect.arrayContaining(['request.submit', 'request.cancel']));
    const requestId = submit.data.requestId as string;
    expect(submit.data).toEqual({ verb: 'request.submit', requestId, version: 1 });

    // An ill-typed value is refused as text; nothing changes.
    const bad = await replyTo(t, emulatorSubmit(t.serviceUrl, dana, { verb: 7, requestId }, danaChat), 'ill-typed value');
    expect(bad.body.text).toBe('The card action has no valid verb. Use the buttons on the card.');
    expect(cardOf(bad)).toBeNull();
    expect((await t.bot.store.getRequest(requestId))!.state).toBe('draft');

    // Submit, as the Emulator sends the click: a message whose value is the button's data.
    const submitted = await replyTo(t, emulatorSubmit(t.serviceUrl, dana, submit.data, danaChat), 'submit answer');
    expect(cardText(cardOf(submitted))).toMatch(/submitted|approval/i);
    expectSubmitOnly(cardOf(submitted));
    expect((await t.bot.store.getRequest(requestId))!.state).toBe('submitted');

    // The approval card reaches the SOC conversation through the outbox, with Submit buttons.
    const approvalPost = await newPost(raviChat, (c) => /asks to connect law-soc-prod/.test(String(c.body.summary)), 'approval card');
    expect(approvalPost.activityId).toBeNull(); // a new post, not a reply
    const approval = cardOf(approvalPost)!;
    expectSubmitOnly(approval);
    expect(
      submitButtons(approval)
        .map((b) => b.data.verb)
        .sort(),
    ).toEqual(['request.approve', 'request.reject']);
    const approve = button(approval, 'request.approve');
    expect(approve.data).toEqual({ verb: 'request.approve', requestId, version: 2 });

    // The requester approving her own request: the refusal's message, as text.
    const own = await replyTo(t, emulatorSubmit(t.serviceUrl, dana, approve.data, danaChat), 'four-eyes refusal');
    expect(cardOf(own)).toBeNull();
    expect(own.body.text).toBe('You asked for this change; another qualified person must approve it.');
    expect((await t.bot.store.getRequest(requestId))!.state).toBe('submitted');

    // The approver approves from the SOC conversation, with a comment typed into the card's input.
    const approved = await replyTo(t, emulatorSubmit(t.serviceUrl, ravi, { ...approve.data, comment: 'Go ahead' }, raviChat), 'approve answer');
    const portal = cardOf(approved)!;
    expect(cardText(portal)).toMatch(/Connect a workspace/);
    expect(JSON.stringify(portal)).toContain('https://security.microsoft.com/homepage');
    expectSubmitOnly(portal);
    const verify = button(portal, 'connection.verify');
    expect(verify.data).toEqual({ verb: 'connection.verify', requestId, version: 3 });
    expect((await t.bot.store.getRequest(requestId))!.state).toBe('approved');

    // The approval card in the SOC conversation is updated (no buttons left); the requester is told in her chat.
    await t.connector.waitFor(() => t.connector.updates(raviChat).some((u) => u.activityId === approvalPost.assignedId), 10_000, 'approval card update');
    const update = t.connector.updates(raviChat).find((u) => u.activityId === approvalPost.assignedId)!;
    expect(submitButtons(cardOf(update))).toEqual([]);
    expect(cardText(cardOf(update))).toContain('Go ahead');
    await newPost(danaChat, (c) => c.activityId === null && /approved/.test(String(c.body.summary)), 'requester told');

    // Check now before the portal step: not yet.
    const early = await replyTo(t, emulatorSubmit(t.serviceUrl, ravi, verify.data, raviChat), 'early check');
    expect(cardText(cardOf(early))).toMatch(/Not connected yet/);

    // The approver connects in the simulated portal; Check now verifies it.
    expect((await t.request('POST', '/sandbox/portal/connect', { workspace: PROD })).status).toBe(200);
    const done = await replyTo(t, emulatorSubmit(t.serviceUrl, ravi, verify.data, raviChat), 'check now');
    expect(cardText(cardOf(done))).toMatch(/connected/i);
    expectSubmitOnly(cardOf(done));
    await waitUntil(async () => (await t.bot.store.getRequest(requestId))!.state === 'completed', 'request completed');
    expect(await t.bot.store.getConnection(TENANT_ID)).toMatchObject({ workspace: { name: 'law-soc-prod' }, approvedBy: { id: ravi.id } });
    const connected = await newPost(raviChat, (c) => /^Connected law-soc-prod to the Defender portal/.test(String(c.body.summary)), 'connected post');
    expectSubmitOnly(cardOf(connected));
  }, 60_000);

  test('disconnect the same way: reason, confirmation, approval in the SOC conversation, Check now', async () => {
    const start = cardOf(await replyTo(t, emulatorMessage(t.serviceUrl, dana, 'disconnect law-soc-prod', danaChat), 'disconnect card'))!;
    expectSubmitOnly(start);
    const withReason = button(start, 'disconnect.submit');
    const requestId = withReason.data.requestId as string;
    const confirm = cardOf(
      await replyTo(t, emulatorSubmit(t.serviceUrl, dana, { ...withReason.data, reason: 'Moving to another workspace' }, danaChat), 'confirm'),
    )!;
    expectSubmitOnly(confirm);
    const before = posts(raviChat).length;
    await replyTo(t, emulatorSubmit(t.serviceUrl, dana, button(confirm, 'request.submit').data, danaChat), 'disconnect submitted');
    await t.connector.waitFor(() => posts(raviChat).length > before, 10_000, 'disconnect approval card');
    const approval = cardOf(posts(raviChat)[before])!;
    expectSubmitOnly(approval);
    const portal = cardOf(await replyTo(t, emulatorSubmit(t.serviceUrl, ravi, button(approval, 'request.approve').data, raviChat), 'disconnect approved'))!;
    expectSubmitOnly(portal);
    expect((await t.request('POST', '/sandbox/portal/disconnect', { workspace: PROD })).status).toBe(200);
    await replyTo(t, emulatorSubmit(t.serviceUrl, ravi, button(portal, 'connection.verify').data, raviChat), 'check now');
    await waitUntil(async () => (await t.bot.store.getRequest(requestId))!.state === 'completed', 'disconnect completed');
    expect(await t.bot.store.getConnection(TENANT_ID)).toBeNull();
  }, 60_000);

  test('a Teams message whose value holds a verb is not a card action', async () => {
    const before = t.connector.calls.length;
    const res = await t.send(personalMessage(t.serviceUrl, USERS.lena, '', { value: { verb: 'request.cancel', requestId: 'x', version: 1 } }));
    expect(res.status).toBe(200);
    await t.connector.waitFor((c) => c.length > before, 10_000, 'reply');
    const reply = t.connector.calls[before];
    expect(reply.body.text).toBe('Type `help` to see what I can do.');
  });

  test('a value that is not an object is refused at the door with what is wrong', async () => {
    const res = await t.send(emulatorSubmit(t.serviceUrl, dana, 'request.submit', danaChat));
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/value must be an object/);
    const big = await t.send(emulatorSubmit(t.serviceUrl, dana, { verb: 'request.submit', comment: 'x'.repeat(40_000) }, danaChat));
    expect(big.status).toBe(400);
    expect(big.body.error.message).toMatch(/value must be at most 32768 characters/);
  });
});
