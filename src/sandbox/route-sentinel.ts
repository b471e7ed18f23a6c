import { workspaceId } from './arm-ids';
import { armError, ok, type EmulatedResponse } from './emulated-response';
import type { TenantFixture } from './fixture-schema';
import { alertRuleJson, automationRuleJson, dataConnectorJson, onboardingStateJson } from './sentinel-resources';
import type { WorkspaceMatch } from './tenant-lookup';

type Json = Record<string, unknown>;

/** Lists or gets one item of a Microsoft.SecurityInsights collection. */
function listOrGet(items: Json[], name: string | undefined, what: string): EmulatedResponse {
  if (name === undefined) return ok({ value: items });
  const found = items.find((i) => String(i.name).toLowerCase() === name.toLowerCase());
  return found ? ok(found) : armError(404, 'NotFound', `${what} '${name}' was not found.`);
}

/**
 * `…/workspaces/{ws}/providers/Microsoft.SecurityInsights/{collection}[/{name}]`.
 * Returns undefined when the path is not one of these.
 */
export function routeSentinel(tenant: TenantFixture, match: WorkspaceMatch, rest: string[]): EmulatedResponse | undefined {
  const low = rest.map((s) => s.toLowerCase());
  if (low[0] !== 'providers' || low[1] !== 'microsoft.securityinsights' || rest.length < 3 || rest.length > 4) return undefined;
  const { subscription: sub, workspace: ws } = match;
  const wsId = workspaceId(sub.id, ws.resourceGroup, ws.name);
  const name = rest[3];
  switch (low[2]) {
    case 'onboardingstates':
      if (!ws.sentinel) {
        return name === undefined
          ? ok({ value: [] })
          : armError(404, 'NotFound', `Sentinel onboarding state '${name}' was not found: Microsoft Sentinel is not enabled on workspace ${ws.name}.`);
      }
      return listOrGet([onboardingStateJson(wsId)], name, 'Sentinel onboarding state');
    case 'dataconnectors':
      return listOrGet(
        ws.dataConnectors.map((dc) => dataConnectorJson(wsId, sub.id, tenant.tenantId, dc)),
        name,
        'Data connector',
      );
    case 'alertrules':
      return listOrGet(
        ws.alertRules.map((r) => alertRuleJson(wsId, r)),
        name,
        'Alert rule',
      );
    case 'automationrules':
      return listOrGet(
        ws.automationRules.map((r, i) => automationRuleJson(wsId, r, i + 1)),
        name,
        'Automation rule',
      );
    default:
      return undefined;
  }
}
