import { isSentinelNotOnboarded } from '../../src/azure/sentinel-not-onboarded';
import { customTenant, DANA, OPS, PROD, RAVI, ROLE, SOC_ANALYSTS, STAGING, startSandbox, SUB, type SandboxHarness } from '../sandbox/sandbox-harness';

describe('ARM adapter over the sandbox (real SDK clients, real HTTP)', () => {
  let h: SandboxHarness;
  beforeAll(async () => (h = await startSandbox({ tenant: customTenant() })));
  afterAll(() => h.close());

  it('lists subscriptions and every workspace', async () => {
    const arm = h.arm();
    expect(await arm.listSubscriptions()).toEqual([{ subscriptionId: SUB, displayName: 'SOC Production', tenantId: h.sandbox.state().tenantId }]);
    const workspaces = await arm.listWorkspaces();
    expect(workspaces.map((w) => w.name)).toEqual(['law-soc-prod', 'law-soc-staging', 'law-ops-metrics']);
    expect(workspaces[0]).toEqual({
      ...PROD,
      id: `/subscriptions/${SUB}/resourceGroups/rg-soc/providers/Microsoft.OperationalInsights/workspaces/law-soc-prod`,
      location: 'westeurope',
    });
  });

  it('gets one workspace, and null for an unknown one', async () => {
    const arm = h.arm();
    expect(await arm.getWorkspace(OPS)).toMatchObject({ ...OPS, location: 'northeurope' });
    expect(await arm.getWorkspace({ ...PROD, name: 'law-missing' })).toBeNull();
    expect(await arm.getWorkspace({ ...PROD, subscriptionId: '00000000-0000-4000-8000-000000000000' })).toBeNull();
  });

  it('tells whether Microsoft Sentinel is enabled (onboardingStates/default)', async () => {
    const arm = h.arm();
    expect(await arm.isSentinelEnabled(PROD)).toBe(true);
    expect(await arm.isSentinelEnabled(OPS)).toBe(false);
  });

  it('lists data connectors with their states as written, other kinds with their own shape', async () => {
    const arm = h.arm();
    const prod = await arm.listDataConnectors(PROD);
    expect(prod).toEqual([
      expect.objectContaining({ kind: 'MicrosoftThreatProtection', incidentsState: 'Enabled', alertsState: 'Enabled' }),
      expect.objectContaining({ kind: 'AzureActiveDirectory', alertsState: 'Enabled' }),
    ]);
    expect(prod[1]).not.toHaveProperty('incidentsState');
    expect(prod[0]!.name).toMatch(/^[0-9a-f-]{36}$/);
    expect(await arm.listDataConnectors(STAGING)).toEqual([expect.objectContaining({ incidentsState: 'enabled', alertsState: 'enabled' })]);
    // A workspace without Sentinel answers the documented 400 "not onboarded", never an empty list.
    const off = await arm.listDataConnectors(OPS).catch((e: unknown) => e);
    expect(off).toMatchObject({ kind: 'unexpected', status: 400, code: 'BadRequest' });
    expect(isSentinelNotOnboarded(off)).toBe(true);
  });

  it('lists alert rules with displayName, productFilter and enabled', async () => {
    const rules = await h.arm().listAlertRules(PROD);
    expect(rules).toEqual([
      {
        name: 'mde-incidents',
        kind: 'MicrosoftSecurityIncidentCreation',
        displayName: 'Create incidents from Defender for Endpoint alerts',
        productFilter: 'Microsoft Defender Advanced Threat Protection',
        enabled: true,
      },
      {
        name: 'mdo-incidents',
        kind: 'MicrosoftSecurityIncidentCreation',
        displayName: 'Create incidents from Defender for Office 365 alerts',
        productFilter: 'Office 365 Advanced Threat Protection',
        enabled: true,
      },
      { name: 'fusion', kind: 'Fusion', displayName: 'Advanced multistage attack detection', enabled: true },
    ]);
  });

  it('lists automation rules', async () => {
    expect(await h.arm().listAutomationRules(PROD)).toEqual([
      { name: 'ar-assign-tier1', displayName: 'Assign new incidents to tier 1' },
      { name: 'ar-close-benign', displayName: 'Close known benign positives' },
    ]);
    expect(await h.arm().listAutomationRules(STAGING)).toEqual([]);
  });

  it("lists a principal's role assignments with assignedTo(), groups included, above and below the scope", async () => {
    const arm = h.arm();
    const atSub = await arm.listRoleAssignmentsFor(`/subscriptions/${SUB}`, DANA);
    expect(atSub).toEqual(
      expect.arrayContaining([
        { scope: `/subscriptions/${SUB}`, roleDefinitionGuid: ROLE.sentinelReader, principalId: SOC_ANALYSTS },
        { scope: `/subscriptions/${SUB}`, roleDefinitionGuid: ROLE.uaa, principalId: DANA },
        { scope: `/subscriptions/${SUB}/resourceGroups/rg-soc`, roleDefinitionGuid: ROLE.sentinelContributor, principalId: DANA },
      ]),
    );
    expect(atSub).toHaveLength(3);
    const atWorkspace = await arm.listRoleAssignmentsFor(
      `/subscriptions/${SUB}/resourceGroups/rg-soc/providers/Microsoft.OperationalInsights/workspaces/law-soc-prod`,
      DANA,
    );
    expect(atWorkspace.map((a) => a.roleDefinitionGuid).sort()).toEqual([ROLE.sentinelContributor, ROLE.sentinelReader, ROLE.uaa].sort());
    const atOps = await arm.listRoleAssignmentsFor(`/subscriptions/${SUB}/resourceGroups/rg-ops`, DANA);
    expect(atOps.map((a) => a.roleDefinitionGuid).sort()).toEqual([ROLE.sentinelReader, ROLE.uaa].sort());
    expect(await arm.listRoleAssignmentsFor(`subscriptions/${SUB}`, RAVI)).toEqual([
      { scope: `/subscriptions/${SUB}`, roleDefinitionGuid: ROLE.owner, principalId: RAVI },
    ]);
  });

  it('lists assignments at or above a scope with atScope()', async () => {
    const arm = h.arm();
    const atSub = await arm.listRoleAssignmentsAtScope(`/subscriptions/${SUB}`);
    expect(atSub.every((a) => a.scope === `/subscriptions/${SUB}`)).toBe(true);
    expect(atSub).toHaveLength(3);
    const atRg = await arm.listRoleAssignmentsAtScope(`/subscriptions/${SUB}/resourceGroups/rg-soc`);
    expect(atRg).toHaveLength(4);
    expect(atRg.some((a) => a.scope.endsWith('law-soc-prod'))).toBe(false);
  });

  it('answers not-found for role assignments at an unknown scope', async () => {
    await expect(h.arm().listRoleAssignmentsFor('/subscriptions/00000000-0000-4000-8000-000000000000', DANA)).rejects.toMatchObject({
      kind: 'not-found',
      status: 404,
    });
  });
});
