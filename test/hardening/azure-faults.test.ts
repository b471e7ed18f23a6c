import type { AccessToken, TokenCredential } from '@azure/core-auth';
import { ClientSecretCredential, CredentialUnavailableError } from '@azure/identity';
import { AzureCallError, createArmAdapter, createGraphAdapter } from '../../src/azure';
import { describeCallError, retryRemediation } from '../../src/checks/describe-call-error';
import { checkRow as row } from '../support/card-queries';
import { cardOf, type ConnectorCall } from '../support/fake-connector';
import { personalConversationId, personalMessage, USERS } from '../support/teams-activities';
import { startTestBot, type TestBot } from '../support/test-bot';

describe('Azure faults during `check`, injected through /sandbox/faults', () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await startTestBot();
  });
  afterAll(() => t.stop());
  afterEach(() => t.request('DELETE', '/sandbox/faults'));

  async function check(): Promise<unknown> {
    const before = t.connector.posted(personalConversationId(USERS.dana)).length;
    const res = await t.send(personalMessage(t.serviceUrl, USERS.dana, 'check law-soc-prod'));
    expect(res.status).toBe(200);
    const calls = await t.connector.waitFor((c) => c.filter(mine).length > before, 20_000, 'the readiness card');
    return cardOf(calls.filter(mine)[before]);
  }
  const mine = (c: ConnectorCall) => c.method === 'POST' && c.conversationId === personalConversationId(USERS.dana);
  const fault = async (f: Record<string, unknown>) => expect((await t.request('POST', '/sandbox/faults', f)).status).toBe(200);
  const SENTINEL = 'Microsoft Sentinel enabled';

  test('without faults the Sentinel row is Passed (the baseline)', async () => {
    expect(row(await check(), SENTINEL)).toMatchObject({ result: 'Passed' });
  });

  test('a single 429 with Retry-After 1 is waited out: still Passed', async () => {
    await fault({ match: 'onboardingStates', status: 429, retryAfter: 1, count: 1 });
    expect(row(await check(), SENTINEL)).toMatchObject({ result: 'Passed' });
  });

  test('a 503 that passes is retried: Passed; a persistent 503 is Unknown with advice, never Passed', async () => {
    await fault({ match: 'onboardingStates', status: 503, count: 1 });
    expect(row(await check(), SENTINEL)).toMatchObject({ result: 'Passed' });
    await fault({ match: 'onboardingStates', status: 503, count: 100 });
    const r = row(await check(), SENTINEL)!;
    expect(r.result).toBe('Unknown');
    expect(r.text).toMatch(/Azure did not answer/);
    expect(r.text).toMatch(/try again/);
  });

  test('persistent 429 is Unknown with advice', async () => {
    await fault({ match: 'onboardingStates', status: 429, retryAfter: 0, count: 100 });
    const r = row(await check(), SENTINEL)!;
    expect(r.result).toBe('Unknown');
    expect(r.text).toMatch(/try again/);
  });

  test('a dropped connection (status 0) is retried; one that keeps dropping is Unknown', async () => {
    await fault({ match: 'onboardingStates', status: 0, delayMs: 0, count: 1 });
    expect(row(await check(), SENTINEL)).toMatchObject({ result: 'Passed' });
    await fault({ match: 'onboardingStates', status: 0, delayMs: 10, count: 100 });
    const r = row(await check(), SENTINEL)!;
    expect(r.result).toBe('Unknown');
    expect(r.text).toMatch(/Azure did not answer/);
  });

  test('no answer at all within the deadline (status 0, long delay) is Unknown, and the card still comes', async () => {
    await fault({ match: 'onboardingStates', status: 0, delayMs: 20_000, count: 5 });
    const started = Date.now();
    const r = row(await check(), SENTINEL)!;
    expect(r.result).toBe('Unknown');
    expect(r.text).toMatch(/Azure did not answer/);
    expect(Date.now() - started).toBeLessThan(12_000);
  });

  test('a malformed body once is retried: Passed', async () => {
    await fault({ match: 'onboardingStates', status: 200, body: 'not json', count: 1 });
    expect(row(await check(), SENTINEL)).toMatchObject({ result: 'Passed' });
  });

  test('malformed bodies that persist are Unknown with advice, never Passed', async () => {
    await fault({ match: 'onboardingStates', status: 200, body: 'not json', count: 100 });
    const r = row(await check(), SENTINEL)!;
    expect(r.result).toBe('Unknown');
    expect(r.text).toMatch(/try again/);
  });

  // The real bodies (Azure/Azure-Landing-Zones#428; microsoft/azure-pipelines-extensions#929): a 400 that is not
  // the documented "not onboarded" answer says nothing about Sentinel.
  const noRegisteredProvider = JSON.stringify({
    error: {
      code: 'NoRegisteredProviderFound',
      message:
        "No registered resource provider found for location 'usgovvirginia' and API version '2024-03-01' for type 'onboardingStates'. " +
        "The supported api-versions are '2021-03-01-preview, 2021-09-01-preview'. The supported locations are 'usgovvirginia, usgovarizona'.",
    },
  });
  const invalidApiVersion = JSON.stringify({
    error: { code: 'InvalidApiVersionParameter', message: "The api-version '2025-10-01-preview' is invalid. The supported versions are '2024-03-01'." },
  });

  test('a 400 NoRegisteredProviderFound on onboardingStates is Unknown with its code, never Failed ("not enabled") or Passed', async () => {
    await fault({ match: 'onboardingStates', status: 400, body: noRegisteredProvider, count: 100 });
    const r = row(await check(), SENTINEL)!;
    expect(r.result).toBe('Unknown');
    expect(r.text).toContain('NoRegisteredProviderFound');
    expect(r.text).not.toMatch(/not enabled/);
  });

  test('an api-version 400 on data connectors is Unknown for the connector row, never Passed', async () => {
    await fault({ match: 'dataConnectors', status: 400, body: invalidApiVersion, count: 100 });
    const card = await check();
    const connector = row(card, 'Defender XDR connector')!;
    expect(connector.result).toBe('Unknown');
    expect(connector.text).toContain('InvalidApiVersionParameter');
    // No subscription where the Defender apps hold their role: no workspace can be connected, so no connector read decides it.
    expect(row(card, 'No other workspace connected')!.result).toBe('Passed');
  });

  test('after an earlier connection left the apps\' role, a 400 on data connectors makes "No other workspace connected" Unknown', async () => {
    const staging = 'd0cfe6b2-9ac0-4464-9919-dccaee2e48c0/rg-soc/law-soc-staging';
    const other = await startTestBot();
    try {
      expect((await other.request('POST', '/sandbox/portal/connect', { workspace: staging })).status).toBe(200);
      expect((await other.request('POST', '/sandbox/portal/disconnect', { workspace: staging })).status).toBe(200);
      await other.request('POST', '/sandbox/faults', { match: 'dataConnectors', status: 400, body: invalidApiVersion, count: 100 });
      const res = await other.send(personalMessage(other.serviceUrl, USERS.dana, 'check law-soc-prod'));
      expect(res.status).toBe(200);
      const calls = await other.connector.waitFor((c) => c.some(mine), 20_000, 'the readiness card');
      expect(row(cardOf(calls.find(mine)!), 'No other workspace connected')!.result).toBe('Unknown');
    } finally {
      await other.stop();
    }
  });

  test('the sandbox\'s own not-onboarded answer still means "not enabled" (Failed), for a workspace without Sentinel', async () => {
    const before = t.connector.posted(personalConversationId(USERS.dana)).length;
    expect((await t.send(personalMessage(t.serviceUrl, USERS.dana, 'check law-ops-metrics'))).status).toBe(200);
    const calls = await t.connector.waitFor((c) => c.filter(mine).length > before, 20_000, 'the readiness card');
    const card = cardOf(calls.filter(mine)[before]);
    expect(row(card, SENTINEL)).toMatchObject({ result: 'Failed' });
    expect(row(card, 'No other workspace connected')).toMatchObject({ result: 'Passed' });
  });

  test('Graph faults: a persistent 503 on Entra roles makes that row Unknown, not Failed or Passed', async () => {
    await fault({ match: 'directory/roleAssignments', status: 503, count: 100 });
    const r = row(await check(), 'Entra role for onboarding')!;
    expect(r.result).toBe('Unknown');
    expect(r.text).toMatch(/try again/);
  });
});

describe('token acquisition failures', () => {
  class ThrowingCredential implements TokenCredential {
    async getToken(): Promise<AccessToken | null> {
      throw new CredentialUnavailableError('ManagedIdentityCredential: no managed identity endpoint found');
    }
  }

  test('give one clear message naming the credential that failed, and Unknown with a credential fix', async () => {
    const arm = createArmAdapter({ endpoint: 'http://127.0.0.1:1/arm', credential: new ThrowingCredential(), insecureSandbox: true, callTimeoutMs: 2000 });
    const err = await arm.listSubscriptions().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AzureCallError);
    expect(err).toMatchObject({ kind: 'credential' });
    const message = describeCallError(err);
    expect(message).toContain('ThrowingCredential');
    expect(message).toMatch(/could not get a token/);
    expect(message.split('\n')).toHaveLength(1);
    expect(retryRemediation(err).text).toMatch(/credential/);

    const graph = createGraphAdapter({ baseUrl: 'http://127.0.0.1:1/graph', credential: new ThrowingCredential(), callTimeoutMs: 2000 });
    const graphErr = await graph.hasDefenderXdr().catch((e: unknown) => e);
    expect(graphErr).toMatchObject({ kind: 'credential' });
    expect((graphErr as Error).message).toContain('ThrowingCredential');
  });

  test('a real @azure/identity credential with a bad secret is named too (no network needed: the authority is unreachable)', async () => {
    const credential = new ClientSecretCredential('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000002', 'bad-secret', {
      authorityHost: 'https://127.0.0.1:1',
      disableInstanceDiscovery: true,
      retryOptions: { maxRetries: 0 },
    });
    const graph = createGraphAdapter({ baseUrl: 'http://127.0.0.1:1/graph', credential, callTimeoutMs: 5000 });
    const err = await graph.hasDefenderXdr().catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: 'credential' });
    expect((err as Error).message).toContain('ClientSecretCredential');
    expect((err as Error).message).not.toContain('bad-secret');
  });
});
