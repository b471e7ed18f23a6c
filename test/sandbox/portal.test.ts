import { loadTenantFixture } from '../../src/sandbox';
import { MTP_APP, PROD, ROLE, startSandbox, STAGING, SUB, WDATP_APP, type SandboxHarness } from './sandbox-harness';

const PROD_KEY = `${SUB}/rg-soc/law-soc-prod`;
const STAGING_KEY = `${SUB}/rg-soc/law-soc-staging`;

describe('simulated Defender portal', () => {
  let h: SandboxHarness;
  beforeEach(async () => (h = await startSandbox()));
  afterEach(() => h.close());

  async function spIds(): Promise<string[]> {
    const graph = h.graph();
    return [(await graph.findServicePrincipal(MTP_APP))!.id, (await graph.findServicePrincipal(WDATP_APP))!.id];
  }

  it('connect assigns Sentinel Contributor to both apps, disables the Microsoft incident creation rules and turns Fusion off', async () => {
    const res = await h.request('POST', '/sandbox/portal/connect', { workspace: PROD_KEY });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ connectedWorkspace: PROD_KEY, alertRulesDisabled: ['mde-incidents', 'mdo-incidents'], fusionRulesDisabled: ['fusion'] });
    const arm = h.arm();
    for (const sp of await spIds()) {
      expect(await arm.listRoleAssignmentsFor(`/subscriptions/${SUB}`, sp)).toEqual([
        { scope: `/subscriptions/${SUB}`, roleDefinitionGuid: ROLE.sentinelContributor, principalId: sp, principalType: 'ServicePrincipal' },
      ]);
    }
    const rules = await arm.listAlertRules(PROD);
    expect(rules.filter((r) => r.kind === 'MicrosoftSecurityIncidentCreation').every((r) => !r.enabled)).toBe(true);
    expect(rules.find((r) => r.kind === 'Fusion')!.enabled).toBe(false);
    expect((await arm.listAlertRules(STAGING))[0]!.enabled).toBe(true);
    expect(h.sandbox.state().connectedWorkspace).toBe(PROD_KEY);
    expect((await h.request('GET', '/sandbox/state')).body.connectedWorkspace).toBe(PROD_KEY);
  });

  it('refuses a second workspace with 409, and takes the same one again', async () => {
    await h.request('POST', '/sandbox/portal/connect', { workspace: PROD_KEY });
    const other = await h.request('POST', '/sandbox/portal/connect', { workspace: STAGING_KEY });
    expect(other.status).toBe(409);
    expect(other.body.error.message).toContain(PROD_KEY);
    const again = await h.request('POST', '/sandbox/portal/connect', { workspace: PROD_KEY });
    expect(again.status).toBe(200);
    expect(h.sandbox.state().subscriptions[0]!.roleAssignments).toHaveLength(4);
  });

  it('answers 404 for an unknown workspace and 409 for one without Sentinel', async () => {
    expect((await h.request('POST', '/sandbox/portal/connect', { workspace: `${SUB}/rg-soc/nope` })).status).toBe(404);
    expect((await h.request('POST', '/sandbox/portal/connect', { workspace: `${SUB}/rg-ops/law-ops-metrics` })).status).toBe(409);
  });

  it('disconnect stops the XDR connector and clears the record, keeping the role assignments', async () => {
    await h.request('POST', '/sandbox/portal/connect', { workspace: PROD_KEY });
    const res = await h.request('POST', '/sandbox/portal/disconnect', { workspace: PROD_KEY, reason: 'Moving to a new workspace' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ connectedWorkspace: null, disconnected: PROD_KEY, reason: 'Moving to a new workspace' });
    const mtp = (await h.arm().listDataConnectors(PROD)).find((c) => c.kind === 'MicrosoftThreatProtection');
    expect(mtp).toMatchObject({ incidentsState: 'Disabled', alertsState: 'Disabled' });
    expect(h.sandbox.state().connectedWorkspace).toBeNull();
    const [sp] = await spIds();
    expect(await h.arm().listRoleAssignmentsFor(`/subscriptions/${SUB}`, sp!)).toHaveLength(1);
    expect((await h.request('POST', '/sandbox/portal/disconnect', { workspace: PROD_KEY, reason: 'again' })).status).toBe(409);
  });

  it('applies connectedWorkspace from the fixture at load', async () => {
    const tenant = loadTenantFixture();
    tenant.connectedWorkspace = STAGING_KEY;
    const loaded = await startSandbox({ tenant });
    try {
      expect((await loaded.arm().listAlertRules(STAGING))[0]!.enabled).toBe(false);
      const state = loaded.sandbox.state();
      expect(state.connectedWorkspace).toBe(STAGING_KEY);
      expect(state.subscriptions[0]!.roleAssignments.filter((r) => r.role === 'Microsoft Sentinel Contributor')).toHaveLength(2);
    } finally {
      await loaded.close();
    }
  });

  it('/sandbox/state has the fixture shape and loads back as a fixture', async () => {
    const { status, body } = await h.request('GET', '/sandbox/state');
    expect(status).toBe(200);
    expect(Object.keys(body).sort()).toEqual(['connectedWorkspace', 'defenderXdr', 'groups', 'servicePrincipals', 'subscriptions', 'tenantId', 'users']);
    expect(body.subscriptions[0].workspaces[0]).toMatchObject({
      resourceGroup: 'rg-soc',
      name: 'law-soc-prod',
      sentinel: true,
      dataConnectors: expect.any(Array),
    });
    expect(body.servicePrincipals.map((s: { appId: string }) => s.appId)).toEqual([MTP_APP, WDATP_APP]);
    const again = await startSandbox({ tenant: body });
    try {
      expect(again.sandbox.state()).toEqual(body);
    } finally {
      await again.close();
    }
  });
});
