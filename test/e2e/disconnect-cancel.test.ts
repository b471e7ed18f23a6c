import * as path from 'node:path';
import { cardOf } from '../support/fake-connector';
import { cardText, executeActions } from '../support/card-queries';
import { click, say, setSocChannel, socPosts, submitConnect } from '../support/drive';
import { channelMessage, TENANT_ID, USERS } from '../support/teams-activities';
import { startTestBot, type TestBot } from '../support/test-bot';
import { connectWorkspace, requesterTold, socPostMatching, startDisconnect, submitDisconnect } from './disconnect-steps';
import { drain, staysEqual } from '../support/settle';

const FIXTURES = path.resolve(__dirname, '../fixtures');

describe('cancel: the caller ends their own open request', () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await startTestBot({ SANDBOX_TENANT: path.join(FIXTURES, 'two-ready-workspaces-tenant.json'), VERIFY_POLL_SECONDS: '3600' });
    await setSocChannel(t);
  });
  afterAll(async () => {
    await t.stop();
  });

  test('nothing open: a clear answer, and the attempt is audited', async () => {
    const text = cardText(cardOf(await say(t, USERS.dana, 'cancel')));
    expect(text).toMatch(/You have no open request to cancel/);
    expect((await t.bot.store.listAudit(TENANT_ID, 1))[0]).toMatchObject({ action: 'cancel', outcome: 'refused', refusalCode: 'nothing_open' });
  });

  test('works only in the 1:1 chat', async () => {
    const before = t.connector.calls.length;
    await t.send(channelMessage(t.serviceUrl, USERS.dana, 'cancel'));
    const calls = await t.connector.waitFor((c) => c.length > before, 5000, 'channel reply');
    expect(String(calls[calls.length - 1].body.text)).toMatch(/works in a 1:1 chat/);
  });

  test('a draft is cancelled quietly: the SOC channel never heard of it', async () => {
    await connectWorkspace(t, 'law-soc-prod');
    const postsBefore = socPosts(t).length;
    const { requestId } = await startDisconnect(t, USERS.dana);
    const text = cardText(cardOf(await say(t, USERS.dana, 'cancel')));
    expect(text).toMatch(/Your disconnect request for .*law-soc-prod is cancelled\./);
    expect(text).not.toMatch(/SOC channel/);
    expect((await t.bot.store.getRequest(requestId))!.state).toBe('cancelled');
    await drain([t.bot]);
    await staysEqual(() => socPosts(t).length, postsBefore, 'no post about a draft nobody saw');
    // The card's buttons no longer work.
    const late = await click(t, USERS.dana, 'disconnect.submit', { requestId, version: 1, reason: 'late' }, 'personal');
    expect(late.statusCode).toBe(409);
  });

  test('a submitted disconnect: the approval card is updated and the channel told, with the reason', async () => {
    const { requestId, approvalPost } = await submitDisconnect(t, USERS.dana, 'Wrong ticket');
    // Someone else's cancel does not touch it.
    expect(cardText(cardOf(await say(t, USERS.lena, 'cancel')))).toMatch(/no open request/);
    expect((await t.bot.store.getRequest(requestId))!.state).toBe('submitted');

    const text = cardText(cardOf(await say(t, USERS.dana, 'cancel')));
    expect(text).toMatch(/is cancelled; the SOC channel has been told/);
    expect((await t.bot.store.getRequest(requestId))!.state).toBe('cancelled');
    await t.connector.waitFor(() => t.connector.updates().some((u) => u.activityId === approvalPost.assignedId), 5000, 'approval card update');
    const update = t.connector.updates().find((u) => u.activityId === approvalPost.assignedId)!;
    expect(executeActions(cardOf(update))).toHaveLength(0);
    expect(cardText(cardOf(update))).toMatch(/[Cc]ancelled/);
    await socPostMatching(t, /^Dana Okafor \(SOC lead\) cancelled the request to disconnect law-soc-prod: Wrong ticket$/, 'cancelled post');
    // A late approval changes nothing.
    const late = await click(t, USERS.ravi, 'request.approve', { requestId, version: 3 }, 'channel');
    expect(late.statusCode).toBe(409);
    expect(await t.bot.store.getConnection(TENANT_ID)).toMatchObject({ workspace: { name: 'law-soc-prod' } });
  });

  test('an approved request waiting for the portal step can be cancelled too', async () => {
    const { requestId } = await submitDisconnect(t, USERS.dana, 'Testing cancel');
    expect((await click(t, USERS.ravi, 'request.approve', { requestId, version: 3 }, 'channel')).statusCode).toBe(200);
    await requesterTold(t, USERS.dana, /approved the request to disconnect law-soc-prod .*: Testing cancel/);
    const text = cardText(cardOf(await say(t, USERS.dana, 'cancel')));
    expect(text).toMatch(/is cancelled; the SOC channel has been told/);
    expect(text).toMatch(/If the approver already did the step in the Defender portal/);
    await socPostMatching(t, /cancelled the request to disconnect law-soc-prod: Testing cancel/, 'cancelled post');
    // The portal step is no longer checked.
    const verify = await click(t, USERS.ravi, 'connection.verify', { requestId, version: 4 }, 'channel');
    expect(verify.statusCode).toBe(409);
  });

  test('a submitted connect is cancelled the same way, and the audit shows who cancelled', async () => {
    // Nothing is connected in a fresh bot; use the connect flow of another tenant state: disconnect first.
    const { requestId } = await submitDisconnect(t, USERS.dana, 'Switch');
    expect((await click(t, USERS.ravi, 'request.approve', { requestId, version: 3 }, 'channel')).statusCode).toBe(200);
    await t.request('POST', '/sandbox/portal/disconnect', { workspace: 'd0cfe6b2-9ac0-4464-9919-dccaee2e48c0/rg-soc/law-soc-prod' });
    await t.bot.poller.tick();
    expect(await t.bot.store.getConnection(TENANT_ID)).toBeNull();
    await requesterTold(t, USERS.dana, /^Disconnected law-soc-prod.*: Switch$/);
    const connect = await submitConnect(t, USERS.dana, 'law-soc-staging');
    await say(t, USERS.dana, 'cancel');
    expect((await t.bot.store.getRequest(connect.requestId))!.state).toBe('cancelled');
    const audit = (await t.bot.store.listAudit(TENANT_ID, 50)).find((a) => a.requestId === connect.requestId && a.action === 'cancel')!;
    expect(audit).toMatchObject({ outcome: 'accepted', actor: { id: USERS.dana.id }, fromState: 'submitted', toState: 'cancelled' });
  });
});
