import { resourceGroupId, subscriptionId, workspaceId } from './arm-ids';
import type { TenantFixture } from './fixture-schema';
import { findSubscription, findWorkspace } from './tenant-lookup';

/** Resolves the scope part of a role assignment path to a known ARM id, or undefined. */
export function resolveArmScope(tenant: TenantFixture, seg: string[]): string | undefined {
  const low = seg.map((s) => s.toLowerCase());
  const sub = low[0] === 'subscriptions' && seg[1] ? findSubscription(tenant, seg[1]) : undefined;
  if (!sub) return undefined;
  if (seg.length === 2) return subscriptionId(sub.id);
  const rg = seg[3];
  if (low[2] !== 'resourcegroups' || !rg) return undefined;
  const rgKnown =
    sub.workspaces.some((w) => w.resourceGroup.toLowerCase() === rg.toLowerCase()) ||
    sub.roleAssignments.some((ra) => ra.scope.toLowerCase().startsWith(`resourcegroup:${rg.toLowerCase()}`));
  if (seg.length === 4) return rgKnown ? resourceGroupId(sub.id, rg) : undefined;
  const ws = seg[7];
  if (seg.length !== 8 || low[4] !== 'providers' || low[5] !== 'microsoft.operationalinsights' || low[6] !== 'workspaces' || !ws) return undefined;
  const match = findWorkspace(tenant, sub.id, rg, ws);
  return match ? workspaceId(sub.id, match.workspace.resourceGroup, match.workspace.name) : undefined;
}
