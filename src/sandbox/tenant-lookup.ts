import { transitiveGroupsOf } from './group-membership';
import type { FixtureSubscription, FixtureWorkspace, TenantFixture } from './fixture-schema';

const same = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

/** A workspace with the subscription that holds it. */
export interface WorkspaceMatch {
  subscription: FixtureSubscription;
  workspace: FixtureWorkspace;
}

/** The subscription with this id (case-insensitive), if any. */
export function findSubscription(tenant: TenantFixture, id: string): FixtureSubscription | undefined {
  return tenant.subscriptions.find((s) => same(s.id, id));
}

/** The workspace at subscription / resource group / name (ARM names are case-insensitive). */
export function findWorkspace(tenant: TenantFixture, subscriptionId: string, resourceGroup: string, name: string): WorkspaceMatch | undefined {
  const subscription = findSubscription(tenant, subscriptionId);
  const workspace = subscription?.workspaces.find((w) => same(w.resourceGroup, resourceGroup) && same(w.name, name));
  return subscription && workspace ? { subscription, workspace } : undefined;
}

/** The workspace named by a `"<subscriptionId>/<rg>/<name>"` key. */
export function findWorkspaceByKey(tenant: TenantFixture, key: string): WorkspaceMatch | undefined {
  const parts = key.split('/');
  if (parts.length !== 3) return undefined;
  const [sub, rg, name] = parts as [string, string, string];
  return findWorkspace(tenant, sub, rg, name);
}

/** `"<subscriptionId>/<rg>/<name>"` for a workspace. */
export function workspaceKey(match: WorkspaceMatch): string {
  return `${match.subscription.id}/${match.workspace.resourceGroup}/${match.workspace.name}`;
}

/** How ARM and Graph type a principal: User, Group or ServicePrincipal. */
export function principalTypeOf(tenant: TenantFixture, principalId: string): 'User' | 'Group' | 'ServicePrincipal' {
  if (tenant.groups.some((g) => same(g.id, principalId))) return 'Group';
  if ((tenant.servicePrincipals ?? []).some((s) => same(s.id, principalId))) return 'ServicePrincipal';
  return 'User';
}

/** The principal itself and the groups it is a member of, nesting expanded (lower case ids). */
export function principalAndGroups(tenant: TenantFixture, principalId: string): Set<string> {
  return new Set([principalId.toLowerCase(), ...transitiveGroupsOf(tenant, principalId)]);
}
