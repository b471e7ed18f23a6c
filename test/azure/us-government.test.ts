import { createDefaultHttpClient, type HttpClient } from '@azure/core-rest-pipeline';
import type { AccessToken, GetTokenOptions, TokenCredential } from '@azure/core-auth';
import { createArmAdapter, createGraphAdapter, createLiveCredential, createSandboxCredential } from '../../src/azure';
import { cloudFor } from '../../src/clouds';
import { PROD, RAVI, startSandbox, SUB, type SandboxHarness } from '../sandbox/sandbox-harness';

const GOV = cloudFor('AzureUSGovernment');

/** The sandbox credential, recording the scope of every token asked for. */
function recordingCredential(scopes: string[]): TokenCredential {
  const inner = createSandboxCredential();
  return {
    getToken: (scope: string | string[], options?: GetTokenOptions): Promise<AccessToken | null> => {
      scopes.push(...(Array.isArray(scope) ? scope : [scope]));
      return inner.getToken(scope, options);
    },
  };
}

/**
 * The SDK's own HTTP client, recording each URL the real clients send to and delivering it to the
 * sandbox instead: the host the cloud names is what is recorded, the sandbox is what answers.
 */
function forwardingHttpClient(seen: string[], from: string, to: string): HttpClient {
  const inner = createDefaultHttpClient();
  return {
    sendRequest(request) {
      seen.push(request.url);
      request.url = request.url.replace(from, to);
      // The sandbox is plain HTTP; the SDK's bearer policy already ran on the https URL.
      request.allowInsecureConnection = true;
      return inner.sendRequest(request);
    },
  };
}

describe('AZURE_CLOUD=AzureUSGovernment: the real clients call Azure Government and sign in there', () => {
  let h: SandboxHarness;
  beforeAll(async () => {
    h = await startSandbox();
  });
  afterAll(async () => {
    await h.close();
  });

  it('ARM: the SDK clients go to management.usgovcloudapi.net with its token scope (the sandbox answers)', async () => {
    const urls: string[] = [];
    const scopes: string[] = [];
    const arm = createArmAdapter({
      cloud: GOV,
      credential: recordingCredential(scopes),
      httpClient: forwardingHttpClient(urls, 'https://management.usgovcloudapi.net', h.sandbox.armBaseUrl(h.origin)),
    });
    expect((await arm.listSubscriptions()).map((s) => s.subscriptionId)).toEqual([SUB]);
    expect((await arm.getWorkspace(PROD))?.name).toBe('law-soc-prod');
    expect(await arm.isSentinelEnabled(PROD)).toBe(true);
    expect((await arm.listRoleAssignmentsFor(`/subscriptions/${SUB}`, RAVI)).length).toBeGreaterThan(0);
    expect(urls.length).toBeGreaterThanOrEqual(4);
    for (const url of urls) expect(new URL(url).origin).toBe('https://management.usgovcloudapi.net');
    expect(new Set(scopes)).toEqual(new Set(['https://management.usgovcloudapi.net/.default']));
  });

  it('Graph: v1.0 reads go to graph.microsoft.us with its token scope; DoD uses dod-graph.microsoft.us', async () => {
    for (const [cloud, origin] of [
      [GOV, 'https://graph.microsoft.us'],
      [cloudFor('AzureUSGovernment', 'DoD'), 'https://dod-graph.microsoft.us'],
    ] as const) {
      const urls: string[] = [];
      const scopes: string[] = [];
      const forward: typeof fetch = (input, init) => {
        urls.push(String(input));
        return fetch(String(input).replace(origin, h.sandbox.graphBaseUrl(h.origin)), init);
      };
      const graph = createGraphAdapter({ cloud, credential: recordingCredential(scopes), fetch: forward });
      expect(await graph.hasDefenderXdr()).toBe(true);
      expect((await graph.listEntraRoleTemplateIds(RAVI)).length).toBe(1);
      expect(urls.length).toBeGreaterThanOrEqual(3);
      for (const url of urls) expect(url.startsWith(`${origin}/v1.0/`)).toBe(true);
      expect(new Set(scopes)).toEqual(new Set([`${origin}/.default`]));
    }
  });

  it('the live credential signs in at login.microsoftonline.us', async () => {
    const saved = { ...process.env };
    Object.assign(process.env, {
      AZURE_TENANT_ID: '72f988bf-0000-4000-8000-00000000c0de',
      AZURE_CLIENT_ID: '9f1c2d3e-0000-4000-8000-00000000b0a7',
      AZURE_CLIENT_SECRET: 'not-a-secret',
    });
    const urls: string[] = [];
    const refuse: HttpClient = {
      async sendRequest(request) {
        urls.push(request.url);
        throw new Error('no network in this test');
      },
    };
    try {
      const credential = createLiveCredential(GOV, refuse);
      await expect(credential.getToken(GOV.armScope)).rejects.toThrow();
    } finally {
      process.env = saved;
    }
    expect(urls.length).toBeGreaterThan(0);
    for (const url of urls) expect(new URL(url).origin).toBe('https://login.microsoftonline.us');
  });
});
