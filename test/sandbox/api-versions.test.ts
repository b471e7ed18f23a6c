import { SecurityInsights } from '@azure/arm-securityinsight';
import { createSandboxCredential, isSentinelNotOnboarded } from '../../src/azure';
import { useSandboxAuth } from '../../src/azure/sandbox-auth-policy';
import { API_VERSIONS } from '../../src/sandbox/api-versions';
import { OPS, PROD, startSandbox, SUB, type SandboxHarness } from './sandbox-harness';
import { v2Tenant } from './v2-tenant';

const ARM = '/sandbox/arm';
const WS = `${ARM}/subscriptions/${SUB}/resourceGroups/rg-soc/providers/Microsoft.OperationalInsights/workspaces/law-soc-prod`;
const SI = `${WS}/providers/Microsoft.SecurityInsights`;

describe('api-versions: only those the real service publishes, with the fields of the version asked', () => {
  let h: SandboxHarness;
  beforeAll(async () => (h = await startSandbox({ tenant: v2Tenant() })));
  afterAll(() => h.close());

  it.each([
    ['subscriptions', '2021-04-01', `${ARM}/subscriptions`, 'InvalidApiVersionParameter'],
    ['role assignments', '2021-01-01', `${ARM}/subscriptions/${SUB}/providers/Microsoft.Authorization/roleAssignments`, 'InvalidApiVersionParameter'],
    ['workspaces', '2021-04-01', `${WS}`, 'InvalidApiVersionParameter'],
    ['onboardingStates', '2019-01-01-preview', `${SI}/onboardingStates/default`, 'InvalidApiVersionParameter'],
    ['onboardingStates (stable)', '2020-01-01', `${SI}/onboardingStates/default`, 'InvalidApiVersionParameter'],
    ['dataConnectors', '2021-04-01', `${SI}/dataConnectors`, 'InvalidApiVersionParameter'],
    ['automationRules', '2021-03-01-preview', `${SI}/automationRules`, 'InvalidApiVersionParameter'],
    ['alertRules', '2099-01-01', `${SI}/alertRules`, 'InvalidApiVersionParameter'],
  ])("%s at api-version %s answers 400 with ARM's code", async (_what, version, path, code) => {
    const res = await h.request('GET', `${path}?api-version=${version}`);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe(code);
    expect(res.body.error.message).toContain(`'${version}'`);
  });

  it('names the supported versions as ARM does', async () => {
    const provider = await h.request('GET', `${SI}/onboardingStates/default?api-version=2019-01-01-preview`);
    expect(provider.body.error.message).toBe(
      `The api-version '2019-01-01-preview' is invalid. The supported versions are '${[...API_VERSIONS.onboardingStates].reverse().join(',')}'.`,
    );
    const resources = await h.request('GET', `${ARM}/subscriptions?api-version=2021-04-01`);
    expect(resources.body.error.message).toBe(
      `The api-version '2021-04-01' is invalid. The supported versions are '${[...API_VERSIONS.subscriptions].reverse().join(',')}'.`,
    );
    const missing = await h.request('GET', `${ARM}/subscriptions`);
    expect(missing.status).toBe(400);
    expect(missing.body.error.code).toBe('MissingApiVersionParameter');
  });

  it('serves MicrosoftThreatProtection without alerts before 2023-02-01-preview, with alerts from it, and not at all at a stable version', async () => {
    const mtp = async (v: string) =>
      ((await h.request('GET', `${SI}/dataConnectors?api-version=${v}`)).body.value as any[]).find((c) => c.kind === 'MicrosoftThreatProtection');
    expect((await mtp('2022-12-01-preview')).properties.dataTypes).toEqual({ incidents: { state: 'Enabled' } });
    expect((await mtp('2023-02-01-preview')).properties.dataTypes).toEqual({ incidents: { state: 'Enabled' }, alerts: { state: 'Enabled' } });
    expect((await mtp('2025-10-01-preview')).properties.dataTypes.alerts).toEqual({ state: 'Enabled' });
    for (const stable of ['2024-03-01', '2025-09-01', '2025-12-01']) {
      const list = (await h.request('GET', `${SI}/dataConnectors?api-version=${stable}`)).body.value as any[];
      expect(list.map((c) => c.kind)).toEqual(['AzureActiveDirectory']);
    }
  });

  it('serves NRT rules at previews only, and Scheduled incidentConfiguration from 2021-10-01', async () => {
    const kinds = async (v: string) => ((await h.request('GET', `${SI}/alertRules?api-version=${v}`)).body.value as any[]).map((r) => r.kind);
    expect(await kinds('2025-09-01')).not.toContain('NRT');
    expect(await kinds('2025-10-01-preview')).toContain('NRT');
    expect(await kinds('2021-03-01-preview')).not.toContain('NRT');
    const scheduled = async (v: string) =>
      (await h.request('GET', `${SI}/alertRules/sched-reopen?api-version=${v}`)).body.properties as Record<string, unknown>;
    expect(await scheduled('2020-01-01')).not.toHaveProperty('incidentConfiguration');
    expect(await scheduled('2021-10-01')).toHaveProperty('incidentConfiguration');
  });

  it('serves role assignment conditions from 2020-03-01-preview only', async () => {
    const list = async (v: string) =>
      (await h.request('GET', `${ARM}/subscriptions/${SUB}/providers/Microsoft.Authorization/roleAssignments?api-version=${v}`)).body.value as any[];
    expect((await list('2022-04-01'))[0].properties).toHaveProperty('condition');
    expect((await list('2015-07-01'))[0].properties).not.toHaveProperty('condition');
  });

  it('through the real SDK: an api-version the service lacks is a 400 error with its code, never "Sentinel off"', async () => {
    const client = new SecurityInsights(createSandboxCredential(), SUB, {
      endpoint: h.sandbox.armBaseUrl(h.origin),
      apiVersion: '2021-04-01',
      allowInsecureConnection: true,
      retryOptions: { maxRetries: 0 },
    });
    useSandboxAuth(client.pipeline, createSandboxCredential(), 'https://management.azure.com/.default');
    const err = await client.sentinelOnboardingStates.get(PROD.resourceGroup, PROD.name, 'default').catch((e: unknown) => e);
    expect(err).toMatchObject({ statusCode: 400, code: 'InvalidApiVersionParameter' });
    const off = await client.dataConnectors
      .list(OPS.resourceGroup, OPS.name)
      .next()
      .catch((e: unknown) => e);
    expect(off).toMatchObject({ statusCode: 400, code: 'InvalidApiVersionParameter' });
    expect(isSentinelNotOnboarded(off)).toBe(false);
  });
});
