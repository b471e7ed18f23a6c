import * as path from 'node:path';
import { findConnectedWorkspaces, scanConnectedWorkspaces } from '../../src/checks/find-connected-workspaces';
import { loadTenantFixture, parseTenantFixture } from '../../src/sandbox';
import { generateTenant } from '../../src/sandbox/generate-tenant';
import { startSandbox } from '../sandbox/sandbox-harness';

type Call = { service: string; method: string; path: string; status: number };

const tenant = () => parseTenantFixture(generateTenant({ subscriptions: 12, workspaces: 60, connected: 9 }), 'generated');

describe('connected-workspace detection by narrowing', () => {
  it('reads connectors and rules only in subscriptions where both Defender apps hold Microsoft Sentinel Contributor', async () => {
    const fixture = tenant();
    // An earlier connection elsewhere left the apps' role in subscription 3, but its workspaces still create incidents.
    const sps = fixture.servicePrincipals!;
    fixture.subscriptions[2]!.roleAssignments.push(
      ...sps.map((sp) => ({ principalId: sp.id, role: 'Microsoft Sentinel Contributor' as const, scope: 'subscription' })),
    );
    for (const ws of fixture.subscriptions[2]!.workspaces) {
      ws.sentinel = true;
      ws.dataConnectors = [{ kind: 'MicrosoftThreatProtection', incidents: 'Enabled', alerts: 'Enabled' }];
      ws.alertRules = [{ name: 'mde', kind: 'MicrosoftSecurityIncidentCreation', displayName: 'MDE incidents', enabled: true }];
    }
    // Only one of the apps in subscription 5: not a connection.
    fixture.subscriptions[4]!.roleAssignments.push({ principalId: sps[0]!.id, role: 'Microsoft Sentinel Contributor', scope: 'subscription' });
    const h = await startSandbox({ tenant: fixture });
    try {
      await h.request('DELETE', '/sandbox/calls');
      const found = await findConnectedWorkspaces(h.arm(), h.graph());
      expect(found.map((w) => w.name)).toEqual(['law-009-01']);
      const made: Call[] = (await h.request('GET', '/sandbox/calls')).body.calls;
      const touched = new Set(made.filter((c) => /\/providers\/Microsoft\.SecurityInsights\//.test(c.path)).map((c) => c.path.split('/')[2]));
      expect(touched).toEqual(new Set([fixture.subscriptions[2]!.id, fixture.subscriptions[8]!.id]));
      // Two Graph lookups, two Resource Graph queries, and at most two reads per workspace of those two subscriptions.
      expect(made.filter((c) => c.service === 'resourceGraph')).toHaveLength(2);
      expect(made.length).toBeLessThanOrEqual(4 + 2 * 10);
    } finally {
      await h.close();
    }
  });
});

describe('secondary candidates (the multi model)', () => {
  // law-soc-prod (primary), law-soc-staging and law-soc-eu (secondaries) connected in the portal; law-soc-lab never was.
  const fixture = () => loadTenantFixture(path.join(__dirname, '..', 'fixtures', 'multi-connected-before-bot-tenant.json'));

  it('are the workspaces with the apps’ role, no XDR connector streaming, no incident creation rule on and the Fusion rule off', async () => {
    const tenant = fixture();
    const sub = tenant.subscriptions[0]!;
    const lab = sub.workspaces.find((w) => w.name === 'law-soc-lab')!;
    // Its Fusion rule off but a Microsoft incident creation rule on: connecting would have turned that off.
    sub.workspaces.push({
      ...structuredClone(lab),
      name: 'law-soc-rule-on',
      alertRules: [
        { kind: 'Fusion', name: 'BuiltInFusion', displayName: 'Fusion', enabled: false },
        { kind: 'MicrosoftSecurityIncidentCreation', name: 'mde', displayName: 'MDE incidents', enabled: true },
      ],
    });
    // No Fusion rule at all: nothing tells it from a workspace never connected.
    sub.workspaces.push({ ...structuredClone(lab), name: 'law-soc-no-fusion', alertRules: [] });
    const h = await startSandbox({ tenant });
    try {
      const scan = await scanConnectedWorkspaces(h.arm(), h.graph(), undefined, { secondaries: true });
      expect(scan.connected.map((w) => w.name)).toEqual(['law-soc-prod']);
      expect(scan.secondaryCandidates.map((w) => w.name).sort()).toEqual(['law-soc-eu', 'law-soc-staging']);
    } finally {
      await h.close();
    }
  });

  it('are not looked for unless asked: the rules of workspaces without XDR streaming are not read', async () => {
    const h = await startSandbox({ tenant: fixture() });
    try {
      await h.request('DELETE', '/sandbox/calls');
      const scan = await scanConnectedWorkspaces(h.arm(), h.graph());
      expect(scan.connected.map((w) => w.name)).toEqual(['law-soc-prod']);
      expect(scan.secondaryCandidates).toEqual([]);
      const made: Call[] = (await h.request('GET', '/sandbox/calls')).body.calls;
      const rulesRead = made.filter((c) => c.path.endsWith('/alertRules')).map((c) => c.path.split('/')[8]);
      expect(rulesRead).toEqual(['law-soc-prod']);
    } finally {
      await h.close();
    }
  });
});
