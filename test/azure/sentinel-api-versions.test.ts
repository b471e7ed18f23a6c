import { SENTINEL_API_VERSIONS } from '../../src/azure';
import { customTenant, PROD, startSandbox, STAGING, type SandboxHarness } from '../sandbox/sandbox-harness';

describe('SecurityInsights reads at the api-version whose schema defines what the bot reads', () => {
  let h: SandboxHarness;
  beforeAll(async () => {
    const tenant = customTenant();
    // A kind the SDK's models do not know: its properties stay nested, and the adapter still reads them.
    tenant.subscriptions[0]!.workspaces[0]!.dataConnectors.push({ kind: 'RestApiPoller', alerts: 'Disabled' });
    tenant.subscriptions[0]!.workspaces[1]!.dataConnectors = [{ kind: 'MicrosoftThreatProtection', incidents: 'Enabled', alerts: 'Disabled' }];
    h = await startSandbox({ tenant });
  });
  afterAll(() => h.close());
  beforeEach(() => h.request('DELETE', '/sandbox/calls'));

  it("reads the Defender XDR connector's alerts state at 2025-10-01-preview (no stable version defines the connector)", async () => {
    const connectors = await h.arm().listDataConnectors(STAGING);
    expect(connectors).toEqual([expect.objectContaining({ kind: 'MicrosoftThreatProtection', incidentsState: 'Enabled', alertsState: 'Disabled' })]);
    const calls = (await h.request('GET', '/sandbox/calls')).body.calls as { path: string; apiVersion: string }[];
    expect(calls).toEqual([expect.objectContaining({ path: expect.stringMatching(/dataConnectors$/), apiVersion: '2025-10-01-preview' })]);
  });

  it('reads connectors of kinds the SDK does not know from their nested properties', async () => {
    expect(await h.arm().listDataConnectors(PROD)).toContainEqual(expect.objectContaining({ kind: 'RestApiPoller', alertsState: 'Disabled' }));
  });

  it('sends each version in the table, and each is one the service publishes for that type', async () => {
    const arm = h.arm();
    await Promise.all([arm.isSentinelEnabled(PROD), arm.listDataConnectors(PROD), arm.listAlertRules(PROD), arm.listAutomationRules(PROD)]);
    const calls = (await h.request('GET', '/sandbox/calls')).body.calls as { path: string; apiVersion: string; status: number }[];
    const versionOf = (type: string) => calls.find((c) => c.path.includes(`/Microsoft.SecurityInsights/${type}`))?.apiVersion;
    expect(versionOf('onboardingStates')).toBe(SENTINEL_API_VERSIONS.onboardingStates);
    expect(versionOf('dataConnectors')).toBe(SENTINEL_API_VERSIONS.dataConnectors);
    expect(versionOf('alertRules')).toBe(SENTINEL_API_VERSIONS.alertRules);
    expect(versionOf('automationRules')).toBe(SENTINEL_API_VERSIONS.automationRules);
    expect(calls.every((c) => c.status === 200)).toBe(true);
    expect(SENTINEL_API_VERSIONS.onboardingStates).not.toMatch(/preview/);
  });
});
