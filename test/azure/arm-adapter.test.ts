import { toAutomationRuleInfo } from '../../src/azure/arm-mappers';
import { isSentinelNotOnboarded } from '../../src/azure/sentinel-not-onboarded';
import { V2, v2Tenant } from '../sandbox/v2-tenant';
import { customTenant, DANA, OPS, PROD, RAVI, ROLE, SOC_ANALYSTS, STAGING, startSandbox, SUB, type SandboxHarness } from '../sandbox/sandbox-harness';

describe('ARM adapter over the sandbox (real SDK clients, real HTTP)', () => {
  let h: SandboxHarness;
  beforeAll(async () => (h = await startSandbox({ tenant: customTenant() })));
  afterAll(() => h.close());

  it('lists subscriptions and every workspace', async () => {
    const arm = h.arm();
    expect(await arm.listSubscriptions()).toEqual([{ subscriptionId: SUB, displayName: 'SOC Production', tenantId: h.sandbox.state().tenantId }]);
    const workspaces = await arm.listWorkspaces();
    // Resource Graph orders them by id (its paging needs an order).
    expect(workspaces.map((w) => w.name)).toEqual(['law-ops-metrics', 'law-soc-prod', 'law-soc-staging']);
    expect(workspaces.find((w) => w.name === 'law-soc-prod')).toEqual({
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
    const common = { enabled: true, triggersOn: 'Incidents', triggersWhen: 'Created', conditions: [], playbooks: [] };
    expect(await h.arm().listAutomationRules(PROD)).toEqual([
      { name: 'ar-assign-tier1', displayName: 'Assign new incidents to tier 1', ...common },
      { name: 'ar-close-benign', displayName: 'Close known benign positives', ...common },
    ]);
    expect(await h.arm().listAutomationRules(STAGING)).toEqual([]);
  });

  it("lists a principal's role assignments with assignedTo(), groups included, above and below the scope", async () => {
    const arm = h.arm();
    const atSub = await arm.listRoleAssignmentsFor(`/subscriptions/${SUB}`, DANA);
    expect(atSub).toEqual(
      expect.arrayContaining([
        { scope: `/subscriptions/${SUB}`, roleDefinitionGuid: ROLE.sentinelReader, principalId: SOC_ANALYSTS, principalType: 'Group' },
        { scope: `/subscriptions/${SUB}`, roleDefinitionGuid: ROLE.uaa, principalId: DANA, principalType: 'User' },
        { scope: `/subscriptions/${SUB}/resourceGroups/rg-soc`, roleDefinitionGuid: ROLE.sentinelContributor, principalId: DANA, principalType: 'User' },
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
      { scope: `/subscriptions/${SUB}`, roleDefinitionGuid: ROLE.owner, principalId: RAVI, principalType: 'User' },
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

describe('ARM adapter: what the impact analysis reads (v2 fixture fields, real SDK clients)', () => {
  let h: SandboxHarness;
  beforeAll(async () => (h = await startSandbox({ tenant: v2Tenant() })));
  afterAll(() => h.close());

  it('reads Scheduled and NRT incident settings, and Fusion rules, at the preview api-version that defines NRT', async () => {
    const rules = await h.arm().listAlertRules(PROD);
    expect(rules).toEqual(
      expect.arrayContaining([
        { name: 'BuiltInFusion', kind: 'Fusion', displayName: 'Advanced Multistage Attack Detection', enabled: true },
        {
          name: 'sched-alerts-only',
          kind: 'Scheduled',
          displayName: 'Alerts only',
          enabled: true,
          createIncident: false,
          groupingEnabled: false,
          reopenClosedIncident: false,
        },
        {
          name: 'sched-reopen',
          kind: 'Scheduled',
          displayName: 'Reopens',
          enabled: true,
          createIncident: true,
          groupingEnabled: true,
          reopenClosedIncident: true,
        },
        { name: 'nrt-logons', kind: 'NRT', displayName: 'NRT logons', enabled: true, createIncident: true, groupingEnabled: true, reopenClosedIncident: false },
      ]),
    );
  });

  it('reads automation triggers, flattened conditions and the Logic Apps of RunPlaybook actions', async () => {
    expect(await h.arm().listAutomationRules(PROD)).toEqual([
      {
        name: 'ar-provider',
        displayName: 'Tag Defender incidents',
        enabled: true,
        triggersOn: 'Incidents',
        triggersWhen: 'Updated',
        conditions: [{ property: 'IncidentProviderName', operator: 'Equals', values: ['Microsoft 365 Defender'] }],
        playbooks: [V2.playbook],
      },
      {
        name: 'ar-alerts',
        displayName: 'Alert playbook',
        enabled: true,
        triggersOn: 'Alerts',
        triggersWhen: 'Created',
        conditions: [],
        playbooks: [V2.playbook],
      },
    ]);
  });

  it('reads the customer-managed key from the onboarding state, and null without Sentinel', async () => {
    expect(await h.arm().getSentinelOnboarding(PROD)).toEqual({ customerManagedKey: true });
    expect(await h.arm().getSentinelOnboarding(STAGING)).toEqual({ customerManagedKey: false });
    expect(await h.arm().getSentinelOnboarding(OPS)).toBeNull();
  });
});

describe('toAutomationRuleInfo: conditions nested in Boolean and array conditions are flattened', () => {
  it('reads innerConditions and itemConditions, and PropertyChanged conditions', () => {
    const rule = {
      name: 'ar-nested',
      displayName: 'Nested',
      order: 1,
      triggeringLogic: {
        isEnabled: false,
        triggersOn: 'Incidents',
        triggersWhen: 'Updated',
        conditions: [
          {
            conditionType: 'Boolean',
            conditionProperties: {
              operator: 'Or',
              innerConditions: [
                { conditionType: 'Property', conditionProperties: { propertyName: 'IncidentTitle', operator: 'Contains', propertyValues: ['ransom'] } },
                {
                  conditionType: 'PropertyArray',
                  conditionProperties: {
                    arrayType: 'IncidentLabels',
                    itemConditions: [
                      { conditionType: 'Property', conditionProperties: { propertyName: 'IncidentLabel', operator: 'Equals', propertyValues: ['x'] } },
                    ],
                  },
                },
              ],
            },
          },
          {
            conditionType: 'PropertyChanged',
            conditionProperties: { propertyName: 'IncidentStatus', changeType: 'ChangedTo', operator: 'Equals', propertyValues: ['Closed'] },
          },
        ],
      },
      actions: [{ order: 1, actionType: 'ModifyProperties', actionConfiguration: { status: 'Active' } }],
    };
    expect(toAutomationRuleInfo(rule as unknown as Parameters<typeof toAutomationRuleInfo>[0])).toEqual({
      name: 'ar-nested',
      displayName: 'Nested',
      enabled: false,
      triggersOn: 'Incidents',
      triggersWhen: 'Updated',
      conditions: [
        { property: 'IncidentTitle', operator: 'Contains', values: ['ransom'] },
        { property: 'IncidentLabel', operator: 'Equals', values: ['x'] },
        { property: 'IncidentStatus', operator: 'Equals', values: ['Closed'] },
      ],
      playbooks: [],
    });
  });
});
