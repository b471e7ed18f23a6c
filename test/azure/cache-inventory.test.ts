import { cacheInventory } from '../../src/azure/cache-inventory';
import type { ArmPort, GraphPort, WorkspaceInfo } from '../../src/azure/ports';

/** Counting fakes of the ports: only the calls matter here. */
function countingPorts() {
  const calls: string[] = [];
  const ws: WorkspaceInfo = {
    subscriptionId: 's',
    resourceGroup: 'rg',
    name: 'w',
    id: '/subscriptions/s/resourceGroups/rg/providers/Microsoft.OperationalInsights/workspaces/w',
    location: 'x',
  };
  let failNext = false;
  const arm = {
    listSubscriptions: async () => (calls.push('subs'), [{ subscriptionId: 's', displayName: 'S' }]),
    listWorkspaces: async () => {
      calls.push('workspaces');
      if (failNext) {
        failNext = false;
        throw new Error('Azure down');
      }
      return [ws];
    },
    isSentinelEnabled: async () => (calls.push('sentinel'), true),
  } as unknown as ArmPort;
  const graph = {
    findServicePrincipal: async (appId: string) => (calls.push(`sp:${appId}`), { id: `id-${appId}`, appId, displayName: 'x' }),
    hasDefenderXdr: async () => (calls.push('xdr'), true),
  } as unknown as GraphPort;
  return { arm, graph, calls, failOnce: () => (failNext = true) };
}

describe('cacheInventory', () => {
  test('reuses subscriptions, workspaces and service principals within the TTL; everything else is live', async () => {
    let clock = 0;
    const ports = countingPorts();
    const { arm, graph } = cacheInventory(ports.arm, ports.graph, { ttlMs: 1000, now: () => clock });
    await arm.listWorkspaces();
    await arm.listWorkspaces();
    await arm.listSubscriptions();
    await arm.listSubscriptions();
    await graph.findServicePrincipal('A');
    await graph.findServicePrincipal('a');
    await arm.isSentinelEnabled({ subscriptionId: 's', resourceGroup: 'rg', name: 'w' });
    await arm.isSentinelEnabled({ subscriptionId: 's', resourceGroup: 'rg', name: 'w' });
    await graph.hasDefenderXdr();
    await graph.hasDefenderXdr();
    expect(ports.calls).toEqual(['workspaces', 'subs', 'sp:A', 'sentinel', 'sentinel', 'xdr', 'xdr']);
    clock = 1000;
    await arm.listWorkspaces();
    expect(ports.calls.filter((c) => c === 'workspaces')).toHaveLength(2);
  });

  test('a failed read is not cached', async () => {
    const ports = countingPorts();
    const { arm } = cacheInventory(ports.arm, ports.graph);
    ports.failOnce();
    await expect(arm.listWorkspaces()).rejects.toThrow('Azure down');
    await expect(arm.listWorkspaces()).resolves.toHaveLength(1);
    expect(ports.calls.filter((c) => c === 'workspaces')).toHaveLength(2);
  });
});
