import { loadTenantFixture } from '../../src/sandbox';
import { SECONDARY_REMOVED_CONNECTORS } from '../../src/sandbox/portal-multi';
import { MTP_APP, PROD, ROLE, startSandbox, STAGING, SUB, type SandboxHarness } from './sandbox-harness';

const PROD_KEY = `${SUB}/rg-soc/law-soc-prod`;
const STAGING_KEY = `${SUB}/rg-soc/law-soc-staging`;

/** The sample tenant in the multi model; staging also has the standalone Microsoft connectors. */
function multiTenant() {
  const tenant = loadTenantFixture();
  tenant.workspaceModel = 'multi';
  const staging = tenant.subscriptions[0]!.workspaces.find((w) => w.name === 'law-soc-staging')!;
  staging.dataConnectors = [
    { kind: 'MicrosoftThreatProtection', incidents: 'Enabled', alerts: 'Enabled' },
    ...SECONDARY_REMOVED_CONNECTORS.map((kind) => ({ kind })),
    { kind: 'AzureSecurityCenter' },
  ];
  return tenant;
}

const kinds = async (h: SandboxHarness, ws: typeof PROD) => (await h.arm().listDataConnectors(ws)).map((c) => `${c.kind}:${c.incidentsState ?? ''}`);

describe('simulated Defender portal, multi-workspace model', () => {
  let h: SandboxHarness;
  beforeEach(async () => (h = await startSandbox({ tenant: multiTenant() })));
  afterEach(() => h.close());

  it('the first workspace is the primary; a second is a secondary: roles and rules, no XDR streaming, standalone connectors removed', async () => {
    const first = await h.request('POST', '/sandbox/portal/connect', { workspace: PROD_KEY, primary: true });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ connectedWorkspace: [PROD_KEY], primary: PROD_KEY, role: 'primary' });

    const second = await h.request('POST', '/sandbox/portal/connect', { workspace: STAGING_KEY, primary: false });
    expect(second.status).toBe(200);
    expect(second.body).toMatchObject({ connectedWorkspace: [PROD_KEY, STAGING_KEY], primary: PROD_KEY, role: 'secondary' });
    expect([...second.body.connectorsRemoved].sort()).toEqual([...SECONDARY_REMOVED_CONNECTORS].sort());
    expect((await kinds(h, STAGING)).sort()).toEqual(['AzureSecurityCenter:', 'MicrosoftThreatProtection:Disabled']);
    expect((await h.arm().listAlertRules(STAGING)).filter((r) => r.kind === 'MicrosoftSecurityIncidentCreation').every((r) => !r.enabled)).toBe(true);
    const mtp = (await h.graph().findServicePrincipal(MTP_APP))!.id;
    const assignments = await h.arm().listRoleAssignmentsFor(`/subscriptions/${SUB}`, mtp);
    expect(assignments.map((a) => a.roleDefinitionGuid)).toEqual([ROLE.sentinelContributor]);

    const state = (await h.request('GET', '/sandbox/state')).body;
    expect(state.connectedWorkspace).toEqual([PROD_KEY, STAGING_KEY]);
    expect(state.primary).toBe(PROD_KEY);
  });

  it('set-primary moves the Defender XDR connector; the old primary is a secondary', async () => {
    await h.request('POST', '/sandbox/portal/connect', { workspace: PROD_KEY, primary: true });
    await h.request('POST', '/sandbox/portal/connect', { workspace: STAGING_KEY, primary: false });
    const moved = await h.request('POST', '/sandbox/portal/set-primary', { workspace: STAGING_KEY });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ primary: STAGING_KEY, previousPrimary: PROD_KEY });
    expect(await kinds(h, STAGING)).toContain('MicrosoftThreatProtection:Enabled');
    expect((await kinds(h, PROD)).some((k) => k.startsWith('MicrosoftThreatProtection'))).toBe(false);
    expect((await h.request('GET', '/sandbox/state')).body.primary).toBe(STAGING_KEY);
  });

  it('disconnect: a secondary leaves no Azure signal; the primary is refused while secondaries remain', async () => {
    await h.request('POST', '/sandbox/portal/connect', { workspace: PROD_KEY, primary: true });
    await h.request('POST', '/sandbox/portal/connect', { workspace: STAGING_KEY, primary: false });
    const refused = await h.request('POST', '/sandbox/portal/disconnect', { workspace: PROD_KEY });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('PrimaryHasSecondaries');
    const before = await kinds(h, STAGING);
    expect((await h.request('POST', '/sandbox/portal/disconnect', { workspace: STAGING_KEY })).status).toBe(200);
    expect(await kinds(h, STAGING)).toEqual(before);
    expect((await h.request('POST', '/sandbox/portal/disconnect', { workspace: PROD_KEY })).status).toBe(200);
    const state = (await h.request('GET', '/sandbox/state')).body;
    expect(state).toMatchObject({ connectedWorkspace: [], primary: null });
    expect(await kinds(h, PROD)).toContain('MicrosoftThreatProtection:Disabled');
  });

  it('a fixture lists connections made before: the first is the primary', async () => {
    await h.close();
    h = await startSandbox({ tenant: { ...multiTenant(), connectedWorkspace: [PROD_KEY, STAGING_KEY] } });
    const state = (await h.request('GET', '/sandbox/state')).body;
    expect(state).toMatchObject({ connectedWorkspace: [PROD_KEY, STAGING_KEY], primary: PROD_KEY });
    expect(await kinds(h, STAGING)).toContain('MicrosoftThreatProtection:Disabled');
  });

  it('set-primary is refused in the single model', async () => {
    await h.close();
    h = await startSandbox();
    expect((await h.request('POST', '/sandbox/portal/set-primary', { workspace: PROD_KEY })).status).toBe(409);
  });
});
