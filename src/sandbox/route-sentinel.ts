import { workspaceId } from './arm-ids';
import { notOnboarded } from './arm-errors';
import type { ArmContext, ArmRequest } from './arm-request';
import { deterministicGuid } from './deterministic-guid';
import { armError, ok, type EmulatedResponse } from './emulated-response';
import { pageArmList } from './page-arm-list';
import { alertRuleJson } from './sentinel-alert-rules';
import { automationRuleJson } from './sentinel-automation-rules';
import { dataConnectorJson } from './sentinel-connectors';
import type { WorkspaceMatch } from './tenant-lookup';

type Json = Record<string, unknown>;

/**
 * `onboardingStates/default` of a Sentinel-enabled workspace; `customerManagedKey` is in every
 * version that has the type (stable/2025-12-01/examples/onboardingStates/GetSentinelOnboardingState.json).
 */
function onboardingStateJson(wsId: string, customerManagedKey: boolean): Json {
  const id = `${wsId}/providers/Microsoft.SecurityInsights/onboardingStates/default`;
  return {
    id,
    name: 'default',
    type: 'Microsoft.SecurityInsights/onboardingStates',
    etag: `"${deterministicGuid('etag', id)}"`,
    properties: { customerManagedKey },
  };
}

const defined = (items: (Json | undefined)[]): Json[] => items.filter((i): i is Json => i !== undefined);

/**
 * `…/workspaces/{ws}/providers/Microsoft.SecurityInsights/{collection}[/{name}]`, at the
 * request's api-version. Returns undefined when the path is not one of these.
 */
export function routeSentinel(ctx: ArmContext, req: ArmRequest, match: WorkspaceMatch, rest: string[]): EmulatedResponse | undefined {
  const low = rest.map((s) => s.toLowerCase());
  if (low[0] !== 'providers' || low[1] !== 'microsoft.securityinsights' || rest.length < 3 || rest.length > 4) return undefined;
  const { subscription: sub, workspace: ws } = match;
  const wsId = workspaceId(sub.id, ws.resourceGroup, ws.name);
  const name = rest[3];
  const v = req.apiVersion;
  const answer = (items: Json[], what: string): EmulatedResponse => {
    if (name === undefined) return pageArmList(req, items, ctx.pageSize);
    const found = items.find((i) => String(i.name).toLowerCase() === name.toLowerCase());
    return found ? ok(found) : armError(404, 'NotFound', `${what} '${name}' was not found.`);
  };
  if (low[2] === 'onboardingstates') {
    // Not onboarded: the list is empty and `default` is a 404 (its exact body is not documented).
    if (!ws.sentinel) return name === undefined ? ok({ value: [] }) : armError(404, 'NotFound', `Sentinel onboarding state '${name}' was not found.`);
    return answer([onboardingStateJson(wsId, ws.sentinelCustomerManagedKey === true)], 'Sentinel onboarding state');
  }
  if (!['dataconnectors', 'alertrules', 'automationrules'].includes(low[2] ?? '')) return undefined;
  if (!ws.sentinel) return notOnboarded(ws.name);
  switch (low[2]) {
    case 'dataconnectors':
      return answer(defined(ws.dataConnectors.map((dc) => dataConnectorJson(wsId, sub.id, ctx.tenant.tenantId, dc, v))), 'Data connector');
    case 'alertrules':
      return answer(defined(ws.alertRules.map((r) => alertRuleJson(wsId, r, v))), 'Alert rule');
    default:
      return answer(
        ws.automationRules.map((r, i) => automationRuleJson(wsId, ctx.tenant.tenantId, r, i + 1)),
        'Automation rule',
      );
  }
}
