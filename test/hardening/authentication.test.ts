import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ServiceClientCredentialsFactory } from 'botframework-connector';
import { readConfig } from '../../src/config';
import { createLogger } from '../../src/logger';
import { startBot, type RunningBot } from '../../src/start-bot';
import { personalConversationId, personalMessage, USERS } from '../support/teams-activities';
import { startTestBot, type TestBot } from '../support/test-bot';
import { createSigningKey, signJwt, TokenIssuer } from './support/token-issuer';
import { drain, staysEqual } from '../support/settle';

const APP_ID = '9b5a3f4e-0000-4000-8000-00000000b07a';

/** The bot's own outgoing credentials: a token from the same test issuer instead of a call to Entra. */
class TestCredentialsFactory extends ServiceClientCredentialsFactory {
  created = 0;
  constructor(
    private readonly appId: string,
    private readonly token: () => string,
  ) {
    super();
  }
  async isValidAppId(appId: string): Promise<boolean> {
    return appId === this.appId;
  }
  async isAuthenticationDisabled(): Promise<boolean> {
    return false;
  }
  async createCredentials() {
    this.created += 1;
    return {
      signRequest: async (request: { headers: { set(name: string, value: string): void } }) => {
        request.headers.set('authorization', `Bearer ${this.token()}`);
        return request;
      },
    } as never;
  }
}

describe('every request to /api/messages needs a valid Bot Framework token when MicrosoftAppId is set', () => {
  const issuer = new TokenIssuer();
  let t: TestBot;
  let credentials: TestCredentialsFactory;

  beforeAll(async () => {
    // botbuilder prints why a token failed (and the public key) to stderr; the assertions below are what matter.
    jest.spyOn(console, 'error').mockImplementation(() => undefined);
    await issuer.start();
    credentials = new TestCredentialsFactory(APP_ID, () => issuer.channelToken('https://api.botframework.com', 'bot'));
    t = await startTestBot(
      { BOT_MODE: 'sandbox', MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'never-sent-anywhere' },
      { authSettings: { ...issuer.authSettings(), credentialsFactory: credentials } },
    );
  });
  afterAll(async () => {
    jest.restoreAllMocks();
    await t.stop();
    await issuer.stop();
  });

  const help = () => personalMessage(t.serviceUrl, USERS.dana, 'help');
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

  async function expectRefused(headers: Record<string, string> | undefined, body: object = help()) {
    const before = t.connector.calls.length;
    const res = await t.send(body, headers);
    expect(res.status).toBe(401);
    // The answer says what is needed and nothing about why the token failed or how the bot checks it.
    expect(res.body).toEqual({ error: { code: 'Unauthorized', message: 'A valid Bot Framework token is required.' } });
    await drain([t.bot]);
    await staysEqual(() => t.connector.calls.length, before, 'no turn ran, so nothing was sent', 100);
  }

  test('no token → 401, and no turn runs', async () => {
    await expectRefused(undefined);
    expect(await t.bot.store.getConversation(`user:72f988bf-0000-4000-8000-00000000c0de:${USERS.dana.id}`)).toBeNull();
  });

  test('a token signed by a key the metadata does not publish → 401 (same kid, and an unknown kid)', async () => {
    const stranger = createSigningKey();
    const claims = { iss: issuer.issuer, aud: APP_ID, serviceurl: t.serviceUrl, exp: Math.floor(Date.now() / 1000) + 3600 };
    await expectRefused(bearer(signJwt(stranger, claims, issuer.key.kid)));
    await expectRefused(bearer(signJwt(stranger, claims)));
  });

  test('an expired token → 401', async () => {
    const now = Math.floor(Date.now() / 1000);
    await expectRefused(bearer(issuer.channelToken(APP_ID, t.serviceUrl, { iat: now - 7200, nbf: now - 7200, exp: now - 3600 })));
  });

  test('a token for another audience → 401', async () => {
    await expectRefused(bearer(issuer.channelToken('some-other-bot', t.serviceUrl)));
  });

  test('a token from another issuer, or for another serviceUrl → 401', async () => {
    await expectRefused(bearer(issuer.channelToken(APP_ID, t.serviceUrl, { iss: 'https://evil.example' })));
    await expectRefused(bearer(issuer.channelToken(APP_ID, 'https://smba.evil.example/')));
  });

  test('a bogus bearer token with a 300 KB body → 401, before the body is read (not 413)', async () => {
    const big = { ...help(), text: 'x'.repeat(300 * 1024) };
    await expectRefused(bearer('bogus'), big);
    await expectRefused(bearer(issuer.channelToken('some-other-bot', t.serviceUrl)), big);
    // With a valid token the same body is too large: the size limit applies after authentication.
    expect((await t.send(big, bearer(issuer.channelToken(APP_ID, t.serviceUrl)))).status).toBe(413);
  });

  test('a malformed Authorization header never gives a 5xx', async () => {
    const headers = [
      'Bearer',
      'Bearer ',
      'Basic dXNlcjpwYXNz',
      'bearer abc',
      'Bearer a.b.c',
      'Bearer eyJhbGciOiJSUzI1NiJ9.eyJ9.xx',
      `Bearer ${'A'.repeat(8000)}`,
      'Bearer x y z',
      `Bearer ${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(JSON.stringify({ aud: APP_ID })).toString('base64url')}.`,
      `Bearer ${issuer.channelToken(APP_ID, t.serviceUrl).slice(0, -5)}`,
    ];
    for (const authorization of headers) {
      const res = await t.send(help(), { authorization });
      expect({ authorization: authorization.slice(0, 40), status: res.status }).toEqual({ authorization: authorization.slice(0, 40), status: 401 });
    }
    // Garbage bodies with a token that does not validate are refused too, never with a 5xx.
    for (const body of [[1, 2], { type: 5 }, {}]) {
      const res = await t.send(body, bearer('not-a-jwt'));
      // The token is checked before the body is read: whatever the body, 401.
      expect(res.status).toBe(401);
    }
    expect((await t.request('GET', '/healthz')).status).toBe(200);
  });

  test("a valid channel token → 200, and the reply reaches the connector with the bot's own token", async () => {
    const res = await t.send(help(), bearer(issuer.channelToken(APP_ID, t.serviceUrl)));
    expect(res.status).toBe(200);
    const calls = await t.connector.waitFor((c) => c.some((x) => x.conversationId === personalConversationId(USERS.dana)), 5000, 'help reply');
    expect(calls.filter((x) => x.conversationId === personalConversationId(USERS.dana))).toHaveLength(1);
    expect(credentials.created).toBeGreaterThan(0);
    expect(issuer.metadataRequests).toBeGreaterThan(0);
  });
});

describe('live mode', () => {
  let bot: RunningBot;
  let dir: string;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bot-live-'));
    // Fake Azure credentials switch to live mode; nothing calls Azure at start.
    const config = readConfig(
      {
        PORT: '0',
        DATABASE_URL: `sqlite:${path.join(dir, 'bot.db')}`,
        AZURE_CLIENT_ID: '00000000-0000-4000-8000-0000000000c1',
        AZURE_CLIENT_SECRET: 'fake-secret',
        AZURE_TENANT_ID: '00000000-0000-4000-8000-0000000000c2',
        MicrosoftAppId: APP_ID,
        MicrosoftAppPassword: 'fake-password',
      },
      dir,
    );
    expect(config.mode).toBe('live');
    bot = await startBot(config, { logger: createLogger('silent') });
  });
  afterAll(async () => {
    await bot.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('has no sandbox routes', async () => {
    for (const [method, route] of [
      ['GET', '/sandbox/state'],
      ['POST', '/sandbox/faults'],
      ['POST', '/sandbox/portal/connect'],
      ['GET', '/sandbox/arm/subscriptions'],
    ]) {
      const res = await fetch(`${bot.url}${route}`, { method, headers: { 'content-type': 'application/json' }, body: method === 'POST' ? '{}' : undefined });
      expect({ route, status: res.status }).toEqual({ route, status: 404 });
    }
    expect(bot.sandbox).toBeNull();
  });

  test('refuses /api/messages without a token', async () => {
    const res = await fetch(`${bot.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(personalMessage('https://smba.trafficmanager.net/emea/', USERS.dana, 'help')),
    });
    expect(res.status).toBe(401);
  });
});
