import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { parseTenantFixture } from '../../src/sandbox';
import { createTenantState } from '../../src/sandbox/create-tenant-state';
import { generateTenant } from '../../src/sandbox/generate-tenant';
import { readGenerateArgs } from '../../src/sandbox/generate-tenant-main';

const ROOT = path.resolve(__dirname, '../..');

describe('npm run tenant:generate', () => {
  it('makes a tenant of the asked size that passes the fixture validation, the same for a seed', () => {
    for (const [subscriptions, workspaces] of [
      [1, 0],
      [1, 10],
      [10, 100],
      [100, 1000],
    ] as const) {
      const fixture = parseTenantFixture(generateTenant({ subscriptions, workspaces }), `generated ${subscriptions}/${workspaces}`);
      expect(fixture.subscriptions).toHaveLength(subscriptions);
      expect(fixture.subscriptions.flatMap((s) => s.workspaces)).toHaveLength(workspaces);
      // The sandbox can serve it (the portal's changes of the connected workspace apply).
      expect(() => createTenantState(fixture)).not.toThrow();
    }
    expect(generateTenant({ subscriptions: 10, workspaces: 100, seed: 'a' })).toEqual(generateTenant({ subscriptions: 10, workspaces: 100, seed: 'a' }));
    expect(generateTenant({ subscriptions: 10, workspaces: 100, seed: 'a' })).not.toEqual(generateTenant({ subscriptions: 10, workspaces: 100, seed: 'b' }));
  });

  it('mixes Sentinel, connector and rule states; connects a workspace of subscription 97 of 100; has a Lighthouse subscription', () => {
    const fixture = parseTenantFixture(generateTenant({ subscriptions: 100, workspaces: 1000 }), 'generated');
    const all = fixture.subscriptions.flatMap((s) => s.workspaces);
    const sentinel = all.filter((w) => w.sentinel);
    expect(sentinel.length).toBeGreaterThan(500);
    expect(sentinel.length).toBeLessThan(800);
    const mtp = (w: (typeof all)[number]) => w.dataConnectors.find((c) => c.kind === 'MicrosoftThreatProtection');
    expect(new Set(sentinel.map((w) => `${mtp(w)?.incidents ?? 'none'}/${mtp(w)?.alerts ?? 'none'}`))).toEqual(
      new Set(['Enabled/Enabled', 'enabled/enabled', 'Enabled/Disabled', 'none/none']),
    );
    expect(sentinel.some((w) => w.alertRules.some((r) => r.kind === 'MicrosoftSecurityIncidentCreation' && r.enabled))).toBe(true);
    expect(sentinel.some((w) => !w.alertRules.some((r) => r.kind === 'MicrosoftSecurityIncidentCreation'))).toBe(true);
    expect(fixture.connectedWorkspace).toBe(`${fixture.subscriptions[96]!.id}/rg-097-soc/law-097-01`);
    expect(fixture.subscriptions[1]).toMatchObject({ displayName: 'Customer 002 (Lighthouse)', managedByTenants: [fixture.tenantId] });
    expect(fixture.subscriptions[1]!.tenantId).not.toBe(fixture.tenantId);
    expect(fixture.botAccess).toEqual({ graph: expect.arrayContaining(['User.Read.All', 'RoleManagement.Read.Directory']), armReader: ['*'] });
    expect(parseTenantFixture(generateTenant({ subscriptions: 5, workspaces: 20, connected: null }), 'none').connectedWorkspace).toBeNull();
  });

  it('reads its command line and says what is wrong', () => {
    expect(readGenerateArgs(['--subscriptions', '100', '--workspaces', '1000', '--seed', 's1', '--connected', 'none'])).toEqual({
      subscriptions: 100,
      workspaces: 1000,
      seed: 's1',
      connected: null,
    });
    expect(() => readGenerateArgs(['--subscriptions', '10'])).toThrow(/--subscriptions and --workspaces are required/);
    expect(() => readGenerateArgs(['--subscriptions', 'many', '--workspaces', '1'])).toThrow(
      /--subscriptions needs a whole number from 1 to 10000 \(got many\)/,
    );
    expect(() => readGenerateArgs(['--subscriptions', '3', '--workspaces', '1', '--connected', '4'])).toThrow(/names no subscription: the tenant has 3/);
    expect(() => readGenerateArgs(['--colour', 'red'])).toThrow(/unknown option --colour/);
  });

  it('writes the fixture to stdout (the compiled script, as npm runs it)', () => {
    const out = execFileSync(process.execPath, [path.join(ROOT, 'dist/src/sandbox/generate-tenant-main.js'), '--subscriptions', '2', '--workspaces', '5'], {
      encoding: 'utf8',
    });
    const fixture = parseTenantFixture(JSON.parse(out), 'stdout');
    expect(fixture.subscriptions.flatMap((s) => s.workspaces)).toHaveLength(5);
  });
});
