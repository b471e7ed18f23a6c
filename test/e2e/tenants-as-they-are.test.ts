import { cardOf } from '../support/fake-connector';
import { cardText, executeActions } from '../support/card-queries';
import { click, say, setSocChannel, submitConnect } from '../support/drive';
import { startOnFixture } from '../support/fixture-bot';
import { USERS } from '../support/teams-activities';
import type { TestBot } from '../support/test-bot';
import { V2, v2Tenant } from '../sandbox/v2-tenant';

const SUB = 'd0cfe6b2-9ac0-4464-9919-dccaee2e48c0';
const MTP_APP = '8ee8fdad-f234-4243-8f3b-15c294843740';

/** The text of one readiness row, from its title to the next row's. */
function rowText(text: string, title: string, next: string): string {
  const start = text.indexOf(title);
  return text.slice(start, text.indexOf(next, start + title.length));
}

describe('Azure Lighthouse: a subscription of another tenant', () => {
  let t: TestBot;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ t, cleanup } = await startOnFixture(v2Tenant()));
    await setSocChannel(t);
  });
  afterAll(async () => {
    await cleanup();
  });

  test('is marked in the picker; the workspaces of this tenant are not', async () => {
    const text = cardText(cardOf(await say(t, USERS.ravi, 'connect'))!);
    expect(text).toMatch(/law-customer[^\n]*Customer \(delegated\)[^\n]*another tenant \(Lighthouse\): cannot be connected here/);
    expect(text).not.toMatch(/law-soc-prod[^\n]*another tenant/);
  });

  test('`check` of its workspace states Failed with the reason', async () => {
    const text = cardText(cardOf(await say(t, USERS.ravi, `check ${V2.lighthouseSub}/rg-cust/law-customer`))!);
    const row = rowText(text, 'Workspace in this tenant', 'Microsoft Sentinel enabled');
    expect(row).toMatch(/Failed/);
    expect(row).toContain(`belongs to another tenant (${V2.customerTenant})`);
    expect(row).toMatch(/the Defender portal connects workspaces of its own tenant only/);
  });

  test('`connect` of its workspace states Failed and offers no submit', async () => {
    const card = cardOf(await say(t, USERS.ravi, `connect ${V2.lighthouseSub}/rg-cust/law-customer`))!;
    expect(rowText(cardText(card), 'Workspace in this tenant', 'Microsoft Sentinel enabled')).toMatch(/Failed[\s\S]*Azure Lighthouse/);
    expect(executeActions(card).some((a) => a.verb === 'request.submit')).toBe(false);
  });

  test('a workspace of this tenant passes the tenant check', async () => {
    const text = cardText(cardOf(await say(t, USERS.ravi, 'check law-soc-prod'))!);
    expect(rowText(text, 'Workspace in this tenant', 'Microsoft Sentinel enabled')).toMatch(/Passed[\s\S]*belongs to this tenant/);
  });
});

describe('a tenant without the WindowsDefenderATP service principal', () => {
  let t: TestBot;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ t, cleanup } = await startOnFixture(
      v2Tenant(
        (tenant) => (tenant.servicePrincipals = [{ id: 'c0000000-0000-4000-8000-0000000000a1', appId: MTP_APP, displayName: 'Microsoft Threat Protection' }]),
      ),
    ));
    await setSocChannel(t);
  });
  afterAll(async () => {
    await cleanup();
  });

  test('verification explains the missing principal, checks the other app, and confirms the connection once the portal step is done', async () => {
    const { requestId } = await submitConnect(t, USERS.dana, 'law-soc-prod');
    expect((await click(t, USERS.ravi, 'request.approve', { requestId, version: 2 }, 'channel')).statusCode).toBe(200);

    const before = await click(t, USERS.ravi, 'connection.verify', { requestId, version: 3 }, 'channel');
    const text = cardText(before.value);
    expect(text).toMatch(/Not connected yet: Microsoft Sentinel Contributor is not yet assigned to the Defender app that has a service principal/);
    expect(text).toMatch(/WindowsDefenderATP \(app fc780465-2017-40d4-a0c5-307022471b92\) has no service principal in this tenant/);
    expect(text).toMatch(/the bot checks the other app only/);
    expect((await t.bot.store.getRequest(requestId))!.state).toBe('approved');

    expect((await t.request('POST', '/sandbox/portal/connect', { workspace: `${SUB}/rg-soc/law-soc-prod` })).status).toBe(200);
    const done = await click(t, USERS.ravi, 'connection.verify', { requestId, version: 3 }, 'channel');
    expect(done.statusCode).toBe(200);
    expect((await t.bot.store.getRequest(requestId))!.state).toBe('completed');
  });
});
