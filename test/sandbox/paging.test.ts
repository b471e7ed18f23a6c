import { createSandboxCredential, GRAPH_SCOPE } from '../../src/azure';
import { graphList } from '../../src/azure/graph-http';
import type { TenantFixture } from '../../src/sandbox';
import { DANA, PROD, startSandbox, SUB, type SandboxHarness } from './sandbox-harness';
import { v2Tenant } from './v2-tenant';

const N = 250;
const id = (prefix: string, i: number): string => `${prefix}${String(i).padStart(12, '0')}`;

/** The sample tenant with 250 workspaces, role assignments, alert rules, subscriptions and service principals. */
function bigTenant(): TenantFixture {
  return v2Tenant((t) => {
    const sub = t.subscriptions[0]!;
    for (let i = 0; i < N; i++) {
      sub.workspaces.push({
        resourceGroup: 'rg-many',
        name: `law-${i}`,
        location: 'westeurope',
        sentinel: false,
        dataConnectors: [],
        alertRules: [],
        automationRules: [],
      });
      sub.roleAssignments.push({ principalId: DANA, role: 'Reader', scope: `workspace:rg-many/law-${i}` });
      sub.workspaces[0]!.alertRules.push({ name: `rule-${i}`, kind: 'MicrosoftSecurityIncidentCreation', displayName: `Rule ${i}`, enabled: i % 2 === 0 });
      t.subscriptions.push({ id: id('a1b2c3d4-0000-4000-8000-', i), displayName: `Sub ${i}`, roleAssignments: [], workspaces: [] });
    }
    t.servicePrincipals = Array.from({ length: N }, (_, i) => ({
      id: id('5e000000-0000-4000-8000-', i),
      appId: id('a9900000-0000-4000-8000-', i),
      displayName: `App ${i}`,
    }));
  });
}

describe('paging: lists of 250 items are read whole through the real clients', () => {
  let h: SandboxHarness;
  beforeAll(async () => (h = await startSandbox({ tenant: bigTenant() })));
  afterAll(() => h.close());
  beforeEach(() => h.request('DELETE', '/sandbox/calls'));

  const pages = async (match: RegExp): Promise<number> =>
    ((await h.request('GET', '/sandbox/calls')).body.calls as { path: string }[]).filter((c) => match.test(c.path)).length;

  it('ARM pages at 50 items with an absolute nextLink that keeps the api-version', async () => {
    const first = await h.request('GET', `/sandbox/arm/subscriptions/${SUB}/providers/Microsoft.OperationalInsights/workspaces?api-version=2025-07-01`);
    expect(first.body.value).toHaveLength(50);
    expect(first.body.nextLink).toMatch(
      new RegExp(`^${h.origin}/sandbox/arm/subscriptions/${SUB}/providers/Microsoft.OperationalInsights/workspaces\\?api-version=2025-07-01&%24skipToken=50$`),
    );
  });

  it('workspaces and subscriptions', async () => {
    const arm = h.arm();
    expect(await arm.listSubscriptions()).toHaveLength(N + 2);
    expect(await pages(/^\/subscriptions$/)).toBe(6);
    // The inventory is one Resource Graph query (250 rows fit in one page of 1,000).
    expect((await arm.listWorkspaces()).filter((w) => w.resourceGroup === 'rg-many')).toHaveLength(N);
    expect(await pages(/ResourceGraph/)).toBe(1);
    // Where Resource Graph is refused, the ARM lists stand in, read whole: the subscriptions again, then five pages of workspaces.
    await h.request('DELETE', '/sandbox/calls');
    await h.request('POST', '/sandbox/faults', { match: 'ResourceGraph', status: 403, count: 1 });
    expect((await arm.listWorkspaces()).filter((w) => w.resourceGroup === 'rg-many')).toHaveLength(N);
    expect(await pages(/^\/subscriptions$/)).toBe(6);
    expect(await pages(new RegExp(`^/subscriptions/${SUB}/providers/Microsoft.OperationalInsights/workspaces$`))).toBe(6);
  });

  it('role assignments', async () => {
    const list = await h.arm().listRoleAssignmentsFor(`/subscriptions/${SUB}`, DANA);
    expect(list.filter((a) => a.scope.includes('/rg-many/'))).toHaveLength(N);
    expect(await pages(/roleAssignments$/)).toBe(6);
  });

  it('alert rules', async () => {
    const rules = await h.arm().listAlertRules(PROD);
    expect(rules.filter((r) => r.name.startsWith('rule-'))).toHaveLength(N);
    expect(await pages(/alertRules$/)).toBeGreaterThanOrEqual(5);
  });

  it('service principals (Graph, 100 per page by default, @odata.nextLink followed)', async () => {
    const http = {
      baseUrl: h.sandbox.graphBaseUrl(h.origin),
      scope: GRAPH_SCOPE,
      credential: createSandboxCredential(),
      fetch: globalThis.fetch,
      maxRetries: 0,
    };
    const first = await h.request('GET', '/sandbox/graph/v1.0/servicePrincipals');
    expect(first.body.value).toHaveLength(100);
    expect(first.body['@odata.nextLink']).toContain('%24skiptoken=100');
    const all = await graphList(http, 'list service principals', '/v1.0/servicePrincipals', {}, AbortSignal.timeout(5000));
    expect(all).toHaveLength(N);
    expect(await pages(/servicePrincipals$/)).toBe(4);
    expect((await h.request('GET', '/sandbox/graph/v1.0/servicePrincipals?$top=1000')).status).toBe(400);
  });
});

describe('SANDBOX_PAGE_SIZE', () => {
  it('sets the ARM page size', async () => {
    const h = await startSandbox({ tenant: bigTenant(), pageSize: 7 });
    try {
      const res = await h.request('GET', `/sandbox/arm/subscriptions?api-version=2022-12-01`);
      expect(res.body.value).toHaveLength(7);
      expect(res.body.count).toEqual({ type: 'Total', value: N + 2 });
      expect(await h.arm().listSubscriptions()).toHaveLength(N + 2);
    } finally {
      await h.close();
    }
  });
});
