import { resourceGroupId, subscriptionId, workspaceId } from './arm-ids';
import { subscriptionJson, workspaceJson } from './arm-resources';
import { getRoleAssignment, listRoleAssignments } from './arm-role-assignments';
import { armError, ok, type EmulatedResponse } from './emulated-response';
import type { TenantFixture } from './fixture-schema';
import { routeSentinel } from './route-sentinel';
import { findSubscription, findWorkspace } from './tenant-lookup';

const notFound = (what: string): EmulatedResponse => armError(404, 'ResourceNotFound', `The Resource '${what}' was not found.`);

/** Resolves the scope part of a role assignment path to a known ARM id, or undefined. */
function resolveScope(tenant: TenantFixture, seg: string[]): string | undefined {
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

/** `{scope}/providers/Microsoft.Authorization/roleAssignments[/{name}]`, or undefined when the path is not one. */
function routeRoleAssignments(tenant: TenantFixture, seg: string[], query: URLSearchParams): EmulatedResponse | undefined {
  const low = seg.map((s) => s.toLowerCase());
  const at = low.findIndex((s, i) => s === 'providers' && low[i + 1] === 'microsoft.authorization' && low[i + 2] === 'roleassignments');
  if (at < 0 || seg.length > at + 4) return undefined;
  const scope = resolveScope(tenant, seg.slice(0, at));
  if (!scope) return notFound(`/${seg.slice(0, at).join('/')}`);
  const name = seg[at + 3];
  return name ? getRoleAssignment(tenant, scope, name) : listRoleAssignments(tenant, scope, query.get('$filter'));
}

/** Subscriptions and Log Analytics workspaces (list per subscription / resource group, get one). */
function routeResources(tenant: TenantFixture, seg: string[]): EmulatedResponse {
  const low = seg.map((s) => s.toLowerCase());
  if (low[0] !== 'subscriptions') return notFound(`/${seg.join('/')}`);
  if (seg.length === 1)
    return ok({ count: { type: 'Total', value: tenant.subscriptions.length }, value: tenant.subscriptions.map((s) => subscriptionJson(tenant.tenantId, s)) });
  const sub = findSubscription(tenant, seg[1] ?? '');
  if (!sub) return armError(404, 'SubscriptionNotFound', `The subscription '${seg[1]}' could not be found.`);
  if (seg.length === 2) return ok(subscriptionJson(tenant.tenantId, sub));
  const rg = low[2] === 'resourcegroups' ? seg[3] : undefined;
  const rest = rg ? seg.slice(4) : seg.slice(2);
  const restLow = rest.map((s) => s.toLowerCase());
  if (restLow[0] !== 'providers' || restLow[1] !== 'microsoft.operationalinsights' || restLow[2] !== 'workspaces') return notFound(`/${seg.join('/')}`);
  if (rest.length === 3) {
    const list = sub.workspaces.filter((w) => !rg || w.resourceGroup.toLowerCase() === rg.toLowerCase());
    return ok({ value: list.map((w) => workspaceJson(sub, w)) });
  }
  const match = rg && rest[3] ? findWorkspace(tenant, sub.id, rg, rest[3]) : undefined;
  if (!match)
    return armError(
      404,
      'ResourceNotFound',
      `The Resource 'Microsoft.OperationalInsights/workspaces/${rest[3] ?? ''}' under resource group '${rg ?? ''}' was not found.`,
    );
  if (rest.length === 4) return ok(workspaceJson(sub, match.workspace));
  return routeSentinel(tenant, match, rest.slice(4)) ?? notFound(`/${seg.join('/')}`);
}

/**
 * The ARM emulator: answers a request to `path` (without `/sandbox/arm` and
 * without the query string) from the tenant. Any api-version is accepted.
 */
export function routeArm(tenant: TenantFixture, method: string, path: string, query: URLSearchParams): EmulatedResponse {
  if (method !== 'GET') return armError(405, 'MethodNotAllowed', `The sandbox emulates ARM reads only; ${method} is not supported.`);
  const seg = path
    .split('/')
    .filter(Boolean)
    .map((s) => decodeURIComponent(s));
  return routeRoleAssignments(tenant, seg, query) ?? routeResources(tenant, seg);
}
