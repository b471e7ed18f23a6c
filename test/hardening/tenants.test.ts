import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ServiceClientCredentialsFactory } from 'botframework-connector';
import { TENANT_NOT_ALLOWED_MESSAGE } from '../../src/app/admit-turn';
import { readConfig } from '../../src/config';
import { createLogger } from '../../src/logger';
import { startBot, type RunningBot } from '../../src/start-bot';
import { textOf } from '../support/fake-connector';
import { click, setSocChannel, submitConnect } from '../support/drive';
import { botAddedToTeam, cardAction, personalConversationId, personalMessage, SOC_CHANNEL_ID, TENANT_ID, USERS } from '../support/teams-activities';
import { startTestBot, type TestBot } from '../support/test-bot';
import { cleanEnv, startBotProcess } from '../support/run-bot-process';
import { FakeConnector } from '../support/fake-connector';
import { TokenIssuer } from './support/token-issuer';
import { waitUntil } from '../support/settle';

const FOREIGN = '9f9f9f9f-0000-4000-8000-00000000f00d';
const LISTED = '0a1b2c3d-0000-4000-8000-0000000000bb';
const APP_ID = '9b5a3f4e-0000-4000-8000-00000000b07a';

/** An activity moved to another tenant, as a message from another organisation's Teams arrives. */
function inTenant<T extends { channelData?: object; conversation: object }>(activity: T, tenantId: string): T {
  return { ...activity, conversation: { ...activity.conversation, tenantId }, channelData: { ...(activity.channelData ?? {}), tenant: { id: tenantId } } };
}

/** What the bot said in a reply: the activity without the addressing it echoes back (the sender's own name and ids). */
function said(body: unknown): string {
  const { recipient: _r, conversation: _c, ...rest } = body as Record<string, unknown>;
  return JSON.stringify(rest);
}

/** Nothing of the served tenant may appear in an answer to someone outside it. */
function expectNothingOfOurs(text: string): void {
  for (const ours of [TENANT_ID, 'law-soc', 'd0cfe6b2', 'SOC Production', 'rg-soc', 'Ravi', 'Dana Okafor (SOC lead)']) expect(text).not.toContain(ours);
}

async function calls(t: TestBot): Promise<{ path: string }[]> {
  return (await t.request('GET', '/sandbox/calls')).body.calls;
}

describe('sandbox mode serves the fixture tenant and ALLOWED_TENANT_IDS only', () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await startTestBot({ ALLOWED_TENANT_IDS: LISTED });
    await setSocChannel(t);
  });
  afterAll(() => t.stop());
  beforeEach(async () => {
    expect((await t.request('DELETE', '/sandbox/calls')).status).toBe(204);
  });

  async function sayIn(tenantId: string, text: string, extra: Record<string, unknown> = {}): Promise<string> {
    const before = t.connector.calls.length;
    const res = await t.send(inTenant(personalMessage(t.serviceUrl, USERS.dana, text, extra), tenantId));
    expect(res.status).toBe(200);
    const got = await t.connector.waitFor(
      (c) => c.slice(before).some((x) => x.conversationId === personalConversationId(USERS.dana)),
      10_000,
      `reply to ${text}`,
    );
    const replies = got.slice(before).filter((x) => x.conversationId === personalConversationId(USERS.dana));
    expect(replies).toHaveLength(1);
    return said(replies[0]!.body);
  }

  test.each(['status', 'check law-soc-prod', 'connect', 'connect law-soc-prod', 'disconnect law-soc-prod', 'history', 'cancel', 'help'])(
    'a foreign tenant\'s "%s" gets the fixed refusal, nothing of ours, no Azure call, and an audit entry',
    async (command) => {
      const auditBefore = (await t.bot.store.listAudit(FOREIGN, 1000)).length;
      const reply = await sayIn(FOREIGN, command);
      expect(reply).toContain(TENANT_NOT_ALLOWED_MESSAGE);
      expectNothingOfOurs(reply);
      expect(await calls(t)).toEqual([]);
      const audit = await t.bot.store.listAudit(FOREIGN, 1000);
      expect(audit).toHaveLength(auditBefore + 1);
      expect(audit[0]).toMatchObject({
        tenantId: FOREIGN,
        outcome: 'refused',
        refusalCode: 'tenant_not_allowed',
        actor: { id: USERS.dana.id },
        action: command.split(' ')[0],
      });
      expect(audit[0]!.detail).toContain(FOREIGN);
      // Nothing of the foreign conversation is kept, so no notification can ever go there.
      expect(await t.bot.store.getConversation(`user:${FOREIGN}:${USERS.dana.id}`)).toBeNull();
      expect(await t.bot.store.listOpenRequests(FOREIGN)).toEqual([]);
    },
  );

  test("a foreign tenant's click on our approval card is refused 403 TenantNotAllowed and changes nothing", async () => {
    const { requestId, approvalPost } = await submitConnect(t, USERS.dana, 'law-soc-prod');
    await t.request('DELETE', '/sandbox/calls');
    const approve = inTenant(
      cardAction(
        t.serviceUrl,
        USERS.ravi,
        'request.approve',
        { requestId, version: 2 },
        { conversationId: `${SOC_CHANNEL_ID};messageid=1`, conversationType: 'channel', replyToId: approvalPost.activityId ?? undefined },
      ),
      FOREIGN,
    );
    const res = await t.send(approve);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      statusCode: 403,
      type: 'application/vnd.microsoft.error',
      value: { code: 'TenantNotAllowed', message: TENANT_NOT_ALLOWED_MESSAGE },
    });
    expect(await calls(t)).toEqual([]);
    expect((await t.bot.store.getRequest(requestId))?.state).toBe('submitted');
    expect((await t.bot.store.listAudit(FOREIGN, 5))[0]).toMatchObject({ action: 'request.approve', refusalCode: 'tenant_not_allowed' });
    // The request stays open for our own approver.
    expect((await click(t, USERS.dana, 'request.cancel', { requestId, version: 2 }, 'personal')).statusCode).toBe(200);
  });

  test('installing the bot in a foreign team is answered with the refusal, not a greeting', async () => {
    const before = t.connector.calls.length;
    await t.send(inTenant(botAddedToTeam(t.serviceUrl, USERS.dana), FOREIGN));
    const got = await t.connector.waitFor((c) => c.length > before, 5000, 'install answer');
    expect(textOf(got[got.length - 1]!)).toBe(TENANT_NOT_ALLOWED_MESSAGE);
  });

  test("a tenant listed in ALLOWED_TENANT_IDS is served, and one without any tenant is the fixture's", async () => {
    expect(await sayIn(LISTED, 'help')).toContain('Sentinel onboarding');
    const before = t.connector.calls.length;
    const bare = personalMessage(t.serviceUrl, USERS.dana, 'help') as Record<string, unknown>;
    delete bare.channelData;
    bare.conversation = { id: personalConversationId(USERS.dana), conversationType: 'personal' };
    await t.send(bare);
    const got = await t.connector.waitFor((c) => c.length > before, 5000, 'help reply');
    expect(JSON.stringify(got[got.length - 1]!.body)).toContain('Sentinel onboarding');
  });

  test.each(['emulator', 'webchat', 'directline'])('sandbox mode serves the %s channel', async (channelId) => {
    expect(await sayIn(TENANT_ID, 'help', { channelId })).toContain('Sentinel onboarding');
  });

  test('a channel that no client of the bot uses is refused even for the fixture tenant', async () => {
    const reply = await sayIn(TENANT_ID, 'status', { channelId: 'slack' });
    expect(reply).toContain(TENANT_NOT_ALLOWED_MESSAGE);
    expect(await calls(t)).toEqual([]);
  });

  test.each(["11111111-1111-4111-8111-111111111111') or principalId eq '22222222-2222-4222-8222-222222222222", 'dana', '22222222-2222-4222-8222-22222222222'])(
    'a user id that is not a GUID (%j) is refused before any Azure or Graph call',
    async (aadObjectId) => {
      const reply = await sayIn(TENANT_ID, 'check law-soc-prod', { from: { id: '29:x', name: 'Mallory', aadObjectId } });
      expect(reply).toMatch(/not a Microsoft Entra object id/);
      expect(await calls(t)).toEqual([]);
      const res = await t.send({
        ...cardAction(
          t.serviceUrl,
          USERS.ravi,
          'request.approve',
          { requestId: 'r1', version: 2 },
          { conversationId: SOC_CHANNEL_ID, conversationType: 'channel' },
        ),
        from: { id: '29:x', name: 'Mallory', aadObjectId },
      });
      expect(res.body).toMatchObject({ statusCode: 400, value: { code: 'InvalidUserId' } });
      expect(await calls(t)).toEqual([]);
    },
  );
});

/** The bot's own outgoing credentials: a token from the test issuer instead of a call to Entra. */
class IssuerCredentials extends ServiceClientCredentialsFactory {
  constructor(private readonly token: () => string) {
    super();
  }
  async isValidAppId(appId: string): Promise<boolean> {
    return appId === APP_ID;
  }
  async isAuthenticationDisabled(): Promise<boolean> {
    return false;
  }
  async createCredentials() {
    return {
      signRequest: async (request: { headers: { set(n: string, v: string): void } }) => (
        request.headers.set('authorization', `Bearer ${this.token()}`),
        request
      ),
    } as never;
  }
}

describe('live mode serves Teams activities of its own tenant only', () => {
  const issuer = new TokenIssuer();
  const connector = new FakeConnector();
  let serviceUrl: string;
  let bot: RunningBot;
  let dir: string;

  beforeAll(async () => {
    jest.spyOn(console, 'error').mockImplementation(() => undefined);
    await issuer.start();
    serviceUrl = await connector.start();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bot-live-tenants-'));
    const config = readConfig(
      {
        PORT: '0',
        DATABASE_URL: `sqlite:${path.join(dir, 'bot.db')}`,
        BOT_MODE: 'live',
        MicrosoftAppId: APP_ID,
        MicrosoftAppPassword: 'never-sent',
        AZURE_TENANT_ID: TENANT_ID,
      },
      dir,
    );
    bot = await startBot(config, {
      logger: createLogger('silent'),
      outboxIntervalMs: 50,
      authSettings: { ...issuer.authSettings(), credentialsFactory: new IssuerCredentials(() => issuer.channelToken('https://api.botframework.com', 'bot')) },
    });
  });
  afterAll(async () => {
    jest.restoreAllMocks();
    await bot.close();
    await connector.stop();
    await issuer.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  async function send(activity: object): Promise<string> {
    const before = connector.calls.length;
    const res = await fetch(`${bot.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${issuer.channelToken(APP_ID, serviceUrl)}` },
      body: JSON.stringify(activity),
    });
    expect(res.status).toBe(200);
    const got = await connector.waitFor((c) => c.length > before, 5000, 'reply');
    return said(got[got.length - 1]!.body);
  }

  test('msteams from the own tenant is served', async () => {
    expect(await send(personalMessage(serviceUrl, USERS.dana, 'help'))).toContain('Sentinel onboarding');
  });

  test.each(['webchat', 'emulator', 'directline'])('%s is refused in live mode, with a valid token and the own tenant', async (channelId) => {
    const reply = await send(personalMessage(serviceUrl, USERS.dana, 'status', { channelId }));
    expect(reply).toContain(TENANT_NOT_ALLOWED_MESSAGE);
    expect((await bot.store.listAudit(TENANT_ID, 1))[0]).toMatchObject({ refusalCode: 'tenant_not_allowed', action: 'status' });
  });

  test('another tenant, or no tenant at all, is refused', async () => {
    expectNothingOfOurs(await send(inTenant(personalMessage(serviceUrl, USERS.dana, 'status'), FOREIGN)));
    const bare = personalMessage(serviceUrl, USERS.dana, 'status') as Record<string, unknown>;
    delete bare.channelData;
    bare.conversation = { id: personalConversationId(USERS.dana), conversationType: 'personal' };
    expect(await send(bare)).toContain(TENANT_NOT_ALLOWED_MESSAGE);
    expect((await bot.store.listAudit('unknown', 1))[0]).toMatchObject({ refusalCode: 'tenant_not_allowed' });
  });
});

describe('a live bot whose credential cannot get a token', () => {
  let child: Awaited<ReturnType<typeof startBotProcess>>['child'] | undefined;
  let url: string;
  let dir: string;
  let stdout = '';

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bot-live-token-'));
    const started = await startBotProcess(
      cleanEnv({
        PORT: '0',
        LOG_LEVEL: 'error',
        DATABASE_URL: `sqlite:${path.join(dir, 'bot.db')}`,
        MicrosoftAppId: APP_ID,
        MicrosoftAppPassword: 'fake-password',
        AZURE_TENANT_ID: TENANT_ID,
        AZURE_CLIENT_ID: '00000000-0000-4000-8000-0000000000c1',
        AZURE_CLIENT_SECRET: 'fake-secret-value',
        // Nothing answers here: the token request fails at once, whatever the machine's network.
        AZURE_AUTHORITY_HOST: 'https://127.0.0.1:9',
      }),
    );
    child = started.child;
    url = started.url;
    child.stdout?.on('data', (d: Buffer) => (stdout += d.toString()));
  });
  afterAll(async () => {
    if (child && child.exitCode === null) {
      const exited = new Promise((resolve) => child!.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('keeps serving /healthz, answers /readyz 503 naming the token that failed, and has no /sandbox routes', async () => {
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    let ready: { status: number; body: Record<string, unknown> } = { status: 0, body: {} };
    await waitUntil(
      async () => {
        const res = await fetch(`${url}/readyz`);
        ready = { status: res.status, body: (await res.json()) as Record<string, unknown> };
        return ready.body.azure === 'no token' && /could not get a token for Azure Resource Manager/.test(String(ready.body.message));
      },
      '/readyz to name the token that failed',
      20_000,
    );
    expect(ready.status).toBe(503);
    expect(ready.body).toMatchObject({ status: 'not ready', database: 'ready', azure: 'no token' });
    expect(String(ready.body.message)).toMatch(
      /DefaultAzureCredential could not get a token for Azure Resource Manager \(https:\/\/management\.azure\.com\/\.default\): \w+Error/,
    );
    for (const route of ['/sandbox/state', '/sandbox/calls', '/sandbox/arm/subscriptions']) expect((await fetch(`${url}${route}`)).status).toBe(404);
    // The log says why, without the secret.
    expect(stdout).toMatch(/could not get a token for Azure Resource Manager/);
    expect(stdout).not.toContain('fake-secret-value');
  }, 30_000);
});
