import * as path from 'node:path';
import { cardOf } from '../support/fake-connector';
import { cardText, executeActions } from '../support/card-queries';
import { click, say, socPosts, submitConnect } from '../support/drive';
import { channelMessage, SOC_CHANNEL_ID, TENANT_ID, USERS } from '../support/teams-activities';
import { startTestBot, type TestBot } from '../support/test-bot';
import { requesterTold, socPostMatching, submitDisconnect, SUB } from './disconnect-steps';

const FIXTURE = path.join(__dirname, '..', 'fixtures', 'multi-workspace-tenant.json');
const key = (name: string) => `${SUB}/rg-soc/${name}`;

describe('WORKSPACE_MODEL=multi: one primary and any number of secondaries', () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await startTestBot({ WORKSPACE_MODEL: 'multi', SANDBOX_TENANT: FIXTURE, VERIFY_POLL_SECONDS: '3600' });
    await t.send(channelMessage(t.serviceUrl, USERS.lena, 'notify here'));
    await t.connector.waitFor(() => t.connector.calls.some((c) => c.conversationId.startsWith(SOC_CHANNEL_ID)), 5000, 'SOC channel set');
  });
  afterAll(async () => {
    await t.stop();
  });

  const roles = async () => (await t.bot.store.listConnections(TENANT_ID)).map((c) => `${c.workspace.name}:${c.role}`);
  const statusText = async () => cardText(cardOf(await say(t, USERS.dana, 'status')));

  /** Ravi approves, does the portal step, and confirms with Check now. */
  async function approveAndDo(requestId: string, portal: () => Promise<{ status: number; body: unknown }>): Promise<void> {
    const approved = await click(t, USERS.ravi, 'request.approve', { requestId, version: 2 }, 'channel');
    expect(approved.statusCode).toBe(200);
    const step = await portal();
    expect(step.status).toBe(200);
    const verified = await click(t, USERS.ravi, 'connection.verify', { requestId, version: 3 }, 'channel');
    expect(verified.statusCode).toBe(200);
    expect((await t.bot.store.getRequest(requestId))!.state).toBe('completed');
  }

  test('connect a primary, two secondaries (two requests open at once), make one primary, disconnect a secondary, refuse the primary', async () => {
    expect(await statusText()).toMatch(/No workspace is connected|no workspace/i);

    // The first workspace becomes the primary.
    const first = await submitConnect(t, USERS.dana, 'law-soc-prod');
    await approveAndDo(first.requestId, () => t.request('POST', '/sandbox/portal/connect', { workspace: key('law-soc-prod'), primary: true }));
    await requesterTold(t, USERS.dana, /^Connected law-soc-prod/, 'connected as primary');
    expect(await roles()).toEqual(['law-soc-prod:primary']);
    let status = await statusText();
    expect(status).toMatch(/Role\s*Primary/);
    expect(status).toContain('law-soc-prod');

    // A second workspace is a secondary: its checks say so, the XDR connector check does not block it.
    const changes = cardOf(await say(t, USERS.dana, 'connect law-soc-staging'))!;
    const text = cardText(changes);
    expect(text).toMatch(/Role in the Defender portal: secondary/);
    expect(text).toMatch(/law-soc-prod stays the primary\. Defender XDR incidents and alerts stay with the primary/);
    expect(executeActions(changes).map((a) => a.verb)).toContain('request.submit');

    // Two requests on two workspaces in flight at once.
    const second = await submitConnect(t, USERS.dana, 'law-soc-staging');
    const third = await submitConnect(t, USERS.lena, 'law-soc-eu');
    const inFlight = (await t.bot.store.listOpenRequests(TENANT_ID)).filter((r) => r.state === 'submitted').map((r) => r.workspace.name);
    expect(inFlight.sort()).toEqual(['law-soc-eu', 'law-soc-staging']);
    // The eu workspace's report named the standalone connectors the portal disconnects.
    const euRequest = await t.bot.store.getRequest(third.requestId);
    expect(JSON.stringify(euRequest!.readiness)).toMatch(/Microsoft Defender for Office 365 \(OfficeATP\)/);

    // The portal step for a secondary says so.
    const approved = await click(t, USERS.ravi, 'request.approve', { requestId: second.requestId, version: 2 }, 'channel');
    expect(cardText(approved.value)).toMatch(/Connect the secondary workspace in the Defender portal/);
    expect(cardText(approved.value)).toMatch(/System > Settings > Microsoft Sentinel/);
    expect((await t.request('POST', '/sandbox/portal/connect', { workspace: key('law-soc-staging'), primary: false })).status).toBe(200);
    expect((await click(t, USERS.ravi, 'connection.verify', { requestId: second.requestId, version: 3 }, 'channel')).statusCode).toBe(200);
    await socPostMatching(t, /Connected law-soc-staging .*secondary/, 'secondary announced');
    await approveAndDo(third.requestId, () => t.request('POST', '/sandbox/portal/connect', { workspace: key('law-soc-eu'), primary: false }));
    expect(await roles()).toEqual(['law-soc-prod:primary', 'law-soc-staging:secondary', 'law-soc-eu:secondary']);
    status = await statusText();
    expect(status).toMatch(/Secondary\s*law-soc-staging \(since/);
    expect(status).toMatch(/Secondary\s*law-soc-eu \(since/);

    // Disconnecting the primary while secondaries remain is refused, saying to make another primary first.
    const refused = cardText(cardOf(await say(t, USERS.dana, 'disconnect law-soc-prod')));
    expect(refused).toMatch(/is the primary workspace/);
    expect(refused).toMatch(/Make another workspace the primary first/);

    // Make law-soc-eu the primary: the product changes, approval, the XDR connector moves, verified.
    const primaryCard = cardOf(await say(t, USERS.dana, 'primary law-soc-eu'))!;
    expect(cardText(primaryCard)).toMatch(/moves from law-soc-prod to law-soc-eu/);
    expect(cardText(primaryCard)).toMatch(/law-soc-prod becomes a secondary and loses them/);
    const primarySubmit = executeActions(primaryCard).find((a) => a.verb === 'request.submit')!;
    const primaryId = primarySubmit.data.requestId as string;
    const before = socPosts(t).length;
    expect((await click(t, USERS.dana, 'request.submit', { requestId: primaryId, version: 1 }, 'personal')).statusCode).toBe(200);
    await t.connector.waitFor(() => socPosts(t).length > before, 5000, 'primary approval card');
    await approveAndDo(primaryId, () => t.request('POST', '/sandbox/portal/set-primary', { workspace: key('law-soc-eu') }));
    await socPostMatching(t, /Connected law-soc-eu .*primary/, 'primary change announced like a connect');
    expect(await roles()).toEqual(['law-soc-eu:primary', 'law-soc-prod:secondary', 'law-soc-staging:secondary']);
    status = await statusText();
    expect(status).toMatch(/Role\s*Primary[\s\S]*law-soc-eu/);
    expect(status).toMatch(/Made primary by\s*Ravi Menon/);
    expect(status).toMatch(/Secondary\s*law-soc-prod/);

    // Disconnect a secondary: Azure shows nothing, so the approver's Check now confirms it.
    const { requestId: dropId } = await submitDisconnect(t, USERS.dana, 'Staging is retired', 'law-soc-staging');
    expect((await click(t, USERS.ravi, 'request.approve', { requestId: dropId, version: 3 }, 'channel')).statusCode).toBe(200);
    expect((await t.request('POST', '/sandbox/portal/disconnect', { workspace: key('law-soc-staging') })).status).toBe(200);
    // Azure shows nothing: Check now by someone other than the approver leaves it approved.
    const other = await click(t, USERS.lena, 'connection.verify', { requestId: dropId, version: 4 }, 'channel');
    expect(JSON.stringify(other.value)).toMatch(/the approver confirms it with Check now/);
    expect((await t.bot.store.getRequest(dropId))!.state).toBe('approved');
    expect((await click(t, USERS.ravi, 'connection.verify', { requestId: dropId, version: 4 }, 'channel')).statusCode).toBe(200);
    expect((await t.bot.store.getRequest(dropId))!.state).toBe('completed');
    expect(await roles()).toEqual(['law-soc-eu:primary', 'law-soc-prod:secondary']);
    status = await statusText();
    expect(status).not.toMatch(/law-soc-staging \(since/);

    // The new primary cannot be disconnected while law-soc-prod remains.
    expect(cardText(cardOf(await say(t, USERS.dana, 'disconnect law-soc-eu')))).toMatch(/"primary law-soc-prod"/);
    // Making the primary the primary again is refused.
    expect(cardText(cardOf(await say(t, USERS.dana, 'primary law-soc-eu')))).toMatch(/already the primary/);
    // Connecting a connected secondary again says so, and does not advise disconnecting (the single model's next step).
    const again = cardText(cardOf(await say(t, USERS.dana, 'connect law-soc-prod')));
    expect(again).toMatch(/already connected to the Defender portal as the secondary/);
    expect(again).not.toMatch(/disconnect/i);
  });
});
