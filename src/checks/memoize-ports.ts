import type { ArmPort, GraphPort, GraphRead } from '../azure/ports';

/**
 * Wraps the ports so that one readiness run calls each distinct ARM/Graph
 * operation once, however many checks need it, and concurrently.
 */
export function memoizePorts(arm: ArmPort, graph: GraphPort): { arm: ArmPort; graph: GraphPort } {
  const cache = new Map<string, Promise<unknown>>();
  const memo =
    <A extends unknown[], R>(name: string, fn: (...args: A) => Promise<R>) =>
    (...args: A): Promise<R> => {
      // A workspace is keyed by sub/rg/name alone: callers pass refs with or without id and location.
      const key = `${name}:${JSON.stringify(args.map(keyPart)).toLowerCase()}`;
      let hit = cache.get(key) as Promise<R> | undefined;
      if (!hit) {
        hit = fn(...args);
        cache.set(key, hit);
        // Keep the rejection observed; each caller still sees it.
        hit.catch(() => undefined);
      }
      return hit;
    };
  const onboarding = memo('onboarding', (ref: Parameters<ArmPort['getSentinelOnboarding']>[0]) => arm.getSentinelOnboarding(ref));
  return {
    arm: {
      listSubscriptions: memo('subs', () => arm.listSubscriptions()),
      listWorkspaces: memo('workspaces', () => arm.listWorkspaces()),
      getWorkspace: memo('workspace', (ref) => arm.getWorkspace(ref)),
      // One onboarding-state read serves both: whether Sentinel is on, and its customer-managed key.
      isSentinelEnabled: (ref) => onboarding(ref).then((state) => state !== null),
      getSentinelOnboarding: (ref) => onboarding(ref),
      listDataConnectors: memo('connectors', (ref) => arm.listDataConnectors(ref)),
      listAlertRules: memo('rules', (ref) => arm.listAlertRules(ref)),
      listAutomationRules: memo('automation', (ref) => arm.listAutomationRules(ref)),
      listRoleAssignmentsFor: memo('rolesFor', (scope: string, id: string) => arm.listRoleAssignmentsFor(scope, id)),
      listRoleAssignmentsAtScope: memo('rolesAt', (scope: string) => arm.listRoleAssignmentsAtScope(scope)),
      listSubscriptionRoleAssignments: memo('subscriptionRoles', (ids: readonly string[], role: string) => arm.listSubscriptionRoleAssignments(ids, role)),
      listRoleEligibilityFor: memo('eligibleFor', (scope: string, id: string) => arm.listRoleEligibilityFor(scope, id)),
    },
    graph: {
      hasDefenderXdr: memo('xdr', () => graph.hasDefenderXdr()),
      listEntraRoleTemplateIds: memo('entra', (id: string) => graph.listEntraRoleTemplateIds(id)),
      listEntraRoleEligibility: memo('entraEligible', (id: string) => graph.listEntraRoleEligibility(id)),
      probe: memo('probe', (read: GraphRead) => graph.probe(read)),
      getUser: memo('user', (id: string) => graph.getUser(id)),
      listEntraRoleHolders: memo('roleHolders', (role: string) => graph.listEntraRoleHolders(role)),
      listGroupMembers: memo('groupMembers', (id: string) => graph.listGroupMembers(id)),
      findServicePrincipal: memo('sp', (appId: string) => graph.findServicePrincipal(appId)),
    },
  };
}

function keyPart(arg: unknown): unknown {
  if (typeof arg === 'object' && arg !== null && 'subscriptionId' in arg && 'resourceGroup' in arg && 'name' in arg) {
    const ws = arg as { subscriptionId: string; resourceGroup: string; name: string };
    return `${ws.subscriptionId}/${ws.resourceGroup}/${ws.name}`;
  }
  return arg;
}
