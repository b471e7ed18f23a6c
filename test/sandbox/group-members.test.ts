import { startSandbox, RAVI, ROLE, type SandboxHarness } from './sandbox-harness';
import { V2, v2Tenant } from './v2-tenant';
import type { TenantFixture } from '../../src/sandbox';

const GRAPH = '/sandbox/graph/v1.0';

/** The v2 tenant with 150 users in the nested Tier 2 group, and `botAccess.graph` as given. */
function bigGroupTenant(graph?: string[]): TenantFixture {
  return v2Tenant((t) => {
    for (let i = 0; i < 150; i++) {
      const n = String(i).padStart(12, '0');
      t.users.push({ id: `d0000000-0000-4000-8000-${n}`, displayName: `Member ${i}`, upn: `m${i}@contoso.example`, entraRoles: [], groups: [V2.innerGroup] });
    }
    if (graph) t.botAccess = { graph };
  });
}

describe('Graph emulator: groups/{id}/transitiveMembers and roleAssignments $expand=principal', () => {
  let h: SandboxHarness;
  afterEach(async () => {
    await h.close();
  });

  test('transitiveMembers lists every level of nesting, 100 per page with @odata.nextLink; the adapter reads them all', async () => {
    h = await startSandbox({ tenant: bigGroupTenant() });
    const first = await h.request('GET', `${GRAPH}/groups/${V2.topGroup}/transitiveMembers`);
    expect(first.status).toBe(200);
    expect(first.body['@odata.context']).toBe('https://graph.microsoft.com/v1.0/$metadata#directoryObjects');
    expect(first.body.value).toHaveLength(100);
    expect(first.body['@odata.nextLink']).toContain('%24skiptoken=100');
    const members = await h.graph().listGroupMembers(V2.topGroup);
    // 150 members of Tier 2, Noor, and the two groups nested in Security owners.
    expect(members.filter((m) => m.kind === 'user')).toHaveLength(151);
    expect(
      members
        .filter((m) => m.kind === 'group')
        .map((m) => m.id)
        .sort(),
    ).toEqual([V2.innerGroup, V2.outerGroup].sort());
    expect(members.find((m) => m.id === V2.nested)).toEqual({ id: V2.nested, kind: 'user', displayName: 'Noor (nested)' });
  });

  test('members come with @odata.type; an unknown group is 404 Request_ResourceNotFound', async () => {
    h = await startSandbox({ tenant: bigGroupTenant() });
    const page = await h.request('GET', `${GRAPH}/groups/${V2.outerGroup}/transitiveMembers?$select=id,displayName&$top=999`);
    expect(page.body.value).toContainEqual({ '@odata.type': '#microsoft.graph.user', id: V2.nested, displayName: 'Noor (nested)' });
    expect(page.body.value).toContainEqual({ '@odata.type': '#microsoft.graph.group', id: V2.innerGroup, displayName: 'Tier 2' });
    const missing = await h.request('GET', `${GRAPH}/groups/00000000-0000-0000-0000-000000000000/transitiveMembers`);
    expect([missing.status, missing.body.error.code]).toEqual([404, 'Request_ResourceNotFound']);
    expect(await h.graph().listGroupMembers('00000000-0000-0000-0000-000000000000')).toEqual([]);
  });

  test('without GroupMember.Read.All (or a higher one) Graph answers 403 Authorization_RequestDenied', async () => {
    h = await startSandbox({ tenant: bigGroupTenant(['RoleManagement.Read.Directory', 'User.Read.All']) });
    const denied = await h.request('GET', `${GRAPH}/groups/${V2.topGroup}/transitiveMembers`);
    expect([denied.status, denied.body.error.code]).toEqual([403, 'Authorization_RequestDenied']);
    await expect(h.graph().listGroupMembers(V2.topGroup)).rejects.toMatchObject({ kind: 'forbidden', permission: 'GroupMember.Read.All' });
  });

  test('without User.Read.All the users among the members have limited information: @odata.type and id, the rest null', async () => {
    h = await startSandbox({ tenant: bigGroupTenant(['GroupMember.Read.All']) });
    const page = await h.request('GET', `${GRAPH}/groups/${V2.outerGroup}/transitiveMembers?$select=id,displayName`);
    expect(page.body.value).toContainEqual({ '@odata.type': '#microsoft.graph.user', id: V2.nested, displayName: null });
  });

  test('roleAssignments with $filter=roleDefinitionId and $expand=principal: each principal a typed directoryObject', async () => {
    h = await startSandbox({ tenant: bigGroupTenant() });
    const filter = encodeURIComponent(`roleDefinitionId eq '${ROLE.securityAdmin}'`);
    const res = await h.request('GET', `${GRAPH}/roleManagement/directory/roleAssignments?$filter=${filter}&$expand=principal`);
    expect(res.status).toBe(200);
    const principals = res.body.value.map((a: { principal: Record<string, unknown> }) => [a.principal['@odata.type'], a.principal.id, a.principal.displayName]);
    expect(principals).toContainEqual(['#microsoft.graph.user', RAVI, 'Ravi Menon (Security admin)']);
    expect(principals).toContainEqual(['#microsoft.graph.group', V2.topGroup, 'Security owners']);
    expect((await h.request('GET', `${GRAPH}/roleManagement/directory/roleAssignments?$expand=roleDefinition`)).status).toBe(400);
    const holders = await h.graph().listEntraRoleHolders(ROLE.securityAdmin);
    expect(holders).toContainEqual({ id: V2.topGroup, kind: 'group', displayName: 'Security owners' });
  });
});
