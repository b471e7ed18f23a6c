import { isPublishedVersion } from './api-versions';
import { botCanRead, READ_ACTION } from './arm-access';
import { authorizationFailed, resourceNotFound, unsupportedApiVersion } from './arm-errors';
import type { ArmContext, ArmRequest } from './arm-request';
import { subscriptionJson, workspaceJson } from './arm-resources';
import { getRoleAssignment, listRoleAssignments } from './arm-role-assignments';
import { listRoleEligibilityInstances } from './arm-role-eligibility';
import { classifyArmPath, type ArmTarget } from './classify-arm-path';
import { armError, ok, type EmulatedResponse } from './emulated-response';
import { pageArmList } from './page-arm-list';
import { resolveArmScope } from './resolve-arm-scope';
import { putAlertRule } from './put-alert-rule';
import { routeSentinel } from './route-sentinel';
import { findSubscription, findWorkspace } from './tenant-lookup';

const notFound = (path: string): EmulatedResponse => armError(404, 'ResourceNotFound', `The Resource '${path}' was not found.`);

/** Role assignments and eligibility instances: `{scope}/providers/Microsoft.Authorization/<type>[/{name}]`. */
function routeAuthorization(ctx: ArmContext, req: ArmRequest, target: ArmTarget): EmulatedResponse {
  const { seg } = req;
  const at = target.providerAt;
  if (seg.length > at + 4) return notFound(req.path);
  const scope = resolveArmScope(ctx.tenant, seg.slice(0, at));
  if (!scope) return notFound(`/${seg.slice(0, at).join('/')}`);
  const name = seg[at + 3];
  if (target.type === 'roleEligibilityScheduleInstances') return name ? notFound(req.path) : listRoleEligibilityInstances(ctx, req, scope);
  return name ? getRoleAssignment(ctx, req, scope, name) : listRoleAssignments(ctx, req, scope);
}

/** `GET /subscriptions`: only those the bot can read, as ARM lists them. */
function listSubscriptions(ctx: ArmContext, req: ArmRequest): EmulatedResponse {
  const readable = ctx.tenant.subscriptions.filter((s) => botCanRead(ctx.tenant, s.id));
  return pageArmList(
    req,
    readable.map((s) => subscriptionJson(ctx.tenant.tenantId, s)),
    ctx.pageSize,
    { count: { type: 'Total', value: readable.length } },
  );
}

/** Subscriptions, Log Analytics workspaces (list per subscription / resource group, get one) and what is below a workspace. */
function routeResources(ctx: ArmContext, req: ArmRequest): EmulatedResponse {
  const { seg } = req;
  const low = seg.map((s) => s.toLowerCase());
  if (seg.length === 1) return listSubscriptions(ctx, req);
  const sub = findSubscription(ctx.tenant, seg[1] ?? '')!;
  if (seg.length === 2) return ok(subscriptionJson(ctx.tenant.tenantId, sub));
  const rg = low[2] === 'resourcegroups' ? seg[3] : undefined;
  const rest = rg ? seg.slice(4) : seg.slice(2);
  if (rest.length === 3) {
    const list = sub.workspaces.filter((w) => !rg || w.resourceGroup.toLowerCase() === rg.toLowerCase());
    return pageArmList(
      req,
      list.map((w) => workspaceJson(sub, w)),
      ctx.pageSize,
    );
  }
  const match = rg && rest[3] ? findWorkspace(ctx.tenant, sub.id, rg, rest[3]) : undefined;
  if (!match) return resourceNotFound('Microsoft.OperationalInsights/workspaces', rest[3] ?? '', rg ?? '');
  if (rest.length === 4) return ok(workspaceJson(sub, match.workspace));
  return routeSentinel(ctx, req, match, rest.slice(4)) ?? notFound(req.path);
}

/**
 * The ARM emulator. In the order ARM applies them: the path's resource type and its
 * api-version (only those the real service publishes), the bot's read access
 * (`botAccess.armReader`), then the resource itself.
 */
export function routeArm(ctx: ArmContext, req: ArmRequest): EmulatedResponse {
  const target = req.method === 'GET' || req.method === 'PUT' ? classifyArmPath(ctx.tenant, req.seg) : undefined;
  // ARM writes the sandbox takes: an alert rule, as a person turns it back on in the portal.
  const writable = req.method === 'PUT' && target?.type === 'alertRules' && req.seg.length === target.providerAt + 4;
  if (req.method !== 'GET' && !writable) {
    return armError(405, 'MethodNotAllowed', `The sandbox emulates ARM reads, and PUT of an alert rule; ${req.method} ${req.path} is not supported.`);
  }
  if (!target) return notFound(req.path);
  if (!isPublishedVersion(target.type, req.apiVersion)) {
    return unsupportedApiVersion(target.type, req.apiVersion, target.workspace?.workspace.location ?? 'global');
  }
  if (writable) {
    if (!target.workspace) return notFound(req.path);
    return putAlertRule(ctx, req, target.workspace, req.seg[req.seg.length - 1]!);
  }
  if (target.subscriptionId !== undefined) {
    const sub = findSubscription(ctx.tenant, target.subscriptionId);
    if (!sub) return armError(404, 'SubscriptionNotFound', `The subscription '${target.subscriptionId}' could not be found.`);
    if (!botCanRead(ctx.tenant, sub.id)) {
      return authorizationFailed(ctx.bot.clientId, ctx.bot.objectId, READ_ACTION[target.type], `/${req.seg.join('/')}`);
    }
  }
  if (target.type === 'roleAssignments' || target.type === 'roleEligibilityScheduleInstances') return routeAuthorization(ctx, req, target);
  return routeResources(ctx, req);
}
