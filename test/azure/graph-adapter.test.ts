import { customTenant, DANA, MTP_APP, RAVI, ROLE, startSandbox, WDATP_APP, type SandboxHarness } from '../sandbox/sandbox-harness';
import { V2, v2Tenant } from '../sandbox/v2-tenant';

describe('Graph adapter over the sandbox', () => {
  let h: SandboxHarness;
  beforeAll(async () => (h = await startSandbox({ tenant: customTenant() })));
  afterAll(() => h.close());

  it('lists Entra role template ids held directly and through groups', async () => {
    const graph = h.graph();
    expect(await graph.listEntraRoleTemplateIds(RAVI)).toEqual([ROLE.securityAdmin]);
    expect((await graph.listEntraRoleTemplateIds('44444444-4444-4444-8444-444444444444')).sort()).toEqual(
      ['f2ef992c-3afb-46b9-b7cf-a126ee74c451', ROLE.securityReader].sort(),
    );
    expect(await graph.listEntraRoleTemplateIds(DANA)).toEqual([]);
  });

  it('follows @odata.nextLink', async () => {
    const seen: string[] = [];
    // Asks the sandbox for one item per page, so that the adapter must follow nextLink.
    const paging: typeof fetch = (input, init) => {
      const url = new URL(String(input));
      if (!url.searchParams.has('$skiptoken')) url.searchParams.set('$top', '1');
      seen.push(url.toString());
      return fetch(url, init);
    };
    const ids = await h.graph({ fetch: paging }).listEntraRoleTemplateIds('44444444-4444-4444-8444-444444444444');
    expect(ids).toHaveLength(2);
    const assignments = seen.filter((u) => u.includes('/directory/roleAssignments'));
    expect(assignments).toHaveLength(2);
    expect(assignments[1]).toContain('%24skiptoken=1');
  });

  it('reads Graph v1.0 only: the groups (transitiveMemberOf), then the role assignments of the person and those groups in one filter', async () => {
    const seen: string[] = [];
    const spy: typeof fetch = (input, init) => (seen.push(decodeURIComponent(String(input))), fetch(input, init));
    await h.graph({ fetch: spy }).listEntraRoleTemplateIds('44444444-4444-4444-8444-444444444444');
    expect(seen.every((u) => u.includes('/sandbox/graph/v1.0/'))).toBe(true);
    expect(seen[0]).toMatch(/\/v1\.0\/users\/44444444-4444-4444-8444-444444444444\/transitiveMemberOf\?\$select=id&\$top=999$/);
    expect(seen[1]).toContain("$filter=principalId in ('44444444-4444-4444-8444-444444444444','b0000000-0000-4000-8000-0000000050c1')");
  });

  it('reads PIM-eligible Entra roles from roleEligibilityScheduleInstances, never as held roles', async () => {
    const v2 = await startSandbox({ tenant: v2Tenant() });
    try {
      expect(await v2.graph().listEntraRoleEligibility(V2.pimAdmin)).toEqual([ROLE.globalAdmin]);
      expect(await v2.graph().listEntraRoleTemplateIds(V2.pimAdmin)).toEqual([]);
      expect(await v2.graph().listEntraRoleEligibility(RAVI)).toEqual([]);
    } finally {
      await v2.close();
    }
  });

  it('gets users, and null for an unknown one', async () => {
    const graph = h.graph();
    expect(await graph.getUser(DANA)).toEqual({ id: DANA, displayName: 'Dana Okafor (SOC lead)', userPrincipalName: 'dana@contoso.example' });
    expect(await graph.getUser('99999999-9999-4999-8999-999999999999')).toBeNull();
  });

  it('finds the first-party service principals by appId', async () => {
    const graph = h.graph();
    const mtp = await graph.findServicePrincipal(MTP_APP);
    const wdatp = await graph.findServicePrincipal(WDATP_APP);
    expect(mtp).toMatchObject({ appId: MTP_APP, displayName: 'Microsoft Threat Protection' });
    expect(wdatp).toMatchObject({ appId: WDATP_APP, displayName: 'WindowsDefenderATP' });
    expect(mtp!.id).not.toEqual(wdatp!.id);
    expect(await graph.findServicePrincipal('99999999-9999-4999-8999-999999999999')).toBeNull();
  });

  it('sees Defender XDR in subscribedSkus', async () => {
    expect(await h.graph().hasDefenderXdr()).toBe(true);
    const without = await startSandbox({ tenant: customTenant({ defenderXdr: false }) });
    try {
      expect(await without.graph().hasDefenderXdr()).toBe(false);
    } finally {
      await without.close();
    }
  });

  it('sends the token from the credential', async () => {
    const headers: Record<string, string>[] = [];
    const spy: typeof fetch = (input, init) => {
      headers.push(init?.headers as Record<string, string>);
      return fetch(input, init);
    };
    await h.graph({ fetch: spy }).listEntraRoleTemplateIds(RAVI);
    expect(headers[0]).toMatchObject({ Authorization: 'Bearer sandbox-token' });
  });
});
