import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadTenantFixture } from '../../src/sandbox';

const dir = mkdtempSync(join(tmpdir(), 'tenant-fixture-'));

function writeFixture(name: string, content: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

function sample(): any {
  return JSON.parse(JSON.stringify(loadTenantFixture()));
}

describe('loadTenantFixture', () => {
  it('loads the built-in sample tenant without a path', () => {
    const tenant = loadTenantFixture();
    expect(tenant.tenantId).toBe('72f988bf-0000-4000-8000-00000000c0de');
    expect(tenant.subscriptions[0]!.workspaces).toHaveLength(3);
    expect(tenant.connectedWorkspace).toBeNull();
  });

  it('loads a fixture file, applying defaults', () => {
    const path = writeFixture('minimal.json', { tenantId: '72f988bf-0000-4000-8000-00000000c0de', defenderXdr: false });
    expect(loadTenantFixture(path)).toEqual({
      tenantId: '72f988bf-0000-4000-8000-00000000c0de',
      defenderXdr: false,
      users: [],
      groups: [],
      subscriptions: [],
      connectedWorkspace: null,
    });
  });

  it('names the file when it cannot be read or is not JSON', () => {
    expect(() => loadTenantFixture(join(dir, 'missing.json'))).toThrow(/missing\.json.*SANDBOX_TENANT/);
    const path = writeFixture('broken.json', '{ "tenantId": ');
    expect(() => loadTenantFixture(path)).toThrow(new RegExp(`${path.replace(/[.\\]/g, '\\$&')} is not valid JSON`));
  });

  it('names the file, the offending field and what is accepted', () => {
    const badRole = sample();
    badRole.subscriptions[0].roleAssignments[1].role = 'Sentinel God';
    const path = writeFixture('bad-role.json', badRole);
    let message = '';
    try {
      loadTenantFixture(path);
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toContain(path);
    expect(message).toContain('subscriptions[0].roleAssignments[1].role');
    expect(message).toContain('Microsoft Sentinel Contributor');
  });

  it.each([
    ['scope', (t: any) => (t.subscriptions[0].roleAssignments[0].scope = 'tenant'), 'subscriptions[0].roleAssignments[0].scope', 'resourceGroup:<rg>'],
    ['Entra role', (t: any) => (t.users[1].entraRoles = ['Galactic Administrator']), 'users[1].entraRoles[0]', 'Global Administrator'],
    ['tenant id', (t: any) => (t.tenantId = 'contoso'), 'tenantId', 'GUID'],
    ['defenderXdr', (t: any) => delete t.defenderXdr, 'defenderXdr', 'boolean'],
    [
      'unknown principal',
      (t: any) => (t.subscriptions[0].roleAssignments[0].principalId = '99999999-9999-4999-8999-999999999999'),
      'subscriptions[0].roleAssignments[0].principalId',
      'not a user, group or service principal',
    ],
    ['unknown group', (t: any) => (t.users[0].groups = ['99999999-9999-4999-8999-999999999999']), 'users[0].groups[0]', 'not in "groups"'],
    [
      'unknown connected workspace',
      (t: any) => (t.connectedWorkspace = 'sub/rg/nope'),
      'connectedWorkspace',
      '<subscriptionId>/<resourceGroup>/<workspaceName>',
    ],
    [
      'alert rule enabled',
      (t: any) => (t.subscriptions[0].workspaces[0].alertRules[0].enabled = 'yes'),
      'subscriptions[0].workspaces[0].alertRules[0].enabled',
      'boolean',
    ],
    ['nested group', (t: any) => (t.groups[0].groups = ['99999999-9999-4999-8999-999999999999']), 'groups[0].groups[0]', 'not in "groups"'],
    ['self-nested group', (t: any) => (t.groups[0].groups = [t.groups[0].id]), 'groups[0].groups[0]', 'member of itself'],
    ['eligible Entra role', (t: any) => (t.users[0].eligibleEntraRoles = ['Galactic Administrator']), 'users[0].eligibleEntraRoles[0]', 'Global Administrator'],
    [
      'condition version',
      (t: any) => Object.assign(t.subscriptions[0].roleAssignments[0], { condition: 'x', conditionVersion: '1.0' }),
      'subscriptions[0].roleAssignments[0].conditionVersion',
      '"2.0"',
    ],
    [
      'condition version alone',
      (t: any) => (t.subscriptions[0].roleAssignments[0].conditionVersion = '2.0'),
      'subscriptions[0].roleAssignments[0].conditionVersion',
      'needs a "condition"',
    ],
    [
      'Lighthouse subscription',
      (t: any) => (t.subscriptions[0].tenantId = '99999999-9999-4999-8999-999999999999'),
      'subscriptions[0].managedByTenants',
      'Azure Lighthouse',
    ],
    ['botAccess permission', (t: any) => (t.botAccess = { graph: ['Directory.Everything'] }), 'botAccess.graph[0]', 'RoleManagement.Read.Directory'],
    ['botAccess subscription', (t: any) => (t.botAccess = { armReader: ['99999999-9999-4999-8999-999999999999'] }), 'botAccess.armReader[0]', '"*"'],
    [
      'CMK without Sentinel',
      (t: any) => (t.subscriptions[0].workspaces[2].sentinelCustomerManagedKey = true),
      'subscriptions[0].workspaces[2].sentinelCustomerManagedKey',
      '"sentinel": true',
    ],
    [
      'incident settings on a Fusion rule',
      (t: any) => (t.subscriptions[0].workspaces[0].alertRules[2].createIncident = false),
      'subscriptions[0].workspaces[0].alertRules[2].createIncident',
      'Scheduled and NRT',
    ],
    [
      'automation operator',
      (t: any) => (t.subscriptions[0].workspaces[0].automationRules[0].conditions = [{ property: 'IncidentTitle', operator: 'Like', values: ['x'] }]),
      'subscriptions[0].workspaces[0].automationRules[0].conditions[0].operator',
      'Contains',
    ],
    [
      'automation trigger',
      (t: any) => (t.subscriptions[0].workspaces[0].automationRules[0].triggersOn = 'Entities'),
      'subscriptions[0].workspaces[0].automationRules[0].triggersOn',
      'Alerts',
    ],
    [
      'playbook id',
      (t: any) => (t.subscriptions[0].workspaces[0].automationRules[0].actions = [{ type: 'RunPlaybook', logicAppResourceId: 'notify' }]),
      'subscriptions[0].workspaces[0].automationRules[0].actions[0].logicAppResourceId',
      'Microsoft.Logic/workflows',
    ],
  ])('rejects a bad %s', (_what, mutate, field, accepted) => {
    const tenant = sample();
    mutate(tenant);
    const path = writeFixture('bad.json', tenant);
    expect(() => loadTenantFixture(path)).toThrow(field);
    expect(() => loadTenantFixture(path)).toThrow(accepted);
  });

  it('accepts every v2 field, and keeps the v1 fixtures meaning the same', () => {
    const tenant = sample();
    tenant.groups.push({ id: 'b0000000-0000-4000-8000-0000000000b2', displayName: 'Outer', entraRoles: ['Security Administrator'] });
    tenant.groups[0].groups = ['b0000000-0000-4000-8000-0000000000b2'];
    tenant.users[0].eligibleEntraRoles = ['Global Administrator'];
    Object.assign(tenant.subscriptions[0].roleAssignments[0], { eligible: true, condition: '@Resource[x] StringEquals y' });
    tenant.subscriptions[0].managedByTenants = [tenant.tenantId];
    tenant.botAccess = { graph: ['RoleManagement.Read.Directory', 'LicenseAssignment.Read.All', 'Application.Read.All'], armReader: ['*'] };
    tenant.subscriptions[0].workspaces[0].sentinelCustomerManagedKey = true;
    tenant.subscriptions[0].workspaces[0].alertRules.push({
      name: 'nrt',
      kind: 'NRT',
      displayName: 'NRT',
      enabled: true,
      createIncident: false,
      reopenClosedIncident: true,
      groupingEnabled: true,
    });
    tenant.subscriptions[0].workspaces[0].automationRules[0] = {
      name: 'ar',
      displayName: 'AR',
      triggersOn: 'Alerts',
      triggersWhen: 'Updated',
      conditions: [{ property: 'IncidentUpdatedBySource', operator: 'Contains', values: ['Microsoft 365 Defender'] }],
      actions: [{ type: 'RunPlaybook', logicAppResourceId: '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Logic/workflows/p' }],
    };
    const loaded = loadTenantFixture(writeFixture('v2.json', tenant));
    expect(loaded.subscriptions[0]!.roleAssignments[0]).toMatchObject({ eligible: true, condition: '@Resource[x] StringEquals y' });
    expect(loaded.botAccess).toEqual(tenant.botAccess);
    // A v1 fixture gains no field it did not have: the parsed sample is the file as written.
    expect(sample()).toEqual(JSON.parse(readFileSync(join(__dirname, '../../src/sandbox/sample-tenant.json'), 'utf8')));
  });

  it('passes connector states through as written', () => {
    const tenant = sample();
    tenant.subscriptions[0].workspaces[0].dataConnectors[0].incidents = 'enabled';
    expect(loadTenantFixture(writeFixture('lower.json', tenant)).subscriptions[0]!.workspaces[0]!.dataConnectors[0]!.incidents).toBe('enabled');
  });
});
