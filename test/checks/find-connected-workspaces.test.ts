import { findConnectedWorkspaces } from '../../src/checks/find-connected-workspaces';
import { parseTenantFixture } from '../../src/sandbox';
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
