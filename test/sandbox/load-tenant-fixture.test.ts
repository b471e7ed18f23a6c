import { mkdtempSync, writeFileSync } from 'node:fs';
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
  ])('rejects a bad %s', (_what, mutate, field, accepted) => {
    const tenant = sample();
    mutate(tenant);
    const path = writeFixture('bad.json', tenant);
    expect(() => loadTenantFixture(path)).toThrow(field);
    expect(() => loadTenantFixture(path)).toThrow(accepted);
  });

  it('passes connector states through as written', () => {
    const tenant = sample();
    tenant.subscriptions[0].workspaces[0].dataConnectors[0].incidents = 'enabled';
    expect(loadTenantFixture(writeFixture('lower.json', tenant)).subscriptions[0]!.workspaces[0]!.dataConnectors[0]!.incidents).toBe('enabled');
  });
});
