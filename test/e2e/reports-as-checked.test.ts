import * as path from 'node:path';
import { cardOf } from '../support/fake-connector';
import { say, setSocChannel } from '../support/drive';
import { cardText, checkRow } from '../support/card-queries';
import { TENANT_ID, USERS } from '../support/teams-activities';
import { startTestBot, type TestBot } from '../support/test-bot';

const FIXTURES = path.resolve(__dirname, '../fixtures');
const ALERTS_ON = /its incidents and alerts data types are on/;

describe('the product changes say what the Defender XDR connector check found', () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await startTestBot();
  });
  afterAll(async () => {
    await t.stop();
  });

  test('under a Failed connector check the Alerts change does not say the data types are on', async () => {
    // law-soc-staging: the connector has alerts off.
    const card = cardOf(await say(t, USERS.dana, 'connect law-soc-staging'))!;
    expect(checkRow(card, 'Defender XDR connector')?.result).toBe('Failed');
    const text = cardText(card);
    expect(text).toMatch(/4\. Alerts\.[\s\S]*needs its incidents and alerts data types on: they are not yet/);
    expect(text).not.toMatch(ALERTS_ON);
  });

  test('under a Passed connector check it says they are on', async () => {
    const card = cardOf(await say(t, USERS.dana, 'connect law-soc-prod'))!;
    expect(checkRow(card, 'Defender XDR connector')?.result).toBe('Passed');
    expect(cardText(card)).toMatch(ALERTS_ON);
  });
});

describe('check of the workspace that is already connected says so, not Failed', () => {
  let t: TestBot;
  beforeAll(async () => {
    // law-soc-staging was connected in the portal before the bot was installed: Azure shows it.
    t = await startTestBot({ SANDBOX_TENANT: path.join(FIXTURES, 'connected-before-install-tenant.json') });
    await setSocChannel(t);
  });
  afterAll(async () => {
    await t.stop();
  });

  test('check: the one-at-a-time row is Passed and says the workspace is already connected; nothing "to do" under Failed', async () => {
    const card = cardOf(await say(t, USERS.dana, 'check law-soc-staging'))!;
    const row = checkRow(card, 'No other workspace connected');
    expect(row?.result).toBe('Passed');
    expect(row?.text).toMatch(/law-soc-staging as already connected to the Defender portal/);
    expect(cardText(card)).not.toMatch(/Nothing to do/i);
  });

  test('check of another workspace still fails on the connected one', async () => {
    const card = cardOf(await say(t, USERS.dana, 'check law-soc-prod'))!;
    expect(checkRow(card, 'No other workspace connected')?.result).toBe('Failed');
  });

  test('connect of the connected workspace says it is already connected and starts no request', async () => {
    const text = cardText(cardOf(await say(t, USERS.dana, 'connect law-soc-staging'))!);
    expect(text).toMatch(/Already connected[\s\S]*law-soc-staging as already connected/);
    expect(await t.bot.store.listOpenRequests(TENANT_ID)).toHaveLength(0);
  });
});
