import * as path from 'node:path';
import { cardOf } from '../support/fake-connector';
import { cardText, executeActions } from '../support/card-queries';
import { click, say, socPosts } from '../support/drive';
import { channelMessage, SOC_CHANNEL_ID, TENANT_ID, USERS } from '../support/teams-activities';
import { startTestBot, type TestBot } from '../support/test-bot';
import { requesterTold, socPostMatching, submitDisconnect, SUB } from './disconnect-steps';

// law-soc-prod (primary), law-soc-staging and law-soc-eu (secondaries) were connected in the portal before
// the bot; law-soc-lab, in the same subscription, never was (its Fusion rule is on).
const FIXTURE = path.join(__dirname, '..', 'fixtures', 'multi-connected-before-bot-tenant.json');
const key = (name: string) => `${SUB}/rg-soc/${name}`;

describe('WORKSPACE_MODEL=multi: a primary and secondaries connected in the portal before the bot', () => {
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
  const status = async () => {
    const reply = await say(t, USERS.dana, 'status');
    const card = cardOf(reply)!;
    return { text: cardText(card), summary: String(reply.body.summary) };
  };

  /** Submits the draft behind a card's Submit, Ravi approves, the portal step runs, and Ravi confirms with Check now. */
  async function throughApproval(card: Record<string, unknown>, portal: () => Promise<{ status: number }>): Promise<string> {
    const submit = executeActions(card).find((a) => a.verb === 'request.submit')!;
    const requestId = submit.data.requestId as string;
    const version = submit.data.version as number;
    const before = socPosts(t).length;
    expect((await click(t, USERS.dana, 'request.submit', { requestId, version }, 'personal')).statusCode).toBe(200);
    await t.connector.waitFor(() => socPosts(t).length > before, 5000, 'approval card');
    expect((await click(t, USERS.ravi, 'request.approve', { requestId, version: version + 1 }, 'channel')).statusCode).toBe(200);
    expect((await portal()).status).toBe(200);
    expect((await click(t, USERS.ravi, 'connection.verify', { requestId, version: version + 2 }, 'channel')).statusCode).toBe(200);
    expect((await t.bot.store.getRequest(requestId))!.state).toBe('completed');
    return requestId;
  }

  test('status recognises all three, and disconnect, primary and connect act on what Azure shows', async () => {
    expect(await roles()).toEqual([]);

    // The primary (its XDR connector streams) and both secondaries (their signals) are recognised; law-soc-lab is not.
    let s = await status();
    expect(s.text).toMatch(/Role\s*Primary\s*Workspace\s*law-soc-prod/);
    expect(s.text).toMatch(/Connected by\s*Not recorded \(outside the bot\)/);
    expect(s.text).toMatch(/Secondary\?\s*law-soc-staging \(no record: Azure shows a secondary's signals\)/);
    expect(s.text).toMatch(/Secondary\?\s*law-soc-eu \(no record/);
    expect(s.text).toMatch(/Azure shows a secondary's signals for law-soc-eu, law-soc-staging, which the bot has no record of/);
    expect(s.text).toMatch(/System > Settings > Microsoft Sentinel > Workspaces/);
    expect(s.text).not.toMatch(/law-soc-lab/);
    expect(s.summary).toBe('Status: law-soc-prod is connected as the primary, with 0 secondary workspaces and 2 more that Azure shows as secondaries');

    // Another workspace joins as a secondary of the recognised primary: the XDR connector check is information.
    const lab = cardText(cardOf(await say(t, USERS.dana, 'connect law-soc-lab')));
    expect(lab).toMatch(/Role in the Defender portal: secondary/);
    expect(lab).toMatch(/law-soc-prod stays the primary/);
    await say(t, USERS.dana, 'cancel');

    // The recognised primary cannot be disconnected while the recognised secondaries remain.
    const refused = cardText(cardOf(await say(t, USERS.dana, 'disconnect law-soc-prod')));
    expect(refused).toMatch(/law-soc-prod is the primary workspace, and 2 secondary workspaces \(law-soc-eu, law-soc-staging\) remain connected/);

    // A recognised secondary becomes the primary: the XDR connector moves, verified, recorded.
    const primaryCard = cardOf(await say(t, USERS.dana, 'primary law-soc-eu'))!;
    expect(cardText(primaryCard)).toMatch(/moves from law-soc-prod to law-soc-eu/);
    await throughApproval(primaryCard, () => t.request('POST', '/sandbox/portal/set-primary', { workspace: key('law-soc-eu') }));
    await socPostMatching(t, /Connected law-soc-eu .*primary/, 'primary change announced');
    expect(await roles()).toEqual(['law-soc-eu:primary']);
    s = await status();
    expect(s.text).toMatch(/Role\s*Primary\s*Workspace\s*law-soc-eu/);
    expect(s.text).toMatch(/Made primary by\s*Ravi Menon/);
    // The bot saw it become the primary, not its connect.
    expect(s.text).toMatch(/Connected since\s*Not recorded \(connected in the portal\)\s*Connected by\s*Not recorded/);
    // The former primary now shows a secondary's signals; staging still does.
    expect(s.text).toMatch(/Secondary\?\s*law-soc-prod \(no record/);
    expect(s.text).toMatch(/Secondary\?\s*law-soc-staging \(no record/);

    // A recognised secondary is disconnected: its role is secondary, the approver's Check now confirms it.
    const { requestId } = await submitDisconnect(t, USERS.dana, 'Staging is retired', 'law-soc-staging');
    expect((await t.bot.store.getRequest(requestId))!.role).toBe('secondary');
    expect((await click(t, USERS.ravi, 'request.approve', { requestId, version: 3 }, 'channel')).statusCode).toBe(200);
    expect((await t.request('POST', '/sandbox/portal/disconnect', { workspace: key('law-soc-staging') })).status).toBe(200);
    expect((await click(t, USERS.ravi, 'connection.verify', { requestId, version: 4 }, 'channel')).statusCode).toBe(200);
    expect((await t.bot.store.getRequest(requestId))!.state).toBe('completed');
    const told = await socPostMatching(t, /^Disconnected law-soc-staging/, 'secondary disconnect announced');
    // What to turn back on is a secondary's: its standalone connectors, not the primary's XDR connector.
    expect(cardText(cardOf(told))).toMatch(/A secondary workspace: the primary keeps the Defender XDR connector/);
    expect(cardText(cardOf(told))).not.toMatch(/The disconnect turned off the Defender XDR connector/);
    await requesterTold(t, USERS.dana, /^Disconnected law-soc-staging/);
    // Its signals stay as they were, but the bot disconnected it: no longer listed.
    s = await status();
    expect(s.text).not.toMatch(/Secondary\??\s*law-soc-staging/);
    expect(s.text).not.toMatch(/signals for [^.]*law-soc-staging/);
    expect(s.text).toMatch(/Secondary\?\s*law-soc-prod/);
    expect(s.summary).toMatch(/with 0 secondary workspaces and 1 more that Azure shows as secondary$/);
    expect(cardText(cardOf(await say(t, USERS.dana, 'disconnect law-soc-staging')))).toMatch(/not connected to the Defender portal/);
  });
});
