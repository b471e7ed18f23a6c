import * as fs from 'node:fs';
import * as path from 'node:path';
import { listApprovers } from '../../src/checks/list-approvers';
import { V2, v2Tenant } from '../sandbox/v2-tenant';
import { startCheckSandbox, DANA, PROD, RAVI, type CheckSandbox } from './check-sandbox';

const APPROVERS_TENANT = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../fixtures/approvers-tenant.json'), 'utf8'));
const now = () => new Date('2026-12-02T10:00:00Z');
const deadline = () => Date.now() + 5000;
const names = (list: Awaited<ReturnType<typeof listApprovers>>) => (list.status === 'listed' ? list.people.map((p) => p.name) : list);

describe('listApprovers: who satisfies the approver rule, read from Azure and Graph', () => {
  let s: CheckSandbox | undefined;
  afterEach(async () => {
    await s?.close();
    s = undefined;
  });

  test('the sample tenant: Ravi (Security Administrator and Owner) may decide a connect; the requester and the analysts may not', async () => {
    s = await startCheckSandbox(JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../src/sandbox/sample-tenant.json'), 'utf8')));
    const list = await listApprovers(s.arm, s.graph, PROD, 'connect', DANA, { deadline: deadline(), now });
    expect(list).toEqual({ status: 'listed', people: [{ id: RAVI.id, name: 'Ravi Menon (Security admin)' }], at: now().toISOString() });
  });

  test('groups holding roles are expanded; Owner of the resource group only is not enough; a disconnect needs the Azure roles alone', async () => {
    s = await startCheckSandbox(APPROVERS_TENANT);
    const connect = await listApprovers(s.arm, s.graph, PROD, 'connect', DANA, { deadline: deadline(), now });
    // Mia through the SOC admins group (Owner + Security Administrator), Ola (UAA + Sentinel Contributor), Ravi; not Sam (RG owner).
    expect(names(connect)).toEqual(['Mia Chen (SOC admins)', 'Ola Berg (Global admin)', 'Ravi Menon (Security admin)']);
    const asRavi = await listApprovers(s.arm, s.graph, PROD, 'disconnect', RAVI, { deadline: deadline(), now });
    expect(names(asRavi)).toEqual(['Mia Chen (SOC admins)', 'Ola Berg (Global admin)']);
  });

  test('a disconnect needs the Azure roles alone: an Owner without an Entra role is listed for it, not for a connect', async () => {
    const fixture = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../src/sandbox/sample-tenant.json'), 'utf8'));
    const omar = { id: '77777777-7777-4777-8777-777777777777', displayName: 'Omar Haddad (Subscription owner)' };
    fixture.users.push({ ...omar, upn: 'omar@contoso.example', entraRoles: [], groups: [] });
    fixture.subscriptions[0].roleAssignments.push({ principalId: omar.id, role: 'Owner', scope: 'subscription' });
    s = await startCheckSandbox(fixture);
    expect(names(await listApprovers(s.arm, s.graph, PROD, 'connect', DANA, { deadline: deadline(), now }))).toEqual(['Ravi Menon (Security admin)']);
    expect(names(await listApprovers(s.arm, s.graph, PROD, 'disconnect', DANA, { deadline: deadline(), now }))).toEqual([
      'Omar Haddad (Subscription owner)',
      'Ravi Menon (Security admin)',
    ]);
  });

  test('nested groups are expanded at every level; PIM-eligible and conditional Owners are not listed', async () => {
    s = await startCheckSandbox(v2Tenant());
    const list = await listApprovers(s.arm, s.graph, PROD, 'connect', { id: V2.pimAdmin, name: 'Pim' }, { deadline: deadline(), now });
    // Noor is in Tier 2 → SOC engineers → Security owners, which holds Owner and Security Administrator.
    expect(names(list)).toEqual(['Noor (nested)', 'Ravi Menon (Security admin)']);
    const disconnect = await listApprovers(s.arm, s.graph, PROD, 'disconnect', RAVI, { deadline: deadline(), now });
    // Dana's Owner has a condition, Pim's is eligible only: neither counts, as at the click.
    expect(names(disconnect)).toEqual(['Noor (nested)']);
  });

  test('without GroupMember.Read.All the list is unknown, naming the permission, never a shorter list', async () => {
    s = await startCheckSandbox(
      v2Tenant((t) => (t.botAccess = { graph: ['RoleManagement.Read.Directory', 'User.Read.All', 'LicenseAssignment.Read.All', 'Application.Read.All'] })),
    );
    const list = await listApprovers(s.arm, s.graph, PROD, 'connect', DANA, { deadline: deadline(), now });
    expect(list.status).toBe('unknown');
    expect(list.status === 'unknown' && list.reason).toMatch(/Authorization_RequestDenied.*GroupMember\.Read\.All/);
  });

  test('an Azure error makes the list unknown', async () => {
    s = await startCheckSandbox(APPROVERS_TENANT);
    await s.fault('roleAssignments', 503, 20);
    const list = await listApprovers(s.arm, s.graph, PROD, 'disconnect', DANA, { deadline: deadline(), now });
    expect(list.status).toBe('unknown');
  });
});
