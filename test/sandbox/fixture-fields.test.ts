import { AuthorizationManagementClient } from '@azure/arm-authorization';
import { createSandboxCredential, SANDBOX_TOKEN } from '../../src/azure';
import { useSandboxAuth } from '../../src/azure/sandbox-auth-policy';
import type { TenantFixture } from '../../src/sandbox';
import { DANA, MTP_APP, OPS, PROD, RAVI, ROLE, startSandbox, SUB, WDATP_APP, type SandboxHarness } from './sandbox-harness';
import { V2, v2Tenant } from './v2-tenant';

const ARM = '/sandbox/arm';
const WS = `${ARM}/subscriptions/${SUB}/resourceGroups/rg-soc/providers/Microsoft.OperationalInsights/workspaces/law-soc-prod`;
const SI = `${WS}/providers/Microsoft.SecurityInsights`;
const BOT = { Authorization: `Bearer ${SANDBOX_TOKEN}` };

/** The real Authorization SDK client against the sandbox (roleEligibilityScheduleInstances at its fixed 2020-10-01). */
function authorizationClient(h: SandboxHarness): AuthorizationManagementClient {
  const credential = createSandboxCredential();
  const client = new AuthorizationManagementClient(credential, SUB, { endpoint: h.sandbox.armBaseUrl(h.origin), allowInsecureConnection: true });
  useSandboxAuth(client.pipeline, credential, 'https://management.azure.com/.default');
  return client;
}

async function all<T>(pages: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of pages) out.push(item);
  return out;
}

describe('v2 fixture fields, served as the real services serve them', () => {
  let h: SandboxHarness;
  beforeAll(async () => (h = await startSandbox({ tenant: v2Tenant() })));
  afterAll(() => h.close());

  it('nested groups: assignedTo() and transitive Entra role reads expand every level', async () => {
    const assignments = await h.arm().listRoleAssignmentsFor(`/subscriptions/${SUB}`, V2.nested);
    expect(assignments).toContainEqual({ scope: `/subscriptions/${SUB}`, roleDefinitionGuid: ROLE.owner, principalId: V2.topGroup, principalType: 'Group' });
    expect(await h.graph().listEntraRoleTemplateIds(V2.nested)).toEqual([ROLE.securityAdmin]);
  });

  it('PIM eligibility: served by the Graph and ARM eligibility endpoints only, never as active roles', async () => {
    expect(await h.graph().listEntraRoleTemplateIds(V2.pimAdmin)).toEqual([]);
    expect(await h.arm().listRoleAssignmentsFor(`/subscriptions/${SUB}`, V2.pimAdmin)).toEqual([]);
    const filter = encodeURIComponent(`principalId eq '${V2.pimAdmin}'`);
    const graph = await h.request('GET', `/sandbox/graph/v1.0/roleManagement/directory/roleEligibilityScheduleInstances?$filter=${filter}`);
    expect(graph.status).toBe(200);
    expect(graph.body.value).toEqual([
      expect.objectContaining({ principalId: V2.pimAdmin, roleDefinitionId: ROLE.globalAdmin, directoryScopeId: '/', memberType: 'Direct', endDateTime: null }),
    ]);
    const instances = await all(
      authorizationClient(h).roleEligibilityScheduleInstances.listForScope(`subscriptions/${SUB}`, { filter: `assignedTo('${V2.pimAdmin}')` }),
    );
    expect(instances).toEqual([
      expect.objectContaining({
        scope: `/subscriptions/${SUB}`,
        principalId: V2.pimAdmin,
        principalType: 'User',
        roleDefinitionId: `/subscriptions/${SUB}/providers/Microsoft.Authorization/roleDefinitions/${ROLE.owner}`,
        memberType: 'Direct',
        status: 'Provisioned',
      }),
    ]);
    expect(instances[0]!.expandedProperties?.roleDefinition?.displayName).toBe('Owner');
    expect(await all(authorizationClient(h).roleEligibilityScheduleInstances.listForScope(`subscriptions/${SUB}`, { filter: 'asTarget()' }))).toEqual([]);
  });

  it('conditions: served in the assignment properties (conditionVersion 2.0), through the real SDK', async () => {
    const list = await all(authorizationClient(h).roleAssignments.listForScope(`subscriptions/${SUB}`, { filter: `assignedTo('${DANA}')` }));
    const owner = list.find((a) => a.roleDefinitionId?.endsWith(ROLE.owner));
    expect(owner).toMatchObject({ principalId: DANA, condition: V2.condition, conditionVersion: '2.0' });
    expect(list.find((a) => a.roleDefinitionId?.endsWith(ROLE.sentinelReader))).toMatchObject({ condition: null, conditionVersion: null });
  });

  it('Lighthouse: GET /subscriptions has the subscription tenantId and managedByTenants', async () => {
    const res = await h.request('GET', `${ARM}/subscriptions?api-version=2022-12-01`);
    const delegated = (res.body.value as any[]).find((s) => s.subscriptionId === V2.lighthouseSub);
    expect(delegated).toMatchObject({ tenantId: V2.customerTenant, managedByTenants: [{ tenantId: h.sandbox.state().tenantId }] });
    expect((res.body.value as any[]).find((s) => s.subscriptionId === SUB)).toMatchObject({ tenantId: h.sandbox.state().tenantId, managedByTenants: [] });
  });

  it('CMK: onboardingStates/default has customerManagedKey', async () => {
    expect((await h.request('GET', `${SI}/onboardingStates/default?api-version=2024-03-01`)).body.properties).toEqual({ customerManagedKey: true });
    const staging = SI.replace('law-soc-prod', 'law-soc-staging');
    expect((await h.request('GET', `${staging}/onboardingStates/default?api-version=2024-03-01`)).body.properties).toEqual({ customerManagedKey: false });
  });

  it('Scheduled and NRT rules carry incidentConfiguration / groupingConfiguration; Fusion is BuiltInFusion', async () => {
    const rules = (await h.request('GET', `${SI}/alertRules?api-version=2025-10-01-preview`)).body.value as any[];
    const byName = (n: string) => rules.find((r) => r.name === n);
    expect(byName('sched-alerts-only').properties.incidentConfiguration).toMatchObject({
      createIncident: false,
      groupingConfiguration: { enabled: false, reopenClosedIncident: false },
    });
    expect(byName('sched-reopen').properties.incidentConfiguration).toEqual({
      createIncident: true,
      groupingConfiguration: {
        enabled: true,
        reopenClosedIncident: true,
        lookbackDuration: 'PT5H',
        matchingMethod: 'AllEntities',
        groupByEntities: [],
        groupByAlertDetails: [],
        groupByCustomDetails: [],
      },
    });
    expect(byName('nrt-logons')).toMatchObject({
      kind: 'NRT',
      properties: { incidentConfiguration: { createIncident: true, groupingConfiguration: { enabled: true } } },
    });
    expect(byName('BuiltInFusion')).toMatchObject({
      kind: 'Fusion',
      properties: { enabled: true, alertRuleTemplateName: 'f71aba3d-28fb-450b-b192-4e76a83015c8' },
    });
    expect(byName('BuiltInFusion').properties).not.toHaveProperty('incidentConfiguration');
  });

  it('automation rules: triggeringLogic with Property conditions and RunPlaybook actions', async () => {
    const rules = (await h.request('GET', `${SI}/automationRules?api-version=2025-09-01`)).body.value as any[];
    expect(rules[0].properties).toMatchObject({
      displayName: 'Tag Defender incidents',
      order: 1,
      triggeringLogic: {
        isEnabled: true,
        triggersOn: 'Incidents',
        triggersWhen: 'Updated',
        conditions: [
          {
            conditionType: 'Property',
            conditionProperties: { propertyName: 'IncidentProviderName', operator: 'Equals', propertyValues: ['Microsoft 365 Defender'] },
          },
        ],
      },
      actions: [{ order: 1, actionType: 'RunPlaybook', actionConfiguration: { logicAppResourceId: V2.playbook, tenantId: h.sandbox.state().tenantId } }],
    });
    expect(rules[1].properties.triggeringLogic).toMatchObject({ triggersOn: 'Alerts', triggersWhen: 'Created', conditions: [] });
    expect(await h.arm().listAutomationRules(PROD)).toEqual([
      expect.objectContaining({ name: 'ar-provider', displayName: 'Tag Defender incidents', triggersOn: 'Incidents', playbooks: [V2.playbook] }),
      expect.objectContaining({ name: 'ar-alerts', displayName: 'Alert playbook', triggersOn: 'Alerts', playbooks: [V2.playbook] }),
    ]);
  });

  it('a workspace without Sentinel: lists answer the 400 "not onboarded" with its nested JSON message, onboardingStates/default 404', async () => {
    const off = SI.replace('rg-soc', 'rg-ops').replace('law-soc-prod', 'law-ops-metrics');
    for (const [collection, v] of [
      ['dataConnectors', '2025-10-01-preview'],
      ['alertRules', '2025-09-01'],
      ['automationRules', '2025-09-01'],
    ]) {
      const res = await h.request('GET', `${off}/${collection}?api-version=${v}`);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('BadRequest');
      expect(JSON.parse(res.body.error.message)).toEqual({
        error: { code: 'BadRequest', message: expect.stringMatching(/^Workspace 'law-ops-metrics' is not onboarded to Microsoft Sentinel\./) },
      });
    }
    expect((await h.request('GET', `${off}/onboardingStates/default?api-version=2024-03-01`)).status).toBe(404);
    expect(await h.arm().isSentinelEnabled(OPS)).toBe(false);
  });

  it('portal connect turns BuiltInFusion off', async () => {
    const res = await h.request('POST', '/sandbox/portal/connect', { workspace: `${SUB}/rg-soc/law-soc-prod` });
    expect(res.body.fusionRulesDisabled).toEqual(['BuiltInFusion']);
    const fusion = (await h.arm().listAlertRules(PROD)).find((r) => r.name === 'BuiltInFusion');
    expect(fusion).toMatchObject({ kind: 'Fusion', enabled: false });
    expect((await h.arm().listAlertRules(PROD)).find((r) => r.name === 'sched-reopen')!.enabled).toBe(true);
  });
});

describe('servicePrincipals and botAccess', () => {
  async function withTenant(edit: (t: TenantFixture) => void, run: (h: SandboxHarness) => Promise<void>): Promise<void> {
    const h = await startSandbox({ tenant: v2Tenant(edit) });
    try {
      await run(h);
    } finally {
      await h.close();
    }
  }

  it('a fixture that lists service principals has only those (no WindowsDefenderATP), and the portal assigns only what exists', () =>
    withTenant(
      (t) => (t.servicePrincipals = [{ id: 'c0000000-0000-4000-8000-0000000000a1', appId: MTP_APP, displayName: 'Microsoft Threat Protection' }]),
      async (h) => {
        expect(await h.graph().findServicePrincipal(WDATP_APP)).toBeNull();
        expect(await h.graph().findServicePrincipal(MTP_APP)).toMatchObject({ id: 'c0000000-0000-4000-8000-0000000000a1' });
        const res = await h.request('POST', '/sandbox/portal/connect', { workspace: `${SUB}/rg-soc/law-soc-prod` });
        expect(res.body.roleAssignmentsCreated).toHaveLength(1);
        expect(h.sandbox.state().servicePrincipals).toHaveLength(1);
      },
    ));

  it.each([
    ['Application.Read.All', (h: SandboxHarness) => h.graph().findServicePrincipal(MTP_APP)],
    ['RoleManagement.Read.Directory', (h: SandboxHarness) => h.graph().listEntraRoleTemplateIds(RAVI)],
    ['LicenseAssignment.Read.All', (h: SandboxHarness) => h.graph().hasDefenderXdr()],
    ['User.Read.All', (h: SandboxHarness) => h.graph().getUser(RAVI)],
  ])('without %s the Graph read answers 403 Authorization_RequestDenied', (missing, read) => {
    const granted = ['RoleManagement.Read.Directory', 'LicenseAssignment.Read.All', 'Application.Read.All', 'User.Read.All'].filter((p) => p !== missing);
    return withTenant(
      (t) => (t.botAccess = { graph: granted }),
      async (h) => {
        await expect(read(h)).rejects.toMatchObject({ kind: 'forbidden', status: 403, code: 'Authorization_RequestDenied' });
        const raw = await h.request('GET', '/sandbox/graph/v1.0/subscribedSkus');
        if (missing === 'LicenseAssignment.Read.All')
          expect(raw.body.error).toMatchObject({ code: 'Authorization_RequestDenied', message: 'Insufficient privileges to complete the operation.' });
        else expect(raw.status).toBe(200);
      },
    );
  });

  it('Organization.Read.All also allows subscribedSkus; RoleEligibilitySchedule.Read.Directory the eligibility read', () =>
    withTenant(
      (t) => (t.botAccess = { graph: ['Organization.Read.All', 'RoleEligibilitySchedule.Read.Directory'] }),
      async (h) => {
        expect(await h.graph().hasDefenderXdr()).toBe(true);
        expect((await h.request('GET', '/sandbox/graph/v1.0/roleManagement/directory/roleEligibilityScheduleInstances')).status).toBe(200);
        expect((await h.request('GET', '/sandbox/graph/v1.0/servicePrincipals')).status).toBe(403);
      },
    ));

  it('ARM reads outside armReader answer 403 AuthorizationFailed, and GET /subscriptions lists only the readable ones', () =>
    withTenant(
      (t) => (t.botAccess = { armReader: [V2.lighthouseSub] }),
      async (h) => {
        expect(await h.arm().listSubscriptions()).toEqual([
          {
            subscriptionId: V2.lighthouseSub,
            displayName: 'Customer (delegated)',
            tenantId: V2.customerTenant,
            managedByTenants: [h.sandbox.state().tenantId],
          },
        ]);
        const err = await h
          .arm()
          .getWorkspace(PROD)
          .catch((e: unknown) => e);
        expect(err).toMatchObject({ kind: 'forbidden', status: 403, code: 'AuthorizationFailed' });
        const raw = await h.request('GET', `${SI}/alertRules?api-version=2025-09-01`, undefined, BOT);
        expect(raw.body.error.message).toMatch(
          new RegExp(
            "^The client '[0-9a-f-]{36}' with object id '[0-9a-f-]{36}' does not have authorization to perform action " +
              "'Microsoft\\.SecurityInsights/alertRules/read' over scope '/subscriptions/",
          ),
        );
        await expect(h.arm().listRoleAssignmentsAtScope(`/subscriptions/${SUB}`)).rejects.toMatchObject({ code: 'AuthorizationFailed' });
        expect(await h.arm().listWorkspaces()).toEqual([expect.objectContaining({ name: 'law-customer' })]);
      },
    ));
});
