import { AzureCallError, SANDBOX_TOKEN } from '../../src/azure';
import { WORKSPACES_QUERY } from '../../src/azure/resource-graph-queries';
import { parseQuotaReset, retryAfterMsOf } from '../../src/azure/read-error-answer';
import { parseTenantFixture } from '../../src/sandbox';
import { generateTenant } from '../../src/sandbox/generate-tenant';
import { ROLE, startSandbox, type SandboxHarness } from '../sandbox/sandbox-harness';

type Call = { service: string; method: string; path: string; status: number };

const tenant = () => parseTenantFixture(generateTenant({ subscriptions: 12, workspaces: 60, connected: 9 }), 'generated');

describe('inventory through Resource Graph (the real @azure/arm-resourcegraph client over HTTP)', () => {
  let now = 0;
  let h: SandboxHarness;
  beforeEach(async () => {
    now = 0;
    h = await startSandbox({ tenant: tenant(), now: () => Date.now() + now });
  });
  afterEach(() => h.close());
  const calls = async (): Promise<Call[]> => (await h.request('GET', '/sandbox/calls')).body.calls;
  const clear = () => h.request('DELETE', '/sandbox/calls');
  const names = (ws: { name: string }[]) => ws.map((w) => w.name).sort();
  const fixtureNames = () => names(h.sandbox.state().subscriptions.flatMap((s) => s.workspaces));

  it('lists every workspace of every subscription in one query, and pages with $skipToken', async () => {
    await clear();
    expect(names(await h.arm().listWorkspaces())).toEqual(fixtureNames());
    expect((await calls()).map((c) => `${c.service} ${c.method}`)).toEqual(['resourceGraph POST']);
    await clear();
    const paged = await h.arm({ resourceGraphPageSize: 25 }).listWorkspaces();
    expect(names(paged)).toEqual(fixtureNames());
    expect(await calls()).toHaveLength(3);
  });

  it("lists the Defender apps' role at subscription scope in one query", async () => {
    const sps = (h.sandbox.state().servicePrincipals ?? []).map((s) => s.id);
    await clear();
    const held = await h.arm().listSubscriptionRoleAssignments(sps, ROLE.sentinelContributor);
    const sub9 = h.sandbox.state().subscriptions[8]!.id;
    expect(held).toEqual(
      expect.arrayContaining(sps.map((id) => ({ principalId: id, roleDefinitionGuid: ROLE.sentinelContributor, scope: `/subscriptions/${sub9}` }))),
    );
    expect(held).toHaveLength(2);
    expect(await calls()).toHaveLength(1);
    await expect(h.arm().listSubscriptionRoleAssignments(['not-a-guid'], ROLE.owner)).rejects.toBeInstanceOf(AzureCallError);
  });

  it('falls back to per-subscription ARM reads where Resource Graph is refused (403) or does not answer', async () => {
    const fellBack: string[] = [];
    const arm = h.arm({ onResourceGraphFallback: (operation, err) => fellBack.push(`${operation}: ${err.kind}`), resourceGraphTimeoutMs: 1500 });
    await h.request('POST', '/sandbox/faults', { match: 'ResourceGraph', status: 403, count: 2 });
    await clear();
    expect(names(await arm.listWorkspaces())).toEqual(fixtureNames());
    const sps = (h.sandbox.state().servicePrincipals ?? []).map((s) => s.id);
    expect(await arm.listSubscriptionRoleAssignments(sps, ROLE.sentinelContributor)).toHaveLength(2);
    const made = await calls();
    expect(made.filter((c) => c.service === 'resourceGraph').map((c) => c.status)).toEqual([403, 403]);
    // GET /subscriptions once per fallback, then one list per subscription.
    expect(made.filter((c) => c.service === 'arm' && /workspaces$/.test(c.path))).toHaveLength(12);
    expect(made.filter((c) => c.service === 'arm' && /roleAssignments$/.test(c.path))).toHaveLength(12);
    expect(fellBack).toEqual(['list workspaces: forbidden', expect.stringMatching(/^list the .* role assignments of .*: forbidden$/)]);

    fellBack.length = 0;
    await h.request('POST', '/sandbox/faults', { match: 'ResourceGraph', status: 200, delayMs: 3000, count: 1 });
    expect(names(await arm.listWorkspaces())).toEqual(fixtureNames());
    expect(fellBack).toEqual(['list workspaces: timeout']);
  });

  it("rides out Resource Graph's quota: a 429 is retried after x-ms-user-quota-resets-after, within the deadline", async () => {
    for (let i = 0; i < 15; i++) {
      const used = await h.request(
        'POST',
        '/sandbox/arm/providers/Microsoft.ResourceGraph/resources?api-version=2021-03-01',
        { query: WORKSPACES_QUERY },
        { Authorization: `Bearer ${SANDBOX_TOKEN}` },
      );
      expect(used.status).toBe(200);
    }
    // The sandbox's window is 4 s old: it resets in a second.
    now = 4_000;
    await clear();
    const started = Date.now();
    expect(names(await h.arm().listWorkspaces())).toEqual(fixtureNames());
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect((await calls()).map((c) => c.status)).toEqual([429, 200]);
  });

  it('reads the quota reset as a wait', () => {
    expect(parseQuotaReset('00:00:03')).toBe(3000);
    expect(parseQuotaReset('00:01:02.5000000')).toBe(62_500);
    expect(parseQuotaReset('soon')).toBeUndefined();
    const headers = new Map([['x-ms-user-quota-resets-after', '00:00:04']]);
    expect(retryAfterMsOf({ get: (n) => headers.get(n) })).toBe(4000);
  });
});
